"""Letters written apart from the corpora (issue 11, red team): what went wrong on them, as block models of our
own, each a general cause (a narrow letterhead column, the kind of an offer, the category of a criterion, the
wording of a frequency)."""
from __future__ import annotations

import datetime

from extractors.fields import read_fields
from extractors.model import DocumentContent, Paragraph

BODY = ["1. Nhu cầu tuyển dụng", "Năm 2023 Công ty cần tuyển 20 công nhân đóng gói.", "2. Tiêu chuẩn lao động",
        "- Sức khỏe tốt.", "3. Hợp tác đào tạo", "- Nhận sinh viên thực tập.", "4. Đăng ký nhu cầu tuyển dụng",
        "Hằng quý trên Cổng thông tin heza.", "5. Kiến nghị", "- Không.", "Trân trọng./."]


def _letter(head: list[tuple[str, tuple]], body: list[str]) -> DocumentContent:
    blocks = [Paragraph(text=t, index=i, page=1, bbox=bbox) for i, (t, bbox) in enumerate(head)]
    y = 170.0
    for text in ["Kính gửi: Ban Quản lý Khu kinh tế Hải Phòng",
                 "Công ty TNHH Nhựa Bình An (MST 0201234569), KCN Nomura, trả lời Công văn số 812/BQL-LĐ:", *body]:
        blocks.append(Paragraph(text=text, index=len(blocks), page=1, bbox=(90.0, y, 500.0, y + 13)))
        y += 17
    return DocumentContent(media_type="application/pdf", blocks=blocks, pages=1)


def test_a_date_whose_year_wrapped_in_the_letterhead_column():
    left, right = 90.0, 306.0
    head = [("CÔNG TY TNHH NHỰA BÌNH AN", (left, 71, 280, 84)), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA", (right, 71, 500, 84)),
            ("Số: 21/2023/BA", (left, 88, 170, 101)), ("VIỆT NAM", (right, 88, 370, 101)),
            ("V/v trả lời Công văn 812/BQL-LĐ", (left, 105, 280, 118)),
            ("Độc lập – Tự do – Hạnh phúc", (right, 105, 467, 118)),
            ("Hải Phòng, ngày 29 tháng 03 năm", (right, 122, 485, 135)), ("2023", (right, 139, 332, 152))]
    fields = read_fields(_letter(head, BODY))
    assert fields.letter.date == datetime.date(2023, 3, 29)


def _with(section: int, lines: list[str]) -> list[str]:
    """BODY with the answer to point `section` replaced by `lines`."""
    heads = [i for i, t in enumerate(BODY) if t[:2] in {f"{n}." for n in range(1, 6)}]
    start = heads[section - 1]
    end = heads[section] if section < 5 else len(BODY) - 1
    return BODY[:start + 1] + lines + BODY[end:]


def _fields(body: list[str]):
    head = [("CÔNG TY TNHH NHỰA BÌNH AN", (90.0, 71, 280, 84)), ("Số: 21/2023/BA", (90.0, 88, 170, 101)),
            ("Hải Phòng, ngày 29 tháng 3 năm 2023", (306.0, 88, 500, 101))]
    return read_fields(_letter(head, body))


def test_an_offer_is_named_by_its_head_training_to_order_before_a_commitment():
    fields = _fields(_with(3, ["- Nhận đặt hàng đào tạo công nhân theo yêu cầu, cam kết tuyển dụng học viên đạt yêu cầu.",
                               "- Ký hợp đồng đào tạo thợ hàn với nhà trường.",
                               "- Cam kết tuyển dụng toàn bộ học viên hoàn thành khóa đào tạo theo đơn đặt hàng."]))
    # the first states two offers and is cut in two (extractors/fields/items.split_mixed)
    assert [o.kind for o in fields.cooperation] == ["order_based_training", "recruitment_commitment",
                                                    "order_based_training", "recruitment_commitment"]


def test_a_workshop_named_first_does_not_make_an_internship_facilities():
    fields = _fields(_with(3, ["Công ty sẵn lòng đón sinh viên xuống xưởng thực tập.",
                               "Cho nhà trường sử dụng nhà xưởng để thực hành."]))
    assert [o.kind for o in fields.cooperation] == ["internship", "facilities"]


def test_physical_tolerance_is_health_and_a_sense_of_duty_is_attitude():
    fields = _fields(_with(2, ["- Chịu được môi trường nhiệt độ cao;", "- Không sợ làm việc trên cao;",
                               "- Có ý thức giữ gìn vệ sinh chung;", "- Đi làm đúng giờ."]))
    assert [c.category for c in fields.criteria] == ["health", "health", "attitude", "attitude"]


def test_when_a_plan_is_ready_with_the_subject_between_is_ad_hoc():
    for sentence in ("Mỗi khi Công ty có kế hoạch tuyển mới.", "Khi doanh nghiệp phát sinh nhu cầu, Công ty sẽ đăng ký.",
                     "Công ty sẽ đăng ký khi nhà máy có nhu cầu bổ sung lao động."):
        assert _fields(_with(4, [sentence])).registration.frequency == "ad_hoc", sentence
    assert _fields(_with(4, ["Hằng tháng, và khi Công ty có kế hoạch đột xuất."])).registration.frequency == "monthly"


def test_a_form_table_answered_cell_by_cell_is_not_read_as_a_table_of_counts():
    from extractors.model import Cell, Table

    rows = [["STT", "Nội dung hỏi", "Trả lời của doanh nghiệp"],
            ["1", "Nhu cầu tuyển dụng", "Năm 2023 chưa tuyển thêm. Năm 2024 cần 12 thợ vận hành lò hơi trình độ trung "
                                        "cấp và 2 kỹ sư môi trường trình độ đại học."],
            ["2", "Tiêu chí đối với lao động", "Có ít nhất 2 năm kinh nghiệm."],
            ["3", "Hình thức hợp tác", "Tiếp nhận sinh viên đến thực tập."],
            ["4", "Đăng ký nhu cầu tuyển dụng", "Khi có nhu cầu."],
            ["5", "Đề xuất, kiến nghị", "Không."]]
    content = _letter([("CÔNG TY TNHH HÓA CHẤT AN THỊNH", (90.0, 71, 280, 84)),
                       ("Hải Phòng, ngày 7 tháng 4 năm 2023", (306.0, 88, 500, 101))], ["Trân trọng./."])
    form = Table(rows=[[Cell(c) for c in row] for row in rows], index=len(content.blocks) - 1)
    content.blocks.insert(len(content.blocks) - 1, form)
    for i, b in enumerate(content.blocks):
        b.index = i
    fields = read_fields(content)
    assert [(n.year, n.qualification, n.quantity) for n in fields.needs.needs] == [
        (2024, "intermediate_vocational", 12), (2024, "university", 2)]
    assert not fields.needs.unparsed
    assert fields.registration.frequency == "ad_hoc"


def test_a_romanised_given_name_keeps_its_hyphen():
    for line in ("Người liên hệ: Ms. Lee Ji-eun, HR Manager, tel. 0225 3 889 412",
                 "Người liên hệ: Park Min-jun – 0904 556 712"):
        fields = _fields(BODY[:-1] + [line, "Trân trọng./."])
        assert fields.enterprise.contact_name in ("Lee Ji-eun", "Park Min-jun"), line
