"""The zone (KCN/KKT) an enterprise is in: matched against the zone list in vocab/zones.json.

Names are compared accent- and case-insensitively with punctuation ignored; an unknown zone is kept as
written. The authority's own name ("Khu kinh tế Hải Phòng") and plural mentions ("các KCN") are no zone.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractors import vocab
from extractors.text.normalize import fold, one_line

_PREFIX = re.compile(r"\b(KCN|KKT|Khu công nghiệp|Khu kinh tế|Khu CN|Industrial (?:Park|Zone)s?|Economic Zone)\s+", re.I)
_LABELLED = re.compile(r"^[^:\d]{1,30}:")         # a line that is a field of its own ("Nhà máy: Lô C3, ...")
_NOT_A_ZONE = {"hai phong", "thanh pho hai phong", "hai phong va", "tren dia ban"}


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(text)).split())


@lru_cache(maxsize=1)
def _registry() -> list[tuple[str, str]]:
    """(alias key, canonical name), longest alias first."""
    data = vocab.load("zones")
    pairs: list[tuple[str, str]] = []
    for zone in data["zones"]:
        name = zone["name"]
        bare = re.sub(r"^(KCN|KKT)\s+", "", name)
        for alias in [name, bare, *zone.get("aliases", [])]:
            pairs.append((_key(alias), name))
    return sorted(set(pairs), key=lambda p: -len(p[0]))


def canonical_zone(text: str) -> str | None:
    """The registry's name of a zone written as `text` ('Khu công nghiệp Đình Vũ' -> 'KCN Đình Vũ')."""
    key = _key(re.sub(r"^(KCN|KKT|Khu công nghiệp|Khu kinh tế)\s+", "", text.strip(), flags=re.I))
    for alias, name in _registry():
        if key == alias or key.startswith(alias + " "):
            return name
    return None


def find_zone(text: str) -> str | None:
    """The first zone mentioned in the text (after a KCN/KKT prefix, or before 'Industrial Park')."""
    return next((name for name, _ in find_zones(text)), None)


def address_zone(text: str) -> str | None:
    """The zone of an address: its first zone, except that an address naming the economic zone (KKT) and then an
    industrial park in it ("Khu kinh tế Đình Vũ - Cát Hải, Khu công nghiệp Đình Vũ") is in the industrial park."""
    found = find_zones(text)
    if not found:
        return None
    first, at = found[0]
    if first.startswith("KKT"):
        near = next((name for name, pos in found[1:] if name.startswith("KCN") and 0 < pos - at <= 120), None)
        if near:
            return near
    return first


def find_zones(text: str) -> list[tuple[str, int]]:
    """Every zone mentioned in the text, with where it is named (in the text on one line): those after a KCN/KKT
    prefix in order, then those named before "Industrial Park"."""
    flat, stops = "", []
    for line in text.split("\n"):
        line = one_line(line)
        if not line:
            continue
        if flat:
            flat += " "
            if _LABELLED.match(line):
                stops.append(len(flat))     # "Nhà máy: ..." on the next line: a name written out stops there
        flat += line
    out: list[tuple[str, int]] = []
    for m in _PREFIX.finditer(flat):
        name = _zone_after(m, flat, next((s for s in stops if s > m.end()), len(flat)))
        if name:
            out.append((name, m.start()))
    for m in re.finditer(r"([A-Z][\w\- ]{1,40}?)\s+Industrial (?:Park|Zone)", flat):
        found = canonical_zone(m.group(1))
        if found:
            out.append((found, m.start()))
    return out


def _zone_after(m: re.Match, flat: str, stop: int) -> str | None:
    """The zone named after a KCN/KKT prefix: the registry's name, or the capitalised words as written (up to
    `stop`, where a labelled line begins)."""
    prefix = m.group(1)
    tail = flat[m.end():m.end() + 80]
    if prefix.lower().startswith(("industrial", "economic")):
        return None
    key = _key(tail)
    if any(key.startswith(bad) for bad in _NOT_A_ZONE) and not key.startswith("hai phong dinh"):
        return None
    for alias, name in _registry():
        if key == alias or key.startswith(alias + " "):
            if name.startswith("KKT") != prefix.upper().startswith(("KKT", "KHU KINH")) and \
                    not name.startswith("KCN") == prefix.upper().startswith(("KCN", "KHU C")):
                continue
            return name
    words = []
    for token in re.split(r"\s+", flat[m.end():min(stop, m.end() + 80)].strip()):
        bare = token.rstrip(",;.:)")
        if not bare or not (bare[0].isupper() or bare[0].isdigit() or bare in ("-", "–")):
            break
        words.append(bare)
        if bare != token:      # punctuation ends the name
            break
    name = " ".join(words).strip(" -–")
    if name and len(name) >= 2:
        kind = "KKT" if prefix.upper().startswith(("KKT", "KHU KINH")) else "KCN"
        return f"{kind} {name}"
    return None
