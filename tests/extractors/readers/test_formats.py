"""The one table of accepted formats agrees with the readers: a new reader without its row (or a row without a
reader) would be accepted by one part of the pipeline and dropped by another (the mailbox, the review app)."""
import subprocess
import sys

from extractors.readers import FORMATS, IMAGE_SUFFIXES, READERS, SUFFIX_OF, SUFFIXES


def test_every_reader_has_its_row_and_every_row_its_reader():
    assert sorted(r.media_type for r in READERS) == sorted(f.media_type for f in FORMATS)


def test_suffixes_are_lower_case_and_unique():
    assert len(set(SUFFIXES)) == len(SUFFIXES)
    assert all(s.startswith(".") and s == s.lower() for s in SUFFIXES)
    assert set(IMAGE_SUFFIXES) < set(SUFFIXES)
    assert SUFFIX_OF["application/pdf"] == ".pdf"


def test_the_table_loads_without_the_parsers():
    code = ("import sys, extractors.readers as r; r.FORMATS; "
            "assert 'pdfplumber' not in sys.modules and 'docx' not in sys.modules, sorted(sys.modules)")
    subprocess.run([sys.executable, "-c", code], check=True)
