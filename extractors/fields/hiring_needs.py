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
from extractors.fields.needs_prose import DECLINE, read_prose_needs
from extractors.fields.qualifications import implied_qualification, qualification_in
from extractors.model import Table
from extractors.text.language import has_vietnamese_letters, looks_english
from extractors.text.normalize import fold, one_line
from extractors.text.numbers import Quantity, parse_quantity
from schemas import FlagCode, HiringNeed, Provenance, Qualification
from schemas.extraction import MAX_YEAR, MIN_YEAR

TABLE_CONFIDENCE = 0.95
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
_QUARTER = re.compile(r"\b(?:quy|q|quarter)\s*\.?\s*(iv|iii|ii|i|[1-4])\b")
_COLUMNS = vocab.load("table_columns")
# "Tổng cộng", "Tổng", "Cộng" (alone: "Công nhân" folds to "cong nhan"), "Total".
_TOTAL = re.compile(r"^(" + vocab.either(_COLUMNS["totals"]["starts"]) + r")\b|^(?:"
                    + vocab.either(_COLUMNS["totals"]["alone"]) + r")\s*:?$")
# Column role -> its header words, in the order they are tried (extractors/vocab/table_columns.toml).
_ROLE_WORDS = tuple((role, vocab.words(words)) for role, words in _COLUMNS["roles"].items())
#: The roles this module reads a column by; the vocabulary names no other.
COLUMN_ROLES = frozenset({"stt", "total_col", "note", "qualification", "position", "quantity", "year"})
_HEADER_ROLES = COLUMN_ROLES - {"total_col"}          # a header row names one of these


@dataclass(slots=True)
class StatedTotal:
    year: int | None
    quantity: Quantity
    table: int
    provenance: Provenance


@dataclass(slots=True)
class NeedsReading:
    needs: list[HiringNeed] = field(default_factory=list)
    prose_needs: list[HiringNeed] = field(default_factory=list)
    stated_totals: list[StatedTotal] = field(default_factory=list)
    unparsed: list[Provenance] = field(default_factory=list)          # counts that could not be read
    invalid: list[tuple[FlagCode, Provenance]] = field(default_factory=list)  # (why, where): read but impossible
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
    tables += [ln.block for ln in view.body
               if ln.is_table and ln.block not in tables and id(ln.block) not in other_sections]
    captions = _caption_years(view)
    previous: _Layout | None = None
    for table in tables:
        layout = _layout(table) or (previous.continued(table) if previous else None)
        if layout is None:
            continue
        previous = layout
        _read_table(table, layout, captions.get(id(table), fallback_year), reading)
    reading.from_tables = bool(reading.needs)
    text_lines = [ln for ln in lines if not ln.is_table]
    reading.prose_needs, inferred, unreadable = read_prose_needs([(ln.text, ln) for ln in text_lines], fallback_year)
    reading.unparsed.extend(unreadable)
    reading.year_inferred = reading.year_inferred or inferred
    if not reading.from_tables:
        reading.needs = list(reading.prose_needs)
    section_text = fold(" ".join(ln.text for ln in text_lines))
    reading.declined = bool(DECLINE.search(section_text)) and not reading.needs
    return reading


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

@dataclass(slots=True)
class _Layout:
    header_rows: int
    roles: dict[int, str]                     # column -> stt/position/qualification/quantity/year/note/total_col
    year_cols: dict[int, int]                 # column -> year
    quarter_cols: dict[int, int]              # column -> year (of a quarter column)
    qual_cols: dict[int, str]                 # column -> qualification (years-as-rows tables)
    n_cols: int

    def continued(self, table: Table) -> _Layout | None:
        """The same layout for a table continued on the next page without its header."""
        if table.n_cols != self.n_cols or not table.rows:
            return None
        return _Layout(0, self.roles, self.year_cols, self.quarter_cols, self.qual_cols, self.n_cols)


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
    if any(_role(k) in _HEADER_ROLES for k in filled):
        return True
    years = [k for k in filled if re.fullmatch(r"((nam|year)\s*)?20\d\d", k)]
    quarters = [k for k in filled if _QUARTER.fullmatch(k)]
    quals = [k for k in filled if qualification_in(k) and len(k) < 30]
    return len(years) >= 2 or len(quarters) >= 2 or len(quals) >= 2


def _layout(table: Table) -> _Layout | None:
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
    for c, header in enumerate(headers):
        years = _YEAR.findall(header)
        if len(years) == 1:
            if _QUARTER.search(header):
                quarter_cols[c] = int(years[0])
            else:
                year_cols[c] = int(years[0])
            continue
        role = _role(header)
        if role:
            roles[c] = role
            continue
        qual = qualification_in(header)
        if qual:
            qual_cols[c] = qual
    has_quantity = bool(year_cols or quarter_cols or "quantity" in roles.values() or len(qual_cols) >= 2)
    has_what = bool({"position", "qualification"} & set(roles.values()) or len(qual_cols) >= 2)
    if not (has_quantity and has_what):
        return None
    return _Layout(n_header, roles, year_cols, quarter_cols, qual_cols, n_cols)


def _cell_text(text: str) -> str:
    """A cell's text on one line; of a bilingual cell ('Kế toán\\nAccountant') the Vietnamese part."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if len(lines) >= 2 and has_vietnamese_letters(lines[0]) and looks_english(lines[-1]):
        lines = [ln for ln in lines if not looks_english(ln)]
    return one_line(" ".join(lines))


def _read_table(table: Table, layout: _Layout, fallback_year: int | None, reading: NeedsReading) -> None:
    rows = table.rows
    col_of = {role: c for c, role in sorted(layout.roles.items(), reverse=True)}
    current_year: int | None = None
    for r in range(layout.header_rows, len(rows)):
        cells = [c.text for c in rows[r]] + [""] * (layout.n_cols - len(rows[r]))
        keys = [fold(c) for c in cells]
        non_empty = {k for k in keys if k}
        if not non_empty:
            continue
        # A row spanning the table that names a year ("Năm 2024") opens that year's rows.
        if len(non_empty) == 1 and _YEAR.search(next(iter(non_empty))) and len(next(iter(non_empty))) < 30:
            current_year = int(_YEAR.search(next(iter(non_empty))).group(1))
            continue
        label_cols = [col_of.get("stt"), col_of.get("position"), 0, 1]
        is_total = any(c is not None and c < len(keys) and _TOTAL.match(keys[c]) for c in label_cols)
        row_year = current_year
        bad_year = False
        if "year" in col_of:
            ym = _YEAR.search(keys[col_of["year"]])
            if ym:
                row_year = int(ym.group(1))
            elif re.search(r"\d", keys[col_of["year"]]):
                bad_year = True     # "2203", "23": a year was written but is not one; never fall back silently
        position = _cell_text(cells[col_of["position"]]) if "position" in col_of else None
        qual_text = cells[col_of["qualification"]] if "qualification" in col_of else ""
        qualification = qualification_in(qual_text) if qual_text else None
        if qualification is None and position:
            qualification = qualification_in(position) or implied_qualification(position)
        confidence = TABLE_CONFIDENCE * min(c.confidence for c in rows[r]) if rows[r] else TABLE_CONFIDENCE
        if qual_text.strip() and qualification_in(qual_text) is None and fold(qual_text) not in ("-", "khong yeu cau"):
            confidence = min(confidence, 0.7)  # a stated qualification we could not map

        def add(year: int | None, quantity: Quantity, col: int, qual: str | None = None) -> None:
            cell_box = rows[r][col].bbox if col < len(rows[r]) else None      # the value's own cell
            prov = Provenance(page=table.page, block=table.index, table=table.index, row=r, column=col,
                              snippet=one_line(" | ".join(c for c in cells if c))[:200], bbox=cell_box)
            if is_total:
                reading.stated_totals.append(StatedTotal(year, quantity, table.index, prov))
                return
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
            need = HiringNeed(year=year, position=position or None,
                              qualification=qual or qualification or Qualification.unspecified,
                              quantity=quantity.low, quantity_max=quantity.high, confidence=confidence,
                              provenance=prov)
            reading.needs.append(need)

        def quantity_at(col: int) -> Quantity | None:
            text = cells[col] if col < len(cells) else ""
            q = parse_quantity(text)
            if q is None and fold(text) and fold(text) not in ("-", "x", "0", "khong", "/"):
                if not is_total:
                    reading.unparsed.append(Provenance(page=table.page, table=table.index, row=r, column=col,
                                                       snippet=one_line(text)[:200]))
            return q

        if layout.year_cols:
            for col, year in layout.year_cols.items():
                q = quantity_at(col)
                if q is not None:
                    add(year, q, col)
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
