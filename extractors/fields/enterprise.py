"""Who wrote: the enterprise's name, tax code, zone and contact person."""
from __future__ import annotations

import re

from extractors import vocab
from extractors.fields.layout import LetterView, header_texts
from extractors.fields.zones import find_zone
from extractors.text.normalize import fold, one_line
from extractors.text.taxcode import normalise as normalise_tax
from schemas import Enterprise

# The national motto of the letterhead's right column, matched on folded text so that OCR readings that lost
# their accents ("Doc lap - Tu do - Hanh phuc") are removed too; also when a line holds only part of it.
_WORDS = vocab.load("letterhead")          # extractors/vocab/letterhead.toml
_MOTTO_FOLDED = re.compile("|".join(_WORDS["motto_patterns"]))


def _without_motto(text: str) -> str:
    """The line with the motto's words cut out (positions of the folded text match the NFC text's)."""
    text = one_line(text)
    key = fold(text)
    if len(key) != len(text):
        return text
    for m in reversed(list(_MOTTO_FOLDED.finditer(key))):
        if m.group(0).strip():
            text = text[:m.start()] + " " + text[m.end():]
    return text


_COMPANY_START = re.compile("^(" + "|".join(_WORDS["company_start_patterns"]) + ")", re.I)
# "Công ty TNHH Linh kiện ABC nhận được Công văn ...": the name ends before punctuation or a word that starts the
# sentence's verb or the address.
_NAME_IN_BODY = re.compile(
    r"((?:" + "|".join(_WORDS["company_kind_patterns"]) + r")\s+(?:" + "|".join(_WORDS["legal_form_patterns"])
    + r")[^,;:()\n]{2,80}?)(?=\s*(?:\(|,|;|:|\.|$|\s(?:" + "|".join(_WORDS["after_name_in_body_patterns"]) + r")\b))")
_TAX_LABEL = re.compile("(" + "|".join(_WORDS["tax_label_patterns"]) + r")\s*[:.]?\s*", re.I)
_PHONE_LABEL = re.compile("(" + "|".join(_WORDS["phone_label_patterns"]) + r")\s*[:.]?\s*", re.I)
_PHONE = re.compile(r"(?:\+?84|0)(?:[\s.\-]?\d){8,10}")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_CONTACT_LABEL = re.compile("(" + "|".join(_WORDS["contact_label_patterns"]) + r")\s*[:.]?", re.I)
_HONORIFIC = re.compile(r"\b(?:" + "|".join(_WORDS["honorific_patterns"]) + r")\s+((?:[A-ZĐÀ-Ỹ][\wà-ỹđ]*\s?){2,5})")
_NOT_NAME_PREFIXES = tuple(_WORDS["not_name_prefixes"])     # as written: "so " must not match "son"
_AFTER_NAME = set(vocab.words(_WORDS["after_name"]))


def extract_enterprise(view: LetterView) -> Enterprise:
    body_text = "\n".join(ln.text for ln in view.body if not ln.is_table)
    margin_text = "\n".join(ln.text for ln in view.margins)
    all_text = "\n".join([*(ln.text for ln in view.lines if not ln.is_table), *header_texts(view), margin_text])
    return Enterprise(
        name=_name(view, body_text),
        tax_code=_tax_code(all_text),
        zone=find_zone(body_text) or find_zone("\n".join(header_texts(view))) or find_zone(margin_text),
        **_contact(view, all_text),
    )


def letterhead_name(view: LetterView) -> str | None:
    """The upper-case company name of the letterhead, its lines joined, the national motto removed."""
    parts: list[str] = []
    for text in header_texts(view):
        text = _without_motto(text).strip(" -")
        if not text:
            continue
        key = fold(text)
        if key.startswith(_NOT_NAME_PREFIXES) or re.match(r"^s[ốo]\s*:", text, re.I) \
                or re.match(r"^[\w ]{2,25}, ngay", key):
            if parts:
                break
            continue
        if not parts and not _COMPANY_START.match(text):
            continue
        if parts and not (text.isupper() or (text[:1].isupper() and len(text.split()) <= 6)):
            break          # the name ends where a line of ordinary text begins
        parts.append(text)
        if len(parts) >= 4:
            break
    name = one_line(" ".join(parts))
    return name or None


def _name(view: LetterView, body_text: str) -> str | None:
    head = letterhead_name(view)
    flat_body = one_line(body_text)
    if head:
        # Prefer the body's spelling (proper case) of the letterhead's upper-case name.
        pos = flat_body.lower().find(head.lower())
        if pos >= 0:
            return flat_body[pos:pos + len(head)]
    mentions = [one_line(m.group(1)) for m in _NAME_IN_BODY.finditer(flat_body)]
    if head:
        best = max(mentions, key=lambda m: _overlap(fold(m), fold(head)), default=None)
        if best and _overlap(fold(best), fold(head)) >= 0.8:
            return best
        # A letterhead polluted by its neighbour column still contains every word of the body's mention.
        covered = [m for m in mentions if len(m.split()) >= 4 and _covered(fold(m), fold(head))]
        if covered:
            return max(covered, key=len)
        return _sentence_case(head)
    if mentions:
        # The most frequent mention; among equals the first (dict keeps order: a set's order would follow
        # Python's hash seed and change the name from one run to the next).
        return max(dict.fromkeys(mentions), key=mentions.count)
    return None


def _overlap(a: str, b: str) -> float:
    wa, wb = a.split(), b.split()
    if not wa or not wb:
        return 0.0
    common = sum(1 for w in wa if w in wb)
    return common / max(len(wa), len(wb))


def _covered(mention: str, head: str) -> bool:
    words = head.split()
    return all(w in words for w in mention.split())


def _sentence_case(upper: str) -> str:
    words = upper.split()
    out = []
    for i, w in enumerate(words):
        if w in ("TNHH", "MTV", "CP", "JSC", "KCN", "KKT") or (len(w) <= 3 and not re.search(r"[À-Ỹ]", w) and i > 1):
            out.append(w)
        else:
            out.append(w.capitalize() if i == 0 or i >= 2 else w.lower())
    return " ".join(out)


def _tax_code(text: str) -> str | None:
    for m in _TAX_LABEL.finditer(text):
        tail = text[m.end():m.end() + 40]
        code = normalise_tax(tail)
        if code and re.sub(r"\D", "", tail).startswith(code.replace("-", "")[:10]):
            return code
    return None


def _contact(view: LetterView, all_text: str) -> dict:
    lines = [ln.text for ln in view.closing] + [ln.text for ln in view.body if _CONTACT_LABEL.search(ln.text)]
    block = ""
    for i, text in enumerate(lines):
        if _CONTACT_LABEL.search(text):
            block = " ".join(lines[i:i + 3])
            break
    name = phone = email = None
    if block:
        m = _HONORIFIC.search(block)
        if m:
            name = _clean_person(m.group(1))
        phone = _phone(block)
        em = _EMAIL.search(block)
        email = em.group(0).rstrip(".") if em else None
    if email is None:
        em = _EMAIL.search(all_text)
        email = em.group(0).rstrip(".") if em else None
    return {"contact_name": name, "contact_phone": phone, "contact_email": email}


def _clean_person(text: str) -> str | None:
    words = []
    for w in text.split():
        w = w.strip(",;:-")
        if not w or not w[:1].isupper() or fold(w) in _AFTER_NAME:
            break
        words.append(w)
    return " ".join(words) if len(words) >= 2 else None


def _phone(text: str) -> str | None:
    for m in _PHONE_LABEL.finditer(text):
        pm = _PHONE.search(text, m.end(), m.end() + 30)
        if pm:
            return re.sub(r"\D", "", pm.group(0))
    pm = _PHONE.search(text)
    return re.sub(r"\D", "", pm.group(0)) if pm else None
