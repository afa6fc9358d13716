"""The enterprise's and letter's values know where they were read, and a poorly scanned one is flagged."""
from __future__ import annotations

from extractors.fields import read_fields
from extractors.model import Cell, DocumentContent, Paragraph, Table
from extractors.fields.checks import run_checks

BODY = ["Kính gửi: Ban Quản lý Khu kinh tế Hải Phòng",
        "Công ty TNHH Bao bì Hải An (MST: 0201234569) phúc đáp Công văn 812/BQL-LĐ như sau:",
        "1. Nhu cầu tuyển dụng", "Năm 2023 Công ty cần tuyển 25 công nhân vận hành máy in trình độ sơ cấp.",
        "Trân trọng./."]


def test_values_of_a_docx_letterhead_point_to_its_cells():
    head = Table(rows=[[Cell("CÔNG TY TNHH BAO BÌ HẢI AN\nSố: 4/CV-HA"),
                        Cell("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHải Phòng, ngày 2 tháng 3 năm 2023")]], index=0)
    content = DocumentContent("test", [head, *(Paragraph(t, i + 1) for i, t in enumerate(BODY))])
    reading = read_fields(content)
    sources = reading.letter.provenance
    assert (sources["number"].table, sources["number"].column) == (0, 0)
    assert (sources["date"].table, sources["date"].column) == (0, 1)
    assert reading.enterprise.provenance["tax_code"].block == 2
    assert sources["date"].confidence is None                      # a text layer: certain
    assert not [f for f in run_checks(reading) if f.field.startswith(("letter", "enterprise"))]


def test_a_date_and_tax_code_read_from_poorly_scanned_lines_are_flagged_on_their_fields():
    lines = [("CÔNG TY TNHH BAO BÌ HẢI AN", 0.93), ("Số: 4/CV-HA", 0.91), ("Hải Phòng, ngày 2 tháng 3 năm 2023", 0.41)]
    lines += [(t, 0.92) for t in BODY]
    lines[4] = (lines[4][0], 0.38)                                  # the line with the tax code
    content = DocumentContent("test", [Paragraph(t, i, page=1, confidence=c) for i, (t, c) in enumerate(lines)])
    reading = read_fields(content)
    assert reading.letter.provenance["date"].confidence == 0.41
    flags = {f.field: f for f in run_checks(reading, ocr_used=True)}
    assert flags["letter.date"].code == "low_confidence" and "2023-03-02" in flags["letter.date"].message
    assert flags["enterprise.tax_code"].code == "low_confidence"
    assert "letter.number" not in flags
