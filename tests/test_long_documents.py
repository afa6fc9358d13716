"""A document longer than the probe's pages: read in part first (is it a reply at all?), then whole only when it
is one; one that only might be a reply goes to an officer on its first pages, without reading the rest."""
from __future__ import annotations

from pathlib import Path

import pytest

import extractors.readers as readers
from pipeline.runtime.extract import PROBE_PAGES, extract_path
from tests.support.letters import FONT_DIR

REPORT = [                      # answers in prose, no numbered points, neither cites 812 nor addresses the Board
    "CÔNG TY TNHH CƠ KHÍ MINH TÂM",
    "BÁO CÁO TÌNH HÌNH LAO ĐỘNG NĂM 2023",
    "Trong năm 2023 Công ty dự kiến tuyển 40 công nhân cơ khí và 5 kỹ sư.",
    "Người lao động cần có chứng chỉ nghề hàn và sức khỏe tốt.",
]
LETTER = [
    "CÔNG TY TNHH CƠ KHÍ MINH TÂM",
    "Kính gửi: Ban Quản lý Khu kinh tế Hải Phòng",
    "Phúc đáp Công văn số 812/BQL-LĐ của Ban Quản lý Khu kinh tế Hải Phòng, Công ty báo cáo như sau:",
    "1. Nhu cầu tuyển dụng: năm 2023 Công ty dự kiến tuyển 40 công nhân cơ khí và 5 kỹ sư.",
    "2. Tiêu chuẩn: công nhân có chứng chỉ nghề hàn, sức khỏe tốt.",
    "3. Hợp tác đào tạo: nhận sinh viên thực tập tại xưởng.",
]


def _pdf(path: Path, first_page: list[str], pages: int) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if "DejaVuSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSerif", str(FONT_DIR / "DejaVuSerif.ttf")))
    c = canvas.Canvas(str(path), pagesize=A4)
    for number in range(pages):
        c.setFont("DejaVuSerif", 11)
        lines = first_page if number == 0 else [f"Phụ lục hướng dẫn vận hành máy, trang {number + 1}."]
        for i, line in enumerate(lines):
            c.drawString(60, 780 - 18 * i, line)
        c.showPage()
    c.save()
    return path


@pytest.fixture
def pages_read(monkeypatch):
    """The max_pages of every read_document call."""
    calls = []
    real = readers.read_document
    monkeypatch.setattr(readers, "read_document",
                        lambda path, **kw: calls.append(kw.get("max_pages")) or real(path, **kw))
    return calls


def test_a_long_document_that_only_might_be_a_reply_goes_to_review_on_its_first_pages(tmp_path, pages_read):
    path = _pdf(tmp_path / "bao_cao_dai.pdf", REPORT, PROBE_PAGES + 8)
    record = extract_path(path)
    assert pages_read == [PROBE_PAGES]                              # the rest was never read
    assert record.status == "needs_review" and record.source.pages == PROBE_PAGES + 8
    messages = [f.message for f in record.flags if f.code == "reply_unclear"]
    assert any(f"{PROBE_PAGES} trang đầu" in m for m in messages), messages
    assert sum(n.quantity for n in record.hiring_needs) == 45      # what the first pages say is kept


def test_a_long_reply_citing_the_board_is_read_whole(tmp_path, pages_read):
    record = extract_path(_pdf(tmp_path / "tra_loi_dai.pdf", LETTER, PROBE_PAGES + 2))
    assert pages_read == [PROBE_PAGES, None]
    assert not any("trang đầu" in f.message for f in record.flags)
