"""Is this document a reply to the Board's letter 812/BQL-LĐ? One decision, from two pieces of evidence.

`reply_evidence` weighs the reading (sections found, topic words, needs read, a title that says it is something
else, whether the Board is addressed); `not_a_reply` turns that into the rejecting flag, or None. The words are
in extractors/vocab/reply.toml.
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

#: Below this score a document is no reply: two points per answer section found, one per topic word, two for
#: hiring needs read.
MIN_REPLY_SCORE = 6

_WORDS = vocab.load("reply")
_TOPIC_WORDS = vocab.words(_WORDS["topic"])
_BOARD_WORDS = vocab.words(_WORDS["board"])
_NOT_REPLY_TITLES = re.compile(r"^(" + vocab.either(_WORDS["not_reply_titles"]) + r")\b")


def reply_evidence(view: LetterView, has_needs: bool) -> tuple[int, str | None]:
    """How much the document looks like a reply (its score), and the title that says it is none, if any."""
    text = fold(view.content.plain_text())
    score = len(view.sections) * 2 + sum(1 for w in _TOPIC_WORDS if w in text)
    if has_needs:
        score += 2
    first_lines = [ln.key for ln in view.lines[:12] if not ln.is_table]
    first_lines += [fold(t) for t in header_texts(view)]
    for key in first_lines:
        m = _NOT_REPLY_TITLES.match(key)
        if m and len(view.sections) < 3:
            return score, key[:80]
    if not any(w in text for w in _BOARD_WORDS):
        return 0, None
    return score, None


def not_a_reply(reading: FieldsReading) -> Flag | None:
    """The rejecting flag of a document that is no reply, or None for a reply."""
    if reading.not_reply_reason is not None:
        return Flag(field="document", code=FlagCode.not_a_reply,
                    message=f"Không phải văn bản phúc đáp Công văn 812/BQL-LĐ (tiêu đề: {reading.not_reply_reason}).")
    if reading.reply_score < MIN_REPLY_SCORE:
        return Flag(field="document", code=FlagCode.not_a_reply,
                    message="Không nhận ra nội dung phúc đáp về nhu cầu tuyển dụng và liên kết đào tạo.")
    return None
