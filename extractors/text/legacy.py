"""Pre-Unicode Vietnamese encodings converted to Unicode (NFC).

Two legacy encodings were in common use in Vietnamese offices before Unicode:

* **TCVN3** (TCVN 5712:1993 "VN3", the ABC keyboard), used with fonts named ``.VnTime``, ``.VnArial``,
  ``.VnCentury Schoolbook`` ... One byte per Vietnamese letter.  VN3 only has the lowercase precomposed letters
  (plus Ă Â Ê Ô Ơ Ư Đ); capitals with tone marks are typed with the "H" fonts (``.VnTimeH``, ``.VnArialH``), whose
  glyphs for the same byte codes are capitals.  Word keeps such text as the Latin-1 characters of those bytes
  (``"C«ng ty"`` for "Công ty"); pdfplumber reads PDFs made from it the same way, except that byte 0xAD
  (ư) often comes out as U+2212 MINUS SIGN (or U+00AD SOFT HYPHEN) and byte 0xB7 (ã) as U+2219 BULLET OPERATOR.
* **VNI** (VNI-Windows), used with fonts named ``VNI-Times``, ``VNI-Helve`` ...  A base letter followed by one
  or two Latin-1 "mark" characters (``"Vieät"`` for "Việt"), a few letters as single characters
  (``ñ`` đ, ``ô`` ơ, ``ö`` ư, ``í ì æ ó ò`` í ì ỉ ĩ ị, ``î`` ỵ).

``font_encoding`` tells the encoding from a font name, ``decode`` converts, ``detect`` guesses the encoding from the
text alone (for text whose font is unknown), ``encode`` is the reverse of ``decode`` (for tests and fixtures).
"""
from __future__ import annotations

import re
import unicodedata

__all__ = ["font_encoding", "is_uppercase_font", "decode", "encode", "detect", "is_vietnamese_syllable"]

TCVN3 = "tcvn3"
VNI = "vni"

_ENCODING_ALIASES = {
    "tcvn3": TCVN3, "tcvn": TCVN3, "abc": TCVN3, "vn3": TCVN3, "tcvn5712": TCVN3,
    "vni": VNI, "vni-windows": VNI, "vniwin": VNI,
}

# --------------------------------------------------------------------------------------------------------------
# TCVN3 (VN3 subset of TCVN 5712:1993)
# --------------------------------------------------------------------------------------------------------------

# byte -> Unicode letter, as runs of consecutive bytes from a first byte.  Bytes 0x80-0x9F, 0xAF, 0xBA, 0xBF-0xC5, 0xCD, 0xD9-0xDB, 0xE0, 0xF0 and 0xFF hold
# capitals in the full TCVN 5712 "VN1" table but nothing in VN3/ABC fonts: in real .VnTime text the 0x80-0x9F
# codes are ordinary punctuation (… “ ” – ‰), so they are left alone.
_TCVN3_RUNS: dict[int, str] = {
    0xA1: "ĂÂÊÔƠƯĐăâêôơưđ", 0xB5: "àảãáạ", 0xBB: "ằẳẵắ", 0xC6: "ặầẩẫấậè", 0xCE: "ẻẽéẹềểễếệìỉ",
    0xDC: "ĩíịò", 0xE1: "ỏõóọồổỗốộờởỡớợù", 0xF1: "ủũúụừửữứựỳỷỹýỵ",
}
_TCVN3_BYTES: dict[int, str] = {
    first + i: letter for first, letters in _TCVN3_RUNS.items() for i, letter in enumerate(letters)
}

_TCVN3_DECODE: dict[str, str] = {chr(b): u for b, u in _TCVN3_BYTES.items()}
# Word keeps text in "symbol" fonts in the private-use area (U+F000 + byte); harmless to accept here too.
_TCVN3_DECODE.update({chr(0xF000 + b): u for b, u in _TCVN3_BYTES.items()})
# What PDF text extraction yields for some bytes, through glyph names of the embedded font.
_TCVN3_DECODE.update({
    "\u2212": "ư",   # MINUS SIGN       (byte 0xAD, glyph "minus")
    "\u2010": "ư",   # HYPHEN           (byte 0xAD, glyph "hyphen")
    "\u2219": "ã",   # BULLET OPERATOR  (byte 0xB7, Acrobat Distiller)
})
_TCVN3_TABLE = str.maketrans(_TCVN3_DECODE)
_TCVN3_ENCODE: dict[str, str] = {u: chr(b) for b, u in _TCVN3_BYTES.items()}

# TCVN3 characters that are not letters in Latin-1: inside a word they are strong evidence of TCVN3.
_TCVN3_SYMBOLS = frozenset(c for c in _TCVN3_DECODE if not c.isalpha())

# --------------------------------------------------------------------------------------------------------------
# VNI (VNI-Windows)
# --------------------------------------------------------------------------------------------------------------

_GRAVE, _ACUTE, _TILDE, _HOOK, _DOT = "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"
_CIRCUMFLEX, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"
_TONES = (_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT)            # VNI key order 1..5
_TONE_MARKS = frozenset(_TONES)

# Mark characters, lowercase and uppercase forms alike: char -> (shape mark or "", tone mark or "").
_VNI_MARKS: dict[str, tuple[str, str]] = {}
for _chars, _shape in (("ùøûõï", ""), ("áàåãä", _CIRCUMFLEX), ("éèúüë", _BREVE)):
    for _ch, _tone in zip(_chars, _TONES):
        _VNI_MARKS[_ch] = (_shape, _tone)
        _VNI_MARKS[_ch.upper()] = (_shape, _tone)
_VNI_MARKS.update({"â": (_CIRCUMFLEX, ""), "Â": (_CIRCUMFLEX, ""), "ê": (_BREVE, ""), "Ê": (_BREVE, "")})

# Letters that take marks after them: char -> Unicode base letter.
_VNI_BASES: dict[str, str] = {c: c for c in "aeiouyAEIOUY"}
_VNI_BASES.update({"ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư"})
_SHAPES_ALLOWED = {"a": {_CIRCUMFLEX, _BREVE}, "e": {_CIRCUMFLEX}, "o": {_CIRCUMFLEX}}

# Letters written as one character.
_VNI_SINGLE: dict[str, str] = {"ñ": "đ", "Ñ": "Đ", "î": "ỵ", "Î": "Ỵ"}
for _ch, _tone in zip("íìæóò", _TONES):
    _VNI_SINGLE[_ch] = unicodedata.normalize("NFC", "i" + _tone)
    _VNI_SINGLE[_ch.upper()] = unicodedata.normalize("NFC", "I" + _tone)

_VNI_SPECIAL = frozenset(_VNI_MARKS) | frozenset(_VNI_SINGLE) | frozenset("ôÔöÖ")


def _decode_vni(text: str) -> str:
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        base = _VNI_BASES.get(ch)
        if base is None:
            out.append(_VNI_SINGLE.get(ch, ch))
            i += 1
            continue
        allowed = _SHAPES_ALLOWED.get(base.lower(), set())
        shape = tone = ""
        i += 1
        while i < n and text[i] in _VNI_MARKS:
            m_shape, m_tone = _VNI_MARKS[text[i]]
            if m_shape and (shape or tone or m_shape not in allowed):
                break
            if m_tone and tone:
                break
            shape, tone = shape or m_shape, tone or m_tone
            i += 1
        out.append(base + shape + tone)
    return unicodedata.normalize("NFC", "".join(out))


_VNI_SHAPE_OK = {(v, "") for v in "aeiouy"} | {("a", _CIRCUMFLEX), ("e", _CIRCUMFLEX), ("o", _CIRCUMFLEX),
                                                ("a", _BREVE), ("o", _HORN), ("u", _HORN)}


def _vni_encode_char(ch: str) -> str:
    """One NFC Unicode character in VNI (unchanged when it has no Vietnamese marks)."""
    upper = ch.isupper()
    low = ch.lower()
    if low == "đ":
        return "Ñ" if upper else "ñ"
    decomposed = unicodedata.normalize("NFD", low)
    base, marks = decomposed[0], decomposed[1:]
    tone = next((m for m in marks if m in _TONE_MARKS), "")
    shape = next((m for m in marks if m in (_CIRCUMFLEX, _BREVE, _HORN)), "")
    if len(marks) != bool(tone) + bool(shape) or base not in "aeiouy" or (base, shape) not in _VNI_SHAPE_OK:
        return ch  # not a Vietnamese letter
    if base == "i" and tone:
        out = "íìæóò"[_TONES.index(tone)]
        return out.upper() if upper else out
    if base == "y" and tone == _DOT:
        return "Î" if upper else "î"
    if shape == _HORN:
        head = {"o": "ô", "u": "ö"}[base]
        mark = "ùøûõï"[_TONES.index(tone)] if tone else ""
    elif shape:
        head = base
        if tone:
            mark = ("áàåãä" if shape == _CIRCUMFLEX else "éèúüë")[_TONES.index(tone)]
        else:
            mark = "â" if shape == _CIRCUMFLEX else "ê"
    else:
        head = base
        mark = "ùøûõï"[_TONES.index(tone)] if tone else ""
    return (head + mark).upper() if upper else head + mark


# --------------------------------------------------------------------------------------------------------------
# Fonts
# --------------------------------------------------------------------------------------------------------------

_SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")
_STYLE_SUFFIX = re.compile(r"(?:bold|italic|oblique|regular|roman|medium|light|semibold|demi|mt|ps)+$")


def font_encoding(font_name: str | None) -> str | None:
    """'tcvn3' for .VnTime-like fonts, 'vni' for VNI-Times-like fonts, else None.

    Case-insensitive; PDF names may carry a subset prefix ("ABCDEF+.VnTime") and a style ("VnTimeH-Bold",
    ".VnTime,Italic", "VnTimeHBold").
    """
    if not font_name:
        return None
    name = _SUBSET_PREFIX.sub("", font_name.strip()).lower()
    if name.startswith(".vn"):
        return TCVN3
    if name.startswith("vni"):
        return VNI
    if name.startswith("vn") and len(name) > 2 and name[2].isalnum():
        return TCVN3
    return None


def is_uppercase_font(font_name: str | None) -> bool:
    """True for the TCVN3 capitals-only fonts: .VnTimeH, .VnArialH, VnTimeH-Bold, .Vn3DH ..."""
    if font_encoding(font_name) != TCVN3:
        return False
    name = _SUBSET_PREFIX.sub("", font_name.strip()).lower().lstrip(".")
    name = re.split(r"[,\-]", name, maxsplit=1)[0].replace(" ", "")
    name = _STYLE_SUFFIX.sub("", name)
    return name.endswith("h") and len(name) > 3


# --------------------------------------------------------------------------------------------------------------
# Decoding
# --------------------------------------------------------------------------------------------------------------

_WORD = re.compile(r"\S+")
_LETTERS = re.compile(r"[^\W\d_]+")
_LOWER_ONLY_TCVN3 = frozenset(u for u in _TCVN3_BYTES.values() if u.islower() and u not in "ăâêôơưđ")
_ASIA_NEIGHBOURS = frozenset({"đông", "tây", "nam", "bắc", "trung", "châu", "âu", "phi"})


def _repair_tcvn3_case(decoded: str) -> str:
    """Capitals that a .VnTime (non-H) font cannot hold, restored where the intent is plain.

    * A word typed in capitals whose toned vowels are necessarily lowercase ("CñA" -> "CỦA", "NGHÞ" -> "NGHỊ"):
      no lowercase ASCII letter, at least two capitals.
    * "Á" (Asia) after "Đông", "Châu", "Nam" ... ("§«ng ¸" -> "Đông Á"), the one single-letter toned word that is
      a proper name in letters.
    Words are runs of letters, so "Q§-TTg" and "X-Bộ" are left alone.
    """
    if not any(c in _LOWER_ONLY_TCVN3 for c in decoded):
        return decoded
    words = list(_LETTERS.finditer(decoded))
    pieces: list[str] = []
    last = 0
    for k, m in enumerate(words):
        word = new = m.group()
        if any(c in _LOWER_ONLY_TCVN3 for c in word):
            if not any("a" <= c <= "z" for c in word) and sum(c.isupper() for c in word) >= 2:
                new = word.upper()
            elif word == "á":
                prev = words[k - 1].group().lower() if k else ""
                nxt = words[k + 1].group().lower() if k + 1 < len(words) else ""
                if prev in _ASIA_NEIGHBOURS or (nxt in _ASIA_NEIGHBOURS and nxt != "nam"):
                    new = "Á"
        pieces.append(decoded[last:m.start()])
        pieces.append(new)
        last = m.end()
    pieces.append(decoded[last:])
    return "".join(pieces)


def decode(text: str, encoding: str, *, uppercase: bool = False) -> str:
    """Text typed in a legacy encoding, as Unicode NFC.

    ``uppercase=True`` for text in the TCVN3 capitals fonts (.VnTimeH ...), whose glyphs are all capitals.
    Characters that mean nothing in the encoding (ASCII, digits, punctuation) are kept as they are.
    """
    enc = _ENCODING_ALIASES.get(encoding.strip().lower()) if encoding else None
    if enc is None:
        raise ValueError(f"unknown legacy encoding: {encoding!r}")
    if not text:
        return text
    if enc == TCVN3:
        out = unicodedata.normalize("NFC", text.translate(_TCVN3_TABLE))
        if not uppercase:
            out = _repair_tcvn3_case(out)
    else:
        out = _decode_vni(text)
    if uppercase:
        out = unicodedata.normalize("NFC", out.upper())
    return out


def encode(text: str, encoding: str, *, uppercase: bool = False) -> str:
    """Unicode text in a legacy encoding (as Word would hold it); the reverse of ``decode``.

    For TCVN3, capitals with tone marks exist only in the "H" fonts: with ``uppercase=True`` the text is written
    for such a font (lowercase codes); otherwise such a capital raises ValueError.
    """
    enc = _ENCODING_ALIASES.get(encoding.strip().lower()) if encoding else None
    if enc is None:
        raise ValueError(f"unknown legacy encoding: {encoding!r}")
    text = unicodedata.normalize("NFC", text)
    if enc == TCVN3:
        if uppercase:
            text = text.lower()
        out = []
        for ch in text:
            if ch in _TCVN3_ENCODE:
                out.append(_TCVN3_ENCODE[ch])
            elif ch in _TCVN3_DECODE or (ord(ch) > 0x7F and unicodedata.normalize("NFD", ch)[0].isascii()
                                          and unicodedata.normalize("NFD", ch) != ch):
                raise ValueError(f"{ch!r} cannot be written in TCVN3 (use an H font for capitals)")
            else:
                out.append(ch)
        return "".join(out)
    out = []
    for ch in text:
        coded = _vni_encode_char(ch)
        if any(c in _VNI_SPECIAL for c in coded) and _decode_vni(coded) != ch:
            raise ValueError(f"{ch!r} cannot be written in VNI (VNI uses it as a mark or letter)")
        out.append(coded)
    return "".join(out)


# --------------------------------------------------------------------------------------------------------------
# Detection
# --------------------------------------------------------------------------------------------------------------

_ONSETS = "ngh ng gh gi kh nh ph th tr ch qu b c d đ g h k l m n p r s t v x".split()
_NUCLEI = (
    "a ă â e ê i o ô ơ u ư y "
    "ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê ui uô uơ uy ưa ưi ưu ươ yê "
    "iêu oai oao oay oeo uây uôi ươi ươu uya uyê uyu yêu"
).split()
_CODAS = "ch ng nh c m n p t".split()


def _alternation(items: list[str]) -> str:
    return "|".join(re.escape(x) for x in sorted(items, key=len, reverse=True))


_SYLLABLE = re.compile(f"(?:{_alternation(_ONSETS)})?(?:{_alternation(_NUCLEI)})(?:{_alternation(_CODAS)})?")
_VIET_UNICODE = re.compile("[ăđơưĂĐƠƯ\u1ea0-\u1ef9\u0300\u0301\u0303\u0309\u0323]")


def is_vietnamese_syllable(word: str) -> bool:
    """Whether ``word`` has the shape of one Vietnamese syllable (onset, vowels, coda, at most one tone mark)."""
    if not word or len(word) > 8:
        return False
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(c in _TONE_MARKS for c in decomposed)
    if tones > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    return _SYLLABLE.fullmatch(bare) is not None


def _tokens(text: str, extra: frozenset[str]) -> list[str]:
    """Runs of letters and of the encoding's non-letter characters."""
    tokens, cur = [], []
    for ch in text:
        if ch.isalpha() or ch in extra:
            cur.append(ch)
        elif cur:
            tokens.append("".join(cur))
            cur = []
    if cur:
        tokens.append("".join(cur))
    return tokens


def _evidence(text: str, encoding: str) -> tuple[float, float]:
    """(weighted count of words that become Vietnamese syllables, of words that become nonsense)."""
    special = _TCVN3_DECODE.keys() if encoding == TCVN3 else _VNI_SPECIAL
    extra = _TCVN3_SYMBOLS if encoding == TCVN3 else frozenset()
    positive = negative = 0.0
    for token in _tokens(text, extra):
        if len(token) < 2 or not any(c in special for c in token):
            continue
        decoded = decode(token, encoding, uppercase=False)
        if decoded == token:
            continue
        if is_vietnamese_syllable(decoded) and not is_vietnamese_syllable(token):
            if encoding == TCVN3:
                weight = 2.0 if any(c in _TCVN3_SYMBOLS for c in token) else 1.0
            else:
                # shape marks (aâ, eä, oâ, aê ...), ñ, ô/ö are telling; tone marks alone (où, ão) much less so.
                strong = any(c in "ñÑôÔöÖ" or (c in _VNI_MARKS and _VNI_MARKS[c][0]) for c in token)
                weight = 2.0 if strong else 0.5
            positive += weight
        elif not is_vietnamese_syllable(decoded):
            negative += 1.0
    return positive, negative


def detect(text: str) -> str | None:
    """The legacy encoding the text looks typed in, judged from its characters alone, or None.

    A word counts for an encoding when it is not a Vietnamese syllable as it stands but becomes one once decoded
    ("C«ng" -> "Công", "Vieät" -> "Việt"), and against it when decoding turns it into nonsense ("café" -> "cafộ").
    Text already holding Unicode Vietnamese letters (ư, ệ ...) is not legacy text.
    """
    if not text:
        return None
    unicode_words = sum(1 for t in _WORD.findall(text) if _VIET_UNICODE.search(unicodedata.normalize("NFC", t)))
    best: tuple[float, str] | None = None
    for encoding in (TCVN3, VNI):
        positive, negative = _evidence(text, encoding)
        if positive >= 2 and positive >= 2 * negative and positive > unicode_words:
            if best is None or positive > best[0]:
                best = (positive, encoding)
    return best[1] if best else None
