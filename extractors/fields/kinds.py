"""The kind of an item of points 2 and 3 (a criterion's category, an offer's kind) from its words, and how sure.

What an item names (its cues):
- terms of the contract's kinds (criteria.toml, offers.toml; the spaCy lexicon of nlp.py finds them); for a
  criterion, a level of schooling (qualifications.toml) names education, generically;
- things the contract has no kind for, named all the same (answers.toml `criteria_other`, `offers_other`: a
  criminal record, where one lives, shift work; a visit, a job fair, a memorandum): such an item is `other` on
  its words, not by default, and a list item that names one beside another kind is cut in two;
- for an offer, its head: a giving verb whose object is equipment ("hỗ trợ nhà trường 02 máy hàn quang", "tặng
  bộ dụng cụ đo") offers facilities, whatever the equipment is called (answers.toml `giving_verbs`, `equipment`).
  Equipment words are no terms of their own: "máy" names a position ("thợ máy") or a skill ("sử dụng máy may")
  as often as an offer.

Which cue wins: an unmistakable kind (the `strong` tiers), else the one named first, since a Vietnamese phrase
puts its head first; a generic word ("trình độ", "xưởng") only when nothing else is named. A criterion that says
who it is for ("<who> phải có <what>", "<who>: <what>", "<what> đối với <who>") is decided by what it asks when
that names a kind (answers.toml `criteria_asks`, `criteria_for`).

How sure (`Kind.confidence`, kept on the item; below checks.LOW_CONFIDENCE an officer is asked to look):
- CERTAIN: what the item names is of one kind;
- RESOLVED: it names several kinds and the rules above chose;
- GENERIC: only a generic word names it ("có trình độ phù hợp", "cho sử dụng nhà xưởng");
- DOUBTFUL (`Kind.doubt` says why): the item names nothing at all and is `other` by default, or its head gives
  something we cannot tell ("hỗ trợ nhà trường trong công tác tuyển sinh"). An unseen wording of a kind looks
  like this, so the officer decides.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.util import filter_spans

from extractors import vocab
from extractors.nlp import get_nlp
from extractors.text.normalize import fold

CERTAIN, RESOLVED, GENERIC, DOUBTFUL = 1.0, 0.8, 0.7, 0.5
OTHER = vocab.FALLBACK

_WORDS = vocab.load("answers")          # extractors/vocab/answers.toml
_WEAK_WORDS = set(vocab.words(_WORDS["weak_terms"]))
# Where the object of a giving verb ends: a clause's punctuation, its purpose ("để", "nhằm", "phục vụ") or a
# condition. Compared with accents ("khí" is no "khi"); a word written without any is compared folded.
_OBJECT_ENDS = {",", ";", ".", ":", "để", "nhằm", "phục", "khi", "nếu", "như", "theo"}
_OBJECT_ENDS_FOLDED = {fold(w) for w in _OBJECT_ENDS}
_OBJECT_WIDTH = 10                      # tokens after the verb
_HEAD_WIDTH = 2                         # a verb that starts within the item's first three tokens opens it
_ASKS = [tuple(w.lower().split()) for w in _WORDS["criteria_asks"]]
_FOR = [tuple(w.lower().split()) for w in _WORDS["criteria_for"]]
# The same with each word folded beside it, for `_phrases` (which runs over every token of every criterion).
_ASKS_FOLDED = [tuple((w, fold(w)) for w in p) for p in _ASKS]
_FOR_FOLDED = [tuple((w, fold(w)) for w in p) for p in _FOR]


@dataclass(frozen=True, slots=True)
class Kind:
    value: str                  # the category or kind; `other` when nothing else is named
    confidence: float           # CERTAIN, RESOLVED, GENERIC or DOUBTFUL
    named: bool = True          # whether the item's words name it (False: `other` because nothing is named)
    doubt: str | None = None    # why it is doubtful, for the officer (Vietnamese)


@dataclass(frozen=True, slots=True)
class _Cue:
    start: int                  # token index
    value: str
    words: str
    weak: bool = False
    head: bool = False          # a giving verb with equipment as its object


@lru_cache(maxsize=1)
def _matchers() -> dict[str, PhraseMatcher]:
    nlp = get_nlp()
    out = {}
    for key in ("criteria_other", "offers_other", "giving_verbs", "equipment"):
        matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        matcher.add(key, [nlp.make_doc(w) for w in vocab.words(_WORDS[key])])
        out[key] = matcher
    return out


def _found(doc, key: str) -> list:
    return filter_spans([doc[s:e] for _, s, e in _matchers()[key](doc)])


def _cues(doc, group: str) -> list[_Cue]:
    cues = [_Cue(s.start, s.label_.split(":", 1)[1], s.text, weak=fold(s.text) in _WEAK_WORDS)
            for s in doc.spans["terms"] if s.label_.startswith(group + ":")]
    cues += [_Cue(s.start, OTHER, s.text) for s in _found(doc, "criteria_other" if group == "CRIT" else "offers_other")]
    if group == "CRIT":
        # A level of schooling ("Hoàn thành chương trình trung học phổ thông", "Cao đẳng trở lên") asks for an
        # education, generically: any other kind the criterion names comes first.
        cues += [_Cue(s.start, "education", s.text, weak=True) for s in doc.spans["terms"]
                 if s.label_.startswith("QUAL:") and s.label_ != "QUAL:unspecified"]
    if group == "COOP":
        cues += _giving_heads(doc, cues)
    return sorted(cues, key=lambda c: (c.start, c.weak))


def _giving_heads(doc, cues: list[_Cue]) -> list[_Cue]:
    """A giving verb whose object (up to the clause's end or its purpose) is equipment before anything of another
    kind ("tài trợ học bổng và máy tính" gives a scholarship first): facilities."""
    equipment = {s.start for s in _found(doc, "equipment")}
    equipment |= {c.start for c in cues if c.value == "facilities"}
    other_kinds = {c.start for c in cues if c.value != "facilities" and not c.weak}
    out = []
    for verb in _found(doc, "giving_verbs"):
        for i in range(verb.end, min(len(doc), verb.end + _OBJECT_WIDTH)):
            token = doc[i]
            if token.lower_ in _OBJECT_ENDS or (token.lower_ == token.norm_ and token.norm_ in _OBJECT_ENDS_FOLDED):
                break
            if i in equipment:
                out.append(_Cue(verb.start, "facilities", verb.text, head=True))
                break
            if i in other_kinds:
                break
    return out


def _phrases(said: list, phrases: list[tuple[tuple[str, str], ...]]) -> list[tuple[int, int]]:
    """(start, end) of each phrase of words found in the doc, longest first at a start. `said`: each token's
    (lower, norm), read once per doc; each phrase word is (word, folded word). A token is the word with accents
    as written, or folded when the token has none (its lower form is its folded one)."""
    out = []
    n = len(said)
    for i in range(n):
        ends = [i + len(p) for p in phrases
                if i + len(p) <= n and all(said[i + k][0] == w or (said[i + k][0] == said[i + k][1] == f)
                                            for k, (w, f) in enumerate(p))]
        if ends:
            out.append((i, max(ends)))
    return out


def _asked(doc) -> tuple[int, int]:
    """The tokens of what a criterion asks: after "<who> phải có" or "<who>:", before "đối với <who>"."""
    said = [(token.lower_, token.norm_) for token in doc]
    start = next((end for begin, end in _phrases(said, _ASKS_FOLDED) if begin >= 1), 0)
    stop = next((begin for begin, _ in _phrases(said, _FOR_FOLDED) if begin > start), len(doc))
    return start, stop


def _gives_something(doc) -> str | None:
    """The giving verb an item opens with, if any."""
    for verb in _found(doc, "giving_verbs"):
        if verb.start <= _HEAD_WIDTH:
            return verb.text
    return None


def classify(text: str, group: str, strong: tuple) -> Kind:
    """The kind of one item (`group` "CRIT" or "COOP"), with how sure it is."""
    doc = get_nlp()(text)
    cues = _cues(doc, group)
    specific = [c for c in cues if not c.weak]
    if not specific:
        if cues:
            return Kind(cues[0].value, GENERIC)
        verb = _gives_something(doc) if group == "COOP" else None
        if verb:
            return Kind(OTHER, DOUBTFUL, named=False, doubt=f"«{verb}» nhưng không rõ hỗ trợ gì")
        return Kind(OTHER, DOUBTFUL, named=False, doubt="không có từ nào chỉ rõ loại")
    values = {c.value for c in specific}
    deciding = specific
    if group == "CRIT" and len(values) > 1:
        start, stop = _asked(doc)
        deciding = [c for c in specific if start <= c.start < stop] or specific
    # A giving head that opens the item is what it offers ("Hỗ trợ máy móc phục vụ lớp đặt hàng" is equipment).
    chosen = next((c for c in deciding if c.head and c.start <= _HEAD_WIDTH), None)
    for tier in () if chosen else strong:
        tier = tier if isinstance(tier, tuple) else (tier,)
        named = [c for c in deciding if c.value in tier]
        if named:
            chosen = named[0]
            break
    chosen = chosen or deciding[0]
    return Kind(chosen.value, CERTAIN if len(values) == 1 else RESOLVED)


def names_a_kind(text: str, group: str, strong: tuple) -> str | None:
    """The kind an item's words name (`other` included when named), or None when they name nothing; two words
    named only by a generic word ("nhà xưởng") name nothing of their own."""
    kind = classify(text, group, strong)
    if kind.confidence == GENERIC and len(text.split()) < 3:
        return None
    return kind.value if kind.named else None
