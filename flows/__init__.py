"""Prefect orchestration only: each task wraps pipeline calls; the pipeline never imports Prefect.

Prefect's temporary API server (used when no PREFECT_API_URL is set) takes 10-25 s to start on our machines,
beyond its default 20 s time-out: unless configured otherwise, allow it 120 s. This must be set before Prefect
reads its settings, i.e. before `import prefect`, hence here. The temporary server's telemetry to Prefect's
servers is off too (no calls out of the Board's network), unless configured otherwise.
"""
import os

os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
