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
    flat = one_line(text)
    for m in _PREFIX.finditer(flat):
        prefix = m.group(1)
        tail = flat[m.end():m.end() + 80]
        if prefix.lower().startswith(("industrial", "economic")):
            continue
        key = _key(tail)
        if any(key.startswith(bad) for bad in _NOT_A_ZONE) and not key.startswith("hai phong dinh"):
            continue
        for alias, name in _registry():
            if key == alias or key.startswith(alias + " "):
                if name.startswith("KKT") != prefix.upper().startswith(("KKT", "KHU KINH")) and \
                        not name.startswith("KCN") == prefix.upper().startswith(("KCN", "KHU C")):
                    continue
                return name
        words = []
        for token in re.split(r"\s+", tail.strip()):
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
    for m in re.finditer(r"([A-Z][\w\- ]{1,40}?)\s+Industrial (?:Park|Zone)", flat):
        found = canonical_zone(m.group(1))
        if found:
            return found
    return None
