"""Officers' corrections (JSON pointers into the extraction) and flag resolution. Corrections survive reprocessing:
they are re-applied to every new extraction of the same document."""
from __future__ import annotations

import copy
import datetime as dt
from typing import Any, Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.store.load import fill_document
from pipeline.store.models import AuditEntry, Correction, Document, FlagState, ReviewFlag

_MISSING = object()


def _parts(path: str) -> list[str]:
    if not path.startswith("/"):
        raise ValueError(f"not a JSON pointer: {path!r}")
    return [p.replace("~1", "/").replace("~0", "~") for p in path[1:].split("/")]


def get_pointer(doc: Any, path: str) -> Any:
    for part in _parts(path):
        try:
            doc = doc[int(part)] if isinstance(doc, list) else doc[part]
        except (KeyError, IndexError, ValueError, TypeError):
            return _MISSING
    return doc


def set_pointer(doc: Any, path: str, value: Any) -> bool:
    """Set the value at `path` (the last part may be "-" to append to a list). False when the path does not exist."""
    *parents, last = _parts(path)
    target = get_pointer(doc, "/" + "/".join(parents)) if parents else doc
    if isinstance(target, list):
        if last == "-":
            target.append(value)
            return True
        try:
            target[int(last)] = value
            return True
        except (ValueError, IndexError):
            return False
    if isinstance(target, dict):
        target[last] = value
        return True
    return False


def apply_corrections(result: dict, corrections: Iterable[Correction]) -> tuple[dict, list[Correction]]:
    """A copy of `result` with the corrections applied in order, and those that no longer fit."""
    out, lost = copy.deepcopy(result), []
    for corr in corrections:
        if not set_pointer(out, corr.path, corr.new_value):
            lost.append(corr)
    return out, lost


def add_correction(session: Session, doc: Document, path: str, value: Any, *, officer: str,
                   note: str | None = None) -> Correction:
    """Record an officer's correction and rebuild the document's rows from the corrected extraction."""
    old = get_pointer(doc.extraction, path)
    corr = Correction(document_id=doc.id, path=path, old_value=None if old is _MISSING else old, new_value=value,
                      officer=officer, note=note)
    session.add(corr)
    corrected, lost = apply_corrections(doc.extraction, [corr])
    if lost:
        raise ValueError(f"cannot correct {path}: no such place in document #{doc.id}")
    status = doc.status
    fill_document(session, doc, corrected)
    doc.status = status                           # a correction alone never changes the review status
    session.add(AuditEntry(actor=officer, action="corrected", document_id=doc.id,
                           detail={"path": path, "old": corr.old_value, "new": value, "note": note}))
    return corr


def corrections_of(session: Session, document_id: int) -> list[Correction]:
    return list(session.scalars(select(Correction).where(Correction.document_id == document_id)
                                .order_by(Correction.id)))


def resolve_flag(session: Session, flag_id: int, *, officer: str, resolution: str | None = None) -> ReviewFlag:
    flag = session.get_one(ReviewFlag, flag_id)
    flag.state, flag.resolved_by, flag.resolution = FlagState.resolved, officer, resolution
    flag.resolved_at = dt.datetime.now(dt.timezone.utc)
    open_left = session.scalar(select(ReviewFlag.id).where(ReviewFlag.document_id == flag.document_id,
                                                           ReviewFlag.state == FlagState.open).limit(1))
    doc = session.get_one(Document, flag.document_id)
    if open_left is None and doc.status == "needs_review":
        doc.status = "extracted"
    session.add(AuditEntry(actor=officer, action="flag_resolved", document_id=doc.id,
                           detail={"flag": flag_id, "code": flag.code, "resolution": resolution}))
    return flag
