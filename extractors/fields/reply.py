"""Is this document a reply to the Board's letter 812/BQL-LĐ? One decision, from the evidence for and against.

A document is a reply when it cites the Board's letter or answers its questions, whatever its title or form (a
letter in flowing prose, a questionnaire, a table). "Not a reply" needs positive evidence of being something
else:

- a title that names another kind of document (an invitation, a quotation, an invoice), over a document that
  answers fewer than three of the questions under headings of its own;
- a citation of ANOTHER letter of the Board ("Công văn số 1125/BQL-LĐ") and none of 812 (a number one digit away
  from 812, "612/BQL-LĐ", is a misreading as often as another letter: a doubt, when the document answers);
- nothing of a reply: neither the Board nor its letter named or addressed, and no answer read.

A document that answers (hiring needs read, or two of the five answers) but neither cites the letter nor is
addressed to the Board (a report under its own title, a scan that lost those lines) is a reply in doubt, and so is
what is left and still looks thin (a low reply score): it goes to an officer (`reply_unclear`, raised by
checks.py), never to rejection. The words are in extractors/vocab/reply.toml.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from extractors import vocab
from extractors.fields.layout import LetterView, header_texts
from extractors.text.normalize import fold
from schemas import Flag, FlagCode

if TYPE_CHECKING:
    from extractors.fields import FieldsReading

#: Below this score a document is a reply in doubt (or no reply, without a citation or an answer): two points
#: per answer found under a heading, one per answer found by content, one per topic word, two for hiring needs.
MIN_REPLY_SCORE = 6

_WORDS = vocab.load("reply")
_TOPIC_WORDS = vocab.words(_WORDS["topic"])
_BOARD_WORDS = vocab.words(_WORDS["board"])
_NOT_REPLY_TITLES = re.compile(r"^(" + vocab.either(_WORDS["not_reply_titles"]) + r")\b")
# The Board's letters are cited as "812/BQL-LĐ" (folded "812/bql-ld"); OCR may space or drop the slash.
_ADDRESSEE = re.compile("^(" + "|".join(vocab.load("letter_parts")["addressee_patterns"]) + ")")
_BOARD_LETTER = re.compile(r"(?<![\d/])(\d{2,5})\s*/\s*(?:" + vocab.either(_WORDS["board_letter_suffixes"]) + r")")
THE_LETTER = "812"


def reply_evidence(view: LetterView, has_needs: bool) -> tuple[int, str | None, str | None]:
    """The document's reply score, the evidence that it is something else (or None), and why it is a reply in
    doubt (or None)."""
    text = fold(view.content.plain_text())
    structure = view.structure
    by_heading = {k for p in structure.parts if p.evidence in ("words", "number") for k in p.keys} \
        if structure is not None else set(view.sections)
    by_content = set(view.sections) - by_heading
    score = 2 * len(by_heading) + len(by_content) + sum(1 for w in _TOPIC_WORDS if w in text)
    if has_needs:
        score += 2
    cited = set(_BOARD_LETTER.findall(text))
    cites_812 = THE_LETTER in cited
    by_words = {k for p in structure.parts if p.evidence == "words" for k in p.keys} if structure is not None \
        else set(view.sections)
    first_lines = [ln.key for ln in view.lines[:12] if not ln.is_table]
    first_lines += [fold(t) for t in header_texts(view)]
    for key in first_lines:
        if _NOT_REPLY_TITLES.match(key) and len(by_heading) < 3:
            return score, f"tiêu đề: {key[:80]}", None
    # What the document answers, whatever it cites: the needs, or two of the five answers.
    answers = has_needs or len(view.sections) >= 2
    if cited and not cites_812 and len(by_heading) < 3:
        other = sorted(cited)[0]
        near = sorted(c for c in cited if _one_digit_away(c, THE_LETTER))
        if near and answers:
            return score, None, f"trích dẫn Công văn số {near[0]}, gần giống 812/BQL-LĐ"
        return score, f"trả lời Công văn số {other}/BQL, không phải 812/BQL-LĐ", None
    named = any(w in text for w in _BOARD_WORDS)
    if not named and not by_heading:
        if answers:
            return score, None, "không thấy tên Ban Quản lý hay số Công văn 812"
        return 0, None, None
    # What makes it a reply: it cites the letter, is addressed to the Board, or answers under headings of its own
    # words. Without any of these, topic words alone make no reply (a decree speaks of labour); answers make a
    # reply in doubt.
    addressed = any(_ADDRESSEE.match(ln.key) and any(w in ln.key for w in _BOARD_WORDS)
                    for ln in view.lines[:60] if not ln.is_table)
    if not (cites_812 or addressed or len(by_words) >= 2):
        if answers:
            return score, None, "không trích dẫn Công văn 812/BQL-LĐ, không gửi Ban Quản lý"
        return min(score, MIN_REPLY_SCORE - 1), None, None
    if score < MIN_REPLY_SCORE:
        return score, None, "ít nội dung trả lời được nhận ra"
    return score, None, None


def _one_digit_away(number: str, wanted: str) -> bool:
    return len(number) == len(wanted) and sum(a != b for a, b in zip(number, wanted)) == 1


def not_a_reply(reading: FieldsReading) -> Flag | None:
    """The rejecting flag of a document that is no reply, or None for a reply (in doubt or not)."""
    if reading.not_reply_reason is not None:
        return Flag(field="document", code=FlagCode.not_a_reply,
                    message=f"Không phải văn bản phúc đáp Công văn 812/BQL-LĐ ({reading.not_reply_reason}).")
    if reading.reply_score < MIN_REPLY_SCORE and reading.reply_doubt is None:
        return Flag(field="document", code=FlagCode.not_a_reply,
                    message="Không nhận ra nội dung phúc đáp về nhu cầu tuyển dụng và liên kết đào tạo.")
    return None
