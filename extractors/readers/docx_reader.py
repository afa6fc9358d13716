"""DOCX reader: paragraphs and tables in document order, straight from the WordprocessingML.

python-docx opens the package (and parses it with entities disabled); we walk the XML ourselves because
`paragraph.text` drops text boxes, content controls, tracked insertions and nested tables, and because
legacy-font runs (TCVN3, VNI) must be decoded run by run.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

from extractors.model import Cell, DocumentContent, Paragraph, Table, UnreadableDocument
from extractors.readers.docx_numbering import Numbering
from extractors.text import legacy
from extractors.text.normalize import clean
from schemas import FlagCode

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_UNCOMPRESSED = 300 * 1024 * 1024   # a zip bomb guard: real letters are a few MB at most
MAX_RATIO = 200
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

T, TAB, BR, CR, P, R, TBL, TR, TC, SDT, SDTCONTENT = (qn(x) for x in (
    "w:t", "w:tab", "w:br", "w:cr", "w:p", "w:r", "w:tbl", "w:tr", "w:tc", "w:sdt", "w:sdtContent"))
TXBX = qn("w:txbxContent")
SKIP_TAGS = {qn(x) for x in ("w:del", "w:delText", "w:instrText", "w:pPr", "w:rPr", "w:tblPr", "w:tcPr", "w:trPr",
                             "w:moveFrom", "w:fldData")} | {f"{{{_MC}}}Fallback"}


class DocxReader:
    media_type = MEDIA_TYPE

    def accepts(self, path: Path, head: bytes) -> bool:
        if head.startswith(b"PK"):
            return path.suffix.lower() in (".docx", ".docm", ".dotx") or _has_word_part(path)
        return head.startswith(_OLE_MAGIC) and path.suffix.lower() in (".docx", ".doc")

    def read(self, path: Path, *, max_pages: int | None = None) -> DocumentContent:  # DOCX has no pages
        _precheck(path)
        try:
            document = Document(str(path))
        except Exception as exc:  # python-docx raises many kinds on broken packages
            raise UnreadableDocument(FlagCode.corrupt_file,
                                     f"Tệp DOCX bị hỏng, không mở được ({type(exc).__name__}).") from exc
        walker = _Walker(_Fonts(document), Numbering(document), _bold_styles(document))
        for part in _header_footer_parts(document, "header"):
            walker.walk_container(part.element, part="header")
        walker.walk_container(document.element.body, part="body")
        for part in _header_footer_parts(document, "footer"):
            walker.walk_container(part.element, part="footer")
        content = DocumentContent(media_type=MEDIA_TYPE, blocks=_tab_tables(walker.blocks, walker.tab_fields), pages=None,
                                  legacy_encoding=walker.legacy_seen)
        return content


_TAB_CELL = re.compile(r"^\s*[\d.,\-–]+\s*$")


def _tab_tables(blocks: list, tab_fields: dict[int, list[str]]) -> list:
    """Columns aligned with tabs instead of a table ("Vị trí\tTrình độ\tNăm 2023" over "Thợ hàn\tTrung cấp\t20"):
    two or more consecutive body paragraphs cut by tabs into the same number of fields (three or more), one of
    them holding a number alone, are the rows of a table, and are read as one. Blocks are renumbered."""
    out: list = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        fields = tab_fields.get(id(b), []) if getattr(b, "part", None) == "body" else []
        j = i + 1
        if len(fields) >= 3:
            while j < len(blocks) and getattr(blocks[j], "part", None) == "body" \
                    and len(tab_fields.get(id(blocks[j]), [])) == len(fields):
                j += 1
        rows = [tab_fields[id(x)] for x in blocks[i:j]] if j - i >= 2 else []
        if rows and any(_TAB_CELL.match(f) for row in rows[1:] for f in row[1:]):
            out.append(Table(rows=[[Cell(f) for f in row] for row in rows], index=0))
            i = j
            continue
        out.append(b)
        i += 1
    if len(out) != len(blocks):
        for k, block in enumerate(out):
            block.index = k
    return out


def _has_word_part(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as zf:
            return "word/document.xml" in zf.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def _precheck(path: Path) -> None:
    """Reject encrypted, legacy, bomb and DTD-carrying packages before any XML parser sees them."""
    with open(path, "rb") as fh:
        head = fh.read(8)
        if head.startswith(_OLE_MAGIC):
            data = fh.read(4 * 1024 * 1024)
            if "EncryptedPackage".encode("utf-16-le") in data:
                raise UnreadableDocument(FlagCode.encrypted, "Tệp DOCX được đặt mật khẩu, không đọc được.")
            raise UnreadableDocument(FlagCode.unsupported_format,
                                     "Tệp Word 97-2003 (.doc) chưa được hỗ trợ; đề nghị lưu lại dưới dạng DOCX hoặc PDF.")
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnreadableDocument(FlagCode.corrupt_file, "Tệp DOCX bị hỏng (không phải gói ZIP hợp lệ).") from exc
    with zf:
        infos = zf.infolist()
        if "word/document.xml" not in {i.filename for i in infos}:
            raise UnreadableDocument(FlagCode.corrupt_file,
                                     "Tệp không có nội dung văn bản Word (thiếu word/document.xml).")
        total = sum(i.file_size for i in infos)
        if total > MAX_UNCOMPRESSED or any(
                i.compress_size and i.file_size > 10 * 1024 * 1024 and i.file_size / i.compress_size > MAX_RATIO
                for i in infos):
            raise UnreadableDocument(FlagCode.too_large,
                                     "Tệp DOCX giải nén quá lớn (nghi là tệp độc hại), không xử lý.")
        for info in infos:
            if not info.filename.endswith((".xml", ".rels")):
                continue
            try:
                with zf.open(info) as part:
                    head = part.read(4096)
            except Exception as exc:  # CRC errors, unsupported compression
                raise UnreadableDocument(FlagCode.corrupt_file, f"Tệp DOCX bị hỏng ({info.filename}).") from exc
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise UnreadableDocument(FlagCode.corrupt_file,
                                         "Tệp DOCX chứa khai báo DTD/thực thể XML không hợp lệ, không xử lý.")


def _header_footer_parts(document, kind: str) -> list:
    parts, seen = [], set()
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/" + kind) and not rel.is_external and id(rel.target_part) not in seen:
            seen.add(id(rel.target_part))
            parts.append(rel.target_part)
    return parts


class _Fonts:
    """Resolves the font of a run (run, paragraph style chain, document defaults): only to spot legacy fonts."""

    def __init__(self, document):
        self.default: str | None = None
        self.style_font: dict[str, str | None] = {}
        try:
            styles = document.styles.element
        except Exception:
            return
        defaults = styles.find(qn("w:docDefaults"))
        if defaults is not None:
            self.default = _rfonts(defaults.find(".//" + qn("w:rFonts")))
        self.style_font = _styles_inherit(styles, lambda rpr: _rfonts(rpr.find(qn("w:rFonts"))))

    def of_run(self, run, paragraph_style: str | None) -> str | None:
        rpr = run.find(qn("w:rPr"))
        if rpr is not None:
            font = _rfonts(rpr.find(qn("w:rFonts")))
            if font:
                return font
            rstyle = rpr.find(qn("w:rStyle"))
            if rstyle is not None and self.style_font.get(rstyle.get(qn("w:val"))):
                return self.style_font[rstyle.get(qn("w:val"))]
        if paragraph_style and self.style_font.get(paragraph_style):
            return self.style_font[paragraph_style]
        return self.style_font.get("Normal") or self.default


def _rfonts(el) -> str | None:
    if el is None:
        return None
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        value = el.get(qn(attr))
        if value:
            return value
    return None


class _Walker:
    def __init__(self, fonts: _Fonts, numbering: Numbering, bold_styles: frozenset[str] = frozenset()):
        self.fonts = fonts
        self.numbering = numbering
        self.bold_styles = bold_styles
        self.blocks: list[Paragraph | Table] = []
        self.legacy_seen: str | None = None
        self._pending_textboxes: list = []
        self.tab_fields: dict[int, list[str]] = {}     # id(paragraph) -> its text cut at tabs

    # -- containers -------------------------------------------------------------------------------------
    def walk_container(self, element, part: str, depth: int = 0) -> None:
        for child in element:
            tag = child.tag
            if tag == P:
                self._add_paragraph(child, part)
            elif tag == TBL:
                self._add_table(child, part, depth)
            elif tag == SDT:
                content = child.find(SDTCONTENT)
                if content is not None:
                    self.walk_container(content, part, depth)
            elif tag in (qn("w:ins"), qn("w:customXml"), qn("w:smartTag"), qn("w:moveTo")):
                self.walk_container(child, part, depth)

    def _add_paragraph(self, p, part: str) -> None:
        raw = self.numbered_text(p)
        text = clean(raw)
        if text:
            self.blocks.append(Paragraph(text=text, index=len(self.blocks), part=part,
                                         bold=_all_bold(p, self.bold_styles)))
            if "\t" in raw.strip() and "\n" not in raw.strip():
                self.tab_fields[id(self.blocks[-1])] = [clean(f) for f in re.split(r"\t+", raw.strip())]
        self._flush_textboxes()

    def _flush_textboxes(self) -> None:
        boxes, self._pending_textboxes = self._pending_textboxes, []
        for box in boxes:
            self.walk_container(box, part="textbox")

    # -- paragraphs ------------------------------------------------------------------------------------------
    def numbered_text(self, p) -> str:
        """The paragraph's text behind its automatic number or bullet, as Word shows it ("1. Nhu cầu ...")."""
        text = self.paragraph_text(p)
        label = self.numbering.label(p, _style_of(p))
        return f"{label} {text}" if label and text.strip() else text

    def paragraph_text(self, p) -> str:
        style = _style_of(p)
        pieces: list[str] = []
        self._collect(p, style, pieces)
        return "".join(pieces)

    def _collect(self, element, style: str | None, pieces: list[str]) -> None:
        for child in element:
            tag = child.tag
            if tag in SKIP_TAGS:
                continue
            if tag == R:
                pieces.append(self._run_text(child, style))
            elif tag == TXBX:
                self._pending_textboxes.append(child)
            elif tag == P:  # a paragraph nested in a paragraph-level container (e.g. in sdtContent)
                pieces.append(self.paragraph_text(child))
            else:
                self._collect(child, style, pieces)

    def _run_text(self, run, style: str | None) -> str:
        rpr = run.find(qn("w:rPr"))
        if rpr is not None and _on(rpr.find(qn("w:vanish"))):
            return ""             # hidden text: Word neither shows nor prints it (an old figure kept out of sight)
        out: list[str] = []
        for child in run:
            tag = child.tag
            if tag == T:
                out.append(child.text or "")
            elif tag == TAB:
                out.append("\t")
            elif tag in (BR, CR):
                out.append("\n")
            elif tag == qn("w:noBreakHyphen"):
                out.append("-")
            elif tag not in SKIP_TAGS and tag != qn("w:softHyphen"):
                # drawings and alternate content can hold text boxes
                for box in child.iter(TXBX):
                    if not _inside_fallback(box, run):
                        self._pending_textboxes.append(box)
        text = "".join(out)
        if text:
            font = self.fonts.of_run(run, style)
            encoding = legacy.font_encoding(font)
            if encoding:
                self.legacy_seen = self.legacy_seen or encoding
                text = legacy.decode(text, encoding, uppercase=legacy.is_uppercase_font(font))
        return text

    # -- tables ----------------------------------------------------------------------------------------------
    def _add_table(self, tbl, part: str, depth: int) -> None:
        cell = _only_cell(tbl)
        if cell is not None:
            # a table of one cell is a frame drawn around its content (a whole letter typed in one box): its
            # paragraphs and tables are read as the document's own, in order
            self._flush_textboxes()
            self.walk_container(cell, part, depth)
            return
        grid: list[list[Cell]] = []
        nested: list = []
        above: dict[int, str] = {}
        for tr in tbl.iter(TR):
            if _owner_table(tr) is not tbl:
                continue
            row: list[Cell] = []
            trpr = tr.find(qn("w:trPr"))
            if trpr is not None and trpr.find(qn("w:del")) is not None:
                continue          # a row deleted with changes tracked: gone from the letter, whatever its cells hold
            before = trpr.find(qn("w:gridBefore")) if trpr is not None else None
            for _ in range(int(before.get(qn("w:val"), "0")) if before is not None else 0):
                row.append(Cell("", origin=False))
            for tc in _row_cells(tr):
                span, vmerge = 1, None
                tcpr = tc.find(qn("w:tcPr"))
                if tcpr is not None:
                    gs = tcpr.find(qn("w:gridSpan"))
                    if gs is not None:
                        try:
                            span = max(1, min(int(gs.get(qn("w:val"), "1")), 64))
                        except ValueError:
                            span = 1
                    vm = tcpr.find(qn("w:vMerge"))
                    if vm is not None:
                        vmerge = vm.get(qn("w:val"), "continue")
                col = len(row)
                if vmerge == "continue":
                    text, origin = above.get(col, ""), False
                else:
                    text, origin = self._cell_text(tc, nested), True
                for k in range(span):
                    row.append(Cell(text, origin=origin and k == 0))
                    above[col + k] = text
            grid.append(row)
        if grid:
            self.blocks.append(Table(rows=_unstacked(grid), index=len(self.blocks), depth=depth))
        self._flush_textboxes()
        for inner in nested:
            self._add_table(inner, part, depth + 1)

    def _cell_text(self, tc, nested: list) -> str:
        lines: list[str] = []

        def walk(container) -> None:
            for child in container:
                if child.tag == P:
                    line = clean(self.numbered_text(child))
                    if line:
                        lines.append(line)
                elif child.tag == TBL:
                    nested.append(child)
                elif child.tag in (SDT, SDTCONTENT, qn("w:ins"), qn("w:customXml")):
                    walk(child.find(SDTCONTENT) if child.tag == SDT and child.find(SDTCONTENT) is not None else child)
        walk(tc)
        return "\n".join(lines)


def _on(el) -> bool | None:
    """A toggle property (w:b): True, False, or None when absent."""
    if el is None:
        return None
    return el.get(qn("w:val"), "true").lower() not in ("0", "false", "off", "none")


def _bold_styles(document) -> frozenset[str]:
    """The ids of the styles whose text is bold (through their basedOn chain)."""
    try:
        styles = document.styles.element
    except Exception:
        return frozenset()
    inherited = _styles_inherit(styles, lambda rpr: _on(rpr.find(qn("w:b"))))
    return frozenset(sid for sid, bold in inherited.items() if bold)


def _styles_inherit(styles, read):
    """For each style id, the run property `read(rPr)` gives (None: not set), its own or the nearest along its
    basedOn chain (at most 20 hops: a chain may loop in a damaged file)."""
    own, based = {}, {}
    for style in styles.findall(qn("w:style")):
        sid = style.get(qn("w:styleId"))
        rpr = style.find(qn("w:rPr"))
        own[sid] = read(rpr) if rpr is not None else None
        base = style.find(qn("w:basedOn"))
        based[sid] = base.get(qn("w:val")) if base is not None else None
    out = {}
    for sid in own:
        value, cur, hops = None, sid, 0
        while cur and hops < 20 and value is None:
            value, cur, hops = own.get(cur), based.get(cur), hops + 1
        out[sid] = value
    return out


def _all_bold(p, bold_styles: frozenset[str]) -> bool:
    """Whether every run of the paragraph that holds text is bold (its own property, its character style, or the
    paragraph's style): a heading set in bold."""
    style_bold = _style_of(p) in bold_styles
    seen = False
    for run in p.iter(R):
        if not any((t.text or "").strip() for t in run.iter(T)):
            continue
        seen = True
        rpr = run.find(qn("w:rPr"))
        value = None
        if rpr is not None:
            value = _on(rpr.find(qn("w:b")))
            rstyle = rpr.find(qn("w:rStyle"))
            if value is None and rstyle is not None and rstyle.get(qn("w:val")) in bold_styles:
                value = True
        if not (value if value is not None else style_bold):
            return False
    return seen


def _style_of(p) -> str | None:
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        return None
    pstyle = ppr.find(qn("w:pStyle"))
    return pstyle.get(qn("w:val")) if pstyle is not None else None


def _row_cells(tr) -> list:
    cells = []
    for child in tr:
        if child.tag == TC:
            cells.append(child)
        elif child.tag in (SDT, qn("w:customXml")):
            content = child.find(SDTCONTENT) if child.tag == SDT else child
            if content is not None:
                cells.extend(c for c in content if c.tag == TC)
    return cells


_NUMBER_LINE = re.compile(r"^[\d.,\s\-–]+$")


def _unstacked(grid: list[list[Cell]]) -> list[list[Cell]]:
    """Rows that list several items in each cell, one per line ("Thợ hàn / Thợ điện" beside "20 / 15", the lines
    broken by hand instead of one row each), as one row per line: where a cell of text and a cell of numbers alone
    have the same number of lines (two or more) and every other cell has one line or that many, none of them a number
    (but the row's number in the first column). A one-line cell is repeated on each row, as a merged cell would be."""
    out: list[list[Cell]] = []
    for row in grid:
        lines = [[ln.strip() for ln in c.text.split("\n") if ln.strip()] if c.origin else [] for c in row]
        counts = {len(ls) for ls in lines if len(ls) >= 2}
        k = counts.pop() if len(counts) == 1 else 0
        numeric = any(len(ls) == k and all(_NUMBER_LINE.match(x) for x in ls) for ls in lines)
        text = any(len(ls) == k and not any(_NUMBER_LINE.match(x) for x in ls) for ls in lines)
        # a single number beside the listed ones (but a row's number in the first column) is whose? Left as is.
        lone_number = any(len(ls) == 1 and _NUMBER_LINE.match(ls[0]) for ls in lines[1:])
        if not (k and numeric and text) or lone_number:
            out.append(row)
            continue
        for i in range(k):
            new_row = []
            for c, ls in zip(row, lines):
                if len(ls) == k:
                    new_row.append(Cell(ls[i], c.confidence, True, c.bbox))
                else:
                    new_row.append(Cell(c.text, c.confidence, c.origin and i == 0, c.bbox))
            out.append(new_row)
    return out


def _only_cell(tbl):
    """The one cell of a table of one row and one cell, or None."""
    rows = [tr for tr in tbl if tr.tag == TR]
    if len(rows) != 1:
        return None
    cells = _row_cells(rows[0])
    return cells[0] if len(cells) == 1 else None


def _owner_table(el):
    parent = el.getparent()
    while parent is not None and parent.tag != TBL:
        parent = parent.getparent()
    return parent


def _inside_fallback(el, stop) -> bool:
    parent = el.getparent()
    while parent is not None and parent is not stop:
        if parent.tag == f"{{{_MC}}}Fallback":
            return True
        parent = parent.getparent()
    return False
