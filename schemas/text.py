"""Text as it may enter a record: printable, valid Unicode, bounded.

A PDF's text layer, a legacy-font conversion or an officer's paste can carry control characters ("Thợ hàn\\x00"),
and a file name with bytes that are not UTF-8 comes through Python as lone surrogates: neither can be written to
an Excel or Word export (XML forbids them), to PostgreSQL (no NUL in text) or as UTF-8 output. `clean_text` takes
them out; the record's validator (schemas/extraction.py) flags the values it changed."""
from __future__ import annotations

import re

#: Longest text of a name, a number, a position, a contact, a portal, a file name (characters).
SHORT_TEXT = 1_000
#: Longest text of a criterion, an offer, a proposal, a source snippet, a flag's message.
LONG_TEXT = 20_000

_SURROGATES = re.compile("[\ud800-\udfff]")                  # undecodable bytes of a file name (surrogateescape)
_SPACING_CONTROLS = re.compile("[\x0b\x0c\x1c-\x1f\x85]")   # vertical tab, form feed, separators: a space
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff]")   # tab, line feed, return are kept
#: Anything the three above would change: most texts hold none, and one search tells (every record's strings
#: pass here at the store's boundary).
_ANY = re.compile("[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def clean_text(value: str) -> str:
    """`value` without control characters (those that separate words become a space) and with a replacement
    character (U+FFFD) for each lone surrogate."""
    if not _ANY.search(value):
        return value
    value = _SURROGATES.sub("\ufffd", value)
    value = _SPACING_CONTROLS.sub(" ", value)
    return _CONTROLS.sub("", value)


def is_clean(value: str) -> bool:
    """True when `clean_text` would leave `value` as it is."""
    return not _ANY.search(value)


def has_unprintable(value: str) -> bool:
    """True when `clean_text` would remove or replace something other than spacing."""
    if not _ANY.search(value):
        return False
    return bool(_SURROGATES.search(value) or _CONTROLS.search(_SPACING_CONTROLS.sub(" ", value)))


def valid_unicode(value: object) -> object:
    """A string with its lone surrogates replaced (U+FFFD); anything else unchanged."""
    return _SURROGATES.sub("\ufffd", value) if isinstance(value, str) else value
