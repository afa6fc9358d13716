"""Who wrote and when, in letters set out in ways the corpora never show (red team, session 6): the letter's date
from its date line only (split over two lines of a cell, under a subject line that dates the Board's letter,
in the signature block, never a date inside a sentence), the tax code written in groups with dashes, the zone
from the writer's address before a zone the answers name, a park inside the economic zone, a form's identity
rows, a letterhead set in three columns that a PDF gives row by row, and the writer's own tax code before a
parent's the body cites.

Letters of our own, as block models; none of their wording comes from a corpus letter."""
from __future__ import annotations

import datetime as dt

from extractors.fields import read_fields
from extractors.fields.checks import run_checks
from extractors.fields.layout import Line, by_columns
from extractors.fields.zones import address_zone
from extractors.model import Cell, DocumentContent, Paragraph, Table
from extractors.text.taxcode import normalise

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
TO = "Kính gửi: Ban Quản lý Khu kinh tế Hải Phòng"
CODE = "0201234569"          # valid check digit
PARENT = "0100112233"
ANSWERS = ["1. Nhu cầu tuyển dụng", "Năm 2023 Công ty cần tuyển 18 công nhân đóng gói.", "2. Tiêu chuẩn lao động",
           "- Có sức khỏe tốt.", "3. Hợp tác đào tạo", "- Nhận sinh viên thực tập.", "4. Đăng ký nhu cầu tuyển dụng",
           "Hằng quý trên Cổng thông tin heza.", "5. Kiến nghị", "- Đề nghị tổ chức ngày hội việc làm tại KCN "
           "DEEP C.", "Trân trọng./."]


def read(blocks: list) -> object:
    out = []
    for item in blocks:
        if isinstance(item, list):
            out.append(Table(rows=[[Cell(c) for c in row] for row in item], index=len(out)))
        elif isinstance(item, tuple):
            text, part = item
            out.append(Paragraph(text=text, index=len(out), part=part))
        else:
            out.append(Paragraph(text=item, index=len(out)))
    return read_fields(DocumentContent(media_type="test", blocks=out))


def head(left: str, right: str = MOTTO + "\nHải Phòng, ngày 10 tháng 4 năm 2023") -> list:
    return [[left, right]]


INTRO = "Công ty TNHH Bao bì Sông Cấm (Lô B2, KCN Tràng Duệ) nhận được Công văn số 812/BQL-LĐ, xin báo cáo như sau:"


# --- the letter's date ---------------------------------------------------------------------------------------------

def test_a_date_line_split_over_two_lines_of_its_cell():
    r = read([head(f"CÔNG TY TNHH BAO BÌ SÔNG CẤM\nMST: {CODE}", MOTTO + "\nHải Phòng, ngày 06 tháng 4\nnăm 2023"),
              TO, INTRO, *ANSWERS])
    assert r.letter.date == dt.date(2023, 4, 6)


def test_a_subject_line_that_dates_the_boards_letter_is_not_the_letters_date():
    r = read([head("CÔNG TY TNHH BAO BÌ SÔNG CẤM\nSố: 12/SC\nV/v trả lời văn bản ngày 08/3/2023 của BQL KKT",
                   MOTTO + "\nHải Phòng, ngày 07 tháng 4 năm 2023"), TO, INTRO, *ANSWERS])
    assert r.letter.date == dt.date(2023, 4, 7)


def test_a_date_inside_a_sentence_is_not_the_letters_date():
    r = read([head("CÔNG TY TNHH BAO BÌ SÔNG CẤM\nSố: 12/SC", MOTTO), TO,
              "Tại Hải Phòng, ngày 15/6/2016 Công ty được cấp Giấy chứng nhận đầu tư.", INTRO, *ANSWERS])
    assert r.letter.date is None


def test_the_date_in_the_signature_cell():
    r = read([head("CÔNG TY TNHH BAO BÌ SÔNG CẤM\nSố: 12/SC", MOTTO), TO, INTRO, *ANSWERS,
              [["Nơi nhận:\n- Như trên;\n- Lưu: VT.", "Hải Phòng, ngày 14 tháng 4\nnăm 2023\nGIÁM ĐỐC\n\nLê Văn Tâm"]]])
    assert r.letter.date == dt.date(2023, 4, 14)


def test_a_date_alone_in_a_needs_table_is_not_the_letters_date():
    r = read([head("CÔNG TY TNHH BAO BÌ SÔNG CẤM\nSố: 12/SC", MOTTO), TO, INTRO, ANSWERS[0],
              [["Vị trí", "Số lượng", "Thời hạn"], ["Công nhân đóng gói", "18", "30/6/2023"]], *ANSWERS[2:]])
    assert r.letter.date is None


# --- the tax code ----------------------------------------------------------------------------------------------

def test_a_tax_code_written_in_groups_with_dashes():
    assert normalise("0201-234-569") == CODE
    assert normalise("0201-234-569 - 002") == CODE + "-002"
    r = read([head("CÔNG TY TNHH BAO BÌ SÔNG CẤM\nSố: 12/SC"), TO,
              "Công ty chúng tôi (mã số thuế 0201-234-569, Lô B2, KCN Tràng Duệ) báo cáo như sau:", *ANSWERS])
    assert r.enterprise.tax_code == CODE
    assert not [f for f in run_checks(r) if f.field == "enterprise.tax_code"]


def test_the_letterheads_tax_code_before_a_parents_code_in_the_body():
    r = read([head(f"CÔNG TY TNHH BAO BÌ SÔNG CẤM\nMST: {CODE}\nSố: 12/SC"), TO,
              f"Công ty là công ty con của Tổng công ty Bao bì Miền Bắc (mã số thuế {PARENT}). " + INTRO, *ANSWERS])
    assert r.enterprise.tax_code == CODE
    assert "enterprise.tax_code" in [f.field for f in run_checks(r)]        # still two codes: flagged


# --- the zone ------------------------------------------------------------------------------------------------

def test_the_letterhead_address_before_a_factory_named_in_the_body():
    r = read([head("CÔNG TY TNHH BAO BÌ SÔNG CẤM\nĐịa chỉ: Lô A1, KCN Nomura - Hải Phòng\nSố: 12/SC"), TO,
              "Năm 2023 Công ty đưa vào hoạt động nhà máy số 2 tại KCN Tiên Thanh. Công ty báo cáo như sau:",
              *ANSWERS])
    assert r.enterprise.zone == "KCN Nomura - Hải Phòng"


def test_a_zone_named_only_in_an_answer_is_read_and_flagged():
    r = read([head("CÔNG TY TNHH BAO BÌ SÔNG CẤM\nSố: 12/SC"), TO,
              "Công ty nhận được Công văn số 812/BQL-LĐ, xin báo cáo như sau:", *ANSWERS])
    assert r.enterprise.zone == "KCN DEEP C"
    assert [f.code for f in run_checks(r) if f.field == "enterprise.zone"] == ["low_confidence"]


def test_the_introductions_zone_before_the_answers_zone():
    r = read([head("CÔNG TY TNHH BAO BÌ SÔNG CẤM\nSố: 12/SC"), TO, INTRO, *ANSWERS])
    assert r.enterprise.zone == "KCN Tràng Duệ"
    assert not [f for f in run_checks(r) if f.field == "enterprise.zone"]


def test_a_park_inside_the_economic_zone_is_the_address():
    assert address_zone("Lô CN5.2, Khu kinh tế Đình Vũ - Cát Hải, Khu công nghiệp Đình Vũ, quận Hải An") \
        == "KCN Đình Vũ"
    assert address_zone("Khu bến cảng Lạch Huyện, Khu kinh tế Đình Vũ - Cát Hải, huyện Cát Hải") \
        == "KKT Đình Vũ - Cát Hải"


def test_two_parks_in_the_letterhead_are_a_doubt():
    r = read([head("CÔNG TY TNHH BAO BÌ SÔNG CẤM\nTrụ sở: Lô A1, KCN Nomura\nNhà máy: Lô C3, KCN Tiên Thanh"
                   "\nSố: 12/SC"), TO, INTRO, *ANSWERS])
    assert r.enterprise.zone == "KCN Nomura - Hải Phòng"
    assert [f.code for f in run_checks(r) if f.field == "enterprise.zone"] == ["low_confidence"]


# --- a form's identity rows -------------------------------------------------------------------------------------

def test_a_forms_identity_rows_under_the_boards_own_header():
    r = read([[["BAN QUẢN LÝ KHU KINH TẾ\nHẢI PHÒNG", MOTTO]], "PHIẾU KHẢO SÁT",
              "(Kèm theo Công văn số 812/BQL-LĐ ngày 08/3/2023 của Ban Quản lý Khu kinh tế Hải Phòng)",
              [["Tên doanh nghiệp", "Công ty TNHH Điện cơ Hòa Phát Lợi"], ["Mã số thuế", *CODE],
               ["Địa chỉ", "Lô G1, KCN Đồ Sơn, quận Đồ Sơn"], ["Người liên hệ", "Bà Ngô Thị Hạnh – ĐT: 0904 112 233"]],
              *ANSWERS[:-1], "Hải Phòng, ngày 07 tháng 4 năm 2023", "NGƯỜI ĐIỀN PHIẾU", "Ngô Thị Hạnh"])
    e = r.enterprise
    assert (e.name, e.tax_code, e.zone) == ("Công ty TNHH Điện cơ Hòa Phát Lợi", CODE, "KCN Đồ Sơn")
    assert r.letter.date == dt.date(2023, 4, 7)
    assert not r.unaccounted                     # the date's year over "NGƯỜI ĐIỀN PHIẾU" is no count of people


# --- a letterhead in columns, as a PDF gives it ------------------------------------------------------------------

def _placed(text: str, x0: float, top: float, x1: float) -> Line:
    from extractors.text.normalize import fold
    return Line(text, Paragraph(text, 0, 1, bbox=(x0, top, x1, top + 12)), fold(text))


def test_a_three_column_letterhead_is_read_column_by_column():
    rows = [("[LOGO]", 134, 71, 179), ("CÔNG TY CỔ PHẦN", 242, 71, 359), ("CỘNG HÒA XÃ HỘI", 386, 71, 503),
            ("CHỦ NGHĨA VIỆT", 392, 88, 497), ("CƠ ĐIỆN LẠNH BẮC", 240, 98, 361), ("NAM", 430, 106, 460),
            ("HẢI", 289, 116, 312), ("Độc lập - Tự do - Hạnh", 384, 133, 505), (f"MSDN: {CODE}", 246, 143, 355),
            ("phúc", 432, 150, 457), ("Số: 71/BH-CV", 262, 170, 339), ("Hải Phòng, ngày 14", 393, 204, 496),
            ("tháng 4 năm 2023", 398, 221, 491)]
    lines = [_placed(*row) for row in rows]
    assert [ln.text for ln in by_columns(lines)] == [
        "[LOGO]", "CÔNG TY CỔ PHẦN", "CƠ ĐIỆN LẠNH BẮC", "HẢI", f"MSDN: {CODE}", "Số: 71/BH-CV", "CỘNG HÒA XÃ HỘI",
        "CHỦ NGHĨA VIỆT", "NAM", "Độc lập - Tự do - Hạnh", "phúc", "Hải Phòng, ngày 14", "tháng 4 năm 2023"]
    blocks = [ln.block for ln in lines]
    blocks += [Paragraph(TO, 0, 1, bbox=(150, 250, 450, 262)),
               Paragraph("Công ty Cổ phần Cơ điện lạnh Bắc Hải, Lô K1 Khu công nghiệp Đình Vũ, xin báo cáo:", 0, 1,
                         bbox=(60, 270, 540, 282))]
    blocks += [Paragraph(t, 0, 1, bbox=(60, 290 + 14 * i, 540, 302 + 14 * i)) for i, t in enumerate(ANSWERS)]
    for i, b in enumerate(blocks):
        b.index = i
    r = read_fields(DocumentContent(media_type="test", blocks=blocks))
    assert r.enterprise.name == "Công ty Cổ phần Cơ điện lạnh Bắc Hải"
    assert r.letter.date == dt.date(2023, 4, 14)


def test_a_line_across_the_columns_ends_the_band_and_a_cut_line_is_no_column():
    rows = [("CÔNG TY CỔ PHẦN MAY", 127, 45, 296), ("MẶC THÀNH ĐẠT", 300, 45, 503),   # one line cut at the motto
            ("Số: 18/CV", 131, 105, 205), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 272, 105, 522),
            ("V/v trả lời khảo sát", 93, 121, 242), ("Độc lập - Tự do - Hạnh phúc", 324, 121, 471),
            ("BÁO CÁO NHU CẦU TUYỂN DỤNG", 150, 160, 450), ("Ghi chú", 131, 180, 205)]
    order = [ln.text for ln in by_columns([_placed(*row) for row in rows])]
    assert order == ["CÔNG TY CỔ PHẦN MAY", "MẶC THÀNH ĐẠT", "Số: 18/CV", "V/v trả lời khảo sát",
                     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                     "BÁO CÁO NHU CẦU TUYỂN DỤNG", "Ghi chú"]


def test_a_name_that_ends_with_viet_nam_on_its_own_line_keeps_it():
    r = read([head("CÔNG TY TNHH ĐIỆN TỬ SÔNG CẤM\nVIỆT NAM\nSố: 12/SC"), TO,
              "Công ty nhận được Công văn số 812/BQL-LĐ (Lô B2, KCN Tràng Duệ), xin báo cáo như sau:", *ANSWERS])
    assert r.enterprise.name.casefold() == "công ty tnhh điện tử sông cấm việt nam"


def test_a_pdf_signature_columns_date_split_over_two_lines():
    def placed(text, x0, top, x1):
        return Paragraph(text, 0, 1, bbox=(x0, top, x1, top + 12))
    blocks = [placed("CÔNG TY TNHH BAO BÌ SÔNG CẤM", 60, 40, 300), placed("Số: 12/SC", 60, 56, 140),
              placed(TO, 150, 80, 450), placed(INTRO, 60, 100, 540)]
    blocks += [placed(t, 60, 120 + 14 * i, 540) for i, t in enumerate(ANSWERS)]
    top = 120 + 14 * len(ANSWERS) + 20
    blocks += [placed("Nơi nhận:", 90, top, 142), placed("Hải Phòng, ngày 14 tháng 4", 336, top, 481),
               placed("- Như trên;", 90, top + 14, 148), placed("năm 2023", 383, top + 14, 434),
               placed("GIÁM ĐỐC", 376, top + 28, 441)]
    for i, b in enumerate(blocks):
        b.index = i
    r = read_fields(DocumentContent(media_type="test", blocks=blocks))
    assert r.letter.date == dt.date(2023, 4, 14)
