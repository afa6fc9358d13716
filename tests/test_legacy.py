"""Pre-Unicode Vietnamese encodings (TCVN3 / VNI) to Unicode: extractors.text.legacy."""
from __future__ import annotations

import shutil
import subprocess
import unicodedata

import docx
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from extractors.text.legacy import (
    decode,
    detect,
    encode,
    font_encoding,
    is_uppercase_font,
    is_vietnamese_syllable,
)
from tests.support.legacy_docs import make_tcvn3_docx


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


# ---------------------------------------------------------------------------------------------------------------
# The Vietnamese alphabet
# ---------------------------------------------------------------------------------------------------------------

TONES = ["", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"]
VOWELS = [nfc(v + t) for v in ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"] for t in TONES]
LOWER = sorted(set(VOWELS) | set("bcdghklmnpqrstvx") | {"đ"})
UPPER = sorted({c.upper() for c in LOWER})
TCVN3_CAPITALS = sorted(set("ABCDEGHIKLMNOPQRSTUVXY") | set("ĂÂÊÔƠƯĐ"))  # what .VnTime can hold

assert len(VOWELS) == 72 and len(set(VOWELS)) == 72  # 12 vowels x 6 tones


# ---------------------------------------------------------------------------------------------------------------
# Examples
# ---------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("legacy", "unicode"), [
    ("C«ng ty TNHH May mÆc §«ng ¸", "Công ty TNHH May mặc Đông Á"),
    ("KÝnh göi: Ban Qu¶n lý Khu kinh tÕ H¶i Phßng", "Kính gửi: Ban Quản lý Khu kinh tế Hải Phòng"),
    ("ng\u00adêi", "người"),                      # U+00AD is byte 0xAD: ư, not a soft hyphen
    ("ng\u2212êi", "người"),                      # pdfplumber: byte 0xAD as MINUS SIGN
    ("céng hoµ x\u2219 héi", "cộng hoà xã hội"),  # pdfplumber (Distiller PDFs): byte 0xB7 as BULLET OPERATOR
    ("Uû ban nh©n d©n thµnh phè H¶i Phßng", "Uỷ ban nhân dân thành phố Hải Phòng"),
    ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
    ("Sè: 109/2004/N§-CP, ngµy 02 th¸ng 4 n¨m 2004", "Số: 109/2004/NĐ-CP, ngày 02 tháng 4 năm 2004"),
    ("§¡NG Ký, ¦u tiªn, T©y ¢u, ¤ng, ¥n, £", "ĐĂNG Ký, Ưu tiên, Tây Âu, Ông, Ơn, Ê"),
    ("Tæng gi¸m ®èc: NguyÔn V¨n A", "Tổng giám đốc: Nguyễn Văn A"),
    ("chÝn \u201cmíi\u201d…", "chín \u201cmới\u201d…"),      # cp1252 punctuation kept
])
def test_decode_tcvn3_examples(legacy, unicode):
    assert decode(legacy, "tcvn3") == unicode


@pytest.mark.parametrize(("legacy", "unicode"), [
    ("CñA C¥ QUAN §¡NG Ký KINH DOANH", "CỦA CƠ QUAN ĐĂNG KÝ KINH DOANH"),  # DOCX: ASCII capitals + TCVN3 codes
    ("céng hßa x· héi chñ nghÜa viÖt nam", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("th\u2212êng trùc", "THƯỜNG TRỰC"),
])
def test_decode_tcvn3_capitals_font(legacy, unicode):
    assert decode(legacy, "tcvn3", uppercase=True) == unicode


def test_decode_tcvn3_restores_capitals_the_plain_font_cannot_hold():
    assert decode("NGHÞ §ÞNH CñA CHÝNH PHñ", "tcvn3") == "NGHỊ ĐỊNH CỦA CHÍNH PHỦ"
    assert decode("Ch©u ¸, ¸ ch©u, Nam ¸", "tcvn3") == "Châu Á, Á châu, Nam Á"
    # ... and only there
    assert decode("Hµ Néi, ý kiÕn, chó ý, Q§-TTg, Bé Tµi chÝnh, ¸ à", "tcvn3") == \
        "Hà Nội, ý kiến, chú ý, QĐ-TTg, Bộ Tài chính, á à"


@pytest.mark.parametrize(("legacy", "unicode"), [
    ("Vieät Nam", "Việt Nam"),
    ("Coâng ty TNHH", "Công ty TNHH"),
    ("ñoàng, Ñoàng Nai", "đồng, Đồng Nai"),
    ("Coäng hoaø xaõ hoäi chuû nghóa Vieät Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
    ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
    ("Kính göûi: Ban Quaûn lyù caùc Khu coâng nghieäp", "Kính gửi: Ban Quản lý các Khu công nghiệp"),
    ("Kiùnh göûi, chiùnh phuû, hiønh thöùc", "Kính gửi, chính phủ, hình thức"),  # i + mark, as some converters write
    ("ñöôïc, ngöôøi, röôïu, thuôû, khuyeán, nghæ, Nghò ñònh, kyõ, kyø, kyû, kyù, kî",
     "được, người, rượu, thuở, khuyến, nghỉ, Nghị định, kỹ, kỳ, kỷ, ký, kỵ"),
    ("aên, aén, aèn, aún, aün, aën", "ăn, ắn, ằn, ẳn, ẵn, ặn"),
    ("CAÙC CHÆ TIEÂU VEÀ BHLÑ, NGHÓA, ÑÒNH KYØ, THÖÔØNG TRÖÏC, KÎ, ÔÛ, ÖÙ, AÊN, AÉN",
     "CÁC CHỈ TIÊU VỀ BHLĐ, NGHĨA, ĐỊNH KỲ, THƯỜNG TRỰC, KỴ, Ở, Ứ, ĂN, ẮN"),
    ("Tel: 0313.123456, email: abc@x.vn", "Tel: 0313.123456, email: abc@x.vn"),
])
def test_decode_vni_examples(legacy, unicode):
    assert decode(legacy, "vni") == unicode


def test_decode_vni_uppercase_flag():
    assert decode("Coâng ty", "vni", uppercase=True) == "CÔNG TY"


def test_decode_output_is_nfc_and_ascii_untouched():
    for encoding in ("tcvn3", "vni"):
        assert decode("", encoding) == ""
        plain = "Invoice No. 12/2024, total = 3,500,000 VND (TNHH)"
        assert decode(plain, encoding) == plain
        out = decode("C«ng ty" if encoding == "tcvn3" else "Coâng ty", encoding)
        assert out == nfc(out)


def test_decode_unknown_encoding():
    with pytest.raises(ValueError):
        decode("x", "viscii")
    assert decode("C«ng", "TCVN3") == decode("C«ng", "abc") == "Công"


def test_tcvn3_table_matches_iconv():
    """Every byte the decoder maps agrees with glibc's TCVN5712-1 table (independent reference)."""
    if shutil.which("iconv") is None:
        pytest.skip("iconv not available")
    probe = bytes([0x20, 0x41])  # make sure the converter exists
    if subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=probe, capture_output=True).returncode:
        pytest.skip("iconv lacks TCVN5712-1")
    # every byte the decoder changes, and 0xFD (ý, the same code in Latin-1)
    mapped = [b for b in range(0xA1, 0x100) if decode(chr(b), "tcvn3") != chr(b) or b == 0xFD]
    assert len(mapped) == 67 + 7  # the 67 lowercase Vietnamese letters with marks, đ, and Ă Â Ê Ô Ơ Ư Đ
    raw = b"\n".join(bytes([b]) for b in mapped)
    reference = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=raw, capture_output=True,
                               check=True).stdout.decode("utf-8").split("\n")
    assert [decode(chr(b), "tcvn3") for b in mapped] == [nfc(r) for r in reference]


def test_tcvn3_covers_every_lowercase_letter():
    non_ascii = [c for c in LOWER if not c.isascii()]
    encoded = encode("".join(non_ascii), "tcvn3")
    assert len(encoded) == len(non_ascii) and all(0xA1 <= ord(c) <= 0xFE for c in encoded)
    assert len(set(encoded)) == len(non_ascii)
    with pytest.raises(ValueError):
        encode("Á", "tcvn3")  # needs an H font
    assert encode("Á", "tcvn3", uppercase=True) == "¸"


def test_vni_covers_every_letter():
    for ch in LOWER + UPPER:
        assert decode(encode(ch, "vni"), "vni") == ch, ch
    assert encode("Việt Nam, đồng, Ỵ, ỵ, ĩ, Ị, ước", "vni") == "Vieät Nam, ñoàng, Î, î, ó, Ò, öôùc"
    with pytest.raises(ValueError):
        encode("Größe", "vni")  # ö is ư in VNI


# ---------------------------------------------------------------------------------------------------------------
# Fonts
# ---------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("font", "encoding", "uppercase"), [
    (".VnTime", "tcvn3", False),
    (".VnTimeH", "tcvn3", True),
    (".vntimeh", "tcvn3", True),
    (".VnArial", "tcvn3", False),
    (".VnArialH", "tcvn3", True),
    (".VnArial NarrowH", "tcvn3", True),
    (".VnCentury Schoolbook", "tcvn3", False),
    (".VnCentury SchoolbookH", "tcvn3", True),
    (".Vn3DH", "tcvn3", True),
    ("ABCDEF+.VnTime", "tcvn3", False),
    ("AARIQC+.VnTime,Italic", "tcvn3", False),
    ("AARIQC+.VnTimeH,Bold", "tcvn3", True),
    ("VnTimeH-Bold", "tcvn3", True),
    ("FBHPFO+VnTimeHBold", "tcvn3", True),
    ("FBHPHA+VnTimeBold", "tcvn3", False),
    ("GDNPOJ+VnTimeItalic", "tcvn3", False),
    ("VnTimeBoldItalic", "tcvn3", False),
    ("VNI-Times", "vni", False),
    ("vni-helve", "vni", False),
    ("ABCDEF+VNI-Times-Bold", "vni", False),
    ("VNI-Helve-Condense", "vni", False),
    ("Times New Roman", None, False),
    ("TimesNewRomanPSMT", None, False),
    ("ArialMT", None, False),
    ("Helvetica", None, False),
    ("", None, False),
    (None, None, False),
])
def test_fonts(font, encoding, uppercase):
    assert font_encoding(font) == encoding
    assert is_uppercase_font(font) is uppercase


# ---------------------------------------------------------------------------------------------------------------
# Detection
# ---------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "encoding"), [
    ("C«ng ty TNHH May mÆc §«ng ¸", "tcvn3"),
    ("KÝnh göi: Ban Qu¶n lý Khu kinh tÕ H¶i Phßng", "tcvn3"),
    ("Uû ban nh©n d©n thµnh phè H¶i Phßng", "tcvn3"),
    ("Th¸ng 02 n¨m 2007 gi¸ trÞ s¶n xuÊt c«ng nghiÖp \u2212íc ®¹t 39.897 tû ®ång", "tcvn3"),
    ("Vieät Nam", "vni"),
    ("Coâng ty TNHH Vieät Nam", "vni"),
    ("Kính göûi: Ban Quaûn lyù caùc Khu coâng nghieäp Ñoàng Nai", "vni"),
    ("Ñoäc laäp - Töï do - Haïnh phuùc", "vni"),
])
def test_detect_legacy(text, encoding):
    assert detect(text) == encoding


@pytest.mark.parametrize("text", [
    "",
    "café, naïve, Größe",
    "Công ty TNHH May mặc Đông Á",
    "Kính gửi: Ban Quản lý Khu kinh tế Hải Phòng",
    "Cộng hoà xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc",
    nfc("Công ty là của tôi"),
    unicodedata.normalize("NFD", "Kính gửi: Ban Quản lý Khu kinh tế Hải Phòng"),
    "The quick brown fox jumps over the lazy dog. Invoice 12/2024, total USD 3,500.00",
    "Il a bu du thé et mangé un café à côté de la forêt où il était. Noël à Zürich, déjà vu, résumé.",
    "Ça va très bien, merci. Où est la gare? L'hôtel est près de l'église; la mère et l'élève.",
    "Über die Brücke gehen Mädchen und Jungen, schön und fröhlich. Die Größe der Bäume ist überwältigend.",
    "Schöne Grüße aus München, Köln und Düsseldorf. Die Tür ist grün; der Bär hält das Öl.",
    "déjà vu, résumé, naïveté, façade, piñata, señor, año, niño, jalapeño, Ångström, smørrebrød, æble",
    "« Bonjour », dit-il. ¿Qué tal? ¡Olé! 25 °C ± 2 µm, § 3, © 2024, ½ kg, 1 000 €",
])
def test_detect_none(text):
    assert detect(text) is None


# ---------------------------------------------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------------------------------------------

SEPARATORS = st.sampled_from([" ", " ", " ", ", ", ". ", "; ", ": ", " - ", "/", "\n", "\t", " (", ") "])


def _join(parts: list[str], seps: list[str]) -> str:
    out = [parts[0]]
    for sep, word in zip(seps, parts[1:]):
        out.append(sep)
        out.append(word)
    return "".join(out)


@st.composite
def texts(draw, words):
    parts = draw(st.lists(words, min_size=1, max_size=12))
    seps = draw(st.lists(SEPARATORS, min_size=len(parts) - 1, max_size=len(parts) - 1))
    return _join(parts, seps)


lower_words = st.text(st.sampled_from(LOWER), min_size=1, max_size=7)
digits = st.text(st.sampled_from("0123456789"), min_size=1, max_size=4)

# Words as typed with .VnTime: lowercase, Title with a capital .VnTime holds, or capitals .VnTime holds.
tcvn3_words = st.one_of(
    lower_words.filter(lambda w: w != "á"),  # a lone "á" may be "Á" (Asia) by the capital repair
    st.tuples(st.sampled_from(TCVN3_CAPITALS), st.text(st.sampled_from(LOWER), max_size=6)).map("".join),
    st.text(st.sampled_from(TCVN3_CAPITALS), min_size=1, max_size=6),
    digits,
)


@given(texts(tcvn3_words))
def test_tcvn3_round_trip(s):
    encoded = encode(s, "tcvn3")
    assert all(ord(c) < 0x100 for c in encoded)
    assert decode(encoded, "tcvn3") == s


@given(texts(st.one_of(lower_words, digits)))
def test_tcvn3_capitals_font_round_trip(s):
    caps = nfc(s.upper())
    encoded = encode(caps, "tcvn3", uppercase=True)
    assert decode(encoded, "tcvn3", uppercase=True) == caps
    # a DOCX .VnTimeH run may hold ASCII capitals already: same result
    assert decode(encoded.upper() if encoded.isascii() else encoded, "tcvn3", uppercase=True) == caps


vni_words = st.one_of(
    lower_words,
    st.text(st.sampled_from(LOWER + UPPER), min_size=1, max_size=7),
    lower_words.map(str.upper),
    lower_words.map(str.capitalize),
    digits,
)


@given(texts(vni_words))
def test_vni_round_trip(s):
    encoded = encode(s, "vni")
    assert all(ord(c) < 0x100 for c in encoded)
    assert decode(encoded, "vni") == s


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.text(st.characters(max_codepoint=0x2FFF), max_size=60))
def test_decode_and_detect_never_fail(s):
    for encoding in ("tcvn3", "vni"):
        out = decode(s, encoding)
        assert out == nfc(out)
        decode(s, encoding, uppercase=True)
    assert detect(s) in (None, "tcvn3", "vni")


# Vietnamese syllables (onset + vowels + coda, one tone): what real text is made of.
ONSETS = ["", "b", "c", "ch", "d", "đ", "g", "gi", "h", "kh", "l", "m", "n", "ng", "nh", "ph", "qu", "r", "s", "t",
          "th", "tr", "v", "x"]
RIMES = ["a", "ai", "an", "ang", "anh", "ao", "at", "ay", "ac", "ach", "ăn", "ăng", "ăt", "âm", "ân", "âng", "ât",
         "âu", "ây", "e", "em", "en", "eo", "et", "ê", "ên", "ênh", "êt", "êu", "i", "ia", "iên", "iêt", "iêu", "inh",
         "o", "oa", "oai", "oan", "oang", "oc", "oi", "om", "on", "ong", "ô", "ôi", "ôn", "ông", "ôt", "ơ", "ơi", "ơn",
         "u", "ua", "uân", "uât", "uê", "ui", "un", "ung", "uôc", "uôi", "uông", "uy", "uyên", "ư", "ưa", "ưc", "ưng",
         "ươc", "ươi", "ương", "ưu", "y", "yên"]


@st.composite
def syllables(draw):
    onset, rime = draw(st.sampled_from(ONSETS)), draw(st.sampled_from(RIMES))
    tone = draw(st.sampled_from(TONES))
    if rime[-1] in "ptc" or rime.endswith("ch"):
        tone = draw(st.sampled_from(["\u0301", "\u0323"]))
    # tone on the main vowel: the one with a mark, else the last vowel before a coda, else the first
    vowels = [i for i, c in enumerate(rime) if c in "aăâeêioôơuưy"]
    marked = [i for i in vowels if not rime[i].isascii()]
    pos = marked[-1] if marked else (vowels[1] if len(vowels) > 1 and vowels[-1] < len(rime) - 1 else vowels[0])
    word = nfc(onset + rime[:pos + 1] + tone + rime[pos + 1:])
    capitalize = draw(st.booleans())
    return word.capitalize() if capitalize and not _tcvn3_capital_needed(word) else word


def _tcvn3_capital_needed(word: str) -> bool:
    try:
        encode(word.capitalize(), "tcvn3")
    except ValueError:
        return True
    return False


@given(st.lists(syllables(), min_size=1, max_size=15))
def test_syllable_generator_is_vietnamese(words):
    assert all(is_vietnamese_syllable(w) for w in words)


@given(texts(syllables()))
def test_detect_unicode_vietnamese_is_none(s):
    assert detect(s) is None
    assert detect(unicodedata.normalize("NFD", s)) is None


_TCVN3_TELLING = set("¡¢£¤¥¦§¨©ª«¬\u00ad®µ¶·¸¹»¼½¾")
_VNI_TELLING = set("âêáàåãäéèúüëÂÊÁÀÅÃÄÉÈÚÜËñÑöÖ")


def _telling(encoded: str, chars: set[str]) -> bool:
    """A word whose legacy form shows the encoding: two or more characters, a telling one, and not a syllable as
    it stands (VNI "toá" for "tố" is also the Unicode syllable "toá")."""
    return len(encoded) >= 2 and any(c in chars for c in encoded) and not is_vietnamese_syllable(encoded)


@given(st.lists(syllables(), min_size=2, max_size=20))
def test_detect_tcvn3_text(words):
    assume(sum(_telling(encode(w, "tcvn3"), _TCVN3_TELLING) for w in words) >= 2)
    assert detect(encode(" ".join(words), "tcvn3")) == "tcvn3"


@given(st.lists(syllables(), min_size=2, max_size=20))
def test_detect_vni_text(words):
    assume(sum(_telling(encode(w, "vni"), _VNI_TELLING) for w in words) >= 2)
    assert detect(encode(" ".join(words), "vni")) == "vni"


# ---------------------------------------------------------------------------------------------------------------
# DOCX built with .VnTime runs
# ---------------------------------------------------------------------------------------------------------------

LETTER_LINES = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Công ty TNHH May mặc Đông Á",
    "Kính gửi: Ban Quản lý Khu kinh tế Hải Phòng",
    "Ủy ban nhân dân thành phố; Ông Nguyễn Văn Ánh, người đại diện",
    "Mã số thuế: 0200123456",
]


def _decode_runs(paragraph) -> str:
    parts = []
    for run in paragraph.runs:
        encoding = font_encoding(run.font.name)
        parts.append(decode(run.text, encoding, uppercase=is_uppercase_font(run.font.name)) if encoding else run.text)
    return "".join(parts)


def test_make_tcvn3_docx(tmp_path):
    path = make_tcvn3_docx(tmp_path / "letter.docx", LETTER_LINES)
    document = docx.Document(str(path))
    paragraphs = [p for p in document.paragraphs if p.text]
    assert len(paragraphs) == len(LETTER_LINES)
    fonts = {run.font.name for p in paragraphs for run in p.runs}
    assert fonts <= {".VnTime", ".VnTimeH"} and ".VnTime" in fonts
    raw = "\n".join(p.text for p in paragraphs)
    assert "C«ng ty TNHH May mÆc §«ng" in raw and "KÝnh göi" in raw and "ng\u00adêi" in raw
    assert detect(raw) == "tcvn3"
    assert [_decode_runs(p) for p in paragraphs] == LETTER_LINES
    # capitals .VnTime cannot hold went into .VnTimeH runs
    first = paragraphs[0].runs
    assert len(first) == 1 and first[0].font.name == ".VnTimeH"
    assert any(r.font.name == ".VnTimeH" and r.text == "ñ" for r in paragraphs[4].runs)  # Ủ


def test_decode_real_style_pdf_words():
    """Words as pdfplumber yields them from TCVN3 PDFs, with their fonts."""
    chars = [("AARIQC+.VnTime", "T¹i kú häp thø 4 ®· th«ng qua"), ("AARIQC+.VnTimeH,Bold", "B¸o c¸o"),
             ("FBHPEM+VnTime", "nhµ n\u2212íc céng hoµ x\u2219 héi"), ("FBHPFO+VnTimeHBold", "th«ng t\u2212")]
    out = [decode(text, font_encoding(font), uppercase=is_uppercase_font(font)) for font, text in chars]
    assert out == ["Tại kỳ họp thứ 4 đã thông qua", "BÁO CÁO", "nhà nước cộng hoà xã hội", "THÔNG TƯ"]


def test_is_vietnamese_syllable():
    for word in ["người", "nghiêng", "khuyến", "quốc", "giữ", "gì", "rượu", "khuỷu", "Uỷ", "oanh", "huỵch", "xoong"]:
        assert is_vietnamese_syllable(word), word
    for word in ["café", "Größe", "C«ng", "Vieät", "TNHH", "fỹr", "ss", "ngườii", "áà"]:
        assert not is_vietnamese_syllable(word), word
