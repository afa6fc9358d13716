"""Text PDFs laid out by other tools (issue 11, red team of PDF geometry): tables set without rules whose cells
wrap and are centred in their row, notes columns holding sums of money, counts in rows that name no position."""
from __future__ import annotations

from extractors.fields import read_fields
from extractors.fields.checks import LOW_CONFIDENCE, run_checks
from extractors.readers.pdf_text_reader import PdfTextReader
from tests.extractors.readers.test_pdf_word_tables import _pdf, _tables
from tests.extractors.test_hiring_needs import letter

WRAPPED = [["STT", "Vị trí công việc", "Trình độ", "Năm 2023", "Năm 2024", "Ghi chú"],
           ["1", "Kỹ thuật viên bảo trì", "Trung cấp", "6", "5", "Lương 9.500.000"],
           ["2", "Công nhân vận hành máy ép nhựa", "Lao động phổ thông", "35", "30", "Tuổi 18-35, lương 7.000.000"],
           ["3", "Kỹ sư cơ khí", "Đại học", "3", "2", ""]]


def test_cells_wrapped_above_and_below_the_counts_of_their_row_stay_in_that_row(tmp_path):
    # position, qualification and notes wrap onto two lines centred on the row; the counts sit between the two
    # lines: three lines of the page, one row of the table (they were three rows: the counts under no position)
    path = _pdf(tmp_path / "wrapped.pdf", WRAPPED, rules="none", widths=[30, 110, 60, 55, 55, 110],
                before=["1. Nhu cầu tuyển dụng của Công ty như sau:"], after=["2. Tiêu chuẩn lao động"])
    tables = _tables(path)
    assert len(tables) == 1
    rows = tables[0]
    assert len(rows) == 4
    assert rows[2] == ["2", "Công nhân vận hành máy ép nhựa", "Lao động phổ thông", "35", "30",
                       "Tuổi 18-35, lương 7.000.000"]
    assert rows[3][1:5] == ["Kỹ sư cơ khí", "Đại học", "3", "2"]


def test_counts_in_a_row_without_a_position_are_flagged_not_read_as_a_need_of_no_one():
    # a position merged down over two rows leaves the second row's position cell empty in a table set without
    # rules: its count is kept but an officer sees it
    content = letter([["STT", "Vị trí", "Trình độ", "Năm 2023", "Năm 2024"],
                      ["1", "Công nhân may", "LĐPT", "100", "80"], ["2", "", "", "20", "10"]])
    reading = read_fields(content)
    unnamed = [n for n in reading.needs.needs if not n.position]
    assert unnamed and all(n.confidence < LOW_CONFIDENCE for n in unnamed)
    assert "low_confidence" in [f.code for f in run_checks(reading)]
    named = letter([["STT", "Vị trí", "Trình độ", "Năm 2023", "Năm 2024"], ["1", "Công nhân may", "LĐPT", "100", "80"],
                    ["2", "Thợ hàn", "Sơ cấp", "20", "10"]])
    assert [f.code for f in run_checks(read_fields(named))] == []


# --- pages drawn word by word, as report generators draw them ---------------------------------------------------

def _canvas_pdf(path, lines, *, size=11.0, rules=(), spaces=True):
    """lines: (y, [(x, text, align)]) drawn with reportlab's canvas; align 'L' (x is the left edge) or 'R' (x is
    the right edge). spaces=False draws each word of a text with its own drawString and no space character.
    rules: (x0, x1, y) horizontal rules."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from tests.support.letters import FONT_DIR
    if "DejaVuSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSerif", str(FONT_DIR / "DejaVuSerif.ttf")))
        pdfmetrics.registerFont(TTFont("DejaVuSerif-Bold", str(FONT_DIR / "DejaVuSerif-Bold.ttf")))
    c = canvas.Canvas(str(path))
    c.setFont("DejaVuSerif", size)
    height = 842
    space = pdfmetrics.stringWidth(" ", "DejaVuSerif", size)
    for y, cells in lines:
        for x, text, align in cells:
            width = pdfmetrics.stringWidth(text, "DejaVuSerif", size)
            x0 = x - width if align == "R" else x
            if spaces:
                c.drawString(x0, height - y, text)
                continue
            for word in text.split():
                c.drawString(x0, height - y, word)
                x0 += pdfmetrics.stringWidth(word, "DejaVuSerif", size) + space
    for x0, x1, y in rules:
        c.line(x0, height - y, x1, height - y)
    c.save()
    return path


def _table_lines(rows, xs, aligns, top=200.0, step=20.0):
    out = []
    for k, row in enumerate(rows):
        out.append((top + k * step, [(x, text, a) for x, text, a in zip(xs, row, aligns) if text]))
    return out


BODY = [["1", "Công nhân may", "Lao động phổ thông", "120", "80"], ["2", "Thợ hàn", "Sơ cấp nghề", "15", "10"],
        ["3", "Kỹ sư cơ khí", "Đại học", "3", "2"]]


def test_a_header_centred_clear_of_counts_set_flush_right_is_their_column(tmp_path):
    # "Năm 2023" centred in a wide column whose counts stand at its right edge: no word of the header is over
    # a count, and it was read as a column of its own (the counts under no year)
    head = [(180.0, [(60, "STT", "L"), (100, "Vị trí", "L"), (230, "Trình độ", "L"), (365, "Năm 2023", "L"),
                     (465, "Năm 2024", "L")])]
    body = _table_lines(BODY, [60, 100, 230, 450, 550], ["L", "L", "L", "R", "R"])
    path = _canvas_pdf(tmp_path / "flush.pdf", [(140.0, [(60, "1. Nhu cầu tuyển dụng", "L")]), *head, *body])
    tables = _tables(path)
    assert len(tables) == 1
    assert tables[0][0] == ["STT", "Vị trí", "Trình độ", "Năm 2023", "Năm 2024"]
    assert tables[0][1] == ["1", "Công nhân may", "Lao động phổ thông", "120", "80"]


def test_words_placed_one_by_one_without_spaces_stay_words(tmp_path):
    # every word its own drawString, no space character between them: at 9 points DejaVu's space (12 points
    # Times's) is narrower than pdfplumber's default tolerance, and "Công nhân may" came out "Côngnhânmay"
    body = _table_lines([["STT", "Vị trí công việc", "Trình độ", "Năm 2023", "Năm 2024"], *BODY],
                        [60, 100, 240, 420, 500], ["L", "L", "L", "R", "R"])
    path = _canvas_pdf(tmp_path / "words.pdf", body, size=9, spaces=False)
    content = PdfTextReader().read(path)
    text = content.plain_text()
    assert "Công nhân may" in text and "Côngnhân" not in text


def test_a_count_flush_against_the_notes_beside_it_is_a_cell_of_its_own(tmp_path):
    # the last year's counts set flush right, the notes flush left a few points further: one gap wider than
    # the line's spaces, narrower than a column gap
    rows = [["STT", "Vị trí", "Trình độ", "Năm 2023", "Năm 2024", "Ghi chú"],
            ["1", "Công nhân may", "LĐPT", "70", "50", "18-35 tuổi"], ["2", "Nhân viên QC", "Trung cấp", "6", "4", ""],
            ["3", "Kỹ thuật viên điện", "Cao đẳng", "4", "3", "Lương 9.000.000"]]
    lines = _table_lines(rows, [60, 90, 230, 380, 432, 438], ["L", "L", "L", "R", "R", "L"])
    lines[0] = (lines[0][0], [(60, "STT", "L"), (90, "Vị trí", "L"), (230, "Trình độ", "L"), (335, "Năm 2023", "L"),
                              (387, "Năm 2024", "L"), (460, "Ghi chú", "L")])
    path = _canvas_pdf(tmp_path / "notes.pdf", lines, size=10)
    tables = _tables(path)
    assert len(tables) == 1
    assert tables[0][1][4:] == ["50", "18-35 tuổi"]
    assert tables[0][3][4:] == ["3", "Lương 9.000.000"]


def test_counts_with_their_unit_or_their_words_make_a_table(tmp_path):
    rows = [["STT", "Vị trí", "Trình độ", "Năm 2023", "Năm 2024"],
            ["1", "Công nhân may", "LĐPT", "40 người", "30 người"], ["2", "Thợ hàn", "Sơ cấp", "15 (mười lăm)", "08 (tám)"],
            ["3", "Kỹ sư", "Đại học", "3 người", "2 người"]]
    path = _canvas_pdf(tmp_path / "units.pdf", _table_lines(rows, [60, 100, 220, 330, 440], ["L"] * 5), size=10)
    tables = _tables(path)
    assert len(tables) == 1
    assert tables[0][2] == ["2", "Thợ hàn", "Sơ cấp", "15 (mười lăm)", "08 (tám)"]


def test_rules_only_over_and_under_the_header_and_under_the_last_row(tmp_path):
    # a 'booktabs' table: the rows between the rule under the header and the bottom rule are still rows
    rows = [["STT", "Vị trí", "Trình độ", "Năm 2023", "Năm 2024"], *BODY]
    lines = _table_lines(rows, [60, 100, 230, 400, 480], ["L", "L", "L", "R", "R"])
    path = _canvas_pdf(tmp_path / "frame.pdf", lines, size=10, rules=[(55, 500, 185), (55, 500, 205), (55, 500, 265)])
    tables = _tables(path)
    assert len(tables) == 1
    assert len(tables[0]) == 4
    assert tables[0][2] == ["2", "Thợ hàn", "Sơ cấp nghề", "15", "10"]


def test_a_sentence_over_the_table_is_no_header_of_its_columns(tmp_path):
    # the introduction's line, indented past the first column, runs over the whole table
    rows = [["STT", "Vị trí", "Trình độ", "Năm 2023", "Năm 2024"], *BODY]
    lines = [(187.0, [(85, "Nhu cầu tuyển dụng lao động của Công ty trong năm 2023 và các năm sau như sau:", "L")]),
             *_table_lines(rows, [60, 100, 230, 400, 480], ["L", "L", "L", "R", "R"])]
    path = _canvas_pdf(tmp_path / "intro.pdf", lines, size=10)
    tables = _tables(path)
    assert len(tables) == 1
    assert tables[0][0] == ["STT", "Vị trí", "Trình độ", "Năm 2023", "Năm 2024"]


def test_counts_under_a_year_read_together_with_the_notes_header_are_still_needs():
    content = letter([["STT", "Vị trí", "Trình độ", "Năm 2023", "Năm 2024\nGhi chú"], ["1", "Thợ hàn", "Sơ cấp", "10", "8"],
                      ["2", "Kỹ sư", "Đại học", "2", "-"]])
    reading = read_fields(content)
    assert sorted((n.year, n.quantity) for n in reading.needs.needs) == [(2023, 2), (2023, 10), (2024, 8)]


def test_a_line_repeated_near_the_top_or_bottom_of_every_page_is_its_running_header_or_footer(tmp_path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from tests.support.letters import FONT_DIR
    if "DejaVuSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSerif", str(FONT_DIR / "DejaVuSerif.ttf")))
    running = "CÔNG TY TNHH CƠ KHÍ ĐÔNG HẢI - Hotline: 1900 6868"      # below the top 5 %: not a margin by place
    pages = [["Mã số thuế: 0200109974", "Hải Phòng, ngày 20 tháng 3 năm 2023",
              "Kính gửi: Ban Quản lý Khu kinh tế Hải Phòng", "1. Nhu cầu tuyển dụng năm 2023",
              *[f"- Công nhân dây chuyền {i}: {10 + i} người." for i in range(1, 20)]],
             [*[f"- Công nhân dây chuyền {i}: {10 + i} người." for i in range(20, 24)],
              "2. Tiêu chuẩn: Tốt nghiệp THPT.", "3. Hợp tác: Nhận sinh viên thực tập.",
              "4. Đăng ký: hằng tháng.", "5. Kiến nghị: không.", "GIÁM ĐỐC"]]
    path = tmp_path / "running.pdf"
    c = canvas.Canvas(str(path))
    for number, lines in enumerate(pages, start=1):
        c.setFont("DejaVuSerif", 10)
        c.drawString(70, 842 - 70, running)
        for k, text in enumerate(lines):
            c.drawString(70, 842 - 110 - 24 * k, text)
        c.drawString(270, 842 - 810, f"Trang {number}/2")
        c.showPage()
    c.save()
    content = PdfTextReader().read(path)
    parts = {(b.page, b.part) for b in content.blocks if getattr(b, "text", "") == running}
    assert parts == {(1, "body"), (2, "header")}        # on the first page it is the letterhead
    assert {b.part for b in content.blocks if getattr(b, "text", "").startswith("Trang ")} == {"footer"}
    reading = read_fields(content)
    assert len(reading.needs.needs) == 23 and [f.code for f in run_checks(reading)] == []


def test_list_items_near_the_bottom_of_several_pages_stay_running_text(tmp_path):
    # items of one shape ("- Thợ hàn tổ 3: 12 người.") end two pages: only the page's own number may differ in a
    # running line, so they are no footer
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from tests.support.letters import FONT_DIR
    if "DejaVuSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSerif", str(FONT_DIR / "DejaVuSerif.ttf")))
    path = tmp_path / "items.pdf"
    c = canvas.Canvas(str(path))
    for number in (1, 2, 3):
        c.setFont("DejaVuSerif", 10)
        c.drawString(70, 842 - 100, f"Đoạn {number}")
        for k in range(3):
            c.drawString(70, 842 - (740 + 20 * k), f"- Thợ hàn tổ {3 * number + k}: {10 + 3 * number + k} người.")
        c.showPage()
    c.save()
    content = PdfTextReader().read(path)
    assert {b.part for b in content.blocks if getattr(b, "text", "").startswith("- Thợ hàn")} == {"body"}
