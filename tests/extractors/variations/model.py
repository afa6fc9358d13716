"""A small model of a reply letter, the level at which the variation harness rewrites letters.

A `Letter` is what a letter says, arranged: letterhead, introduction, the answers to the Board's five questions
(`Section`, each knowing which question it answers), closing, signature and annexes. Blocks are paragraphs,
lists of items and tables; the needs table is kept by meaning (`NeedsTable`: positions, levels and a count per
period), so that its layout (years as columns or rows, quarters, merged headers, a notes column) is a choice of
the renderer and a rewriting can change it without touching a count.

`from_spec` reads the `LetterSpec`s of sample_docs/ (tests/support/samples.py) into this model; render.py
turns a `Letter` into DOCX (python-docx) or PDF (reportlab).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

#: A period of a needs table: (year, kind, index); kind "Y" (the year, index 0), "Q" (quarter 1-4), "H" (half 1-2)
Period = tuple[int, str, int]

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


@dataclass(frozen=True)
class Para:
    text: str
    english: bool = False               # a translation of the paragraph before it (rendered in italics)
    bold: bool = False


@dataclass(frozen=True)
class Items:
    """A list of items; `marker` says how the letter sets them out ("-", "•", "+", "(i)", "a)", "(1)")."""
    items: tuple[str, ...]              # without their final ";" or "."
    marker: str = "-"
    english: tuple[str, ...] = ()       # a translation after each item, when the letter is bilingual


@dataclass(frozen=True)
class Grid:
    """A table as cells (header rows included); merges are (row0, col0, row1, col1), inclusive."""
    rows: tuple[tuple[str, ...], ...]
    merges: tuple[tuple[int, int, int, int], ...] = ()


@dataclass(frozen=True)
class NeedRow:
    position: str
    level: str
    counts: tuple[tuple[Period, str], ...]   # the cell text of each period the row states ("1.200", "50 - 70", "-")
    note: str = ""
    group: str = ""                     # the group of positions it belongs to, set out as a row without counts

    def count(self, period: Period) -> str | None:
        return dict(self.counts).get(period)


@dataclass(frozen=True)
class NeedsTable:
    rows: tuple[NeedRow, ...]
    periods: tuple[Period, ...]
    total: tuple[tuple[Period, str], ...] | None = None   # the letter's total row as written (it may be wrong)
    layout: str = "columns"             # "columns": a column per period; "rows": a row per (period, position)
    merged_header: bool = False         # a group cell over the period columns (the year over its quarters)
    notes: bool = False                 # a "Ghi chú" column
    merge_years: bool = False           # layout "rows": the year written once, in a cell merged down its rows
    order: tuple[str, ...] = ("stt", "position", "level", "periods")
    labels: tuple[tuple[str, str], ...] = (("stt", "STT"), ("position", "Vị trí"), ("level", "Trình độ"),
                                           ("year", "Năm"), ("quantity", "Số lượng"), ("notes", "Ghi chú"))
    group_label: str = "Nhu cầu tuyển dụng (người)"
    total_label: str = "Tổng cộng"

    def label(self, role: str) -> str:
        return dict(self.labels)[role]


Block = Para | Items | Grid | NeedsTable


@dataclass(frozen=True)
class Section:
    point: int                          # which of the Board's five questions it answers (1-5)
    heading: str                        # without its number
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Annex:
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Letter:
    company_upper: str
    number: str
    subject: str
    place_date: str
    intro: tuple[Block, ...]
    sections: tuple[Section, ...]
    closing: tuple[Block, ...]          # "Trân trọng./." and whatever follows it before the signature
    title: str | None = None            # "GIẤY MỜI": a document that is not a numbered reply
    letterhead: tuple[str, ...] = ()    # lines under the company's name in the letterhead
    letterhead_above: tuple[str, ...] = ()  # lines above it (an English name, a parent company)
    recipient: str = "Kính gửi: Ban Quản lý Khu kinh tế Hải Phòng"
    numbering: str = "arabic"           # how the answers are numbered: see render.number_label
    word_numbering: bool = False        # DOCX: the numbers made by Word's list numbering, not typed
    run_in: bool = False                # no heading lines: each answer opens with "Về <heading>: ..."
    annexes: tuple[Annex, ...] = ()
    signer_title: str = "GIÁM ĐỐC"
    signer: str = "Nguyễn Văn An"


# -- reading the sample specs (tests/support/samples.py) -----------------------------------------------------------

_HEADING = re.compile(r"^(\d+|[IVX]+)\.\s+(.+)$")


def from_spec(spec) -> Letter:  # noqa: ANN001 (a tests.support.letters.LetterSpec)
    """The model of a sample letter: its numbered headings open sections (the samples answer the five questions in
    their order), "Trân trọng" opens the closing."""
    from tests.support.letters import TableSpec

    intro: list[Block] = []
    sections: list[Section] = []
    closing: list[Block] = []
    current: list[Block] | None = None
    heading = ""

    def close_section() -> None:
        if current is not None:
            sections.append(Section(point=len(sections) + 1, heading=heading, blocks=tuple(current)))

    target: list[Block] = intro
    for item in spec.body:
        if isinstance(item, str) and item.startswith("Trân trọng"):
            close_section()
            current = None
            target = closing
        if isinstance(item, str) and target is not closing and (m := _HEADING.match(item)):
            close_section()
            heading, current = m.group(2), []
            target = current
            continue
        if isinstance(item, TableSpec):
            block: Block = needs_table_from_grid(item.rows, item.merges) if target is current and not sections \
                else Grid(tuple(map(tuple, item.rows)), tuple(item.merges))
            target.append(block)
        elif isinstance(item, tuple):
            text = _strip_item(item[1])
            if target and isinstance(target[-1], Items):
                target[-1] = replace(target[-1], items=target[-1].items + (text,))
            else:
                target.append(Items((text,)))
        else:
            target.append(Para(str(item)))
    close_section()
    return Letter(company_upper=spec.company_upper, number=spec.number, subject=spec.subject,
                  place_date=spec.place_date, title=spec.title, intro=tuple(intro), sections=tuple(sections),
                  closing=tuple(closing), signer_title=spec.signer_title, signer=spec.signer)


def _strip_item(text: str) -> str:
    return text.rstrip().rstrip(";.").rstrip()


def _fold(text: str) -> str:
    return " ".join(text.lower().split())


def needs_table_from_grid(rows: list[list[str]], merges=()) -> NeedsTable:  # noqa: ANN001
    """A needs table read back from its cells: header rows until the first numbered row, each column's role from
    its header labels (merged cells spread over the columns they span)."""
    n_cols = max(len(r) for r in rows)
    grid = [list(r) + [""] * (n_cols - len(r)) for r in rows]
    n_head = next(i for i, r in enumerate(grid) if r[0].strip().isdigit())
    spread = [row[:] for row in grid[:n_head]]
    for r0, c0, r1, c1 in merges:
        for r in range(r0, min(r1, n_head - 1) + 1):
            for c in range(c0, c1 + 1):
                if r < n_head:
                    spread[r][c] = grid[r0][c0]
    roles: list[tuple[str, Period | None]] = []
    group_label = NeedsTable.group_label
    labels = dict(NeedsTable.labels)
    for c in range(n_cols):
        texts = [spread[r][c] for r in range(n_head)]
        joined = _fold(" ".join(dict.fromkeys(t for t in texts if t)))
        year = re.search(r"(20\d\d)", joined)
        quarter = re.search(r"quý\s+([ivx]+)\b", joined)
        if quarter and year:
            roles.append(("period", (int(year.group(1)), "Q", ROMAN.index(quarter.group(1).upper()) + 1)))
        elif year:
            roles.append(("period", (int(year.group(1)), "Y", 0)))
            if n_head > 1 and texts[0] and not re.search(r"20\d\d", texts[0]):
                group_label = texts[0]
        else:
            role = ("stt" if joined in ("tt", "stt") else "position" if ("vị trí" in joined or "chức danh" in joined)
                    else "level" if "trình độ" in joined else "year" if joined == "năm"
                    else "quantity" if "số lượng" in joined else "notes" if "ghi chú" in joined else None)
            assert role, f"needs table column without a known role: {texts}"
            roles.append((role, None))
            labels[role] = texts[0]
    col = {role: c for c, (role, _) in enumerate(roles) if role != "period"}
    period_cols = [(c, p) for c, (role, p) in enumerate(roles) if role == "period"]
    layout = "rows" if "year" in col else "columns"
    need_rows: dict[tuple[str, str], NeedRow] = {}
    total = None
    periods: list[Period] = []
    for r in grid[n_head:]:
        is_total = not r[col["stt"]].strip() and "tổng" in _fold(" ".join(r))
        if layout == "columns":
            counts = tuple((p, r[c]) for c, p in period_cols)
            periods = [p for _, p in period_cols]
        else:
            period = (int(r[col["year"]]), "Y", 0)
            counts = ((period, r[col["quantity"]]),)
            if period not in periods:
                periods.append(period)
        if is_total:
            total = counts
            continue
        key = (r[col["position"]], r[col["level"]])
        row = need_rows.get(key) or NeedRow(position=key[0], level=key[1], counts=(),
                                            note=r[col["notes"]] if "notes" in col else "")
        need_rows[key] = replace(row, counts=row.counts + counts)
    order = tuple(dict.fromkeys("periods" if role == "period" else role for role, _ in roles))
    return NeedsTable(rows=tuple(need_rows.values()), periods=tuple(periods), total=total, layout=layout,
                      merged_header=n_head > 1, notes="notes" in col, order=order,
                      labels=tuple(labels.items()), group_label=group_label)


# -- helpers shared by the rewritings -------------------------------------------------------------------------------

def parse_count(text: str) -> int | tuple[int, int] | None:
    """'1.200' -> 1200, '-' or '' -> 0, '50 - 70' -> (50, 70); None for anything else."""
    t = re.sub(r"\s*người$", "", text.strip())
    if t in ("", "-", "–", "0"):
        return 0
    m = re.fullmatch(r"(\d[\d.]*)\s*[-–]\s*(\d[\d.]*)", t)
    if m:
        return int(m.group(1).replace(".", "")), int(m.group(2).replace(".", ""))
    if re.fullmatch(r"\d{1,3}(\.\d{3})*|\d+", t):
        return int(t.replace(".", ""))
    return None


def format_count(n: int) -> str:
    """1200 -> '1.200' (the Vietnamese thousands dot); 0 -> '-' (an empty cell, as tables write it)."""
    return "-" if n == 0 else f"{n:,}".replace(",", ".")


def period_label(p: Period, *, short: bool = False) -> str:
    """'Năm 2023', 'Quý II/2023', '6 tháng đầu năm 2023'; short: without the year ('Quý II', '6 tháng đầu năm')."""
    year, kind, index = p
    if kind == "Y":
        return str(year) if short else f"Năm {year}"
    if kind == "Q":
        return f"Quý {ROMAN[index - 1]}" + ("" if short else f"/{year}")
    half = "6 tháng đầu năm" if index == 1 else "6 tháng cuối năm"
    return half if short else f"{half} {year}"


def with_sections(letter: Letter, sections) -> Letter:  # noqa: ANN001
    return replace(letter, sections=tuple(sections))


__all__ = ["Annex", "Block", "Grid", "Items", "Letter", "NeedRow", "NeedsTable", "Para", "Period", "Section",
           "format_count", "from_spec", "needs_table_from_grid", "parse_count", "period_label",
           "with_sections"]
