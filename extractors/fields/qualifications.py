"""Qualifications named in a phrase ("trình độ cao đẳng", "LĐPT") or implied by a title ("Kỹ sư ...")."""
from __future__ import annotations

from functools import cache

from extractors import vocab
from extractors.nlp import get_nlp
from extractors.text.normalize import fold, one_line


def qualification_in(text: str) -> str | None:
    """The first qualification named in the text, or None."""
    doc = get_nlp()(one_line(text))
    for span in doc.spans["terms"]:
        if span.label_.startswith("QUAL:"):
            return span.label_.split(":", 1)[1]
    return None


def qualification_start(text: str) -> int | None:
    """The word index where the first qualification phrase of the text starts, or None."""
    doc = get_nlp()(one_line(text))
    for span in doc.spans["terms"]:
        if span.label_.startswith("QUAL:"):
            return len(doc[:span.start].text.split())
    return None


def implied_qualification(position: str | None) -> str | None:
    """The qualification a position's title implies when none is stated ("Kỹ sư điện tử": university)."""
    if not position:
        return None
    doc = get_nlp()(one_line(position))
    for span in doc.spans["terms"]:
        if span.label_.startswith("IMPLIED:") and span.start == 0:
            return span.label_.split(":", 1)[1]
    return None


@cache
def _alone() -> dict[str, str]:
    return {fold(word): value for value, words in vocab.terms("qualifications", "alone").items() for word in words}


def qualification_of_cell(text: str) -> str | None:
    """The qualification a qualification column's cell names: a phrase, or an abbreviation that is the whole
    cell ("TC", which in running text may be a department's "TC-KT")."""
    return qualification_in(text) or _alone().get(fold(one_line(text)).strip(" .()"))
