"""Items of an answer on every list convention, each classified; a mixed item is cut, nothing is dropped."""
from __future__ import annotations

import pytest

from extractors.fields import read_fields
from extractors.fields.checks import run_checks
from extractors.fields.structure import ticked_only
from extractors.model import Cell, DocumentContent, Paragraph, Table

HEAD = ["CÔNG TY CỔ PHẦN GỖ MỸ NGHỆ TRÀNG AN", "Số: 5/TA-NS", "Hải Phòng, ngày 3 tháng 4 năm 2023",
        "Kính gửi: Ban Quản lý Khu kinh tế Hải Phòng",
        "Công ty Cổ phần Gỗ mỹ nghệ Tràng An phúc đáp Công văn số 812/BQL-LĐ như sau:",
        "1. Nhu cầu tuyển dụng", "Năm 2023 cần 20 thợ mộc trình độ sơ cấp."]
TAIL = ["Trân trọng./.", "GIÁM ĐỐC"]


def _read(blocks: list) -> object:
    out, i = [], 0
    for b in [*HEAD, *blocks, *TAIL]:
        if isinstance(b, list):
            out.append(Table([[Cell(t) for t in row] for row in b], i))
        else:
            out.append(Paragraph(b, i))
        i += 1
    return read_fields(DocumentContent("test", out))


@pytest.mark.parametrize("lines, expected", [
    (["2. Tiêu chuẩn", "Tuổi từ 18 đến 35; có chứng chỉ nghề mộc; chăm chỉ, trung thực."],
     ["age", "certification", "attitude"]),
    (["2. Tiêu chuẩn", "(i) tuổi từ 18 đến 35; (ii) có sức khỏe tốt; (iii) biết sử dụng máy cưa."],
     ["age", "health", "skills"]),
    (["2. Tiêu chuẩn", "(1) Độ tuổi dưới 40 (2) Không mắc bệnh mãn tính (3) Có kinh nghiệm 2 năm"],
     ["age", "health", "experience"]),
    (["2. Tiêu chuẩn", "+ Tốt nghiệp THPT;", "+ Có kinh nghiệm làm đồ gỗ xuất khẩu."], ["education", "experience"]),
    (["2. Tiêu chuẩn", "• Thị lực tốt", "• Tiếng Anh giao tiếp"], ["health", "language"]),
    (["2. Tiêu chuẩn", "Thợ mộc: từ 18 đến 45 tuổi, thị lực tốt, tuân thủ nội quy xưởng."],
     ["age", "health", "attitude"]),
    (["2. Tiêu chuẩn", [["Tiêu chí", "Yêu cầu"], ["Sức khỏe", "Không mắc bệnh về da"],
                       ["Trình độ", "Tốt nghiệp trung cấp nghề mộc"], ["Thái độ", "Cẩn thận, tỉ mỉ"]]],
     ["health", "education", "attitude"]),
    (["2. Tiêu chuẩn", "Ưu tiên người sống gần nhà máy."], ["other"]),
])
def test_criteria_items(lines, expected):
    reading = _read(lines)
    assert [c.category for c in reading.criteria] == expected, [c.text for c in reading.criteria]


@pytest.mark.parametrize("lines, expected", [
    (["3. Hợp tác", "Công ty trao học bổng cho học sinh giỏi và nhận học sinh thực tập tại xưởng."],
     ["scholarship", "internship"]),
    (["3. Hợp tác", "- Cử nghệ nhân truyền nghề chạm khắc tại trường;", "- Cho trường mượn xưởng để học sinh thực hành;",
      "- Cam kết tiếp nhận học viên tốt nghiệp vào làm việc."], ["experts", "facilities", "recruitment_commitment"]),
    (["3. Hợp tác", "☒ Nhận sinh viên thực tập ☐ Cử chuyên gia giảng dạy", "☐ Tài trợ học bổng", "☑ Đặt hàng đào tạo"],
     ["internship", "order_based_training"]),
    (["3. Hợp tác", "Phối hợp tổ chức ngày hội việc làm tại trường."], ["other"]),
])
def test_offer_items(lines, expected):
    reading = _read(lines)
    assert [o.kind for o in reading.cooperation] == expected, [o.text for o in reading.cooperation]


@pytest.mark.parametrize("text, frequency", [
    ("Công ty đăng ký 3 tháng một lần trên cổng heza.", "quarterly"),
    ("Công ty cập nhật mỗi tháng một lần trên cổng heza.", "monthly"),
    ("Công ty đăng ký một lần mỗi tháng trên cổng heza.", "monthly"),
    ("Công ty đăng ký khi có kế hoạch tuyển dụng cụ thể.", "ad_hoc"),
    ("Công ty sẽ đăng ký tùy theo nhu cầu thực tế.", "ad_hoc"),
    ("We will register our needs once a month on the heza portal.", "monthly"),
    ("Công ty đăng ký định kỳ 1 lần/tuần trên cổng heza.", "weekly"),
    ("☐ Hằng tuần ☐ Hằng tháng ☒ Hằng quý ☐ Khi phát sinh", "quarterly"),
])
def test_registration_frequency(text, frequency):
    reading = _read(["4. Đăng ký nhu cầu tuyển dụng", text])
    assert reading.registration.frequency == frequency


@pytest.mark.parametrize("text, frequency", [
    ("Công ty đăng ký nhu cầu 6 tháng một lần trên cổng heza.", None),
    ("Công ty cập nhật định kỳ 2 tuần/lần trên cổng thông tin của thành phố.", None),
    ("Mỗi hai tháng công ty sẽ gửi nhu cầu lên cổng heza.", None),
    ("Công ty đăng ký hằng năm vào tháng 12.", None),
    ("We will register our needs every two weeks on the heza portal.", None),
    ("Công ty đăng ký sáu tháng một lần hoặc khi có nhu cầu đột xuất.", None),
    # the contract's own rhythms, and a yearly summary beside a monthly registration, are read as before
    ("Công ty đăng ký 1 tháng một lần trên cổng heza.", "monthly"),
    ("Công ty đăng ký ba tháng một lần trên cổng heza.", "quarterly"),
    ("Công ty đăng ký hằng tháng và tổng hợp báo cáo hằng năm.", "monthly"),
])
def test_a_rhythm_the_contract_has_no_value_for_is_left_empty_and_flagged(text, frequency):
    # "6 tháng một lần" holds the words "tháng một lần" (monthly): read as monthly it would be a wrong value
    # that nobody sees
    reading = _read(["4. Đăng ký nhu cầu tuyển dụng", text])
    assert reading.registration.frequency == frequency
    flags = [f for f in run_checks(reading) if f.field == "registration.frequency"]
    if frequency is None:
        assert flags and flags[0].code == "low_confidence" and "Tần suất" in flags[0].message, flags
    else:
        assert not flags


def test_only_ticked_boxes_count():
    assert ticked_only("☒ Thực tập ☐ Học bổng ☑ Chuyên gia") == "Thực tập; Chuyên gia"
    assert ticked_only("☐ Hằng tuần ☐ Hằng tháng") == ""
    assert ticked_only("Không có ô nào") is None
