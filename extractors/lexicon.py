"""The spaCy lexicon: labels ``GROUP:value`` and the phrases that signal them, built from extractors/vocab/.

Phrases are matched accent- and case-insensitively on whole tokens (see nlp.py). Vietnamese first, with
the English of bilingual letters. Order inside a group does not matter: the longest match wins. The words
themselves live in the vocabulary files (qualifications, criteria, offers, frequencies, portals); a synonym
goes there, not here.
"""
from __future__ import annotations

from extractors.text.normalize import fold
from extractors.vocab import terms

#: Group of the lexicon -> (vocabulary file, key of its entries). Groups are added to the matcher in this order.
GROUPS = (
    ("QUAL", "qualifications", "terms"),        # the qualification a hiring need states
    ("IMPLIED", "qualifications", "implied"),   # the qualification a position's title implies ("kỹ sư ...")
    ("CRIT", "criteria", "terms"),              # criteria categories (point 2)
    ("COOP", "offers", "terms"),                # cooperation offers (point 3)
    ("FREQ", "frequencies", "terms"),           # registration frequency (point 4)
    ("CHANNEL", "portals", "terms"),            # registration portals (point 4)
)


def _build() -> dict[str, list[str]]:
    return {f"{group}:{value}": sorted({fold(p) for p in phrases})
            for group, name, key in GROUPS for value, phrases in terms(name, key).items()}


TERMS: dict[str, list[str]] = _build()

#: The groups whose phrases must also agree in tone with the text where the text marks one (nlp.py): their
#: one-syllable words are common ones ("biết" is no "biệt" of "đặc biệt"). Needs and frequencies stay folded: a
#: scan's text loses or mistakes tone marks, and their phrases are long enough not to meet other words.
TONED_GROUPS = ("CRIT", "COOP")


def _build_written() -> dict[str, list[str]]:
    return {f"{group}:{value}": sorted(set(phrases))
            for group, name, key in GROUPS if group in TONED_GROUPS for value, phrases in terms(name, key).items()}


#: Label -> its phrases as written, with their accents (TONED_GROUPS only).
WRITTEN: dict[str, list[str]] = _build_written()
