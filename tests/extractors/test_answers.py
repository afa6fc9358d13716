"""Criteria and cooperation offers are classified by what they name, head first, and say how sure that is.

The wordings below are our own (none is a corpus letter's): each kind said several ways, items that name things
the contract has no kind for, offers whose head gives equipment under any name, and items that name nothing.
"""
from __future__ import annotations

import pytest

from extractors.fields.answers import _COOP_STRONG, _CRITERIA_STRONG
from extractors.fields.checks import LOW_CONFIDENCE, run_checks
from extractors.fields.items import Item, split_mixed
from extractors.fields.kinds import CERTAIN, DOUBTFUL, classify, names_a_kind


def _criterion(text: str):
    return classify(text, "CRIT", _CRITERIA_STRONG)


def _offer(text: str):
    return classify(text, "COOP", _COOP_STRONG)


@pytest.mark.parametrize("text, category", [
    ("Tiếng Anh giao tiếp cơ bản, ưu tiên có chứng chỉ TOEIC 450 trở lên", "language"),
    ("Ưu tiên có chứng chỉ TOPIK cấp 3", "language"),
    ("Giao tiếp được bằng tiếng Trung phổ thông", "language"),
    ("Nam, nữ tuổi từ 18 đến 35", "age"),
    ("Không quá 40 tuổi đối với lao động phổ thông", "age"),
    ("Thị lực tốt, không mù màu", "health"),
    ("Phải xuất trình giấy khám sức khỏe trong vòng 6 tháng", "health"),
    ("Có giấy chứng nhận đủ sức khỏe do bệnh viện huyện cấp", "health"),
    ("Có chứng chỉ nghề hàn 3G trở lên", "certification"),
    ("Thợ điện phải có giấy phép hành nghề điện lực", "certification"),
    ("Có tối thiểu 01 năm kinh nghiệm ở vị trí tương đương", "experience"),
    ("Ưu tiên người đã từng đứng máy ở xưởng dệt", "experience"),
    ("Tốt nghiệp cao đẳng trở lên đối với vị trí kỹ thuật", "education"),
    ("Trình độ tin học văn phòng B", "skills"),
    ("Sử dụng thành thạo máy may 1 kim", "skills"),
    ("Am hiểu quy trình kiểm soát chất lượng ISO 9001", "skills"),
    ("Nắm vững nguyên lý hoạt động của máy nén khí", "skills"),
    ("Tuân thủ nội quy lao động", "attitude"),
    ("Có tinh thần cầu tiến, chịu khó học hỏi", "attitude"),
    ("Good health", "health"),
    # things the contract has no category for, named: `other` on the item's words
    ("Ưu tiên ứng viên cư trú tại Hải Phòng", "other"),
    ("Lý lịch rõ ràng, không vi phạm pháp luật", "other"),
    ("Sẵn sàng làm ca đêm khi nhà máy chạy ba ca", "other"),
    ("Đồng ý làm thêm giờ vào cao điểm đơn hàng", "other"),
    ("Có hộ khẩu thường trú tại huyện Thủy Nguyên", "other"),
])
def test_criteria(text, category):
    kind = _criterion(text)
    assert kind.value == category
    assert kind.named and kind.confidence > LOW_CONFIDENCE and kind.doubt is None


@pytest.mark.parametrize("text, kind", [
    ("Ký hợp đồng lao động ngay sau khi tốt nghiệp đối với sinh viên thực tập đạt yêu cầu", "recruitment_commitment"),
    ("Tiếp nhận học sinh, sinh viên đến thực tập tại nhà máy", "internship"),
    ("Đón học viên năm cuối về kiến tập tại phân xưởng", "internship"),
    ("Trao học bổng cho sinh viên xuất sắc", "scholarship"),
    ("Mỗi năm dành 5 suất học bổng cho con em công nhân", "scholarship"),
    ("Cử kỹ sư tham gia giảng dạy tại trường", "experts"),
    ("Cử nghệ nhân truyền nghề cho học sinh", "experts"),
    ("Đặt hàng nhà trường đào tạo theo nhu cầu", "order_based_training"),
    ("Tham gia góp ý xây dựng chương trình đào tạo", "curriculum"),
    ("Cùng nhà trường biên soạn giáo trình mô-đun hàn ống", "curriculum"),
    ("Hỗ trợ nhà trường trang thiết bị thực hành", "facilities"),
    # a giving head with equipment as its object, whatever the equipment is called
    ("Tặng xưởng trường 03 máy tiện CNC đã qua sử dụng", "facilities"),
    ("Hỗ trợ nhà trường 10 bộ dụng cụ đo kiểm cầm tay", "facilities"),
    ("Trao tặng khoa cơ khí một mô hình động cơ diesel cắt bổ", "facilities"),
    ("Cung cấp phôi thép và que hàn cho các lớp thực hành", "facilities"),
    ("Tài trợ bản quyền phần mềm thiết kế cho phòng máy của trường", "facilities"),
    ("Bàn giao cho trường 02 robot hàn cũ", "facilities"),
    ("Sẵn sàng cho nhà trường mượn máy ép nhựa vào dịp hè", "facilities"),
    ("Cho phép học sinh thực hành trên dây chuyền sản xuất của công ty", "facilities"),
    # offers the contract has no kind for, named: `other`, even when the visit names the production line
    ("Tổ chức cho sinh viên tham quan dây chuyền lắp ráp của nhà máy", "other"),
    ("Mời học sinh cuối cấp đến trải nghiệm thực tế tại xưởng dệt", "other"),
    ("Phối hợp tổ chức ngày hội việc làm tại các trường", "other"),
    ("Ký thỏa thuận hợp tác toàn diện với các cơ sở đào tạo", "other"),
    ("Tham gia tư vấn hướng nghiệp cho học sinh lớp 12", "other"),
])
def test_cooperation(text, kind):
    found = _offer(text)
    assert found.value == kind
    assert found.named and found.confidence > LOW_CONFIDENCE and found.doubt is None


@pytest.mark.parametrize("text", [
    "Nhận sinh viên thực tập, hỗ trợ tiền ăn ca và xe đưa đón",     # perks of an internship, no equipment given
    "Nhận học sinh thực tập vận hành máy dệt",                      # a machine, but no giving head
])
def test_equipment_without_a_giving_head_is_no_facilities_offer(text):
    assert _offer(text).value == "internship"


def test_a_giving_head_decides_when_it_opens_the_item():
    kind = _offer("Hỗ trợ nhà trường máy hàn để sinh viên thực tập")
    assert kind.value == "facilities" and kind.confidence < CERTAIN       # internship is named too: resolved
    # the head is what is offered, even beside an unmistakable kind further on
    assert _offer("Hỗ trợ máy móc phục vụ lớp đào tạo theo đơn đặt hàng").value == "facilities"
    # ... but the giving verb's first object decides what it gives
    assert _offer("Tài trợ học bổng và máy tính cho sinh viên nghèo vượt khó").value == "scholarship"


@pytest.mark.parametrize("text, group", [
    ("Nhanh nhẹn, khéo léo", "CRIT"),
    ("Ngoại hình ưa nhìn", "CRIT"),
    ("Duy trì mối quan hệ lâu dài với nhà trường", "COOP"),
    ("Hỗ trợ nhà trường trong công tác tuyển sinh", "COOP"),       # gives, but what?
])
def test_an_item_that_names_nothing_is_other_and_doubtful(text, group):
    kind = classify(text, group, _CRITERIA_STRONG if group == "CRIT" else _COOP_STRONG)
    assert kind.value == "other" and not kind.named
    assert kind.confidence == DOUBTFUL < LOW_CONFIDENCE and kind.doubt


def test_a_named_other_is_a_kind_of_its_own_when_a_list_item_is_cut():
    item = Item("Tốt nghiệp THPT trở lên, không có tiền sự, tiền án", line=None)
    pieces = split_mixed([item], lambda text: names_a_kind(text, "CRIT", _CRITERIA_STRONG))
    assert [p.text for p in pieces] == ["Tốt nghiệp THPT trở lên", "Không có tiền sự, tiền án"]
    # a piece that names nothing stays with its neighbour
    item = Item("Nhận sinh viên thực tập và hỗ trợ chi phí ăn ở", line=None)
    assert len(split_mixed([item], lambda text: names_a_kind(text, "COOP", _COOP_STRONG))) == 1


# -- through a whole reading: the category's certainty on the item, and the flag when it is in doubt -------------

def _read(criteria: list[str], offers: list[str]):
    """A letter of our own (as blocks) with these answers to points 2 and 3, read and checked."""
    from extractors.fields import read_fields
    from tests.extractors.test_unseen_redteam import _letter

    body = ["1. Nhu cầu tuyển dụng", "Năm 2023 Công ty cần tuyển 20 công nhân đóng gói.",
            "2. Tiêu chuẩn lao động", *criteria, "3. Hợp tác đào tạo", *offers,
            "4. Đăng ký nhu cầu tuyển dụng", "Hằng quý trên Cổng thông tin heza.", "5. Kiến nghị", "- Không.",
            "Trân trọng./."]
    head = [("CÔNG TY TNHH NHỰA BÌNH AN", (90.0, 71, 280, 84)), ("Số: 21/2023/BA", (90.0, 88, 170, 101)),
            ("Hải Phòng, ngày 29 tháng 3 năm 2023", (306.0, 88, 500, 101))]
    fields = read_fields(_letter(head, body))
    return fields, [f for f in run_checks(fields) if f.code == "low_confidence"]


def test_a_list_item_with_a_named_other_criterion_and_a_giving_head_read_in_a_letter():
    fields, flags = _read(["- Tốt nghiệp THPT trở lên, không có tiền sự, tiền án;", "- Sức khỏe tốt."],
                          ["- Tặng xưởng trường 03 máy tiện CNC;",
                           "- Tổ chức cho học sinh tham quan dây chuyền sản xuất của Công ty."])
    assert [(c.category, c.confidence) for c in fields.criteria] == [("education", 1.0), ("other", 1.0),
                                                                     ("health", 1.0)]
    assert [o.kind for o in fields.cooperation] == ["facilities", "other"]
    assert fields.cooperation[1].confidence < 1.0                # a visit that names the line: resolved, shown
    assert flags == []


def test_an_item_whose_kind_is_in_doubt_is_flagged_on_its_own_field():
    fields, flags = _read(["- Sức khỏe tốt;", "- Nhanh nhẹn, khéo léo."],
                          ["- Nhận sinh viên thực tập;", "- Hỗ trợ nhà trường trong công tác tuyển sinh."])
    assert [(c.category, c.confidence) for c in fields.criteria] == [("health", 1.0), ("other", DOUBTFUL)]
    assert [(o.kind, o.confidence) for o in fields.cooperation] == [("internship", 1.0), ("other", DOUBTFUL)]
    assert [f.field for f in flags] == ["criteria[1].category", "cooperation_offers[1].kind"]
    assert "Nhanh nhẹn, khéo léo" in flags[0].message and "Khác" in flags[0].message


def test_an_answer_that_says_there_is_nothing_is_no_item():
    fields, flags = _read(["- Không có yêu cầu gì đặc biệt."], ["- Hiện tại Công ty chưa có kế hoạch hợp tác."])
    assert fields.criteria == [] and fields.cooperation == [] and flags == []
    # a criterion that negates something is one (naming nothing we know: in doubt)
    fields, flags = _read(["- Không hút thuốc lá."], ["- Chưa có."])
    assert [c.text for c in fields.criteria] == ["Không hút thuốc lá"] and fields.cooperation == []
    assert [f.field for f in flags] == ["criteria[0].category"]
