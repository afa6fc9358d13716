"""The migrations at head give exactly the tables of the models (docs/store-migrations.md): a column added to a
model without its migration, or a migration that drifts from the models, fails here on SQLite and PostgreSQL."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, select

from pipeline.store import web_models  # noqa: F401  (the review app's tables belong to the same metadata)
from pipeline.store.models import Base, Document, HiringNeed
from pipeline.store.queries import CURRENT_REPLY, current_hiring_needs
from tests.support.records import load, result


def test_migrations_at_head_match_the_models(store):
    with store.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []


def test_the_current_needs_view_applies_the_current_reply_rule(store):
    """Migration 0001 wrote the rule into the view; the live code states it once (CURRENT_REPLY): they agree."""
    load(store, result(1, number="1/CV"))
    load(store, result(2, number="2/CV", quantity=120, date="2023-03-25"))   # a newer reply of the same enterprise
    load(store, result(3, number="3/CV", tax="0100109106", name="Công ty B", status="rejected"))
    with store.session() as s:
        by_rule = s.scalars(select(HiringNeed.id).join(Document, Document.id == HiringNeed.document_id)
                            .where(CURRENT_REPLY).order_by(HiringNeed.id)).all()
        by_view = s.scalars(select(current_hiring_needs.c.id).order_by(current_hiring_needs.c.id)).all()
        assert by_view == by_rule and by_rule
        assert s.scalar(select(func.count()).select_from(HiringNeed)) > len(by_rule)
