"""Integrity: a version per document (optimistic concurrency), the officer's decision and a new reading kept
beside approved values; corrections tied to what they correct instead of a list index.

Existing corrections (JSON pointers) are tied by replaying them backwards from the stored values: each one's
old value gives the values as they were when it was made, hence the item its index designated. One that cannot
be tied stays untied (section NULL): re-reading never applies it and flags it for an officer.

Revision ID: 0003
Revises: 0002
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003"
down_revision: Union[str, Sequence[str], None] = "0002"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

JSONType = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        batch.add_column(sa.Column("reviewed_outcome", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("reviewed_by", sa.Text(), nullable=True))
        batch.add_column(sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("pending_reading", JSONType, nullable=True))
    with op.batch_alter_table("corrections") as batch:
        batch.add_column(sa.Column("kind", sa.String(length=8), nullable=False, server_default="set"))
        batch.add_column(sa.Column("section", sa.String(length=40), nullable=True))
        batch.add_column(sa.Column("field", sa.String(length=60), nullable=True))
        batch.add_column(sa.Column("target", JSONType, nullable=True))
        batch.add_column(sa.Column("version", sa.Integer(), nullable=True))
    _decisions_from_audit()
    _tie_corrections()


def _decisions_from_audit() -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT document_id, action, actor, at FROM audit_log WHERE document_id IS NOT NULL "
                                "AND action IN ('approved', 'rejected') ORDER BY at, id")).all()
    last = {doc_id: (action, actor, at) for doc_id, action, actor, at in rows}
    for doc_id, (action, actor, at) in last.items():
        conn.execute(sa.text("UPDATE documents SET reviewed_outcome = :o, reviewed_by = :b, reviewed_at = :a "
                             "WHERE id = :d"), {"o": action, "b": actor, "a": at, "d": doc_id})


def _tie_corrections() -> None:
    import copy

    from pipeline.store.corrections import CorrectionError, get_pointer, tie

    conn = op.get_bind()
    corrections = sa.table("corrections", sa.column("id"), sa.column("document_id"), sa.column("path"),
                           sa.column("old_value", JSONType), sa.column("new_value", JSONType), sa.column("kind"),
                           sa.column("section"), sa.column("field"), sa.column("target", JSONType))
    documents = sa.table("documents", sa.column("id"), sa.column("extraction", JSONType))
    c = corrections.c
    docs = conn.execute(sa.select(c.document_id).distinct()).scalars().all()
    for doc_id in docs:
        values = conn.execute(sa.select(documents.c.extraction).where(documents.c.id == doc_id)).scalar()
        rows = conn.execute(sa.select(c.id, c.path, c.old_value, c.new_value).where(c.document_id == doc_id)
                            .order_by(c.id)).all()
        state, before = copy.deepcopy(values), {}
        for corr_id, path, old, _new in reversed(rows):   # undo each correction: the values before it
            undone = copy.deepcopy(state)
            try:
                parts = [p.replace("~1", "/").replace("~0", "~") for p in path[1:].split("/")]
                if parts[-1] == "-":
                    undone[parts[0]].pop()
                else:
                    parent = get_pointer(undone, "/" + "/".join(parts[:-1])) if len(parts) > 1 else undone
                    key = int(parts[-1]) if isinstance(parent, list) else parts[-1]
                    if isinstance(parent, list) and not 0 <= key < len(parent):
                        raise IndexError(key)
                    parent[key] = old
            except (KeyError, IndexError, ValueError, TypeError, AttributeError):
                continue                              # designates nothing: it changed nothing, stays untied
            before[corr_id] = state = undone
        for corr_id, path, _old, new in rows:
            try:
                if corr_id not in before:
                    raise CorrectionError("the values before it are unknown")
                tied = tie(before[corr_id], path, new)
            except CorrectionError:
                continue                              # stays untied: flagged, never applied, at the next reading
            conn.execute(corrections.update().where(c.id == corr_id).values(**tied))


def downgrade() -> None:
    with op.batch_alter_table("corrections") as batch:
        for name in ("version", "target", "field", "section", "kind"):
            batch.drop_column(name)
    with op.batch_alter_table("documents") as batch:
        for name in ("pending_reading", "reviewed_at", "reviewed_by", "reviewed_outcome", "version"):
            batch.drop_column(name)
