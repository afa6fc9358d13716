"""Configuration, extraction of one file, cross-checks, the store, the review app and the CLI."""
