"""No stored value breaks the app (issue 10, point 2): the store's text and number fields are filled with hostile
values (control characters, lone surrogates, formulas, markup, 100 kB texts, 2^63-1 and 10^30, values of the
wrong type in the letter's JSON), written behind the schema's back as a bug or an old row could; then every page
and every export answers 200, and the downloads open in the libraries that read them."""
from __future__ import annotations

import io
import itertools
import json
import warnings

import pytest
from sqlalchemy import select, text, update

from tests.support.seed import seed
from tests.support.webclient import sign_in

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

TEXTS = ["Thợ hàn\x00\x01\x1f\x7f\x9f", "lone \ud800 surrogate", "\ufffe\uffff", '=HYPERLINK("http://evil.example")',
         "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "<script>alert(1)</script>", "{{ 7*7 }}{% raw %}", "x" * 100_000,
         "\u202eRTL\u200b", "🧑‍🏭 Kỹ sư", "", " ", "'; DROP TABLE documents; --", "\r\n\t", "%s %(x)s {0}"]
NUMBERS = [2 ** 63 - 1, -(2 ** 63), -1, 0, 10 ** 30, 2 ** 31 - 1, 1.5, float(2 ** 60)]
JSON_ODDITIES = ["abc", None, {"nested": ["x"]}, [1, 2], True]
flip = itertools.cycle([True, False, False])


def _storable(value, backend: str, column: str = "text"):  # noqa: ANN001, ANN201
    """What the backend can hold at all: PostgreSQL refuses NUL in text and JSON and any lone surrogate; SQLite's
    driver refuses surrogates in text columns (JSON is written escaped, so it can hold them); integer columns
    hold 64 bits on SQLite and 32 on PostgreSQL."""
    if isinstance(value, str):
        if backend == "postgresql":
            value = "".join(c for c in value.replace("\x00", "") if not 0xD800 <= ord(c) <= 0xDFFF)
        elif column == "text":
            value = "".join(c for c in value if not 0xD800 <= ord(c) <= 0xDFFF)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and column == "int":
        bound = 2 ** 31 - 1 if backend == "postgresql" else 2 ** 63 - 1
        value = max(-bound, min(bound, int(value)))
    return value


def _hostile_json(value, backend: str, texts, numbers, odd):  # noqa: ANN001, ANN201
    """The letter's JSON with every string and number replaced by hostile ones (keys kept), some by other types."""
    if isinstance(value, dict):
        return {k: (next(odd) if k in ("quantity", "position", "text", "year", "snippet") and next(flip)
                    else _hostile_json(v, backend, texts, numbers, odd)) for k, v in value.items()}
    if isinstance(value, list):
        return [_hostile_json(v, backend, texts, numbers, odd) for v in value] + [_storable(next(texts), backend, "json")]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, str):
        return _storable(next(texts), backend, "json")
    if isinstance(value, (int, float)):
        return next(numbers)
    return value


def _fill_store_with_hostile_values(store, backend: str) -> None:  # noqa: ANN001
    from pipeline.store.models import (AuditEntry, Criterion, Document, Enterprise, HiringNeed, Offer, Proposal,
                                       Registration, ReviewFlag)
    from pipeline.store.web_models import RegisterEntry

    texts = itertools.cycle(TEXTS)
    numbers = itertools.cycle(NUMBERS)
    odd = itertools.cycle(JSON_ODDITIES)
    with store.session() as s:
        for doc in s.scalars(select(Document)).all():
            extraction = json.loads(json.dumps(doc.extraction))
            keep = {k: extraction[k] for k in ("source", "status") if k in extraction}
            hostile = _hostile_json(extraction, backend, texts, numbers, odd)
            hostile.update(keep)
            hostile["flags"] = (hostile.get("flags") or []) + [{"code": _storable(next(texts), backend, "json"),
                                                                "message": _storable(next(texts), backend, "json")}]
            doc.extraction = hostile
            doc.file_name = _storable(next(texts), backend) or "x"
            doc.letter_number = _storable(next(texts), backend)
            doc.sender = _storable(next(texts), backend)
            doc.subject = _storable(next(texts), backend)
        s.flush()
        for model, columns in ((HiringNeed, ("position",)), (Criterion, ("text",)), (Offer, ("text",)),
                               (Proposal, ("text",)), (Enterprise, ("name", "zone")),
                               (ReviewFlag, ("message", "field"))):
            for row in s.scalars(select(model)).all():
                for column in columns:
                    setattr(row, column, _storable(next(texts), backend))
        for need in s.scalars(select(HiringNeed)).all():
            need.quantity = _storable(next(numbers), backend, "int")
            need.quantity_max = _storable(next(numbers), backend, "int") if need.id % 2 else None
        for reg in s.scalars(select(Registration)).all():
            reg.channels = [_storable(t, backend, "json") for t in TEXTS[:5]] + [None, 7]
        s.add(AuditEntry(actor=_storable(TEXTS[0], backend), action="corrected", document_id=1,
                         detail={"old": _storable(TEXTS[1], backend, "json"), "new": 10 ** 30, "version": "x"}))
        for i, t in enumerate(TEXTS[:8]):
            s.add(RegisterEntry(name=_storable(t, backend) or "x", name_key=f"k{i}", tax_code=str(i),
                                zone=_storable(TEXTS[i + 1], backend), contact=_storable(TEXTS[i + 2], backend),
                                imported_by="admin"))
        if backend == "sqlite":                                    # a quantity only SQLite's column can hold
            s.execute(update(HiringNeed).where(HiringNeed.id == 1).values(quantity=2 ** 63 - 1))
            s.execute(text("UPDATE hiring_needs SET year = 99999999999 WHERE id = 2"))


def _pages(client, store) -> list[str]:  # noqa: ANN001
    from pipeline.store.models import Document, Enterprise

    with store.session() as s:
        docs = s.scalars(select(Document.id)).all()
        enterprises = s.scalars(select(Enterprise.id)).all()
    paths = ["/queue", "/queue?flag=total_mismatch", "/letters", "/letters?status=all&sort=enterprise",
             "/dashboard", "/dashboard?scope=approved", "/dashboard/drill?year=2023",
             "/dashboard/drill?year=99999999999999999999999", "/dashboard/drill?position=%00x",
             "/dashboard/drill?category=skills", "/register", "/register?show=all", "/register/missing.csv",
             "/register/missing.xlsx", "/exports", "/exports/items.xlsx", "/exports/items.xlsx?scope=approved",
             "/exports/report.docx", "/exports/report.docx?scope=approved", "/audit", "/audit?document=1",
             "/users"]
    return paths + [f"/documents/{i}" for i in docs] + [f"/enterprises/{i}" for i in enterprises]


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_no_stored_value_breaks_a_page_or_an_export(tmp_path, backend):
    from docx import Document as Docx
    from openpyxl import load_workbook

    from pipeline.config import get_settings
    from pipeline.web import create_app
    from tests.support.databases import fresh_postgres

    data_dir = tmp_path / "data"
    data_dir.mkdir()

    def run(url: str) -> None:
        seed(data_dir, url)
        app = create_app(get_settings(data_dir=data_dir, database_url=url), secret_key="fuzz")
        try:
            _fill_store_with_hostile_values(app.state.store, backend)
            with TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=True) as client:
                assert sign_in(client, "admin").status_code == 303
                for path in _pages(client, app.state.store):
                    resp = client.get(path)
                    assert resp.status_code == 200, (path, resp.status_code, resp.text[:300])
                    if path.startswith("/exports/items") or path.endswith(".xlsx"):
                        load_workbook(io.BytesIO(resp.content))
                    elif path.startswith("/exports/report"):
                        Docx(io.BytesIO(resp.content))
                    elif path.endswith(".csv"):
                        resp.content.decode("utf-8-sig")
                    else:
                        assert "<script>alert(1)</script>" not in resp.text, path
        finally:
            app.state.store.dispose()

    if backend == "sqlite":
        run(f"sqlite:///{data_dir / 'replyflow.db'}")
    else:
        with fresh_postgres() as url:
            run(url)
