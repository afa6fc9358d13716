"""The vocabulary (extractors/vocab/) agrees with the contract's enums and the officers' labels: every enum value
has words and a label, no file names a kind the contract does not know, and every word reaches the matcher."""
from __future__ import annotations

import re

import pytest

from extractors import vocab
from extractors.fields.hiring_needs import COLUMN_ROLES
from extractors.fields.layout import SECTION_KEYS
from extractors.lexicon import GROUPS, TERMS
from extractors.nlp import term_values
from extractors.text.normalize import fold
from pipeline.web import labels
from schemas import CooperationKind, CriterionCategory, Frequency, Qualification

ENUMS = {"qualifications": Qualification, "criteria": CriterionCategory, "offers": CooperationKind,
         "frequencies": Frequency}
WEB_LABELS = {"qualifications": labels.QUALIFICATIONS, "criteria": labels.CRITERIA, "offers": labels.OFFERS,
              "frequencies": labels.FREQUENCIES}
GROUP_OF = {name: group for group, name, key in GROUPS if key == "terms"}


def test_every_enum_has_its_vocabulary():
    assert set(ENUMS) == set(vocab.ENUM_FILES)


@pytest.mark.parametrize("name", sorted(ENUMS))
def test_each_value_has_a_label_and_terms_and_nothing_else_is_named(name):
    entries = vocab.load(name)
    assert set(entries) == {v.value for v in ENUMS[name]}, "vocabulary and contract name different kinds"
    for value, entry in entries.items():
        assert entry["label"].strip(), f"{name}.{value} has no label"
        assert entry["terms"] or value == vocab.FALLBACK, f"{name}.{value} has no terms"
        named = {k for k in entry if not k.endswith("_patterns")}          # regular expressions, used as written
        assert named <= {"label", "terms", "implied", "alone"}, f"{name}.{value}: unknown keys"
    assert WEB_LABELS[name] == {v.value: entries[v.value]["label"] for v in ENUMS[name]}
    assert list(WEB_LABELS[name]) == [v.value for v in ENUMS[name]]          # the contract's order


def test_the_lexicon_names_only_known_kinds():
    known = {group: {v.value for v in ENUMS[name]} for name, group in GROUP_OF.items() if name in ENUMS}
    known["IMPLIED"] = known["QUAL"]
    known["CHANNEL"] = set(vocab.load("portals"))
    for label in TERMS:
        group, value = label.split(":", 1)
        assert value in known[group], label


@pytest.mark.parametrize("name", sorted(ENUMS) + ["portals"])
def test_every_term_is_found_as_its_own_kind(name):
    group = GROUP_OF[name]
    for value, phrases in vocab.terms(name).items():
        for phrase in phrases:
            assert value in term_values(phrase, group), f"{phrase!r} is not read as {group}:{value}"


def test_no_phrase_names_two_kinds_of_one_group():
    for group, name, key in GROUPS:
        seen: dict[str, str] = {}
        for value, phrases in vocab.terms(name, key).items():
            for phrase in phrases:
                other = seen.setdefault(fold(phrase), value)
                assert other == value, f"{phrase!r} is both {group}:{other} and {group}:{value}"


def test_portals_have_their_display_names():
    for value, entry in vocab.load("portals").items():
        assert entry["label"].strip() and entry["terms"], value


def test_layout_vocabularies_name_known_parts():
    assert set(vocab.load("headings")) == set(SECTION_KEYS)
    assert next(iter(vocab.load("headings"))) == "registration", "registration headings must be tried first"
    assert set(vocab.load("table_columns")["roles"]) == COLUMN_ROLES


def test_patterns_compile_and_words_fold_to_something():
    for name in ("headings", "letter_parts", "table_columns", "needs_prose", "units", "answers", "reply",
                 "letterhead", *ENUMS, "portals"):
        stack = [vocab.load(name)]
        while stack:
            node = stack.pop()
            for key, value in node.items():
                if isinstance(value, dict):
                    stack.append(value)
                elif isinstance(value, list):
                    for entry in value:
                        assert isinstance(entry, str) and fold(entry), f"{name}.{key}: empty entry"
                        if key.endswith("_patterns"):
                            re.compile(entry)


def test_zones_have_canonical_names():
    zones = vocab.load("zones")["zones"]
    assert len(zones) >= 20
    assert all(z["name"].startswith(("KCN ", "KKT ")) for z in zones)


def test_files_are_loaded_once():
    assert vocab.load("headings") is vocab.load("headings")


def test_units_are_one_list_for_cells_and_prose():
    from extractors.text.numbers import parse_quantity
    units = vocab.load("units")
    for unit in units["units"] + units["position_nouns"]:
        assert parse_quantity(f"30 {unit}").low == 30, unit
