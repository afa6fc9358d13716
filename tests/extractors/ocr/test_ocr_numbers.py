"""Numbers read twice, and disputes settled by two more readings: a misread digit is corrected only when three
readings of four (both models, two scales) agree; anything short of that keeps the number doubted. Images are
drawn here and read by the real Tesseract."""
from __future__ import annotations

import time

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors.ocr import engine, ocr_available
from extractors.ocr.grid import Grid, GridCell
from extractors.ocr.page import DOUBT, _check_cells, _check_words, _norm_number, _settle, _with_digits

if not ocr_available():
    pytest.fail("Tesseract with the 'vie' model is not installed (apt-get install tesseract-ocr tesseract-ocr-vie)",
                pytrace=False)

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
CHECK = "eng" if "eng" in engine.available_languages() else None


def _copy(word: engine.Word, **changes) -> engine.Word:
    return engine.Word(**{**{f: getattr(word, f) for f in word.__slots__}, **changes})


def test_settle_takes_a_value_only_when_three_readings_of_four_agree():
    first, second = ("18", 0.81), ("15", 0.97)
    assert _settle([first, second, ("15", 0.96), ("15", 0.95)], _norm_number) == ("15", 0.95)
    assert _settle([("52", 0.96), ("6", 0.7), ("52", 0.9), ("52", 0.8)], _norm_number) == ("52", 0.8)
    # the later readings disagree, read nothing, or agree on a third value: no value
    assert _settle([first, second, ("15", 0.96), ("18", 0.95)], _norm_number) is None
    assert _settle([first, second, ("", 0.0), ("", 0.0)], _norm_number) is None
    assert _settle([first, second, ("16", 0.96), ("16", 0.95)], _norm_number) is None
    # agreement tesseract itself doubts is no agreement
    assert _settle([first, second, ("15", 0.3), ("15", 0.95)], _norm_number) is None
    # no more readings (the page's time spent, no second model): no value
    assert _settle([first, second], _norm_number) is None


def test_with_digits_replaces_digits_in_place_or_not_at_all():
    assert _with_digits("18 người", "15") == "15 người"
    assert _with_digits("15 - 18", "1619") == "16 - 19"
    assert _with_digits("18", "150") == "18"


def _column(texts: list[str]) -> tuple[Grid, dict, np.ndarray]:
    """A one-column table of numbers printed one under another (200 dpi, about 12 pt): its grid and the ink of
    each cell, keyed as the page reader keys them."""
    font = ImageFont.truetype(FONT, 34)
    image = Image.new("L", (400, 90 * len(texts) + 40), 255)
    draw = ImageDraw.Draw(image)
    boxes = [tuple(int(v) for v in draw.textbbox((40, 30 + 90 * i), t, font=font)) for i, t in enumerate(texts)]
    for i, text in enumerate(texts):
        draw.text((40, 30 + 90 * i), text, font=font, fill=0)
    g = np.asarray(image)
    cells = [GridCell(row=r, col=0, box=(x0 - 10, y0 - 10, x1 + 10, y1 + 10), slots=[(r, 0)])
             for r, (x0, y0, x1, y1) in enumerate(boxes)]
    grid = Grid(rows=[c.box[1] for c in cells] + [cells[-1].box[3]], cols=[0, 400], cells=cells,
                owner={(r, 0): r for r in range(len(cells))})
    crops = {(0, r): g[y0:y1 + 1, x0:x1 + 1] for r, (x0, y0, x1, y1) in enumerate(boxes)}
    return grid, crops, g


@pytest.mark.skipif(CHECK is None, reason="no second model (eng) installed")
def test_a_misread_count_in_a_table_is_corrected_when_the_later_readings_agree():
    """A column "17 / 15 / 8" whose first reading took the 5 for an 8 (as vie did in a scan's mosaic of cells):
    the checking model and then both models on that cell alone read 15, so the cell is 15 and sure;
    the cells the first two readings agree on are left as they were."""
    grid, crops, _ = _column(["17", "15", "8"])
    texts = {(0, 0): ("17", 0.97), (0, 1): ("18", 0.81), (0, 2): ("8", 0.96)}
    _check_cells([grid], crops, texts, 200, time.monotonic() + 120, CHECK)
    assert texts[(0, 1)][0] == "15" and texts[(0, 1)][1] > DOUBT
    assert texts[(0, 0)] == ("17", 0.97) and texts[(0, 2)] == ("8", 0.96)


def test_without_an_independent_model_a_disputed_cell_stays_doubted():
    """The same misread cell checked with vie only (no second model to settle it): doubted, value unchanged."""
    grid, crops, _ = _column(["17", "15", "8"])
    texts = {(0, 0): ("17", 0.97), (0, 1): ("18", 0.81), (0, 2): ("8", 0.96)}
    _check_cells([grid], crops, texts, 200, time.monotonic() + 120, engine.LANG)
    assert texts[(0, 1)] == ("18", DOUBT)


def test_a_number_in_running_text_read_two_ways_differently_is_settled_or_doubted():
    """The second reading of running-text numbers: a substituted digit is corrected when the two later readings
    agree with the second, and doubted when they cannot be had; agreement, or a checker that merely lost a
    digit, leaves the word as it was."""
    font = ImageFont.truetype(FONT, 36)
    image = Image.new("L", (900, 120), 255)
    ImageDraw.Draw(image).text((20, 30), "cần tuyển 25 công nhân", font=font, fill=0)
    words = engine.run_tsv(image, psm=6, dpi=200)
    count = next(w for w in words if w.text == "25")
    assert count.conf > 80
    right, wrong = _copy(count), _copy(count, text="26")          # the second: a misreading
    doubted = _copy(count, text="26")
    _check_words([doubted], np.asarray(image), 200, time.monotonic() + 60, engine.LANG)
    assert (doubted.text, doubted.conf) == ("26", DOUBT * 100)
    if CHECK is None:
        return
    _check_words([right, wrong], np.asarray(image), 200, time.monotonic() + 60, CHECK)
    assert right.conf == count.conf and right.text == "25"
    assert wrong.text == "25" and wrong.conf > DOUBT * 100
