"""Pre-Unicode Vietnamese encodings (TCVN3/ABC with .Vn fonts, VNI with VNI- fonts) converted to Unicode.

(Interface only; the conversion tables land with the legacy-encoding work.)
"""
from __future__ import annotations


def font_encoding(font_name: str | None) -> str | None:
    """'tcvn3' for .VnTime-like fonts, 'vni' for VNI-Times-like fonts, else None."""
    if not font_name:
        return None
    name = font_name.strip().lower()
    if name.startswith(".vn") or name.startswith("vn") and not name.startswith("vni"):
        return "tcvn3"
    if name.startswith("vni"):
        return "vni"
    return None


def is_uppercase_font(font_name: str | None) -> bool:
    return bool(font_name) and font_name.strip().lower().endswith("h")


def decode(text: str, encoding: str, *, uppercase: bool = False) -> str:
    return text


def detect(text: str) -> str | None:
    return None
