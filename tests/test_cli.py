"""`replyflow extract` and the CLI as a whole, run as a real subprocess."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXE = Path(sys.executable).with_name("replyflow")
SAMPLES = ROOT / "sample_docs"


def run(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([str(EXE), *args], capture_output=True, text=True, timeout=300, **kw)


def lines(proc) -> list[dict]:
    return [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]


def test_extract_prints_one_object_per_input_in_order(tmp_path):
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    text = tmp_path / "notes.txt"
    text.write_text("không phải công văn")
    garbage = tmp_path / "garbage.docx"
    garbage.write_bytes(os.urandom(3000))
    inputs = [SAMPLES / "cv_an_phat_cot_nam.docx", empty, text, tmp_path / "missing.pdf", garbage,
              SAMPLES / "cv_thep_bien_xanh_dong_nam.pdf"]
    proc = run("extract", "--jobs", "2", *map(str, inputs))
    assert proc.returncode == 0, proc.stderr
    out = lines(proc)
    assert [o["source"]["file_name"] for o in out] == [p.name for p in inputs]
    assert [o["status"] for o in out] == ["extracted", "rejected", "rejected", "rejected", "rejected", "extracted"]
    codes = [o["flags"][0]["code"] for o in out[1:5]]
    assert codes == ["empty_file", "unsupported_format", "not_found", "corrupt_file"]
    for o in out:
        assert o["schema_version"] == "1"
        assert "Traceback" not in json.dumps(o)
    assert "Traceback" not in proc.stderr


def test_pretty_output_is_indented_json():
    proc = run("extract", "--pretty", str(SAMPLES / "cv_may_hong_ha_van_xuoi.docx"))
    assert proc.returncode == 0
    obj = json.loads(proc.stdout)
    assert obj["enterprise"]["tax_code"] == "0200519875"
    assert proc.stdout.startswith("{\n  ")


def test_usage_error_is_non_zero():
    assert run("extract").returncode != 0


@pytest.mark.parametrize("command", ["extract", "demo"])
def test_every_command_has_help(command):
    proc = run(command, "--help")
    assert proc.returncode == 0 and "Usage:" in proc.stdout


def test_top_level_help_lists_commands():
    proc = run("--help")
    assert proc.returncode == 0
    for command in ("extract", "demo"):
        assert command in proc.stdout


def _docx_with_document_xml(path: Path, document_xml: bytes) -> Path:
    with zipfile.ZipFile(SAMPLES / "cv_an_phat_cot_nam.docx") as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = document_xml if item.filename == "word/document.xml" else src.read(item)
            dst.writestr(item, data)
    return path


def test_external_entities_are_never_resolved(tmp_path):
    xxe = (b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
           b'<w:t>&x;</w:t></w:r></w:p></w:body></w:document>')
    path = _docx_with_document_xml(tmp_path / "xxe.docx", xxe)
    proc = run("extract", str(path))
    assert proc.returncode == 0
    out = lines(proc)[0]
    assert out["status"] == "rejected"
    assert "root:" not in proc.stdout and "root:" not in proc.stderr


def test_entity_expansion_bomb_is_rejected(tmp_path):
    lol = b"".join(b'<!ENTITY l%d "&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;">' % ((i,) + (i - 1,) * 10)
                   for i in range(1, 10))
    bomb = (b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY l0 "lol">' + lol + b']>'
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
            b'<w:t>&l9;</w:t></w:r></w:p></w:body></w:document>')
    path = _docx_with_document_xml(tmp_path / "bomb.docx", bomb)
    proc = run("extract", str(path))
    assert proc.returncode == 0
    assert lines(proc)[0]["status"] == "rejected"


def test_zip_bomb_is_rejected(tmp_path):
    path = tmp_path / "zipbomb.docx"
    with zipfile.ZipFile(SAMPLES / "cv_an_phat_cot_nam.docx") as src, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item))
        dst.writestr("word/media/huge.bin", b"\0" * (400 * 1024 * 1024))
    out = lines(run("extract", str(path)))[0]
    assert out["status"] == "rejected" and out["flags"][0]["code"] == "too_large"


def test_encrypted_pdf_is_rejected(tmp_path):
    from pypdf import PdfReader, PdfWriter  # noqa: F401 - optional; skip when not installed

    writer = PdfWriter(clone_from=str(SAMPLES / "cv_thep_bien_xanh_dong_nam.pdf"))
    writer.encrypt(user_password="secret", owner_password="owner")
    path = tmp_path / "locked.pdf"
    with open(path, "wb") as fh:
        writer.write(fh)
    out = lines(run("extract", str(path)))[0]
    assert out["status"] == "rejected" and out["flags"][0]["code"] == "encrypted"


def test_demo_ingests_the_samples_once_and_shows_them(tmp_path):
    env = {**os.environ, "REPLYFLOW_DATA_DIR": str(tmp_path / "data")}
    env.pop("REPLYFLOW_DATABASE_URL", None)
    env.pop("REPLYFLOW_INBOX", None)
    n = sum(1 for p in SAMPLES.iterdir() if p.suffix in (".pdf", ".docx"))
    first = run("demo", "--no-prefect", env=env)
    assert first.returncode == 0, first.stderr
    for sample in SAMPLES.iterdir():
        if sample.suffix in (".pdf", ".docx"):
            assert f"■ {sample.name}" in first.stdout
    assert f"This run: {n} stored, 0 already there" in first.stdout
    assert "total_mismatch" in first.stdout and "replyflow web" in first.stdout
    assert "ngày 27/03/2023" in first.stdout            # the scanned sample's date, dd/mm/yyyy as officers read it
    second = run("demo", "--no-prefect", env=env)
    assert second.returncode == 0, second.stderr
    assert f"This run: 0 stored, {n} already there" in second.stdout
    assert f"{n} documents" in second.stdout


# -- hostile files (issue 10, point 6) -------------------------------------------------------------------------

def test_only_regular_files_are_read(tmp_path):
    """A symlink to /dev/zero named .pdf (reading it never ends), a FIFO (blocks until someone writes) and a
    directory are rejected with a reason, at once, without being read; no temporary file is left behind."""
    zero = tmp_path / "zero.pdf"
    zero.symlink_to("/dev/zero")
    fifo = tmp_path / "fifo.pdf"
    os.mkfifo(fifo)
    folder = tmp_path / "folder.docx"
    folder.mkdir()
    linked = tmp_path / "linked.docx"                   # a link to a regular file is read as that file
    linked.symlink_to(SAMPLES / "cv_an_phat_cot_nam.docx")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    inputs = [zero, fifo, folder, linked]
    proc = subprocess.run([str(EXE), "extract", "--jobs", "2", *map(str, inputs)], capture_output=True, text=True,
                          timeout=60, env={**os.environ, "TMPDIR": str(scratch)})
    assert proc.returncode == 0, proc.stderr
    out = lines(proc)
    assert [o["status"] for o in out] == ["rejected", "rejected", "rejected", "extracted"]
    for o, kind in zip(out, ("thiết bị", "FIFO", "thư mục")):
        assert o["flags"][0]["code"] == "unsupported_format"
        assert "không phải là tệp thông thường" in o["flags"][0]["message"].lower() and kind in o["flags"][0]["message"]
    assert list(scratch.iterdir()) == []


def test_output_is_valid_utf8_whatever_the_file_name(tmp_path):
    """A file name whose bytes are not UTF-8 (Latin-1 'é', a stray 0xff) still gives valid UTF-8 JSON Lines: the
    undecodable bytes become U+FFFD in source.file_name; the letter is read as usual."""
    folder = os.fsencode(tmp_path)
    names = [b"c\xf4ng_v\xe9n.docx", b"bad\xff\xfe.pdf"]
    with open(SAMPLES / "cv_an_phat_cot_nam.docx", "rb") as src:
        data = src.read()
    for name in names:
        with open(os.path.join(folder, name), "wb") as fh:
            fh.write(data if name.endswith(b".docx") else b"%PDF-1.4 broken")
    proc = subprocess.run([os.fsencode(EXE), b"extract", *(os.path.join(folder, n) for n in names)],
                          capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout.decode("utf-8")                  # raises on invalid UTF-8
    out = [json.loads(line) for line in text.splitlines()]
    assert [o["source"]["file_name"] for o in out] == ["c\ufffdng_v\ufffdn.docx", "bad\ufffd\ufffd.pdf"]
    assert [o["status"] for o in out] == ["extracted", "rejected"]


def test_a_small_file_that_hangs_the_parser_is_given_up_early(tmp_path):
    """A 2-page PDF of 2 kB whose forms draw themselves (10^7 drawings) used to take the whole 90 s limit: the time
    allowed now grows with the file's size and the pages read, so it is given up after about 20 s."""
    import time

    from tests.support.hostile import xobject_bomb_pdf

    bomb = xobject_bomb_pdf(tmp_path / "bomb.pdf")
    assert bomb.stat().st_size < 4096
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    started = time.monotonic()
    proc = run("extract", str(bomb), str(SAMPLES / "cv_an_phat_cot_nam.docx"), env={**os.environ, "TMPDIR": str(scratch)})
    elapsed = time.monotonic() - started
    assert list(scratch.iterdir()) == []              # the killed worker left no temporary file
    out = lines(proc)
    assert out[0]["status"] == "rejected" and out[0]["flags"][0]["code"] == "timeout"
    assert out[1]["status"] == "extracted"
    assert elapsed < 45, elapsed                      # the default limit is 90 s


def test_imports_without_gc_pauses_the_collector_then_freezes_what_was_built():
    import gc

    from pipeline.cli.common import imports_without_gc

    was_enabled = gc.isenabled()
    gc.enable()
    try:
        frozen_before = gc.get_freeze_count()
        with imports_without_gc():
            assert not gc.isenabled()
            built = [[i] for i in range(1000)]          # container objects the collector tracks
        assert gc.isenabled()
        assert gc.get_freeze_count() >= frozen_before + len(built)   # later collections skip them
        gc.disable()
        with imports_without_gc():
            pass
        assert not gc.isenabled()                       # a collector that was off stays off
    finally:
        gc.unfreeze()
        gc.enable() if was_enabled else gc.disable()
