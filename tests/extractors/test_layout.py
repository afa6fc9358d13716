"""Sections are found by their words, numbered or not."""
from __future__ import annotations

from extractors.fields import read_fields
from extractors.fields.layout import heading_section
from extractors.model import DocumentContent, Paragraph
from extractors.text.normalize import fold


def test_numbered_headings_in_several_styles():
    for text, key in [("1. Nhu cầu tuyển dụng năm 2023", "needs"), ("II. Tiêu chuẩn, tiêu chí", "criteria"),
                      ("3) Khả năng hợp tác với nhà trường", "cooperation"),
                      ("4. Về việc đăng ký nhu cầu tuyển dụng lao động hằng tuần, hằng tháng", "registration"),
                      ("V. Kiến nghị, đề xuất", "proposals"), ("1. Nhu cầu tuyển dụng / Recruitment needs", "needs"),
                      ("b. Cooperation with schools", "cooperation")]:
        assert heading_section(fold(text), text) == key, text


def test_unnumbered_headings():
    assert heading_section(fold("Về nhu cầu tuyển dụng:"), "Về nhu cầu tuyển dụng:") == "needs"
    assert heading_section(fold("NHU CẦU TUYỂN DỤNG"), "NHU CẦU TUYỂN DỤNG") == "needs"
    assert heading_section(fold("Thứ hai, về tiêu chuẩn lao động"), "Thứ hai, về tiêu chuẩn lao động") == "criteria"
    sentence = "Công ty sẽ đăng ký nhu cầu tuyển dụng hằng tháng trên Cổng thông tin heza."
    assert heading_section(fold(sentence), sentence) is None


def test_a_letter_with_unnumbered_headings_is_read():
    lines = ["CÔNG TY CỔ PHẦN BAO BÌ HẢI AN", "Số: 4/CV-HA", "Hải Phòng, ngày 2 tháng 3 năm 2023",
             "Kính gửi: Ban Quản lý Khu kinh tế Hải Phòng",
             "Công ty Cổ phần Bao bì Hải An (MST 0201234569) phúc đáp Công văn 812/BQL-LĐ như sau:",
             "Về nhu cầu tuyển dụng:", "Năm 2023 Công ty cần tuyển 25 công nhân vận hành máy in trình độ sơ cấp.",
             "Về tiêu chuẩn lao động:", "Sức khỏe tốt; chăm chỉ.", "Về hợp tác với nhà trường:",
             "Nhận sinh viên thực tập.", "Về đăng ký nhu cầu tuyển dụng:", "Hằng quý trên Cổng thông tin heza.",
             "Kiến nghị, đề xuất:", "Đề nghị mở lớp đào tạo nghề in.", "Trân trọng./."]
    content = DocumentContent("test", [Paragraph(t, i) for i, t in enumerate(lines)])
    reading = read_fields(content)
    assert set(reading.view.sections) == {"needs", "criteria", "cooperation", "registration", "proposals"}
    assert [(n.year, n.quantity, n.qualification) for n in reading.needs.needs] == [(2023, 25, "elementary_vocational")]
    assert {c.category for c in reading.criteria} == {"health", "attitude"}
    assert reading.registration.frequency == "quarterly"
    assert reading.proposals == ["Đề nghị mở lớp đào tạo nghề in"]


def test_the_date_of_a_cited_document_is_not_the_letters_date():
    lines = ["CÔNG TY TNHH NHỰA TIỀN PHONG", "Số: 9/CV-TP",
             "Kính gi: Ban Quản lý Khu kinh tế Hải Phòng",          # the addressee as a poor scan reads it
             "Căn cứ Công văn số 812/BQL-LĐ ngày 08/03/2023 của Ban Quản lý Khu kinh tế Hải Phòng,",
             "1. Nhu cầu tuyển dụng", "Năm 2023 cần 10 công nhân.", "Hải Phòng, ngày 17 tháng 3 năm 2023",
             "GIÁM ĐỐC"]
    reading = read_fields(DocumentContent("test", [Paragraph(t, i) for i, t in enumerate(lines)]))
    assert [ln.text for ln in reading.view.header] == lines[:2]
    assert str(reading.letter.date) == "2023-03-17"
    lines[6] = "Trân trọng./."
    reading = read_fields(DocumentContent("test", [Paragraph(t, i) for i, t in enumerate(lines)]))
    assert reading.letter.date is None
