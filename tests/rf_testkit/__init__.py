"""Shared test helpers of the store, intake, flow and mailbox tests (imported by their conftest.py files)."""
