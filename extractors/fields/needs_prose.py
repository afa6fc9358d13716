"""Hiring needs stated in prose: "Năm 2023, Công ty dự kiến tuyển khoảng 300 lao động phổ thông và 20 kỹ sư",
"Công nhân may: 120 người", "tuyển 30 kỹ sư trong năm 2024 và 40 kỹ sư trong năm 2025".

A sentence that speaks of recruiting is cut into clauses (at commas, semicolons and "và"); each count found by
the spaCy Matcher is a need. Its position is the words after the count (up to the qualification phrase or the
clause's end), or, when only a unit follows ("120 người"), the words before it. Its year is the one named in
its own clause, else the last one named before it in the sentence, else the letter's year. When a sentence
names several years and the count's own clause names none, the year is a guess: the need's confidence is
lowered so that it is flagged for review rather than trusted.
"""
from __future__ import annotations

import re

from extractors import vocab
from extractors.fields.qualifications import implied_qualification, qualification_in, qualification_start
from extractors.nlp import get_nlp
from extractors.text.normalize import fold, one_line
from schemas import HiringNeed, Provenance, Qualification

PROSE_CONFIDENCE = 0.85
GUESSED_YEAR_CONFIDENCE = 0.5
UNREADABLE_CONFIDENCE = 0.35     # OCR of a line below this is noise: its "counts" are not read, they are flagged
_CUES = vocab.load("needs_prose")          # the words of this module: extractors/vocab/needs_prose.toml
_RECRUIT = re.compile(vocab.either(_CUES["recruit"]))
# "Công ty hiện có 1.200 lao động": the workforce, not a need (unless the clause also speaks of recruiting).
_WORKFORCE = re.compile(r"\b(" + vocab.either(_CUES["workforce"]) + r")\b")
DECLINE = re.compile("|".join(_CUES["decline_patterns"]))
_CLAUSE_PUNCTUATION = {",", ";", ":"}
_CLAUSE_WORDS = set(vocab.words(_CUES["clause_breaks"]))
_STOP = {",", ";", ".", "(", ":", ")"}
_STOP_WORDS = set(vocab.words(_CUES["position_stops"]))
_QUAL_CUES = vocab.words(_CUES["qualification_cues"])
_UNITS = set(vocab.words(vocab.load("units")["units"]))        # a count's unit alone is no position
_LEAD_VERBS = re.compile(r"^(?:.*\b(?:" + vocab.either(_CUES["lead_verbs"]) + r")\s+)", re.I)
_NOT_COUNT_AFTER = set(vocab.words(_CUES["not_count_after"]))
_NOT_COUNT_BEFORE = set(vocab.words(_CUES["not_count_before"]))
_YEAR_TOKEN = re.compile(r"^20\d\d$")


def read_prose_needs(texts: list[tuple[str, object]], fallback_year: int | None
                     ) -> tuple[list[HiringNeed], bool, list[Provenance]]:
    """Needs stated in the given (text, line) pieces of running text; whether a year was inferred; and the
    sentences whose OCR is too poor to read counts from (for the checks to flag, never to guess from).

    Each need's confidence is the prose confidence times the least OCR confidence of the lines its sentence
    spans, and its provenance names the sentence's first line.
    """
    pieces: list[tuple[int, int, object]] = []          # (start, end) of each line in the buffer
    buffer = ""
    for text, line in texts:
        text = one_line(text)
        if not text:
            continue
        if buffer:
            buffer += " "
        pieces.append((len(buffer), len(buffer) + len(text), line))
        buffer += text
    if not buffer:
        return [], False, []
    needs: list[HiringNeed] = []
    unreadable: list[Provenance] = []
    inferred = False
    for m in re.finditer(r"\S.*?(?:[.!?](?=\s+[A-ZĐÀ-Ỹ0-9])|$)", buffer):
        sentence = m.group(0)
        key = fold(sentence)
        if DECLINE.search(key):
            continue
        lines = [line for start, end, line in pieces if start < m.end() and end > m.start()]
        ocr_confidence = min((getattr(ln.block, "confidence", 1.0) for ln in lines), default=1.0)
        block = lines[0].block if lines else None
        found, guessed = _sentence_needs(sentence, fallback_year)
        if found and ocr_confidence < UNREADABLE_CONFIDENCE:
            unreadable.append(Provenance(page=getattr(block, "page", None), block=getattr(block, "index", None),
                                         snippet=sentence[:200]))
            continue
        inferred = inferred or guessed
        for need in found:
            need.confidence = round(need.confidence * ocr_confidence, 3)
            need.provenance = Provenance(page=getattr(block, "page", None), block=getattr(block, "index", None),
                                         bbox=getattr(block, "bbox", None), snippet=sentence[:300])
        needs.extend(found)
    return needs, inferred, unreadable


def _sentence_needs(sentence: str, fallback_year: int | None) -> tuple[list[HiringNeed], bool]:
    doc = get_nlp()(sentence)
    # clause index of every token
    clause_of, clause = [], 0
    for tok in doc:
        if tok.text in _CLAUSE_PUNCTUATION or tok.norm_ in _CLAUSE_WORDS:
            clause += 1
        clause_of.append(clause)
    years = [(tok.i, int(tok.text)) for tok in doc
             if _YEAR_TOKEN.match(tok.text) and tok.i > 0 and doc[tok.i - 1].norm_ in ("nam", "year", "in", "/")]
    distinct_years = {y for _, y in years}
    counts = [s for s in doc.spans["counts"] if _is_need_count(doc, s)]
    quals = [s for s in doc.spans["terms"] if s.label_.startswith("QUAL:")]
    needs: list[HiringNeed] = []
    inferred = False
    for n, span in enumerate(counts):
        limit = counts[n + 1].start if n + 1 < len(counts) else len(doc)
        position, after_end = _position_after(doc, span, limit)
        if position is None:
            position = _position_before(doc, span, counts[n - 1].end if n else 0)
        clause_start = next((i for i in range(span.start, -1, -1) if clause_of[i] != clause_of[span.start]), -1) + 1
        lead = fold(doc[clause_start:span.start].text)
        sentence_lead = fold(doc[:span.start].text)
        if _WORKFORCE.search(sentence_lead) and not _RECRUIT.search(lead) and \
                not _RECRUIT.search(sentence_lead[_WORKFORCE.search(sentence_lead).end():]):
            continue
        qual_span = next((q for q in quals if span.end <= q.start < limit and clause_of[q.start] == clause_of[span.start]),
                         None) or next((q for q in quals if span.end <= q.start < limit), None)
        qualification = qual_span.label_.split(":", 1)[1] if qual_span else None
        if qualification is None and position:
            qualification = qualification_in(position) or implied_qualification(position)
        own = [y for i, y in years if clause_of[i] == clause_of[span.start]]
        before = [y for i, y in years if i < span.start]
        confidence = PROSE_CONFIDENCE
        if own:
            year = own[0]
        elif before:
            year = before[-1]
            if len(distinct_years) > 1 and any(i > span.end for i, _ in years):
                confidence = GUESSED_YEAR_CONFIDENCE     # "... 30 kỹ sư, 40 công nhân năm 2025": whose year?
        elif years:
            year = years[0][1]
            if len(distinct_years) > 1:
                confidence = GUESSED_YEAR_CONFIDENCE
        else:
            year, inferred = fallback_year, True
        if year is None:
            continue
        q = span._.quantity
        try:
            needs.append(HiringNeed(year=year, position=_capitalise(position),
                                    qualification=qualification or Qualification.unspecified,
                                    quantity=q.low, quantity_max=q.high, confidence=confidence))
        except ValueError:
            continue
    return needs, inferred


def _position_after(doc, span, limit: int) -> tuple[str | None, int]:
    start = span.end
    while start < limit and doc[start].text in (")",):
        start += 1
    words = []
    for tok in doc[start:limit]:
        if tok.text in _STOP or tok.norm_ in _STOP_WORDS:
            break
        words.append(tok)
    text = " ".join(t.text for t in words)
    key = fold(text)
    for cue in _QUAL_CUES:
        idx = (" " + key + " ").find(" " + cue + " ")
        if idx > 0:
            text = " ".join(text.split()[:len(key[:idx - 1].split())])
            break
    qual = qualification_start(text)
    if qual is not None and qual > 0:
        text = " ".join(text.split()[:qual])
    text = text.strip(" ,;-")
    if not text or fold(text) in _UNITS:
        return None, start
    return text, start


def _position_before(doc, span, floor: int) -> str | None:
    """'Công nhân may: 120 người' -> 'Công nhân may'."""
    words = []
    i = span.start - 1
    while i >= floor and doc[i].text in (":", "-", "–"):
        i -= 1
    while i >= floor and doc[i].text not in _STOP and doc[i].text not in (";",):
        words.append(doc[i])
        i -= 1
    text = " ".join(t.text for t in reversed(words))
    folded = fold(text)
    lead = _LEAD_VERBS.match(folded)
    if lead:   # "Công ty cần tuyển công nhân may 120 người": drop what comes before the verb
        text = " ".join(text.split()[len(folded[:lead.end()].split()):])
    text = text.strip(" ,;:-")
    return text or None


def _is_need_count(doc, span) -> bool:
    q = span._.quantity
    if q is None:
        return False
    before = doc[span.start - 1].norm_ if span.start > 0 else ""
    after = doc[span.end].norm_ if span.end < len(doc) else ""
    if before in _NOT_COUNT_BEFORE and span.label_ != "RANGE":
        return False
    if 2000 <= q.low <= 2100 and (q.high is None or 2000 <= q.high <= 2100):
        return False                                   # a year or a period "2023-2025"
    if after in _NOT_COUNT_AFTER or after.startswith("%"):
        return False
    if span.end < len(doc) and doc[span.end].text in ("/", ".") and span.end + 1 < len(doc) \
            and doc[span.end + 1].like_num:
        return False                                   # a date or a fraction
    # a count is followed by words (its position or unit), possibly in brackets
    return span.end < len(doc) and (doc[span.end].is_alpha or doc[span.end].text in ("(", ")"))


def _capitalise(text: str | None) -> str | None:
    if not text:
        return None
    return text[:1].upper() + text[1:]
