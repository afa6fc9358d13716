"""The central store: documents, what was read from them, review flags, corrections, audit log, mailbox state."""
from pipeline.store.db import Store, StoreUnavailable, open_store

__all__ = ["Store", "StoreUnavailable", "open_store"]
