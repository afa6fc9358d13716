"""The reply decision on letters set out in ways the corpus never shows (issue 11): a document that answers the
Board's questions is a reply, in doubt at worst, whatever its title, form or scan quality; "not a reply" needs
positive evidence of being something else. Letters of our own, as block models."""
from __future__ import annotations

from extractors.fields import read_fields
from extractors.fields.checks import run_checks
from extractors.fields.reply import not_a_reply
from extractors.model import Cell, DocumentContent, Paragraph, Table


def _reading(blocks: list):
    out = []
    for i, b in enumerate(blocks):
        out.append(Table([[Cell(t) for t in row] for row in b], i) if isinstance(b, list) else Paragraph(b, i))
    return read_fields(DocumentContent("test", out))


def _verdict(blocks: list) -> str:
    reading = _reading(blocks)
    if not_a_reply(reading) is not None:
        return "rejected"
    return "review" if any(f.code == "reply_unclear" for f in run_checks(reading)) else "reply"


def test_a_survey_form_that_answers_in_a_question_and_answer_table_is_a_reply():
    verdict = _verdict([
        "PHIẾU KHẢO SÁT", "Nhu cầu lao động và hợp tác đào tạo năm 2023",
        "(gửi kèm Công văn số 812/BQL-LĐ của Ban Quản lý Khu kinh tế Hải Phòng)",
        "Đơn vị: Công ty TNHH Dệt Vĩnh Bảo",
        [["Nội dung", "Doanh nghiệp trả lời"],
         ["Số lao động cần tuyển năm 2023", "25 công nhân dệt (lao động phổ thông)"],
         ["Yêu cầu đối với người lao động", "Đủ 18 tuổi, sức khỏe tốt"],
         ["Hình thức phối hợp với nhà trường", "Nhận học sinh thực tập"]],
        "Người điền phiếu", "Trần Văn Định"])
    assert verdict != "rejected"


def test_a_report_that_names_the_board_but_neither_cites_nor_addresses_it_goes_to_review():
    verdict = _verdict([
        "CÔNG TY TNHH DỆT VĨNH BẢO", "Số: 14/DVB",
        "BÁO CÁO NHU CẦU TUYỂN DỤNG VÀ LIÊN KẾT ĐÀO TẠO",
        "Công ty báo cáo Ban Quản lý nhu cầu lao động của đơn vị: năm 2023 cần 40 công nhân dệt (lao động phổ "
        "thông) và 5 thợ sửa máy trình độ trung cấp. Công ty nhận sinh viên các trường nghề thực tập có trả lương.",
        "Trân trọng.", "GIÁM ĐỐC"])
    assert verdict == "review"


def test_a_scan_that_lost_the_boards_name_and_letter_number_but_answers_goes_to_review():
    verdict = _verdict([
        "CONG TY TNHH DET VINH BAO", "S6: 14/DVB", "Kinh g.i: Quy Ban",
        "Ph.c dap cong van so 8?2 cua Quy Ban, Cong ty bao cao: nam 2023 Cong ty can tuyen 40 cong nhan det "
        "(lao dong pho thong) va 6 tho dien trinh do trung cap. Cong ty nhan sinh vien thuc tap tai nha may.",
        "Tran trong."])
    assert verdict == "review"


def test_a_letter_number_one_digit_away_from_812_in_a_poor_reading_is_a_doubt_not_another_letter():
    verdict = _verdict([
        "CÔNG TY TNHH DỆT VĨNH BẢO", "Số: 14/DVB", "Kính gửi: Ban Quản lý Khu kinh tế Hải Phòng",
        "Phúc đáp Công văn số 612/BQL-LĐ ngày 08/3/2023 của Quý Ban, Công ty báo cáo như sau:",
        "Năm 2023 Công ty cần 40 công nhân dệt (lao động phổ thông).", "Trân trọng."])
    assert verdict != "rejected"


def test_a_receipt_form_is_still_not_a_reply():
    assert _verdict([
        "PHIẾU THU", "Số: 0012", "Họ tên người nộp tiền: Công ty TNHH Dệt Vĩnh Bảo",
        "Lý do nộp: học phí khóa đào tạo an toàn lao động theo Công văn 812/BQL-LĐ",
        "Số tiền: 12.000.000 đồng", "Người nộp tiền", "Thủ quỹ"]) == "rejected"


def test_a_document_with_nothing_of_a_reply_is_still_rejected():
    assert _verdict([
        "THỰC ĐƠN BẾP ĂN CA TUẦN 12", "Thứ Hai: cơm, thịt kho, canh rau", "Thứ Ba: cơm, cá rán, canh chua",
        "Thứ Tư: bún chả", "Bếp trưởng"]) == "rejected"
