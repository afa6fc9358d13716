"""Field extractors, one module per answer, run in one place: `read_fields`."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.fields.answers import extract_cooperation, extract_criteria, extract_proposals
from extractors.fields.enterprise import extract_enterprise
from extractors.fields.hiring_needs import NeedsReading, extract_hiring_needs
from extractors.fields.layout import LetterView, build_view
from extractors.fields.letter import extract_letter
from extractors.fields.registration import extract_registration
from extractors.fields.sources import enterprise_sources, letter_sources
from extractors.model import DocumentContent
from extractors.text.normalize import fold
from schemas import CooperationOffer, Criterion, Enterprise, Letter, Registration

# What the Board's letter is about; a reply names some of it. Folded.
_TOPIC_WORDS = ("812", "ban quan ly khu kinh te", "tuyen dung", "dao tao", "nguon nhan luc", "lao dong",
                "economic zone authority", "recruitment", "training")
# A reply addresses the Board or cites its letter 812/BQL-LĐ (folded; loose enough for OCR).
_BOARD_WORDS = ("ban quan ly", "812/bql", "812 /bql", "bql-ld", "economic zone authority", "heza")
_NOT_REPLY_TITLES = re.compile(r"^(hoa don|giay moi|thu moi|bao gia|hop dong|invoice|quotation|invitation|"
                               r"phieu|bien ban|quyet dinh|thong bao tuyen dung)\b")


@dataclass(slots=True)
class FieldsReading:
    view: LetterView
    enterprise: Enterprise
    letter: Letter
    needs: NeedsReading
    criteria: list[Criterion]
    cooperation: list[CooperationOffer]
    registration: Registration
    proposals: list[str]
    reply_score: int = 0
    not_reply_reason: str | None = None
    notes: list[str] = field(default_factory=list)


def read_fields(content: DocumentContent) -> FieldsReading:
    view = build_view(content)
    letter = extract_letter(view)
    letter.provenance = letter_sources(view, letter)
    enterprise = extract_enterprise(view)
    enterprise.provenance = enterprise_sources(view, enterprise)
    letter_year = letter.date.year if letter.date else None
    reading = FieldsReading(
        view=view,
        enterprise=enterprise,
        letter=letter,
        needs=extract_hiring_needs(view, letter_year),
        criteria=extract_criteria(view),
        cooperation=extract_cooperation(view),
        registration=extract_registration(view),
        proposals=extract_proposals(view),
    )
    reading.reply_score, reading.not_reply_reason = _reply_evidence(view, reading)
    return reading


def _reply_evidence(view: LetterView, reading: FieldsReading) -> tuple[int, str | None]:
    """How much the document looks like a reply to the Board's letter (sections found, topic words)."""
    text = fold(content_text(view))
    score = len(view.sections) * 2 + sum(1 for w in _TOPIC_WORDS if w in text)
    if reading.needs.needs:
        score += 2
    first_lines = [ln.key for ln in view.lines[:12] if not ln.is_table]
    from extractors.fields.layout import header_texts
    first_lines += [fold(t) for t in header_texts(view)]
    for key in first_lines:
        m = _NOT_REPLY_TITLES.match(key)
        if m and len(view.sections) < 3:
            return score, key[:80]
    if not any(w in text for w in _BOARD_WORDS):
        return 0, None
    return score, None


def content_text(view: LetterView) -> str:
    return view.content.plain_text()


__all__ = ["FieldsReading", "read_fields"]
