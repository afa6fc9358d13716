"""Plain Vietnamese for the codes officers see: flags, qualifications, criteria, cooperation offers, statuses.

The labels of flags live in the flag catalogue (schemas/flags.py), those of the contract's enums beside their
words (extractors/vocab/); this module gathers them for the templates and adds the review app's own.
"""
from __future__ import annotations

from enum import StrEnum

from extractors import vocab
from schemas import CooperationKind, CriterionCategory, Frequency, Qualification
from schemas.flags import FLAG_LABELS, flag_label

FLAGS = FLAG_LABELS          # the flag catalogue (schemas/flags.py) holds every code's label


def _in_contract_order(enum: type[StrEnum], vocabulary: str) -> dict[str, str]:
    """The labels of an enum's values (kept with their words in extractors/vocab/), in the contract's order."""
    named = vocab.labels(vocabulary)
    return {value.value: named[value.value] for value in enum}


QUALIFICATIONS = _in_contract_order(Qualification, "qualifications")
CRITERIA = _in_contract_order(CriterionCategory, "criteria")
OFFERS = _in_contract_order(CooperationKind, "offers")
FREQUENCIES = _in_contract_order(Frequency, "frequencies")

STATUSES = {"extracted": "Đã đọc", "needs_review": "Cần xem xét", "rejected": "Bị loại"}

ROLES = {"officer": "Cán bộ", "admin": "Quản trị"}

ACTIONS = {
    "stored": "Lưu vào kho", "corrected": "Sửa giá trị", "flag_resolved": "Xử lý cảnh báo",
    "approved": "Duyệt", "rejected": "Từ chối", "spot_checked": "Kiểm tra ngẫu nhiên", "reprocessed": "Đọc lại",
    "reading_adopted": "Dùng bản đọc mới", "supersedes": "Thay thế văn bản cũ", "superseded": "Bị thay thế",
    "replacement_held": "Giữ lại, chưa thay thế", "reinstated": "Khôi phục văn bản đã từ chối",
}

UNKNOWN_ZONE = "Chưa rõ khu"

__all__ = ["ACTIONS", "CRITERIA", "FLAGS", "FREQUENCIES", "OFFERS", "QUALIFICATIONS", "ROLES", "STATUSES",
           "UNKNOWN_ZONE", "flag_label"]
