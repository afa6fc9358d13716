"""The flag catalogue (schemas/flags.py) is the one place of every flag code: each has a class and a label, the
code sets derive from it, and the source raises codes of the catalogue, never a raw string.

The source tree is scanned (not the enum iterated), so a code made up in a reader, a check, the store or a
template fails here.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from pipeline.web import labels
from schemas.flags import (FLAG_LABELS, INFO_CODES, QUARANTINE_CODES, REJECTION_CODES, FlagClass, FlagCode,
                           flag_label)

ROOT = Path(__file__).resolve().parents[1]
SOURCE_DIRS = ("schemas", "extractors", "pipeline", "flows", "scripts")
CATALOGUE = ROOT / "schemas" / "flags.py"
KNOWN = {code.value for code in FlagCode}
# Callables whose positional argument at this index is a flag code.
CODE_ARGUMENT = {"UnreadableDocument": 0, "rejected": 1, "_flag": 2}


def _sources() -> list[Path]:
    files = [p for d in SOURCE_DIRS for p in sorted((ROOT / d).rglob("*.py"))]
    assert len(files) > 50, "the scan found too few source files: has the layout moved?"
    return files


def _trees():
    for path in _sources():
        yield path.relative_to(ROOT), ast.parse(path.read_text(encoding="utf-8"))


def _called_name(call: ast.Call) -> str | None:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def _code_arguments(tree: ast.AST):
    """Every expression passed where a flag code goes: `code=...`, or the code position of a known callable."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        for kw in node.keywords:
            if kw.arg == "code":
                yield kw.value
        index = CODE_ARGUMENT.get(_called_name(node))
        if index is not None and len(node.args) > index:
            yield node.args[index]


def test_every_code_has_a_class_and_its_own_label():
    assert len(FlagCode) >= 28
    for code in FlagCode:
        assert isinstance(code.flag_class, FlagClass), code
        assert code.label.strip() and code.label != code.value, code
        assert flag_label(code) == code.label == labels.flag_label(code.value)
    assert len(set(FLAG_LABELS.values())) == len(FLAG_LABELS), "two codes share a label: officers can't tell them apart"
    assert labels.FLAGS is FLAG_LABELS


def test_code_sets_follow_the_classes():
    assert QUARANTINE_CODES == {FlagCode.timeout, FlagCode.resource_limit, FlagCode.internal_error}
    assert QUARANTINE_CODES < REJECTION_CODES
    assert FlagCode.not_a_reply in REJECTION_CODES and FlagCode.not_a_reply not in QUARANTINE_CODES
    assert INFO_CODES == {FlagCode.legacy_encoding}
    assert not (INFO_CODES & REJECTION_CODES)
    review = {c for c in FlagCode if c.flag_class is FlagClass.review}
    assert review and not (review & (REJECTION_CODES | INFO_CODES))
    assert {FlagCode.possible_resubmission, FlagCode.spot_check} <= review


def test_codes_are_passed_as_members_of_the_catalogue():
    """A code argument is `FlagCode.x` (or a variable), never a string; every `FlagCode.x` exists."""
    problems = []
    for path, tree in _trees():
        for arg in _code_arguments(tree):
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                problems.append(f"{path}:{arg.lineno}: raw code {arg.value!r}, use FlagCode")
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "FlagCode" \
                    and node.attr not in FlagCode.__members__:
                problems.append(f"{path}:{node.lineno}: FlagCode.{node.attr} is not in the catalogue")
    assert not problems, "\n".join(problems)


def test_no_code_is_written_as_a_raw_string_outside_the_catalogue():
    """A string equal to a code is a flag code spelled by hand (dict keys aside: settings and fields)."""
    problems = []
    for path, tree in _trees():
        if path == CATALOGUE.relative_to(ROOT):
            continue
        keys = {id(k) for node in ast.walk(tree) if isinstance(node, ast.Dict) for k in node.keys if k is not None}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and node.value in KNOWN and id(node) not in keys:
                problems.append(f"{path}:{node.lineno}: {node.value!r}, use FlagCode.{node.value}")
    assert not problems, "\n".join(problems)


def test_templates_name_codes_of_the_catalogue():
    templates = sorted((ROOT / "pipeline").rglob("*.html"))
    assert templates
    named = [(t.name, code) for t in templates
             for code in re.findall(r"flag_label\(\s*['\"](\w+)['\"]\s*\)", t.read_text(encoding="utf-8"))]
    assert named, "no template names a flag by its code any more: drop this test"
    assert [n for n in named if n[1] not in KNOWN] == []


@pytest.mark.parametrize("made_up", ['raise UnreadableDocument("brand_new", "x")', 'Flag(code="brand_new", message="")',
                                     'FlagCode.brand_new', 'x = "not_a_reply"'])
def test_the_scan_catches_a_made_up_code(made_up):
    tree = ast.parse(made_up)
    raw = [a for a in _code_arguments(tree) if isinstance(a, ast.Constant)]
    attrs = [n for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr not in FlagCode.__members__]
    strings = [n for n in ast.walk(tree) if isinstance(n, ast.Constant) and n.value in KNOWN]
    assert raw or attrs or strings


def test_the_readme_explains_every_code():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## What a flag means", 1)[1].split("\n## ", 1)[0]
    assert [code.value for code in FlagCode if f"`{code.value}`" not in section] == []
