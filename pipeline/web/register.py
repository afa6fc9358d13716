"""The enterprise register (the enterprises the Board wrote to), imported from CSV or Excel, and the follow-up
list of those who have not replied, exported as CSV or Excel."""
from __future__ import annotations

import csv
import io
from pathlib import PurePath

from sqlalchemy import delete
from sqlalchemy.orm import Session

from extractors.text.normalize import fold
from pipeline.store.web_models import RegisterEntry
from pipeline.web.queries import RegisterRow, clean_tax_code, register_key

# Header words (accents folded, lower case) that name each column.
COLUMNS = {
    "name": ("ten doanh nghiep", "ten cong ty", "doanh nghiep", "ten", "name", "enterprise", "company"),
    "tax_code": ("ma so thue", "mst", "tax code", "tax_code", "ma so doanh nghiep"),
    "zone": ("khu cong nghiep", "kcn", "khu", "zone", "kcn/kkt", "dia ban"),
    "contact": ("lien he", "nguoi lien he", "dien thoai", "email", "contact"),
}
MAX_ROWS = 20_000


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


def read_table(data: bytes, file_name: str) -> list[list[str]]:
    suffix = PurePath(file_name).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001  (openpyxl raises many kinds for a bad file)
            raise RegisterFormatError(f"Không đọc được tệp Excel: {exc}") from exc
        rows = [["" if v is None else str(v) for v in row] for row in wb.active.iter_rows(values_only=True)]
        wb.close()
        return rows
    if suffix in (".csv", ".txt", ""):
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
        return [row for row in csv.reader(io.StringIO(text), dialect)]
    raise RegisterFormatError("Chỉ nhận tệp CSV hoặc Excel (.xlsx)")


def import_register(session: Session, data: bytes, file_name: str, *, officer: str, replace: bool = True) -> int:
    rows = [r for r in read_table(data, file_name) if any(str(c).strip() for c in r)]
    if not rows:
        raise RegisterFormatError("Tệp không có dòng nào")
    cols = _header_map(rows[0])
    if len(rows) - 1 > MAX_ROWS:
        raise RegisterFormatError(f"Tệp quá lớn (tối đa {MAX_ROWS} dòng)")
    if replace:
        session.execute(delete(RegisterEntry))

    def cell(row: list[str], key: str) -> str | None:
        parts = [str(row[i]).strip() for i in cols.get(key, []) if i < len(row) and str(row[i]).strip()]
        return " · ".join(parts) or None

    count = 0
    for row in rows[1:]:
        name = cell(row, "name")
        if not name:
            continue
        session.add(RegisterEntry(name=name, name_key=register_key(name), tax_code=clean_tax_code(cell(row, "tax_code")),
                                  zone=cell(row, "zone"), contact=cell(row, "contact"), imported_by=officer))
        count += 1
    return count


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
