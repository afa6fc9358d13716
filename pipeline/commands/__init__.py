"""CLI commands, one module each; pipeline/cli.py registers them."""
