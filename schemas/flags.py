"""Stable flag codes. Other systems key on these strings: never rename one, only add."""
from enum import StrEnum


class FlagCode(StrEnum):
    # Rejections: processing could not go on, or the document is not a reply.
    unsupported_format = "unsupported_format"
    not_found = "not_found"
    empty_file = "empty_file"
    corrupt_file = "corrupt_file"
    encrypted = "encrypted"
    too_large = "too_large"
    timeout = "timeout"
    resource_limit = "resource_limit"
    no_text_layer = "no_text_layer"
    not_a_reply = "not_a_reply"
    internal_error = "internal_error"
    # Doubts: the document is a reply but a value needs an officer's eye.
    total_mismatch = "total_mismatch"
    conflicting_values = "conflicting_values"
    implausible_quantity = "implausible_quantity"
    invalid_range = "invalid_range"
    year_out_of_range = "year_out_of_range"
    invalid_tax_code = "invalid_tax_code"
    missing_enterprise = "missing_enterprise"
    missing_tax_code = "missing_tax_code"
    missing_letter_date = "missing_letter_date"
    unparsed_quantity = "unparsed_quantity"
    unreadable_table = "unreadable_table"
    low_confidence = "low_confidence"
    needs_section_unread = "needs_section_unread"
    ocr_low_quality = "ocr_low_quality"
    legacy_encoding = "legacy_encoding"


#: Codes that mean the document was rejected rather than sent to review.
REJECTION_CODES = frozenset({
    FlagCode.unsupported_format, FlagCode.not_found, FlagCode.empty_file, FlagCode.corrupt_file, FlagCode.encrypted,
    FlagCode.too_large, FlagCode.timeout, FlagCode.resource_limit, FlagCode.no_text_layer,
    FlagCode.not_a_reply, FlagCode.internal_error,
})

#: Codes that are informative only: shown to officers but no reason for review by themselves.
INFO_CODES = frozenset({FlagCode.legacy_encoding})
