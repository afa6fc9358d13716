"""Imports point one way (README, "How it is built"): schemas ← extractors ← pipeline ← flows; inside pipeline/,
only the CLI imports flows; the review app's routes never import the app; tests never import scripts.

Read from the source (every import statement, those inside functions too), so a lazy import counts as well."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def imports_of(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def offenders(folder: str, forbidden: tuple[str, ...], *, skip: tuple[str, ...] = ()) -> list[str]:
    found = []
    for path in sorted((ROOT / folder).rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith(skip):
            continue
        bad = {name for name in imports_of(path) if name.split(".")[0] in forbidden or name.startswith(forbidden)}
        found += [f"{rel} imports {name}" for name in sorted(bad)]
    return found


@pytest.mark.parametrize("folder, forbidden, skip", [
    ("schemas", ("extractors", "pipeline", "flows"), ()),
    ("extractors", ("pipeline", "flows"), ()),
    ("pipeline", ("flows",), ("pipeline/cli/",)),
    ("pipeline/web/routes", ("pipeline.web.app",), ()),
    ("tests", ("scripts",), ()),
])
def test_imports_point_one_way(folder, forbidden, skip):
    assert offenders(folder, forbidden, skip=skip) == []


def test_the_check_sees_an_import_inside_a_function(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from flows.deployments import serve_all\n")
    assert "flows.deployments" in imports_of(module)
