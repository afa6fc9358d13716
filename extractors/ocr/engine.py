"""Tesseract as a subprocess: one page (or cell mosaic) image in, words with confidence out (TSV).

The image goes to tesseract's standard input as PNM (no compression to pay for), its TSV comes back on
standard output. Each call has a time limit; tesseract's own threads are limited to one, since we run pages in
parallel ourselves.
"""
from __future__ import annotations

import io
import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image

LANG = "vie"          # measured: vie+eng reads Vietnamese letters worse than vie alone


class OcrError(Exception):
    """Tesseract could not read an image (missing, crashed or too slow)."""


class OcrTimeout(OcrError):
    pass


@dataclass(slots=True)
class Word:
    text: str
    conf: float          # 0-100 as tesseract reports it
    left: int
    top: int
    width: int
    height: int
    block: int
    par: int
    line: int

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height

    @property
    def cx(self) -> float:
        return self.left + self.width / 2

    @property
    def cy(self) -> float:
        return self.top + self.height / 2


@lru_cache(maxsize=1)
def tesseract_path() -> str | None:
    return shutil.which("tesseract")


@lru_cache(maxsize=1)
def available_languages() -> frozenset[str]:
    exe = tesseract_path()
    if not exe:
        return frozenset()
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(line.strip() for line in out.splitlines()[1:] if line.strip())


def ocr_available() -> bool:
    return LANG in available_languages()


def install_hint() -> str:
    return ("Chưa cài Tesseract OCR với tiếng Việt (Debian/Ubuntu: sudo apt-get install tesseract-ocr "
            "tesseract-ocr-vie; macOS: brew install tesseract tesseract-lang).")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = "1"
    return env


def tesseract_command(psm: int, dpi: int, lang: str = LANG, source: str = "stdin",
                      config: dict[str, str] | None = None) -> list[str]:
    extra = [arg for k, v in (config or {}).items() for arg in ("-c", f"{k}={v}")]
    return [tesseract_path() or "tesseract", source, "stdout", "-l", lang, "--psm", str(psm), "--dpi", str(dpi),
            *extra, "tsv"]


def run_tsv(image: Image.Image, *, psm: int = 3, dpi: int = 300, timeout: float = 60.0,
            lang: str = LANG, config: dict[str, str] | None = None) -> list[Word]:
    """The words tesseract reads in `image` (grayscale or RGB), in its reading order."""
    if not tesseract_path():
        raise OcrError(install_hint())
    buf = io.BytesIO()
    image.save(buf, format="PPM")          # PGM for mode L: the cheapest format leptonica reads from memory
    try:
        proc = subprocess.run(tesseract_command(psm, dpi, lang, config=config), input=buf.getvalue(), capture_output=True,
                              timeout=timeout, env=_env())
    except subprocess.TimeoutExpired as exc:
        raise OcrTimeout(f"tesseract exceeded {timeout:.0f} s") from exc
    except OSError as exc:
        raise OcrError(f"tesseract could not run: {exc}") from exc
    if proc.returncode != 0:
        raise OcrError(f"tesseract failed ({proc.returncode}): {proc.stderr.decode(errors='replace')[-300:]}")
    return parse_tsv(proc.stdout.decode("utf-8", errors="replace"))


# Letters tesseract gives for Vietnamese ones they look exactly like: the Icelandic eth for the d with stroke.
# Vietnamese has no eth, and left in, "ÐẠI HỌC" would not fold to "dai hoc" for the vocabulary.
_LOOKALIKES = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})


def parse_tsv(tsv: str) -> list[Word]:
    words: list[Word] = []
    for line in tsv.splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) < 12 or parts[0] != "5":
            continue
        text = parts[11].strip().translate(_LOOKALIKES)
        if not text:
            continue
        try:
            conf = float(parts[10])
            left, top, width, height = (int(p) for p in parts[6:10])
            block, par, line_no = int(parts[2]), int(parts[3]), int(parts[4])
        except ValueError:
            continue
        words.append(Word(text, max(0.0, conf), left, top, width, height, block, par, line_no))
    return words
