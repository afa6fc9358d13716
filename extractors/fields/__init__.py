"""Field extractors, one module per answer, run in one place: `read_fields`.

Judging the reading is done beside them: `reply.not_a_reply` (is this a reply at all?) and `checks.run_checks`
(the domain cross-checks that turn doubts into flags).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from extractors.fields.accounting import Unaccounted, unaccounted_counts
from extractors.fields.answers import extract_cooperation, extract_criteria, extract_proposals
from extractors.fields.enterprise import read_enterprise
from extractors.fields.hiring_needs import NeedsReading, extract_hiring_needs
from extractors.fields.layout import LetterView, build_view
from extractors.fields.letter import extract_letter
from extractors.fields.registration import extract_registration, frequency_doubt
from extractors.fields.reply import reply_evidence
from extractors.fields.sources import enterprise_sources, letter_sources
from extractors.model import DocumentContent
from schemas import CooperationOffer, Criterion, Enterprise, Letter, Registration


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
    reply_doubt: str | None = None                  # why it is a reply in doubt (review, not rejection)
    notes: list[str] = field(default_factory=list)
    unaccounted: list[Unaccounted] = field(default_factory=list)    # counts of people nothing read or explained
    identity_doubts: list[tuple[str, str]] = field(default_factory=list)   # (field, message): who wrote, unsure
    kind_doubts: list[tuple[str, int, str]] = field(default_factory=list)  # (part, index, why): an item's kind, unsure
    frequency_doubt: str | None = None              # why registration.frequency was left empty, unsure


def read_fields(content: DocumentContent) -> FieldsReading:
    view = build_view(content)
    letter = extract_letter(view)
    letter.provenance = letter_sources(view, letter)
    enterprise, identity_doubts = read_enterprise(view)
    enterprise.provenance = enterprise_sources(view, enterprise)
    letter_year = letter.date.year if letter.date else None
    criteria, criteria_doubts = extract_criteria(view)
    cooperation, cooperation_doubts = extract_cooperation(view)
    reading = FieldsReading(
        view=view,
        enterprise=enterprise,
        letter=letter,
        needs=extract_hiring_needs(view, letter_year),
        criteria=criteria,
        cooperation=cooperation,
        registration=extract_registration(view),
        proposals=extract_proposals(view),
        identity_doubts=identity_doubts,
        kind_doubts=[("criteria", i, why) for i, why in enumerate(criteria_doubts) if why]
        + [("cooperation_offers", i, why) for i, why in enumerate(cooperation_doubts) if why],
    )
    reading.reply_score, reading.not_reply_reason, reading.reply_doubt = reply_evidence(view, bool(reading.needs.needs))
    reading.unaccounted = unaccounted_counts(view, reading.needs, letter_year)
    reading.frequency_doubt = frequency_doubt(view, reading.registration)
    return reading


__all__ = ["FieldsReading", "read_fields"]
