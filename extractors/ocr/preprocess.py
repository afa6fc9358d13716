"""Page image clean-up before OCR: coloured ink out, even background, straight lines.

- Stamps (red) and signatures (blue) are strongly coloured: pixels whose chroma is high become paper white, so
  black text under a seal stays and the seal's ring and letters go.
- Uneven lighting (dark corners of a scan) is divided out against a blurred estimate of the paper.
- Scanner streaks (dirt on a feeder's glass draws a thin line down the whole sheet) are painted out: they would
  otherwise cross a table's column rule and hide it, and cut through words.
- Skew is found by the projection profile: the angle at which the rows of ink are sharpest.
"""
from __future__ import annotations

import numpy as np
from PIL import Image, ImageChops, ImageFilter

CHROMA_LIMIT = 60          # max(R,G,B) - min(R,G,B) above this is coloured ink, not black text
MAX_SKEW = 5.0             # degrees searched either way
STREAK_SHARE = 0.6         # a column darker than its neighbours along this share of the page is a streak


def clean_colour(image: Image.Image) -> Image.Image:
    """Grayscale page with strongly coloured pixels (stamps, blue signatures) turned to paper white."""
    if image.mode not in ("RGB", "RGBA", "P", "CMYK"):
        return image.convert("L")
    rgb = image.convert("RGB")
    r, g, b = rgb.split()
    hi = ImageChops.lighter(ImageChops.lighter(r, g), b)
    lo = ImageChops.darker(ImageChops.darker(r, g), b)
    gray = rgb.convert("L")
    # Dark pixels stay whatever their hue: black text printed over a red seal is still text.
    # Signatures are in blue ink, often dark: blue clearly above red and green is ink to drop at any darkness.
    blue = ImageChops.subtract(b, ImageChops.lighter(r, g)).point(lambda v: 255 if v > CHROMA_LIMIT else 0)
    coloured = ImageChops.lighter(
        ImageChops.multiply(ImageChops.subtract(hi, lo).point(lambda v: 255 if v > CHROMA_LIMIT else 0),
                            gray.point(lambda v: 255 if v > 70 else 0)), blue)
    gray.paste(255, mask=coloured)
    return gray


def normalise_background(gray: Image.Image) -> Image.Image:
    """Divide the page by its paper brightness so that dim corners and yellowed paper become white."""
    w, h = gray.size
    factor = 16
    small = gray.resize((max(1, w // factor), max(1, h // factor)), Image.BILINEAR)
    paper = small.filter(ImageFilter.MaxFilter(5)).filter(ImageFilter.GaussianBlur(2))
    paper = paper.resize((w, h), Image.BILINEAR)
    g = np.asarray(gray, dtype=np.float32)       # a new array: the arithmetic below is done in place
    p = np.asarray(paper, dtype=np.float32)
    np.maximum(p, 1.0, out=p)
    np.divide(g, p, out=g)
    del p
    g *= 255.0
    np.clip(g, 0, 255, out=g)
    return Image.fromarray(g.astype(np.uint8), "L")


def remove_streaks(gray: Image.Image) -> Image.Image:
    """The page with scanner streaks (thin lines down the whole height, in the scan's own axis) painted out.

    A streak column is darker than the columns a few pixels to either side along most of the page, margins
    included; text and table rules are that only where they are. A streak pixel takes the lighter of its two
    neighbours beyond the streak, unless it is much darker than the streak itself: there a word crosses it and
    its ink is kept.
    Runs before deskewing, while streaks are still exactly vertical.
    """
    g = np.asarray(gray, dtype=np.uint8)
    h, w = g.shape
    band = 8                                   # rows averaged together: noise evens out, a line stays
    if h < 4 * band or w < 16:
        return gray
    rows = (h // band) * band
    profile = g[:rows].reshape(rows // band, band, w).mean(axis=1)
    shift = 4
    left = np.empty_like(profile)
    right = np.empty_like(profile)
    left[:, shift:], left[:, :shift] = profile[:, :-shift], 255.0
    right[:, :-shift], right[:, -shift:] = profile[:, shift:], 255.0
    darker = profile < np.minimum(left, right) - 12.0
    # ...and in the top and bottom margins too: a full-page table's rules stop short of them, a streak does not.
    edge = max(1, len(profile) // 16)
    columns = np.nonzero((darker.mean(axis=0) > STREAK_SHARE) & (darker[:edge].mean(axis=0) > 0.5)
                         & (darker[-edge:].mean(axis=0) > 0.5))[0]
    if not len(columns):
        return gray
    out = g.copy()
    runs: list[list[int]] = []
    for x in columns.tolist():
        if runs and x - runs[-1][1] <= 2:
            runs[-1][1] = x
        else:
            runs.append([x, x])
    for x0, x1 in runs:
        a, b = max(0, x0 - 1), min(w - 1, x1 + 1)
        strip = g[:, a:b + 1]
        # Ink is multiplied: where a word crosses the streak it is clearly darker than the streak alone.
        level = float(np.median(strip[:, (x1 - x0) // 2 + (x0 - a)]))
        paper = np.maximum(g[:, max(0, a - 2)], g[:, min(w - 1, b + 2)])
        out[:, a:b + 1] = np.where(strip < level * 0.6, strip, np.maximum(strip, paper[:, None]))
    return Image.fromarray(out, "L")


def otsu_threshold(gray: np.ndarray) -> int:
    # PIL counts in C; np.bincount would first widen the page to int64 (eight times its size)
    hist = np.asarray(Image.fromarray(np.ascontiguousarray(gray, dtype=np.uint8), "L").histogram(), dtype=np.float64)
    total = hist.sum()
    if total == 0:
        return 128
    omega = np.cumsum(hist) / total
    mu = np.cumsum(hist * np.arange(256)) / total
    mu_t = mu[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        sigma = (mu_t * omega - mu) ** 2 / (omega * (1 - omega))
    sigma = np.nan_to_num(sigma)
    return int(np.argmax(sigma))


def ink_threshold(g: np.ndarray) -> int:
    return min(otsu_threshold(g), 200)


def ink_mask(gray: Image.Image) -> np.ndarray:
    """True where there is ink (after background normalisation)."""
    g = np.asarray(gray, dtype=np.uint8)
    return g < ink_threshold(g)


def ink_masks(gray: Image.Image) -> tuple[np.ndarray, np.ndarray]:
    """The ink mask, and the mask of where there may be a ruled line: halfway from the ink threshold to white.

    Table rules are printed thinner and greyer than text and a poor scan blurs them to a light grey that the text
    threshold breaks into dashes. Only long straight runs of the second mask are taken as rules, so the noise and
    the blurred text it lets in do not matter.
    """
    g = np.asarray(gray, dtype=np.uint8)
    t = ink_threshold(g)
    return g < t, g < (t + 255) // 2


def skew_angle(gray: Image.Image) -> float:
    """The page's skew in degrees (text lines descending to the right are positive), by projection profile.

    The ink pixels of a reduced page are projected on the vertical axis at each trial angle; the angle whose
    profile is sharpest (largest sum of squared differences) is the one at which text lines run straight.
    """
    w, h = gray.size
    scale = 1200 / max(w, h)
    small = gray.resize((max(1, int(w * scale)), max(1, int(h * scale))), Image.BILINEAR)
    ys, xs = np.nonzero(ink_mask(small))
    if len(ys) < 200:      # a blank page
        return 0.0
    ys = ys.astype(np.float64)
    xs = xs.astype(np.float64) - small.size[0] / 2

    def score(angle: float) -> float:
        t = np.tan(np.radians(angle))
        proj = np.round(ys - xs * t).astype(np.int64)
        proj -= proj.min()
        profile = np.bincount(proj).astype(np.float64)
        return float(np.square(np.diff(profile)).sum())

    best = max(np.arange(-MAX_SKEW, MAX_SKEW + 0.01, 0.5), key=score)
    fine = max(np.arange(best - 0.5, best + 0.51, 0.1), key=score)
    finer = max(np.arange(fine - 0.1, fine + 0.101, 0.025), key=score)
    return float(finer)


def deskew(gray: Image.Image, angle: float) -> Image.Image:
    if abs(angle) < 0.05:
        return gray
    return gray.rotate(angle, resample=Image.BILINEAR, expand=False, fillcolor=255)


def flatten_bands(gray: Image.Image) -> Image.Image:
    """The page with narrow shadows across its whole width or height (a fold, the spine of a book) divided out.

    `normalise_background` estimates the paper over a window wider than such a band, so a fold's shadow stays
    grey; on the permissive rule threshold it then reads as one thick rule that swallows the table line beside
    it. Every row (and column) of a letter crosses the margins, so its brightest tenth is paper even across a
    table rule; the profile of those levels, widened by a few pixels so that no thin rule pulls it down, is the
    paper a band is printed on. Rows darker than the page's usual paper are brightened back to it.
    Runs after deskewing: a fold is in the paper, and turns with it.
    """
    g = np.asarray(gray, dtype=np.float32)
    h, w = g.shape
    if h < 64 or w < 64:
        return gray
    reach = max(2, max(h, w) // 300)                  # wider than a table rule or a bold stroke
    out = g
    for axis in (1, 0):                               # rows first (horizontal folds), then columns
        sample = out[:, ::4] if axis == 1 else out[::4, :]
        level = np.percentile(sample, 90, axis=axis)
        padded = np.pad(level, reach, mode="edge")
        widened = np.lib.stride_tricks.sliding_window_view(padded, 2 * reach + 1).max(axis=1)
        usual = float(np.median(widened))
        factor = usual / np.clip(widened, 1.0, usual)    # >= 1: only darker bands change
        if float(factor.max()) < 1.03:
            continue
        out = out * (factor[:, None] if axis == 1 else factor[None, :])
    if out is g:
        return gray
    return Image.fromarray(np.clip(out, 0, 255).astype(np.uint8), "L")


def prepare(image: Image.Image) -> tuple[Image.Image, float]:
    """The cleaned, straightened grayscale page and the skew that was removed (degrees)."""
    gray = remove_streaks(normalise_background(clean_colour(image)))
    angle = skew_angle(gray)
    return flatten_bands(deskew(gray, angle)), angle
