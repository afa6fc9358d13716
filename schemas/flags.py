"""The flag catalogue: every flag code, its class and the label officers see, in one table.

Codes are stable: other systems key on these strings, never rename one, only add. A new flag is one row here
(code, class, label) and the check that raises it (extractors/fields/checks.py, a reader, or the store); the
code sets below, the review app's labels and the intake's quarantine all derive from this table, and
tests/test_flag_catalogue.py checks that every code used anywhere in the source is one of these.
"""
from enum import StrEnum


class FlagClass(StrEnum):
    rejecting = "rejecting"        # processing could not go on, or the document is not a reply: rejected
    quarantine = "quarantine"      # rejected by a failure of the machine (time, memory, a bug), not of the file:
    #                                the intake holds the file aside for `replyflow retry` instead of storing it
    review = "review"              # the document is a reply but a value needs an officer's eye
    information = "information"    # shown to officers, but no reason for review by itself


class FlagCode(StrEnum):
    """A flag code; each member also carries its `flag_class` and its Vietnamese `label`."""

    flag_class: FlagClass
    label: str

    def __new__(cls, code: str, flag_class: FlagClass, label: str):
        member = str.__new__(cls, code)
        member._value_ = code
        member.flag_class = flag_class
        member.label = label
        return member

    # name = code, class, label (plain Vietnamese for officers). Rejections first, then doubts.
    unsupported_format = "unsupported_format", FlagClass.rejecting, "Định dạng không hỗ trợ"
    not_found = "not_found", FlagClass.rejecting, "Không tìm thấy tệp"
    empty_file = "empty_file", FlagClass.rejecting, "Tệp rỗng"
    corrupt_file = "corrupt_file", FlagClass.rejecting, "Tệp bị hỏng"
    encrypted = "encrypted", FlagClass.rejecting, "Tệp bị mã hoá"
    too_large = "too_large", FlagClass.rejecting, "Tệp quá lớn"
    timeout = "timeout", FlagClass.quarantine, "Xử lý quá thời gian"
    resource_limit = "resource_limit", FlagClass.quarantine, "Vượt giới hạn tài nguyên"
    no_text_layer = "no_text_layer", FlagClass.rejecting, "PDF không có lớp chữ"
    not_a_reply = "not_a_reply", FlagClass.rejecting, "Không phải văn bản trả lời"
    internal_error = "internal_error", FlagClass.quarantine, "Lỗi nội bộ"
    # -- doubts: the document is a reply but a value needs an officer's eye
    total_mismatch = "total_mismatch", FlagClass.review, "Tổng cộng không khớp với các dòng"
    conflicting_values = "conflicting_values", FlagClass.review, "Văn bản và bảng ghi số khác nhau"
    implausible_quantity = "implausible_quantity", FlagClass.review, "Số lượng bất thường"
    invalid_range = "invalid_range", FlagClass.review, "Khoảng số lượng không hợp lệ"
    year_out_of_range = "year_out_of_range", FlagClass.review, "Năm ngoài phạm vi"
    invalid_tax_code = "invalid_tax_code", FlagClass.review, "Mã số thuế sai"
    missing_enterprise = "missing_enterprise", FlagClass.review, "Không đọc được tên doanh nghiệp"
    missing_tax_code = "missing_tax_code", FlagClass.review, "Thiếu mã số thuế"
    # Who wrote is read but not certain: two names or two tax codes, or a name found only in a sentence.
    enterprise_unclear = "enterprise_unclear", FlagClass.review, "Chưa rõ doanh nghiệp gửi"
    missing_letter_date = "missing_letter_date", FlagClass.review, "Thiếu ngày công văn"
    unparsed_quantity = "unparsed_quantity", FlagClass.review, "Không đọc được số lượng"
    unreadable_table = "unreadable_table", FlagClass.review, "Bảng không đọc được"
    # A count of people in the letter that was neither read as a need or total nor explained (the net).
    unaccounted_count = "unaccounted_count", FlagClass.review, "Có số lượng chưa được ghi nhận"
    low_confidence = "low_confidence", FlagClass.review, "Độ tin cậy thấp"
    needs_section_unread = "needs_section_unread", FlagClass.review, "Không đọc được mục nhu cầu tuyển dụng"
    ocr_low_quality = "ocr_low_quality", FlagClass.review, "Bản quét chất lượng thấp"
    reply_unclear = "reply_unclear", FlagClass.review, "Chưa chắc là văn bản trả lời"
    heading_in_answer = "heading_in_answer", FlagClass.review, "Cách chia mục chưa rõ"
    annex_missing = "annex_missing", FlagClass.review, "Thiếu phụ lục kèm theo"
    # A sentence whose question is uncertain: a block answering several questions at once, or a section holding a
    # sentence that speaks only of another answer.
    answer_unclear = "answer_unclear", FlagClass.review, "Chưa rõ nội dung thuộc mục nào"
    # Raised by the schema (schemas/extraction.py) where a record enters it: a value of the letter changed there.
    control_characters = "control_characters", FlagClass.review, "Đã bỏ ký tự điều khiển"
    text_too_long = "text_too_long", FlagClass.review, "Nội dung quá dài, đã cắt bớt"
    legacy_encoding = "legacy_encoding", FlagClass.information, "Phông chữ cũ (TCVN3/VNI) đã được chuyển đổi"
    # Raised by the store (pipeline/store/load.py), not by extraction: the same enterprise sent another letter.
    possible_resubmission = "possible_resubmission", FlagClass.review, "Có thể là văn bản gửi lại"
    # Raised by `reprocess` (pipeline/store/rereading.py): an officer's correction whose value is gone from the new
    # reading (applied nowhere), and an approved letter whose new reading differs (kept beside the approved values).
    correction_unplaced = "correction_unplaced", FlagClass.review, "Sửa của cán bộ chưa áp dụng được"
    reading_differs = "reading_differs", FlagClass.review, "Bản đọc mới khác giá trị đã duyệt"
    # Raised by the store (pipeline/store/supersession.py): a newer letter would replace an enterprise's counted
    # figures but its tax code or name does not agree with the record; held (not counted) until an officer decides.
    unconfirmed_replacement = "unconfirmed_replacement", FlagClass.review, "Thay thế số liệu chưa được xác nhận"
    # Raised by the review queue, not by extraction: an accepted document drawn at random for a second look.
    spot_check = "spot_check", FlagClass.review, "Kiểm tra ngẫu nhiên"


def codes_of(*classes: FlagClass) -> frozenset[FlagCode]:
    return frozenset(code for code in FlagCode if code.flag_class in classes)


#: Codes that mean the document was rejected rather than sent to review.
REJECTION_CODES = codes_of(FlagClass.rejecting, FlagClass.quarantine)

#: Rejections that say the file could not be processed at all (not what it is): these go to the quarantine,
#: for `replyflow retry`, instead of being stored as rejected documents.
QUARANTINE_CODES = codes_of(FlagClass.quarantine)

#: Codes that are informative only: shown to officers but no reason for review by themselves.
INFO_CODES = codes_of(FlagClass.information)

#: Code -> the label officers see.
FLAG_LABELS: dict[str, str] = {code.value: code.label for code in FlagCode}


def flag_label(code: str) -> str:
    """The officers' label of a code; an unknown code (an old store row) is shown as its words."""
    return FLAG_LABELS.get(code, code.replace("_", " "))
