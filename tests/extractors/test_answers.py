"""Criteria and cooperation offers are classified by their words, head first."""
from __future__ import annotations

import pytest

from extractors.fields.answers import _COOP_STRONG, _CRITERIA_STRONG, _classify


@pytest.mark.parametrize("text, category", [
    ("Tiếng Anh giao tiếp cơ bản, ưu tiên có chứng chỉ TOEIC 450 trở lên", "language"),
    ("Ưu tiên có chứng chỉ TOPIK cấp 3", "language"),
    ("Nam, nữ tuổi từ 18 đến 35", "age"),
    ("Thị lực tốt, không mù màu", "health"),
    ("Có chứng chỉ nghề hàn 3G trở lên", "certification"),
    ("Có tối thiểu 01 năm kinh nghiệm ở vị trí tương đương", "experience"),
    ("Tốt nghiệp cao đẳng trở lên đối với vị trí kỹ thuật", "education"),
    ("Trình độ tin học văn phòng B", "skills"),
    ("Sử dụng thành thạo máy may 1 kim", "skills"),
    ("Tuân thủ nội quy lao động", "attitude"),
    ("Ưu tiên ứng viên cư trú tại Hải Phòng", "other"),
    ("Good health", "health"),
])
def test_criteria(text, category):
    assert _classify(text, "CRIT", _CRITERIA_STRONG) == category


@pytest.mark.parametrize("text, kind", [
    ("Ký hợp đồng lao động ngay sau khi tốt nghiệp đối với sinh viên thực tập đạt yêu cầu", "recruitment_commitment"),
    ("Tiếp nhận học sinh, sinh viên đến thực tập tại nhà máy", "internship"),
    ("Trao học bổng cho sinh viên xuất sắc", "scholarship"),
    ("Cử kỹ sư tham gia giảng dạy tại trường", "experts"),
    ("Đặt hàng nhà trường đào tạo theo nhu cầu", "order_based_training"),
    ("Tham gia góp ý xây dựng chương trình đào tạo", "curriculum"),
    ("Hỗ trợ nhà trường trang thiết bị thực hành", "facilities"),
    ("Phối hợp tổ chức ngày hội việc làm tại các trường", "other"),
])
def test_cooperation(text, kind):
    assert _classify(text, "COOP", _COOP_STRONG) == kind
