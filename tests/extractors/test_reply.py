"""A reply is a reply whatever its form; "not a reply" needs positive evidence, and doubt goes to review."""
from __future__ import annotations

from extractors.fields import read_fields
from extractors.fields.checks import run_checks
from extractors.fields.reply import not_a_reply
from extractors.model import Cell, DocumentContent, Paragraph, Table


def _content(blocks: list) -> DocumentContent:
    out = []
    for i, b in enumerate(blocks):
        out.append(Table([[Cell(t) for t in row] for row in b], i) if isinstance(b, list) else Paragraph(b, i))
    return DocumentContent("test", out)


def _decide(blocks: list):
    reading = read_fields(_content(blocks))
    return reading, not_a_reply(reading)


def test_a_prose_letter_without_points_is_a_reply():
    reading, refusal = _decide([
        "CÔNG TY TNHH CƠ KHÍ CHÍNH XÁC LẠC LONG", "Số: 21/LL", "Kính gửi: Ban Quản lý Khu kinh tế Hải Phòng",
        "Nhận được Công văn số 812/BQL-LĐ của Quý Ban, Công ty xin báo cáo: năm nay Công ty cần thêm 12 thợ tiện "
        "CNC trình độ trung cấp. Chúng tôi mong người lao động có tay nghề vững và chịu được áp lực. Công ty sẵn "
        "lòng nhận sinh viên thực tập tại phân xưởng.", "Trân trọng.", "GIÁM ĐỐC"])
    assert refusal is None
    assert set(reading.view.sections) == {"needs", "criteria", "cooperation"}
    assert "12 thợ tiện" in " ".join(ln.text for ln in reading.view.sections["needs"].lines)


def test_a_questionnaire_form_is_a_reply():
    reading, refusal = _decide([
        "PHIẾU KHẢO SÁT NHU CẦU LAO ĐỘNG", "(Kèm theo Công văn 812/BQL-LĐ)",
        "Tên doanh nghiệp: Công ty TNHH Bao bì Đông Á",
        [["Câu hỏi", "Trả lời"], ["1. Nhu cầu tuyển dụng", "Năm 2023: 30 công nhân in (lao động phổ thông)"],
         ["2. Tiêu chuẩn", "Sức khỏe tốt"], ["3. Hình thức hợp tác", "Nhận học sinh thực tập"],
         ["4. Tần suất đăng ký", "Hằng tháng"], ["5. Kiến nghị", "Không"]],
        "Người lập phiếu", "Nguyễn Thị Hoa"])
    assert refusal is None
    assert [n.quantity for n in reading.needs.needs] == [30]
    assert reading.registration.frequency == "monthly"


def test_a_reply_to_another_letter_of_the_board_is_not_a_reply():
    _, refusal = _decide([
        "CÔNG TY TNHH ĐIỆN TỬ MINH PHÁT", "Số: 88/MP", "Kính gửi: Ban Quản lý Khu kinh tế Hải Phòng",
        "Thực hiện Công văn số 1342/BQL-LĐ ngày 02/6/2023 của Ban Quản lý về báo cáo tình hình sử dụng lao động "
        "6 tháng đầu năm, Công ty báo cáo như sau:",
        [["Chỉ tiêu", "Số lượng"], ["Lao động đầu kỳ", "820"], ["Tuyển mới", "95"], ["Nghỉ việc", "60"]],
        "Trân trọng.", "GIÁM ĐỐC"])
    assert refusal is not None


def test_an_invitation_is_not_a_reply():
    _, refusal = _decide([
        "CÔNG TY TNHH NHỰA VIỆT NHẬT", "GIẤY MỜI", "Kính gửi: Ban Quản lý Khu kinh tế Hải Phòng",
        "Công ty trân trọng kính mời đại diện Quý Ban tới dự lễ khánh thành nhà máy số 2 vào 8 giờ ngày 20/5/2023, "
        "tại đó Công ty sẽ tổ chức phiên tuyển dụng 300 lao động.", "Trân trọng kính mời.", "GIÁM ĐỐC"])
    assert refusal is not None


def test_doubt_goes_to_review_not_rejection():
    reading, refusal = _decide([
        "CÔNG TY TNHH THỰC PHẨM AN BÌNH", "Kính gửi: Ban Quản lý Khu kinh tế Hải Phòng",
        "Về Công văn 812/BQL-LĐ, Công ty sẽ gửi thông tin sau.", "Trân trọng."])
    assert refusal is None
    assert any(f.code == "reply_unclear" for f in run_checks(reading))


def test_an_annex_announced_but_missing_is_flagged():
    reading, refusal = _decide([
        "CÔNG TY TNHH KẾT CẤU THÉP HOÀNG MINH", "Kính gửi: Ban Quản lý Khu kinh tế Hải Phòng",
        "Thực hiện Công văn số 812/BQL-LĐ, Công ty gửi kèm theo công văn này Phụ lục nhu cầu tuyển dụng 2023-2025.",
        "2. Tiêu chuẩn: có chứng chỉ hàn 3G.", "3. Hợp tác: nhận sinh viên thực tập.",
        "4. Đăng ký: hằng quý trên cổng heza.", "Trân trọng.", "GIÁM ĐỐC"])
    assert refusal is None
    assert any(f.code == "annex_missing" for f in run_checks(reading))


def test_a_heading_of_another_answer_inside_an_answer_is_flagged():
    reading, _ = _decide([
        "CÔNG TY TNHH KẾT CẤU THÉP HOÀNG MINH", "Kính gửi: Ban Quản lý Khu kinh tế Hải Phòng",
        "Phúc đáp Công văn số 812/BQL-LĐ, Công ty xin trả lời như sau:",
        "1. Nhu cầu tuyển dụng: năm 2023 cần 20 thợ hàn trình độ sơ cấp.",
        "2. Tiêu chuẩn: có chứng chỉ hàn 3G.", "3. Hợp tác: nhận sinh viên thực tập.",
        "Về nhu cầu tuyển dụng năm 2024:", "Chưa xác định, Công ty sẽ báo cáo sau.",
        "4. Đăng ký: hằng quý trên cổng heza.", "5. Kiến nghị: không có.", "Trân trọng.", "GIÁM ĐỐC"])
    assert any(f.code == "heading_in_answer" for f in run_checks(reading))
