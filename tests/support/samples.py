"""The letters of sample_docs/, as specs. `python -m scripts.make_samples` renders them; golden tests read them.

Each is written differently from the others (and from any corpus): year columns under a merged header,
rows per year with ranges, prose with number words, quarter columns, a wrong total, and non-replies.
"""
from __future__ import annotations

from tests.support.letters import LetterSpec, TableSpec

_INTRO = ("Thực hiện Công văn số 812/BQL-LĐ ngày 08/03/2023 của Ban Quản lý Khu kinh tế Hải Phòng về việc hỗ trợ "
          "doanh nghiệp trong KCN, KKT trên địa bàn thành phố về liên kết đào tạo nguồn nhân lực chất lượng cao, ")

AN_PHAT = LetterSpec(
    company_upper="CÔNG TY TNHH CƠ ĐIỆN AN PHÁT",
    number="18/2023/CV-APH",
    subject="phúc đáp Công văn số 812/BQL-LĐ",
    place_date="Hải Phòng, ngày 20 tháng 3 năm 2023",
    body=[
        _INTRO + "Công ty TNHH Cơ điện An Phát (MST: 0201234569) có trụ sở tại Lô B2, KCN Tràng Duệ, huyện An "
                 "Dương, thành phố Hải Phòng xin báo cáo như sau:",
        "1. Nhu cầu tuyển dụng năm 2023 và các năm tiếp theo",
        TableSpec(rows=[["TT", "Vị trí", "Trình độ", "Nhu cầu tuyển dụng (người)", "", ""],
                        ["", "", "", "Năm 2023", "Năm 2024", "Năm 2025"],
                        ["1", "Công nhân lắp ráp", "Lao động phổ thông", "1.200", "800", "-"],
                        ["2", "Thợ điện", "Trung cấp nghề", "25", "30", "30"],
                        ["3", "Kỹ sư tự động hóa", "Đại học", "6", "4", "5"],
                        ["", "Tổng cộng", "", "1.231", "834", "35"]],
                  merges=[(0, 3, 0, 5), (0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 1, 2)]),
        "2. Tiêu chuẩn, tiêu chí đối với lao động qua đào tạo",
        ("bullet", "Tốt nghiệp trung cấp nghề điện trở lên đối với thợ điện;"),
        ("bullet", "Có chứng chỉ an toàn điện;"),
        ("bullet", "Độ tuổi từ 18 đến 40, sức khỏe tốt."),
        "3. Khả năng hợp tác với nhà trường",
        ("bullet", "Tiếp nhận 30 sinh viên thực tập mỗi năm;"),
        ("bullet", "Cử kỹ sư tham gia hướng dẫn thực hành tại xưởng trường."),
        "4. Đăng ký nhu cầu tuyển dụng",
        "Công ty sẽ đăng ký nhu cầu tuyển dụng hằng tháng trên Cổng thông tin heza.",
        "5. Kiến nghị, đề xuất",
        ("bullet", "Đề nghị tổ chức hội chợ việc làm tại KCN Tràng Duệ mỗi quý."),
        "Trân trọng./.",
        "Thông tin liên hệ: Ông Trần Minh Đức, Trưởng phòng Nhân sự, điện thoại 0912 345 678, "
        "email: duc.tm@anphat.vn.",
    ],
)

THEP_BIEN = LetterSpec(
    company_upper="CÔNG TY CỔ PHẦN THÉP BIỂN XANH",
    number="56/CV-TBX",
    subject="báo cáo nhu cầu lao động",
    place_date="Hải Phòng, ngày 02 tháng 4 năm 2023",
    body=[
        _INTRO + "Công ty Cổ phần Thép Biển Xanh, mã số doanh nghiệp 0200109117, địa chỉ Lô CN5, KCN Nam Cầu Kiền, "
                 "xin trả lời như sau:",
        "I. Nhu cầu tuyển dụng lao động",
        TableSpec(rows=[["STT", "Năm", "Chức danh", "Số lượng", "Trình độ"],
                        ["1", "2023", "Công nhân luyện thép", "50 - 70", "Sơ cấp nghề"],
                        ["2", "2023", "Kỹ thuật viên cơ khí", "10", "Cao đẳng"],
                        ["3", "2024", "Công nhân luyện thép", "40", "Sơ cấp nghề"],
                        ["4", "2024", "Thạc sĩ luyện kim", "2", "Thạc sĩ"]]),
        "II. Tiêu chuẩn đối với người lao động",
        "Người lao động cần có chứng chỉ nghề hàn; có ít nhất 1 năm kinh nghiệm làm việc trong nhà máy thép; "
        "chấp hành nghiêm kỷ luật lao động.",
        "III. Khả năng phối hợp đào tạo",
        "Công ty có thể tài trợ học bổng cho sinh viên ngành luyện kim và đặt hàng đào tạo theo nhu cầu.",
        "IV. Đăng ký nhu cầu tuyển dụng",
        "Công ty đăng ký nhu cầu theo quý trên Cổng thông tin điện tử thành phố.",
        "V. Ý kiến đề xuất",
        "Đề nghị hỗ trợ kết nối với các trường cao đẳng nghề.",
        "Trân trọng./.",
        "Đầu mối liên hệ: Bà Lê Thị Hạnh, ĐT: 0987.654.321, Email: hanh.lt@thepbienxanh.vn",
    ],
)

MAY_HONG_HA = LetterSpec(
    company_upper="CÔNG TY TNHH MAY MẶC HỒNG HÀ",
    number="09/2023/CV-HH",
    subject="phúc đáp Công văn 812/BQL-LĐ",
    place_date="Hải Phòng, ngày 15 tháng 3 năm 2023",
    body=[
        _INTRO + "Công ty TNHH May mặc Hồng Hà (mã số thuế: 0200519875), Lô 7, KCN Nomura - Hải Phòng, xin phúc đáp:",
        "1. Về nhu cầu tuyển dụng",
        "Năm 2023, Công ty dự kiến tuyển khoảng 300 công nhân may (lao động phổ thông) và mười lăm (15) nhân viên "
        "kỹ thuật chuyền tốt nghiệp cao đẳng.",
        "Năm 2024, Công ty cần tuyển 120 - 150 công nhân may (lao động phổ thông).",
        "2. Về tiêu chuẩn, tiêu chí",
        "Ưu tiên người biết sử dụng máy may công nghiệp; thị lực tốt.",
        "3. Về hợp tác đào tạo",
        "Công ty sẵn sàng nhận học sinh thực tập và cam kết tuyển dụng học sinh tốt nghiệp đạt yêu cầu.",
        "4. Về đăng ký nhu cầu tuyển dụng",
        "Công ty sẽ đăng ký khi có nhu cầu trên Cổng thông tin heza.",
        "5. Kiến nghị",
        "Không có kiến nghị thêm.",
        "Trân trọng./.",
    ],
)

LOGISTICS_QUY = LetterSpec(
    company_upper="CÔNG TY TNHH LOGISTICS CẢNG XANH",
    number="31/CV-LCX",
    subject="báo cáo nhu cầu tuyển dụng",
    place_date="Hải Phòng, ngày 28 tháng 3 năm 2023",
    body=[
        _INTRO + "Công ty TNHH Logistics Cảng Xanh (MST 0200287134), Lô C1, KKT Đình Vũ - Cát Hải, báo cáo như sau:",
        "1. Nhu cầu tuyển dụng năm 2023",
        TableSpec(rows=[["STT", "Vị trí", "Trình độ", "Năm 2023", "", "", ""],
                        ["", "", "", "Quý I", "Quý II", "Quý III", "Quý IV"],
                        ["1", "Nhân viên kho", "Trung cấp", "5", "5", "10", "10"],
                        ["2", "Lái xe nâng", "Sơ cấp", "2", "-", "3", "-"]],
                  merges=[(0, 3, 0, 6), (0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 1, 2)]),
        "2. Tiêu chuẩn lao động",
        ("bullet", "Sử dụng thành thạo phần mềm quản lý kho."),
        "3. Hợp tác với nhà trường",
        ("bullet", "Cử chuyên gia giảng dạy môn logistics."),
        "4. Đăng ký nhu cầu tuyển dụng",
        "Công ty đăng ký hàng tuần trên Cổng thông tin heza.gov.vn.",
        "5. Đề xuất",
        ("bullet", "Đề nghị mở thêm tuyến xe buýt đến KKT Đình Vũ - Cát Hải."),
        "Trân trọng./.",
    ],
)

TONG_SAI = LetterSpec(
    company_upper="CÔNG TY TNHH ĐIỆN TỬ SAO VIỆT",
    number="77/CV-SV",
    subject="phúc đáp Công văn số 812/BQL-LĐ",
    place_date="Hải Phòng, ngày 05 tháng 4 năm 2023",
    body=[
        _INTRO + "Công ty TNHH Điện tử Sao Việt (MST: 0200110112), KCN Đồ Sơn, báo cáo:",
        "1. Nhu cầu tuyển dụng",
        TableSpec(rows=[["STT", "Vị trí công việc", "Trình độ", "Năm 2023", "Năm 2024"],
                        ["1", "Công nhân sản xuất", "LĐPT", "200", "150"],
                        ["2", "Kỹ thuật viên", "Cao đẳng", "20", "15"],
                        ["", "Tổng cộng", "", "230", "165"]]),
        "2. Tiêu chuẩn lao động",
        ("bullet", "Tốt nghiệp THPT trở lên."),
        "3. Hợp tác đào tạo",
        ("bullet", "Nhận sinh viên thực tập."),
        "4. Đăng ký nhu cầu",
        "Đăng ký hằng tháng trên Cổng thông tin heza.",
        "5. Kiến nghị",
        ("bullet", "Không."),
        "Trân trọng./.",
    ],
)

GIAY_MOI = LetterSpec(
    company_upper="CÔNG TY TNHH HÓA CHẤT BẠCH ĐẰNG",
    number="03/GM-BĐ",
    subject="mời dự lễ kỷ niệm 10 năm thành lập",
    place_date="Hải Phòng, ngày 10 tháng 3 năm 2023",
    title="GIẤY MỜI",
    body=["Công ty TNHH Hóa chất Bạch Đằng trân trọng kính mời lãnh đạo Quý Ban tới dự Lễ kỷ niệm 10 năm thành "
          "lập Công ty vào 9 giờ ngày 25 tháng 3 năm 2023 tại Lô D4, KCN Đình Vũ.", "Trân trọng!"],
)

GO_DINH_VU = LetterSpec(              # printed, signed, stamped and scanned: sample_docs/scan_go_dinh_vu.pdf
    company_upper="CÔNG TY TNHH NỘI THẤT GỖ ĐÌNH VŨ",
    number="09/CV-GDV",
    subject="phúc đáp Công văn 812/BQL-LĐ",
    place_date="Hải Phòng, ngày 27 tháng 3 năm 2023",
    body=[
        _INTRO + "Công ty TNHH Nội thất Gỗ Đình Vũ (MST 0200043219), Lô E3, KCN Đình Vũ, báo cáo như sau:",
        "1. Nhu cầu tuyển dụng",
        TableSpec(rows=[["STT", "Vị trí việc làm", "Trình độ", "Năm 2023", "Năm 2024"],
                        ["1", "Thợ mộc", "Sơ cấp nghề", "45", "60"],
                        ["2", "Công nhân sơn", "Lao động phổ thông", "30", "30"],
                        ["3", "Kỹ thuật viên CNC", "Cao đẳng", "8", "12"]]),
        "2. Tiêu chuẩn đối với lao động",
        ("bullet", "Có chứng chỉ nghề mộc hoặc vận hành máy CNC;"),
        ("bullet", "Sức khỏe tốt, chịu được môi trường bụi gỗ."),
        "3. Hợp tác với cơ sở đào tạo",
        ("bullet", "Nhận học sinh thực tập tại xưởng và hỗ trợ ăn trưa;"),
        ("bullet", "Cử thợ cả tham gia hướng dẫn thực hành."),
        "4. Đăng ký nhu cầu tuyển dụng",
        "Công ty đăng ký nhu cầu hằng tháng trên Cổng thông tin heza.",
        "5. Đề xuất",
        ("bullet", "Đề nghị mở lớp sơ cấp nghề mộc tại KCN Đình Vũ."),
        "Trân trọng./.",
    ],
)

#: file name -> (format, spec); "scan" is a PDF printed to an image, stamped, signed and scanned (support/scans.py)
SAMPLES: dict[str, tuple[str, LetterSpec]] = {
    "cv_an_phat_cot_nam.docx": ("docx", AN_PHAT),
    "cv_thep_bien_xanh_dong_nam.pdf": ("pdf", THEP_BIEN),
    "cv_may_hong_ha_van_xuoi.docx": ("docx", MAY_HONG_HA),
    "cv_logistics_theo_quy.pdf": ("pdf", LOGISTICS_QUY),
    "cv_sao_viet_tong_sai.docx": ("docx", TONG_SAI),
    "giay_moi_bach_dang.docx": ("docx", GIAY_MOI),
    "scan_go_dinh_vu.pdf": ("scan", GO_DINH_VU),
}


#: Fields of a result that golden files leave out: hashes of generated bytes.
VOLATILE = ("sha256",)


def golden_view(result: dict) -> dict:
    """The parts of a result that golden files pin: the contract fields, without hashes of generated bytes or the
    provenance of values (where a value was read is tested on its own, golden files pin what was read)."""
    view = {k: v for k, v in result.items() if k != "source"}
    view["source"] = {k: v for k, v in result["source"].items() if k not in VOLATILE}
    for need in view.get("hiring_needs", []):
        need.pop("provenance", None)
    for key in ("criteria", "cooperation_offers"):
        for item in view.get(key, []):
            item.pop("provenance", None)
    for key in ("enterprise", "letter"):
        if isinstance(view.get(key), dict):
            view[key] = {k: v for k, v in view[key].items() if k != "provenance"}
    return view
