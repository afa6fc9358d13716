"""Hard scans: a fold's shadow, a stain over a table, tables ruled by rows only, codes the Vietnamese model is
unsure of, and table headers as a scan misreads them. Scans are made here (tests/support/scans.py) and read by the
real Tesseract."""
from __future__ import annotations

import time

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors.fields import read_fields
from extractors.model import Cell, DocumentContent, Paragraph, Table
from extractors.ocr import engine, ocr_available
from extractors.ocr.grid import find_grids, line_masks, occluders
from extractors.ocr.preprocess import flatten_bands, ink_masks
from pipeline.runtime.extract import extract_path
import dataclasses

from tests.support.letters import TableSpec, build_pdf
from tests.support.samples import AN_PHAT, THEP_BIEN
from tests.support.scans import render_pages, save_pdf, scan, scanned_pages

if not ocr_available():
    pytest.fail("Tesseract with the 'vie' model is not installed (apt-get install tesseract-ocr tesseract-ocr-vie)",
                pytrace=False)

AN_PHAT_NEEDS = {(2023, "unskilled", 1200, None), (2024, "unskilled", 800, None),
                 (2023, "intermediate_vocational", 25, None), (2024, "intermediate_vocational", 30, None),
                 (2025, "intermediate_vocational", 30, None), (2023, "university", 6, None),
                 (2024, "university", 4, None), (2025, "university", 5, None)}
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"


def needs_of(record) -> set:
    return {(n.year, str(n.qualification), n.quantity, n.quantity_max) for n in record.hiring_needs}


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """The An Phát letter printed at 200 dpi, and its needs table's grid (rows, columns) in pixels."""
    page = render_pages(build_pdf(tmp_path_factory.mktemp("printed") / "an_phat.pdf", AN_PHAT), 200)[0]
    rule_ink = ink_masks(page.convert("L"))[1]
    grid = find_grids(*line_masks(rule_ink, 200), 200)[0]
    return page, grid


def test_a_fold_shadow_along_a_tables_last_rule_does_not_hide_the_table(printed, tmp_path):
    """A fold across the sheet darkens a band that the permissive rule threshold takes for ink: without the band
    divided out, it swallows the table's last rule and the whole table falls apart into lines of text."""
    page, grid = printed
    path = save_pdf([scan(page, fold_at=grid.rows[-1] / page.height, angle=1.2)], tmp_path / "fold.pdf")
    record = extract_path(path)
    assert needs_of(record) == AN_PHAT_NEEDS
    assert str(record.status) == "extracted"


def test_a_stain_over_a_column_keeps_the_table_and_flags_what_it_hides(printed, tmp_path):
    """A stain over two cells of the last year column: the table keeps its rows and columns (the rules run on
    under the stain), the rows it does not touch are read, and what it hides is flagged, never taken silently."""
    page, grid = printed
    x = (grid.cols[-2] + grid.cols[-1]) / 2 / page.width
    y = grid.rows[3] / page.height                            # over the rule between the first two rows of counts
    r = (grid.cols[-1] - grid.cols[-2]) / page.width * 0.6
    path = save_pdf([scan(page, stains=((x, y, r),))], tmp_path / "stain.pdf")
    from extractors.readers import read_document
    _, content = read_document(path)
    table = next(content.tables())
    assert (len(table.rows), table.n_cols) == (grid.n_rows, grid.n_cols)
    assert table.texts()[4][1:] == ["Kỹ sư tự\nđộng hóa", "Đại học", "6", "4", "5"]
    record = extract_path(path)
    assert {(2023, "university", 6, None), (2024, "university", 4, None), (2025, "university", 5, None)} \
        <= needs_of(record)
    if needs_of(record) != AN_PHAT_NEEDS:
        assert str(record.status) == "needs_review"


THEP_BIEN_NEEDS = {(2023, "elementary_vocational", 50, 70), (2023, "college", 10, None),
                   (2024, "elementary_vocational", 40, None), (2024, "postgraduate", 2, None)}


def _ruled(spec, rules: str):
    return dataclasses.replace(spec, body=[dataclasses.replace(b, rules=rules) if isinstance(b, TableSpec) else b
                                           for b in spec.body])


@pytest.mark.parametrize("rules", ["horizontal", "none"])
@pytest.mark.parametrize("spec, expected", [(AN_PHAT, AN_PHAT_NEEDS), (THEP_BIEN, THEP_BIEN_NEEDS)],
                         ids=["merged_year_header", "years_as_rows_with_ranges"])
def test_a_table_without_vertical_rules_is_read_cell_by_cell(spec, expected, rules, tmp_path):
    """A rule under each row only, or no rule at all: the rows are the rules or the bands of text, the columns the
    paper that runs down every row, and the cells are read one by one as in a ruled grid (the page's layout
    analysis garbled these rows into one another). A header over the year columns stays a merged cell."""
    from extractors.readers import read_document
    path = save_pdf(scanned_pages(_ruled(spec, rules), tmp_path), tmp_path / "rows_only.pdf")
    _, content = read_document(path)
    table = next(content.tables())
    assert table.n_cols == len(spec.body[2].rows[0])
    record = extract_path(path)
    assert needs_of(record) == expected
    assert str(record.status) == "extracted"


def test_a_page_in_columns_with_rules_is_no_table(tmp_path):
    """Rules under lines of a layout in columns (a letterhead, a form without counts) are not taken for a table."""
    from extractors.ocr.page import read_page

    font = ImageFont.truetype(FONT, 30)
    page = Image.new("RGB", (1654, 900), "white")
    draw = ImageDraw.Draw(page)
    for k, (a, b, c) in enumerate([("Họ và tên", "Chức vụ", "Ghi chú"), ("Nguyễn Văn An", "Giám đốc", "ký"),
                                   ("Trần Thị Bình", "Kế toán", "không")]):
        y = 200 + 90 * k
        draw.text((200, y), a, font=font, fill="black")
        draw.text((700, y), b, font=font, fill="black")
        draw.text((1150, y), c, font=font, fill="black")
        draw.line((180, y - 20, 1480, y - 20), fill="black", width=2)
    draw.line((180, 450, 1480, 450), fill="black", width=2)
    reading = read_page(page, 1, 200)
    assert not any(isinstance(b, Table) for b in reading.blocks)
    assert any("Nguyễn Văn An" in b.text for b in reading.blocks if isinstance(b, Paragraph))


def test_bands_darker_than_the_paper_are_brightened_and_rules_in_them_stay():
    rng = np.random.default_rng(5)
    g = np.full((600, 500), 250.0)
    g[200:260, :] = 175.0                     # a fold's shadow across the whole width
    g[228:231, 60:440] = 40.0                 # a table rule inside it
    g[100:103, 60:440] = 40.0                 # and one outside
    g += rng.normal(0, 4, g.shape)
    out = np.asarray(flatten_bands(Image.fromarray(np.clip(g, 0, 255).astype(np.uint8), "L")), dtype=np.float32)
    assert out[205:225, 10:50].mean() > 235  # the shadow is paper again
    assert out[228:231, 60:440].mean() < 90   # its rule is still a rule
    assert abs(out[100:103, 60:440].mean() - g[100:103, 60:440].mean()) < 3
    plain = np.full((300, 300), 250, dtype=np.uint8)
    assert np.array_equal(np.asarray(flatten_bands(Image.fromarray(plain, "L"))), plain)


def test_rules_run_on_under_a_blot():
    """A grid with a solid blot over a crossing of its rules: the rows and columns are all still found, and only
    the blot is taken for an occluder (the crossings of thin rules are not)."""
    ink = np.zeros((500, 700), dtype=bool)
    for y in (20, 140, 260, 380):
        ink[y:y + 3, 20:680] = True
    for x in (20, 240, 460, 680):
        ink[20:383, x:x + 3] = True
    assert not occluders(ink, 300).any()
    ink[200:330, 380:560] = True              # the blot, over the crossing at (460, 260)
    hidden = occluders(ink, 300)
    assert hidden[260, 460] and not hidden[20, 20] and not hidden[380, 240]
    assert [(g.n_rows, g.n_cols) for g in find_grids(*line_masks(ink, 300), 300, hidden)] == [(3, 3)]
    # without it, the blot welds the rules it crosses into one thick piece, dropped with the rows it held
    assert [(g.n_rows, g.n_cols) for g in find_grids(*line_masks(ink, 300), 300)] != [(3, 3)]


def _word(text: str) -> tuple[np.ndarray, engine.Word]:
    font = ImageFont.truetype(FONT, 36)
    image = Image.new("L", (900, 120), 255)
    ImageDraw.Draw(image).text((20, 30), f"Số: {text}", font=font, fill=0)
    words = engine.run_tsv(image, psm=6, dpi=200)
    return np.asarray(image), next(w for w in words if any(ch.isdigit() for ch in w.text))


def test_a_letter_number_the_first_model_doubts_is_confirmed_by_the_second():
    """'033/2023/ĐD-HC': vie is unsure of Latin capitals beside digits; when eng reads the same characters the
    code is as sure as that reading, and when eng sees other digits it stays doubted."""
    from extractors.ocr.page import CODE_SURE, DOUBT, _check_codes

    image, word = _word("033/2023/ĐD-HC")
    assert word.text.replace("Ð", "Đ") == "033/2023/ĐD-HC"
    doubted = engine.Word(**{**{f: getattr(word, f) for f in word.__slots__}, "conf": 40.0})
    misread = engine.Word(**{**{f: getattr(word, f) for f in word.__slots__}, "conf": 40.0,
                             "text": "038/2023/ĐD-HC"})
    sure = engine.Word(**{**{f: getattr(word, f) for f in word.__slots__}, "conf": float(CODE_SURE + 5)})
    _check_codes([doubted, misread, sure], image, 200, time.monotonic() + 60, "eng")
    assert doubted.conf >= 60
    assert misread.conf <= DOUBT * 100
    assert sure.conf == CODE_SURE + 5


def test_an_eth_from_tesseract_is_the_vietnamese_d_with_stroke():
    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
    tsv = header + "5\t1\t1\t1\t1\t1\t10\t10\t80\t20\t91.5\tÐẠI\n5\t1\t1\t1\t1\t2\t95\t10\t60\t20\t90\tđð\n"
    assert [w.text for w in engine.parse_tsv(tsv)] == ["ĐẠI", "đđ"]


def test_quarter_headers_whose_slash_a_scan_lost_are_still_quarters():
    """A bold 'Quý III/2023' comes out of OCR as 'Quý\\nIIII2023' or 'Quý\\nIVI2023': still a part of 2023, summed
    into the year with the others, not a year column of its own."""
    head = ["CÔNG TY TNHH THỬ NGHIỆM", "Số: 1/CV-TN", "Hải Phòng, ngày 20 tháng 3 năm 2023",
            "Kính gửi: Ban Quản lý Khu kinh tế Hải Phòng",
            "Công ty TNHH Thử nghiệm (MST: 0201234569) phúc đáp Công văn số 812/BQL-LĐ như sau:",
            "1. Nhu cầu lao động"]
    rows = [["Vị trí", "Trình độ", "Quý\nII/2023", "Quý\nIIII2023", "Quý\nIVI2023", "Năm 2024"],
            ["Công nhân may", "LĐPT", "120", "150", "80", "400"],
            ["Nhân viên kỹ thuật", "Trung cấp", "3", "2", "0", "6"]]
    blocks: list = [Paragraph(text=t, index=i) for i, t in enumerate(head)]
    blocks.append(Table(rows=[[Cell(c, confidence=0.95) for c in row] for row in rows], index=len(blocks)))
    blocks += [Paragraph(text=t, index=len(blocks) + i) for i, t in enumerate(
        ["2. Tiêu chí tuyển dụng", "Sức khỏe tốt.", "3. Hợp tác", "Nhận học sinh thực tập.", "4. Đăng ký",
         "Hằng tháng trên cổng heza.", "5. Đề xuất", "Không."])]
    reading = read_fields(DocumentContent(media_type="test", blocks=blocks, ocr_used=True))
    assert sorted((n.year, str(n.qualification), n.quantity) for n in reading.needs.needs) == [
        (2023, "intermediate_vocational", 5), (2023, "unskilled", 350),
        (2024, "intermediate_vocational", 6), (2024, "unskilled", 400)]


def test_a_letterhead_whose_space_a_scan_lost_is_the_body_s_company():
    """Bold capitals 'JIAHE TECH' read as 'JIAHETECH': the same name as the body's 'Jiahe Tech', not a doubt about
    who writes (the body's spelling is taken)."""
    from extractors.fields.checks import run_checks

    texts = ["CÔNG TY TNHH JIAHETECH", "VIỆT NAM", "Số: 12/CV-JT", "Hải Phòng, ngày 05 tháng 4 năm 2023",
             "Kính gửi: Ban Quản lý Khu kinh tế Hải Phòng",
             "Công ty TNHH Jiahe Tech Việt Nam (MST: 0201234569), KCN Tràng Duệ, phúc đáp Công văn số 812/BQL-LĐ:",
             "1. Nhu cầu tuyển dụng", "Năm 2023 cần tuyển 20 công nhân lao động phổ thông.", "2. Tiêu chuẩn",
             "Sức khỏe tốt.", "3. Hợp tác", "Nhận sinh viên thực tập.", "4. Đăng ký", "Hằng tháng trên cổng heza.",
             "5. Kiến nghị", "Không."]
    content = DocumentContent(media_type="test", ocr_used=True,
                              blocks=[Paragraph(text=t, index=i, confidence=0.95) for i, t in enumerate(texts)])
    reading = read_fields(content)
    assert reading.enterprise.name == "Công ty TNHH Jiahe Tech Việt Nam"
    assert "enterprise_unclear" not in {str(f.code) for f in run_checks(reading)}
