"""Configuration, extraction of one file (readers, fields and checks are in extractors/), the store, the review app
and the CLI."""
