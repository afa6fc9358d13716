"""The DOCX reader sees what python-docx's paragraph.text drops: text boxes, content controls, tracked
insertions, nested tables, merged cells, headers and footers; it drops deletions and soft hyphens."""
from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

from extractors.model import Paragraph, Table, UnreadableDocument
from extractors.readers.docx_reader import DocxReader
from tests.support.legacy_docs import make_tcvn3_docx

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _append(document, xml: str) -> None:
    document.element.body.insert(len(document.element.body) - 1, parse_xml(xml))


def _read(tmp_path: Path, build) -> list:
    document = docx.Document()
    build(document)
    path = tmp_path / "letter.docx"
    document.save(str(path))
    return DocxReader().read(path).blocks


def texts(blocks) -> list[str]:
    return [b.text for b in blocks if isinstance(b, Paragraph)]


def test_tracked_changes_soft_hyphens_tabs_and_breaks(tmp_path):
    def build(document):
        _append(document, f'<w:p {W}><w:r><w:t>Công ty </w:t></w:r><w:ins w:id="1" w:author="a"><w:r><w:t>TNHH '
                          f'</w:t></w:r></w:ins><w:del w:id="2" w:author="a"><w:r><w:delText>CP </w:delText></w:r>'
                          f'</w:del><w:r><w:t>An</w:t><w:softHyphen/><w:t>Phát</w:t><w:tab/><w:t>MST</w:t>'
                          f'<w:br/><w:t>dòng hai</w:t></w:r></w:p>')
    assert texts(_read(tmp_path, build)) == ["Công ty TNHH AnPhát MST\ndòng hai"]


def test_content_controls_and_text_boxes(tmp_path):
    def build(document):
        _append(document, f'<w:sdt {W}><w:sdtContent><w:p><w:r><w:t>Số: 15/CV-ABC</w:t></w:r></w:p></w:sdtContent></w:sdt>')
        _append(document, f'<w:p {W}><w:r><w:t>Trước khung</w:t></w:r><w:r><w:pict><v:shape xmlns:v="urn:schemas-'
                          f'microsoft-com:vml"><v:textbox><w:txbxContent><w:p><w:r><w:t>Trong khung</w:t></w:r></w:p>'
                          f'</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>')
    assert texts(_read(tmp_path, build)) == ["Số: 15/CV-ABC", "Trước khung", "Trong khung"]


def test_alternate_content_is_read_once(tmp_path):
    mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'

    def build(document):
        box = '<w:txbxContent><w:p><w:r><w:t>Hộp chữ</w:t></w:r></w:p></w:txbxContent>'
        _append(document, f'<w:p {W} {mc}><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>{box}'
                          f'</w:drawing></mc:Choice><mc:Fallback><w:pict>{box}</w:pict></mc:Fallback>'
                          f'</mc:AlternateContent></w:r></w:p>')
    assert texts(_read(tmp_path, build)) == ["Hộp chữ"]


def test_merged_cells_repeat_their_text_and_nested_tables_follow(tmp_path):
    def build(document):
        table = document.add_table(rows=3, cols=3)
        table.cell(0, 1).merge(table.cell(0, 2)).text = "Năm"
        table.cell(0, 0).merge(table.cell(1, 0)).text = "Vị trí"
        table.cell(1, 1).text, table.cell(1, 2).text = "2023", "2024"
        table.cell(2, 0).text, table.cell(2, 1).text, table.cell(2, 2).text = "Thợ hàn", "5", "6"
        inner = table.cell(2, 0).add_table(rows=1, cols=2)
        inner.cell(0, 0).text, inner.cell(0, 1).text = "lồng", "nhau"
    blocks = _read(tmp_path, build)
    tables = [b for b in blocks if isinstance(b, Table)]
    assert tables[0].texts() == [["Vị trí", "Năm", "Năm"], ["Vị trí", "2023", "2024"], ["Thợ hàn", "5", "6"]]
    assert [c.origin for c in tables[0].rows[0]] == [True, True, False]
    assert [c.origin for c in tables[0].rows[1]] == [False, True, True]
    assert tables[1].texts() == [["lồng", "nhau"]] and tables[1].depth == 1


def test_headers_and_footers_are_kept_apart(tmp_path):
    def build(document):
        document.sections[0].header.paragraphs[0].text = "CÔNG TY TNHH AN PHÁT"
        document.sections[0].footer.paragraphs[0].text = "MST: 0201234569"
        document.add_paragraph("Nội dung")
    blocks = _read(tmp_path, build)
    assert [(b.part, b.text) for b in blocks] == [("header", "CÔNG TY TNHH AN PHÁT"), ("body", "Nội dung"),
                                                  ("footer", "MST: 0201234569")]


def test_tcvn3_runs_become_unicode(tmp_path):
    path = make_tcvn3_docx(tmp_path / "legacy.docx", ["Công ty TNHH May mặc Đông Á", "Kính gửi: Ban Quản lý"])
    content = DocxReader().read(path)
    assert texts(content.blocks) == ["Công ty TNHH May mặc Đông Á", "Kính gửi: Ban Quản lý"]
    assert content.legacy_encoding == "tcvn3"


@pytest.mark.parametrize("payload, code", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le") + b"\0" * 600, "encrypted"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "unsupported_format"),
    (b"PK\x03\x04 not really a zip", "corrupt_file"),
])
def test_unreadable_packages(tmp_path, payload, code):
    path = tmp_path / "x.docx"
    path.write_bytes(payload)
    with pytest.raises(UnreadableDocument) as err:
        DocxReader().read(path)
    assert err.value.code == code and err.value.message


def test_automatic_numbering_is_rendered(tmp_path):
    def build(document):
        document.add_paragraph("Nhu cầu tuyển dụng", style="List Number")
        document.add_paragraph("Thợ hàn", style="List Bullet")
        document.add_paragraph("Tiêu chuẩn lao động", style="List Number")
    assert texts(_read(tmp_path, build)) == ["1. Nhu cầu tuyển dụng", "- Thợ hàn", "2. Tiêu chuẩn lao động"]


def test_bold_paragraphs_are_marked(tmp_path):
    """A paragraph is bold when every run holding text is: by its own property, its paragraph's style or a
    character style; one plain run (or w:b w:val="0") makes it plain."""
    def build(document):
        document.add_paragraph().add_run("Tiêu chuẩn lao động").bold = True
        document.add_paragraph("Hợp tác đào tạo", style="Heading 2")
        mixed = document.add_paragraph()
        mixed.add_run("Về hợp tác: ").bold = True
        mixed.add_run("Công ty nhận sinh viên thực tập.")
        _append(document, f'<w:p {W}><w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t>Không đậm</w:t></w:r></w:p>')
        document.add_paragraph("Thường")
    bold = {b.text: b.bold for b in _read(tmp_path, build) if isinstance(b, Paragraph)}
    assert bold == {"Tiêu chuẩn lao động": True, "Hợp tác đào tạo": True,
                    "Về hợp tác: Công ty nhận sinh viên thực tập.": False, "Không đậm": False, "Thường": False}
