"""PDF reader for documents with a text layer: pdfplumber words, lines and ruled tables, page by page.

Each page is closed once read, so memory stays flat on long files. Lines are split where a wide gap
separates two columns (the letterhead puts the company on the left and the national motto on the right).
Pages without a usable text layer are handed to OCR when it is available, otherwise reported.
"""
from __future__ import annotations

import re
from itertools import groupby
from pathlib import Path
from statistics import median

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfplumber.utils import extract_text

from extractors import progress
from extractors.geometry import split_where
from extractors.model import Cell, DocumentContent, Paragraph, Table, UnreadableDocument
from extractors.readers.pdf_ocr_reader import ocr_pdf_pages
from extractors.readers.pdf_word_tables import word_tables
from extractors.text import legacy
from extractors.text.normalize import clean, fold
from schemas import FlagCode

MEDIA_TYPE = "application/pdf"
# Two characters further apart than this share of their size are two words. pdfplumber's default (3 points
# whatever the size) joins words that a generator placed one by one without a space character between them:
# a space of a 12-point Times is 3 points ("Vịtrícôngviệc").
WORD_GAP = 0.2
MIN_CHARS_PER_PAGE = 25          # fewer characters than this on a page means "no text layer" (a scan)
_CID_RE = re.compile(r"\(cid:\d+\)")
_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "snap_tolerance": 3,
                   "intersection_tolerance": 3}


class PdfTextReader:
    media_type = MEDIA_TYPE

    def accepts(self, path: Path, head: bytes) -> bool:
        return b"%PDF-" in head[:1024]

    def read(self, path: Path, *, max_pages: int | None = None) -> DocumentContent:
        blocks: list[Paragraph | Table] = []
        scanned_pages: list[int] = []
        legacy_seen: str | None = None
        try:
            pdf = pdfplumber.open(str(path))
        except PDFPasswordIncorrect as exc:
            raise UnreadableDocument(FlagCode.encrypted, "Tệp PDF được đặt mật khẩu, không đọc được.") from exc
        except Exception as exc:  # pdfplumber wraps pdfminer's errors: look at the wrapped one
            inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
            if isinstance(inner, PDFPasswordIncorrect) or "encrypt" in type(inner).__name__.lower() \
                    or "password" in repr(inner).lower():
                raise UnreadableDocument(FlagCode.encrypted, "Tệp PDF được đặt mật khẩu, không đọc được.") from exc
            raise UnreadableDocument(FlagCode.corrupt_file,
                                     f"Tệp PDF bị hỏng, không mở được ({type(exc).__name__}).") from exc
        with pdf:
            try:
                n_pages = len(pdf.pages)
            except Exception as exc:
                raise UnreadableDocument(FlagCode.corrupt_file,
                                         "Tệp PDF bị hỏng (không đọc được danh sách trang).") from exc
            if n_pages == 0:
                raise UnreadableDocument(FlagCode.empty_file, "Tệp PDF không có trang nào.")
            heights: dict[int, float] = {}
            for number, page in enumerate(pdf.pages, start=1):
                if max_pages is not None and number > max_pages:
                    break
                progress.allow(progress.TEXT_PAGE_SECONDS)
                try:
                    heights[number] = float(page.height)
                    page_blocks, usable, encoding = _read_page(page, number, len(blocks))
                except UnreadableDocument:
                    raise
                except Exception as exc:  # one broken page must not hide the others
                    page_blocks, usable, encoding = [], False, None
                    blocks_warning = f"trang {number}: {type(exc).__name__}"
                    blocks.append(Paragraph(text="", index=len(blocks), page=number, confidence=0.0,
                                            part="error:" + blocks_warning))
                finally:
                    page.close()
                legacy_seen = legacy_seen or encoding
                if not usable:
                    scanned_pages.append(number)
                blocks.extend(page_blocks)
        blocks = [b for b in blocks if not (isinstance(b, Paragraph) and b.part.startswith("error:"))]
        _mark_running_lines(blocks, heights)
        ocr = ocr_pdf_pages(path, scanned_pages) if scanned_pages else None
        if ocr is not None:
            scanned_pages = [n for n in scanned_pages if n not in ocr.pages]
            for page_blocks in ocr.pages.values():
                blocks.extend(page_blocks)
            blocks.sort(key=lambda b: b.page or 0)       # stable: each page keeps its own order
        for i, b in enumerate(blocks):
            b.index = i
        content = DocumentContent(media_type=MEDIA_TYPE, blocks=blocks, pages=n_pages, legacy_encoding=legacy_seen,
                                  ocr_used=bool(ocr and ocr.pages))
        if ocr is not None:
            content.warnings.extend(ocr.warnings())
        if scanned_pages:
            content.warnings.append("scanned_pages:" + ",".join(map(str, scanned_pages)))
        return content


RUNNING_ZONE = 0.15      # the top and bottom share of a page where a repeated line is the page's header or footer


def _mark_running_lines(blocks: list, heights: dict[int, float]) -> None:
    """Lines repeated near the top or the bottom of two pages or more (the page's own number aside) are the
    pages' running header or footer ("CÔNG TY ... - Hotline: 1900 6868", "Trang 2/3"), whatever their distance
    from the edge: they are marked `header`/`footer`, out of the running text, as Word's own are. The first page's
    top lines stay where they are: there they are the letterhead."""
    zones: dict[tuple[str, str], set[int]] = {}
    placed = []
    for block in blocks:
        height = heights.get(block.page or 0)
        if not isinstance(block, Paragraph) or block.part != "body" or not block.bbox or not height or not block.text:
            continue
        zone = "header" if block.bbox[3] < height * RUNNING_ZONE else \
            "footer" if block.bbox[1] > height * (1 - RUNNING_ZONE) else None
        if zone is None:
            continue
        # the page's own number may differ ("Trang 2/3"); any other number must repeat (list items do not)
        key = (zone, re.sub(rf"(?<!\d){block.page}(?!\d)", "#", fold(block.text)).strip())
        zones.setdefault(key, set()).add(block.page)
        placed.append((key, block))
    for key, block in placed:
        if len(zones[key]) >= 2 and not (key[0] == "header" and block.page == 1):
            block.part = key[0]


def _read_page(page, number: int, first_index: int) -> tuple[list, bool, str | None]:
    chars = page.chars
    text_chars = [c for c in chars if c.get("text", "").strip()]
    if len(text_chars) < MIN_CHARS_PER_PAGE and _mostly_image(page):
        return [], False, None
    sample = "".join(c["text"] for c in text_chars[:2000])
    if len(_CID_RE.findall(sample)) * 5 > len(sample) / 5 or sample.count("\ufffd") > len(sample) / 10:
        return [], False, None   # a text layer that is only glyph ids: unusable, like a scan

    encoding = None
    fonts = {c.get("fontname") for c in text_chars[:500]}
    for font in fonts:
        encoding = encoding or legacy.font_encoding(_base_font(font))

    tables = []
    try:
        for found in page.find_tables(_TABLE_SETTINGS):
            rows = _table_grid(found)
            if len(rows) >= 2 and max(len(r) for r in rows) >= 2:
                tables.append((found.bbox, rows))
    except Exception:
        tables = []

    def in_table(word) -> bool:
        cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
        return any(x0 - 1 <= cx <= x1 + 1 and top - 1 <= cy <= bottom + 1 for (x0, top, x1, bottom), _ in tables)

    words = [_with_font(w) for w in page.extract_words(keep_blank_chars=False, use_text_flow=False,
                                                        x_tolerance_ratio=WORD_GAP, return_chars=True)]
    words = [w for w in words if not in_table(w)]
    motto = _motto_column(words)
    segments = _segments(words, motto)
    items: list[tuple[float, object]] = []
    if len(segments) >= 3:
        rules = [(e["x0"], e["x1"], e["top"]) for e in page.edges if e.get("orientation") == "h"]
        body_lines = [[w for seg in line for w in seg]
                      for line in _lines_of(seg for seg in segments if seg[0]["top"] < float(page.height) * 0.92)]
        for found in word_tables(body_lines, rules, skip_above=motto[1] if motto else 0.0):
            taken = {id(w) for w in found.words}
            segments = [seg for seg in segments if not any(id(w) in taken for w in seg)]
            cells = [[Cell(clean(_decode_cell(c.text, encoding)), bbox=c.bbox) for c in row] for row in found.rows]
            items.append((found.bbox[1], Table(rows=cells, index=0, page=number, bbox=found.bbox)))
    for segment in segments:
        text = " ".join(_word_text(w) for w in segment)
        bbox = (min(w["x0"] for w in segment), min(w["top"] for w in segment),
                max(w["x1"] for w in segment), max(w["bottom"] for w in segment))
        part = "body"
        if bbox[1] > float(page.height) * 0.92:
            part = "footer"
        elif bbox[3] < float(page.height) * 0.05:
            part = "header"
        bold = all(w.get("bold") for w in segment)
        items.append((bbox[1], Paragraph(text=clean(text), index=0, page=number, bbox=bbox, part=part, bold=bold)))
    for bbox, rows in tables:
        decoded = [[Cell(clean(_decode_cell(c.text, encoding)), origin=c.origin, bbox=c.bbox) for c in row]
                   for row in rows]
        items.append((bbox[1], Table(rows=decoded, index=0, page=number, bbox=tuple(bbox))))
    items.sort(key=lambda item: (round(item[0], 0), item[1].bbox[0] if item[1].bbox else 0))
    blocks = [b for _, b in items if not (isinstance(b, Paragraph) and not b.text)]
    for i, b in enumerate(blocks):
        b.index = first_index + i
    return blocks, True, encoding


def _mostly_image(page) -> bool:
    """A page whose area is largely covered by images: a scanned page."""
    try:
        area = float(page.width * page.height) or 1.0
        covered = sum(max(0.0, (i["x1"] - i["x0"]) * (i["bottom"] - i["top"])) for i in page.images)
    except Exception:
        return True
    return covered / area > 0.3


_BOLD_FONT = re.compile(r"bold|black|heavy|demi|semibold|,b$|-bd$", re.I)


def _base_font(fontname: str | None) -> str | None:
    if not fontname:
        return None
    return fontname.split("+", 1)[1] if "+" in fontname[:8] else fontname


def _with_font(word: dict) -> dict:
    """A word as pdfplumber cut it by position alone, with the fonts of its characters.

    Words are not cut where the font changes: a renderer that lacks a glyph ("ượ" in Liberation Serif) takes it
    from a fallback font in the middle of a word, and cutting there gave "D ượ c sĩ" for "Dược sĩ". The word keeps
    its runs of one font each (a TCVN3 run is decoded with its own font), its main font and its size.
    """
    chars = word.pop("chars", None) or []
    runs = [(font, "".join(ch.get("text", "") for ch in group)) for font, group in groupby(chars, key=_fontname)]
    if runs and "".join(text for _, text in runs) == word["text"]:
        word["runs"] = runs
    weights: dict = {}
    for font, text in runs:
        weights[font] = weights.get(font, 0) + len(text)
    word["fontname"] = max(weights, key=weights.get) if weights else None
    # Every character in a bold font: every run's font is bold (each font is tested once, not once a character).
    word["bold"] = bool(chars) and all(_BOLD_FONT.search(font or "") for font in weights)
    sizes = [ch.get("size") for ch in chars if ch.get("size")]
    word["size"] = median(sizes) if sizes else None
    return word


def _fontname(char: dict) -> str | None:
    return char.get("fontname")


def _word_text(word) -> str:
    return "".join(_run_text(font, text) for font, text in word.get("runs") or [(word.get("fontname"), word["text"])])


def _run_text(fontname: str | None, text: str) -> str:
    encoding = legacy.font_encoding(_base_font(fontname))
    if encoding:
        return legacy.decode(text, encoding, uppercase=legacy.is_uppercase_font(_base_font(fontname)))
    return text


def _decode_cell(text: str, encoding: str | None) -> str:
    return legacy.decode(text, encoding) if encoding else text


def _motto_column(words: list[dict]) -> tuple[float, float] | None:
    """(x, bottom) of the national motto ("CỘNG HÒA XÃ HỘI ...", "Độc lập - Tự do ...") in the letterhead.

    The letterhead is two columns, the enterprise on the left and the motto on the right; a long company name
    wraps onto the motto's lines with no wide gap, so the letterhead's lines are split at the motto's left edge.
    """
    found: list[dict] = []
    for first, second in zip(words, words[1:]):
        pair = (fold(first["text"]), fold(second["text"]))
        if pair in (("cong", "hoa"), ("doc", "lap")) and abs(first["top"] - second["top"]) < 2:
            found.append(first)
    if not found:
        return None
    x = min(w["x0"] for w in found)
    bottom = max(w["bottom"] for w in found) + 40   # the place and date line sits under the motto
    return x - 2, bottom


def _segments(words: list[dict], motto: tuple[float, float] | None = None) -> list[list[dict]]:
    """Words grouped into lines (by baseline) and lines split at wide gaps into column segments."""
    if not words:
        return []
    words = sorted(words, key=lambda w: (w["top"], w["x0"]))
    lines: list[list[dict]] = []
    for w in words:
        if lines and abs(lines[-1][0]["top"] - w["top"]) <= max(2.0, 0.35 * (w["bottom"] - w["top"])):
            lines[-1].append(w)
        else:
            lines.append([w])
    sizes = [w.get("size") or (w["bottom"] - w["top"]) for w in words]
    gap_limit = 2.2 * (median(sizes) if sizes else 10.0)
    segments: list[list[dict]] = []
    for line in lines:
        line.sort(key=lambda w: w["x0"])
        in_letterhead = motto is not None and line[0]["top"] <= motto[1]

        def breaks(prev, w, in_letterhead=in_letterhead):
            crosses_motto = in_letterhead and prev["x0"] < motto[0] <= w["x0"]
            return w["x0"] - prev["x1"] > gap_limit or crosses_motto

        segments.extend(split_where(line, breaks))
    return segments


def _lines_of(segments) -> list[list[list[dict]]]:
    """Segments (in the order _segments gives them, line by line) grouped back into their lines."""
    lines: list[list[list[dict]]] = []
    for seg in segments:
        if lines and abs(lines[-1][0][0]["top"] - seg[0]["top"]) <= 2.0:
            lines[-1].append(seg)
        else:
            lines.append([seg])
    return lines


def _cell_texts(found) -> list[list[str | None]]:
    """What pdfplumber's `Table.extract()` gives (each cell's characters, by their centre, read by the same
    `extract_text`), at a third of its cost: extract() tests every character of the page against every row of the
    table. Here each centre is computed once, and the characters outside the table are left out first (a row lies
    inside the table's box, so none of them could be in a row)."""
    x0, top, x1, bottom = found.bbox
    chars = []
    for char in found.page.chars:
        v_mid, h_mid = (char["top"] + char["bottom"]) / 2, (char["x0"] + char["x1"]) / 2
        if x0 <= h_mid < x1 and top <= v_mid < bottom:
            chars.append((v_mid, h_mid, char))
    out: list[list[str | None]] = []
    for row in found.rows:
        rx0, rtop, rx1, rbottom = row.bbox
        row_chars = [c for c in chars if rx0 <= c[1] < rx1 and rtop <= c[0] < rbottom]
        texts: list[str | None] = []
        for cell in row.cells:
            if cell is None:
                texts.append(None)
                continue
            cx0, ctop, cx1, cbottom = cell
            cell_chars = [char for v_mid, h_mid, char in row_chars if cx0 <= h_mid < cx1 and ctop <= v_mid < cbottom]
            texts.append(extract_text(cell_chars) if cell_chars else "")
        out.append(texts)
    return out


def _table_grid(found) -> list[list[Cell]]:
    """The table's text as a rectangular grid; cells covered by a merged cell repeat its text."""
    raw = _cell_texts(found)
    if not raw:
        return []
    cell_boxes = [c for c in found.cells]
    row_objs = found.rows
    grid: list[list[Cell]] = []
    texts: dict[tuple, str] = {}
    for r, row in enumerate(row_objs):
        for c, box in enumerate(row.cells):
            if box is not None and r < len(raw) and c < len(raw[r]):
                texts[tuple(box)] = raw[r][c] or ""
    col_edges = [(col.bbox[0], col.bbox[2]) for col in found.columns]
    for r, row in enumerate(row_objs):
        out: list[Cell] = []
        for c, box in enumerate(row.cells):
            if box is not None:
                out.append(Cell(texts.get(tuple(box), ""), bbox=tuple(box)))
                continue
            # A slot covered by a merged cell: find the cell whose box contains the slot's centre.
            cy = (row.bbox[1] + row.bbox[3]) / 2
            cx = (col_edges[c][0] + col_edges[c][1]) / 2 if c < len(col_edges) else None
            owner = None
            if cx is not None:
                for b in cell_boxes:
                    if b[0] - 1 <= cx <= b[2] + 1 and b[1] - 1 <= cy <= b[3] + 1:
                        owner = b
                        break
            out.append(Cell(texts.get(tuple(owner), "") if owner else "", origin=False,
                            bbox=tuple(owner) if owner else None))
        grid.append(out)
    return grid
