"""Point 1: hiring needs, from tables (years as columns, as rows, by quarter, by qualification) and prose.

The extractor reports what the letter states; judging it (totals that don't add up, prose that disagrees with
the table, implausible counts) is the job of extractors/fields/checks.py, which gets the stated totals and the prose
reading alongside the needs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors import vocab
from extractors.fields.layout import NEEDS, LetterView
from extractors.fields.needs_prose import ANY_KIND, DECLINE, read_prose_needs
from extractors.fields.qualifications import implied_qualification, qualification_in
from extractors.model import Table
from extractors.text.language import has_vietnamese_letters, looks_english
from extractors.text.normalize import fold, one_line
from extractors.text.numbers import Quantity, parse_quantity
from schemas import FlagCode, HiringNeed, Provenance, Qualification
from schemas.extraction import MAX_QUANTITY, MAX_YEAR, MIN_YEAR

TABLE_CONFIDENCE = 0.95
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
_QUARTER = re.compile(r"\b(?:quy|q|quarter)\s*\.?\s*(iv|iii|ii|i|[1-4])\b")
_COLUMNS = vocab.load("table_columns")
# "Tổng cộng", "Tổng", "Cộng" (alone: "Công nhân" folds to "cong nhan"), "Total".
# "Cộng năm 2023", "Cộng quý I": an `alone` word followed by nothing but the period it totals.
_TOTAL = re.compile(r"^(" + vocab.either(_COLUMNS["totals"]["starts"]) + r")\b|^(?:"
                    + vocab.either(_COLUMNS["totals"]["alone"]) + r")\s*:?\s*(?:(?:nam|year|quy|q)\s*\.?\s*)?"
                    r"(?:20\d\d|iv|iii|ii|i|[1-4])?(?:\s*[/-]\s*20\d\d)?\s*:?$")
# Column role -> its header words, in the order they are tried (extractors/vocab/table_columns.toml).
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
    section_found: bool = False
    year_inferred: bool = False


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
    captions = _caption_years(view)
    previous: _Layout | None = None
    sums: _Sums | None = None
    for table in tables:
        own = _layout(table, letter_year)
        layout = own or (previous.continued(table) if previous else None)
        if layout is None:
            continue
        # A table continued over pages (its header repeated or not) is one table for its totals: the same
        # columns, and no total row closed the previous piece.
        if sums is None or previous is None or sums.closed or not layout.same_columns(previous):
            sums = _Sums(table.index)
        previous = layout
        reading.tables_read.add(table.index)
        _read_table(table, layout, captions.get(id(table), fallback_year), reading, sums)
    reading.from_tables = bool(reading.needs)
    text_lines = [ln for ln in lines if not ln.is_table]
    totals: list[HiringNeed] = []
    reading.prose_needs, inferred, unreadable = read_prose_needs([(ln.text, ln) for ln in text_lines], fallback_year,
                                                                 totals=totals, doubts=reading.doubts)
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
    reading.declined = bool(DECLINE.search(section_text)) and not reading.needs
    return reading


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
        if prose.year in by_year and (prose.quantity == by_year[prose.year] or not key or ANY_KIND.search(key)):
            _prose_total(reading, prose)
        elif key and any(p and (p == key or p in key or key in p) for p in table_positions):
            continue
        elif not key or ANY_KIND.search(key):
            _prose_total(reading, prose)
        else:
            reading.needs.append(prose)


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
_PART = re.compile("|".join(_COLUMNS["columns"]["part_patterns"]))
# The number of a group row: "I", "II", "A", "B" where the rows of the group are numbered 1, 2, 3.
_GROUP_NUMBER = re.compile(r"^(?:[ivx]{1,4}|[a-h])\.?$")
_NO_COUNT = {"", *vocab.words(_COLUMNS["columns"]["no_count"])}


@dataclass(slots=True)
class _Layout:
    header_rows: int
    roles: dict[int, str]                     # column -> stt/position/qualification/quantity/year/note/total_col
    year_cols: dict[int, int]                 # column -> year
    quarter_cols: dict[int, int]              # column -> year (of a quarter, half-year or month column)
    qual_cols: dict[int, str]                 # column -> qualification (years-as-rows tables)
    n_cols: int
    explained_cols: set[int] = field(default_factory=set)   # current staff, past years: never needs
    year_col_quals: dict[int, str] = field(default_factory=dict)  # a year's column per qualification

    def continued(self, table: Table) -> _Layout | None:
        """The same layout for a table continued on the next page without its header."""
        if table.n_cols != self.n_cols or not table.rows:
            return None
        return _Layout(0, self.roles, self.year_cols, self.quarter_cols, self.qual_cols, self.n_cols,
                       self.explained_cols, self.year_col_quals)

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


def _layout(table: Table, letter_year: int | None = None) -> _Layout | None:
    rows = table.texts()
    if len(rows) < 2:
        return None
    n_header = 0
    while n_header < min(4, len(rows) - 1) and _is_header_row(rows[n_header], n_header):
        n_header += 1
    if n_header == 0:
        return None
    n_cols = table.n_cols
    headers = []
    for c in range(n_cols):
        parts: list[str] = []
        for r in range(n_header):
            text = rows[r][c] if c < len(rows[r]) else ""
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        headers.append(fold(" ".join(parts)))
    roles: dict[int, str] = {}
    year_cols: dict[int, int] = {}
    quarter_cols: dict[int, int] = {}
    qual_cols: dict[int, str] = {}
    explained: set[int] = set()
    for c, header in enumerate(headers):
        years = _YEAR.findall(header)
        if _CURRENT.search(header):
            explained.add(c)                  # "Hiện có (31/12/2022)", "Đã tuyển năm 2022": not needs
            continue
        if len(years) == 1:
            year = int(years[0])
            if letter_year and year < letter_year:
                explained.add(c)              # last year's figures beside this year's needs
            elif _QUARTER.search(header) or _PART.search(header):
                quarter_cols[c] = year
            else:
                year_cols[c] = year
            continue
        role = _role(header)
        if role:
            roles[c] = role
            continue
        qual = qualification_in(header)
        if qual:
            qual_cols[c] = qual
    # Parts of a year only add up when the year has several: a lone "Quý IV/2023" column is the year's count.
    has_quantity = bool(year_cols or quarter_cols or "quantity" in roles.values() or len(qual_cols) >= 2)
    has_what = bool({"position", "qualification"} & set(roles.values()) or len(qual_cols) >= 2)
    if not (has_quantity and has_what):
        return None
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
    return _Layout(n_header, roles, year_cols, quarter_cols, qual_cols, n_cols, explained, col_quals)


def _cell_text(text: str) -> str:
    """A cell's text on one line; of a bilingual cell ('Kế toán\\nAccountant') the Vietnamese part."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if len(lines) >= 2 and has_vietnamese_letters(lines[0]) and looks_english(lines[-1]):
        lines = [ln for ln in lines if not looks_english(ln)]
    return one_line(" ".join(lines))


def _read_table(table: Table, layout: _Layout, fallback_year: int | None, reading: NeedsReading,
                sums: _Sums) -> None:
    rows = table.rows
    col_of = {role: c for c, role in sorted(layout.roles.items(), reverse=True)}
    count_cols = layout.count_cols()
    # every cell of an understood column is accounted for here (used, explained, or flagged); the net looks
    # at the others
    understood = {*layout.roles, *layout.year_cols, *layout.quarter_cols, *layout.qual_cols, *layout.explained_cols}
    for r in range(len(rows)):
        for c in range(len(rows[r])):
            if r < layout.header_rows or c in understood:
                reading.cells_read.add((table.index, r, c))
    text_free = {*layout.year_cols, *layout.quarter_cols, *layout.qual_cols, *layout.explained_cols}
    current_year: int | None = None
    label_cols = [col_of.get("stt"), col_of.get("position"), 0, 1]
    parts_of_year: dict[tuple, HiringNeed] = {}         # (year, position, qualification) -> its need, summed

    def prov_at(r: int, col: int, cells: list[str]) -> Provenance:
        cell_box = rows[r][col].bbox if col < len(rows[r]) else None      # the value's own cell
        return Provenance(page=table.page, block=table.index, table=sums.table, row=r, column=col,
                          snippet=one_line(" | ".join(c for c in cells if c))[:200], bbox=cell_box)

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
        is_total = any(c is not None and c < len(keys) and _TOTAL.match(keys[c]) for c in label_cols)
        # the year a total row of a years-as-rows table totals ("Cộng năm 2023"); None: the whole table's total
        total_year = None
        if is_total and not layout.year_cols:
            named = {int(y) for c in label_cols if c is not None and c < len(keys) and _TOTAL.match(keys[c])
                     for y in _YEAR.findall(keys[c])}
            if "year" in col_of:
                named |= {int(y) for y in _YEAR.findall(keys[col_of["year"]])}
            total_year = named.pop() if len(named) == 1 else None
        stt = keys[col_of["stt"]] if "stt" in col_of else ""
        is_group = not is_total and bool(_GROUP_NUMBER.match(stt)) and any(
            _GROUP_NUMBER.match(k) is None and re.fullmatch(r"\d{1,3}\.?", k)
            for k in (fold(row[col_of["stt"]].text) for row in rows[r + 1:] if col_of["stt"] < len(row)))
        row_year = current_year
        bad_year = False
        row_is_part = False           # the row's period is a part of its year ("Quý I/2023"): summed into it
        if "year" in col_of:
            ym = _YEAR.search(keys[col_of["year"]])
            if ym:
                row_year = int(ym.group(1))
                row_is_part = bool(_QUARTER.search(keys[col_of["year"]]) or _PART.search(keys[col_of["year"]]))
            elif re.search(r"\d", keys[col_of["year"]]):
                bad_year = True     # "2203", "23": a year was written but is not one; never fall back silently
        position = _cell_text(cells[col_of["position"]]) if "position" in col_of else None
        qual_text = cells[col_of["qualification"]] if "qualification" in col_of else ""
        qualification = qualification_in(qual_text) if qual_text else None
        if qualification is None and position:
            qualification = qualification_in(position) or implied_qualification(position)
        if qualification is None:
            # a requirement or notes column may state it ("Tốt nghiệp đại học, 2 năm kinh nghiệm")
            for c in range(min(len(cells), layout.n_cols)):
                if cells[c] and layout.roles.get(c) in (None, "note") and c not in text_free:
                    qualification = qualification_in(cells[c])
                    if qualification:
                        break
        confidence = TABLE_CONFIDENCE * min(c.confidence for c in rows[r]) if rows[r] else TABLE_CONFIDENCE
        if qual_text.strip() and qualification_in(qual_text) is None and fold(qual_text) not in ("-", "khong yeu cau"):
            confidence = min(confidence, 0.7)  # a stated qualification we could not map

        if is_total or is_group:
            if is_group:
                close_group()
            label = position or (cells[col_of["position"]] if "position" in col_of else "")
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
                    expected, year = sums.columns.get(col, 0), layout.year_cols.get(col) or layout.quarter_cols.get(col)
                reading.stated_totals.append(StatedTotal(year, q, sums.table, prov, expected=expected,
                                                         label=one_line(label if total_year is not None else
                                                                        headers_of(table, layout, col))))
            if is_group:
                sums.group = {}
            elif total_year is None:
                close_group()
                sums.closed = True
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
                              quantity=quantity.low, quantity_max=quantity.high, confidence=confidence,
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
            if q is None and fold(text).strip(" .") not in _NO_COUNT:
                reading.unparsed.append(Provenance(page=table.page, table=table.index, row=r, column=col,
                                                   snippet=one_line(text)[:200]))
            if q is not None:
                # what each column and the row add up to, for the total rows and columns
                sums.columns[col] = sums.columns.get(col, 0) + q.low
                if sums.group is not None:
                    sums.group[col] = sums.group.get(col, 0) + q.low
                row_sum += q.low
            return q

        if layout.year_cols:
            for col, year in layout.year_cols.items():
                q = quantity_at(col)
                if q is not None:
                    add(year, q, col, layout.year_col_quals.get(col))
        if layout.quarter_cols:
            by_year: dict[int, list[tuple[int, Quantity]]] = {}
            for col, year in layout.quarter_cols.items():
                q = quantity_at(col)
                if q is not None:
                    by_year.setdefault(year, []).append((col, q))
            for year, parts in by_year.items():
                low = sum(q.low for _, q in parts)
                high = sum(q.high if q.high is not None else q.low for _, q in parts)
                add(year, Quantity(low, high if high != low else None), parts[0][0])
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
    close_group()


def headers_of(table: Table, layout: _Layout, col: int) -> str:
    """The header text of a column, its rows joined."""
    parts: list[str] = []
    for r in range(layout.header_rows):
        if col < len(table.rows[r]):
            text = table.rows[r][col].text
            if text and (not parts or parts[-1] != text):
                parts.append(text)
    return " ".join(parts)
