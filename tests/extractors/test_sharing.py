"""A block that answers several questions, shared out piece by piece (extractors/fields/sharing.py), with the real
content scores (structure.content_scores: the vocabulary and the spaCy terms)."""
from __future__ import annotations

import pytest

from extractors.fields.sharing import (COOPERATION, CRITERIA, NEEDS, PROPOSALS, REGISTRATION, proposes,
                                       share_out)
from extractors.fields.structure import content_scores


def _share(text: str, prior: tuple[str, ...] = ()) -> list[tuple[str, str | None, tuple[str, ...]]]:
    pieces = share_out([(text, None)], prior, content_scores, prior[0] if prior else None)
    return [(p.text, p.key, p.doubt) for p in pieces]


def test_a_clause_that_speaks_of_two_answers_is_cut_at_its_comma_and_nothing_is_lost():
    text = "Người lao động cần có sức khỏe tốt, đồng thời Công ty sẵn sàng nhận sinh viên thực tập."
    pieces = _share(text, (CRITERIA,))
    assert [key for _, key, _ in pieces] == [CRITERIA, COOPERATION]
    assert "".join(t for t, _, _ in pieces) == text
    assert not any(doubt for _, _, doubt in pieces)


def test_a_list_of_one_answer_is_not_cut():
    text = "Người lao động cần tốt nghiệp trung học phổ thông, có sức khỏe tốt, tuổi từ 18 đến 35."
    assert _share(text, (CRITERIA,)) == [(text, CRITERIA, ())]


def test_a_clause_of_needs_keeps_its_requirements():
    text = "Năm 2023 cần tuyển 20 công nhân may, yêu cầu tốt nghiệp trung học cơ sở."
    assert [key for _, key, _ in _share(text)] == [NEEDS]


@pytest.mark.parametrize("text, key", [
    ("Công ty sẽ cập nhật nhu cầu hằng tháng trên Cổng thông tin điện tử thành phố.", REGISTRATION),
    ("Chúng tôi sẵn sàng cử kỹ sư tham gia giảng dạy và nhận đặt hàng đào tạo.", COOPERATION),
    ("Công ty kính đề nghị Quý Ban tổ chức lớp đào tạo kỹ năng cho công nhân.", PROPOSALS),
    ("Ứng viên phải có chứng chỉ nghề và độ tuổi dưới 40.", CRITERIA),
])
def test_each_sentence_goes_to_the_answer_its_content_names(text, key):
    assert [k for _, k, _ in _share(text)] == [key]


def test_under_a_heading_a_sentence_with_no_evidence_stays_with_the_heading():
    assert [k for _, k, _ in _share("Công ty sẽ thông báo sau.", (REGISTRATION,))] == [REGISTRATION]


def test_the_last_question_takes_proposals_about_anything():
    text = "Hỗ trợ kết nối với các trường để nhận sinh viên thực tập."
    assert [k for _, k, _ in _share(text, (PROPOSALS,))] == [PROPOSALS]


def test_a_sentence_that_may_be_an_offer_or_a_proposal_is_marked_doubtful():
    (_, key, doubt), = _share("Công ty đề nghị nhà trường tăng thời lượng thực hành cho sinh viên.", (CRITERIA,))
    assert {COOPERATION, PROPOSALS} <= set(doubt)


@pytest.mark.parametrize("text, expected", [
    ("Công ty kính đề nghị Quý Ban hỗ trợ.", True),
    ("Đồng thời, chúng tôi kiến nghị mở thêm lớp học.", True),
    ("Theo đề nghị của Quý Ban tại Công văn số 812, Công ty trả lời như sau.", False),
    ("Công ty mong muốn được hợp tác lâu dài với các trường.", False),
])
def test_a_proposal_verb_heads_the_clause(text, expected):
    assert proposes(text) is expected
