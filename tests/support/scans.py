"""Scanned letters for the OCR tests, made here: a text PDF (tests/support/letters.py) printed to an image, then
"scanned": a slight rotation, paper tint, noise, blur, a red company seal and a blue signature over the signature
block, JPEG compression. Saved as an image-only PDF, PNG or multi-page TIFF.
"""
from __future__ import annotations

import io
import math
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageChops, ImageDraw, ImageFilter

from tests.support.letters import LetterSpec, build_pdf


def render_pages(pdf_path: Path, dpi: int) -> list[Image.Image]:
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        return [pdf[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(len(pdf))]
    finally:
        pdf.close()


def stamp(page: Image.Image, centre: tuple[int, int], radius: int) -> Image.Image:
    """A red round company seal with a star, and a blue signature stroke across it, inked over the page
    (multiplied, as ink is: black print under the seal stays black)."""
    layer = Image.new("RGB", page.size, "white")
    draw = ImageDraw.Draw(layer)
    cx, cy = centre
    red = (205, 30, 40)
    for r in (radius, radius - 6, radius // 2):
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=red, width=5)
    for i in range(16):                                  # letters around the ring, as blobs
        a = 2 * math.pi * i / 16
        x, y = cx + (radius * 0.75) * math.cos(a), cy + (radius * 0.75) * math.sin(a)
        draw.rectangle((x - 6, y - 8, x + 6, y + 8), fill=red)
    draw.polygon([(cx, cy - 15), (cx + 12, cy + 10), (cx - 12, cy + 10)], fill=red)
    blue = (30, 40, 170)
    points = [(cx - radius + 20 + k * 8, cy + 25 * math.sin(k / 3)) for k in range(int(radius * 1.6 / 8))]
    draw.line(points, fill=blue, width=4)
    return ImageChops.multiply(page, layer)


def fold_shadow(page: Image.Image, at: float, *, depth: float = 0.35, width: float = 0.015) -> Image.Image:
    """The shadow of a horizontal fold across the whole sheet at `at` (share of the height): darkest on the crease
    (`depth`: the share of light lost), fading over `width` of the height on either side."""
    h = page.height
    y = np.arange(h, dtype=np.float32)
    light = 1.0 - depth * np.exp(-0.5 * ((y - at * h) / (width * h)) ** 2)
    a = np.asarray(page, dtype=np.float32) * light[:, None, None]
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "RGB")


def stain(page: Image.Image, centre: tuple[int, int], radius: int, *, darkness: float = 0.55) -> Image.Image:
    """A coffee stain: a brownish blot with a soft edge, darkening whatever is printed under it."""
    layer = Image.new("L", page.size, 0)
    cx, cy = centre
    ImageDraw.Draw(layer).ellipse((cx - radius, cy - int(radius * 0.7), cx + radius, cy + int(radius * 0.7)), fill=255)
    alpha = np.asarray(layer.filter(ImageFilter.GaussianBlur(radius / 6)), dtype=np.float32)[..., None] / 255.0
    tint = np.array([0.75, 0.62, 0.5], dtype=np.float32) * (1.0 - darkness) / 0.5
    a = np.asarray(page, dtype=np.float32)
    a = a * (1.0 - alpha) + a * np.clip(tint, 0.0, 1.0) * alpha
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "RGB")


def scan(page: Image.Image, *, angle: float = 0.8, seed: int = 1, stamp_at: tuple[float, float] | None = (0.7, 0.8),
         blur: float = 0.6, noise: float = 10.0, streaks: tuple[float, ...] = (), fold_at: float | None = None,
         stains: tuple[tuple[float, float, float], ...] = ()) -> Image.Image:
    """`streaks`: x positions (share of the width) of scanner streaks, thin grey lines down the whole sheet in
    the scanner's axis (drawn after the rotation, as dirt on the glass draws them). `fold_at`: the height (share)
    of a fold's shadow, `stains`: (x, y, radius) shares of the width of coffee stains; both are on the paper, so
    they turn with it."""
    rng = np.random.default_rng(seed)
    page = page.copy()
    if stamp_at:
        page = stamp(page, (int(page.width * stamp_at[0]), int(page.height * stamp_at[1])), int(page.width * 0.09))
    for x, y, r in stains:
        page = stain(page, (int(page.width * x), int(page.height * y)), int(page.width * r))
    if fold_at is not None:
        page = fold_shadow(page, fold_at)
    page = page.rotate(angle, resample=Image.BICUBIC, fillcolor=(250, 248, 240))
    if streaks:                                       # grey over whatever is there: ink and dirt multiply
        dirt = Image.new("RGB", page.size, "white")
        draw = ImageDraw.Draw(dirt)
        for share in streaks:
            x = int(page.width * share)
            draw.line((x, 0, x, page.height), fill=(110, 110, 110), width=max(2, page.width // 400))
        page = ImageChops.multiply(page, dirt)
    a = np.asarray(page, dtype=np.float32)
    a = a * np.array([0.98, 0.96, 0.92]) + rng.normal(0, noise, a.shape[:2])[..., None]
    page = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "RGB").filter(ImageFilter.GaussianBlur(blur))
    buf = io.BytesIO()
    page.save(buf, "JPEG", quality=80)
    return Image.open(io.BytesIO(buf.getvalue())).convert("RGB")


def scanned_pages(spec: LetterSpec, workdir: Path, *, dpi: int = 200, **kwargs) -> list[Image.Image]:
    text_pdf = build_pdf(workdir / "printed.pdf", spec)
    return [scan(p, seed=i + 1, **kwargs) for i, p in enumerate(render_pages(text_pdf, dpi))]


def save_pdf(pages: list[Image.Image], path: Path, dpi: int = 200) -> Path:
    pages[0].save(path, "PDF", resolution=dpi, save_all=True, append_images=pages[1:])
    return path
