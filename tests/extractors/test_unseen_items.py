"""Points 2 to 5 of letters written apart from the corpora (issue 11, red team, items): how answers are cut into
items and what each item is, on the shapes other HR departments give them. Each test is a general cause."""
from __future__ import annotations

import datetime

import pytest

from extractors.fields import read_fields
from extractors.fields.answers import _COOP_STRONG, _CRITERIA_STRONG
from extractors.fields.checks import run_checks
from extractors.fields.kinds import classify
from extractors.model import Cell, DocumentContent, Paragraph, Table
from extractors.nlp import term_values

HEAD = ["CÔNG TY TNHH NHỰA BÌNH AN", "Số: 21/2023/BA", "Hải Phòng, ngày 29 tháng 3 năm 2023",
        "Kính gửi: Ban Quản lý Khu kinh tế Hải Phòng",
        "Công ty TNHH Nhựa Bình An (MST 0201234569), KCN Nomura, trả lời Công văn số 812/BQL-LĐ như sau:"]
ANSWERS = {
    1: ["1. Nhu cầu tuyển dụng", "Năm 2023 Công ty cần tuyển 20 công nhân đóng gói."],
    2: ["2. Tiêu chuẩn lao động", "- Sức khỏe tốt."],
    3: ["3. Hợp tác đào tạo", "- Nhận sinh viên thực tập."],
    4: ["4. Đăng ký nhu cầu tuyển dụng", "Hằng quý trên Cổng thông tin heza."],
    5: ["5. Kiến nghị", "Đề nghị tổ chức ngày hội việc làm."],
}


def _docx(body: list) -> DocumentContent:
    """A DOCX-like letter (paragraphs without pages): HEAD, then `body` (strings, or Tables)."""
    blocks = []
    for item in [*HEAD, *body, "Trân trọng./."]:
        if isinstance(item, Table):
            item.index = len(blocks)
            blocks.append(item)
        else:
            blocks.append(Paragraph(text=item, index=len(blocks)))
    return DocumentContent(media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                           blocks=blocks)


def _letter(**answers) -> DocumentContent:
    """The five answers of ANSWERS, point n replaced by `answers["p<n>"]` (its heading included)."""
    body: list = []
    for n in range(1, 6):
        body.extend(answers.get(f"p{n}", ANSWERS[n]))
    return _docx(body)


def _table(rows: list[list[str]]) -> Table:
    return Table(rows=[[Cell(text) for text in row] for row in rows], index=0)


def test_a_section_that_answers_two_points_gives_each_list_item_to_its_own_answer():
    fields = read_fields(_docx([*ANSWERS[1], "2 và 3. Tiêu chuẩn lao động và hình thức hợp tác với nhà trường",
                                "- Lao động tốt nghiệp trung cấp chuyên ngành cơ điện tử.",
                                "- Đọc được bản vẽ và lập trình PLC cơ bản.",
                                "- Công ty sẵn sàng cử kỹ sư đến giảng dạy thực hành tại trường.",
                                "- Phối hợp đào tạo theo đơn đặt hàng với quy mô 20 học viên mỗi khóa.",
                                *ANSWERS[4], *ANSWERS[5]]))
    assert [c.category for c in fields.criteria] == ["education", "skills"]
    assert [o.kind for o in fields.cooperation] == ["experts", "order_based_training"]


def test_a_date_whose_year_wrapped_centred_under_it_in_the_letterhead_column():
    head = [("CÔNG TY TNHH NHỰA BÌNH AN", (107, 71, 277, 84)), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA", (307, 71, 509, 84)),
            ("Số: 21/2023/BA", (154, 115, 231, 128)), ("Độc lập – Tự do – Hạnh phúc", (327, 115, 490, 128)),
            ("V/v trả lời Công văn số 812/BQL-LĐ", (94, 142, 290, 155)),
            ("Hải Phòng, ngày 24 tháng 03 năm", (319, 142, 498, 155)), ("2023", (395, 159, 421, 172))]
    blocks = [Paragraph(text=t, index=i, page=1, bbox=b) for i, (t, b) in enumerate(head)]
    y = 214.0
    for text in HEAD[3:] + [line for n in range(1, 6) for line in ANSWERS[n]]:
        blocks.append(Paragraph(text=text, index=len(blocks), page=1, bbox=(90.0, y, 500.0, y + 13)))
        y += 17
    fields = read_fields(DocumentContent(media_type="application/pdf", blocks=blocks, pages=1))
    assert fields.letter.date == datetime.date(2023, 3, 24)


def test_a_word_of_another_tone_is_not_the_term():
    # "đặc biệt" folds to "dac biet", which holds "biết" (skills) folded; a text without accents still matches
    assert term_values("Công ty không có yêu cầu đặc biệt", "CRIT") == []
    assert term_values("Biết sử dụng máy tính", "CRIT") == ["skills"]
    assert term_values("biet su dung may tinh", "CRIT") == ["skills"]
    assert term_values("Có sức khoẻ tốt", "CRIT") == ["health"]          # the old tone placement is the same tone


def test_a_two_word_piece_that_names_a_kind_is_an_item_and_a_requirement_waived_is_none():
    fields = read_fields(_letter(p2=["2. Tiêu chuẩn lao động",
                                     "Công ty không có yêu cầu đặc biệt, chỉ cần người lao động có sức khỏe và chăm chỉ.",
                                     "Về kinh nghiệm: không bắt buộc."],
                                 p3=["3. Hợp tác đào tạo", "Hiện tại Công ty chưa có điều kiện hợp tác."]))
    assert [c.category for c in fields.criteria] == ["health", "attitude"]
    assert fields.cooperation == []


def test_the_label_of_a_table_row_is_the_letters_word_for_its_kind():
    table = _table([["Tiêu chí", "Yêu cầu"], ["Trình độ", "Trung cấp nghề trở lên"],
                    ["Sức khỏe", "Đủ điều kiện làm việc ca đêm"], ["Kinh nghiệm", "Không yêu cầu"],
                    ["Thái độ", "Chịu khó, cẩn thận"]])
    fields = read_fields(_letter(p2=["2. Tiêu chuẩn lao động", table]))
    assert [(c.category, c.text) for c in fields.criteria] == [
        ("education", "Trung cấp nghề trở lên"), ("health", "Đủ điều kiện làm việc ca đêm"),
        ("attitude", "Chịu khó, cẩn thận")]
    # a row labelled by a position helps what its cell says, it names no kind
    table = _table([["Vị trí", "Yêu cầu"], ["Kỹ sư điện", "Tốt nghiệp đại học chuyên ngành điện; tiếng Anh giao tiếp"]])
    fields = read_fields(_letter(p2=["2. Tiêu chuẩn lao động", table]))
    assert [c.category for c in fields.criteria] == ["education", "language"]


def test_roman_and_slash_list_markers_open_items():
    fields = read_fields(_letter(p2=["2. Tiêu chuẩn lao động", "i. Tuổi đời không quá 45;",
                                     "ii. Ngoại ngữ: tiếng Hàn sơ cấp trở lên;", "iii. Có tác phong công nghiệp."],
                                 p3=["3. Hợp tác", "a/ Nhận học sinh thực tập;", "b/ Tặng nhà trường phôi đúc."]))
    assert [(c.category, c.text) for c in fields.criteria] == [
        ("age", "Tuổi đời không quá 45"), ("language", "Ngoại ngữ: tiếng Hàn sơ cấp trở lên"),
        ("attitude", "Có tác phong công nghiệp")]
    assert [(o.kind, o.text) for o in fields.cooperation] == [("internship", "Nhận học sinh thực tập"),
                                                             ("facilities", "Tặng nhà trường phôi đúc")]


def test_money_for_studies_joined_to_an_internship_is_an_offer_of_its_own():
    fields = read_fields(_letter(p3=["3. Hợp tác đào tạo",
                                     "- Tổ chức cho học sinh thực tập và hỗ trợ kinh phí học tập cho học sinh nghèo.",
                                     "- Nhận sinh viên thực tập và hỗ trợ chi phí ăn ở.",
                                     "- Đặt hàng nhà trường đào tạo 30 thợ hàn, Công ty chi trả học phí."]))
    # what interns are given while they are there is part of the internship, the fees of an order part of it
    assert [o.kind for o in fields.cooperation] == ["internship", "scholarship", "internship", "order_based_training"]
    assert [f for f in run_checks(fields) if f.code == "low_confidence"] == []


@pytest.mark.parametrize("said, frequency, doubt", [
    ("Công ty đăng ký một tháng hai lần trên cổng heza.", None, "một tháng hai lần"),
    ("Công ty đăng ký 2 lần/tháng.", None, "2 lần/tháng"),
    ("Hai lần mỗi tuần.", None, "Hai lần mỗi tuần"),
    ("Công ty đăng ký 1 lần/tháng.", "monthly", None),
    ("Định kỳ mỗi tháng 01 lần.", "monthly", None),                    # counts as typed, with their zeros
    ("Công ty cập nhật 01 lần/tuần.", "weekly", None),
    ("Định kỳ 03 tháng.", "quarterly", None),
    ("Công ty đăng ký 1 lần/năm.", None, "1 lần/năm"),
    ("1 lần/6 tháng.", None, "1 lần/6 tháng"),
    ("Mỗi quý một lần.", "quarterly", None),
    ("Tùy theo kế hoạch sản xuất kinh doanh từng thời kỳ.", "ad_hoc", None),
    ("Công ty đăng ký theo từng đợt tuyển dụng.", "ad_hoc", None),
])
def test_times_per_month_and_rhythms_that_depend(said, frequency, doubt):
    fields = read_fields(_letter(p4=["4. Đăng ký nhu cầu tuyển dụng", said]))
    assert fields.registration.frequency == frequency
    assert (fields.frequency_doubt is not None and doubt in fields.frequency_doubt) if doubt else \
        fields.frequency_doubt is None


def test_frequencies_named_as_options_give_way_to_the_one_chosen_and_options_alone_are_a_doubt():
    # the Board's question said again in the answer: the answer is the frequency named on its own
    fields = read_fields(_letter(p4=["4. Đăng ký nhu cầu", "Đối với đề nghị đăng ký nhu cầu tuyển dụng hằng tuần, "
                                     "hằng tháng, Công ty xin đăng ký theo quý."]))
    assert (fields.registration.frequency, fields.frequency_doubt) == ("quarterly", None)
    # options without a choice: no value, flagged
    fields = read_fields(_letter(p4=["4. Đăng ký nhu cầu", "Định kỳ hàng tháng hoặc hàng quý trên cổng heza."]))
    assert fields.registration.frequency is None and "Hằng tháng" in fields.frequency_doubt
    assert [f.field for f in run_checks(fields) if f.code == "low_confidence"] == ["registration.frequency"]
    # two frequencies each said on its own: the first is kept, flagged
    fields = read_fields(_letter(p4=["4. Đăng ký nhu cầu", "Công ty đăng ký hằng tháng. Riêng lao động kỹ thuật, "
                                     "Công ty đăng ký hằng quý."]))
    assert fields.registration.frequency == "monthly" and "Hằng quý" in fields.frequency_doubt
    # a fixed frequency and "when needed" are no doubt
    fields = read_fields(_letter(p4=["4. Đăng ký nhu cầu", "Hằng tháng, và khi có nhu cầu đột xuất."]))
    assert (fields.registration.frequency, fields.frequency_doubt) == ("monthly", None)


def test_no_proposal_and_thanks_are_no_items():
    fields = read_fields(_letter(p5=["5. Kiến nghị", "Không có ý kiến."]))
    assert fields.proposals == []
    fields = read_fields(_letter(p5=["5. Kiến nghị", "Công ty kiến nghị: (1) tổ chức hội chợ việc làm; (2) hỗ trợ "
                                     "nhà ở cho công nhân. Công ty xin chân thành cảm ơn sự quan tâm của Quý Ban."]))
    assert fields.proposals == ["Tổ chức hội chợ việc làm", "Hỗ trợ nhà ở cho công nhân"]


@pytest.mark.parametrize("text, category", [
    ("Hoàn thành chương trình trung học phổ thông", "education"),     # a level of schooling
    ("Cao đẳng trở lên", "education"),
    ("Lao động phổ thông chăm chỉ", "attitude"),                       # a level is generic: another kind wins
    ("Sinh năm 1983 trở về sau", "age"),
    ("Anh văn giao tiếp đối với kỹ sư", "language"),
    ("Có thẻ an toàn lao động còn hiệu lực", "certification"),
    ("Khỏe mạnh, không có dị tật ở tay, chân", "health"),
    ("Có thời gian công tác từ 2 năm trong lĩnh vực lắp đặt điện", "experience"),
    ("Tối thiểu 1 năm ở vị trí tương đương", "experience"),
])
def test_criteria_in_other_words(text, category):
    assert classify(text, "CRIT", _CRITERIA_STRONG).value == category


@pytest.mark.parametrize("text, kind", [
    ("Nhận học sinh về học việc tại các chuyền sản xuất", "internship"),
    ("Sẵn sàng đào tạo theo địa chỉ cho các trường có ngành cơ khí", "order_based_training"),
    ("Hỗ trợ kinh phí học tập cho sinh viên có hoàn cảnh khó khăn", "scholarship"),
    # in English (bilingual letters)
    ("Send our engineers as guest lecturers", "experts"),
    ("Our senior technicians can give practical lessons at the school", "experts"),
    ("Bursaries for outstanding students", "scholarship"),
    ("Co-develop training content with the school", "curriculum"),
    ("We commit to hiring all graduates who meet our standards", "recruitment_commitment"),
])
def test_offers_in_other_words(text, kind):
    assert classify(text, "COOP", _COOP_STRONG).value == kind
