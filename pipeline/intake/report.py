"""What one intake run did."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class IngestReport:
    found: int = 0                 # settled files seen in the inbox
    unsettled: int = 0             # files still being written (or changed meanwhile): left for the next run
    stored: int = 0                # new document records
    by_status: Counter = field(default_factory=Counter)
    duplicates: int = 0            # byte-identical to a stored document: no record, removed from the inbox
    completed: int = 0             # stored or quarantined by an interrupted run, moved now
    quarantined: int = 0
    released: int = 0              # quarantined files that `retry` could process now
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    def merge(self, other: IngestReport) -> IngestReport:
        for name in ("found", "unsettled", "stored", "duplicates", "completed", "quarantined", "released"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.by_status.update(other.by_status)
        self.errors.extend(other.errors)
        return self

    def to_json(self) -> dict:
        out = {k: getattr(self, k) for k in ("found", "unsettled", "stored", "duplicates", "completed",
                                              "quarantined", "released", "errors")}
        out["by_status"] = dict(self.by_status)
        out["seconds"] = round(self.seconds, 2)
        return out
