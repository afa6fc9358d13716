"""The register import is read row by row with its cap enforced while reading (issue 10, point 5): a small .xlsx
that holds two million rows is refused at once, in little memory, and changes nothing."""
from __future__ import annotations

import io
import json
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from pipeline.web.register import MAX_ROWS, RegisterFormatError, import_register

ROOT = Path(__file__).resolve().parents[2]
_CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.'
                  'org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats'
                  '-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override '
                  'PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
                  'sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
                  'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
         'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
         'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
             '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet '
             'name="DN" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WB_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')


NAME_ROW = b'<row><c t="inlineStr"><is><t>DN</t></is></c></row>'
EMPTY_ROW = b"<row/>"


def many_rows_xlsx(rows: int, *, dimension: bool = True, row: bytes = NAME_ROW) -> bytes:
    """An .xlsx written by hand (openpyxl would take minutes): a header, then `rows` rows of one short name each;
    deflate packs the repetition, so two million rows fit in a few hundred kB. `dimension`: whether the sheet
    declares its size (a hostile file may leave it out, or lie)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", _WB_RELS)
        with z.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                        b'spreadsheetml/2006/main">')
            if dimension:
                sheet.write(b'<dimension ref="A1:A%d"/>' % (rows + 1))
            sheet.write(b'<sheetData><row><c t="inlineStr"><is><t>T\xc3\xaan doanh nghi\xe1\xbb\x87p</t></is></c></row>')
            chunk = row * 10_000
            for _ in range(rows // 10_000):
                sheet.write(chunk)
            sheet.write(b"</sheetData></worksheet>")
    return buf.getvalue()


def _import_in_a_fresh_process(tmp_path: Path, data: bytes) -> dict:
    """import_register in its own Python process (a real SQLite store), with its time and peak memory."""
    xlsx = tmp_path / "register.xlsx"
    xlsx.write_bytes(data)
    script = f"""
import json, resource, time
from pipeline.store import open_store
from pipeline.web.register import RegisterFormatError, import_register
store = open_store("sqlite:///{tmp_path / 'r.db'}")
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.monotonic()
try:
    with store.session() as s:
        n = import_register(s, open("{xlsx}", "rb").read(), "register.xlsx", officer="admin")
    out = {{"imported": n}}
except RegisterFormatError as exc:
    out = {{"refused": str(exc)}}
out["seconds"] = time.monotonic() - started
out["grew_mb"] = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
print(json.dumps(out, ensure_ascii=False))
"""
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.splitlines()[-1])


@pytest.mark.parametrize("dimension, row, guard", [
    (True, NAME_ROW, "khi giải nén"),             # 95 MB of XML: refused before parsing
    (True, EMPTY_ROW, "2000001 dòng"),            # 12 MB, but the sheet says how many rows it has
    (False, EMPTY_ROW, "tối đa 20000 dòng"),      # says nothing: refused after reading the cap
])
def test_a_small_xlsx_of_two_million_rows_is_refused_fast_in_little_memory(tmp_path, dimension, row, guard):
    data = many_rows_xlsx(2_000_000, dimension=dimension, row=row)
    assert len(data) < 1024 * 1024                   # the attack: a few hundred kB (366 kB in the report)
    out = _import_in_a_fresh_process(tmp_path, data)
    assert "refused" in out and "quá lớn" in out["refused"] and guard in out["refused"], out
    assert out["seconds"] < 10 and out["grew_mb"] < 100, out      # was 70 s and 700 MB


def test_the_row_cap_is_enforced_while_reading(tmp_path):
    """Just above the cap (no dimension declared, under the unpacked-size guard): refused after reading the cap,
    not the whole sheet; the register is unchanged."""
    from pipeline.store import open_store
    from pipeline.store.web_models import RegisterEntry

    store = open_store(f"sqlite:///{tmp_path / 'r.db'}")
    try:
        with store.session() as s:
            s.add(RegisterEntry(name="Công ty An Phát", name_key="an phat", imported_by="admin"))
        data = many_rows_xlsx(200_000, dimension=False)
        started = time.monotonic()
        with pytest.raises(RegisterFormatError, match="Tệp quá lớn"):
            with store.session() as s:
                import_register(s, data, "register.xlsx", officer="admin")
        assert time.monotonic() - started < 10
        with store.session() as s:
            assert [e.name for e in s.query(RegisterEntry)] == ["Công ty An Phát"]
        ok = many_rows_xlsx(MAX_ROWS // 2, dimension=False)
        with store.session() as s:
            assert import_register(s, ok, "register.xlsx", officer="admin") == MAX_ROWS // 2
    finally:
        store.dispose()


def test_a_csv_of_millions_of_lines_is_refused_and_cells_are_cleaned(tmp_path):
    from pipeline.store import open_store
    from pipeline.store.web_models import RegisterEntry

    store = open_store(f"sqlite:///{tmp_path / 'r.db'}")
    try:
        with pytest.raises(RegisterFormatError, match="Tệp quá lớn"):
            with store.session() as s:
                import_register(s, b"Ten doanh nghiep\n" + b"\n" * 5_000_000, "r.csv", officer="admin")
        with store.session() as s:
            assert import_register(s, "Tên doanh nghiệp;MST\nCông ty\x00 An\x07 Phát;0201234569\n".encode(),
                                   "r.csv", officer="admin") == 1
        with store.session() as s:
            assert s.query(RegisterEntry).one().name == "Công ty An Phát"
    finally:
        store.dispose()
