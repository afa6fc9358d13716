"""Prefect orchestration only: each task wraps pipeline calls; the pipeline never imports Prefect.

Prefect's temporary API server (used when no PREFECT_API_URL is set) takes 10-25 s to start on our machines,
beyond its default 20 s time-out: unless configured otherwise, allow it 120 s. This must be set before Prefect
reads its settings, i.e. before `import prefect`, hence here.
"""
import os

os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
