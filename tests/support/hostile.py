"""Hostile files made from scratch for the robustness tests: small PDFs that make a parser work without end."""
from __future__ import annotations

from pathlib import Path


def _pdf(objects: list[bytes]) -> bytes:
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def _stream(head: bytes, data: bytes) -> bytes:
    return b"<< " + head + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def xobject_bomb_pdf(path: Path, *, levels: int = 7, fan: int = 10) -> Path:
    """A 2-page PDF of about 2 kB whose pages draw a form that draws itself `fan` times over `levels` levels
    (forms referring to forms): fan**levels drawings for the parser, so it never finishes in practice."""
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    page = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R "
            b"/Resources << /Font << /F1 6 0 R >> /XObject << /X 7 0 R >> >> >>")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>", page, page,
               _stream(b"", b"BT /F1 12 Tf 72 720 Td (Cong van so 12) Tj ET /X Do"), font]
    for level in range(levels):
        if level < levels - 1:
            body, resources = b" ".join([b"/X Do"] * fan), b"/Resources << /XObject << /X %d 0 R >> >>" % (8 + level)
        else:
            body, resources = b"0 0 m 100 100 l S 0 0 100 100 re S", b""
        objects.append(_stream(b"/Type /XObject /Subtype /Form /BBox [0 0 600 800] " + resources, body))
    path.write_bytes(_pdf(objects))
    return path
