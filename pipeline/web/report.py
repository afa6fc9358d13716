"""The summary report to the City People's Committee as DOCX, in the administrative format of Decree 30/2020/NĐ-CP:
A4, Times New Roman, the issuing body and the national motto side by side, number and date left for the office to
fill ("Số: …/BC-BQL", "Hải Phòng, ngày … tháng … năm …"), the document type and its summary, "Kính gửi", the
body with numbered parts and tables (totals rows, numbers right-aligned the Vietnamese way), "Nơi nhận" and the
signature block. Ready to sign after a read."""
from __future__ import annotations

import datetime as dt
import io

from sqlalchemy.orm import Session

from pipeline.web import formats, labels, queries
from schemas.text import clean_text

BODY = "BAN QUẢN LÝ KHU KINH TẾ HẢI PHÒNG"
PARENT = "UBND THÀNH PHỐ HẢI PHÒNG"
SUMMARY = "Tổng hợp nhu cầu tuyển dụng và liên kết đào tạo của doanh nghiệp trong các KCN, KKT"
ADDRESSEE = "Kính gửi: Ủy ban nhân dân thành phố Hải Phòng"
FONT = "Times New Roman"


def report_docx(session: Session, *, author: str | None = None, scope: str = "all",
                basis: list[str] | None = None) -> bytes:
    from docx import Document as Docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    doc = Docx()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)
    normal.element.rPr.rFonts.set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia", FONT)
    normal.paragraph_format.space_after = Pt(0)

    _header(doc, Pt, Cm, WD_ALIGN_PARAGRAPH)
    _para(doc, "BÁO CÁO", bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER, before=12)
    _para(doc, SUMMARY, bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    _rule(doc, WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, ADDRESSEE, size=14, align=WD_ALIGN_PARAGRAPH.CENTER, before=6, after=6)
    _para(doc, "Thực hiện chỉ đạo của Ủy ban nhân dân thành phố về gắn kết đào tạo với nhu cầu tuyển dụng của doanh "
               "nghiệp, Ban Quản lý Khu kinh tế Hải Phòng đã có văn bản số 812/BQL-LĐ đề nghị các doanh nghiệp trong "
               "các khu công nghiệp, khu kinh tế cung cấp thông tin. Trên cơ sở văn bản trả lời của doanh nghiệp, "
               "Ban Quản lý báo cáo như sau:", indent=True)
    for line in basis or []:
        _para(doc, line, indent=True)

    n = 1
    rows = queries.register_status(session)
    if rows:
        _heading(doc, f"{n}. Tình hình trả lời của doanh nghiệp")
        rates = queries.response_by_zone(rows)
        _table(doc, ["Khu", "Số doanh nghiệp", "Đã trả lời", "Tỷ lệ"],
               [[r["zone"], r["total"], r["replied"], formats.number(round(r["rate"] * 100)) + "%"]
                for r in rates[:-1]], total=["Cộng", rates[-1]["total"], rates[-1]["replied"],
                                             formats.number(round(rates[-1]["rate"] * 100)) + "%"])
        n += 1
    needs = queries.NeedsSummary(session, scope)
    figure = needs.total
    years, zone_rows = needs.cross("zone")
    _heading(doc, f"{n}. Nhu cầu tuyển dụng theo khu và theo năm (người)")
    _table(doc, ["Khu"] + [str(y) for y in years] + ["Cộng"],
           [[z] + [cells.get(y, 0) for y in years] + [t] for z, cells, t in zone_rows],
           total=["Tổng cộng"] + [sum(c.get(y, 0) for _, c, _ in zone_rows) for y in years] + [figure.low])
    years, qual_rows = needs.cross("qualification")
    _heading(doc, f"{n + 1}. Nhu cầu tuyển dụng theo trình độ và theo năm (người)")
    _table(doc, ["Trình độ"] + [str(y) for y in years] + ["Cộng"],
           [[labels.QUALIFICATIONS.get(q, q)] + [cells.get(y, 0) for y in years] + [t] for q, cells, t in qual_rows],
           total=["Tổng cộng"] + [sum(c.get(y, 0) for _, c, _ in qual_rows) for y in years] + [figure.low])
    _heading(doc, f"{n + 2}. Các vị trí có nhu cầu lớn nhất (người)")
    _table(doc, ["Vị trí", "Số lượng"],
           [[p, formats.number_range(f.low, f.high)] for p, f in needs.by("position")[:15]])
    _heading(doc, f"{n + 3}. Tiêu chuẩn doanh nghiệp yêu cầu đối với người lao động")
    _table(doc, ["Nhóm tiêu chuẩn", "Số doanh nghiệp nêu"],
           [[labels.CRITERIA.get(k, k), c] for k, c in queries.items_by(session, "criteria", scope)])
    _heading(doc, f"{n + 4}. Đề xuất hợp tác với cơ sở đào tạo")
    _table(doc, ["Hình thức hợp tác", "Số doanh nghiệp đề xuất"],
           [[labels.OFFERS.get(k, k), c] for k, c in queries.items_by(session, "offers", scope)])
    _heading(doc, f"{n + 5}. Kiến nghị, đề xuất")
    _para(doc, "Ban Quản lý Khu kinh tế Hải Phòng kính đề nghị Ủy ban nhân dân thành phố chỉ đạo các sở, ngành và cơ "
               "sở giáo dục nghề nghiệp phối hợp đào tạo, cung ứng lao động theo nhu cầu nêu trên.", indent=True)
    _para(doc, "Ban Quản lý Khu kinh tế Hải Phòng kính báo cáo Ủy ban nhân dân thành phố./.", indent=True)
    _closing(doc, Pt, Cm, WD_ALIGN_PARAGRAPH)
    note = _para(doc, f"(Số liệu lập từ hệ thống replyflow ngày {dt.date.today():%d/%m/%Y}"
                      + (f", người lập: {author}" if author else "") + ")", size=10, before=12)
    note.runs[0].italic = True
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _para(doc, text: str, *, bold: bool = False, size: int = 14, align=None, indent: bool = False,  # noqa: ANN001
          before: int = 0, after: int = 3, italic: bool = False):  # noqa: ANN202
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    p = doc.add_paragraph()
    p.alignment = align if align is not None else WD_ALIGN_PARAGRAPH.JUSTIFY
    p.paragraph_format.space_before, p.paragraph_format.space_after = Pt(before), Pt(after)
    if indent:
        p.paragraph_format.first_line_indent = Cm(1)
    run = p.add_run(clean_text(str(text)))          # a stored value's control character: no XML for Word
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)
    return p


def _heading(doc, text: str) -> None:  # noqa: ANN001
    """A numbered part of the body: bold, in the body's font (not Word's coloured heading styles)."""
    from docx.shared import Cm

    p = _para(doc, text, bold=True, before=6)
    p.paragraph_format.first_line_indent = Cm(1)


def _rule(doc, align) -> None:  # noqa: ANN001
    p = doc.add_paragraph()
    p.alignment = align
    p.add_run("────────")


def _cell(cell, text: str, *, bold: bool = False, size: int = 13, align=None, italic: bool = False) -> None:  # noqa: ANN001
    from docx.shared import Pt

    p = cell.paragraphs[0]                     # a new cell: one empty paragraph, no run
    if align is not None:
        p.alignment = align
    run = p.add_run(clean_text(str(text)))
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)


def _header(doc, Pt, Cm, CENTER_ENUM) -> None:  # noqa: ANN001, N803
    """The issuing body (left) and the national motto (right), the number and the place and date beneath them."""
    center = CENTER_ENUM.CENTER
    table = doc.add_table(rows=3, cols=2)
    table.autofit = False
    widths = (Cm(6.5), Cm(10))
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width
    _cell(table.cell(0, 0), PARENT, size=13, align=center)
    p = table.cell(0, 0).add_paragraph()
    p.alignment = center
    run = p.add_run(BODY)
    run.bold, run.font.size = True, Pt(13)
    table.cell(0, 0).add_paragraph("───────").alignment = center
    _cell(table.cell(0, 1), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=13, align=center)
    p = table.cell(0, 1).add_paragraph()
    p.alignment = center
    run = p.add_run("Độc lập - Tự do - Hạnh phúc")
    run.bold, run.font.size = True, Pt(14)
    table.cell(0, 1).add_paragraph("───────────────").alignment = center
    _cell(table.cell(1, 0), "Số: ……/BC-BQL", size=13, align=center)
    _cell(table.cell(1, 1), "Hải Phòng, ngày …… tháng …… năm 20……", size=14, align=center, italic=True)
    _cell(table.cell(2, 0), "", size=13)
    _cell(table.cell(2, 1), "", size=13)


def _closing(doc, Pt, Cm, ENUM) -> None:  # noqa: ANN001, N803
    """"Nơi nhận" (left) and the signature block (right)."""
    table = doc.add_table(rows=1, cols=2)
    table.autofit = False
    left, right = table.cell(0, 0), table.cell(0, 1)
    left.width, right.width = Cm(8), Cm(8.5)
    _cell(left, "Nơi nhận:", bold=True, size=12, italic=True)
    for line in ("- Như trên;", "- Trưởng ban (để b/c);", "- Sở Lao động - Thương binh và Xã hội;",
                 "- Lưu: VT, LĐ."):
        p = left.add_paragraph()
        run = p.add_run(line)
        run.font.size = Pt(11)
    _cell(right, "KT. TRƯỞNG BAN", bold=True, size=14, align=ENUM.CENTER)
    for text, bold, size in (("PHÓ TRƯỞNG BAN", True, 14), ("", False, 14), ("", False, 14), ("", False, 14),
                             ("(Ký, ghi rõ họ tên và đóng dấu)", False, 12)):
        p = right.add_paragraph()
        p.alignment = ENUM.CENTER
        run = p.add_run(text)
        run.bold, run.font.size = bold, Pt(size)
        run.italic = text.startswith("(")


def _table(doc, header: list[str], rows: list[list], total: list | None = None) -> None:  # noqa: ANN001
    """A bordered table: bold header, numbers right-aligned as "1.200", an optional bold totals row."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    if not rows:
        _para(doc, "(Chưa có số liệu)", indent=True)
        return
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header):
        _cell(cell, str(text), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for row, bold in [(r, False) for r in rows] + ([(total, True)] if total else []):
        for i, (cell, value) in enumerate(zip(table.add_row().cells, row)):
            number = isinstance(value, int) or (isinstance(value, str) and value[:1].isdigit() and i > 0)
            text = formats.number(value) if isinstance(value, int) else str(value)
            _cell(cell, text, bold=bold, align=WD_ALIGN_PARAGRAPH.RIGHT if number else None)
    doc.add_paragraph()
