"""The enterprise's name must not depend on Python's hash seed: with two company names mentioned equally often in
the body and none in the letterhead, the first mentioned wins in every process (a set's order used to decide)."""
import os
import subprocess
import sys

_PROGRAM = """
from extractors.fields import read_fields
from extractors.model import DocumentContent, Paragraph
texts = ["Kính gửi: Ban Quản lý Khu kinh tế Hải Phòng",
         "Công ty TNHH Thép Hải Hà, đối tác của Công ty TNHH Cơ khí Đông Nam, trả lời công văn số 812/BQL-LĐ."]
print(read_fields(DocumentContent("test", [Paragraph(t, i) for i, t in enumerate(texts)])).enterprise.name)
"""


def test_name_is_the_same_whatever_the_hash_seed():
    names = set()
    for seed in ("0", "1", "2", "3", "4", "5"):
        out = subprocess.run([sys.executable, "-c", _PROGRAM], capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONHASHSEED": seed})
        names.add(out.stdout.strip())
    assert len(names) == 1, names
    assert names.pop() == "Công ty TNHH Thép Hải Hà"
