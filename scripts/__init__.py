"""Developer scripts, run from the repository root as modules (`.venv/bin/python -m scripts.NAME`) so that they
can import the tests' helpers (tests/support/); tests never import scripts."""
