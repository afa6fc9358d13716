"""Tables drawn without vertical rules in text PDFs, rebuilt from how their words line up.

pdfplumber finds a table by its ruling lines. Many letters draw none (a table set with spaces or tab stops), or
only horizontal rules under each row (LibreOffice from HTML, reportlab): their cells then come out as separate
line segments, the header split from the counts, the year columns read as one line "Năm 2023 Năm 2024". Here a
run of lines that share columns and carry counts in them becomes one Table of the block model:

- columns are where the segments of the rows that hold counts stand (a header cell spanning two columns, such
  as "Năm 2023 Năm 2024", is cut word by word at the columns of the rows below it);
- rows are the bands between full-width horizontal rules when there are any (a cell that wraps onto two lines,
  or counts set vertically in the middle of the row, stay one row), else one row per line, a line holding a
  single narrow piece of text between two rows being the wrapped text of a cell of the row nearest to it.

A run of lines is only taken for a table when at least two of its rows hold a segment that is nothing but a
count (or a dash for none): two columns of ordinary text (a letterhead, a signature block, a form's fields)
stay text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median

from extractors.model import Cell
from extractors.text.numbers import parse_quantity

# A segment that is nothing but a count, a range of counts or a dash (no need): a cell of a needs table. A sum of
# money ("7.000.000" in a notes column) is no count of people.
_COUNT_CELL = re.compile(r"^(?:\d{1,3}(?:[.,]\d{3})?|\d{1,6})(?:\s*[-–]\s*\d+)?$|^[-–—x/]$")
_DIGIT = re.compile(r"\d")
_YEAR_CELL = re.compile(r"^(?:19|20)\d\d$")


def _is_count_cell(text: str) -> bool:
    """A count as a cell writes it: bare ("120", "1.200", "-"), or with its unit or its words ("40 người",
    "15 (mười lăm)")."""
    if _YEAR_CELL.match(text):
        return False            # "2023" over a column of counts names the column
    if _COUNT_CELL.match(text):
        return True
    if len(text) > 30 or not _DIGIT.match(text):
        return False
    q = parse_quantity(text)
    return q is not None and q.low < 100_000


MIN_ROWS = 3            # lines with two segments or more
MIN_COUNT_ROWS = 2      # of which hold a count-only segment past the first column
FINE_GAP = 0.8          # word heights between two cells of a row


@dataclass
class _Line:
    words: list[dict]
    segments: list[list[dict]]
    top: float
    bottom: float

    @property
    def x0(self) -> float:
        return min(w["x0"] for w in self.words)

    @property
    def x1(self) -> float:
        return max(w["x1"] for w in self.words)

    def count_segments(self) -> int:
        return sum(1 for seg in self.segments[1:] if _is_count_cell(_text(seg)))


@dataclass
class WordTable:
    bbox: tuple[float, float, float, float]
    rows: list[list[Cell]]
    words: list[dict] = field(default_factory=list)       # the words it took from the page's text


def _text(words: list[dict]) -> str:
    return " ".join(w["text"] for w in words)


def word_tables(lines: list[list[dict]], rules: list[tuple[float, float, float]],
                skip_above: float = 0.0) -> list[WordTable]:
    """Tables found among the page's lines (each a list of pdfplumber words); `rules` are horizontal rules
    (x0, x1, y); lines above `skip_above` (the letterhead) are never part of a table.

    Cells of a table stand further apart than words of a sentence, but less far than the columns of a
    letterhead: a line is cut into segments wherever two words are more than FINE_GAP word heights apart.
    """
    items = []
    for words in lines:
        words = sorted(words, key=lambda w: w["x0"])
        if not words:
            continue
        segments: list[list[dict]] = [[words[0]]]
        gaps = [w["x0"] - prev["x1"] for prev, w in zip(words, words[1:])]
        # the line's own space between words: a count set flush right against the next cell's text ("50" then
        # "18-35 tuổi" in a notes column) stands further from it than words of one cell stand apart
        spaces = sorted(g for g, prev in zip(gaps, words) if g <= FINE_GAP * max(prev["bottom"] - prev["top"], 1.0))
        space = spaces[len(spaces) // 2] if len(spaces) >= 3 else None
        for gap, prev, w in zip(gaps, words, words[1:]):
            height = max(prev["bottom"] - prev["top"], 1.0)
            if gap > FINE_GAP * height or (space is not None and gap > max(1.8 * space, 0.35 * height) and (
                    _COUNT_CELL.match(prev["text"]) or _COUNT_CELL.match(w["text"]))):
                segments.append([w])
            else:
                segments[-1].append(w)
        items.append(_Line(words, segments, min(w["top"] for w in words), max(w["bottom"] for w in words)))
    items.sort(key=lambda ln: ln.top)
    if len(items) < MIN_ROWS:
        return []
    height = median(ln.bottom - ln.top for ln in items) or 10.0
    tables: list[WordTable] = []
    i = 0
    while i < len(items):
        if items[i].top < skip_above or len(items[i].segments) < 2:
            i += 1
            continue
        end = _run_end(items, i, height)
        run = items[i:end]
        multi = [ln for ln in run if len(ln.segments) >= 2]
        if len(multi) >= MIN_ROWS and sum(1 for ln in multi if ln.count_segments()) >= MIN_COUNT_ROWS:
            start = _header_start(items, i, run, height, skip_above)
            table = _build(items[start:end], rules, height)
            if table is not None:
                tables.append(table)
                i = end
                continue
        i = max(end, i + 1)
    return tables


def _run_end(items: list[_Line], start: int, height: float) -> int:
    """The end of the run of table lines that starts at `start`: lines with two segments or more, and single
    narrow lines between them (a wrapped cell), each close under the previous one."""
    end = start + 1
    width = items[start].x1 - items[start].x0
    while end < len(items):
        ln, prev = items[end], items[end - 1]
        if ln.top - prev.bottom > 1.6 * height:
            break
        if len(ln.segments) >= 2:
            width = max(width, ln.x1 - ln.x0)
            end += 1
            continue
        if ln.x1 - ln.x0 >= 0.45 * max(width, 1.0):
            break
        # a narrow single line: wrapped text of a cell, if a row follows within two more lines, or if it
        # hangs right under a row (the last line of a wrapped cell in the table's last row)
        ahead = items[end + 1:end + 3]
        follows = any(len(a.segments) >= 2 for a in ahead) and all(
            b.top - a.bottom <= 1.6 * height for a, b in zip(items[end:end + 3], ahead))
        hangs = len(prev.segments) >= 2 and ln.top - prev.bottom <= 0.5 * height
        if follows or hangs:
            end += 1
            continue
        break
    return end


def _header_start(items: list[_Line], start: int, run: list[_Line], height: float, skip_above: float) -> int:
    """Take in the single lines just above the run that stand over its later columns (a header spanning the
    year columns, "Số lượng dự kiến"), never a line that starts at the left margin (a heading, a sentence)."""
    first_col_end = min(seg[-1]["x1"] for ln in run if len(ln.segments) >= 2 for seg in ln.segments[:1])
    width = max(ln.x1 for ln in run) - min(ln.x0 for ln in run)
    while start > 0:
        ln = items[start - 1]
        if ln.top < skip_above or len(ln.segments) != 1 or items[start].top - ln.bottom > 1.6 * height:
            break
        if ln.x0 <= first_col_end or ln.x1 - ln.x0 >= 0.7 * width:
            break               # a heading, or a sentence running over most of the table's width
        start -= 1
    return start


def _columns(run: list[_Line]) -> list[tuple[float, float]]:
    """Column intervals: the segments of the rows holding counts, overlapping ones merged, widened by the
    other rows' segments that fall in one column, with the other rows' segments that fall in none added.

    A header centred over counts set flush right (or left) may stand clear of them, in the gap between two
    columns: it is the header of the neighbour that has none and whose counts are aligned towards it."""
    data = [ln for ln in run if len(ln.segments) >= 2 and ln.count_segments()]
    spans = sorted((seg[0]["x0"], seg[-1]["x1"]) for ln in data for seg in ln.segments)
    cols: list[list[float]] = []
    for x0, x1 in spans:
        if cols and x0 <= cols[-1][1]:
            cols[-1][1] = max(cols[-1][1], x1)
        else:
            cols.append([x0, x1])
    align = [_alignment([(a, b) for a, b in spans if c[0] <= a and b <= c[1]]) for c in cols]
    headed: set[int] = set()
    orphans: list[tuple[float, float]] = []
    # text columns (positions, qualifications) are wider in other rows: widen with every line's segments
    # that overlap exactly one column, so that a long position does not land in a column of its own
    for ln in run:
        for seg in ln.segments:
            x0, x1 = seg[0]["x0"], seg[-1]["x1"]
            hits = [k for k, c in enumerate(cols) if x0 <= c[1] and x1 >= c[0]]
            if ln not in data:
                headed.update(hits)
            if len(hits) == 1:
                c = cols[hits[0]]
                c[0], c[1] = min(c[0], x0), max(c[1], x1)
            elif not hits:
                orphans.append((x0, x1))
    extra: list[list[float]] = []
    for x0, x1 in orphans:
        hits = [k for k, c in enumerate(cols) if x0 <= c[1] and x1 >= c[0]]
        right = next((k for k, c in enumerate(cols) if c[0] > x1), None)
        if not hits and right is not None and right > 0 and cols[right - 1][1] < x0:
            free = [k for k in (right - 1, right) if k not in headed]
            if len(free) == 2:
                free = [k for k, side in ((right - 1, "L"), (right, "R")) if align[k] == side]
            if len(free) == 1:
                hits = free
        if len(hits) == 1:
            c = cols[hits[0]]
            c[0], c[1] = min(c[0], x0), max(c[1], x1)
            headed.add(hits[0])
        elif not hits:
            extra.append([x0, x1])      # a column the count rows leave empty (a wrapped position, notes)
    merged: list[list[float]] = []
    for c in sorted(cols + extra):
        if merged and c[0] <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], c[1])
        else:
            merged.append(list(c))
    return [(a, b) for a, b in merged]


def _alignment(spans: list[tuple[float, float]]) -> str | None:
    """'R' when the cells of a column end at one x and start at several, 'L' the other way round, else None."""
    if len(spans) < 2:
        return None
    left = max(a for a, _ in spans) - min(a for a, _ in spans)
    right = max(b for _, b in spans) - min(b for _, b in spans)
    if right <= 1.0 < left:
        return "R"
    if left <= 1.0 < right:
        return "L"
    return None


def _column_of(word: dict, cols: list[tuple[float, float]]) -> int:
    cx = (word["x0"] + word["x1"]) / 2
    best, dist = 0, float("inf")
    for k, (a, b) in enumerate(cols):
        d = 0.0 if a - 1 <= cx <= b + 1 else min(abs(cx - a), abs(cx - b))
        if d < dist:
            best, dist = k, d
    return best


def _build(run: list[_Line], rules: list[tuple[float, float, float]], height: float) -> WordTable | None:
    cols = _columns(run)
    if len(cols) < 2:
        return None
    x0, x1 = min(ln.x0 for ln in run), max(ln.x1 for ln in run)
    top, bottom = run[0].top, run[-1].bottom
    width = max(x1 - x0, 1.0)
    # full-width rules within the run (a rule under a merged header spans only its columns: not a row edge); a
    # rule drawn cell by cell (each cell's own bottom border) is one rule
    near = sorted((y, rx0, rx1) for rx0, rx1, y in rules if top - height <= y <= bottom + height)
    joined: list[list[float]] = []
    for y, rx0, rx1 in near:
        last = joined[-1] if joined else None
        if last is not None and abs(y - last[0]) <= 0.6 and rx0 <= last[2] + 2.0:
            last[2] = max(last[2], rx1)
        else:
            joined.append([y, rx0, rx1])
    ys = sorted({round(y, 1) for y, rx0, rx1 in joined if rx1 - rx0 >= 0.6 * width})
    bands: list[list[_Line]] = []
    inner = [y for y in ys if top < y < bottom]
    if inner:
        edges = [top - 1, *inner, bottom + 1]
        for a, b in zip(edges, edges[1:]):
            band = [ln for ln in run if a <= (ln.top + ln.bottom) / 2 < b]
            if not band:
                continue
            # rules over and under the header and under the last row only: the rows between them are told
            # apart as in a table without rules
            if sum(1 for ln in band if len(ln.segments) >= 2 and ln.count_segments()) >= 2:
                bands.extend(_bands_by_line(band, cols))
            else:
                bands.append(band)
    else:
        bands = _bands_by_line(run, cols)
    # columns holding counts in some row: only a header over such columns is taken for a merged cell
    count_cols = {_column_of(seg[0], cols) for ln in run for seg in ln.segments if _is_count_cell(_text(seg))}
    rows: list[list[Cell]] = []
    for band in bands:
        cells: list[list[dict]] = [[] for _ in cols]
        spans: dict[int, int] = {}          # first column -> last column of a cell spanning several
        for ln in band:
            for seg in ln.segments:
                hit = [k for k, (a, b) in enumerate(cols) if seg[0]["x0"] <= b and seg[-1]["x1"] >= a]
                if len(hit) >= 2 and all(k in count_cols for k in hit) and \
                        not any(_COUNT_CELL.match(w["text"]) for w in seg):
                    # one piece of text over several columns ("Số lượng dự kiến" over the years): a merged cell
                    cells[hit[0]].extend(seg)
                    spans[hit[0]] = max(spans.get(hit[0], hit[0]), hit[-1])
                    continue
                for w in seg:
                    cells[_column_of(w, cols)].append(w)
        row = []
        for k, words in enumerate(cells):
            words.sort(key=lambda w: (round(w["top"]), w["x0"]))
            text = _cell_text(words)
            bbox = (min(w["x0"] for w in words), min(w["top"] for w in words),
                    max(w["x1"] for w in words), max(w["bottom"] for w in words)) if words else None
            row.append(Cell(text, bbox=bbox))
        for first, last in spans.items():
            if all(not row[k].text for k in range(first + 1, last + 1)):
                for k in range(first + 1, last + 1):
                    row[k] = Cell(row[first].text, origin=False, bbox=row[first].bbox)
        rows.append(row)
    if len(rows) < 2:
        return None
    return WordTable((x0, top, x1, bottom), rows, [w for ln in run for w in ln.words])


def _cell_text(words: list[dict]) -> str:
    """Words of a cell, its lines joined with a newline."""
    lines: list[list[dict]] = []
    for w in words:
        if lines and abs(lines[-1][0]["top"] - w["top"]) <= 2.0:
            lines[-1].append(w)
        else:
            lines.append([w])
    return "\n".join(_text(ln) for ln in lines)


def _bands_by_line(run: list[_Line], cols: list[tuple[float, float]]) -> list[list[_Line]]:
    """Rows without rules. Where the cells have padding, the lines of one row (a cell wrapped onto two lines, the
    counts set in the middle of a tall row with its position above and below them) stand closer together than
    the last line of a row and the first of the next: rows are cut at the wider gaps, and only a piece that
    still holds two rows of counts is cut further, line by line."""
    gaps = [b.top - a.bottom for a, b in zip(run, run[1:])]
    if len(gaps) >= 2:
        height = median(ln.bottom - ln.top for ln in run) or 10.0
        limit = min(gaps) + max(1.5, 0.2 * height)
        if any(g > limit for g in gaps) and any(g <= limit for g in gaps):
            pieces: list[list[_Line]] = [[run[0]]]
            for gap, ln in zip(gaps, run[1:]):
                if gap > limit:
                    pieces.append([ln])
                else:
                    pieces[-1].append(ln)
            bands: list[list[_Line]] = []
            for piece in pieces:
                if sum(1 for ln in piece if len(ln.segments) >= 2 and ln.count_segments()) >= 2:
                    bands.extend(_bands_line_by_line(piece))
                else:
                    bands.append(piece)
            return bands
    return _bands_line_by_line(run)


def _bands_line_by_line(run: list[_Line]) -> list[list[_Line]]:
    """Rows without rules or padding: one per line; a single narrow line without counts is wrapped text of the
    row it stands closest to."""
    bands: list[list[_Line]] = []
    pending: list[_Line] = []
    for k, ln in enumerate(run):
        if len(ln.segments) >= 2 or not bands:
            bands.append([*pending, ln])
            pending = []
            continue
        nxt = run[k + 1] if k + 1 < len(run) else None
        if nxt is not None and nxt.top - ln.bottom < ln.top - bands[-1][-1].bottom:
            pending.append(ln)
        else:
            bands[-1].append(ln)
    if pending:
        bands[-1].extend(pending)
    return bands
