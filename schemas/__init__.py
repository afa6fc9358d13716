"""The extraction contract (schema_version "1") as pydantic models.

This package imports nothing of ours: every other layer depends on it, never the other way round.
"""
from schemas.extraction import (
    SCHEMA_VERSION,
    CooperationKind,
    CooperationOffer,
    Criterion,
    CriterionCategory,
    Enterprise,
    Extraction,
    Flag,
    Frequency,
    HiringNeed,
    Letter,
    Provenance,
    Qualification,
    Registration,
    Source,
    Status,
)
from schemas.flags import FlagCode

__all__ = [
    "SCHEMA_VERSION", "CooperationKind", "CooperationOffer", "Criterion", "CriterionCategory", "Enterprise",
    "Extraction", "Flag", "FlagCode", "Frequency", "HiringNeed", "Letter", "Provenance", "Qualification",
    "Registration", "Source", "Status",
]
