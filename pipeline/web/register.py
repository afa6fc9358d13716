"""The enterprise register (the enterprises the Board wrote to), imported from CSV or Excel, and the follow-up
list of those who have not replied, exported as CSV or Excel."""
from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from pathlib import PurePath

from sqlalchemy import delete
from sqlalchemy.orm import Session

from extractors.text.normalize import fold
from pipeline.store.web_models import RegisterEntry
from pipeline.web.queries import RegisterRow, clean_tax_code, register_key
from schemas.text import clean_text

# Header words (accents folded, lower case) that name each column.
COLUMNS = {
    "name": ("ten doanh nghiep", "ten cong ty", "doanh nghiep", "ten", "name", "enterprise", "company"),
    "tax_code": ("ma so thue", "mst", "tax code", "tax_code", "ma so doanh nghiep"),
    "zone": ("khu cong nghiep", "kcn", "khu", "zone", "kcn/kkt", "dia ban"),
    "contact": ("lien he", "nguoi lien he", "dien thoai", "email", "contact"),
}
MAX_ROWS = 20_000                    # enterprises in a register
MAX_READ_ROWS = MAX_ROWS + 5_000     # rows read at most, empty ones included
MAX_COLUMNS = 50
MAX_CELL = 1_000                     # characters kept of a cell (the schema's SHORT_TEXT)
MAX_UNPACKED = 50 * 1024 * 1024      # an .xlsx of 20,000 rows unpacks to a few MB


class RegisterFormatError(ValueError):
    """The file is not a table with at least a name column."""


def _header_map(header: list[str]) -> dict[str, list[int]]:
    folded = [" ".join(fold(str(h or "")).lower().split()) for h in header]
    found: dict[str, list[int]] = {}
    for i, h in enumerate(folded):
        for key, words in COLUMNS.items():
            if h in words or (key != "name" and any(w in h for w in words if len(w) > 3)):
                found.setdefault(key, []).append(i)
                break
    if "name" not in found:
        for i, h in enumerate(folded):
            if "ten" in h.split() or "doanh nghiep" in h:
                found["name"] = [i]
                break
    if "name" not in found:
        raise RegisterFormatError("Không tìm thấy cột tên doanh nghiệp (dòng đầu phải là tiêu đề cột)")
    return found


def read_rows(data: bytes, file_name: str, limit: int = MAX_READ_ROWS) -> Iterator[list[str]]:
    """The rows of a CSV or Excel file, read one at a time; RegisterFormatError once more than `limit` rows
    (empty ones too) were read, or an Excel file unpacks to more than MAX_UNPACKED bytes: a small file that claims
    millions of rows is refused after reading `limit` of them, not all."""
    suffix = PurePath(file_name).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        rows = _xlsx_rows(data)
    elif suffix in (".csv", ".txt", ""):
        rows = _csv_rows(data)
    else:
        raise RegisterFormatError("Chỉ nhận tệp CSV hoặc Excel (.xlsx)")
    for count, row in enumerate(rows, start=1):
        if count > limit:
            raise RegisterFormatError(f"Tệp quá lớn (tối đa {MAX_ROWS} dòng)")
        yield [clean_text(cell)[:MAX_CELL] for cell in row]


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _xlsx_rows(data: bytes) -> Iterator[list[str]]:
    """The rows of the workbook's first sheet, streamed from its XML: a row is handed on as soon as it is parsed
    and forgotten after (openpyxl, even read-only, parses a whole sheet that does not state its size before the
    first row). Packages that unpack too large or carry a DTD (entity expansion) are refused."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise RegisterFormatError("Không đọc được tệp Excel: tệp hỏng hoặc không phải .xlsx") from exc
    with package:
        unpacked = sum(info.file_size for info in package.infolist())
        if unpacked > MAX_UNPACKED:
            raise RegisterFormatError(f"Tệp Excel quá lớn khi giải nén ({unpacked // (1024 * 1024)} MB; tối đa "
                                      f"{MAX_UNPACKED // (1024 * 1024)} MB)")
        try:
            sheet = _first_sheet(package)
            shared = _shared_strings(package)
            with _xml(package, sheet) as fh:
                yield from _sheet_rows(fh, shared)
        except RegisterFormatError:
            raise
        except (KeyError, ET.ParseError, zipfile.BadZipFile, ValueError, EOFError) as exc:
            raise RegisterFormatError(f"Không đọc được tệp Excel: {type(exc).__name__}") from exc


def _xml(package: zipfile.ZipFile, name: str):  # noqa: ANN202
    """A part of the package opened for parsing, after checking it declares no DTD (no entities to expand)."""
    with package.open(name) as fh:
        head = fh.read(4096)
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise RegisterFormatError("Tệp Excel chứa khai báo DTD, không đọc")
    return package.open(name)


def _first_sheet(package: zipfile.ZipFile) -> str:
    with _xml(package, "xl/workbook.xml") as fh:
        first = ET.parse(fh).getroot().find(f"{_MAIN}sheets/{_MAIN}sheet")
    rel_id = first.get(_REL) if first is not None else None
    with _xml(package, "xl/_rels/workbook.xml.rels") as fh:
        for rel in ET.parse(fh).getroot().iter(f"{_PKG_REL}Relationship"):
            if rel.get("Id") == rel_id:
                target = rel.get("Target", "").lstrip("/")
                return target if target.startswith("xl/") else f"xl/{target}"
    raise RegisterFormatError("Tệp Excel không có trang tính nào")


def _shared_strings(package: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in package.namelist():
        return []
    with _xml(package, "xl/sharedStrings.xml") as fh:
        return ["".join(t.text or "" for t in si.iter(f"{_MAIN}t"))
                for si in ET.parse(fh).getroot().iter(f"{_MAIN}si")]


def _declared_rows(ref: str) -> int:
    """The last row of a sheet's <dimension ref="A1:D2000001">; 0 when it says nothing usable."""
    digits = "".join(c for c in ref.split(":")[-1] if c.isdigit())
    return int(digits[:9]) if digits else 0


def _column(ref: str | None, default: int) -> int:
    """The 0-based column of a cell reference ("C7" -> 2); `default` when the cell has none."""
    letters = "".join(c for c in ref or "" if c.isalpha()).upper()
    if not letters:
        return default
    number = 0
    for c in letters[:3]:
        number = number * 26 + ord(c) - 64
    return number - 1


def _cell_text(c, shared: list[str]) -> str:  # noqa: ANN001
    kind = c.get("t")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in c.iter(f"{_MAIN}t"))
    v = c.find(f"{_MAIN}v")
    value = (v.text or "") if v is not None else ""
    if kind == "s":
        return shared[int(value)] if value.isdigit() and int(value) < len(shared) else ""
    if kind == "b":
        return "TRUE" if value == "1" else "FALSE"
    if kind in (None, "n") and value.endswith(".0"):
        return value[:-2]                                  # a tax code typed as a number
    return value


def _sheet_rows(fh, shared: list[str]) -> Iterator[list[str]]:  # noqa: ANN001
    row_tag, dimension_tag, cell_tag = f"{_MAIN}row", f"{_MAIN}dimension", f"{_MAIN}c"
    root = None
    for event, elem in ET.iterparse(fh, events=("start", "end")):
        if root is None:
            root = elem
        if event == "start":
            if elem.tag == dimension_tag and _declared_rows(elem.get("ref", "")) > MAX_READ_ROWS:
                raise RegisterFormatError(f"Tệp quá lớn ({_declared_rows(elem.get('ref', ''))} dòng; tối đa "
                                          f"{MAX_ROWS} dòng)")
            continue
        if elem.tag != row_tag:
            continue
        cells: dict[int, str] = {}
        for n, c in enumerate(elem.iter(cell_tag)):
            col = _column(c.get("r"), n)
            if col < MAX_COLUMNS:
                cells[col] = _cell_text(c, shared)
        elem.clear()
        for parent in root:                                # parsed rows are dropped: memory stays flat
            parent.clear() if parent.tag == f"{_MAIN}sheetData" else None
        yield [cells.get(i, "") for i in range(max(cells) + 1)] if cells else []


def _csv_rows(data: bytes) -> Iterator[list[str]]:
    for enc in ("utf-8-sig", "cp1258", "latin-1"):
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    dialect = csv.excel
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        pass
    try:
        for row in csv.reader(io.StringIO(text), dialect):
            yield row[:MAX_COLUMNS]
    except csv.Error as exc:
        raise RegisterFormatError(f"Tệp CSV không đọc được ({exc})") from exc


def import_register(session: Session, data: bytes, file_name: str, *, officer: str, replace: bool = True) -> int:
    rows = (r for r in read_rows(data, file_name) if any(c.strip() for c in r))
    header = next(rows, None)
    if header is None:
        raise RegisterFormatError("Tệp không có dòng nào")
    cols = _header_map(header)

    def cell(row: list[str], key: str) -> str | None:
        parts = [str(row[i]).strip() for i in cols.get(key, []) if i < len(row) and str(row[i]).strip()]
        return " · ".join(parts) or None

    entries = []
    for row in rows:
        if len(entries) >= MAX_ROWS:
            raise RegisterFormatError(f"Tệp quá lớn (tối đa {MAX_ROWS} dòng)")
        name = cell(row, "name")
        if not name:
            continue
        entries.append(RegisterEntry(name=name, name_key=register_key(name),
                                     tax_code=clean_tax_code(cell(row, "tax_code")), zone=cell(row, "zone"),
                                     contact=cell(row, "contact"), imported_by=officer))
    if replace:                                  # only once the whole file was read: a refused file changes nothing
        session.execute(delete(RegisterEntry))
    session.add_all(entries)
    return len(entries)


MISSING_HEADER = ["Tên doanh nghiệp", "Mã số thuế", "Khu", "Liên hệ"]


def missing_rows(rows: list[RegisterRow]) -> list[list[str]]:
    return [[r.entry.name, r.entry.tax_code or "", r.entry.zone or "", r.entry.contact or ""]
            for r in rows if not r.replied]


def missing_csv(rows: list[RegisterRow]) -> bytes:
    """The follow-up list as CSV, its cells neutralised like the .xlsx's (no cell starts a formula)."""
    from pipeline.web.exports import neutral_text

    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(MISSING_HEADER)
    writer.writerows([neutral_text(str(cell)) for cell in row] for row in missing_rows(rows))
    return buf.getvalue().encode("utf-8-sig")      # Excel opens UTF-8 with a BOM correctly


def missing_xlsx(rows: list[RegisterRow]) -> bytes:
    from pipeline.web.exports import workbook_bytes

    return workbook_bytes([("Chưa trả lời", MISSING_HEADER, missing_rows(rows))])
