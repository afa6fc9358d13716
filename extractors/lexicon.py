"""The words of the domain, as data: labels ``GROUP:value`` and the phrases that signal them.

Phrases are matched accent- and case-insensitively on whole tokens (see nlp.py). Vietnamese first, with
the English of bilingual letters. Order inside a group does not matter: the longest match wins.
"""
from __future__ import annotations

_RAW: dict[str, list[str]] = {
    # -- qualification of a hiring need ------------------------------------------------------------------
    "QUAL:unskilled": ["lao động phổ thông", "LĐPT", "LDPT", "phổ thông", "chưa qua đào tạo", "không yêu cầu bằng cấp",
                       "không cần bằng cấp", "tốt nghiệp THPT", "THPT", "trung học phổ thông", "12/12", "unskilled",
                       "general labor", "general labour", "general worker", "high school"],
    "QUAL:elementary_vocational": ["sơ cấp", "sơ cấp nghề", "chứng chỉ sơ cấp", "elementary", "elementary vocational",
                                   "primary vocational", "short-term vocational"],
    "QUAL:intermediate_vocational": ["trung cấp", "trung cấp nghề", "TC nghề", "TCN", "intermediate",
                                     "intermediate vocational", "vocational", "vocational school"],
    "QUAL:college": ["cao đẳng", "cao đẳng nghề", "CĐ", "college", "associate degree"],
    "QUAL:university": ["đại học", "ĐH", "cử nhân", "university", "bachelor", "bachelor's degree", "undergraduate"],
    "QUAL:postgraduate": ["thạc sĩ", "thạc sỹ", "tiến sĩ", "tiến sỹ", "trên đại học", "sau đại học", "master",
                          "master's degree", "postgraduate", "phd", "doctorate"],
    "QUAL:unspecified": ["không yêu cầu", "không yêu cầu trình độ", "không quy định"],

    # Positions whose title implies a qualification when the letter states none ("18 kỹ sư điện tử").
    "IMPLIED:university": ["kỹ sư", "cử nhân", "kiến trúc sư", "bác sĩ", "dược sĩ", "engineer", "engineers"],

    # -- criteria categories (point 2) -----------------------------------------------------------------------
    "CRIT:language": ["tiếng Anh", "tiếng Hàn", "tiếng Nhật", "tiếng Trung", "tiếng Hoa", "tiếng Đài", "tiếng Đức",
                      "ngoại ngữ", "TOEIC", "IELTS", "TOEFL", "TOPIK", "JLPT", "HSK", "English", "Korean", "Japanese",
                      "Chinese", "foreign language"],
    "CRIT:age": ["tuổi", "độ tuổi", "tuổi đời", "age", "aged", "years old"],
    "CRIT:health": ["sức khỏe", "thị lực", "bệnh", "khám sức khỏe", "mù màu", "health", "healthy", "eyesight"],
    "CRIT:certification": ["chứng chỉ", "chứng nhận", "giấy phép", "bằng lái", "certificate", "certification",
                           "licence", "license"],
    "CRIT:experience": ["kinh nghiệm", "đã từng làm việc", "đã làm việc", "thâm niên", "experience", "experienced"],
    "CRIT:education": ["tốt nghiệp", "trình độ", "bằng cấp", "chuyên ngành", "graduate", "graduated", "degree",
                       "major"],
    "CRIT:skills": ["sử dụng", "thành thạo", "kỹ năng", "đọc hiểu", "bản vẽ", "tin học", "vận hành", "biết",
                    "skills", "skill", "proficient", "able to"],
    "CRIT:attitude": ["tuân thủ", "nội quy", "chấp hành", "comply", "follow the rules", "chăm chỉ", "trung thực", "trách nhiệm", "kỷ luật", "tác phong", "thái độ", "cầu tiến",
                      "nhiệt tình", "chịu khó", "chịu được áp lực", "diligent", "honest", "attitude", "discipline",
                      "responsible"],

    # -- cooperation offers (point 3) ------------------------------------------------------------------------
    "COOP:internship": ["thực tập", "kiến tập", "internship", "intern", "interns", "trainee", "thực tập sinh"],
    "COOP:experts": ["chuyên gia", "giảng viên thỉnh giảng", "thỉnh giảng", "cử kỹ sư", "cử cán bộ", "tham gia giảng dạy",
                     "hướng dẫn thực hành", "experts", "expert", "engineers to", "instruct"],
    "COOP:order_based_training": ["đặt hàng", "đơn đặt hàng", "theo đơn đặt hàng", "đào tạo theo yêu cầu",
                                  "đào tạo theo nhu cầu", "order-based", "order based", "on demand training"],
    "COOP:scholarship": ["học bổng", "scholarship", "scholarships"],
    "COOP:facilities": ["trang thiết bị", "máy móc", "cơ sở vật chất", "thiết bị", "dây chuyền sản xuất",
                        "nhà xưởng", "equipment", "facilities", "machines"],
    "COOP:curriculum": ["chương trình đào tạo", "giáo trình", "tài liệu", "chuẩn đầu ra", "biên soạn", "curriculum",
                        "training programme", "training program"],
    "COOP:recruitment_commitment": ["cam kết tuyển dụng", "tuyển dụng sinh viên", "tuyển dụng học sinh",
                                    "ký hợp đồng lao động", "nhận vào làm việc", "tiếp nhận vào làm việc",
                                    "bố trí việc làm", "recruit", "hire graduates", "employ graduates"],

    # -- registration frequency and channels (point 4) ---------------------------------------------------------
    "FREQ:weekly": ["hàng tuần", "hằng tuần", "mỗi tuần", "theo tuần", "định kỳ tuần", "weekly", "every week"],
    "FREQ:monthly": ["hàng tháng", "hằng tháng", "mỗi tháng", "theo tháng", "định kỳ tháng", "monthly", "every month"],
    "FREQ:quarterly": ["hàng quý", "hằng quý", "mỗi quý", "theo quý", "định kỳ quý", "quarterly", "every quarter"],
    "FREQ:ad_hoc": ["khi có nhu cầu", "khi phát sinh", "đột xuất", "không định kỳ", "when needed", "as needed",
                    "ad hoc", "ad-hoc", "when there is a need"],
    "CHANNEL:city_portal": ["cổng thông tin điện tử thành phố", "cổng thông tin thành phố", "city portal",
                            "haiphong.gov.vn"],
    "CHANNEL:heza": ["heza", "heza.gov.vn", "cổng thông tin heza", "cổng thông tin điện tử heza"],
}


def _fold_all() -> dict[str, list[str]]:
    from extractors.text.normalize import fold
    return {label: sorted({fold(p) for p in phrases}) for label, phrases in _RAW.items()}


TERMS: dict[str, list[str]] = _fold_all()
