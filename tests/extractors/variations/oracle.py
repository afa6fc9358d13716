"""The oracle of the variation harness: what of a reading must survive a rewriting, and the verdict on a pair.

A rewritten letter says what the original says, so its reading must be the original's (`same`) or be sent to an
officer (`flagged`: status needs_review). A reading that changed with nobody told (`silent`) or a genuine reply
rejected (`rejected`) is a failure.
"""
from __future__ import annotations

import unicodedata
from collections import Counter


def _fold(text: str | None) -> str | None:
    return None if text is None else " ".join(unicodedata.normalize("NFC", text).casefold().split())


def view(result: dict) -> dict:
    """The parts of a contract object that a rewriting must not change: needs, per-year totals, identity, kinds
    of criteria and offers, the registration frequency and the status."""
    needs = sorted((n["year"], _fold(n["position"]), n["qualification"], n["quantity"], n["quantity_max"])
                   for n in result.get("hiring_needs") or [])
    totals: Counter = Counter()
    for year, _, _, quantity, _ in needs:
        totals[year] += quantity
    enterprise = result.get("enterprise") or {}
    letter = result.get("letter") or {}
    return {
        "status": result["status"],
        "needs": needs,
        "totals": dict(sorted(totals.items())),
        "identity": {"name": _fold(enterprise.get("name")), "tax_code": enterprise.get("tax_code"),
                     "zone": enterprise.get("zone"), "contact_name": _fold(enterprise.get("contact_name")),
                     "contact_phone": enterprise.get("contact_phone"),
                     "contact_email": enterprise.get("contact_email"),
                     "number": letter.get("number"), "date": letter.get("date")},
        "criteria": sorted(c["category"] for c in result.get("criteria") or []),
        "offers": sorted(o["kind"] for o in result.get("cooperation_offers") or []),
        "frequency": (result.get("registration") or {}).get("frequency"),
    }


def differences(expected: dict, got: dict) -> list[str]:
    """What changed, in short: 'needs -(2023, thợ điện, 25) +(...)', 'criteria [a, b] -> [a]'."""
    out = []
    for key in expected:
        a, b = expected[key], got[key]
        if a == b:
            continue
        if key == "needs":
            lost = list((Counter(a) - Counter(b)).elements())
            gained = list((Counter(b) - Counter(a)).elements())
            if len(lost) + len(gained) > 3:              # many: say how many, and the first of each
                out.append(f"needs {len(lost)} lost, {len(gained)} gained, e.g."
                           + "".join(f" -{_need(n)}" for n in lost[:1]) + "".join(f" +{_need(n)}" for n in gained[:1]))
            else:
                out.append("needs" + "".join(f" -{_need(n)}" for n in lost)
                           + "".join(f" +{_need(n)}" for n in gained))
        elif key == "identity":
            out += [f"{k} {a[k]!r} -> {b[k]!r}" for k in a if a[k] != b[k]]
        elif key == "totals":
            continue                                     # follows from the needs, said there
        else:
            out.append(f"{key} {_list(a)} -> {_list(b)}")
    return out


def _list(value: object) -> str:
    return "[" + ", ".join(map(str, value)) + "]" if isinstance(value, list) else str(value)


def _need(n: tuple) -> str:
    year, position, qualification, quantity, quantity_max = n
    q = f"{quantity}-{quantity_max}" if quantity_max is not None else str(quantity)
    return f"({year} {position} {qualification} {q})"


def verdict(expected: dict, result: dict) -> tuple[str, list[str]]:
    """('same' | 'flagged' | 'silent' | 'rejected', what changed) of a rewritten letter's reading against the
    original's view."""
    got = view(result)
    diff = differences(expected, got)
    if got["status"] == "rejected" and expected["status"] != "rejected":
        return "rejected", diff
    if not diff:
        return "same", diff
    if got["status"] == "needs_review":
        return "flagged", diff
    return "silent", diff
