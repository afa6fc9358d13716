"""The words of the domain, as data: one file per concept in this folder, loaded once.

| file                 | what it holds                                                           | read by             |
|----------------------|-------------------------------------------------------------------------|---------------------|
| headings.toml        | heading words of the five answers                                       | fields/layout.py    |
| letter_parts.toml    | addressee, closing and contact lines                                    | fields/layout.py    |
| table_columns.toml   | column roles and total rows of hiring-needs tables                      | fields/hiring_needs |
| needs_prose.toml     | cues of needs stated in running text                                    | fields/needs_prose  |
| units.toml           | what counts are counted in, approximation words                         | text/numbers.py     |
| answers.toml         | lead-ins, generic terms, named others, giving verbs, equipment          | fields/answers, kinds|
| reply.toml           | what makes a document a reply to letter 812                             | fields/reply.py     |
| letterhead.toml      | motto, company name, tax code, phone and contact labels                 | fields/enterprise.py|
| qualifications.toml  | label, terms and implying titles of each Qualification                  | lexicon.py (spaCy)  |
| criteria.toml        | label and terms of each CriterionCategory                               | lexicon.py (spaCy)  |
| offers.toml          | label and terms of each CooperationKind                                 | lexicon.py (spaCy)  |
| frequencies.toml     | label and terms of each Frequency                                       | lexicon.py (spaCy)  |
| portals.toml         | name and terms of each registration portal                              | lexicon.py (spaCy)  |
| rhythms.toml         | registration rhythms with no contract value ("6 tháng một lần")         | fields/registration |
| zones.json           | the zones (KCN/KKT) of Hai Phong and their other spellings              | fields/zones.py     |

Words are written as in a letter, with or without accents: the code folds them (`words`) before matching them
against folded text. Entries named `*_patterns` are regular expressions and are used as written. Adding a
synonym is one line in one of these files; tests/extractors/test_vocab.py checks that the files, the contract's
enums and the labels agree.
"""
from __future__ import annotations

import json
import re
import tomllib
from functools import cache
from importlib import resources
from typing import Any

from extractors.text.normalize import fold

#: The vocabularies of the contract's enums: file -> the enum they name the values of.
ENUM_FILES = ("qualifications", "criteria", "offers", "frequencies")
#: The value an item falls back to when it names no term: it needs a label, not terms.
FALLBACK = "other"


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed file `name` of this folder (`name`.toml, or `name`.json)."""
    folder = resources.files(__package__)
    toml = folder.joinpath(f"{name}.toml")
    if toml.is_file():
        return tomllib.loads(toml.read_text(encoding="utf-8"))
    return json.loads(folder.joinpath(f"{name}.json").read_text(encoding="utf-8"))


def words(entries: list[str]) -> tuple[str, ...]:
    """Folded words, in the file's order, each once: to match against fold()ed text."""
    return tuple(dict.fromkeys(fold(w) for w in entries))


def either(entries: list[str]) -> str:
    """A regular expression alternative of the folded words: 'a|b|c', each escaped."""
    return "|".join(re.escape(w) for w in words(entries))


def labels(name: str) -> dict[str, str]:
    """Value -> label of an enum vocabulary (qualifications, criteria, offers, frequencies) or of the portals."""
    return {value: entry["label"] for value, entry in load(name).items()}


def terms(name: str, key: str = "terms") -> dict[str, list[str]]:
    """Value -> its phrases as written (`terms`, or `implied` of the qualifications), for values that have some."""
    return {value: entry[key] for value, entry in load(name).items() if entry.get(key)}


__all__ = ["ENUM_FILES", "FALLBACK", "either", "labels", "load", "terms", "words"]
