"""Numbers, ranges, dates, tax codes and normalisation: examples and properties."""
from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.text.dates import parse_date
from extractors.text.normalize import fold, nfc
from extractors.text.numbers import Quantity, parse_number_words, parse_quantity
from extractors.text.taxcode import check_digit, is_valid, normalise


@pytest.mark.parametrize("text, expected", [
    ("1.200", Quantity(1200)),
    ("1,200", Quantity(1200)),
    ("50 - 70", Quantity(50, 70)),
    ("50–70 người", Quantity(50, 70)),
    ("từ 10 đến 20", Quantity(10, 20)),
    ("khoảng 300", Quantity(300, None, True)),
    ("mười lăm (15)", Quantity(15)),
    ("01", Quantity(1)),
    ("(15)", Quantity(15)),
])
def test_quantity_examples(text, expected):
    assert parse_quantity(text) == expected


@pytest.mark.parametrize("text", ["", "-", "–", "x", "1,5", "Năm 2023", "abc", None])
def test_not_a_quantity(text):
    assert parse_quantity(text) is None


@pytest.mark.parametrize("words, value", [
    ("mười", 10), ("mười lăm", 15), ("hai mươi mốt", 21), ("ba mươi tư", 34), ("một trăm", 100),
    ("hai trăm linh năm", 205), ("một nghìn hai trăm", 1200), ("năm", 5),
])
def test_number_words(words, value):
    assert parse_number_words(words) == value


def _vietnamese_thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@given(st.integers(min_value=0, max_value=10_000_000))
def test_thousands_separators_round_trip(n):
    assert parse_quantity(_vietnamese_thousands(n)) == Quantity(n)
    assert parse_quantity(f"{n:,}") == Quantity(n)


@given(st.integers(0, 100_000), st.integers(0, 100_000), st.sampled_from([" - ", "-", " – ", " đến ", "~"]))
def test_ranges_round_trip(low, high, dash):
    q = parse_quantity(f"{_vietnamese_thousands(low)}{dash}{_vietnamese_thousands(high)}")
    assert q == Quantity(low, high)


@given(st.text(max_size=40))
def test_parse_quantity_never_raises(text):
    q = parse_quantity(text)
    assert q is None or (q.low >= 0 and (q.high is None or q.high >= 0))


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_vietnamese_dates_round_trip(d):
    assert parse_date(f"Hải Phòng, ngày {d.day} tháng {d.month} năm {d.year}") == d
    assert parse_date(f"ngày {d.day:02d}/{d.month:02d}/{d.year}") == d


def test_date_examples():
    assert parse_date("Hải Phòng, ngày 20 tháng 3 năm 2023") == dt.date(2023, 3, 20)
    assert parse_date("HẢI PHÒNG, NGÀY 5 THÁNG 12 NĂM 2023") == dt.date(2023, 12, 5)
    assert parse_date("Hai Phong, March 20, 2023") == dt.date(2023, 3, 20)
    assert parse_date("ngày 31 tháng 2 năm 2023") is None      # no such day
    assert parse_date("Hãi Phỏng, ngày 15 thúng 3 nãm 2023") == dt.date(2023, 3, 15)     # as a poor scan reads it


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_tax_code_check_digit_property(first_nine):
    digit = check_digit(first_nine)
    if digit is None:
        assert not any(is_valid(first_nine + str(d)) for d in range(10))
    else:
        assert is_valid(first_nine + str(digit))
        assert is_valid(f"{first_nine}{digit}-001")
        assert not is_valid(first_nine + str((digit + 1) % 10))


def test_tax_code_examples():
    assert is_valid("0201234569")
    assert is_valid("0100109106")
    assert not is_valid("0201234568")
    assert not is_valid("020123456")
    assert normalise("MST: 0201 234 569") == "0201234569"
    assert normalise("0201234569 - 001") == "0201234569-001"
    assert normalise("không có") is None


def test_nfc_and_tone_placement():
    assert nfc("hoa\u0300") == nfc("hòa") == nfc("hoà")
    assert nfc("thuỷ") == "thủy"
    assert nfc("quý") == "quý"                  # "uy" after q keeps its tone
    assert nfc("hoàn") == "hoàn"                # not at a word's end: unchanged
    assert nfc("Công\u00adty") == "Côngty"      # soft hyphen removed
    assert fold("KCN  Đình Vũ") == "kcn dinh vu"


@given(st.text(alphabet="aăâeêioôơuưyAĂÂEÊIOÔƠUƯYđĐ \u0300\u0301\u0303\u0309\u0323", max_size=30))
def test_nfc_is_idempotent_and_normal(text):
    once = nfc(text)
    assert nfc(once) == once
    assert unicodedata.is_normalized("NFC", once)


def test_a_count_followed_by_its_words():
    from extractors.text.numbers import Quantity, parse_quantity
    assert parse_quantity("15 (mười lăm)") == Quantity(15)
    assert parse_quantity("08 (tám)") == Quantity(8)
    assert parse_quantity("20 (ba mươi)") is None          # the words say another number: left unread, flagged
