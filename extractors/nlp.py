"""The spaCy pipeline that finds the letter's terms: qualifications, criteria and offer kinds, frequencies,
channels and counts.

A blank `vi` pipeline (no pyvi word segmentation: our patterns are multi-word phrases anyway) with a tokenizer
that splits punctuation, and three registered components:

- ``replyflow_fold``: sets each token's NORM to its accent- and case-folded form, so that every pattern
  matches "Cao đẳng", "CAO ĐẲNG" and "cao dang" alike (scans and sloppy typing drop accents);
- ``replyflow_terms``: a PhraseMatcher over NORM with the lexicon in ``lexicon.py``; matches become spans in
  ``doc.spans["terms"]`` labelled ``GROUP:value`` (e.g. ``QUAL:college``), longest match first;
- ``replyflow_counts``: counts and ranges ("1.200", "50 - 70", "10 đến 20"), spans in
  ``doc.spans["counts"]`` with the parsed value in ``span._.quantity``.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, filter_spans

from extractors.lexicon import TERMS, WRITTEN
from extractors.text.normalize import fold, nfc
from extractors.text.numbers import parse_quantity

if not Span.has_extension("quantity"):
    Span.set_extension("quantity", default=None)


@Language.component("replyflow_fold")
def fold_component(doc: Doc) -> Doc:
    for token in doc:
        token.norm_ = fold(token.text)
    return doc


_TONE_MARKS = {"\u0300": "huyen", "\u0301": "sac", "\u0303": "nga", "\u0309": "hoi", "\u0323": "nang"}


def tone(token_text: str) -> str | None:
    """The tone a syllable marks: one of the five marks, "" for a syllable with accents but no tone mark (which
    may be the level tone or a lost mark), None for a word written without any accent."""
    decomposed = unicodedata.normalize("NFD", nfc(token_text).lower())
    marks = [_TONE_MARKS[c] for c in decomposed if c in _TONE_MARKS]
    if marks:
        return marks[0]
    return "" if decomposed != fold(token_text) else None


def _tones_agree(written: tuple[str | None, ...], found: tuple[str | None, ...]) -> bool:
    """A phrase's tones and a match's: a syllable of the text that marks a tone marks the phrase's (a level-tone
    syllable of the phrase has none); one without a mark, or a word without accents, agrees with any."""
    return all(f in (None, "") or f == (w or "") for w, f in zip(written, found))


@Language.factory("replyflow_terms")
class TermMatcher:
    def __init__(self, nlp: Language, name: str):
        self.matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        for label, phrases in TERMS.items():
            self.matcher.add(label, [nlp.make_doc(p) for p in phrases])
        # label -> folded tokens -> the tones of each way the vocabulary writes them
        self.tones: dict[str, dict[tuple[str, ...], list[tuple[str | None, ...]]]] = {}
        for label, phrases in WRITTEN.items():
            for p in phrases:
                tokens = [t.text for t in nlp.make_doc(p)]
                self.tones.setdefault(label, {}).setdefault(tuple(fold(t) for t in tokens), []).append(
                    tuple(tone(t) for t in tokens))

    def _toned(self, span: Span) -> bool:
        """Whether a match of a toned group says the phrase's tones (always true for the other groups)."""
        written = self.tones.get(span.label_)
        if written is None:
            return True
        ways = written.get(tuple(t.norm_ for t in span))
        if not ways:
            return True
        found = tuple(tone(t.text) for t in span)
        return any(_tones_agree(w, found) for w in ways)

    def __call__(self, doc: Doc) -> Doc:
        spans = [Span(doc, start, end, label=match_id) for match_id, start, end in self.matcher(doc)]
        spans = [s for s in spans if self._toned(s)]
        # Longest match wins within a group ("trung cấp nghề" over "trung cấp"); groups may overlap.
        by_group: dict[str, list[Span]] = {}
        for span in spans:
            by_group.setdefault(span.label_.split(":")[0], []).append(span)
        kept = [s for group in by_group.values() for s in filter_spans(group)]
        doc.spans["terms"] = sorted(kept, key=lambda s: (s.start, -len(s)))
        return doc


_NUM = r"^\d{1,3}(?:[.,]\d{3})+$|^\d+$"
_DASHES = ["-", "–", "—", "‐", "−", "~", "÷", "đến", "tới", "den", "toi"]


_NUM_RE = re.compile(_NUM)
_DASH_WORDS = frozenset(_DASHES)


@Language.factory("replyflow_counts")
class CountMatcher:
    """Counts: a RANGE is a number, a dash or "đến", a number; a COUNT one number; overlapping ones are filtered
    (the longest wins). Found by a loop over the tokens: the same spans spaCy's Matcher found with the patterns
    [{"TEXT": {"REGEX": _NUM}}] and [number, {"LOWER": {"IN": _DASHES}}, number], at a third of its cost (its
    REGEX predicate is a Python call for every token of every text read)."""

    def __init__(self, nlp: Language, name: str):
        pass

    def __call__(self, doc: Doc) -> Doc:
        texts = [token.text for token in doc]
        number = [bool(_NUM_RE.search(text)) for text in texts]
        spans = [Span(doc, i, i + 1, label="COUNT") for i, is_number in enumerate(number) if is_number]
        spans += [Span(doc, i, i + 3, label="RANGE") for i in range(len(texts) - 2)
                  if number[i] and number[i + 2] and doc[i + 1].lower_ in _DASH_WORDS]
        kept = []
        for span in filter_spans(spans):
            span._.quantity = parse_quantity(span.text)
            if span._.quantity is not None:
                kept.append(span)
        doc.spans["counts"] = kept
        return doc


def _tokenizer(nlp: Language) -> Tokenizer:
    defaults = spacy.blank("xx").Defaults
    infixes = list(defaults.infixes) + [r"(?<=[0-9])[-–—‐−~÷](?=[0-9])", r"(?<=[\w)])/(?=[\w(])"]
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
