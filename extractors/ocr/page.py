"""One page image to blocks: running text as Paragraphs, ruled tables as Tables, each with OCR confidence.

Two tesseract calls per page at most: the page without its tables (layout analysis, psm 3), and a "mosaic" of
all table cells stacked one under another (psm 6), so that every cell is read on its own, as a text PDF's
cell is, without a tesseract start-up per cell.
"""
from __future__ import annotations

import re
import time
import unicodedata
from dataclasses import dataclass, field
from statistics import median

import numpy as np
from PIL import Image

from extractors.geometry import split_where
from extractors.model import Cell, Paragraph, Table
from extractors.ocr import engine, grid as gridmod, preprocess
from extractors.text.normalize import clean, strip_accents

_DIGIT = re.compile(r"\d")
_NOISE = re.compile(r"^[|_—=~]+$")
MOSAIC_GAP = 28          # white pixels between two cells in the mosaic
CHECK_GAP = 40           # between the crops of the second reading: small number crops need more to stay apart
MOSAIC_PAD = 12
CHECK_LANG = "eng"     # the second reading of numbers: a model whose mistakes are not vie's
RECHECK_MIN_SECONDS = 5.0   # page time that must be left for the two more readings of disputed numbers
CELL_CHARS = "0123456789-.,()"
WORD_CHARS = "0123456789-.,()/;:"


@dataclass(slots=True)
class PageReading:
    page: int
    blocks: list[Paragraph | Table] = field(default_factory=list)
    mean_confidence: float = 0.0        # mean word confidence over the page, 0-1
    words: int = 0
    skew: float = 0.0
    seconds: float = 0.0


def read_page(image: Image.Image, page: int, dpi: int, *, timeout: float = 60.0) -> PageReading:
    started = time.monotonic()
    deadline = started + timeout
    gray, angle = preprocess.prepare(image)
    g = np.asarray(gray, dtype=np.uint8)
    ink, rule_ink = preprocess.ink_masks(gray)
    hmask, vmask = gridmod.line_masks(rule_ink, dpi)
    ruled = gridmod.find_grids(hmask, vmask, dpi, gridmod.occluders(rule_ink, dpi))
    del rule_ink
    # tables ruled by rows only are candidates until their cells are read: kept when they hold counts
    grids = ruled + gridmod.row_ruled_grids(hmask, ink, ruled, dpi)
    grids += gridmod.unruled_grids(ink & ~(hmask | vmask), grids, dpi)
    erased = gridmod.erase_lines(g, *gridmod.grid_rules(grids, hmask, vmask, dpi))
    ink_clean = ink & (erased < 255)

    reading = PageReading(page=page, skew=angle)
    all_words: list[engine.Word] = []
    crops: dict[tuple[int, int], np.ndarray] = {}
    texts: dict[tuple[int, int], tuple[str, float]] = {}
    if grids:
        crops = _cell_crops(ink_clean, erased, grids, dpi)
        cell_words = _read_mosaic(crops, dpi, _left(deadline))
        for key, ws in cell_words.items():
            if not ws and _is_dash(crops[key].shape, dpi):
                texts[key] = ("-", 0.9)            # a lone dash, which tesseract tends to drop
            else:
                texts[key] = _cell_text(ws)
        kept = [gi for gi, gr in enumerate(grids) if gi < len(ruled) or _holds_counts(gi, gr, texts)]
        for key in [k for k in crops if k[0] not in kept]:
            del crops[key]
            texts.pop(key, None)
        all_words.extend(w for key, ws in cell_words.items() if key in crops for w in ws)
        grids = [gr if gi in kept else None for gi, gr in enumerate(grids)]

    text_img = erased.copy()
    pad = max(2, dpi // 50)
    for gr in grids:
        if gr is None:
            continue
        x0, y0, x1, y1 = gr.bbox
        text_img[max(0, y0 - pad):y1 + pad, max(0, x0 - pad):x1 + pad] = 255
    words = engine.run_tsv(Image.fromarray(text_img, "L"), psm=3, dpi=dpi, timeout=_left(deadline))
    words = [w for w in words if not _NOISE.match(w.text)]
    all_words.extend(words)
    _check_numbers(grids, crops, texts, words, erased, dpi, deadline)

    scale = 72.0 / dpi
    height_pt = g.shape[0] * scale
    items: list[tuple[tuple[float, float, float], Paragraph | Table]] = []
    for seg, key in _reading_order(_line_segments(words)):
        text = clean(" ".join(w.text for w in seg))
        if not text:
            continue
        bbox = tuple(v * scale for v in (min(w.left for w in seg), min(w.top for w in seg),
                                         max(w.right for w in seg), max(w.bottom for w in seg)))
        part = "footer" if bbox[1] > height_pt * 0.92 else "header" if bbox[3] < height_pt * 0.05 else "body"
        items.append(((key[0] * scale, key[1] * scale, bbox[1]),
                      Paragraph(text=text, index=0, page=page, confidence=_line_conf(seg), part=part, bbox=bbox)))
    for gi, gr in enumerate(grids):
        if gr is None:
            continue
        rows = []
        for r in range(gr.n_rows):
            row = []
            for c in range(gr.n_cols):
                ci = gr.owner[(r, c)]
                text, conf = texts.get((gi, ci), ("", 1.0))      # absent: no ink, an empty cell
                row.append(Cell(text, confidence=round(conf, 3),
                                origin=(gr.cells[ci].row, gr.cells[ci].col) == (r, c),
                                bbox=tuple(v * scale for v in gr.cells[ci].box)))
            rows.append(row)
        bbox = tuple(v * scale for v in gr.bbox)
        items.append(((bbox[1], bbox[0], bbox[1]), Table(rows=rows, index=0, page=page, bbox=bbox)))
    items.sort(key=lambda it: it[0])
    reading.blocks = [b for _, b in items]
    reading.words = len(all_words)
    if all_words:
        reading.mean_confidence = sum(w.conf for w in all_words) / len(all_words) / 100.0
    reading.seconds = time.monotonic() - started
    return reading


def _holds_counts(gi: int, grid: gridmod.Grid, texts: dict[tuple[int, int], tuple[str, float]]) -> bool:
    """Whether a table found without vertical rules is one: two rows or more with a count past the first column
    (a page's layout in columns, a letterhead or a signature block, holds none)."""
    rows = set()
    for ci, cell in enumerate(grid.cells):
        if cell.col > 0 and _NUMERIC.match(texts.get((gi, ci), ("", 0.0))[0]):
            rows.add(cell.row)
    return len(rows) >= 2


def _left(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0.5:
        raise engine.OcrTimeout("page time limit reached")
    return left


def _line_segments(words: list[engine.Word]) -> list[list[engine.Word]]:
    """Tesseract's lines, split where a wide gap separates two columns (letterhead left and right)."""
    lines: dict[tuple[int, int, int], list[engine.Word]] = {}
    for w in words:
        lines.setdefault((w.block, w.par, w.line), []).append(w)
    heights = [w.height for w in words] or [30]
    gap_limit = 1.4 * median(heights)
    segments = []
    for line in lines.values():
        line.sort(key=lambda w: w.left)
        gaps = [w.left - prev.right for prev, w in zip(line, line[1:])]
        # A column gap is wide for the text and wide for this line (justified lines have even, wide spaces):
        # wider than its other gaps, so a line of two words ("CẦU" of the letterhead, "NAM" of the motto beside
        # it) is judged by the text's gap alone.
        others = sorted(gaps)[:-1]
        limit = max(gap_limit, 3 * median(others)) if others else gap_limit
        segments.extend(split_where(line, lambda prev, w, limit=limit: w.left - prev.right > limit))
    return segments


def _reading_order(segments: list[list[engine.Word]]) -> list[tuple[list[engine.Word], tuple[float, float]]]:
    """Line segments with the (top, left) of the column block each belongs to, for sorting.

    Lines stacked in one narrow column (a letterhead's company name on the left, the national motto and date on
    the right) form a block and are read block by block, as a person reads them, rather than interleaved by
    height. A line that spans several columns closes them.
    """
    def box(seg):
        return (min(w.left for w in seg), min(w.top for w in seg), max(w.right for w in seg),
                max(w.bottom for w in seg))

    ordered = sorted(((box(seg), seg) for seg in segments), key=lambda item: (item[0][1], item[0][0]))
    blocks: list[dict] = []        # {"x0", "x1", "bottom", "key", "open"}
    out = []
    for (x0, y0, x1, y1), seg in ordered:
        height = max(1, y1 - y0)
        width = max(1, x1 - x0)
        home = None
        for blk in blocks:
            if not blk["open"]:
                continue
            overlap = min(x1, blk["x1"]) - max(x0, blk["x0"])
            if overlap <= 0:
                continue
            near = y0 - blk["bottom"] <= 1.5 * height
            bw = blk["x1"] - blk["x0"]
            centred = abs((x0 + x1) / 2 - (blk["x0"] + blk["x1"]) / 2) <= 0.2 * max(width, bw)
            aligned = abs(x0 - blk["x0"]) <= height
            if near and (centred or aligned) and width <= 2.2 * bw:
                if home is None or blk["bottom"] > home["bottom"]:
                    home = blk
            else:
                blk["open"] = False        # a line across this column, or far below it, ends the column
        if home is not None and home["open"]:
            home["x0"], home["x1"] = min(home["x0"], x0), max(home["x1"], x1)
            home["bottom"] = max(home["bottom"], y1)
        else:
            home = {"x0": x0, "x1": x1, "bottom": y1, "key": (y0, x0), "open": True}
            blocks.append(home)
        out.append((seg, home["key"]))
    return out


def _line_conf(words: list[engine.Word]) -> float:
    """A line's confidence: the mean of its words, but no more than its least sure number."""
    mean = sum(w.conf for w in words) / len(words)
    digits = [w.conf for w in words if _DIGIT.search(w.text)]
    return round(min([mean] + digits) / 100.0, 3)


def _cell_text(words: list[engine.Word]) -> tuple[str, float]:
    if not words:
        return "?", 0.0        # ink that reads as nothing: shown, never taken for an empty cell
    lines: dict[tuple[int, int, int], list[engine.Word]] = {}
    for w in words:
        lines.setdefault((w.block, w.par, w.line), []).append(w)
    ordered = sorted(lines.values(), key=lambda ws: min(w.top for w in ws))
    text = "\n".join(" ".join(w.text for w in sorted(ws, key=lambda w: w.left)) for ws in ordered)
    text = unicodedata.normalize("NFC", text)
    digits = [w.conf for w in words if _DIGIT.search(w.text)]
    if digits:
        conf = min(w.conf for w in words)
    else:
        conf = sum(w.conf for w in words) / len(words)
    return clean(text) if "\n" not in text else "\n".join(clean(t) for t in text.split("\n")), conf / 100.0


def _is_dash(shape: tuple[int, int], dpi: int) -> bool:
    """An ink blob that is a short horizontal bar: "-" or "–" in a cell."""
    h, w = shape
    return h <= dpi * 0.035 and 1.5 * h <= w <= dpi * 0.3


def _cell_crops(ink: np.ndarray, erased: np.ndarray, grids: list[gridmod.Grid],
                dpi: int) -> dict[tuple[int, int], np.ndarray]:
    """The inked part of every cell that has ink, keyed by (grid, cell)."""
    inset = max(2, dpi // 100)
    min_ink = max(8, int(60 * (dpi / 300) ** 2))
    crops: dict[tuple[int, int], np.ndarray] = {}
    for gi, gr in enumerate(grids):
        for ci, cell in enumerate(gr.cells):
            x0, y0, x1, y1 = cell.box
            x0, y0, x1, y1 = x0 + inset, y0 + inset, x1 - inset, y1 - inset
            if x1 <= x0 or y1 <= y0:
                continue
            mask = ink[y0:y1, x0:x1]
            if mask.sum() < min_ink:
                continue
            ys, xs = np.nonzero(mask)
            crops[(gi, ci)] = erased[y0 + ys.min():y0 + ys.max() + 1, x0 + xs.min():x0 + xs.max() + 1]
    return crops


def _read_mosaic(crops: dict[tuple[int, int], np.ndarray], dpi: int, timeout: float, *, lang: str = engine.LANG,
                 config: dict[str, str] | None = None,
                 gap: int = MOSAIC_GAP) -> dict[tuple[int, int], list[engine.Word]]:
    """Words of each crop, read in one tesseract call from a mosaic of the crops stacked one under another."""
    if not crops:
        return {}
    width = max(c.shape[1] for c in crops.values()) + 2 * MOSAIC_PAD
    height = sum(c.shape[0] for c in crops.values()) + gap * (len(crops) + 1)
    mosaic = np.full((height, width), 255, dtype=np.uint8)
    bands: list[tuple[int, int, tuple[int, int]]] = []
    y = gap
    for key, crop in crops.items():
        h, w = crop.shape
        mosaic[y:y + h, MOSAIC_PAD:MOSAIC_PAD + w] = crop
        bands.append((y - gap // 2, y + h + gap // 2, key))
        y += h + gap
    words = engine.run_tsv(Image.fromarray(mosaic, "L"), psm=6, dpi=dpi, timeout=timeout, lang=lang, config=config)
    out: dict[tuple[int, int], list[engine.Word]] = {key: [] for key in crops}
    for w in words:
        if _NOISE.match(w.text):
            continue
        for top, bottom, key in bands:
            if top <= w.cy < bottom:
                out[key].append(w)
                break
    return out


_NUMERIC = re.compile(r"^\(?\s*\d[\d.,]*\s*(?:[-–~]\s*\d[\d.,]*)?\s*\)?$")
DOUBT = 0.5          # confidence of a number two readings disagree on: below fields/checks.LOW_CONFIDENCE


def _norm_number(text: str) -> str:
    return re.sub(r"\s+", "", text.replace("–", "-").replace("~", "-"))


_LIST_MARK = re.compile(r"^\d{1,2}[.)]$")      # "2." opening a heading or an item: numbering, not a value
_NUMBER_WORD = re.compile(r"^[(\[]?\d[\d.,/\-–]*[)\].,;:]{0,2}$")     # a number or a date, nothing else


def _number_words(words: list[engine.Word]) -> list[engine.Word]:
    """The words of running text that are numbers (a count, a date, a tax code), list numbering left out."""
    first_of_line = {id(seg[0]) for seg in _line_segments(words)} if words else set()
    return [w for w in words
            if _NUMBER_WORD.match(w.text) and not (id(w) in first_of_line and _LIST_MARK.match(w.text))]


def _check_numbers(grids: list[gridmod.Grid | None], crops: dict[tuple[int, int], np.ndarray],
                   texts: dict[tuple[int, int], tuple[str, float]], words: list[engine.Word], image: np.ndarray,
                   dpi: int, deadline: float) -> None:
    """Read every number a second time, digits only, with another model; keep agreement.

    Tesseract's word confidence is no guarantee for digits (a 9 read as 8 at 0.91), so a number is trusted only
    when two independent readings agree. The numbers of running text (a count in a sentence, the letter's date,
    the tax code) and the cells of numeric table columns are each read in one more tesseract call; the numbers
    the two readings dispute, in two more (`_recheck`, `_settle`).
    """
    lang = CHECK_LANG if CHECK_LANG in engine.available_languages() else engine.LANG
    _check_words(words, image, dpi, deadline, lang)
    _check_codes(words, image, dpi, deadline, lang)
    _check_cells(grids, crops, texts, dpi, deadline, lang)


def _check_words(words: list[engine.Word], image: np.ndarray, dpi: int, deadline: float, lang: str) -> None:
    """Numbers of running text: when the second reading has as many digits and another one somewhere (the
    substitution OCR makes: 9/8, 3/8, 1/7), the word's confidence drops to DOUBT, and with it its line's, unless
    two more readings settle it (`_settle`).

    A second reading that lost or gained a digit says nothing either way: measured on the scan corpora, the
    checking model often drops a lone "7" or the "1" of "17" on a small crop, and never changed a digit that
    the first reading had right.
    """
    numbers = _number_words(words)
    if not numbers:
        return
    pad = max(2, round(dpi * 0.03))
    crops = {(-1, i): image[max(0, w.top - pad):w.bottom + pad, max(0, w.left - pad):w.right + pad]
             for i, w in enumerate(numbers)}
    second = _read_mosaic(crops, dpi, _left(deadline), lang=lang, gap=CHECK_GAP,
                          config={"tessedit_char_whitelist": WORD_CHARS})
    disputed = []
    for i, w in enumerate(numbers):
        mine = re.sub(r"\D", "", w.text)
        other = re.sub(r"\D", "", _joined(second[(-1, i)]))
        if len(other) == len(mine) and other != mine:
            disputed.append(i)
    more = _recheck({(-1, i): crops[(-1, i)] for i in disputed}, dpi, deadline, lang, WORD_CHARS)
    for i in disputed:
        w = numbers[i]
        key = (-1, i)
        readings = [(w.text, w.conf / 100.0), _reading(second[key])] + [_reading(r[key]) for r in more]
        settled = _settle(readings, _digits)
        if settled is None:
            w.conf = min(w.conf, DOUBT * 100)
        else:
            value, conf = settled
            w.text, w.conf = _with_digits(w.text, _digits(value)), conf * 100


# A reference that mixes digits and Latin letters: a letter number ("033/2023/ĐD-HC"), a branch code.
_CODE_WORD = re.compile(r"^(?=(?:\D*\d){2})(?=.*[A-Za-zĐđ])[\w/.\-–()]+[.,;:)]?$")
CODE_SURE = 85        # a code read at least this sure by tesseract is left as it is


def _code_key(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", strip_accents(text).lower())


def _check_codes(words: list[engine.Word], image: np.ndarray, dpi: int, deadline: float, lang: str) -> None:
    """Codes of running text read with doubt: a second reading by the Latin model decides.

    `vie` is unsure of Latin capitals beside digits (the letter number "033/2023/ĐD-HC" at 0.46, every character
    right), which `eng` reads with ease. Where both models give the same characters (accents aside), the code
    is as sure as the surer of the two readings; where the digits differ, it is doubted as a number is.
    """
    codes = [w for w in words if w.conf < CODE_SURE and _CODE_WORD.match(w.text) and not _NUMBER_WORD.match(w.text)]
    if not codes:
        return
    pad = max(2, round(dpi * 0.03))
    crops = {(-2, i): image[max(0, w.top - pad):w.bottom + pad, max(0, w.left - pad):w.right + pad]
             for i, w in enumerate(codes)}
    second = _read_mosaic(crops, dpi, _left(deadline), lang=lang, gap=CHECK_GAP)
    for i, w in enumerate(codes):
        ws = sorted(second[(-2, i)], key=lambda x: x.left)
        other = "".join(x.text for x in ws)
        if not ws:
            continue
        if _code_key(other) == _code_key(w.text):
            w.conf = max(w.conf, min(x.conf for x in ws))
            continue
        mine, theirs = re.sub(r"\D", "", w.text), re.sub(r"\D", "", other)
        if len(mine) == len(theirs) and mine != theirs:
            w.conf = min(w.conf, DOUBT * 100)


def _check_cells(grids: list[gridmod.Grid | None], crops: dict[tuple[int, int], np.ndarray],
                 texts: dict[tuple[int, int], tuple[str, float]], dpi: int, deadline: float, lang: str) -> None:
    """Cells of numeric table columns: when the readings differ the cell keeps a value but its confidence drops
    to DOUBT, so the need built from it is flagged for review, never silently taken."""
    keys: list[tuple[int, int]] = []
    for gi, gr in enumerate(grids):
        if gr is None:                  # a candidate table that was not one
            continue
        for c in range(gr.n_cols):
            column = []
            for r in range(gr.n_rows):
                ci = gr.owner[(r, c)]
                if gr.cells[ci].col == c and gr.cells[ci].row == r and (gi, ci) in crops:
                    column.append((gi, ci))
            numeric = [k for k in column if _NUMERIC.match(texts[k][0])]
            if len(numeric) < 2 or len(numeric) < 0.4 * len(column):
                continue
            first = column.index(numeric[0])
            keys.extend(k for k in column[first:] if texts[k][0] != "-")
    if not keys:
        return
    checked = {k: crops[k] for k in keys}
    second = _read_mosaic(checked, dpi, _left(deadline), lang=lang, config={"tessedit_char_whitelist": CELL_CHARS})
    readings = {k: (texts[k], _reading(second.get(k) or [])) for k in keys}
    disputed = [k for k, ((text, _), (other, _)) in readings.items()
                if _NUMERIC.match(text) and _norm_number(text) != _norm_number(other)]
    more = _recheck({k: crops[k] for k in disputed}, dpi, deadline, lang, CELL_CHARS)
    for key in keys:
        (text, conf), (other, other_conf) = readings[key]
        other = _norm_number(other)
        if other and _norm_number(text) == other:
            texts[key] = (text, min(conf, max(other_conf, conf)))
        elif key in disputed:
            if _norm_number(_with_digits(text, _digits(other))) != other:
                other, other_conf = "", 0.0     # not the same number with other digits: not a candidate
            settled = _settle([(text, conf), (other, other_conf)] + [_reading(r[key]) for r in more],
                              _norm_number)
            if settled is None:
                texts[key] = (text, min(conf, DOUBT))
            else:
                texts[key] = (_with_digits(text, _digits(settled[0])), settled[1])
        elif other and _NUMERIC.match(other):
            texts[key] = (other, min(other_conf, DOUBT))      # the first reading was not a number at all
        else:
            texts[key] = (text, min(conf, DOUBT))


def _joined(words: list[engine.Word]) -> str:
    return " ".join(w.text for w in sorted(words, key=lambda w: w.left))


def _reading(words: list[engine.Word]) -> tuple[str, float]:
    """A crop's reading as (text, confidence 0-1): the least sure of its words."""
    return _joined(words), min((w.conf for w in words), default=0.0) / 100.0


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _with_digits(text: str, digits: str) -> str:
    """`text` with its digits replaced, in order, by `digits`: ("18 người", "15") -> "15 người". Unchanged when
    the counts differ."""
    if len(digits) != len(_digits(text)):
        return text
    it = iter(digits)
    return re.sub(r"\d", lambda m: next(it), text)


def _recheck(crops: dict[tuple[int, int], np.ndarray], dpi: int, deadline: float, lang: str,
             chars: str) -> list[dict[tuple[int, int], list[engine.Word]]]:
    """Two more readings of the numbers the first two disagree on, digits only, by `vie` and by the checking
    model, in a mosaic of those crops alone: away from the neighbours whose company misled a reading (the same
    cell that `vie` reads 8 among the whole table's cells, it reads 9 among the numbers only).

    Not enlarged: measured, tesseract reads these crops worse at 1.5 or 2 times their size ("25" as "295").
    None when the checking model is `vie` itself (no independent reading to be had) or the page's time is
    nearly spent: the disputed numbers then simply stay doubted.
    """
    if not crops or lang == engine.LANG or deadline - time.monotonic() < RECHECK_MIN_SECONDS:
        return []
    config = {"tessedit_char_whitelist": chars}
    try:
        return [_read_mosaic(crops, dpi, _left(deadline), lang=model, config=config, gap=CHECK_GAP)
                for model in (engine.LANG, lang)]
    except engine.OcrError:
        return []


def _settle(readings: list[tuple[str, float]], key) -> tuple[str, float] | None:  # noqa: ANN001
    """The value of a disputed number when the readings settle it, with its confidence; None when they do not.

    `readings` are (text, confidence 0-1): the first reading (`vie`, the page's cells or lines), the second (the
    checking model, digits only) and the two of `_recheck`. A value is taken only when the two later readings
    agree with each other and with the first or the second: three readings of four, by both models. Measured
    on the 62 scanned pages of the corpora: of 411 table counts the first two readings agree on, each model
    reading a cell alone substituted a digit once, never both alike; of the disputed counts, the 8 read for a 9
    and the 18 for a 15 were settled right, and a 52 that vie read twice where eng read 57 twice stayed
    doubted.
    Its confidence is the least of the three; under DOUBT, the number stays doubted. Anything else (the later
    readings disagree, read nothing, or agree on a third value) keeps the doubt: a flag, never a guess.
    """
    if len(readings) < 4:
        return None
    (first, c1), (second, c2), (third, c3), (fourth, c4) = readings[:4]
    agreed = key(third)
    if not agreed or key(fourth) != agreed:
        return None
    for text, conf in ((first, c1), (second, c2)):
        if text and key(text) == agreed:
            sure = min(conf, c3, c4)
            return (text, sure) if sure >= DOUBT else None
    return None
