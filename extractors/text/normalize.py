"""Unicode normalisation for Vietnamese: one form (NFC), one tone placement, tidy whitespace."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from collections.abc import Iterable
from typing import TypeVar

_SOFT = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\ufeff"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")

# Two tone placements are in use at a word's end: "hoà", "thuỷ" and "hòa", "thủy". We keep the second, the
# one of most official letters, so that the same word always compares equal. Only the open diphthongs
# oa, oe, uy at the end of a word are moved, and never "uy" after "q" ("quý" is right as it is).
_OLD_TONES = {}
for base, marks in (("oa", "àáảãạ"), ("oe", "èéẻẽẹ"), ("uy", "ỳýỷỹỵ")):
    vowel2 = base[1]
    for toned in marks:
        tone = unicodedata.normalize("NFD", toned)[1:]
        for first, second in ((base[0], toned), (base[0].upper(), toned.upper())):
            old = unicodedata.normalize("NFC", unicodedata.normalize("NFD", first) + tone) + (
                vowel2 if second.islower() else vowel2.upper())
            new = first + second
            _OLD_TONES[new] = old
# Every key is two letters: "o" or "u" (either case), then a toned vowel, never "o" or "u" itself; so a pair of the
# two classes below can overlap no other, and one that is not a key is left as it is. The pattern starts with a
# character class (the lookbehind after it: not after "q"), which lets the regex engine skip ahead to the next
# "o" or "u" instead of trying each alternative at every character of every line.
_FIRSTS = "".join(sorted({k[0] for k in _OLD_TONES}))
_SECONDS = "".join(sorted({k[1] for k in _OLD_TONES}))
assert all(len(k) == 2 for k in _OLD_TONES) and not set(_FIRSTS) & set(_SECONDS)
_OLD_TONE_RE = re.compile(f"[{_FIRSTS}](?<![qQ].)[{_SECONDS}](?![a-zA-ZÀ-ỹ])")
_SOFT_RE = re.compile("[" + "".join(map(chr, _SOFT)) + "]")


def nfc(text: str) -> str:
    """NFC with soft hyphens and zero-width characters removed and old-style tone marks moved."""
    text = unicodedata.normalize("NFC", text)
    if _SOFT_RE.search(text):
        text = text.translate(_SOFT)
    return _OLD_TONE_RE.sub(_old_tone, text)


def _old_tone(m: re.Match) -> str:
    return _OLD_TONES.get(m.group(), m.group())

T = TypeVar("T")


def clean(text: str) -> str:
    """nfc() plus collapsed horizontal whitespace, stripped; keeps line breaks."""
    text = nfc(text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.splitlines()).strip()


def one_line(text: str) -> str:
    return " ".join(nfc(text).split())


def joined_lines(lines: Iterable[tuple[str, T]]) -> tuple[str, list[tuple[int, int, T]]]:
    """Lines of running text joined into one buffer (each made one line, empty ones skipped, a space between), with
    the (start, end) span of each line's text in it and what the line came with, so that a sentence found in the
    buffer can be traced back to the lines it spans."""
    buffer, spans = "", []
    for text, origin in lines:
        text = one_line(text)
        if not text:
            continue
        if buffer:
            buffer += " "
        spans.append((len(buffer), len(buffer) + len(text), origin))
        buffer += text
    return buffer, spans


class _Marks(dict):
    """str.translate table that drops nonspacing marks (category Mn) and keeps every other character; each
    character's category is looked up once, on first sight (a character by character generator was the cost of
    folding a whole letter)."""

    def __missing__(self, codepoint: int) -> int | None:
        kept = None if unicodedata.category(chr(codepoint)) == "Mn" else codepoint
        self[codepoint] = kept
        return kept


_MARKS = _Marks()


def strip_accents(text: str) -> str:
    """'Đình Vũ' -> 'Dinh Vu'; for accent-insensitive matching only, never for output."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFD", text).translate(_MARKS)


def fold(text: str) -> str:
    """Accent- and case-insensitive key with single spaces: 'Hải  Phòng' -> 'hai phong'."""
    if len(text) <= _FOLD_CACHED_LENGTH:
        return _fold_line(text)
    return _fold(text)


def _fold(text: str) -> str:
    return " ".join(strip_accents(nfc(text)).lower().split())


# The readers fold the same lines again and again (every rule that weighs a line folds it): lines are cached,
# long texts (a whole section, a hostile megabyte) are not kept.
_FOLD_CACHED_LENGTH = 400
_fold_line = lru_cache(maxsize=16384)(_fold)
