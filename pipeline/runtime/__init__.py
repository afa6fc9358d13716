"""The extraction runtime: one file into its contract record (extract.py), many files in isolated worker
processes with time and memory limits (isolation.py), workers forked from a server that preloaded the
extractors (preload.py)."""
