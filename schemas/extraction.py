"""Pydantic models of `replyflow extract` output (see the contract, extraction-v1).

Extra fields (confidence, provenance) are allowed by the contract; readers ignore what they don't know.
"""
from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SCHEMA_VERSION = "1"
MIN_YEAR, MAX_YEAR = 2000, 2100


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
    model_config = ConfigDict(extra="allow", use_enum_values=True, validate_assignment=True)


class Provenance(_Model):
    """Where a value was read: a page (PDF, 1-based) or a block index (DOCX), a table cell, and the snippet."""
    page: int | None = None
    block: int | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None
    snippet: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    confidence: float | None = Field(default=None, ge=0.0, le=1.0)   # of the reading (OCR), where not certain


class Source(_Model):
    file_name: str
    sha256: str
    media_type: str | None = None
    pages: int | None = None
    ocr_used: bool = False


class Enterprise(_Model):
    name: str | None = None
    tax_code: str | None = None
    zone: str | None = None
    contact_name: str | None = None
    contact_phone: str | None = None
    contact_email: str | None = None
    provenance: dict[str, Provenance] | None = None       # field name -> where it was read


class Letter(_Model):
    number: str | None = None
    date: dt.date | None = None
    provenance: dict[str, Provenance] | None = None


class HiringNeed(_Model):
    year: int
    position: str | None = None
    qualification: Qualification = Qualification.unspecified
    quantity: int = Field(ge=0)
    quantity_max: int | None = Field(default=None, ge=0)
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
    text: str
    provenance: Provenance | None = None


class CooperationOffer(_Model):
    kind: CooperationKind = CooperationKind.other
    text: str
    provenance: Provenance | None = None


class Registration(_Model):
    frequency: Frequency | None = None
    channels: list[str] = Field(default_factory=list)


class Flag(_Model):
    field: str | None = None
    code: str
    message: str


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
    proposals: list[str] = Field(default_factory=list)
    flags: list[Flag] = Field(default_factory=list)

    def contract_json(self) -> dict:
        """The JSON object of the contract, in its field order (extra fields included)."""
        return self.model_dump(mode="json")
