"""Which values of a letter's form an open flag points at, so the page marks them (and their box on the original)
instead of leaving the officer to hunt for the row a flag's sentence describes.

A flag names a field ("enterprise.tax_code", "letter.date"), a list item ("hiring_needs[2].quantity"), or a whole
part ("hiring_needs"); for a whole part, the items the check itself singles out are marked: a need read with low
confidence, a quantity too large to be plausible. What no value can carry (a total that does not add up) marks the
part's table."""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.fields.checks import IMPLAUSIBLE_QUANTITY, LOW_CONFIDENCE
from schemas import FlagCode

_ITEM = re.compile(r"(\w+)\[(\d+)\](?:\.(\w+))?$")
_MAIN = {"hiring_needs": "quantity", "criteria": "text", "cooperation_offers": "text"}
_PART_FIELD = {"enterprise": "name", "letter": "number"}


@dataclass
class Marks:
    fields: dict[str, list[str]]       # form field name -> the flags' messages about it
    refs: set[str]                     # data-ref of the values whose source box is marked on the original
    parts: dict[str, list[str]]        # a whole part (its table) -> messages that no single value carries

    @property
    def order(self) -> list[str]:
        return list(self.fields)


def marks(extraction: dict, open_flags: list) -> Marks:  # noqa: C901
    """The form fields, source boxes and parts the open flags point at (flags: objects with .field and .message)."""
    fields: dict[str, list[str]] = {}
    parts: dict[str, list[str]] = {}

    def mark(name: str, message: str) -> None:
        fields.setdefault(name, [])
        if message not in fields[name]:
            fields[name].append(message)

    needs = extraction.get("hiring_needs") or []
    for flag in open_flags:
        target, message = (flag.field or ""), flag.message or ""
        code = str(flag.code)
        item = _ITEM.match(target)
        if item and item.group(1) in _MAIN:
            section, index = item.group(1), int(item.group(2))
            if index < len(extraction.get(section) or []):
                mark(f"{section}.{index}.{item.group(3) or _MAIN[section]}", message)
                continue
        if target.count(".") == 1 and target.split(".")[0] in ("enterprise", "letter", "registration"):
            mark(target, message)
        elif target in _PART_FIELD:
            mark(f"{target}.{_PART_FIELD[target]}", message)
        elif target == "hiring_needs" and code == FlagCode.low_confidence:
            hit = [i for i, n in enumerate(needs) if (n.get("confidence") or 1.0) < LOW_CONFIDENCE]
            for i in hit:
                mark(f"hiring_needs.{i}.quantity", message)
            if not hit:
                parts.setdefault("hiring_needs", []).append(message)
        elif target == "hiring_needs" and code == FlagCode.implausible_quantity:
            hit = [i for i, n in enumerate(needs) if max(n.get("quantity") or 0, n.get("quantity_max") or 0)
                   > IMPLAUSIBLE_QUANTITY]
            for i in hit:
                mark(f"hiring_needs.{i}.quantity", message)
            if not hit:
                parts.setdefault("hiring_needs", []).append(message)
        elif target in _MAIN:
            parts.setdefault(target, []).append(message)
    ordered = dict(sorted(fields.items(), key=lambda kv: _position(kv[0])))
    return Marks(ordered, {_ref(name) for name in ordered}, parts)


_FORM_ORDER = ("enterprise", "letter", "hiring_needs", "criteria", "cooperation_offers", "registration")


def _position(name: str) -> tuple:
    """Fields in the order the form shows them, so "next flagged value" walks down the page."""
    section, *rest = name.split(".")
    index = int(rest[0]) if len(rest) == 2 and rest[0].isdigit() else -1
    return (_FORM_ORDER.index(section) if section in _FORM_ORDER else 99, index, name)


def _ref(name: str) -> str:
    """The source box of a form field: "hiring_needs.2.quantity" -> "hiring_needs-2", "letter.date" ->
    "letter-date"."""
    section, *rest = name.split(".")
    if len(rest) == 2:
        return f"{section}-{rest[0]}"
    return f"{section}-{rest[0]}"
