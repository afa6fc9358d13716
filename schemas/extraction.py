"""Pydantic models of `replyflow extract` output (see the contract, extraction-v1).

Extra fields (confidence, provenance) are allowed by the contract; readers ignore what they don't know.
"""
from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from schemas.flags import FlagClass, FlagCode
from schemas.text import LONG_TEXT, SHORT_TEXT, clean_text, has_unprintable, is_clean, valid_unicode

SCHEMA_VERSION = "1"
MIN_YEAR, MAX_YEAR = 2000, 2100
#: No need of one position in one year can be larger (the city's whole industrial workforce is smaller): a count
#: above it is refused (the reading flags it instead of storing it). Counts above IMPLAUSIBLE_QUANTITY of
#: extractors/fields/checks.py are kept but flagged.
MAX_QUANTITY = 1_000_000

# Texts of a record: at most SHORT_TEXT characters (names, numbers, positions...) or LONG_TEXT (an item's text, a
# snippet, a message). The record's validator (Extraction._clean_at_the_boundary) cuts longer ones and takes out
# control characters, flagging the values it changed; the review form refuses them (pipeline/web/review.py).
# An item built on its own (by a reader) is never refused for its length: the record it goes into flags it.
# Lone surrogates are replaced at once (pydantic refuses them in a str).
ShortText = Annotated[str, BeforeValidator(valid_unicode)]
LongText = Annotated[str, BeforeValidator(valid_unicode)]


class Status(StrEnum):
    extracted = "extracted"
    needs_review = "needs_review"
    rejected = "rejected"


class Qualification(StrEnum):
    unskilled = "unskilled"
    elementary_vocational = "elementary_vocational"
    intermediate_vocational = "intermediate_vocational"
    college = "college"
    university = "university"
    postgraduate = "postgraduate"
    unspecified = "unspecified"


class CriterionCategory(StrEnum):
    education = "education"
    skills = "skills"
    language = "language"
    experience = "experience"
    age = "age"
    health = "health"
    certification = "certification"
    attitude = "attitude"
    other = "other"


class CooperationKind(StrEnum):
    internship = "internship"
    experts = "experts"
    order_based_training = "order_based_training"
    scholarship = "scholarship"
    facilities = "facilities"
    curriculum = "curriculum"
    recruitment_commitment = "recruitment_commitment"
    other = "other"


class Frequency(StrEnum):
    weekly = "weekly"
    monthly = "monthly"
    quarterly = "quarterly"
    ad_hoc = "ad_hoc"


class _Model(BaseModel):
    model_config = ConfigDict(extra="allow", use_enum_values=True, validate_assignment=True, allow_inf_nan=False)


class Provenance(_Model):
    """Where a value was read: a page (PDF, 1-based) or a block index (DOCX), a table cell, and the snippet."""
    page: int | None = None
    block: int | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None
    snippet: LongText | None = None
    bbox: tuple[float, float, float, float] | None = None
    confidence: float | None = Field(default=None, ge=0.0, le=1.0)   # of the reading (OCR), where not certain


class Source(_Model):
    file_name: ShortText
    sha256: ShortText
    media_type: ShortText | None = None
    pages: int | None = None
    ocr_used: bool = False


class Enterprise(_Model):
    name: ShortText | None = None
    tax_code: ShortText | None = None
    zone: ShortText | None = None
    contact_name: ShortText | None = None
    contact_phone: ShortText | None = None
    contact_email: ShortText | None = None
    provenance: dict[str, Provenance] | None = None       # field name -> where it was read


class Letter(_Model):
    number: ShortText | None = None
    date: dt.date | None = None
    provenance: dict[str, Provenance] | None = None


class HiringNeed(_Model):
    year: int
    position: ShortText | None = None
    qualification: Qualification = Qualification.unspecified
    quantity: int = Field(ge=0, le=MAX_QUANTITY)
    quantity_max: int | None = Field(default=None, ge=0, le=MAX_QUANTITY)
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    provenance: Provenance | None = None

    @field_validator("year")
    @classmethod
    def _year_in_range(cls, year: int) -> int:
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise ValueError(f"year {year} outside {MIN_YEAR}-{MAX_YEAR}")
        return year

    @model_validator(mode="after")
    def _range_ordered(self) -> HiringNeed:
        if self.quantity_max is not None and self.quantity_max < self.quantity:
            raise ValueError(f"quantity_max {self.quantity_max} < quantity {self.quantity}")
        return self


class Criterion(_Model):
    category: CriterionCategory = CriterionCategory.other
    text: LongText
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)     # of the category (extractors/fields/kinds.py)
    provenance: Provenance | None = None


class CooperationOffer(_Model):
    kind: CooperationKind = CooperationKind.other
    text: LongText
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)     # of the kind (extractors/fields/kinds.py)
    provenance: Provenance | None = None


class Registration(_Model):
    frequency: Frequency | None = None
    channels: list[ShortText] = Field(default_factory=list)


class Flag(_Model):
    field: ShortText | None = None
    code: ShortText
    message: LongText


class Extraction(_Model):
    schema_version: str = SCHEMA_VERSION
    source: Source
    status: Status
    enterprise: Enterprise = Field(default_factory=Enterprise)
    letter: Letter = Field(default_factory=Letter)
    hiring_needs: list[HiringNeed] = Field(default_factory=list)
    criteria: list[Criterion] = Field(default_factory=list)
    cooperation_offers: list[CooperationOffer] = Field(default_factory=list)
    registration: Registration = Field(default_factory=Registration)
    proposals: list[LongText] = Field(default_factory=list)
    flags: list[Flag] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _clean_at_the_boundary(cls, data: Any) -> Any:
        """Every text of a record entering the schema made printable and bounded: control characters out, lone
        surrogates (a file name's undecodable bytes) replaced, over-long texts cut. Each value of the letter that
        this changed is flagged, so the officer compares it with the original."""
        if not isinstance(data, dict):
            return data
        changed: list[tuple[str, str, str]] = []           # (field, code, the cleaned value)
        data = {k: _cleaned(v, (k,), changed) for k, v in data.items()}
        if changed:
            flags = list(data.get("flags") or [])
            flags += [{"field": where, "code": code, "message": _CHANGE_MESSAGES[code].format(value[:80])}
                      for where, code, value in changed[:MAX_CHANGE_FLAGS]]
            data["flags"] = flags
            if data.get("status") == Status.extracted:
                data["status"] = Status.needs_review
        return data

    def contract_json(self) -> dict:
        """The JSON object of the contract, in its field order (extra fields included)."""
        return self.model_dump(mode="json")


# -- the boundary's cleaning (Extraction._clean_at_the_boundary) ---------------------------------------------------

#: The parts of a record that hold the letter's values: a change there is flagged (the source, the flags and the
#: provenance snippets are cleaned silently: nobody counts on them).
_VALUE_PARTS = {"enterprise", "letter", "hiring_needs", "criteria", "cooperation_offers", "registration",
                "proposals"}
_LONG_FIELDS = {"text", "snippet", "message", "proposals"}
MAX_CHANGE_FLAGS = 20
_CHANGE_MESSAGES = {
    FlagCode.control_characters: "Đã bỏ ký tự điều khiển (không in được) khỏi giá trị này; đề nghị đối chiếu bản "
                                 "gốc: «{}».",
    FlagCode.text_too_long: "Nội dung quá dài nên đã bị cắt bớt; đề nghị đối chiếu bản gốc: «{}…».",
}
assert all(code.flag_class == FlagClass.review for code in _CHANGE_MESSAGES)


def _where(path: tuple) -> str:
    """A path as flags name fields: ("hiring_needs", 2, "position") -> "hiring_needs[2].position"."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _cleaned(value: Any, path: tuple, changed: list) -> Any:
    if type(value) is str and len(value) <= SHORT_TEXT and is_clean(value):
        return value                                    # most texts: nothing to clean, nothing to cut
    if isinstance(value, BaseModel):
        value = value.model_dump()
    if isinstance(value, dict):
        return {(clean_text(k) if isinstance(k, str) else k): _cleaned(v, path + (k,), changed)
                for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        items = [_cleaned(v, path + (i,), changed) for i, v in enumerate(value)]
        return items if isinstance(value, list) else tuple(items)
    if not isinstance(value, str) or isinstance(value, StrEnum):
        return value
    counted = path[0] in _VALUE_PARTS and "provenance" not in path
    named = [p for p in path if isinstance(p, str)]
    limit = LONG_TEXT if named and named[-1] in _LONG_FIELDS else SHORT_TEXT
    text = clean_text(value)
    if counted and has_unprintable(value):
        changed.append((_where(path), FlagCode.control_characters, text))
    if len(text) > limit:
        text = text[:limit]
        if counted:
            changed.append((_where(path), FlagCode.text_too_long, text))
    return text
