"""Values clean at the boundary (issue 10, point 2): a record entering the schema loses its control characters and
over-long text, flagged where a value of the letter changed; counts are bounded (2^63-1 and 10^30 refused)."""
from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from schemas import Extraction, HiringNeed, Source
from schemas.extraction import MAX_QUANTITY
from schemas.text import LONG_TEXT, SHORT_TEXT


def _record(**parts) -> dict:
    return {"source": {"file_name": "cv.pdf", "sha256": "0" * 64}, "status": "extracted", **parts}


def test_control_characters_are_removed_and_the_changed_values_flagged():
    record = Extraction.model_validate(_record(
        enterprise={"name": "Công ty\x00 TNHH An Phát", "provenance": {"name": {"snippet": "Công ty\x00"}}},
        hiring_needs=[{"year": 2024, "position": "Thợ hàn\x00\x1b[31m", "quantity": 5},
                      {"year": 2024, "position": "Kỹ\x0bsư", "quantity": 2}],
        criteria=[{"text": "Sức khỏe tốt\x7f"}], proposals=["Đề nghị\x85hỗ trợ"]))
    assert record.enterprise.name == "Công ty TNHH An Phát"
    assert record.hiring_needs[0].position == "Thợ hàn[31m"
    assert record.hiring_needs[1].position == "Kỹ sư"                 # a vertical tab separates words: a space
    assert record.criteria[0].text == "Sức khỏe tốt" and record.proposals == ["Đề nghị hỗ trợ"]
    flagged = {(f.field, f.code) for f in record.flags}
    assert flagged == {("enterprise.name", "control_characters"), ("hiring_needs[0].position", "control_characters"),
                       ("criteria[0].text", "control_characters")}   # spacing controls and snippets: not flagged
    assert record.status == "needs_review"
    assert "Thợ hàn[31m" in next(f.message for f in record.flags if f.field == "hiring_needs[0].position")
    again = Extraction.model_validate(record.contract_json())          # clean now: nothing flagged twice
    assert len(again.flags) == len(record.flags)


def test_items_built_by_a_reader_are_cleaned_when_they_enter_the_record():
    need = HiringNeed(year=2024, position="Thợ hàn\x00", quantity=5)
    record = Extraction(source=Source(file_name="a.pdf", sha256="x"), status="extracted", hiring_needs=[need])
    assert record.hiring_needs[0].position == "Thợ hàn"
    assert [f.code for f in record.flags] == ["control_characters"]


def test_a_rejected_record_stays_rejected():
    record = Extraction.model_validate({**_record(hiring_needs=[{"year": 2024, "position": "A\x00", "quantity": 1}]),
                                        "status": "rejected"})
    assert record.status == "rejected"


def test_undecodable_file_names_become_valid_utf8():
    record = Extraction(source=Source(file_name="c\udcf4ng v\udce9n.docx", sha256="x"), status="rejected")
    assert record.source.file_name == "c\ufffdng v\ufffdn.docx"
    json.dumps(record.contract_json(), ensure_ascii=False).encode("utf-8")
    assert record.flags == []                                          # a file name is no value of the letter


def test_over_long_text_is_cut_and_flagged():
    record = Extraction.model_validate(_record(criteria=[{"text": "x" * (LONG_TEXT + 5)}],
                                               enterprise={"name": "C" * (1024 * 1024)}))
    assert len(record.criteria[0].text) == LONG_TEXT and len(record.enterprise.name) == SHORT_TEXT
    assert {(f.field, f.code) for f in record.flags} == {("criteria[0].text", "text_too_long"),
                                                         ("enterprise.name", "text_too_long")}


@pytest.mark.parametrize("quantity", [2 ** 63 - 1, 10 ** 30, MAX_QUANTITY + 1, -1])
def test_impossible_counts_are_refused(quantity):
    with pytest.raises(ValidationError):
        HiringNeed(year=2024, quantity=quantity)
    with pytest.raises(ValidationError):
        HiringNeed(year=2024, quantity=1, quantity_max=quantity)
    with pytest.raises(ValidationError):
        Extraction.model_validate(_record(hiring_needs=[{"year": 2024, "quantity": quantity}]))


def test_non_finite_numbers_are_refused():
    with pytest.raises(ValidationError):
        Extraction.model_validate(_record(hiring_needs=[{"year": 2024, "quantity": 1,
                                                         "provenance": {"bbox": [0, 0, float("inf"), 1]}}]))


def test_a_letter_stating_an_impossible_count_is_flagged_not_stored(tmp_path):
    """A needs table cell of 5.000.000 (money read as a count, a typo): the reading keeps the other rows, stores
    no need for that cell and flags it; 7.000 (implausible, possible) is kept and flagged."""
    from pipeline.runtime.extract import extract_path
    from tests.support.letters import LetterSpec, TableSpec, build_docx

    body = ["Công ty TNHH Thiết bị điện lạnh Phú Sơn (mã số thuế 0201234569) xin trả lời Công văn số 812/BQL-LĐ "
            "như sau:", "1. Nhu cầu tuyển dụng",
            TableSpec([["STT", "Vị trí", "Trình độ", "Năm 2024"], ["1", "Công nhân lắp ráp", "Lao động phổ thông",
                        "5.000.000"], ["2", "Thợ hàn", "Sơ cấp nghề", "7.000"], ["3", "Kỹ sư", "Đại học", "12"]]),
            "2. Tiêu chuẩn", "Có sức khỏe tốt."]
    spec = LetterSpec(company_upper="CÔNG TY TNHH THIẾT BỊ ĐIỆN LẠNH PHÚ SƠN", number="17/PS-HCNS",
                      subject="trả lời Công văn số 812/BQL-LĐ", place_date="Hải Phòng, ngày 14 tháng 4 năm 2024",
                      body=body)
    record = extract_path(build_docx(tmp_path / "cv.docx", spec))
    assert sorted(n.quantity for n in record.hiring_needs) == [12, 7000]
    messages = [f.message for f in record.flags if f.code == "implausible_quantity"]
    assert any("5.000.000" in m and "không được lưu" in m for m in messages), record.flags
    assert any("7000" in m for m in messages)
    assert record.status == "needs_review"


def test_the_quick_check_agrees_with_the_cleaning_for_every_character():
    """clean_text and has_unprintable look once for anything to change before changing it: that look must see
    every character the cleaning changes (all of the Basic Multilingual Plane, where the control characters,
    the lone surrogates and the non-characters live)."""
    from schemas import text as t

    def clean_slowly(value: str) -> str:
        value = t._SURROGATES.sub("\ufffd", value)
        return t._CONTROLS.sub("", t._SPACING_CONTROLS.sub(" ", value))

    for code in range(0x10000):
        value = f"Thợ hàn{chr(code)}bậc 3"
        assert t.clean_text(value) == clean_slowly(value), hex(code)
        assert t.is_clean(value) == (clean_slowly(value) == value), hex(code)
        assert t.has_unprintable(value) == bool(t._SURROGATES.search(value) or t._CONTROLS.search(
            t._SPACING_CONTROLS.sub(" ", value))), hex(code)
