"""A block of running text that answers several of the Board's questions, shared out piece by piece.

A reply may answer points 2 to 5 in one paragraph, run them into one heading ("Về tiêu chuẩn, người lao động ...
Công ty sẵn sàng nhận sinh viên thực tập ... Công ty sẽ đăng ký hằng tuần trên cổng ... Công ty đề nghị ..."),
give them without any heading, or in another order. Whatever cut the letter into parts (structure.py), the text of
a part is read again here, piece by piece: its sentences, their clauses (";"), and a clause that speaks of two
answers is cut again at its commas and "và". Each piece goes to the answer its content names (the cues and terms
of `content_scores`: a portal or a frequency is point 4, internships, experts and training to order point 3,
requirements, skills, health and age point 2, a proposal verb point 5, counts with a trade point 1); a piece with
no evidence stays with the piece before it.

The part's heading is a prior (`prior`): a piece stays under it unless its content clearly says another answer.
Where the content does not decide (two answers about as likely), the piece is marked with a doubt: the caller
flags it (answer_unclear) rather than guess.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from extractors import vocab
from extractors.text.normalize import fold

NEEDS, CRITERIA, COOPERATION, REGISTRATION, PROPOSALS = "needs", "criteria", "cooperation", "registration", "proposals"
ORDER = (NEEDS, CRITERIA, COOPERATION, REGISTRATION, PROPOSALS)

_WORDS = vocab.load("structure")
_PROPOSAL_VERBS = vocab.words(_WORDS["proposal_verbs"])
# What may stand before a proposal verb at the head of a clause ("Công ty kính đề nghị", "Đồng thời, chúng tôi
# kiến nghị"): a few words; "theo đề nghị của Quý Ban" cites the Board and proposes nothing.
_HEAD_WORDS = 5
_CITED = re.compile(r"\b(theo|cua|tai)\s+$")
ANSWER_NAMES: dict[str, str] = dict(_WORDS["answer_names"])

STRONG = 1.5          # evidence that names an answer on its own
CLEAR = 1.0           # by how much one answer must lead another to be taken without doubt

# Where a clause that speaks of two answers is cut: commas, "và" / "and", "đồng thời", "ngoài ra", "còn".
_CUTS = re.compile(r",\s+|\s+(?:và|and)\s+|,?\s+(?:đồng thời|ngoài ra|bên cạnh đó)[,\s]+|\s+còn\s+", re.I)


@dataclass(slots=True)
class Piece:
    text: str                      # as written (pieces of one clause concatenate back to it)
    line: object                   # the line it starts on (layout.Line)
    key: str | None                # the answer it goes to; None: no evidence and nothing before it
    doubt: tuple[str, ...] = ()    # the answers it may also be (a doubt to flag), empty when there is none
    evidence: bool = False         # its own content named its answer (not carried from the piece before)
    own: float = 0.0               # how much it reads as the answers of its heading (the prior)


def proposes(text: str) -> bool:
    """Whether a clause is headed by a proposal verb ("Công ty kính đề nghị Quý Ban ...", "Kiến nghị ...")."""
    words = fold(text).split()
    head = " ".join(words[:_HEAD_WORDS + 2])
    for verb in _PROPOSAL_VERBS:
        at = head.find(verb)
        if at >= 0 and (at == 0 or head[at - 1] == " ") and len(head[:at].split()) <= _HEAD_WORDS \
                and not _CITED.search(head[:at]):
            return True
    return False


def scores_of(text: str, content_scores: Callable[[str], dict[str, float]]) -> dict[str, float]:
    """`content_scores`, with a proposal verb at the head of the clause counted as a proposal whatever it is
    about ("Công ty đề nghị Ban Quản lý tổ chức lớp đào tạo ..." proposes; it offers no training)."""
    scores = dict(content_scores(text))
    if proposes(text):
        scores[PROPOSALS] += 1.0
    return scores


def _ranked(scores: dict[str, float], prior: tuple[str, ...]) -> list[str]:
    return sorted(ORDER, key=lambda k: (-scores[k], k not in prior, ORDER.index(k)))


def decide(scores: dict[str, float], prior: tuple[str, ...], previous: str | None,
           counted: bool = False) -> tuple[str | None, tuple[str, ...], bool]:
    """(answer, doubt, evidence) of one piece from its scores, the part's prior and the answer before it."""
    ranked = _ranked(scores, prior)
    best, second = ranked[0], ranked[1]
    own_key = max(prior, key=lambda k: (scores[k], -prior.index(k))) if prior else None
    own = scores[own_key] if own_key else 0.0
    if scores[best] < STRONG:
        if own_key is not None and own >= 0.5:
            return own_key, (), True
        return (previous if previous is not None else own_key), (), False
    if best in prior:
        return best, (), True
    # The content names another answer than the heading.
    if prior == (PROPOSALS,):
        return PROPOSALS, (), True           # the last question takes proposals about anything
    if NEEDS in prior and (counted or own >= STRONG):
        return own_key, (), True             # a count of people stays with the needs it belongs to
    lead = scores[best] - own
    rival = max(own, scores[second] if second not in prior else 0.0)
    if lead >= CLEAR and scores[best] - rival >= CLEAR:
        return best, (), True
    # Two answers about as likely: the heading keeps it (or the stronger), and it is flagged.
    rivals = tuple(k for k in (best, second, own_key) if k is not None and scores[k] >= 0.5)
    keep = own_key if own_key is not None and own >= scores[best] - CLEAR and own >= 0.5 else best
    return keep, tuple(dict.fromkeys(k for k in rivals)), True


def _counted(text: str) -> bool:
    return bool(re.search(r"\d", re.sub(r"\b(?:19|20)\d\d\b", "", text)))


def _mixed(scores: dict[str, float]) -> bool:
    return sum(1 for k in ORDER if scores[k] >= CLEAR) >= 2


def _cut(text: str) -> list[str]:
    """A clause cut at its commas and "và", as written (the pieces concatenate back to it); a piece of fewer
    than three words goes with the one before."""
    pieces: list[str] = []
    start = 0
    for m in _CUTS.finditer(text):
        pieces.append(text[start:m.end()])
        start = m.end()
    pieces.append(text[start:])
    out: list[str] = []
    for p in pieces:
        if out and len(p.split()) < 3:
            out[-1] += p
        elif out and len(out[-1].split()) < 3:
            out[-1] += p
        else:
            out.append(p)
    return [p for p in out if p.strip()]


def share_out(clauses: list[tuple[str, object]], prior: tuple[str, ...],
              content_scores: Callable[[str], dict[str, float]], previous: str | None = None) -> list[Piece]:
    """The pieces of a block's clauses (text, line), each with its answer. `prior`: the answers the block's
    heading names (empty for a block no heading covers)."""
    out: list[Piece] = []
    for text, line in clauses:
        scores = scores_of(text, content_scores)
        key, doubt, evidence = decide(scores, prior, previous, _counted(text))
        pieces = [Piece(text, line, key, doubt, evidence, _own(scores, prior))]
        # A clause of needs keeps its requirements with its counts ("15 công nhân ..., bốn kỹ sư tốt nghiệp
        # cao đẳng, ..."): only other clauses are cut.
        if _mixed(scores) and NEEDS not in prior and prior != (PROPOSALS,) and scores[NEEDS] < STRONG:
            cut = _cut(text)
            if len(cut) >= 2:
                parts: list[Piece] = []
                before = previous
                for p in cut:
                    sub = scores_of(p, content_scores)
                    k, d, e = decide(sub, prior, before, _counted(p))
                    parts.append(Piece(p, line, k, d, e, _own(sub, prior)))
                    before = k if k is not None else before
                # The first pieces without evidence go with the first that has some.
                first = next((q.key for q in parts if q.evidence), None)
                for q in parts:
                    if q.evidence:
                        break
                    q.key = first if first is not None else q.key
                # Cut only where every piece says its answer without doubt; else the clause is read whole.
                if len({q.key for q in parts if q.evidence}) >= 2 and not any(q.doubt for q in parts):
                    pieces = _merge_runs(parts)
        out.extend(pieces)
        previous = pieces[-1].key if pieces[-1].key is not None else previous
    return out


def _own(scores: dict[str, float], prior: tuple[str, ...]) -> float:
    return max((scores[k] for k in prior), default=0.0)


def _merge_runs(pieces: list[Piece]) -> list[Piece]:
    """Neighbouring pieces of one clause with the same answer, joined back."""
    out: list[Piece] = []
    for p in pieces:
        if out and out[-1].key == p.key:
            out[-1].text += p.text
            out[-1].doubt = tuple(dict.fromkeys(out[-1].doubt + p.doubt))
            out[-1].evidence = out[-1].evidence or p.evidence
            out[-1].own = max(out[-1].own, p.own)
        else:
            out.append(Piece(p.text, p.line, p.key, p.doubt, p.evidence, p.own))
    return out


def answer_name(key: str) -> str:
    return ANSWER_NAMES.get(key, key)
