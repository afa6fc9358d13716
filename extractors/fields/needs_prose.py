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
from spacy.tokens import Span
from extractors.text.language import has_vietnamese_letters
from extractors.text.normalize import fold, joined_lines, nfc
from extractors.text.numbers import Quantity, parse_number_words
from schemas import HiringNeed, Provenance, Qualification

PROSE_CONFIDENCE = 0.85
GUESSED_YEAR_CONFIDENCE = 0.5
RATE_CONFIDENCE = 0.5            # a count per month, shift, line: how many make the year is not read (tables too)
UNMAPPED_QUALIFICATION_CONFIDENCE = 0.55     # a level stated in words no rule maps, here and in tables: flagged
UNREADABLE_CONFIDENCE = 0.35     # OCR of a line below this is noise: its "counts" are not read, they are flagged
_CUES = vocab.load("needs_prose")          # the words of this module: extractors/vocab/needs_prose.toml
_RECRUIT = re.compile(vocab.either(_CUES["recruit"]))
RECRUIT = _RECRUIT                   # also the table reader's: a caption that speaks of recruiting
# "Công ty hiện có 1.200 lao động": the workforce, not a need (unless the clause also speaks of recruiting).
_WORKFORCE = re.compile(r"\b(" + vocab.either(_CUES["workforce"]) + r")\b")
DECLINE = re.compile("|".join(_CUES["decline_patterns"]))
_CLAUSE_PUNCTUATION = {",", ";", ":"}
_CLAUSE_WORDS = set(vocab.words(_CUES["clause_breaks"]))
_STOP = {",", ";", ".", "(", ":", ")"}
_STOP_WORDS = set(vocab.words(_CUES["position_stops"]))
_STOP_WORDS_WRITTEN = {nfc(w).lower() for w in _CUES["position_stops"]}
_ENGLISH_STOP_WORDS = set(vocab.words(_CUES["position_stops_english"]))
_QUAL_CUES = vocab.words(_CUES["qualification_cues"])
_UNITS = set(vocab.words(vocab.load("units")["units"]))        # a count's unit alone is no position
_LEAD_VERBS = re.compile(r"^(?:.*\b(?:" + vocab.either(_CUES["lead_verbs"]) + r")\s+)", re.I)
_NOT_COUNT_AFTER = set(vocab.words(_CUES["not_count_after"]))
_NOT_COUNT_BEFORE = set(vocab.words(_CUES["not_count_before"]))
NOT_COUNT_AFTER, NOT_COUNT_BEFORE = _NOT_COUNT_AFTER, _NOT_COUNT_BEFORE      # the net's too (accounting.py)
# What stands before a count written bare, with no word for people after it ("cần 60", "là 60", "khoảng 60",
# "SL 10", "Kỹ sư: 5", "Thợ cắt - 10"): a verb that states a need, a word of approximation or of quantity, a colon
# or a dash. A number after a noun numbers it ("ca 2", "dây chuyền 3", "ISO 9001"): no count (folded text).
_COUNT_LEAD = re.compile(r"(?:\b(?:" + vocab.either(_CUES["lead_verbs"] + _CUES["bare_count_lead"]
                                                 + vocab.load("units")["approximate"]) + r")|[:=\-–])\s*$")
# ... or a position a few words before ("thợ hàn 20 và thợ điện 10"): a word for people (counts.toml `people`)
# and its trade's words, not a preposition that goes on to something else ("công nhân cho dây chuyền 3")
_PEOPLE_BEFORE = re.compile(r"\b(?:" + vocab.either(vocab.load("counts")["people"]) + r")\b(?:\s+(?!(?:"
                            + vocab.either(_CUES["label_breaks"]) + r")\b)[^\s\d:;,.]+){0,3}\s*$")


def introduced_as_count(before: str) -> bool:
    """Whether the folded text before a bare number introduces it as a count: "cần 60", "SL 10", "Kỹ sư: 5",
    "thợ hàn 20"; not "ca 2", "dây chuyền 3", "ISO 9001" (a number after the noun it numbers)."""
    return bool(_COUNT_LEAD.search(before) or _PEOPLE_BEFORE.search(before))


# Last year's hires ("năm 2022 đã tuyển mới 85 người"), not needs.
_PAST = re.compile(r"\b(" + vocab.either(_CUES["past"]) + r")\b")
# What the count counts when it is not a need: people taken in to learn ("20 sinh viên thực tập", "học bổng").
_TRAINEE_AFTER = re.compile(r"^\W*(" + vocab.either(_CUES["trainees_counted"]) + r")\b")
_TRAINEE_CLAUSE = re.compile(r"\b(" + vocab.either(_CUES["trainee_clause"]) + r")\b")
# A count that states what the others add up to ("tổng cộng 85 lao động", "tổng nhu cầu ... là 320").
_TOTAL_LEAD = re.compile(r"\b(" + vocab.either(_CUES["total_lead"]) + r")\b")
# Positions that name no trade: the count of "120 lao động các loại" is for all kinds, not unskilled.
ANY_KIND = re.compile(r"\b(" + vocab.either(_CUES["any_kind"]) + r")\b")
# A period "Giai đoạn 2024 – 2025": its count is dated by the first year, and the date is a guess.
_PERIOD_LEAD = set(vocab.words(_CUES["period_lead"]))
_YEAR_TOKEN = re.compile(r"^20\d\d$")
_YEAR_AT_END = re.compile(r"[\s,(]*(?:năm|year|in)\s+20\d\d\s*\)?$", re.I)
_LEVEL_STATED = re.compile(r"\b(?:" + "|".join(re.escape(nfc(w).lower()) for w in _CUES["level_stated"]) + r")\b")


def states_a_level(text: str) -> bool:
    """Whether text names a level of training in words ("trình độ", "chứng chỉ", "bậc 3/7"), mapped or not."""
    return bool(_LEVEL_STATED.search(nfc(text).lower()))


# "từ 500 (người) lên": what comes before the count it ends is a level the workforce changes to (folded text)
LEVEL_CHANGE = re.compile(r"\btu\s+\d[\d.,]*\s+(?:\w+\s+){0,2}(?:" + vocab.either(_CUES["level_change"]) + r")\s*$")
MAX_BARE_COUNT = 10_000           # a number alone after a colon above this is money ("Phụ cấp: 500.000")
# The parts of a count broken down by sex ("15 nữ", "70 lao động nữ"), folded.
_GENDER = re.compile(r"(?:(?:" + vocab.either(_CUES["gender_heads"]) + r")\s+)?(?:" + vocab.either(_CUES["genders"])
                     + r")")
_GROUPED = re.compile(r"\d[.,]\d{3}\b")         # "2.000", "2,000": thousands, never a year
_NEXT_YEAR = vocab.words(_CUES["next_year"])
_THIS_YEAR = vocab.words(_CUES["this_year"])
_AGE_WORDS = {"tuoi", "age", "aged"}
_LABEL_FILLERS = set(vocab.words(_CUES["label_fillers"]))
# "tăng 10% so với năm 2022": a year a count is compared with, not the year of the counts around it
_COMPARED = re.compile(r"\b(?:" + vocab.either(_CUES["compared_with"]) + r")$")
_NOT_ONE_YEAR = set(vocab.words(_CUES["not_one_year"]))
_BREAKDOWN = re.compile(r"\b(" + vocab.either(_CUES["breakdown_lead"]) + r")\b")
_YEAR_RANGE_TOKEN = re.compile(r"^(20\d\d)[-–—](20\d\d)$")
# "mỗi năm", "hằng năm": a count stated once for each year of a period
_EACH_YEAR = re.compile(r"\b(" + vocab.either(_CUES["each_year"]) + r")\b")
# "mỗi tháng", "mỗi ca", "hằng quý" (a sentence's counts per a unit other than the year), "/tháng" (in a clause)
_PER_UNIT = re.compile(r"\b(?:(?:" + vocab.either(_CUES["distributive"]) + r")\s+(?!(?:"
                       + vocab.either(_CUES["distributive_years"]) + r")\b)\w|(?:" + vocab.either(_CUES["per_period"])
                       + r")\b)")
_PER_UNIT_SLASH = re.compile(r"/\s*(?:" + vocab.either(_CUES["rate_units"]) + r")\b")


def per_unit(key: str) -> bool:
    """Whether a folded caption or column header counts per a unit other than the year ("mỗi tháng", "/ca")."""
    return bool(_PER_UNIT.search(key) or _PER_UNIT_SLASH.search(key))

# parts of a year (quarters, halves, rounds), as in the columns of a table: their counts add up to the year
_PART = re.compile("|".join(vocab.load("table_columns")["columns"]["part_patterns"]))
# as written, not folded: "lăm" (five) folds as "làm" (to work) does
_NUMBER_WORDS = {w.lower() for w in _CUES["number_words"]}
# "có" of what the enterprise has ("Công ty có 1.850 lao động"), not of what a position must have ("lái xe nâng
# có chứng chỉ sơ cấp và 10 nhân viên kho"): as written, lower-cased ("có" is not "cơ")
_HAS = re.compile(r"\bcó\b(?!\s+(?:" + "|".join(re.escape(w.lower()) for w in _CUES["has_not_workforce"]) + r")\b)")
_PEOPLE = re.compile(r"^(?:" + vocab.either(vocab.load("counts")["people"]) + r")\b")


def read_prose_needs(texts: list[tuple[str, object]], fallback_year: int | None, totals: list | None = None,
                     doubts: list | None = None, heading_year: int | None = None,
                     explained: list | None = None) -> tuple[list[HiringNeed], bool, list[Provenance]]:
    """Needs stated in the given (text, line) pieces of running text; whether a year was inferred; and the
    sentences whose OCR is too poor to read counts from (for the checks to flag, never to guess from).
    A total stated in a sentence is appended to `totals` as (year, HiringNeed) instead of being a need; a count
    whose digits and words disagree ("35 (năm mươi lăm)") is kept as the digits and appended to `doubts` as
    (message, provenance). Counts of parts of a year added into one need are appended to `explained` as (block,
    value, sentence).

    A line that starts with an item's marker ("- ", "+ ", "a) ", "(2) ") or with a year ("Năm 2024: ...") starts
    a new sentence, whatever ended the line before. A sentence that names no year takes the year of the list it
    belongs to: the one named by the lead-in sentence that opened the list ("Năm 2024, Công ty cần:"), else the
    one named by the answer's heading (`heading_year`, "1. Nhu cầu tuyển dụng năm 2024"), else the letter's.

    Each need's confidence is the prose confidence times the least OCR confidence of the lines its sentence
    spans, and its provenance names the sentence's first line.
    """
    needs: list[HiringNeed] = []
    collected: list[tuple[HiringNeed, str, bool]] = []
    unreadable: list[Provenance] = []
    inferred = False
    context = heading_year
    for group in _line_groups(texts):
        buffer, pieces = joined_lines(group)        # pieces: (start, end) of each line in the buffer
        if not buffer:
            continue
        # sentences end at a full stop before a capital, and at a full stop or semicolon before a bullet
        # ("– Năm ...") or an item's marker ("b) Năm 2024: ...", "(2) ...")
        for m in _SENTENCE.finditer(buffer):
            sentence = m.group(0)
            key = fold(sentence)
            named = [int(y) for y in _NAMED_YEAR.findall(key)]
            if named:
                # a lead-in ("Năm 2024, Công ty cần:") dates the items after it; any other sentence naming a
                # year closes that list
                context = named[-1] if sentence.rstrip().endswith(":") else heading_year
            if DECLINE.search(key):
                continue
            lines = [line for start, end, line in pieces if start < m.end() and end > m.start()]
            ocr_confidence = min((getattr(ln.block, "confidence", 1.0) for ln in lines), default=1.0)
            block = lines[0].block if lines else None
            found, guessed = _sentence_needs(sentence, fallback_year, context)    # (need, role): need, total or doubt
            if found and ocr_confidence < UNREADABLE_CONFIDENCE:
                unreadable.append(Provenance(page=getattr(block, "page", None), block=getattr(block, "index", None),
                                             snippet=sentence[:200]))
                continue
            inferred = inferred or guessed
            for need, role, part in found:
                need.confidence = round(need.confidence * ocr_confidence, 3)
                need.provenance = Provenance(page=getattr(block, "page", None), block=getattr(block, "index", None),
                                             bbox=getattr(block, "bbox", None), snippet=sentence[:300])
                if role and role.startswith("doubt:") and doubts is not None:
                    doubts.append((role[6:], need.provenance))
                    role = "need"
                collected.append((need, role, part))
    for need, role in _merge_parts(collected, doubts, explained):
        if role == "total":
            if totals is not None:
                totals.append(need)
            continue
        if role == "explained":                        # a part of a count by sex: read, no need of its own
            if explained is not None:
                explained.extend(_counted(need))
            continue
        needs.append(need)
    return needs, inferred, unreadable


_SENTENCE = re.compile(r"\S.*?(?:[.!?](?=\s+[A-ZĐÀ-Ỹ0-9])|[.;](?=\s+[-–—•*+]\s)"
                       r"|[.;:](?=\s+\(?(?:[a-zđ]|\d{1,2}|[ivx]{1,4})\)\s)|(?=\s+(?:Năm|NĂM|Year)\s+20\d\d\s*:)|$)")
# A year named in a sentence ("năm 2024", "year 2025"), on folded text.
_NAMED_YEAR = re.compile(r"\b(?:nam|year|in)\s+(20\d\d)\b")
# A line that starts a sentence of its own: an item's marker, or a year ("Năm 2024:", "- Năm 2025 ...").
_ITEM_START = re.compile(r"^\s*(?:[-–—•*+▪●◦·]\s|\(?(?:[a-zđ]|\d{1,2}|[ivx]{1,4})\)\s|(?:Năm|NĂM|Year)\s+20\d\d\b)")


def _line_groups(texts: list[tuple[str, object]]) -> list[list[tuple[str, object]]]:
    """The lines cut where a line starts a sentence of its own (an item's marker, a year), whatever ended the
    line before: "- Lao động phổ thông: 90 người (công nhân quấn dây)" over "- Trung cấp điện: 14 người"."""
    groups: list[list[tuple[str, object]]] = []
    for text, origin in texts:
        if not groups or _ITEM_START.match(text or ""):
            groups.append([])
        groups[-1].append((text, origin))
    return groups


def _sentence_needs(sentence: str, fallback_year: int | None,
                    context_year: int | None = None) -> tuple[list[tuple[HiringNeed, str, bool]], bool]:
    """The counts of a sentence as (need, role, part): role "need", "total" or "doubt:<message>"; part whether the
    count's part of the sentence names a part of its year (a quarter, a half, a round), so that it adds up."""
    doc = get_nlp()(sentence)
    # clause index of every token
    clause_of, clause = [], 0
    segment_of, segment = [], 0            # parts of the sentence between semicolons
    for tok in doc:
        if tok.text in _CLAUSE_PUNCTUATION or tok.norm_ in _CLAUSE_WORDS:
            clause += 1
        if tok.text == ";":
            segment += 1
        clause_of.append(clause)
        segment_of.append(segment)
    years = [(tok.i, int(tok.text)) for tok in doc
             if _YEAR_TOKEN.match(tok.text) and tok.i > 0 and doc[tok.i - 1].norm_ in ("nam", "year", "in", "/")
             and not _COMPARED.search(fold(doc[max(0, tok.i - 4):tok.i - 1].text))]
    # "năm tới", "next year", "năm nay": a year named relative to the letter's
    if fallback_year is not None:
        years += _relative_years(doc, fallback_year)
        years.sort()
    # "Giai đoạn 2024 – 2025", "2024-2025": a period; its counts take the first year, as a guess
    periods = [(tok.i, int(tok.text)) for tok in doc
               if _YEAR_TOKEN.match(tok.text) and tok.i > 0 and doc[tok.i - 1].norm_ in _PERIOD_LEAD]
    # "trong 3 năm 2023 – 2025", "2024-2025": a range of years is a period too; (start token, first, last year)
    ranges = _year_ranges(doc)
    periods += [(i, listed[0]) for i, listed in ranges if (i, listed[0]) not in periods]
    sentence_key = fold(sentence)
    each_year = bool(_EACH_YEAR.search(sentence_key))
    per_unit_sentence = bool(_PER_UNIT.search(sentence_key))
    years += [p for p in periods if p not in years]
    years.sort()
    distinct_years = {y for _, y in years}
    counts = sorted([s for s in doc.spans["counts"] if _is_need_count(doc, s)] + _word_counts(doc),
                    key=lambda s: s.start)
    quals = [s for s in doc.spans["terms"] if s.label_.startswith("QUAL:")]
    needs: list[tuple[HiringNeed, str]] = []
    inferred = False
    previous_label: tuple[str | None, str | None] | None = None    # the last count's label read before it
    for n, span in enumerate(counts):
        limit = counts[n + 1].start if n + 1 < len(counts) else len(doc)
        position, after_end = _position_after(doc, span, limit)
        label_before = position is None
        label_qualification = None
        if position is None:
            position, note, filler_only = _label_before(doc, span.start, counts[n - 1].end if n else 0)
            # "Thợ hàn (trung cấp): 20 người": the level in brackets beside the label is the need's
            label_qualification = qualification_in(note) if note else None
            if position is None and previous_label is not None and (
                    filler_only or _dates_only(doc, counts[n - 1].end, span.start)):
                # "Kỹ sư (đại học): năm 2023 là 4 người, năm 2024 là 6 người", "Thợ hàn: 20 người (năm 2023),
                # 15 người (năm 2024)": the label of the count before
                position, label_qualification = previous_label
            previous_label = (position, label_qualification) if position else None
        else:
            previous_label = None
        clause_start = next((i for i in range(span.start, -1, -1) if clause_of[i] != clause_of[span.start]), -1) + 1
        lead = fold(doc[clause_start:span.start].text)
        sentence_lead = fold(doc[:span.start].text)
        if _WORKFORCE.search(sentence_lead) and not _RECRUIT.search(lead) and \
                not _RECRUIT.search(sentence_lead[_WORKFORCE.search(sentence_lead).end():]):
            continue
        if _PAST.search(lead):
            continue                        # "năm 2022 đã tuyển mới 85 người": last year's hires
        if LEVEL_CHANGE.search(sentence_lead):
            continue                        # "nâng số lao động từ 500 lên 600 người": the workforce to come
        if _HAS.search(doc[:span.start].text.lower()) and not _RECRUIT.search(sentence_lead):
            continue                        # "Hiện Công ty có 1.850 lao động": what it has, not what it needs
        after_key = fold(doc[span.end:min(len(doc), span.end + 4)].text)
        if _TRAINEE_AFTER.search(after_key) or (_TRAINEE_CLAUSE.search(fold(sentence)) and
                                                not _RECRUIT.search(lead)):
            continue                        # interns, trainees, scholarships offered: not needs
        # a total: "tổng" between the previous count (or the sentence's start) and this one
        is_total = bool(_TOTAL_LEAD.search(fold(doc[counts[n - 1].end if n else 0:span.start].text)))
        # "cần tuyển 120 lao động, trong đó: 100 công nhân may và 20 thợ cắt": the count before its breakdown
        broken_down = not is_total and n + 1 < len(counts) and bool(
            _BREAKDOWN.search(fold(doc[span.end:counts[n + 1].start].text)))
        is_total = is_total or broken_down
        qual_span = next((q for q in quals if span.end <= q.start < limit and clause_of[q.start] == clause_of[span.start]),
                         None)
        if qual_span is None and not label_before:
            # a level later in the sentence; not when the label stood before the count: what follows its clause
            # is the next item's ("Thợ hàn (trung cấp): 20 người; Thợ điện (cao đẳng): 15 người")
            qual_span = next((q for q in quals if span.end <= q.start < limit), None)
        qualification = qual_span.label_.split(":", 1)[1] if qual_span else label_qualification
        if qualification is None and position:
            qualification = qualification_in(position) or implied_qualification(position)
        own = [y for i, y in years if clause_of[i] == clause_of[span.start]]
        before = [y for i, y in years if i < span.start]
        confidence = PROSE_CONFIDENCE
        if any(i < span.start for i, _ in periods):
            confidence = GUESSED_YEAR_CONFIDENCE          # a period's count under its first year: a guess
        if position and ANY_KIND.search(fold(position)):
            qualification = Qualification.unspecified
        if len(set(own)) > 1:
            # "Năm 2023 tuyển 10 thợ điện năm 2024 tuyển 12 thợ điện" (a comma lost): the clause names several
            # years; the one nearest before the count, else the first after it, as a guess an officer confirms
            own_before = [y for i, y in years if clause_of[i] == clause_of[span.start] and i < span.start]
            year = own_before[-1] if own_before else own[0]
            confidence = GUESSED_YEAR_CONFIDENCE
        elif own:
            year = own[0]
        elif before:
            year = before[-1]
            if len(distinct_years) > 1 and any(i > span.end and segment_of[i] == segment_of[span.start]
                                               for i, _ in years):
                # "... 30 kỹ sư, 40 công nhân năm 2025": whose year? (a year after a semicolon opens the next
                # part of the sentence: "năm 2023 cần A và B; năm 2024 cần C" leaves no doubt about B)
                confidence = GUESSED_YEAR_CONFIDENCE
        elif years:
            year = years[0][1]
            if len(distinct_years) > 1:
                confidence = GUESSED_YEAR_CONFIDENCE
        elif context_year is not None:
            year = context_year             # an item of a list its lead-in or heading dated
        else:
            year, inferred = fallback_year, True
        if year is None:
            continue
        q = span._.quantity
        period = next((r for r in reversed(ranges) if r[0] < span.start), None) or next(
            (r for r in ranges if r[0] >= span.end and clause_of[r[0]] == clause_of[span.start]), None)
        years_of_need = [year]
        if period is not None and each_year and year == period[1][0] and len(period[1]) <= 6:
            # "trong 3 năm 2023 – 2025, mỗi năm cần khoảng 50 công nhân", "50 người/năm trong giai đoạn 2023 -
            # 2025": the count in each year of the period
            years_of_need = list(period[1])
            confidence = PROSE_CONFIDENCE
        elif period is not None and period[0] >= span.end and year == period[1][0]:
            # "tuyển 50 người trong giai đoạn 2023 - 2025": a period's count dated by its first year is a guess
            confidence = GUESSED_YEAR_CONFIDENCE
        clause_end = next((i for i in range(span.end, len(doc)) if clause_of[i] != clause_of[span.start]), len(doc))
        if per_unit_sentence or _PER_UNIT_SLASH.search(fold(doc[clause_start:clause_end].text)):
            confidence = min(confidence, RATE_CONFIDENCE)   # "mỗi ca 20 công nhân": 20 times how many, a year?
        if qualification is None and states_a_level(doc[span.end:limit].text):
            # "50 công nhân trình độ bậc 3/7": a level stated in words none of ours maps (the officer reads it)
            confidence = min(confidence, UNMAPPED_QUALIFICATION_CONFIDENCE)
        part = bool(_PART.search(fold(doc[_segment_start(segment_of, span.start):span.start].text)))
        try:
            made = [HiringNeed(year=y, position=_capitalise(position),
                               qualification=qualification or Qualification.unspecified,
                               quantity=q.low, quantity_max=q.high, confidence=confidence) for y in years_of_need]
        except ValueError:
            continue
        need = made[0]
        words = _words_beside(doc, span)
        role = "need"
        if broken_down:
            role = "total:breakdown"
        elif is_total:
            role = "total"
        elif words is not None and words != q.low:
            role = (f"doubt:Số lượng ghi bằng số {q.low} nhưng bằng chữ là {words}: "
                    f"«{doc[span.start:min(len(doc), span.end + 6)].text}»")
        needs.append((need, role, part))
        needs.extend((extra, role, part) for extra in made[1:])
    return _by_gender(needs), inferred


def _by_gender(needs: list[tuple[HiringNeed, str, bool]]) -> list[tuple[HiringNeed, str, bool]]:
    """A count broken down by sex only ("20 công nhân may (trong đó 15 nữ, 5 nam)", "100 lao động, trong đó 70
    lao động nữ") is the need; its parts split no position and are read, not needs of their own ("explained"); a
    stated total ("Tổng cộng 60 lao động, trong đó 10 nữ") stays a total. A breakdown into positions keeps its
    parts as the needs and the count as their total."""
    out = list(needs)
    for i, (need, role, part) in enumerate(needs):
        if not role.startswith("total"):
            continue
        parts = []
        for entry in needs[i + 1:]:
            if entry[1].startswith("total"):
                break
            parts.append(entry)
        by_sex = bool(parts) and all(_GENDER.fullmatch(fold(p.position or "")) for p, _, _ in parts)
        if by_sex:      # "Tổng cộng 60 lao động, trong đó 10 nữ": a stated total stays one, checked as ever
            out[i + 1:i + 1 + len(parts)] = [(p, "explained", pp) for p, _, pp in parts]
        out[i] = (need, "need" if by_sex and role == "total:breakdown" else "total", part)
    return out


def _relative_years(doc, letter_year: int) -> list[tuple[int, int]]:
    """(token index, year) of the years a sentence names relative to the letter's ("Trong năm tới", "năm nay");
    not "các năm tiếp theo" or "5 năm sau" (several years, a duration)."""
    out = []
    key_tokens = [t.norm_ for t in doc]
    for offset, phrases in ((1, _NEXT_YEAR), (0, _THIS_YEAR)):
        for phrase in phrases:
            words = phrase.split()
            for i in range(len(doc) - len(words) + 1):
                if key_tokens[i:i + len(words)] != words:
                    continue
                before = doc[i - 1] if i else None
                if before is not None and (before.like_num or before.norm_ in _NOT_ONE_YEAR):
                    continue
                out.append((i + len(words) - 1, letter_year + offset))
    return out


def _segment_start(segment_of: list[int], index: int) -> int:
    start = index
    while start > 0 and segment_of[start - 1] == segment_of[index]:
        start -= 1
    return start


def _year_ranges(doc) -> list[tuple[int, list[int]]]:
    """Periods and lists of years in a sentence as (token index, years): "2023 – 2025" and "2024-2025" are
    every year between, "2024 và 2025", "năm 2024, năm 2025" the years listed."""
    out = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        m = _YEAR_RANGE_TOKEN.match(tok.text)
        if m and int(m.group(2)) > int(m.group(1)):
            out.append((i, list(range(int(m.group(1)), int(m.group(2)) + 1))))
            i += 1
            continue
        if not _YEAR_TOKEN.match(tok.text):
            i += 1
            continue
        listed, j = [int(tok.text)], i
        while j + 2 < len(doc) and doc[j + 1].text in ("-", "–", "—", "và", ",", "and", "&"):
            k = j + 2
            if doc[k].norm_ in ("nam", "year") and k + 1 < len(doc):
                k += 1                        # "năm 2024 và năm 2025"
            if not _YEAR_TOKEN.match(doc[k].text) or int(doc[k].text) <= listed[-1]:
                break
            if doc[j + 1].text in ("-", "–", "—"):
                listed += list(range(listed[-1] + 1, int(doc[k].text) + 1))
            else:
                listed.append(int(doc[k].text))
            j = k
        if len(listed) > 1:
            out.append((i, listed))
        i = j + 1
    return out

def _counted(need: HiringNeed) -> list[tuple[int | None, int, str]]:
    """(block, count, sentence) of a need's own counts."""
    block = need.provenance.block if need.provenance else None
    snippet = need.provenance.snippet or "" if need.provenance else ""
    return [(block, v, snippet) for v in (need.quantity, need.quantity_max) if v is not None]


def _merge_parts(found: list[tuple[HiringNeed, str, bool]], doubts: list | None,
                 explained: list | None = None) -> list[tuple[HiringNeed, str]]:
    """One need per (year, position, qualification). Counts of the same position in parts of a year ("Quý II/2023
    tuyển 40 công nhân bốc xếp; quý IV/2023 tuyển thêm 20 công nhân bốc xếp") add up to the year's need; the same
    position counted twice otherwise is kept as written, and doubted (is it said twice, or are there two?)."""
    out: list[tuple[HiringNeed, str]] = []
    seen: dict[tuple, tuple[HiringNeed, bool]] = {}
    for need, role, part in found:
        if role != "need":
            out.append((need, role))
            continue
        key = (need.year, fold(need.position or ""), need.qualification)
        if key not in seen:
            seen[key] = (need, part)
            out.append((need, role))
            if part and explained is not None:      # a part's own count is read (into its year's sum)
                explained.extend(_counted(need))
            continue
        first, first_part = seen[key]
        if part and first_part:
            if explained is not None:
                explained.extend(_counted(need))
            high = None
            if first.quantity_max is not None or need.quantity_max is not None:
                high = (first.quantity_max or first.quantity) + (need.quantity_max or need.quantity)
            first.quantity, first.quantity_max = first.quantity + need.quantity, high
            continue
        out.append((need, role))
        if doubts is not None:
            doubts.append((f"{need.position or 'Một vị trí'} năm {need.year} được nêu hai lần ({first.quantity} và "
                           f"{need.quantity})", need.provenance))
    return out


def _words_beside(doc, span) -> int | None:
    """The number written in words beside the digits, "35 (năm mươi lăm)" or "mười lăm (15)", or None."""
    if span.end + 2 < len(doc) and doc[span.end].text == "(":
        close = next((i for i in range(span.end + 1, min(len(doc), span.end + 8)) if doc[i].text == ")"), None)
        if close:
            return parse_number_words(doc[span.end + 1:close].text)
    if span.start >= 2 and doc[span.start - 1].text == "(":
        start = span.start - 1
        while start > 0 and parse_number_words(doc[start - 1:span.start - 1].text) is not None:
            start -= 1
        if start < span.start - 1:
            return parse_number_words(doc[start:span.start - 1].text)
    return None


def _position_after(doc, span, limit: int) -> tuple[str | None, int]:
    start = span.end
    while start < limit and doc[start].text in (")",):
        start += 1
    if start < limit and doc[start].text == "(":
        # "35 (ba mươi lăm) công nhân": the count again in words, then its position
        close = next((i for i in range(start + 1, min(limit, start + 8)) if doc[i].text == ")"), None)
        if close is not None and parse_number_words(doc[start + 1:close].text) is not None:
            start = close + 1
    words = []
    accented = has_vietnamese_letters(doc.text)
    stops = _STOP_WORDS if accented else _STOP_WORDS | _ENGLISH_STOP_WORDS
    stop = None
    for tok in doc[start:limit]:
        if tok.text in _STOP or (tok.norm_ in stops and (not accented or _stop_as_written(doc, tok))):
            stop = tok.text
            break
        words.append(tok)
    if stop == ":" and len(words) > 1 and words[0].norm_ in _UNITS:
        # "Thợ hàn: 20 người Thợ điện: 10 người" (items on lines broken by hand): after the unit, the words up to
        # a colon are the next item's label
        return None, start
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
    text = text.strip(" ,;-/")                # "50 người/năm": the unit per year, no position
    if not text or fold(text) in _UNITS:
        return None, start
    return text, start


def _stop_as_written(doc, tok) -> bool:
    """In a text that writes accents, a word ends a position only as the stop word is written ("và", "năm"): "lâm
    nghiệp", "miền Nam", "cung ứng" go on. A word with no accent at all before a number is the stop word whose
    accent a scan or a hasty typist lost ("nam 2024", "va 10 công nhân")."""
    written = nfc(tok.text).lower()
    if written in _STOP_WORDS_WRITTEN:
        return True
    return written == tok.norm_ and tok.i + 1 < len(doc) and doc[tok.i + 1].text[:1].isdigit()


def _dates_only(doc, start: int, end: int) -> bool:
    """True when the tokens between two counts only date the first (its unit, a year, brackets, a comma): the
    second count goes on the first's list ("20 người (năm 2023), 15 người (năm 2024)")."""
    between = [t for t in doc[start:end] if t.text not in _STOP and t.text not in ("-", "–")]
    return any(_YEAR_TOKEN.match(t.text) for t in between) and all(_only_dates(t) for t in between)


def _only_dates(tok) -> bool:
    """A year, a word that only dates a count ("năm", "là"), or a count's unit: no part of a label."""
    return bool(_YEAR_TOKEN.match(tok.text)) or tok.norm_ in _LABEL_FILLERS or tok.norm_ in _UNITS


def _label_before(doc, end: int, floor: int, crossed: bool = False) -> tuple[str | None, str | None, bool]:
    """The label of a count written before it: 'Công nhân may: 120 người' -> 'Công nhân may'; with the text of a
    bracket between label and count ('Thợ hàn (trung cấp): 20 người' -> 'Thợ hàn', 'trung cấp'); and whether the
    words before the count were only its date ('năm 2023 là 20 người'), in which case the label stands before the
    colon that opens them ('Thợ hàn (trung cấp): năm 2023 là 20 người')."""
    words = []
    i = end - 1
    while i >= floor and doc[i].text in (":", "-", "–"):
        i -= 1
    note = None
    if i >= floor and doc[i].text == ")":
        j = i - 1
        while j >= floor and doc[j].text not in ("(", ";", ")"):
            j -= 1
        if j >= floor and doc[j].text == "(":
            note, i = doc[j + 1:i].text, j - 1
    while i >= floor and doc[i].text not in _STOP and doc[i].text not in (";",):
        words.append(doc[i])
        i -= 1
    if i < floor:
        # up to the count before: its unit is no part of this label ("Thợ hàn: 20 người Thợ điện: 10 người",
        # items on lines broken by hand)
        while words and words[-1].norm_ in _UNITS:
            words.pop()
    # "năm 2023 là", "người năm 2023 và" (the unit of the count before): words that only date the count
    filler_only = bool(words) and all(_only_dates(t) for t in words)
    if filler_only and note is None and not crossed and i >= floor and doc[i].text == ":":
        label, note, _ = _label_before(doc, i, floor, crossed=True)
        if label:
            return label, note, True
    text = " ".join(t.text for t in reversed(words))
    folded = fold(text)
    lead = _LEAD_VERBS.match(folded)
    if lead:   # "Công ty cần tuyển công nhân may 120 người": drop what comes before the verb
        text = " ".join(text.split()[len(folded[:lead.end()].split()):])
    text = text.strip(" ,;:-+–—•*▪●◦·")       # an item's marker is no part of its label ("+ Công nhân may: 120")
    dated = re.match(r"(?:năm|year)\s+20\d\d\s*:?\s+(?=\S)", text, re.I)
    if dated:
        text = text[dated.end():]         # "Năm 2024" (a sub-heading run into its first item) dates the count
    text = _YEAR_AT_END.sub("", text)     # "Công nhân may năm 2024: 150": the year dates the count, not the label
    return (None if filler_only else text or None), note, filler_only


def _word_counts(doc) -> list:
    """Counts written in words and followed by a word for people ("bốn nhân viên", "hai mươi công nhân"), as
    spans labelled WORDS with their value; words beside digits ("mười lăm (15)") are the digits' check, not a
    second count."""
    out = []
    i = 0
    while i < len(doc):
        if doc[i].text.lower() not in _NUMBER_WORDS:
            i += 1
            continue
        j = i
        while j < len(doc) and doc[j].text.lower() in _NUMBER_WORDS:
            j += 1
        value = parse_number_words(doc[i:j].text)
        after = fold(doc[j:min(len(doc), j + 4)].text)
        # a lone "năm" is the year ("mỗi năm công nhân ...") unless a verb of recruiting stands before it
        lone_year_word = j == i + 1 and doc[i].norm_ == "nam" and not (i and _LEAD_VERBS.match(doc[i - 1].norm_ + " "))
        if value and (i == 0 or not doc[i - 1].like_num) and _PEOPLE.match(after) and not lone_year_word:
            span = Span(doc, i, j, label="WORDS")
            span._.quantity = Quantity(value, None)
            out.append(span)
        i = j
    return out


def _is_need_count(doc, span) -> bool:
    q = span._.quantity
    if q is None:
        return False
    before = doc[span.start - 1].norm_ if span.start > 0 else ""
    after = doc[span.end].norm_ if span.end < len(doc) else ""
    raw_before = doc[span.start - 1].text.lower() if span.start > 0 else ""
    if before in _NOT_COUNT_BEFORE and span.label_ != "RANGE" and not (before == "ngay" and raw_before == "ngay"):
        return False                                   # "ngày 5" is a date, "tuyển ngay 45" is at once
    if 2000 <= q.low <= 2100 and (q.high is None or 2000 <= q.high <= 2100) and not _GROUPED.search(span.text):
        return False                                   # a year or a period "2023-2025" (not "2.000 công nhân")
    if after in _NOT_COUNT_AFTER or after.startswith("%"):
        return False
    if any(t.norm_ in _AGE_WORDS for t in doc[max(0, span.start - 3):span.start]):
        return False                                   # "lao động nữ tuổi từ 18 – 35": an age
    if _is_item_marker(doc, span):
        return False                                   # "(1) 30 công nhân", "tuyển: 2) Kỹ sư ...": an item's number
    if span.end < len(doc) and doc[span.end].text in ("/", ".") and span.end + 1 < len(doc) \
            and doc[span.end + 1].like_num:
        return False                                   # a date or a fraction
    # a count is followed by words (its position or unit), possibly in brackets; not by a word that ends a
    # position at once ("ca 1 và ca 2", "dây chuyền 1 và 2": a number after the noun it numbers), unless what
    # stands before it introduces a count ("cần 20 và ...")
    if span.end < len(doc) and (doc[span.end].is_alpha or doc[span.end].text in ("(", ")")):
        if doc[span.end].norm_ in _CLAUSE_WORDS and not introduced_as_count(fold(doc[:span.start].text)):
            return False
        return True
    # ... or it is all that follows its label's colon, up to the clause's end ("+ Công nhân may: 120"), written as
    # a count is (no leading zero: "Hotline: 0225...")
    return (before == ":" and span.start >= 2 and (doc[span.start - 2].is_alpha or doc[span.start - 2].like_num
                                                     or doc[span.start - 2].text == ")")
            and not span.text.startswith("0") and q.low <= MAX_BARE_COUNT
            and (span.end == len(doc) or doc[span.end].text in (".", ";", ",")))


def _is_item_marker(doc, span) -> bool:
    """'(2)' or '2)' numbering an item: after the sentence's start or a punctuation mark ("tuyển: (1) ..."), or
    before another count ("(2) 10 thợ điện", "(3) hai kỹ sư"). The digits that check a count in words stay a
    count: "mười (10) thợ sửa chữa"."""
    q = span._.quantity
    if span.label_ == "RANGE" or q.high is not None or q.low > 30 or span.end >= len(doc) or doc[span.end].text != ")":
        return False
    start = span.start - 1 if span.start > 0 and doc[span.start - 1].text == "(" else span.start
    prev = doc[start - 1] if start > 0 else None
    nxt = doc[span.end + 1] if span.end + 1 < len(doc) else None
    if nxt is not None and (nxt.like_num or nxt.text.lower() in _NUMBER_WORDS):
        return True
    return prev is None or prev.text in (":", ";", ",", ".", "-", "–", "+")


def _capitalise(text: str | None) -> str | None:
    if not text:
        return None
    return text[:1].upper() + text[1:]
