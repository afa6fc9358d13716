"""The spaCy pipeline that finds the letter's terms: qualifications, criteria and offer kinds, frequencies,
channels and counts.

A blank `vi` pipeline (no pyvi word segmentation: our patterns are multi-word phrases anyway) with a tokenizer
that splits punctuation, and three registered components:

- ``replyflow_fold``: sets each token's NORM to its accent- and case-folded form, so that every pattern
  matches "Cao đẳng", "CAO ĐẲNG" and "cao dang" alike (scans and sloppy typing drop accents);
- ``replyflow_terms``: a PhraseMatcher over NORM with the lexicon in ``lexicon.py``; matches become spans in
  ``doc.spans["terms"]`` labelled ``GROUP:value`` (e.g. ``QUAL:college``), longest match first;
- ``replyflow_counts``: a Matcher for counts and ranges ("1.200", "50 - 70", "10 đến 20"), spans in
  ``doc.spans["counts"]`` with the parsed value in ``span._.quantity``.
"""
from __future__ import annotations

import re
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, filter_spans

from extractors.lexicon import TERMS
from extractors.text.normalize import fold
from extractors.text.numbers import parse_quantity

if not Span.has_extension("quantity"):
    Span.set_extension("quantity", default=None)


@Language.component("replyflow_fold")
def fold_component(doc: Doc) -> Doc:
    for token in doc:
        token.norm_ = fold(token.text)
    return doc


@Language.factory("replyflow_terms")
class TermMatcher:
    def __init__(self, nlp: Language, name: str):
        self.matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        for label, phrases in TERMS.items():
            self.matcher.add(label, [nlp.make_doc(p) for p in phrases])

    def __call__(self, doc: Doc) -> Doc:
        spans = [Span(doc, start, end, label=match_id) for match_id, start, end in self.matcher(doc)]
        # Longest match wins within a group ("trung cấp nghề" over "trung cấp"); groups may overlap.
        by_group: dict[str, list[Span]] = {}
        for span in spans:
            by_group.setdefault(span.label_.split(":")[0], []).append(span)
        kept = [s for group in by_group.values() for s in filter_spans(group)]
        doc.spans["terms"] = sorted(kept, key=lambda s: (s.start, -len(s)))
        return doc


_NUM = r"^\d{1,3}(?:[.,]\d{3})+$|^\d+$"
_DASHES = ["-", "–", "—", "‐", "−", "~", "đến", "tới", "den", "toi"]


@Language.factory("replyflow_counts")
class CountMatcher:
    def __init__(self, nlp: Language, name: str):
        self.matcher = Matcher(nlp.vocab)
        number = {"TEXT": {"REGEX": _NUM}}
        self.matcher.add("RANGE", [[number, {"LOWER": {"IN": _DASHES}}, number]])
        self.matcher.add("COUNT", [[number]])

    def __call__(self, doc: Doc) -> Doc:
        spans = [Span(doc, s, e, label=m) for m, s, e in self.matcher(doc)]
        kept = []
        for span in filter_spans(spans):
            span._.quantity = parse_quantity(span.text)
            if span._.quantity is not None:
                kept.append(span)
        doc.spans["counts"] = kept
        return doc


def _tokenizer(nlp: Language) -> Tokenizer:
    defaults = spacy.blank("xx").Defaults
    infixes = list(defaults.infixes) + [r"(?<=[0-9])[-–—‐−~](?=[0-9])", r"(?<=[\w)])/(?=[\w(])"]
    prefixes = list(defaults.prefixes) + [r"[-–+•·*]"]
    suffixes = list(defaults.suffixes) + [r"[;:,.]"]
    return Tokenizer(nlp.vocab, rules={},
                     prefix_search=compile_prefix_regex(prefixes).search,
                     suffix_search=compile_suffix_regex(suffixes).search,
                     infix_finditer=compile_infix_regex(infixes).finditer,
                     token_match=re.compile(r"^\d{1,3}(?:\.\d{3})+$|^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$").match)


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The pipeline, built once per process (about 50 ms)."""
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.tokenizer = _tokenizer(nlp)
    nlp.add_pipe("replyflow_fold")
    nlp.add_pipe("replyflow_terms")
    nlp.add_pipe("replyflow_counts")
    return nlp


def terms(text: str, group: str) -> list[Span]:
    """The matched terms of one group (QUAL, CRIT, COOP, FREQ, CHANNEL, ...) in order of appearance."""
    doc = get_nlp()(text)
    return [s for s in doc.spans["terms"] if s.label_.startswith(group + ":")]


def term_values(text: str, group: str) -> list[str]:
    return [s.label_.split(":", 1)[1] for s in terms(text, group)]
