"""Rewritings of a letter that keep what it says: each is a pure function Letter -> Letter (model.py).

A rewriting that finds nothing to rewrite in a letter returns it unchanged (the harness then skips the pair).
They compose (`compose`), and a new kind of variation is one more function in REWRITES.
The words they bring in (headings, the Board's wording, frequencies) are this harness's own, written for it.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from tests.extractors.variations.english import ENGLISH, ENGLISH_NAMES
from tests.extractors.variations.model import (Annex, Block, Grid, Items, Letter, NeedsTable, Para, Period, Section,
                                               format_count, parse_count, period_label)

Rewrite = Callable[[Letter], Letter]


def compose(*rewrites: Rewrite) -> Rewrite:
    def composed(letter: Letter) -> Letter:
        for rewrite in rewrites:
            letter = rewrite(letter)
        return letter
    composed.__doc__ = " + ".join((r.__doc__ or r.__name__).split("\n")[0] for r in rewrites)
    return composed


def map_blocks(letter: Letter, fn: Callable[[Block, Section | None], Block | list[Block]]) -> Letter:
    """The letter with every block of its body (introduction, answers, closing, annexes) passed through fn."""
    def each(blocks, section):  # noqa: ANN001
        out: list[Block] = []
        for block in blocks:
            new = fn(block, section)
            out += new if isinstance(new, list) else [new]
        return tuple(out)
    return replace(letter, intro=each(letter.intro, None),
                   sections=tuple(replace(s, blocks=each(s.blocks, s)) for s in letter.sections),
                   closing=each(letter.closing, None),
                   annexes=tuple(replace(a, blocks=each(a.blocks, None)) for a in letter.annexes))


def map_needs_tables(letter: Letter, fn: Callable[[NeedsTable], NeedsTable]) -> Letter:
    return map_blocks(letter, lambda b, _s: fn(b) if isinstance(b, NeedsTable) else b)


# -- numbering of the answers ---------------------------------------------------------------------------------------

def _numbering(style: str) -> Rewrite:
    def rewrite(letter: Letter) -> Letter:
        return replace(letter, numbering=style) if letter.sections else letter
    rewrite.__doc__ = f"the answers numbered in the style {style!r}"
    return rewrite


def word_numbering(letter: Letter) -> Letter:
    """DOCX: the answers numbered by Word's list numbering (the number is not in the text); PDF: typed."""
    return replace(letter, word_numbering=True, numbering="arabic") if letter.sections else letter


def run_in_headings(letter: Letter) -> Letter:
    """no heading lines: each answer opens with "Về <heading>: ..." in its first paragraph"""
    return replace(letter, run_in=True) if letter.sections else letter


# -- headings -------------------------------------------------------------------------------------------------------

#: The Board's own wording of its five questions, as enterprises copy it into their replies (our rendering).
BOARD_WORDING = {
    1: "Nhu cầu tuyển dụng lao động năm 2023 và các năm tiếp theo (số lượng, vị trí việc làm, trình độ chuyên môn)",
    2: "Tiêu chuẩn, tiêu chí mà doanh nghiệp đặt ra đối với người lao động đã qua đào tạo",
    3: "Khả năng hợp tác, liên kết với các cơ sở giáo dục nghề nghiệp trong đào tạo (đào tạo theo đơn đặt hàng, "
       "cử chuyên gia, tiếp nhận học sinh, sinh viên thực tập)",
    4: "Việc đăng ký nhu cầu tuyển dụng lao động định kỳ hằng tuần, hằng tháng trên Cổng thông tin điện tử",
    5: "Các kiến nghị, đề xuất của doanh nghiệp",
}
PARAPHRASES = {
    1: "Kế hoạch bổ sung nhân sự của đơn vị",
    2: "Những yêu cầu Công ty đặt ra với người lao động",
    3: "Các hình thức Công ty có thể phối hợp cùng cơ sở giáo dục nghề nghiệp",
    4: "Việc cập nhật thông tin tuyển dụng lên cổng thông tin",
    5: "Ý kiến gửi Ban Quản lý",
}
ENGLISH_HEADINGS = {
    1: "Recruitment needs",
    2: "Requirements for trained workers",
    3: "Cooperation with training institutions",
    4: "Registration of recruitment needs",
    5: "Recommendations",
}


def _headings(source: dict[int, str], doc: str) -> Rewrite:
    def rewrite(letter: Letter) -> Letter:
        return replace(letter, sections=tuple(replace(s, heading=source[s.point]) for s in letter.sections))
    rewrite.__doc__ = doc
    return rewrite


def headings_ve(letter: Letter) -> Letter:
    """headings opened by "Về ..." (as prose letters head their answers)"""
    def ve(heading: str) -> str:
        return heading if heading.startswith("Về ") else f"Về {heading[0].lower()}{heading[1:]}"
    return replace(letter, sections=tuple(replace(s, heading=ve(s.heading)) for s in letter.sections))


def headings_bilingual(letter: Letter) -> Letter:
    """bilingual headings, "Vietnamese / English" """
    return replace(letter, sections=tuple(replace(s, heading=f"{s.heading} / {ENGLISH_HEADINGS[s.point]}")
                                          for s in letter.sections))


# -- order and grouping of the answers ------------------------------------------------------------------------------

def reorder(letter: Letter) -> Letter:
    """the answers in another order (criteria, cooperation, needs, proposals, registration), numbered as they come"""
    rank = {2: 0, 3: 1, 1: 2, 5: 3, 4: 4}
    return replace(letter, sections=tuple(sorted(letter.sections, key=lambda s: rank[s.point])))


def merge_points_4_5(letter: Letter) -> Letter:
    """the registration and the proposals answered together under one heading"""
    by_point = {s.point: s for s in letter.sections}
    if 4 not in by_point or 5 not in by_point:
        return letter
    four, five = by_point[4], by_point[5]
    merged = replace(four, heading=f"{four.heading} và {five.heading[0].lower()}{five.heading[1:]}",
                     blocks=four.blocks + five.blocks)
    return replace(letter, sections=tuple(merged if s is four else s for s in letter.sections if s is not five))


# -- items ----------------------------------------------------------------------------------------------------------

_ITEM_POINTS = (2, 3, 5)


def _split_paragraphs(letter: Letter, marker: str) -> Letter:
    """Lists set out with `marker`; a paragraph of an item answer that runs items together with ";" split."""
    def fn(block: Block, section: Section | None) -> Block:
        if section is None or section.point not in _ITEM_POINTS:
            return block
        if isinstance(block, Items):
            return replace(block, marker=marker)
        if isinstance(block, Para) and not block.english and "; " in block.text:
            return Items(tuple(p.strip().rstrip(".") for p in block.text.split("; ")), marker=marker)
        return block
    return map_blocks(letter, fn)


def _items(marker: str, doc: str) -> Rewrite:
    def rewrite(letter: Letter) -> Letter:
        return _split_paragraphs(letter, marker)
    rewrite.__doc__ = doc
    return rewrite


def items_joined(letter: Letter) -> Letter:
    """each list joined into one line, items separated by semicolons"""
    def fn(block: Block, _s: Section | None) -> Block:
        if isinstance(block, Items) and len(block.items) > 1 and not block.english:
            return Para("; ".join(block.items) + ".")
        return block
    return map_blocks(letter, fn)


def items_in_table(letter: Letter) -> Letter:
    """each list of criteria, offers or proposals set out as a two-column table (STT | Nội dung)"""
    def fn(block: Block, section: Section | None) -> Block:
        if isinstance(block, Items) and section is not None and section.point in _ITEM_POINTS:
            return Grid((("STT", "Nội dung"),) + tuple((str(i), text) for i, text in enumerate(block.items, 1)))
        return block
    return map_blocks(letter, fn)


# -- the needs table ------------------------------------------------------------------------------------------------

def needs_in_annex(letter: Letter) -> Letter:
    """the needs table moved to an annex after the signature, announced in point 1"""
    tables = [b for s in letter.sections if s.point == 1 for b in s.blocks if isinstance(b, NeedsTable)]
    if not tables:
        return letter

    def fn(block: Block, section: Section | None) -> Block:
        if isinstance(block, NeedsTable) and section is not None and section.point == 1:
            return Para("Nhu cầu tuyển dụng cụ thể theo từng vị trí được nêu tại Phụ lục kèm theo Công văn này.")
        return block
    moved = map_blocks(letter, fn)
    annex = Annex(f"PHỤ LỤC\nNHU CẦU TUYỂN DỤNG LAO ĐỘNG\n(Kèm theo Công văn số {letter.number})", tuple(tables))
    return replace(moved, annexes=moved.annexes + (annex,))


def _regroup(table: NeedsTable, kind: str) -> NeedsTable:
    """The table's counts over other periods of the same years: split a year evenly into its quarters or halves
    (a range falls in the first part), or sum parts into their year."""
    parts = {"Y": 1, "Q": 4, "H": 2}[kind]
    years = list(dict.fromkeys(p[0] for p in table.periods))
    periods: list[Period] = [(y, kind, i if kind != "Y" else 0) for y in years
                             for i in (range(1, parts + 1) if kind != "Y" else [0])]

    def regroup(counts: tuple[tuple[Period, str], ...]) -> tuple[tuple[Period, str], ...]:
        out: list[tuple[Period, str]] = []
        for y in years:
            in_year = [v for p, v in counts if p[0] == y]
            if not in_year:
                continue
            values = [parse_count(v) for v in in_year]
            assert all(v is not None for v in values), in_year
            ranges = [v for v in values if isinstance(v, tuple)]
            if ranges:                       # a range is not split: it stays whole in the first part
                assert len(in_year) == 1, in_year
                out += [((y, kind, i), in_year[0] if i in (0, 1) else "-")
                        for _, _, i in (p for p in periods if p[0] == y)]
                continue
            total = sum(values)
            shares = [total // parts + (1 if k < total % parts else 0) for k in range(parts)]
            out += [(p, format_count(share)) for p, share in zip((p for p in periods if p[0] == y), shares)]
        return tuple(out)

    return replace(table, periods=tuple(periods), rows=tuple(replace(r, counts=regroup(r.counts)) for r in table.rows),
                   total=regroup(table.total) if table.total else None, merged_header=kind != "Y" or
                   table.merged_header)


def quarters(letter: Letter) -> Letter:
    """counts by quarter under each year (a quarter table: by year)"""
    return map_needs_tables(letter, lambda t: _regroup(t, "Y" if t.periods[0][1] == "Q" else "Q"))


def halves(letter: Letter) -> Letter:
    """counts by half-year ("6 tháng đầu năm", "6 tháng cuối năm")"""
    return map_needs_tables(letter, lambda t: _regroup(t, "H"))


def _to_rows(t: NeedsTable) -> NeedsTable:
    """A row per (year, position): the period columns become a year column and a quantity column."""
    order = tuple(r for role in t.order for r in (("year",) if role == "periods" else (role,))) + ("quantity",)
    return replace(t, layout="rows", merged_header=False, order=order)


def years_as_rows(letter: Letter) -> Letter:
    """years as rows (a row per year and position) instead of columns, or the other way round"""
    def flip(t: NeedsTable) -> NeedsTable:
        if t.layout == "columns":
            return _to_rows(t)
        return replace(t, layout="columns", order=tuple(r for r in t.order if r not in ("year", "quantity"))
                       + ("periods",))
    return map_needs_tables(letter, flip)


def merged_header(letter: Letter) -> Letter:
    """a merged header cell over the year columns (or, where the letter has one, none)"""
    return map_needs_tables(letter, lambda t: t if t.layout == "rows" or t.periods[0][1] != "Y"
                            else replace(t, merged_header=not t.merged_header))


NOTES = ("Làm việc theo ca", "Ưu tiên người có kinh nghiệm", "", "Tuyển tại địa phương", "Có thể đào tạo thêm")


def notes_column(letter: Letter) -> Letter:
    """a "Ghi chú" (notes) column with words in some rows"""
    def add(t: NeedsTable) -> NeedsTable:
        rows = tuple(replace(r, note=r.note or NOTES[i % len(NOTES)]) for i, r in enumerate(t.rows))
        return replace(t, notes=True, rows=rows, order=t.order + ("notes",) if "notes" not in t.order else t.order)
    return map_needs_tables(letter, add)


def needs_in_prose(letter: Letter) -> Letter:
    """the needs table told in sentences, one per year (with the letter's total where it has one)"""
    def fn(block: Block, _s: Section | None) -> Block | list[Block]:
        if not isinstance(block, NeedsTable):
            return block
        table = block if all(p[1] == "Y" for p in block.periods) else _regroup(block, "Y")
        totals = dict(table.total or ())
        paras: list[Block] = []
        for p in table.periods:
            parts = [f"{v} {r.position[0].lower()}{r.position[1:]} ({r.level[0].lower()}{r.level[1:]})"
                     for r in table.rows if (v := r.count(p)) and v.strip() not in ("", "-")]
            if not parts:
                continue
            listed = ", ".join(parts[:-1]) + " và " + parts[-1] if len(parts) > 1 else parts[0]
            sentence = f"{period_label(p)}, Công ty cần tuyển {listed}."
            if p in totals:
                sentence += f" Tổng cộng {totals[p]} người."
            paras.append(Para(sentence))
        return paras
    return map_blocks(letter, fn)


def _year_totals(table: NeedsTable) -> dict[int, str]:
    """year -> the letter's total for it (its total row), or the sum of its rows where it has no total row."""
    by_year: dict[int, int] = {}
    source = table.total if table.total else tuple(c for r in table.rows for c in r.counts)
    for (year, _, _), text in source:
        value = parse_count(text)
        if isinstance(value, tuple):
            return {}                                  # a range: no single total to state
        by_year[year] = by_year.get(year, 0) + value
    return {year: format_count(n) for year, n in by_year.items()}


def total_sentence(letter: Letter) -> Letter:
    """a sentence before the needs table stating each year's total (the table's own total, as the letter wrote it)"""
    def fn(block: Block, _s: Section | None) -> Block | list[Block]:
        if not isinstance(block, NeedsTable) or not (totals := _year_totals(block)):
            return block
        said = ", ".join(f"năm {year} là {n} người" for year, n in totals.items())
        return [Para(f"Tổng nhu cầu tuyển dụng của Công ty {said}, chi tiết như bảng dưới đây:"), block]
    return map_blocks(letter, fn)


def table_per_year(letter: Letter) -> Letter:
    """one needs table per year, each under a line naming the year"""
    def fn(block: Block, _s: Section | None) -> Block | list[Block]:
        years = list(dict.fromkeys(p[0] for p in block.periods)) if isinstance(block, NeedsTable) else []
        if len(years) < 2:
            return block
        out: list[Block] = []
        for year in years:
            def keep(counts, year=year):  # noqa: ANN001
                return tuple((p, v) for p, v in counts if p[0] == year)
            rows = tuple(replace(r, counts=keep(r.counts)) for r in block.rows
                         if any(v.strip() not in ("", "-") for _, v in keep(r.counts)))
            out += [Para(f"Nhu cầu tuyển dụng năm {year}:"),
                    replace(block, rows=rows, periods=tuple(p for p in block.periods if p[0] == year),
                            total=keep(block.total) if block.total else None)]
        return out
    return map_blocks(letter, fn)


def group_rows(letter: Letter) -> Letter:
    """the positions under group rows that hold no count ("I. Lao động trực tiếp", "II. Lao động gián tiếp")"""
    direct = ("unskilled", "lao động phổ thông", "lđpt", "sơ cấp")

    def add(t: NeedsTable) -> NeedsTable:
        if t.layout != "columns" or len(t.rows) < 2:
            return t
        def group(r):  # noqa: ANN001
            return "Lao động trực tiếp" if any(w in r.level.lower() for w in direct) else "Lao động gián tiếp"
        rows = [replace(r, group=group(r)) for r in t.rows]
        if len({r.group for r in rows}) < 2:               # all of one kind: split them in two anyway
            rows = [replace(r, group="Khối sản xuất" if i < len(rows) / 2 else "Khối kỹ thuật")
                    for i, r in enumerate(t.rows)]
        order = list(dict.fromkeys(r.group for r in rows))
        rows.sort(key=lambda r: order.index(r.group))
        return replace(t, rows=tuple(rows))
    return map_needs_tables(letter, add)


def years_merged_down(letter: Letter) -> Letter:
    """years as rows, each year written once in a cell merged down its rows"""
    def merge(t: NeedsTable) -> NeedsTable:
        return replace(t if t.layout == "rows" else _to_rows(t), merge_years=True)
    return map_needs_tables(letter, merge)


def columns_swapped(letter: Letter) -> Letter:
    """the level column before the position column"""
    def swap(t: NeedsTable) -> NeedsTable:
        order = list(t.order)
        i, j = order.index("position"), order.index("level")
        order[i], order[j] = order[j], order[i]
        return replace(t, order=tuple(order))
    return map_needs_tables(letter, swap)


def counts_with_unit(letter: Letter) -> Letter:
    """each count written with its unit in the cell ("25 người")"""
    def unit(text: str) -> str:
        return text if text.strip() in ("", "-") else f"{text} người"

    def add(t: NeedsTable) -> NeedsTable:
        rows = tuple(replace(r, counts=tuple((p, unit(v)) for p, v in r.counts)) for r in t.rows)
        total = tuple((p, unit(v)) for p, v in t.total) if t.total else None
        return replace(t, rows=rows, total=total)
    return map_needs_tables(letter, add)


# -- identity -------------------------------------------------------------------------------------------------------

_TAX_CLAUSES = (re.compile(r"\s*\((?:MST|mã số thuế)\s*:?\s*(\d{10})\)"),
                re.compile(r",\s*mã số doanh nghiệp\s*(\d{10})(?=,)"))


def _cut_tax_clause(letter: Letter) -> tuple[Letter, str | None]:
    """The letter without the tax-code clause of its introduction, and the code (None: no such clause)."""
    if not letter.intro or not isinstance(letter.intro[0], Para):
        return letter, None
    text = letter.intro[0].text
    for pattern in _TAX_CLAUSES:
        if m := pattern.search(text):
            cut = replace(letter.intro[0], text=text[:m.start()] + text[m.end():])
            return replace(letter, intro=(cut,) + letter.intro[1:]), m.group(1)
    return letter, None


def tax_code_sentence(letter: Letter) -> Letter:
    """the tax code in a sentence of its own in the introduction, not beside the name"""
    cut, code = _cut_tax_clause(letter)
    if code is None:
        return letter
    sentence = Para(f"Công ty hoạt động theo Giấy chứng nhận đăng ký doanh nghiệp có mã số thuế {code} do Sở Kế "
                    "hoạch và Đầu tư thành phố Hải Phòng cấp.")
    return replace(cut, intro=cut.intro[:1] + (sentence,) + cut.intro[1:])


def tax_code_spaced(letter: Letter) -> Letter:
    """the tax code written in groups with spaces ("0201 234 569")"""
    _, code = _cut_tax_clause(letter)
    if code is None:
        return letter
    spaced = f"{code[:4]} {code[4:7]} {code[7:]}"
    return map_blocks(letter, lambda b, _s: replace(b, text=b.text.replace(code, spaced)) if isinstance(b, Para)
                      else b)


def tax_code_letterhead(letter: Letter) -> Letter:
    """the tax code in the letterhead under the company's name, no longer in the introduction"""
    cut, code = _cut_tax_clause(letter)
    if code is None:
        return letter
    return replace(cut, letterhead=cut.letterhead + (f"MST: {code}",))


def letterhead_english_name(letter: Letter) -> Letter:
    """the company's English name as the first line of the letterhead, above its Vietnamese name"""
    name = ENGLISH_NAMES.get(letter.company_upper)
    return replace(letter, letterhead_above=(name,) + letter.letterhead_above) if name else letter


def contact_in_closing(letter: Letter) -> Letter:
    """the contact person in the closing sentence ("Mọi thông tin xin liên hệ ..."), not on a line of its own"""
    contacts = [b for b in letter.closing if isinstance(b, Para) and "liên hệ:" in b.text]
    if not contacts:
        return letter
    who = contacts[0].text.split("liên hệ:", 1)[1].strip().rstrip(".")
    rest = tuple(b for b in letter.closing if b is not contacts[0])
    return replace(letter, closing=(Para(f"Mọi thông tin chi tiết xin liên hệ {who}."),) + rest)


def english_paragraphs(letter: Letter) -> Letter:
    """an English paragraph after each Vietnamese one (and an English line after each item), as bilingual letters
    of foreign-invested enterprises are written"""
    def fn(block: Block, _s: Section | None) -> Block | list[Block]:
        if isinstance(block, Para) and not block.english and block.text in ENGLISH:
            return [block, Para(ENGLISH[block.text], english=True)]
        if isinstance(block, Items) and not block.english and all(t in ENGLISH for t in block.items):
            return replace(block, english=tuple(ENGLISH[t] for t in block.items))
        return block
    return map_blocks(letter, fn)

def date_numeric(letter: Letter) -> Letter:
    """the letter's date written dd/mm/yyyy ("Hải Phòng, 20/03/2023")"""
    m = re.search(r"ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})", letter.place_date)
    if not m:
        return letter
    day, month, year = m.groups()
    date = f"{int(day):02d}/{int(month):02d}/{year}"
    return replace(letter, place_date=f"{letter.place_date[:m.start()].rstrip()} {date}")


# -- registration ---------------------------------------------------------------------------------------------------

#: Frequencies said in other words (the same frequency): ours, not any corpus's.
FREQUENCY_WORDS = (
    (re.compile(r"hằng tháng|hàng tháng"), "định kỳ mỗi tháng một lần"),
    (re.compile(r"hằng tuần|hàng tuần"), "đều đặn mỗi tuần một lần"),
    (re.compile(r"hằng quý|hàng quý|theo quý"), "ba tháng một lần"),
    (re.compile(r"khi có nhu cầu"), "mỗi khi có kế hoạch tuyển dụng cụ thể"),
)


def frequency_reworded(letter: Letter) -> Letter:
    """the registration frequency said in other words ("mỗi tháng một lần", "khi có kế hoạch cụ thể")"""
    def fn(block: Block, section: Section | None) -> Block:
        if isinstance(block, Para) and section is not None and section.point == 4:
            text = block.text
            for pattern, words in FREQUENCY_WORDS:
                text = pattern.sub(words, text)
            return replace(block, text=text)
        return block
    return map_blocks(letter, fn)


# -- the form of the whole letter ----------------------------------------------------------------------------------

def survey_form(letter: Letter) -> Letter:
    """the answers set out as a form: a table of the questions (the letter's headings) and the answers, the needs
    table after it"""
    if not letter.sections:
        return letter
    rows: list[tuple[str, ...]] = [("STT", "Nội dung", "Ý kiến của doanh nghiệp")]
    after: list[Block] = []
    for i, section in enumerate(letter.sections, 1):
        lines: list[str] = []
        for block in section.blocks:
            if isinstance(block, Para):
                lines.append(block.text)
            elif isinstance(block, Items):
                lines += [f"- {text}" for text in block.items]
            else:
                lines.append("Chi tiết tại bảng dưới đây.")
                after += [Para(f"Bảng kèm mục {i}:"), block]
        rows.append((str(i), section.heading, "\n".join(lines)))
    return replace(letter, sections=(), intro=letter.intro + (Grid(tuple(rows)),) + tuple(after))


def as_is(letter: Letter) -> Letter:
    """the letter unchanged, rendered again by the harness's builders in both formats (DOCX and PDF)"""
    return letter


#: kind -> rewriting; every kind is run over every letter it applies to, in DOCX and in PDF.
REWRITES: dict[str, Rewrite] = {
    "as_is": as_is,
    "numbers_roman": _numbering("roman"),
    "numbers_none": _numbering("none"),
    "numbers_alpha": _numbering("alpha"),
    "numbers_upper_alpha": _numbering("upper_alpha"),
    "numbers_paren": _numbering("paren"),
    "numbers_ordinal_words": _numbering("ordinal"),
    "numbers_by_word": word_numbering,
    "run_in_headings": run_in_headings,
    "headings_board": _headings(BOARD_WORDING, "headings in the Board's own wording of its five questions"),
    "headings_paraphrased": _headings(PARAPHRASES, "headings paraphrased"),
    "headings_ve": headings_ve,
    "headings_bilingual": headings_bilingual,
    "reordered": reorder,
    "points_4_5_merged": merge_points_4_5,
    "items_joined": items_joined,
    "items_plus": _items("+", 'items marked "+" (a paragraph of items split)'),
    "items_bullets": _items("•", "items marked with bullets"),
    "items_roman": _items("(i)", 'items numbered "(i)", "(ii)"'),
    "items_in_table": items_in_table,
    "needs_in_annex": needs_in_annex,
    "quarters": quarters,
    "halves": halves,
    "years_as_rows": years_as_rows,
    "merged_header": merged_header,
    "notes_column": notes_column,
    "needs_in_prose": needs_in_prose,
    "total_sentence": total_sentence,
    "table_per_year": table_per_year,
    "group_rows": group_rows,
    "years_merged_down": years_merged_down,
    "columns_swapped": columns_swapped,
    "counts_with_unit": counts_with_unit,
    "tax_code_sentence": tax_code_sentence,
    "tax_code_spaced": tax_code_spaced,
    "tax_code_letterhead": tax_code_letterhead,
    "letterhead_english_name": letterhead_english_name,
    "contact_in_closing": contact_in_closing,
    "date_numeric": date_numeric,
    "english_paragraphs": english_paragraphs,
    "frequency_reworded": frequency_reworded,
    "survey_form": survey_form,
}

#: Several rewritings at once, as real letters combine them.
COMBINATIONS: dict[str, Rewrite] = {
    "roman+reordered+items_joined": compose(REWRITES["numbers_roman"], reorder, items_joined),
    "annex+quarters+notes": compose(needs_in_annex, quarters, notes_column),
    "none+bilingual+tax_spaced": compose(REWRITES["numbers_none"], headings_bilingual, tax_code_spaced),
    "board+rows+tax_sentence": compose(REWRITES["headings_board"], years_as_rows, tax_code_sentence),
    "english+bilingual+english_name": compose(english_paragraphs, headings_bilingual, letterhead_english_name),
    "prose_letter+total_sentence": compose(run_in_headings, total_sentence, items_joined, contact_in_closing),
}
