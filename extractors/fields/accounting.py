"""The net under every rule: each count of people in the letter's body is used, explained, or flagged.

The readers of point 1 recognise needs by the shapes letters give them. A letter set out in a shape they do not
know would otherwise lose its counts without anyone seeing it. So after reading, every count-like number of
the body (a number followed by people: "45 thợ hàn", "120 người", "150–200 công nhân"; a count-only cell of a
table of point 1) must be one of:

- used: it is a need or a stated total that was read (same sentence or same cell);
- explained: what the sentence says it counts is not a need (the workforce today, last year's hires, interns,
  trainees and scholarships offered, a share in percent, a decline), or the cell is a total, current staff, a
  past year, a row number, a note;
- otherwise it is unaccounted, and the letter goes to an officer (`unaccounted_count`) instead of into the
  totals with a count missing.

Numbers that are not counts of people (dates, years, phone numbers, tax codes, letter numbers, addresses,
durations, ages, money, section numbers) never reach the net: a number is count-like when a word for people or
positions follows it, or, in the answer to point 1, when nothing marks it as something else ("năm 2024 cần 60",
"thợ cắt SL 10", "+ Kỹ sư: 5": `_bare_count`); table cells only in the tables of point 1.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractors import vocab
from extractors.fields.layout import NEEDS, LetterView, Line
from extractors.fields.needs_prose import (DECLINE, LEVEL_CHANGE, MAX_BARE_COUNT, NOT_COUNT_AFTER,
                                          NOT_COUNT_BEFORE, introduced_as_count)
from extractors.model import Table
from extractors.text.dates import find_date_spans
from extractors.text.normalize import fold, joined_lines, one_line
from schemas import Provenance

_WORDS = vocab.load("counts")             # extractors/vocab/counts.toml
_WORKFORCE = re.compile(r"\b(" + vocab.either(_WORDS["workforce"]) + r")\b")
_PAST = re.compile(r"\b(" + vocab.either(_WORDS["past"]) + r")\b")
_TRAINEES = re.compile(r"\b(" + vocab.either(_WORDS["trainees"]) + r")\b")
_RECRUIT = re.compile(vocab.either(_WORDS["recruit"]))
_DECLINE = DECLINE
_TOTAL = re.compile(r"\b(" + vocab.either(_WORDS["total"]) + r")\b")
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
_COUNT = re.compile(r"(?<![\w./,-])(\d{1,3}(?:[.,]\d{3})+|\d{1,5})"
                    r"(?:\s*(?:-|–|—|÷|den|toi)\s*(\d{1,3}(?:[.,]\d{3})+|\d{1,5}))?(?![\w%/]|[.,]\d)")
_COUNT_CELL = re.compile(r"^\s*(\d{1,3}(?:[.,]\d{3})+|\d{1,5})(?:\s*[-–÷]\s*(\d{1,5}))?\s*(?:nguoi|ld)?\s*$")
_PEOPLE_AFTER = re.compile(r"^\s*(?:\([^)]{0,40}\)\s*)?(?:\)\s*)?(?:"
                           + "|".join(sorted(map(re.escape, vocab.words(_WORDS["people"])), key=len, reverse=True))
                           + r")\b")
# a sentence ends at its full stop, and before the number of the next item ("... 20 người 2. Tiêu chuẩn ...")
_SENTENCE = re.compile(r"\S.*?(?:[.!?;](?=\s+\S)|(?=\s+(?:\d{1,2}|[a-zđ]|[ivxIVX]{1,4})[.)]\s+[A-ZĐÀ-Ỹ])|$)")


@dataclass(slots=True)
class Unaccounted:
    value: int
    snippet: str
    provenance: Provenance


def _int(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def unaccounted_counts(view: LetterView, needs_reading, letter_year: int | None) -> list[Unaccounted]:
    """Count-like numbers of the body that were neither read as needs or totals nor explained."""
    used_values = _used_prose_values(needs_reading)
    year_sums: dict[int | None, int] = {None: sum(n.quantity for n in needs_reading.needs)}
    for need in needs_reading.needs:
        year_sums[need.year] = year_sums.get(need.year, 0) + need.quantity
    used_snippets = [(v, fold(n.provenance.snippet or "")) for n in [*needs_reading.needs, *needs_reading.prose_needs]
                     if n.provenance is not None for v in (n.quantity, n.quantity_max) if v is not None]
    used_snippets += [(value, fold(snippet)) for _, value, snippet in getattr(needs_reading, "explained_values", ())]
    out: list[Unaccounted] = []
    needs_lines = {id(ln) for ln in view.section_lines(NEEDS)}
    other_sections = {id(ln) for key, sec in view.sections.items() if key != NEEDS for ln in sec.lines}
    # headings that stand alone (not run into their answer's first sentence: "1. Nhu cầu: Công ty cần ...")
    headings = {id(sec.heading) for sec in view.sections.values() if sec.heading is not None
                and not (sec.lines and not sec.lines[0].is_table and sec.lines[0].key
                         and sec.lines[0].key[:30] in sec.heading.key)}
    for sentence, lines in _sentences(view.body, headings):
        key = fold(sentence)
        lower = sentence.lower() if len(sentence) == len(key) else ""
        if _DECLINE.search(key):
            continue
        in_needs = any(id(ln) in needs_lines for ln in lines)
        if not in_needs and any(id(ln) in other_sections for ln in lines) and "tuyen" not in key:
            continue                       # criteria, offers, proposals: counts there are not needs
        dates = [(start, end) for _, start, end in find_date_spans(sentence)]
        for m in _COUNT.finditer(key):
            if not _PEOPLE_AFTER.match(key[m.end():]) and not (in_needs and _bare_count(key, m)):
                continue
            if any(start <= m.start() < end for start, end in dates):
                continue                   # the year of a date ("ngày 07 tháng 4 năm 2023" over "NGƯỜI KÝ")
            value = _int(m.group(1))
            high = _int(m.group(2)) if m.group(2) else None
            if 2000 <= value <= 2100 and high is None and re.search(r"\b(?:nam|year)\s*$", key[:m.start()]):
                continue                   # "Năm 2023 Thợ hàn ...": a heading's year run into its first item
            if value == 0 or _explained(key, m.start(), m.end(), letter_year, lower):
                continue
            if _TOTAL.search(key[:m.start()]) and value in year_sums.values():
                continue                   # "Tổng cộng năm 2023: 79 người" that the needs add up to
            blocks = {getattr(ln.block, "index", None) for ln in lines}
            if any((b, value) in used_values or (high is not None and (b, high) in used_values) for b in blocks):
                continue
            token = key[m.start():m.end() + 12]
            if any(value == v and token in s for v, s in used_snippets):
                continue                   # read from a sentence that began on an earlier line
            first = lines[0].block
            out.append(Unaccounted(value, one_line(sentence)[:200],
                                   Provenance(page=getattr(first, "page", None), block=getattr(first, "index", None),
                                              bbox=getattr(first, "bbox", None), snippet=one_line(sentence)[:300])))
    out.extend(_unaccounted_cells(view, needs_reading, needs_lines))
    return out


def _bare_count(key: str, m: re.Match) -> bool:
    """In point 1, a number with no word for people after it that may still count people ("+ Công nhân may: 120",
    "năm 2024 cần 60", "thợ cắt SL 10"): the readers take some of these shapes; whatever they did not take must
    not vanish. It stands after what introduces a count (needs_prose.introduced_as_count: a verb of need,
    "khoảng", "SL", a colon, a dash, a position), not after a noun it numbers ("ca 2", "dây chuyền 3"). Not a
    number written as no count is: a year, a telephone number, a number after a word that makes it none ("năm",
    "quý", "số", "lô") or before a unit that is no person ("5 năm", "8 giờ", "7 triệu", "10%"), an item's number
    ("2) ...", "1. ...") or a level ("bậc 3/7", excluded by the count pattern itself)."""
    text = m.group(0)
    if len(text) > 3 and text.startswith("0"):
        return False                                   # "0912 ...": a telephone number
    if all(g is None or re.fullmatch(r"20\d\d", g) for g in m.groups()):
        return False                                   # a year or a period ("Thời gian: 2024", "2024 - 2025")
    if _int(m.group(1)) > MAX_BARE_COUNT:
        return False                                   # "Phụ cấp: 500.000", "Mức lương: 7.000.000": money
    before = re.search(r"(\S+)\s*$", key[:m.start()])
    after = re.match(r"\s*([^\s.,;:()/]+)", key[m.end():])
    if before and (before.group(1).strip(":(") in NOT_COUNT_BEFORE or before.group(1).isdigit()):
        return False                                   # "năm 2024", "số 12"; "0912 345 678": a number's groups
    if after and (after.group(1) in NOT_COUNT_AFTER or after.group(1).startswith("%")):
        return False
    if re.match(r"\s*[.)]", key[m.end():]) and not key[:m.start()].strip(" -–+•*("):
        return False                                   # "1. ...", "2) ..." at the start: an item's number
    if re.match(r"\s*:", key[m.end():]):
        return False                                   # "Công nhân dây chuyền 1: 11 người": a label's number
    return introduced_as_count(key[:m.start()])        # "cần 60", "SL 10", ": 5", "thợ hàn 20"; not "ca 2"


def _used_prose_values(reading) -> set[tuple[int | None, int]]:
    """(block, value) of every count the readers used from running text: needs and totals, of the prose reading
    too when a table's needs were kept instead (the checks compare both)."""
    used: set[tuple[int | None, int]] = set()
    for need in [*reading.needs, *reading.prose_needs]:
        if need.provenance is not None and need.provenance.table is None:
            used.add((need.provenance.block, need.quantity))
            if need.quantity_max is not None:
                used.add((need.provenance.block, need.quantity_max))
    for total in reading.stated_totals:
        if total.provenance is not None and total.provenance.table is None:
            used.add((total.provenance.block, total.quantity.low))
    for block, value, *_ in getattr(reading, "explained_values", ()):
        used.add((block, value))
    return used


def _explained(key: str, start: int, end: int, letter_year: int | None, lower: str = "") -> bool:
    """Whether the sentence says the count at key[start:end] is something other than a need. `lower` is the
    sentence as written, lower-cased, at the same positions as the folded `key` ("có" is not "cơ")."""
    clause_start = max(key.rfind(sep, 0, start) for sep in (",", ";", ":", " va ", "(")) + 1
    before = key[clause_start:start]
    after = key[end:end + 40]
    if _WORKFORCE.search(before) or _PAST.search(before) or LEVEL_CHANGE.search(key[:start]):
        return True
    if lower and re.search(r"\bcó\b", lower[:start]) and not _RECRUIT.search(key[:start]):
        return True                        # "Công ty có khoảng 480 cán bộ, công nhân viên": what it has
    if _TRAINEES.search(after[:30]) or _TRAINEES.search(before):
        return True
    years = [int(y) for y in _YEAR.findall(key[clause_start:min(len(key), end + 40)])]
    if letter_year and years and all(y < letter_year for y in years):
        return True                        # last year's figures ("năm 2022 đã tuyển 412 người")
    return False


def _sentences(lines: list[Line], headings: set[int] = frozenset()) -> list[tuple[str, list[Line]]]:
    """Sentences of the body's running text, each with the lines it spans (PDF lines are joined back); a table
    or an answer's heading (`headings`: ids of its lines) ends a sentence ("1. Nhu cầu tuyển dụng" is not part
    of the sentence under it)."""
    out: list[tuple[str, list[Line]]] = []
    buffer, spans = "", []
    groups: list[list[Line]] = [[]]
    for ln in lines:
        if ln.is_table:
            groups.append([])
        elif id(ln) in headings:
            groups.append([ln])
            groups.append([])
        else:
            groups[-1].append(ln)
    for group in groups:
        buffer, spans = joined_lines((ln.text, ln) for ln in group)
        for m in _SENTENCE.finditer(buffer):
            covered = [ln for s, e, ln in spans if s < m.end() and e > m.start()]
            if covered:
                out.append((m.group(0), covered))
    return out


def _unaccounted_cells(view: LetterView, reading, needs_lines: set[int]) -> list[Unaccounted]:
    """Count-only cells of the tables of point 1 (and of the tables read as needs tables anywhere) that the
    table reader neither used nor explained."""
    out: list[Unaccounted] = []
    handled = getattr(reading, "cells_read", set())
    read_tables = getattr(reading, "tables_read", set())
    for ln in view.body:
        if not ln.is_table:
            continue
        table: Table = ln.block
        if table.index not in read_tables and id(ln) not in needs_lines:
            continue
        missed = []
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row):
                if c == 0 or not cell.origin or (table.index, r, c) in handled:
                    continue
                m = _COUNT_CELL.match(fold(cell.text))
                if m and _int(m.group(1)) > 0 and not (2000 <= _int(m.group(1)) <= 2100):
                    missed.append((r, c, _int(m.group(1))))
        if missed:
            r, c, value = missed[0]
            row_text = one_line(" | ".join(cell.text for cell in table.rows[r] if cell.origin and cell.text))
            out.append(Unaccounted(value, row_text[:200],
                                   Provenance(page=table.page, block=table.index, table=table.index, row=r, column=c,
                                              snippet=row_text[:300])))
    return out


def message(item: Unaccounted) -> str:
    """The officer's message (Vietnamese): the number and the sentence or row that holds it."""
    where = "dòng bảng" if item.provenance.table is not None else "câu"
    return (f"Số {item.value} trong {where} «{item.snippet}» chưa được ghi nhận là nhu cầu tuyển dụng "
            f"hay giải thích được; đề nghị kiểm tra.")
