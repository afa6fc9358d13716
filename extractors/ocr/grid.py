"""Ruled tables in a page image: the grid lines, the cells (merged cells included), and line removal.

Pure numpy. Horizontal lines are runs of ink at least `min_len` long along a row; vertical lines the same
along a column. A table is a set of horizontal and vertical lines that cross each other; a vertical line
that runs on past the table at both ends (a scanner streak, a margin rule) is not a table line. Two
neighbouring grid slots with no line between them belong to one merged cell.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np


@dataclass(slots=True)
class Segment:
    pos0: int        # across the line: y of a horizontal line (top), x of a vertical one (left)
    pos1: int        # bottom / right of its thickness
    start: int       # along the line
    end: int

    @property
    def pos(self) -> float:
        return (self.pos0 + self.pos1) / 2


@dataclass(slots=True)
class GridCell:
    row: int
    col: int
    box: tuple[int, int, int, int]          # x0, y0, x1, y1 in pixels (inside the lines)
    slots: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True)
class Grid:
    rows: list[int]                          # y edges, top to bottom
    cols: list[int]                          # x edges, left to right
    cells: list[GridCell]                    # one per merged cell, in reading order
    owner: dict[tuple[int, int], int]        # slot -> index in cells

    @property
    def bbox(self) -> tuple[int, int, int, int]:
        return self.cols[0], self.rows[0], self.cols[-1], self.rows[-1]

    @property
    def n_rows(self) -> int:
        return len(self.rows) - 1

    @property
    def n_cols(self) -> int:
        return len(self.cols) - 1


THICK_RULE = 0.05          # inches: a rule is thinner than this (find_grids drops thicker segments)
BLOT = 0.15                # inches: ink solid over a square this wide is a blot (a stain), not print
RUN_ROWS = 256            # rows per chunk of _run_mask: rows are independent, and whole-page int32 sums cost 70 MB


def _run_mask(mask: np.ndarray, min_len: int) -> np.ndarray:
    """True where a pixel lies in a horizontal run of True at least min_len long (1-pixel gaps bridged)."""
    if mask.shape[0] <= RUN_ROWS:
        return _run_mask_rows(mask, min_len)
    out = np.empty_like(mask)
    for y in range(0, mask.shape[0], RUN_ROWS):
        out[y:y + RUN_ROWS] = _run_mask_rows(mask[y:y + RUN_ROWS], min_len)
    return out


def _run_mask_rows(mask: np.ndarray, min_len: int) -> np.ndarray:
    m = mask.copy()
    m[:, 1:-1] |= mask[:, :-2] & mask[:, 2:]           # bridge single-pixel breaks
    h, w = m.shape
    if w < min_len:
        return np.zeros_like(m)
    c = np.zeros((h, w + 1), dtype=np.int32)
    np.cumsum(m, axis=1, dtype=np.int32, out=c[:, 1:])
    starts = (c[:, min_len:] - c[:, :-min_len]) == min_len          # run of min_len starting at x
    s = np.zeros((h, w + 1), dtype=np.int32)
    np.cumsum(np.pad(starts, ((0, 0), (0, min_len - 1))), axis=1, dtype=np.int32, out=s[:, 1:])
    # pixel x is covered if some start lies in [x - min_len + 1, x]
    lo = np.arange(w) - min_len + 1
    covered = (s[:, 1:] - s[:, np.clip(lo, 0, None)]) > 0
    return covered & m


def _segments(mask: np.ndarray) -> list[Segment]:
    """Horizontal runs grouped across neighbouring rows into thick line segments."""
    padded = np.pad(mask, ((0, 0), (1, 1))).astype(np.int8)
    diff = np.diff(padded, axis=1)
    ys, xs = np.nonzero(diff)
    vals = diff[ys, xs]
    runs: list[tuple[int, int, int]] = []
    start_of: dict[int, int] = {}
    for y, x, v in zip(ys.tolist(), xs.tolist(), vals.tolist()):
        if v == 1:
            start_of[y] = x
        else:
            runs.append((y, start_of.pop(y), x))
    runs.sort()
    open_segs: list[Segment] = []
    done: list[Segment] = []
    for y, x0, x1 in runs:
        merged = False
        for seg in open_segs:
            if y - seg.pos1 <= 2 and x0 <= seg.end and x1 >= seg.start:
                seg.pos1 = max(seg.pos1, y)
                seg.start, seg.end = min(seg.start, x0), max(seg.end, x1)
                merged = True
                break
        if not merged:
            open_segs.append(Segment(y, y, x0, x1))
        still = []
        for seg in open_segs:
            (still if y - seg.pos1 <= 2 else done).append(seg)
        open_segs = still
    return done + open_segs


def _join(segs: list[Segment], max_gap: float, tol: float,
          hidden: Callable[[float, int, int], float] | None = None) -> list[Segment]:
    """Collinear pieces of one rule (broken by a stamp, a fold, faded toner) joined back into one segment; pieces
    on either side of a blot are joined whatever the gap, where `hidden` says the blot covers it."""
    out: list[Segment] = []
    for seg in sorted(segs, key=lambda s: (s.pos, s.start)):
        for prev in reversed(out[-8:]):
            if abs(prev.pos - seg.pos) <= tol and seg.end >= prev.start and (
                    seg.start - prev.end <= max_gap
                    or (hidden is not None and hidden((prev.pos + seg.pos) / 2, prev.end, seg.start) >= 0.9)):
                prev.start, prev.end = min(prev.start, seg.start), max(prev.end, seg.end)
                prev.pos0, prev.pos1 = min(prev.pos0, seg.pos0), max(prev.pos1, seg.pos1)
                break
        else:
            out.append(seg)
    return out


def _hidden_along(occluded: np.ndarray | None, *, horizontal: bool) -> Callable[[float, int, int], float]:
    """hidden(pos, a, b): the share of the stretch from a to b of the line at pos (a row's y for a horizontal
    rule, a column's x for a vertical one) that lies under a blot."""
    def hidden(pos: float, a: int, b: int) -> float:
        if occluded is None:
            return 0.0
        a, b = sorted((int(a), int(b)))
        p = int(round(pos))
        if not 0 <= p < occluded.shape[0 if horizontal else 1]:
            return 0.0
        stretch = occluded[p, max(0, a):max(0, b) + 1] if horizontal else occluded[max(0, a):max(0, b) + 1, p]
        return float(stretch.mean()) if stretch.size else 0.0
    return hidden


def line_masks(ink: np.ndarray, dpi: int) -> tuple[np.ndarray, np.ndarray]:
    """Masks of horizontal and vertical rules (runs longer than any glyph)."""
    h_len = max(20, int(dpi * 0.3))
    v_len = max(15, int(dpi * 0.22))
    return _run_mask(ink, h_len), _run_mask(ink.T, v_len).T


def occluders(ink: np.ndarray, dpi: int) -> np.ndarray:
    """Where a blot hides the page (a stain, a smudge, a thumb): ink thicker than any rule both ways, widened by
    its soft edge.

    A rule crossing a stain is not seen there; left in the rule masks, the stain would weld the rules it touches
    into one thick blob that find_grids drops, rows and all. Inside this mask a rule is unknown rather than
    absent: find_grids joins the pieces of a rule on either side of it.
    """
    size = max(8, int(dpi * BLOT))
    core = _solid(ink, size)           # where a square that size is all ink: no rule, crossing or glyph is
    if not core.any():
        return core
    return _dilate(core, 2 * size)     # the square itself (marked at its corner), and the blot's soft edge


def _by_rows_then_columns(mask: np.ndarray, step) -> np.ndarray:
    """`step(m, c)` applied along the rows, then along the columns of its result, where c holds the running
    sums of m along each row (c[:, j] = m[:, :j].sum()): square windows from two one-dimensional passes."""
    out = mask
    for axis in (1, 0):
        m = out if axis == 1 else out.T
        c = np.zeros((m.shape[0], m.shape[1] + 1), dtype=np.int32)
        np.cumsum(m, axis=1, dtype=np.int32, out=c[:, 1:])
        done = step(m, c)
        out = done if axis == 1 else done.T
    return out


def _solid(mask: np.ndarray, size: int) -> np.ndarray:
    """True at the top-left corner of every size-by-size square of the mask that is all True."""
    def step(m, c):
        full = np.zeros_like(m)
        full[:, :m.shape[1] - size + 1] = (c[:, size:] - c[:, :-size]) == size
        return full
    return _by_rows_then_columns(mask, step)


def _dilate(mask: np.ndarray, reach: int) -> np.ndarray:
    """True within `reach` pixels (a square) of a True pixel."""
    def step(m, c):
        idx = np.arange(m.shape[1])
        hi = np.clip(idx + reach + 1, 0, m.shape[1])
        lo = np.clip(idx - reach, 0, m.shape[1])
        return (c[:, hi] - c[:, lo]) > 0
    return _by_rows_then_columns(mask, step)


def find_grids(hmask: np.ndarray, vmask: np.ndarray, dpi: int,
               occluded: np.ndarray | None = None) -> list[Grid]:
    """The ruled tables of a page; `occluded` (see `occluders`) is where a rule may run unseen."""
    tol = max(3, int(dpi * 0.03))
    if occluded is not None and occluded.any():
        hmask, vmask = hmask & ~occluded, vmask & ~occluded
    else:
        occluded = None
    h_hidden = _hidden_along(occluded, horizontal=True)
    v_hidden = _hidden_along(occluded, horizontal=False)
    hsegs = _join([s for s in _segments(hmask) if s.pos1 - s.pos0 <= dpi * THICK_RULE], dpi * 0.15, tol / 2,
                  h_hidden)
    vsegs = _join([s for s in _segments(vmask.T) if s.pos1 - s.pos0 <= dpi * THICK_RULE], dpi * 0.15, tol / 2,
                  v_hidden)

    def crosses(hs: Segment, vs: Segment) -> bool:
        return (hs.start - tol <= vs.pos <= hs.end + tol) and (vs.start - tol <= hs.pos <= vs.end + tol)

    def ends_well(vs: Segment, y: float, end: int) -> bool:
        # on the horizontal rule it meets, or hidden under a blot (where that rule may be too)
        return abs(y - end) <= 3 * tol or v_hidden(vs.pos, end + (3 * tol if end > y else -3 * tol), end) >= 0.9

    # A table's vertical rules end on a horizontal rule at both ends; streaks and margin rules run on.
    good_v = []
    for vs in vsegs:
        ys = [hs.pos for hs in hsegs if crosses(hs, vs)]
        if len(ys) >= 2 and ends_well(vs, min(ys), vs.start) and ends_well(vs, max(ys), vs.end):
            good_v.append(vs)
    good_h = [hs for hs in hsegs if sum(crosses(hs, vs) for vs in good_v) >= 2]
    # Group crossing lines into tables (union-find over horizontal lines sharing a vertical one).
    parent = list(range(len(good_h)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    v_members: list[list[int]] = []
    for vs in good_v:
        members = [i for i, hs in enumerate(good_h) if crosses(hs, vs)]
        v_members.append(members)
        for a, b in zip(members, members[1:]):
            parent[find(a)] = find(b)
    groups: dict[int, list[int]] = {}
    for i in range(len(good_h)):
        groups.setdefault(find(i), []).append(i)
    grids = []
    for hidx in groups.values():
        hs = [good_h[i] for i in hidx]
        vs = [good_v[j] for j, m in enumerate(v_members) if m and find(m[0]) == find(hidx[0])]
        if len(hs) < 2 or len(vs) < 2:
            continue
        grid = _grid(hs, vs, tol, dpi, h_hidden, v_hidden)
        if grid is not None:
            grids.append(grid)
    grids.sort(key=lambda g: g.rows[0])
    return grids


def _cluster(values: list[float], tol: float) -> list[int]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [int(round(sum(c) / len(c))) for c in out]


def _grid(hs: list[Segment], vs: list[Segment], tol: int, dpi: int,
          h_hidden: Callable[[float, int, int], float] | None = None,
          v_hidden: Callable[[float, int, int], float] | None = None) -> Grid | None:
    min_gap = dpi * 0.08
    rows = _edges(_cluster([s.pos for s in hs], tol), min_gap)
    cols = _edges(_cluster([s.pos for s in vs], tol), min_gap)
    if len(rows) < 3 or len(cols) < 3:       # at least 2 rows and 2 columns
        return None
    n_r, n_c = len(rows) - 1, len(cols) - 1

    def covered(segs: list[Segment], pos: float, a: int, b: int, hidden) -> bool:
        span = max(1, b - a)
        cover = 0
        for s in segs:
            if abs(s.pos - pos) <= tol * 1.5:
                cover += max(0, min(b, s.end) - max(a, s.start))
        if cover < 0.5 * span and hidden is not None:
            cover += hidden(pos, a, b) * span       # under a blot the rule is unknown: the grid's rows go on
        return cover >= 0.5 * span

    parent = {(r, c): (r, c) for r in range(n_r) for c in range(n_c)}

    def find(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for r in range(n_r):
        for c in range(n_c - 1):
            if not covered(vs, cols[c + 1], rows[r], rows[r + 1], v_hidden):
                parent[find((r, c + 1))] = find((r, c))
    for c in range(n_c):
        for r in range(n_r - 1):
            if not covered(hs, rows[r + 1], cols[c], cols[c + 1], h_hidden):
                parent[find((r + 1, c))] = find((r, c))
    groups: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for r in range(n_r):
        for c in range(n_c):
            groups.setdefault(find((r, c)), []).append((r, c))
    cells: list[GridCell] = []
    owner: dict[tuple[int, int], int] = {}
    for slots in sorted(groups.values(), key=lambda s: min(s)):
        r0, c0 = min(slots)
        r1 = max(r for r, _ in slots)
        c1 = max(c for _, c in slots)
        box = (cols[c0], rows[r0], cols[c1 + 1], rows[r1 + 1])
        for slot in slots:
            owner[slot] = len(cells)
        cells.append(GridCell(r0, c0, box, sorted(slots)))
    return Grid(rows, cols, cells, owner)


def _edges(values: list[int], min_gap: float) -> list[int]:
    """Edges with double rules (two lines closer than a row can be) taken as one."""
    out: list[int] = []
    for v in values:
        if out and v - out[-1] < min_gap:
            continue
        out.append(v)
    return out


def grid_rules(grids: list[Grid], hmask: np.ndarray, vmask: np.ndarray,
               dpi: int) -> tuple[np.ndarray, np.ndarray]:
    """The parts of the line masks that are the grids' own rules.

    The masks are found on a permissive threshold, so they also hold runs of blurred bold text; only the pixels
    near a grid's row and column edges, inside its frame, are rules to erase.
    """
    tol = max(3, int(dpi * 0.03))
    h_keep = np.zeros_like(hmask)
    v_keep = np.zeros_like(vmask)
    for gr in grids:
        x0, y0, x1, y1 = gr.bbox
        xa, xb = max(0, x0 - tol), x1 + tol + 1
        ya, yb = max(0, y0 - tol), y1 + tol + 1
        for y in gr.rows:
            band = slice(max(0, y - tol), y + tol + 1)
            h_keep[band, xa:xb] |= hmask[band, xa:xb]
        for x in gr.cols:
            band = slice(max(0, x - tol), x + tol + 1)
            v_keep[ya:yb, band] |= vmask[ya:yb, band]
    return h_keep, v_keep


def erase_lines(gray: np.ndarray, hmask: np.ndarray, vmask: np.ndarray) -> np.ndarray:
    """The page with its rules painted paper-white (a pixel's neighbours too, for anti-aliased edges)."""
    lines = hmask | vmask
    grown = lines.copy()
    grown[1:, :] |= lines[:-1, :]
    grown[:-1, :] |= lines[1:, :]
    grown[:, 1:] |= lines[:, :-1]
    grown[:, :-1] |= lines[:, 1:]
    out = gray.copy()
    out[grown] = 255
    return out


# --- tables ruled by rows only -------------------------------------------------------------------------------

ROW_RULE_MIN = 1.5         # inches: a rule under a table's row is at least this long
ROW_PITCH_MAX = 1.2        # inches: at most this far apart, rule to rule, in one table
COLUMN_GAP = 0.1           # inches of paper, down every row of the table, between two columns


def row_ruled_grids(hmask: np.ndarray, ink: np.ndarray, grids: list[Grid], dpi: int) -> list[Grid]:
    """Tables drawn with horizontal rules only (LibreOffice from HTML, reportlab, a rule under each row): their
    grids, with the columns taken from the paper that runs down every row between them.

    Three rules or more of about the same extent, stacked close, make a table's rows. A column edge is a strip at
    least COLUMN_GAP wide with no ink in any row under the first (the header may hold one cell over several
    columns); in each row, an edge that text crosses is no edge there, so that cell is merged, as a ruled grid
    does where a rule is missing. These are candidates: the page reader keeps those whose cells hold counts.
    """
    tol = max(3, int(dpi * 0.03))
    segs = _join([s for s in _segments(hmask) if s.pos1 - s.pos0 <= dpi * THICK_RULE], dpi * 0.15, tol / 2)

    def in_grid(s: Segment) -> bool:
        return any(gr.cols[0] - tol <= (s.start + s.end) / 2 <= gr.cols[-1] + tol
                   and gr.rows[0] - tol <= s.pos <= gr.rows[-1] + tol for gr in grids)

    free = sorted((s for s in segs if not in_grid(s)), key=lambda s: s.pos)
    long_rules = [s for s in free if s.end - s.start >= dpi * ROW_RULE_MIN]
    reach = dpi * 0.1
    stacks: list[list[Segment]] = []
    for s in long_rules:
        for stack in stacks:
            last = stack[-1]
            if abs(last.start - s.start) <= reach and abs(last.end - s.end) <= reach \
                    and 0 < s.pos - last.pos <= dpi * ROW_PITCH_MAX:
                stack.append(s)
                break
        else:
            stacks.append([s])
    out = []
    for stack in stacks:
        if len(stack) < 3:
            continue
        grid = _row_ruled_grid(stack, free, ink, tol, dpi)
        if grid is not None:
            out.append(grid)
    return out


def _row_ruled_grid(stack: list[Segment], free: list[Segment], ink: np.ndarray, tol: int, dpi: int) -> Grid | None:
    x0 = int(min(s.start for s in stack))
    x1 = int(max(s.end for s in stack))
    top, bottom = stack[0].pos, stack[-1].pos
    # the rules inside, partial ones too (under a header cell that spans the year columns)
    hs = [s for s in free if top - tol <= s.pos <= bottom + tol and s.start >= x0 - tol and s.end <= x1 + tol
          and s.end - s.start >= dpi * 0.3]
    ys = _cluster([s.pos for s in hs], tol)
    bands = [(int(a) + tol + 1, int(b) - tol) for a, b in zip(ys, ys[1:]) if b - a > 2 * tol + 2]
    if len(bands) < 2:
        return None
    inked = [(ink[a:b, x0:x1].sum(axis=0) >= 2) for a, b in bands]
    body = np.any(np.stack(inked[1:]), axis=0)
    gap = max(4, int(dpi * COLUMN_GAP))
    edges = []
    run_start = None
    for x, filled in enumerate(body.tolist() + [True]):
        if not filled and run_start is None:
            run_start = x
        elif filled and run_start is not None:
            if x - run_start >= gap and run_start > 0 and x < len(body):
                edges.append(x0 + (run_start + x) // 2)
            run_start = None
    if len(edges) < 2:                        # three columns at least: two columns of text are a layout
        return None
    bands, splits = _split_bands(bands, ink, [x0, *edges, x1], dpi)
    if splits:
        hs = hs + [Segment(y, y, x0, x1) for y in splits]
        inked = [(ink[a:b, x0:x1].sum(axis=0) >= 2) for a, b in bands]
    vs = [Segment(x0, x0, int(top), int(bottom)), Segment(x1, x1, int(top), int(bottom))]
    for x in edges:
        for (a, b), row in zip(bands, inked):
            half = gap // 2
            if not row[max(0, x - x0 - half):x - x0 + half + 1].any():
                vs.append(Segment(x, x, a - tol - 1, b + tol))
    return _grid(hs, vs, tol, dpi)


def _text_lines(ink: np.ndarray, dpi: int) -> list[tuple[int, int]]:
    """The lines of text in a strip of ink: runs of inked pixel rows, an accent's small gap bridged, specks left
    out."""
    rows_inked = ink.sum(axis=1) >= 2
    bridge = max(2, int(dpi * 0.02))
    runs: list[list[int]] = []
    for y, on in enumerate(rows_inked.tolist()):
        if on and runs and y - runs[-1][1] <= bridge:
            runs[-1][1] = y
        elif on:
            runs.append([y, y])
    return [(a, b) for a, b in runs if b - a >= dpi * 0.04]


def _split_bands(bands: list[tuple[int, int]], ink: np.ndarray, xs: list[int],
                 dpi: int) -> tuple[list[tuple[int, int]], list[int]]:
    """Bands under the header that hold several rows: a table ruled only above and under its header and under its
    last row. A band whose lines of text all have ink in the same columns, two or more, is that many rows; a cell
    whose text wraps leaves its second line in fewer columns than its first, and its band stays one row. The
    bands, and the y of each split."""
    out: list[tuple[int, int]] = list(bands[:1])
    splits: list[int] = []
    for a, b in bands[1:]:
        lines = _text_lines(ink[a:b, xs[0]:xs[-1]], dpi)
        filled = [frozenset(k for k, (c0, c1) in enumerate(zip(xs, xs[1:])) if ink[a + la:a + lb + 1, c0:c1].sum() >= 4)
                  for la, lb in lines]
        if len(lines) < 2 or len(set(filled)) != 1 or len(filled[0]) < 2:
            out.append((a, b))
            continue
        cuts = [a + (lines[k][1] + lines[k + 1][0]) // 2 for k in range(len(lines) - 1)]
        edges = [a, *cuts, b]
        out.extend(zip(edges, edges[1:]))
        splits.extend(cuts)
    return out, splits


# --- tables without rules ------------------------------------------------------------------------------------

UNRULED_MIN_COLS = 2


def unruled_grids(ink: np.ndarray, grids: list[Grid], dpi: int) -> list[Grid]:
    """Tables drawn without any rule, rebuilt from the page's ink: each row a band of text lines, the columns the
    strips of paper that run down every row under the first. Three rows and two columns at least (a position and
    its count); candidates, as those of `row_ruled_grids`, kept by the page reader only when their cells hold
    counts (a letterhead or a signature block in two columns holds none).

    A band is a run of inked pixel rows; a cell whose text wraps onto two lines beside a count set in the middle
    of the row stays one band, as the count bridges the lines. Bands closer than a line's height are one row.
    """
    mask = ink.copy()
    for gr in grids:
        x0, y0, x1, y1 = gr.bbox
        mask[max(0, y0 - 2):y1 + 3, max(0, x0 - 2):x1 + 3] = False
    rows_inked = mask.sum(axis=1) >= 2
    bands: list[list[int]] = []
    for y, on in enumerate(rows_inked.tolist()):
        if on and bands and y - bands[-1][1] <= 2:
            bands[-1][1] = y
        elif on:
            bands.append([y, y])
    bands = [b for b in bands if b[1] - b[0] >= dpi * 0.04]          # specks and rules are no line of text
    gap = max(4, int(dpi * COLUMN_GAP))
    lines = []
    for a, b in bands:
        cols = mask[a:b + 1].sum(axis=0) >= 2
        pieces = _pieces(cols, gap)
        lines.append((a, b, pieces))
    out = []
    i = 0
    while i < len(lines):
        if len(lines[i][2]) < UNRULED_MIN_COLS:
            i += 1
            continue
        j = i + 1
        height = lines[i][1] - lines[i][0]
        while j < len(lines) and len(lines[j][2]) >= UNRULED_MIN_COLS and lines[j][0] - lines[j - 1][1] <= 1.5 * height:
            j += 1
        if j - i >= 3:
            grid = _unruled_grid(mask, lines[i:j], gap, dpi)
            if grid is not None:
                out.append(grid)
        i = max(j, i + 1)
    return out


def _pieces(cols: np.ndarray, gap: int) -> list[tuple[int, int]]:
    """Runs of inked columns, runs of paper narrower than `gap` bridged."""
    xs = np.nonzero(cols)[0]
    if not len(xs):
        return []
    pieces = [[int(xs[0]), int(xs[0])]]
    for x in xs[1:].tolist():
        if x - pieces[-1][1] <= gap:
            pieces[-1][1] = x
        else:
            pieces.append([x, x])
    return [(a, b) for a, b in pieces]


def _unruled_grid(mask: np.ndarray, lines: list, gap: int, dpi: int) -> Grid | None:
    x0 = min(p[0][0] for _, _, p in lines) - gap // 2
    x1 = max(p[-1][1] for _, _, p in lines) + gap // 2
    body = np.zeros(x1 - x0 + 1, dtype=bool)
    for a, b, _ in lines[1:]:
        body |= mask[a:b + 1, x0:x1 + 1].sum(axis=0) >= 2
    # Each edge where the header's lines cross least within the body's strip of paper: a header may be wider
    # than the counts under it ("Năm 2023" over "1.200"), yet there is paper between two headers too.
    everything = np.zeros(x1 - x0 + 1, dtype=np.int64)
    for a, b, _ in lines:
        everything += mask[a:b + 1, x0:x1 + 1].sum(axis=0)
    edges = []
    for a, b in _paper_runs(body, gap):
        lo, hi = a + gap // 2, max(a + gap // 2, b - gap // 2)
        window = np.convolve(everything, np.ones(gap + 1, dtype=np.int64), mode="same")[lo:hi + 1]
        best = np.flatnonzero(window == window.min())
        edges.append(x0 + lo + int(best[len(best) // 2]))
    if len(edges) < UNRULED_MIN_COLS - 1:
        return None
    ys = [lines[0][0] - gap // 2]
    ys += [(lines[k][1] + lines[k + 1][0]) // 2 for k in range(len(lines) - 1)]
    ys.append(lines[-1][1] + gap // 2)
    tol = max(3, int(dpi * 0.03))

    def crossed(x: int, top: int, bottom: int) -> bool:
        return mask[top:bottom, max(0, x - gap // 2):x + gap // 2 + 1].sum(axis=0).max(initial=0) >= 2

    hs = [Segment(y, y, x0, x1) for y in ys]
    # A row whose upper line runs across column edges and whose lower line does not is a header cell over
    # several columns ("Nhu cầu tuyển dụng (người)" over the years): a partial rule under it, as a ruled grid has.
    for top, bottom in list(zip(ys, ys[1:])):
        over = [x for x in edges if crossed(x, top, bottom)]
        if not over:
            continue
        xa = max([x0] + [x for x in edges if x < min(over)])
        xb = min([x1] + [x for x in edges if x > max(over)])
        profile = mask[top:bottom, xa:xb].sum(axis=1)
        # the valley between the two lines (descenders and accents may leave no row quite blank)
        for k in np.argsort(profile, kind="stable")[:20].tolist():
            split = top + k
            if all(crossed(x, top, split) for x in over) and not any(crossed(x, split, bottom) for x in over):
                hs.append(Segment(split, split, xa, xb))
                ys = sorted([*ys, split])
                break
    vs = [Segment(x0, x0, ys[0], ys[-1]), Segment(x1, x1, ys[0], ys[-1])]
    for x in edges:
        for (top, bottom) in zip(ys, ys[1:]):
            if not crossed(x, top, bottom):
                vs.append(Segment(x, x, top, bottom))
    return _grid(hs, vs, tol, dpi)


def _paper_runs(inked: np.ndarray, gap: int) -> list[tuple[int, int]]:
    """Inner runs of paper at least `gap` wide (not those at either end)."""
    runs = []
    start = None
    for x, on in enumerate(inked.tolist()):
        if not on and start is None:
            start = x
        elif on and start is not None:
            if x - start >= gap and start > 0:
                runs.append((start, x))
            start = None
    return runs
