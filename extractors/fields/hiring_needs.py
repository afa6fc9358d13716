"""Point 1: hiring needs, from tables (years as columns, as rows, by quarter, by qualification) and prose.

The extractor reports what the letter states; judging it (totals that don't add up, prose that disagrees with
the table, implausible counts) is the job of extractors/fields/checks.py, which gets the stated totals and the prose
reading alongside the needs.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from extractors import vocab
from extractors.fields.layout import NEEDS, LetterView
from extractors.fields.needs_prose import (ANY_KIND, DECLINE, RATE_CONFIDENCE, RECRUIT,
                                          UNMAPPED_QUALIFICATION_CONFIDENCE, per_unit, read_prose_needs,
                                          states_a_level)
from extractors.fields.qualifications import implied_qualification, qualification_in, qualification_of_cell
from extractors.model import Cell, Table
from extractors.text.language import has_vietnamese_letters, looks_english
from extractors.text.normalize import fold, nfc, one_line
from extractors.text.numbers import Quantity, parse_int, parse_quantity
from schemas import FlagCode, HiringNeed, Provenance, Qualification
from schemas.extraction import MAX_QUANTITY, MAX_YEAR, MIN_YEAR

TABLE_CONFIDENCE = 0.95
PERIOD_CONFIDENCE = 0.5                      # a period's count under its first year (as needs_prose does)
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
_QUARTER = re.compile(r"\b(?:quy|q|quarter)\s*\.?\s*(iv|iii|ii|i|[1-4])\b")
_COLUMNS = vocab.load("table_columns")
# "Tổng cộng", "Tổng", "Cộng" (alone: "Công nhân" folds to "cong nhan"), "Total".
# "Cộng năm 2023", "Cộng quý I": an `alone` word followed by nothing but the period it totals.
_TOTAL = re.compile(r"^(" + vocab.either(_COLUMNS["totals"]["starts"]) + r")\b|^(?:"
                    + vocab.either(_COLUMNS["totals"]["alone"]) + r")\s*:?\s*(?:(?:nam|year|quy|q)\s*\.?\s*)?"
                    r"(?:20\d\d|iv|iii|ii|i|[1-4])?(?:\s*[/-]\s*20\d\d)?\s*:?$")
# Column role -> its header words, in the order they are tried (extractors/vocab/table_columns.toml).
_ACCENTED_TOTAL = tuple(w.lower() for w in _COLUMNS["totals"]["accented_starts"])
_NOT_ACCENTED_TOTAL = tuple(w.lower() for w in _COLUMNS["totals"]["not_accented"])
_BREAKDOWN = re.compile(r"^[-+*•\s]*(?:" + vocab.either(_COLUMNS["totals"]["breakdown"]) + r")\b")
_ROLE_WORDS = tuple((role, vocab.words(words)) for role, words in _COLUMNS["roles"].items())
#: The roles this module reads a column by; the vocabulary names no other.
COLUMN_ROLES = frozenset({"stt", "total_col", "note", "qualification", "position", "quantity", "year"})
_HEADER_ROLES = COLUMN_ROLES - {"total_col"}          # a header row names one of these


@dataclass(slots=True)
class StatedTotal:
    year: int | None
    quantity: Quantity
    table: int | None                     # None for a total stated in a sentence
    provenance: Provenance
    expected: int | None = None           # the sum of what it adds up, where the reader knows it (cells)
    label: str = ""                       # what it totals, for the officer ("cột 2023", "dòng Thợ hàn")


@dataclass(slots=True)
class NeedsReading:
    needs: list[HiringNeed] = field(default_factory=list)
    prose_needs: list[HiringNeed] = field(default_factory=list)
    stated_totals: list[StatedTotal] = field(default_factory=list)
    unparsed: list[Provenance] = field(default_factory=list)          # counts that could not be read
    invalid: list[tuple[FlagCode, Provenance]] = field(default_factory=list)  # (why, where): read but impossible
    doubts: list[tuple[str, Provenance]] = field(default_factory=list)   # (officer's message, where): kept, flagged
    cells_read: set[tuple[int, int, int]] = field(default_factory=set)  # (table, row, column) used or explained
    tables_read: set[int] = field(default_factory=set)
    from_tables: bool = False
    declined: bool = False
    table_declined: bool = False          # a needs table says in a count's cell that there is no need
    section_found: bool = False
    year_inferred: bool = False
    # (block, count, sentence) of counts read into a sum (parts of a year)
    explained_values: list[tuple[int | None, int, str]] = field(default_factory=list)


def extract_hiring_needs(view: LetterView, letter_year: int | None) -> NeedsReading:
    reading = NeedsReading()
    section = view.sections.get(NEEDS)
    reading.section_found = section is not None
    fallback_year = letter_year
    lines = section.lines if section else []
    # Tables: those of the needs section first, then any other table of the body (an annex "Phụ lục" after
    # the signature, a table before the first heading); only tables whose header reads as needs are used.
    tables = [ln.block for ln in lines if ln.is_table]
    other_sections = {id(ln.block) for key, sec in view.sections.items() if key != NEEDS for ln in sec.lines}
    # A form (STT | question | answer) was read cell by cell as the letter's answers: not a table of counts.
    other_sections |= {id(t) for t in (view.structure.forms if view.structure else [])}
    tables += [ln.block for ln in view.body
               if ln.is_table and ln.block not in tables and id(ln.block) not in other_sections]
    # Tables nested in a cell (a needs table in the answer column of a form, in a frame of the letterhead): read
    # when their header reads as needs, like any other table of the body.
    tables += [b for b in view.content.blocks if isinstance(b, Table) and b.depth > 0 and b not in tables]
    captions = _caption_years(view)
    workforce = _tables_under(view, lambda key: bool(_WORKFORCE_CAPTION.search(key)) and not RECRUIT.search(key))
    # "Nhu cầu tuyển dụng hằng quý như sau:" over a table: its counts are per quarter
    per_unit_tables = _tables_under(view, per_unit)
    previous: _Layout | None = None
    sums: _Sums | None = None
    for table in tables:
        own = _layout(table, letter_year)
        if own is not None and id(table) in workforce and not own.year_cols and not own.quarter_cols:
            # "Cơ cấu lao động hiện nay:" over "Trình độ | Số lượng": the workforce, every figure explained (a table
            # with columns of years is a plan, whatever its caption says)
            reading.tables_read.add(table.index)
            reading.cells_read.update((table.index, r, c) for r, row in enumerate(table.rows) for c in range(len(row)))
            previous = sums = None
            continue
        layout = own or (previous.continued(table) if previous else None)
        if layout is None:
            continue
        # A table continued over pages (its header repeated or not) is one table for its totals: the same
        # columns, and no total row closed the previous piece.
        if sums is None or previous is None or sums.closed or not layout.same_columns(previous):
            sums = _Sums(table.index)
        previous = layout
        reading.tables_read.add(table.index)
        _read_table(table, layout, layout.title_year or captions.get(id(table), fallback_year), reading, sums,
                    per_unit_caption=id(table) in per_unit_tables)
    text_lines = [ln for ln in lines if not ln.is_table]
    records = _key_value_table(text_lines)
    if records is not None:
        # "Vị trí: Thợ hàn" / "Số lượng: 20 người" / "Trình độ: Trung cấp" / "Thời gian: Quý II/2024": records of
        # named fields, read as the rows of a table whose header is their names
        table, used = records
        layout = _layout(table, letter_year, header_rows=1)
        if layout is not None:
            _read_table(table, layout, fallback_year, reading, _Sums(table.index))
            text_lines = [ln for ln in text_lines if id(ln) not in used]
            for ln in used.values():
                q = _RECORD_COUNT.search(ln.text)
                if q:
                    reading.explained_values.append((ln.block.index, parse_int(q.group(1)), ln.text))
    reading.from_tables = bool(reading.needs)
    totals: list[HiringNeed] = []
    heading_years = set(_YEAR.findall(section.heading.text)) if section and section.heading else set()
    reading.prose_needs, inferred, unreadable = read_prose_needs([(ln.text, ln) for ln in text_lines], fallback_year,
                                                                 totals=totals, doubts=reading.doubts,
                                                                 explained=reading.explained_values,
                                                                 heading_year=int(heading_years.pop())
                                                                 if len(heading_years) == 1 else None)
    reading.unparsed.extend(unreadable)
    reading.year_inferred = reading.year_inferred or inferred
    for total in totals:
        _prose_total(reading, total)
    if letter_year:
        # the Board asked for this year's needs and later ones: a count of an earlier year is what was done
        reading.prose_needs = [n for n in reading.prose_needs if n.year >= letter_year]
    if not reading.from_tables:
        reading.needs = list(reading.prose_needs)
    else:
        _prose_beside_tables(reading)
    # a decline in point 1, or anywhere in the body of a letter whose point 1 was not found
    declining = text_lines if section else [ln for ln in view.body if not ln.is_table]
    section_text = fold(" ".join(ln.text for ln in declining))
    reading.declined = bool(DECLINE.search(section_text) or reading.table_declined) and not reading.needs
    return reading


_RECORD_ITEM = re.compile(r"^\s*(?:[-–—•*+]\s*|\(?(?:\d{1,2}|[a-zđ])[.)]\s+)?")
_RECORD_PAIR = re.compile(r"^([^:;|]{2,40}?)\s*:\s*(\S.*)$")
_RECORD_COUNT = re.compile(r"(\d{1,3}(?:\.\d{3})+|\d{1,5})")
_RECORD_ROLES = ("position", "qualification", "quantity", "year", "note")


def _key_value_table(text_lines: list) -> tuple[Table, dict[int, object]] | None:
    """Lines (or parts of a line cut at ';') of the form "name: value" whose names are column names of a needs table
    ("Vị trí", "Số lượng", "Trình độ", "Thời gian"), as a table: a row per record, a record ending where a name
    comes again. None unless two names or more and a count's name are used and every record names a position."""
    pairs: list[tuple[str, str, str, object]] = []        # (role, name, value, line)
    for ln in text_lines:
        text = _RECORD_ITEM.sub("", ln.text, count=1)
        best: list = []
        for cut in (r"\s*[;|]\s*", r"\s*[,;|]\s*"):      # "Vị trí: Thợ hàn; Số lượng: 20", or with commas
            found = []
            for piece in (p for p in re.split(cut, text) if p.strip()):
                m = _RECORD_PAIR.match(piece.strip().rstrip(".;,"))
                role = _role(fold(m.group(1))) if m else None
                if role not in _RECORD_ROLES:
                    found = []
                    break
                found.append((role, m.group(1).strip(), m.group(2).strip().rstrip(".;,"), ln))
            if len(found) > len(best):
                best = found
        pairs.extend(best)
    records: list[dict[str, tuple[str, str, object]]] = []
    for role, name, value, ln in pairs:
        if not records or role in records[-1]:
            records.append({})
        records[-1][role] = (name, value, ln)
    roles = [r for r in _RECORD_ROLES if any(r in rec for rec in records)]
    if len(roles) < 2 or "quantity" not in roles or not all("position" in rec for rec in records):
        return None
    names = [next(rec[r][0] for rec in records if r in rec) for r in roles]
    rows = [names] + [[rec[r][1] if r in rec else "" for r in roles] for rec in records]
    used = {id(ln): ln for rec in records for _, _, ln in rec.values()}
    first = min((ln.block.index for ln in used.values()), default=0)
    return Table(rows=[[Cell(t) for t in row] for row in rows], index=first), used


def _prose_total(reading: NeedsReading, total: HiringNeed) -> None:
    """A total stated in a sentence: checked against the year's needs, never one more need."""
    reading.stated_totals.append(StatedTotal(total.year, Quantity(total.quantity, total.quantity_max), None,
                                             total.provenance, label="đoạn văn"))


def _prose_beside_tables(reading: NeedsReading) -> None:
    """Prose needs in a letter whose needs come from tables. A count equal to the table's sum for its year, or
    one that names no trade ("85 lao động", "120 công nhân các loại"), states the year's total: one fact,
    checked. One whose position the table also lists is compared with it (the checks). One whose position the
    table does not list is a need of its own ("100 công nhân may" above a table of office staff)."""
    by_year: dict[int, int] = {}
    for need in reading.needs:
        by_year[need.year] = by_year.get(need.year, 0) + need.quantity
    table_positions = [fold(n.position or "") for n in reading.needs if n.position]
    for prose in reading.prose_needs:
        key = fold(prose.position or "")
        if _period_total(prose, by_year):
            continue
        if prose.year in by_year and (prose.quantity == by_year[prose.year] or not key or ANY_KIND.search(key)):
            _prose_total(reading, prose)
        elif key and any(p and (p == key or p in key or key in p) for p in table_positions):
            continue
        elif not key or ANY_KIND.search(key):
            _prose_total(reading, prose)
        else:
            reading.needs.append(prose)


def _period_total(prose: HiringNeed, by_year: dict[int, int]) -> bool:
    """A count equal to what the tables add up to over several years from its own ("Giai đoạn 2023 - 2025 ... 270
    lao động" over a table of 110, 105 and 55): the period's total, the same fact, not one more need."""
    running = 0
    for year in sorted(y for y in by_year if y >= prose.year):
        running += by_year[year]
        if year > prose.year and running == prose.quantity and prose.quantity_max is None:
            return True
    return False


def _tables_under(view: LetterView, says: Callable[[str], bool]) -> set[int]:
    """Tables right under a short line (a caption) whose folded text `says` so: e.g. one that speaks of the
    workforce the enterprise has and not of recruiting ("a) Cơ cấu lao động hiện nay của Công ty:", "Tình hình lao
    động tính đến 31/12/2022")."""
    out: set[int] = set()
    caption = False
    for ln in view.body:
        if ln.is_table:
            if caption:
                out.add(id(ln.block))
            caption = False
        else:
            caption = len(ln.key) <= 120 and says(ln.key)
    return out


def _caption_years(view: LetterView) -> dict[int, int]:
    """Table -> the year named by the short line just before it ("a) Năm 2024:", "Kế hoạch năm 2025 như sau:").

    A table without years of its own takes its caption's year rather than the letter's.
    """
    captions: dict[int, int] = {}
    caption: int | None = None
    for ln in view.body:
        if ln.is_table:
            if caption is not None:
                captions[id(ln.block)] = caption
            caption = None
        elif len(ln.key) <= 120:
            years = set(_YEAR.findall(ln.key))
            names_a_year = len(years) == 1 and ("nam" in ln.key or "year" in ln.key)
            caption = int(years.pop()) if names_a_year else None
        else:
            caption = None
    return captions


# --- tables ----------------------------------------------------------------------------------------------

# A column that counts the workforce at a date, or what was done in the past, is never a need.
_CURRENT = re.compile(r"\b(" + vocab.either(_COLUMNS["columns"]["current"]) + r")\b|\d{1,2}/\d{1,2}/20\d\d")
# Parts of a year, summed into it: quarters, half-years ("6 tháng đầu năm 2023", "H1/2024"), months, rounds.
_WORKFORCE_CAPTION = re.compile(r"\b(" + vocab.either(_COLUMNS["captions"]["workforce"]) + r")\b")
_PART = re.compile("|".join(_COLUMNS["columns"]["part_patterns"]))
# The number of a group row: "I", "II", "A", "B" where the rows of the group are numbered 1, 2, 3.
_GROUP_NUMBER = re.compile(r"^(?:[ivx]{1,4}|[a-h])\.?$")
_DIGIT = re.compile(r"\d")
_NUMBER_ONLY = re.compile(r"^[\s\d.,\-–()/]*$")        # a count, a dash or nothing: no level
_NO_COUNT = {"", *vocab.words(_COLUMNS["columns"]["no_count"])}


@dataclass(slots=True)
class _Layout:
    header_rows: int
    roles: dict[int, str]                     # column -> stt/position/qualification/quantity/year/note/total_col
    year_cols: dict[int, int]                 # column -> year
    quarter_cols: dict[int, int | None]       # column -> year (of a quarter, half-year or month column; None: the
                                              # row's year, for parts of a need without years: "Nam | Nữ")
    qual_cols: dict[int, str]                 # column -> qualification (years-as-rows tables)
    n_cols: int
    explained_cols: set[int] = field(default_factory=set)   # current staff, past years: never needs
    year_col_quals: dict[int, str] = field(default_factory=dict)  # a year's column per qualification
    year_qual_src: dict[int, int] = field(default_factory=dict)   # year -> its own qualification column
    skipped_rows: frozenset[int] = frozenset()                    # title and column-number rows of the header
    title_year: int | None = None                                 # the one year a title row above the header names

    def continued(self, table: Table) -> _Layout | None:
        """The same layout for a table continued on the next page without its header."""
        if table.n_cols != self.n_cols or not table.rows:
            return None
        return _Layout(0, self.roles, self.year_cols, self.quarter_cols, self.qual_cols, self.n_cols,
                       self.explained_cols, self.year_col_quals, self.year_qual_src, title_year=self.title_year)

    def same_columns(self, other: _Layout) -> bool:
        return (self.n_cols, self.roles, self.year_cols, self.quarter_cols, self.qual_cols) == \
            (other.n_cols, other.roles, other.year_cols, other.quarter_cols, other.qual_cols)

    def count_cols(self) -> list[int]:
        cols = [*self.year_cols, *self.quarter_cols]
        if not cols:
            cols = [c for c, role in self.roles.items() if role == "quantity"][-1:] or list(self.qual_cols)
        return sorted(cols)


@dataclass(slots=True)
class _Sums:
    """What the rows of one (possibly continued) table add up to, for its total rows and columns."""
    table: int
    columns: dict[int, int] = field(default_factory=dict)           # column -> sum of the need cells
    group: dict[int, int] | None = None                              # column -> sum since the group row
    group_totals: list[tuple[int, Quantity, Provenance, str]] = field(default_factory=list)  # open subtotals
    years: dict[int, int] = field(default_factory=dict)              # year -> sum of its needs (years as rows)
    closed: bool = False                                             # a total row ended it
    section: dict[int, int] = field(default_factory=dict)           # column -> sum since the last total row
    section_rows: int = 0                                            # need rows since the last total row
    pending: list[tuple[int, Quantity, Provenance, str]] = field(default_factory=list)  # totals above their rows


def _role(header: str) -> str | None:
    key = re.sub(r"[()\[\]:*]", " ", header)
    key = " ".join(key.split())
    for role, words in _ROLE_WORDS:
        for w in words:
            if key == w or key.startswith(w + " ") or (len(w) > 4 and w in key):
                return role
    return None


def _is_header_row(cells: list[str], index: int) -> bool:
    keys = [fold(c) for c in cells]
    filled = [k for k in keys if k]
    if index > 0 and len(set(filled)) == 1:
        return False              # a row spanning the table ("Năm 2024") opens a group of rows
    if index > 0 and any(re.fullmatch(r"\d{1,3}(?:[.,]\d{3})*", k) and not _YEAR.fullmatch(k) for k in keys[1:]):
        return False              # a header holds no counts: "Bộ phận sản xuất | 40 | 6" is a row of data
    if any(_role(k) in _HEADER_ROLES for k in filled):
        return True
    years = [k for k in filled if re.fullmatch(r"((nam|year)\s*)?20\d\d", k)]
    quarters = [k for k in filled if _QUARTER.fullmatch(k)]
    quals = [k for k in filled if qualification_in(k) and len(k) < 30]
    return len(years) >= 2 or len(quarters) >= 2 or len(quals) >= 2


def _is_title_row(cells: list[str], n_cols: int) -> bool:
    """A row above the header that spans the whole table ("BẢNG NHU CẦU TUYỂN DỤNG 2023 - 2025"): its text,
    repeated across the merge or in the first cell only, names no column."""
    filled = [fold(c) for c in cells if fold(c)]
    return (n_cols >= 3 and len(set(filled)) == 1 and len(filled) in (1, n_cols) and bool(fold(cells[0]))
            and (len(filled[0]) > 25 or _role(filled[0]) is None))    # a merged "STT" alone is no title


_COLUMN_NUMBER = re.compile(r"^\(?(\d{1,2}|[a-z])\)?\.?$")


def _is_column_numbers(cells: list[str]) -> bool:
    """A row under the header that numbers the columns ("(1) | (2) | (3)", "A | B | 1 | 2"): no data. Each
    number one more than the number before it, each letter the next letter; a merged cell once."""
    keys: list[str] = []
    for c in cells:
        k = fold(c)
        if k and (not keys or keys[-1] != k):
            keys.append(k)
    if len(keys) < 3 or len([c for c in cells if c.strip()]) < len(cells) - 1:
        return False              # every column is numbered (a merged cell once); a row of data leaves cells empty
    tokens = []
    for k in keys:
        m = _COLUMN_NUMBER.match(k)
        if not m:
            return False
        tokens.append(m.group(1))
    digits = [int(t) for t in tokens if t.isdigit()]
    letters = [ord(t) for t in tokens if not t.isdigit()]
    return (all(b == a + 1 for a, b in zip(digits, digits[1:])) and all(b == a + 1 for a, b in zip(letters, letters[1:]))
            and len(digits) >= 2)


def _without_year(header: str) -> str:
    """A folded header without its year ("nam 2023 trinh do" -> "trinh do"): what else it names."""
    return " ".join(re.sub(r"\b(?:nam|year)\b|20\d\d|[/|]", " ", header).split())


def _layout(table: Table, letter_year: int | None = None, header_rows: int | None = None) -> _Layout | None:
    rows = table.texts()
    if len(rows) < 2:
        return None
    n_cols = table.n_cols
    skipped: set[int] = set()
    title_year: int | None = None
    first = 0
    while first < min(2, len(rows) - 2) and _is_title_row(rows[first], n_cols):
        years = set(_YEAR.findall(fold(rows[first][0])))
        title_year = int(years.pop()) if len(years) == 1 else title_year
        skipped.add(first)
        first += 1
    n_header = first
    while header_rows is None and n_header < min(first + 4, len(rows) - 1) and \
            _is_header_row(rows[n_header], n_header - first):
        n_header += 1
    if header_rows is not None:
        n_header = header_rows          # a table made of named fields: its header is the names
    if n_header == first:
        return None
    while n_header < len(rows) - 1 and _is_column_numbers(rows[n_header]):
        skipped.add(n_header)
        n_header += 1
    headers = []
    for c in range(n_cols):
        parts: list[str] = []
        for r in range(n_header):
            if r in skipped:
                continue
            text = rows[r][c] if c < len(rows[r]) else ""
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        headers.append(fold(" ".join(parts)))
    roles: dict[int, str] = {}
    year_cols: dict[int, int] = {}
    quarter_cols: dict[int, int | None] = {}
    qual_cols: dict[int, str] = {}
    explained: set[int] = set()
    year_qual_src: dict[int, int] = {}
    undated_parts: list[int] = []
    for c, header in enumerate(headers):
        years = set(_YEAR.findall(header))        # "Năm 2023 / Year 2023" names one year
        if _CURRENT.search(header):
            explained.add(c)                  # "Hiện có (31/12/2022)", "Đã tuyển năm 2022": not needs
            continue
        if len(years) == 1:
            year = int(next(iter(years)))
            # "Năm 2023" merged over "Số lượng | Trình độ": the year's count, and the year's qualification
            beside = _role(_without_year(header))
            if beside == "note" and _counts_only(rows[n_header:], c):
                beside = None           # "Năm 2025" and "Ghi chú" read as one header over a column of counts
            if beside in ("qualification", "note", "position", "stt"):
                if beside == "qualification" and year not in year_qual_src:
                    year_qual_src[year] = c
                else:
                    roles.setdefault(c, "note")
                continue
            if letter_year and year < letter_year:
                explained.add(c)              # last year's figures beside this year's needs
            elif _QUARTER.search(header) or _PART.search(header):
                quarter_cols[c] = year
            else:
                year_cols[c] = year
            continue
        if _QUARTER.search(header) or _PART.search(header):
            quarter_cols[c] = None            # "Quý I | Quý II" under a caption that names the year: the row's year
            undated_parts.append(c)
            continue
        role = _role(header)
        if role:
            roles[c] = role
            continue
        qual = qualification_in(header)
        if qual:
            qual_cols[c] = qual
    # A column whose every filled cell is a year holds the row's year, whatever its header says ("Nhu cầu tuyển
    # dụng" merged over "Năm | Số lượng" reads as a count over both): a year is never a count of people.
    for c, role in list(roles.items()):
        if role in ("quantity", "total_col", "note"):
            body = [fold(rows[r][c]) for r in range(n_header, len(rows)) if c < len(rows[r]) and rows[r][c].strip()]
            if body and all(_YEAR.fullmatch(k.strip()) for k in body):
                roles[c] = "year"
    # "Trình độ" merged over "Đại học | Cao đẳng | LĐPT": one column per qualification, not one qualification column
    named = {c: qualification_in(headers[c]) for c, role in roles.items() if role == "qualification"}
    if len(named) >= 2 and all(named.values()) and len(set(named.values())) == len(named):
        for c, qual in named.items():
            del roles[c]
            qual_cols[c] = qual
    # Parts of a year only add up when the year has several: a lone "Quý IV/2023" column is the year's count.
    dated_parts = {y for y in quarter_cols.values() if y is not None}
    if undated_parts and (dated_parts or year_cols):
        # parts without a year beside parts of a year ("Năm 2023" merged over "6 tháng đầu năm" only): the parts of
        # that one year; beside several years, whose parts they are is not known (their counts are flagged)
        for c in undated_parts:
            if len(dated_parts) == 1 and not year_cols:
                quarter_cols[c] = next(iter(dated_parts))
            else:
                del quarter_cols[c]
    if len([c for c, y in quarter_cols.items() if y is None]) == 1 and "quantity" in roles.values():
        # one part column beside the count ("Số lượng | Tháng 6"): when, not how many
        for c in [c for c, y in quarter_cols.items() if y is None]:
            del quarter_cols[c]
            roles.setdefault(c, "note")
    has_quantity = bool(year_cols or quarter_cols or "quantity" in roles.values() or len(qual_cols) >= 2)
    has_what = bool({"position", "qualification"} & set(roles.values()) or len(qual_cols) >= 2)
    if not (has_quantity and has_what):
        return None
    # Several count columns and no year: under one merged header ("Số lượng cần tuyển" over "Nam | Nữ") the parts
    # of one need, summed; otherwise which one is the need is not known: the first is read, the others are left to
    # the net (their counts flagged), never dropped unseen.
    counted = sorted(c for c, role in roles.items() if role == "quantity")
    if len(counted) >= 2 and not year_cols and not quarter_cols:
        heads = [r for r in range(n_header) if r not in skipped]
        top = {fold(rows[heads[0]][c]) for c in counted}
        below = [fold(rows[heads[-1]][c]) for c in counted]
        if len(heads) >= 2 and len(top) == 1 and len(set(below)) == len(below):
            for c in counted:
                del roles[c]
                quarter_cols[c] = None
        else:
            for c in counted[1:]:
                del roles[c]
    # Several count columns of one year: its parts (quarters whose label a scan garbled, "Nam | Nữ"), summed into
    # it; or, where each names a qualification ("Năm 2023" over "LĐPT | Trung cấp"), one column per qualification.
    # Never the whole year's need once per column.
    col_quals: dict[int, str] = {}
    by_year: dict[int, list[int]] = {}
    for c, year in year_cols.items():
        by_year.setdefault(year, []).append(c)
    for year, cols in by_year.items():
        if len(cols) < 2:
            continue
        quals = {c: qualification_in(_YEAR.sub(" ", headers[c])) for c in cols}
        if all(quals.values()) and len(set(quals.values())) == len(cols):
            col_quals.update(quals)
            continue
        for c in cols:
            del year_cols[c]
            quarter_cols[c] = year
    # "Năm 2023" over "Quý I | ... | Quý IV | Cộng": the year's own total beside its parts is no part of it
    for c, year in list(year_cols.items()):
        if year in quarter_cols.values() and _role(_without_year(headers[c])) == "total_col":
            del year_cols[c]
            explained.add(c)
    for year, c in list(year_qual_src.items()):
        if year not in year_cols.values() and year not in quarter_cols.values():
            del year_qual_src[year]
            roles.setdefault(c, "note")
    return _Layout(n_header, roles, year_cols, quarter_cols, qual_cols, n_cols, explained, col_quals, year_qual_src,
                   frozenset(skipped), title_year)


def _counts_only(rows: list[list[str]], c: int) -> bool:
    """The column's cells below the header hold counts or dashes and nothing else, and some hold a count."""
    cells = [row[c].strip() for row in rows if c < len(row) and row[c].strip()]
    return bool(cells) and all(_NUMBER_ONLY.match(t) for t in cells) and any(re.search(r"\d", t) for t in cells)


def _cell_text(text: str) -> str:
    """A cell's text on one line; of a bilingual cell ('Kế toán\\nAccountant') the Vietnamese part."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if len(lines) >= 2 and has_vietnamese_letters(lines[0]) and looks_english(lines[-1]):
        lines = [ln for ln in lines if not looks_english(ln)]
    text = one_line(" ".join(lines)).lstrip("-+•*– ")      # "- Công nhân" under its group
    if text.endswith(" /") and has_vietnamese_letters(text):
        text = text[:-2].rstrip()              # "Kỹ thuật viên /" whose English half was on the next line
    halves = [h.strip() for h in text.split(" / ")]      # "Kỹ thuật viên / Technician"
    if len(halves) == 2 and has_vietnamese_letters(halves[0]) and (not halves[1] or looks_english(halves[1])):
        return halves[0]
    return text


def _read_table(table: Table, layout: _Layout, fallback_year: int | None, reading: NeedsReading,
                sums: _Sums, per_unit_caption: bool = False) -> None:
    rows = table.rows
    col_of = {role: c for c, role in sorted(layout.roles.items(), reverse=True)}
    count_cols = layout.count_cols()
    # counts per month, quarter, shift ("Số lượng cần tuyển mỗi tháng", "Số người/ca", or the caption says so)
    per_unit_cols = {c for c in range(layout.n_cols)
                     if per_unit_caption or per_unit(fold(headers_of(table, layout, c)))}
    # every cell of an understood column is accounted for here (used, explained, or flagged); the net looks
    # at the others
    understood = {*layout.roles, *layout.year_cols, *layout.quarter_cols, *layout.qual_cols, *layout.explained_cols,
                  *layout.year_qual_src.values()}
    for r in range(len(rows)):
        for c in range(len(rows[r])):
            if r < layout.header_rows or c in understood:
                reading.cells_read.add((table.index, r, c))
    text_free = {*layout.year_cols, *layout.quarter_cols, *layout.qual_cols, *layout.explained_cols,
                 *layout.year_qual_src.values()}
    current_year: int | None = None
    year_above: int | None = None          # the last year read in the year column
    breakdown_open = False                # a "Trong đó" row was the last numbered row's
    label_cols = [col_of.get("stt"), col_of.get("position"), 0, 1, col_of.get("qualification")]
    parts_of_year: dict[tuple, HiringNeed] = {}         # (year, position, qualification) -> its need, summed
    # Columns without a role whose cells name qualifications in two rows or more (a header a scan garbled, "TĐ"
    # read "TP"): what they hold is a level, so a cell of theirs that names none is doubted, not dropped.
    # A notes column that names a level in some rows and other remarks in others is no such column.
    level_cols = set()
    for c in range(layout.n_cols):
        if c in layout.roles or c in text_free:
            continue
        said = [row[c].text for row in rows[layout.header_rows:]
                if c < len(row) and row[c].text.strip() and not _NUMBER_ONLY.match(row[c].text)]
        levels = sum(1 for t in said if qualification_of_cell(t))
        if levels >= 2 and 2 * levels > len(said):
            level_cols.add(c)

    # Rows with counts next to a row that holds text in the position or qualification column and no count at
    # all (neither a year's group row nor a total): that text may belong to either row.
    label_roles = [c for c, role in layout.roles.items() if role in ("position", "qualification")]
    counted = [*count_cols, *[c for c, role in layout.roles.items() if role == "total_col"]]

    def has_count(row: list) -> bool:
        return any(c < len(row) and _DIGIT.search(row[c].text) for c in counted)

    def text_only(row: list) -> bool:
        """A line of a wrapped cell: text in the position or qualification column, no count, no number of its
        own (a numbered row without counts heads a group), neither a year's group row nor 'Trong đó'."""
        texts = [fold(c.text) for c in row if c.text.strip()]
        stt = col_of.get("stt")
        if has_count(row) or not texts or (stt is not None and stt < len(row) and row[stt].text.strip()):
            return False
        if len(set(texts)) == 1 and _YEAR.search(texts[0]) or any(_BREAKDOWN.match(t) for t in texts):
            return False
        return any(c < len(row) and row[c].text.strip() and not re.match(r"[-+•*–\d]", row[c].text.strip())
                   for c in label_roles)
    loose_rows: set[int] = set()
    for r in range(layout.header_rows, len(rows)):
        if text_only(rows[r]):
            loose_rows.update(k for k in (r - 1, r + 1) if layout.header_rows <= k < len(rows) and has_count(rows[k]))

    def prov_at(r: int, col: int, cells: list[str]) -> Provenance:
        cell_box = rows[r][col].bbox if col < len(rows[r]) else None      # the value's own cell
        return Provenance(page=table.page, block=table.index, table=sums.table, row=r, column=col,
                          snippet=one_line(" | ".join(c for c in cells if c))[:200], bbox=cell_box)

    def flush_pending() -> None:
        """Totals stated above their rows, checked against the rows that followed them."""
        for col, quantity, prov, label in sums.pending:
            year = layout.year_cols.get(col) or layout.quarter_cols.get(col)
            reading.stated_totals.append(StatedTotal(year, quantity, sums.table, prov,
                                                     expected=sums.section.get(col, 0), label=label))
        if sums.pending:
            sums.section, sums.section_rows = {}, 0
        sums.pending = []

    def close_group() -> None:
        if sums.group is not None:
            for col, quantity, prov, label in sums.group_totals:
                reading.stated_totals.append(StatedTotal(layout.year_cols.get(col), quantity, sums.table, prov,
                                                         expected=sums.group.get(col, 0), label=label))
        sums.group, sums.group_totals = None, []

    for r in range(layout.header_rows, len(rows)):
        cells = [c.text for c in rows[r]] + [""] * (layout.n_cols - len(rows[r]))
        keys = [fold(c) for c in cells]
        non_empty = {k for k in keys if k}
        if not non_empty:
            continue
        # A row spanning the table that names a year ("Năm 2024") opens that year's rows.
        if len(non_empty) == 1 and _YEAR.search(next(iter(non_empty))) and len(next(iter(non_empty))) < 30:
            current_year = int(_YEAR.search(next(iter(non_empty))).group(1))
            close_group()
            continue
        is_total = any(c is not None and c < len(keys) and _is_total_label(cells[c]) for c in label_cols)
        if not is_total and any(c is not None and c < len(keys) and _BREAKDOWN.match(keys[c]) for c in label_cols):
            # "Trong đó: lao động nữ": part of the row above, never a need of its own
            reading.cells_read.update((table.index, r, c) for c in range(len(cells)))
            breakdown_open = True
            continue
        if not is_total and _unlabelled(keys, layout, count_cols):
            is_total = True       # counts under nothing that names them: the row adds up the rows above
        # the year a total row of a years-as-rows table totals ("Cộng năm 2023"); None: the whole table's total
        total_year = None
        if is_total and not layout.year_cols:
            named = {int(y) for c in label_cols if c is not None and c < len(keys) and _TOTAL.match(keys[c])
                     for y in _YEAR.findall(keys[c])}
            if "year" in col_of:
                named |= {int(y) for y in _YEAR.findall(keys[col_of["year"]])}
            total_year = named.pop() if len(named) == 1 else None
        stt = keys[col_of["stt"]] if "stt" in col_of else ""
        later = [fold(row[col_of["stt"]].text) for row in rows[r + 1:] if col_of["stt"] < len(row)] \
            if "stt" in col_of else []
        is_group = not is_total and "stt" in col_of and _numbering_level(cells[col_of["stt"]]) == 0 and any(
            _GROUP_NUMBER.match(k) is None and re.fullmatch(r"\d{1,3}\.?", k) for k in later)
        # "1 | Bộ phận sản xuất" over "1.1", "1.2", over "a", "b", or over "- Công nhân": a group of rows numbered
        # one level below its own number
        if not is_group and not is_total and "stt" in col_of and r + 1 < len(rows):
            own = _numbering_level(cells[col_of["stt"]])
            below = _child_level(rows[r + 1], col_of)
            is_group = own is not None and below is not None and below > own
        if not is_total and not is_group and breakdown_open and "stt" in col_of and not stt:
            # the rows under "Trong đó:" ("- Nữ | 150") break the row above down, until the next numbered row
            reading.cells_read.update((table.index, r, c) for c in range(len(cells)))
            continue
        breakdown_open = False
        row_year = current_year
        bad_year = False
        period_cell = False
        row_is_part = False           # the row's period is a part of its year ("Quý I/2023"): summed into it
        if "year" in col_of:
            ym = _YEAR.search(keys[col_of["year"]])
            if ym:
                row_year = year_above = int(ym.group(1))
                # "2024-2025": a period, dated by its first year, a guess an officer confirms
                period_cell = len(set(_YEAR.findall(keys[col_of["year"]]))) > 1
                row_is_part = bool(_QUARTER.search(keys[col_of["year"]]) or _PART.search(keys[col_of["year"]]))
            elif re.search(r"\d", keys[col_of["year"]]):
                bad_year = True     # "2203", "23": a year was written but is not one; never fall back silently
            elif row_year is None and not keys[col_of["year"]]:
                # an empty year cell under one that names a year: a cell merged down (a PDF draws it once); the
                # year above, still doubted below (the officer confirms)
                row_year = year_above
        position = _cell_text(cells[col_of["position"]]) if "position" in col_of else None
        qual_text = cells[col_of["qualification"]] if "qualification" in col_of else ""
        # "Kỹ sư" in the qualification column names the degree as a title does; "TC" alone there is trung cấp
        qualification = (qualification_of_cell(qual_text) or implied_qualification(qual_text)) if qual_text else None
        if qualification is None and position:
            qualification = qualification_in(position) or implied_qualification(position)
        if qualification is None:
            # a requirement or notes column may state it ("Tốt nghiệp đại học, 2 năm kinh nghiệm")
            for c in range(min(len(cells), layout.n_cols)):
                if cells[c] and layout.roles.get(c) in (None, "note") and c not in text_free:
                    qualification = qualification_of_cell(cells[c]) if c in level_cols else qualification_in(cells[c])
                    if qualification:
                        break
        confidence = TABLE_CONFIDENCE * min(c.confidence for c in rows[r]) if rows[r] else TABLE_CONFIDENCE
        if period_cell:
            confidence = min(confidence, PERIOD_CONFIDENCE)
        if qual_text.strip() and qualification is None and fold(qual_text).strip(" .") not in _NO_COUNT:
            # a stated qualification we could not map: the need is kept, its level shown to an officer
            confidence = min(confidence, UNMAPPED_QUALIFICATION_CONFIDENCE)
        if ("position" in col_of and not position) or ("year" in col_of and not keys[col_of["year"]]
                                                          and current_year is None) or r in loose_rows:
            # counts in a row whose position or year cell is empty (a cell merged down from the row above), or
            # beside a row of text without counts (a cell wrapped above and below its counts): what they are
            # for is not read for sure, they are shown to an officer
            confidence = min(confidence, UNMAPPED_QUALIFICATION_CONFIDENCE)
        if qualification is None and any(c < len(cells) and cells[c].strip() and not _NUMBER_ONLY.match(cells[c])
                                         and qualification_of_cell(cells[c]) is None for c in level_cols):
            # the level column known by its cells states something we could not map: likewise
            confidence = min(confidence, UNMAPPED_QUALIFICATION_CONFIDENCE)
        if qualification is None and any(states_a_level(cells[c]) for c in range(min(len(cells), layout.n_cols))
                                         if c not in text_free and not _NUMBER_ONLY.match(cells[c])):
            # "Thợ hàn có chứng chỉ nghề", a requirement "Thợ bậc 3/7": a level said in words none of ours maps
            confidence = min(confidence, UNMAPPED_QUALIFICATION_CONFIDENCE)

        if is_total or is_group:
            if is_group:
                close_group()
            elif total_year is None:
                flush_pending()
            label = position or (cells[col_of["position"]] if "position" in col_of else "")
            # a total above the rows it adds up ("Tổng số" first, then the breakdown): checked against them
            above = not is_group and total_year is None and not sums.columns
            for col in count_cols + [c for c, role in layout.roles.items() if role == "total_col"]:
                q = parse_quantity(cells[col]) if col < len(cells) else None
                if q is None:
                    continue
                prov = prov_at(r, col, cells)
                if is_group:
                    sums.group_totals.append((col, q, prov, one_line(label)))
                    continue
                if layout.roles.get(col) == "total_col":
                    expected, year = sum(sums.columns.values()), None
                elif total_year is not None:
                    # "Cộng năm 2023" in a table of a row per year: what that year's rows add up to
                    expected, year = sums.years.get(total_year, 0), total_year
                else:
                    year = layout.year_cols.get(col) or layout.quarter_cols.get(col)
                    if above:
                        sums.pending.append((col, q, prov, one_line(headers_of(table, layout, col))))
                        continue
                    # a subtotal adds up the rows since the total before it; a grand total all the rows
                    expected = sums.columns.get(col, 0)
                    if sums.section_rows and q.low == sums.section.get(col, 0):
                        expected = q.low
                reading.stated_totals.append(StatedTotal(year, q, sums.table, prov, expected=expected,
                                                         label=one_line(label if total_year is not None else
                                                                        headers_of(table, layout, col))))
            if is_group:
                sums.group = {}
            elif total_year is None:
                close_group()
                sums.closed = True
                sums.section, sums.section_rows = {}, 0
            continue

        row_sum = 0

        def add(year: int | None, quantity: Quantity, col: int, qual: str | None = None) -> None:
            nonlocal row_sum
            prov = prov_at(r, col, cells)
            if quantity.low == 0 and not quantity.high:
                return
            if bad_year:
                reading.invalid.append((FlagCode.year_out_of_range, prov))
                return
            if year is None:
                year = fallback_year
                reading.year_inferred = True
            if year is None:
                reading.unparsed.append(prov)
                return
            if quantity.high is not None and quantity.high < quantity.low:
                reading.invalid.append((FlagCode.invalid_range, prov))
                return
            if not MIN_YEAR <= year <= MAX_YEAR:
                reading.invalid.append((FlagCode.year_out_of_range, prov))
                return
            if max(quantity.low, quantity.high or 0) > MAX_QUANTITY:      # no count of people: not stored
                reading.invalid.append((FlagCode.implausible_quantity, prov))
                return
            need = HiringNeed(year=year, position=position or None,
                              qualification=qual or qualification or Qualification.unspecified,
                              quantity=quantity.low, quantity_max=quantity.high,
                              confidence=min(confidence, RATE_CONFIDENCE) if col in per_unit_cols else confidence,
                              provenance=prov)
            sums.years[year] = sums.years.get(year, 0) + quantity.low
            if row_is_part:
                # a row per quarter: the same position's rows of one year add up to its need for the year
                key = (year, fold(position or ""), need.qualification)
                earlier = parts_of_year.get(key)
                if earlier is not None:
                    high = (earlier.quantity_max or earlier.quantity) + (quantity.high or quantity.low)
                    earlier.quantity += quantity.low
                    earlier.quantity_max = high if high != earlier.quantity else None
                    earlier.confidence = min(earlier.confidence, need.confidence)
                    return
                parts_of_year[key] = need
            reading.needs.append(need)

        def quantity_at(col: int) -> Quantity | None:
            nonlocal row_sum
            text = cells[col] if col < len(cells) else ""
            q = parse_quantity(text)
            if q is not None and col < len(rows[r]) and not rows[r][col].origin:
                # a count merged over several rows or columns is stated once: read where the merge starts, and
                # whose it is (which row, which year) is for an officer to say
                reading.doubts.append((f"Số lượng {text.strip()} nằm trong ô gộp nhiều dòng/cột: không rõ thuộc "
                                       f"dòng hay năm nào", prov_at(r, col, cells)))
                return None
            if q is None and not re.search(r"\d", text) and DECLINE.search(fold(text)):
                # "Không có nhu cầu" (often merged across the row) where a count would stand: no need, said clearly
                reading.table_declined = True
            elif q is None and fold(text).strip(" .") not in _NO_COUNT:
                reading.unparsed.append(Provenance(page=table.page, table=table.index, row=r, column=col,
                                                   snippet=one_line(text)[:200]))
            if q is not None:
                # what each column and the row add up to, for the total rows and columns
                sums.columns[col] = sums.columns.get(col, 0) + q.low
                sums.section[col] = sums.section.get(col, 0) + q.low
                if sums.group is not None:
                    sums.group[col] = sums.group.get(col, 0) + q.low
                row_sum += q.low
            return q

        def year_qualification(year: int) -> str | None:
            """The qualification a year's own column states for this row ("Năm 2024" over "SL | Trình độ")."""
            src = layout.year_qual_src.get(year)
            return qualification_in(cells[src]) if src is not None and src < len(cells) and cells[src] else None

        if layout.year_cols:
            for col, year in layout.year_cols.items():
                q = quantity_at(col)
                if q is not None:
                    add(year, q, col, layout.year_col_quals.get(col) or year_qualification(year))
        if layout.quarter_cols:
            by_year: dict[int, list[tuple[int, Quantity]]] = {}
            for col, year in layout.quarter_cols.items():
                q = quantity_at(col)
                if q is not None:
                    by_year.setdefault(year, []).append((col, q))
            for year, parts in by_year.items():
                low = sum(q.low for _, q in parts)
                high = sum(q.high if q.high is not None else q.low for _, q in parts)
                add(year if year is not None else row_year, Quantity(low, high if high != low else None), parts[0][0])
        if not layout.year_cols and not layout.quarter_cols:
            if "quantity" in col_of:
                q = quantity_at(col_of["quantity"])
                if q is not None:
                    add(row_year, q, col_of["quantity"])
            elif layout.qual_cols:
                for col, qual in layout.qual_cols.items():
                    q = quantity_at(col)
                    if q is not None:
                        add(row_year, q, col, qual)
        # a total column beside the counts ("Tổng", "Cộng") states what this row adds up to
        for col, role in layout.roles.items():
            if role == "total_col" and col < len(cells):
                q = parse_quantity(cells[col])
                if q is not None and row_sum:
                    reading.stated_totals.append(StatedTotal(None, q, sums.table, prov_at(r, col, cells),
                                                             expected=row_sum, label=one_line(position or "")))
        if row_sum:
            sums.section_rows += 1
    close_group()
    flush_pending()


def _numbering_level(text: str) -> int | None:
    """How deep a row's number sits: I / A (0), 1 (1), 1.1 (2), a (3), a dash (4); None for no number."""
    t = text.strip()
    for level, pattern in enumerate((r"(?:[IVX]{1,4}|[A-H])[.)]?", r"\d{1,3}[.)]?", r"\d{1,3}\.\d{1,2}\.?",
                                     r"[a-hđ][.)]?", r"[-+•*–]")):
        if re.fullmatch(pattern, t):
            return level
    return None


def _child_level(row: list, col_of: dict[str, int]) -> int | None:
    """The numbering level of a row, by its number, or (without one) a dash before its position (4)."""
    stt = row[col_of["stt"]].text if col_of["stt"] < len(row) else ""
    if stt.strip():
        return _numbering_level(stt)
    position = row[col_of["position"]].text.strip() if "position" in col_of and col_of["position"] < len(row) else ""
    if _BREAKDOWN.match(fold(position)):
        return None                       # "- trong đó thợ điện": the row above broken down, not a group's row
    return 4 if re.match(r"[-+•*–]\s*\w", position) else None


def _is_total_label(text: str) -> bool:
    """'Tổng cộng', 'Cộng năm 2023', 'Total'; or, as written, 'Cộng khối sản xuất', 'Cộng (1+2+3)' (where the
    folded 'cong' would also be 'Công nhân')."""
    if _TOTAL.match(fold(text)):
        return True
    low = nfc(text).strip().lower()
    return low.startswith(_ACCENTED_TOTAL) and not low.startswith(_NOT_ACCENTED_TOTAL)


def _unlabelled(keys: list[str], layout: _Layout, count_cols: list[int]) -> bool:
    """A row of counts and nothing else: no number, position, qualification or note names what is counted."""
    counts = set(count_cols) | {c for c, role in layout.roles.items() if role == "total_col"}
    has_count = any(keys[c] for c in counts if c < len(keys))
    named = any(k for c, k in enumerate(keys) if c not in counts and c not in layout.explained_cols)
    return has_count and not named


def headers_of(table: Table, layout: _Layout, col: int) -> str:
    """The header text of a column, its rows joined."""
    parts: list[str] = []
    for r in range(layout.header_rows):
        if r not in layout.skipped_rows and col < len(table.rows[r]):
            text = table.rows[r][col].text
            if text and (not parts or parts[-1] != text):
                parts.append(text)
    return " ".join(parts)
