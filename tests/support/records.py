"""Contract records written by hand for the store's tests, and loading one as the intake does."""
from __future__ import annotations

import hashlib

from pipeline.store.load import SourceInfo, load_document


def result(n: int, *, tax: str | None = "0200010012", name: str = "Công ty TNHH ABC Việt Nam", number: str = "15/CV",
           date: str = "2023-03-20", quantity: int = 100, status: str = "extracted", flags: list | None = None,
           salt: str = "") -> dict:
    return {
        "schema_version": "1",
        "source": {"file_name": f"r{n}.docx", "sha256": hashlib.sha256(f"{n}{salt}".encode()).hexdigest(),
                   "media_type": "application/pdf", "pages": 1, "ocr_used": False},
        "status": status,
        "enterprise": {"name": name, "tax_code": tax, "zone": "KCN Đình Vũ"},
        "letter": {"number": number, "date": date},
        "hiring_needs": [{"year": 2023, "position": "Công nhân may", "qualification": "unskilled", "quantity": quantity,
                          "quantity_max": None, "confidence": 0.9},
                         {"year": 2024, "position": "Kỹ sư", "qualification": "university", "quantity": 5,
                          "quantity_max": 8}],
        "criteria": [{"category": "language", "text": "Tiếng Hàn TOPIK 3"}],
        "cooperation_offers": [{"kind": "internship", "text": "Nhận 50 sinh viên thực tập"}],
        "registration": {"frequency": "monthly", "channels": ["Cổng thông tin heza"]},
        "proposals": ["Tổ chức ngày hội việc làm"],
        "flags": flags or [],
    }


def load(store, res, **kw):
    with store.session() as s:
        doc = load_document(s, res, source=SourceInfo(kind="folder", path=res["source"]["file_name"],
                                                      received_at=kw.pop("received_at", None)),
                            extractor_version="test", archive_path=f"archive/x/{res['source']['sha256']}", **kw)
        return doc.id
