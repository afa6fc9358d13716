"""Plain Vietnamese for the codes officers see: flags, qualifications, criteria, cooperation offers, statuses."""
from __future__ import annotations

FLAGS = {
    "total_mismatch": "Tổng cộng không khớp với các dòng",
    "conflicting_values": "Văn bản và bảng ghi số khác nhau",
    "implausible_quantity": "Số lượng bất thường",
    "invalid_range": "Khoảng số lượng không hợp lệ",
    "year_out_of_range": "Năm ngoài phạm vi",
    "invalid_tax_code": "Mã số thuế sai",
    "missing_enterprise": "Không đọc được tên doanh nghiệp",
    "missing_tax_code": "Thiếu mã số thuế",
    "missing_letter_date": "Thiếu ngày công văn",
    "unparsed_quantity": "Không đọc được số lượng",
    "unreadable_table": "Bảng không đọc được",
    "low_confidence": "Độ tin cậy thấp",
    "needs_section_unread": "Không đọc được mục nhu cầu tuyển dụng",
    "ocr_low_quality": "Bản quét chất lượng thấp",
    "legacy_encoding": "Phông chữ cũ (TCVN3/VNI) đã được chuyển đổi",
    "possible_resubmission": "Có thể là văn bản gửi lại",
    "spot_check": "Kiểm tra ngẫu nhiên",
    "not_a_reply": "Không phải văn bản trả lời",
    "encrypted": "Tệp bị mã hoá",
    "corrupt_file": "Tệp bị hỏng",
    "empty_file": "Tệp rỗng",
    "unsupported_format": "Định dạng không hỗ trợ",
    "no_text_layer": "PDF không có lớp chữ",
    "timeout": "Xử lý quá thời gian",
    "resource_limit": "Vượt giới hạn tài nguyên",
    "too_large": "Tệp quá lớn",
    "not_found": "Không tìm thấy tệp",
    "internal_error": "Lỗi nội bộ",
}

QUALIFICATIONS = {
    "unskilled": "Lao động phổ thông",
    "elementary_vocational": "Sơ cấp",
    "intermediate_vocational": "Trung cấp",
    "college": "Cao đẳng",
    "university": "Đại học",
    "postgraduate": "Trên đại học",
    "unspecified": "Không rõ trình độ",
}

CRITERIA = {
    "education": "Trình độ học vấn",
    "skills": "Kỹ năng",
    "language": "Ngoại ngữ",
    "experience": "Kinh nghiệm",
    "age": "Độ tuổi",
    "health": "Sức khoẻ",
    "certification": "Chứng chỉ",
    "attitude": "Thái độ, tác phong",
    "other": "Khác",
}

OFFERS = {
    "internship": "Nhận thực tập",
    "experts": "Cử chuyên gia",
    "order_based_training": "Đào tạo theo đặt hàng",
    "scholarship": "Học bổng",
    "facilities": "Cơ sở vật chất, thiết bị",
    "curriculum": "Xây dựng chương trình",
    "recruitment_commitment": "Cam kết tuyển dụng",
    "other": "Khác",
}

FREQUENCIES = {"weekly": "Hằng tuần", "monthly": "Hằng tháng", "quarterly": "Hằng quý", "ad_hoc": "Khi có nhu cầu"}

STATUSES = {"extracted": "Đã đọc", "needs_review": "Cần xem xét", "rejected": "Bị loại"}

ROLES = {"officer": "Cán bộ", "admin": "Quản trị"}

ACTIONS = {
    "stored": "Lưu vào kho", "corrected": "Sửa giá trị", "flag_resolved": "Xử lý cảnh báo",
    "approved": "Duyệt", "rejected": "Từ chối", "spot_checked": "Kiểm tra ngẫu nhiên", "reprocessed": "Đọc lại",
}

UNKNOWN_ZONE = "Chưa rõ khu"


def flag_label(code: str) -> str:
    return FLAGS.get(code, code.replace("_", " "))
