"""Prefect orchestration only: each task wraps one pipeline call."""
