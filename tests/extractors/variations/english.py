"""The English of bilingual letters (foreign-invested enterprises write each paragraph twice): our translations of
the paragraphs and items of the harness's letters, and the English names of their companies.

Keyed by the Vietnamese text as the model holds it (items without their final ";" or ".").
"""
from __future__ import annotations

_BOARD_EN = ("Official Letter No. 812/BQL-LĐ dated 08/03/2023 of the Hai Phong Economic Zone Authority on supporting "
             "enterprises in industrial parks and economic zones of the city in training high-quality human resources")
_BOARD_EN_SHORT = ("Official Letter No. 812/BQL-LĐ dated 08/03/2023 of the Hai Phong Economic Zone Authority on "
                   "training high-quality human resources")

ENGLISH: dict[str, str] = {
    # cv_an_phat_cot_nam
    "Thực hiện Công văn số 812/BQL-LĐ ngày 08/03/2023 của Ban Quản lý Khu kinh tế Hải Phòng về việc hỗ trợ doanh "
    "nghiệp trong KCN, KKT trên địa bàn thành phố về liên kết đào tạo nguồn nhân lực chất lượng cao, Công ty TNHH Cơ "
    "điện An Phát (MST: 0201234569) có trụ sở tại Lô B2, KCN Tràng Duệ, huyện An Dương, thành phố Hải Phòng xin báo "
    "cáo như sau:":
        f"Pursuant to {_BOARD_EN}, An Phat Mechanical and Electrical Co., Ltd. (tax code: 0201234569), located at "
        "Lot B2, Trang Due Industrial Park, An Duong district, Hai Phong city, would like to report as follows:",
    "Tốt nghiệp trung cấp nghề điện trở lên đối với thợ điện":
        "Electricians must hold at least an intermediate vocational diploma in electrical work",
    "Có chứng chỉ an toàn điện": "Hold an electrical safety certificate",
    "Độ tuổi từ 18 đến 40, sức khỏe tốt": "Aged 18 to 40, in good health",
    "Tiếp nhận 30 sinh viên thực tập mỗi năm": "Host 30 student interns every year",
    "Cử kỹ sư tham gia hướng dẫn thực hành tại xưởng trường":
        "Send engineers to instruct practical classes in the school's workshop",
    "Công ty sẽ đăng ký nhu cầu tuyển dụng hằng tháng trên Cổng thông tin heza.":
        "The Company will register its recruitment needs monthly on the heza portal.",
    "Đề nghị tổ chức hội chợ việc làm tại KCN Tràng Duệ mỗi quý":
        "We propose a job fair at Trang Due Industrial Park every quarter",
    "Trân trọng./.": "Sincerely yours.",
    "Thông tin liên hệ: Ông Trần Minh Đức, Trưởng phòng Nhân sự, điện thoại 0912 345 678, email: duc.tm@anphat.vn.":
        "Contact: Mr. Trần Minh Đức, HR Manager, phone 0912 345 678, email: duc.tm@anphat.vn.",
    # cv_thep_bien_xanh_dong_nam
    "Thực hiện Công văn số 812/BQL-LĐ ngày 08/03/2023 của Ban Quản lý Khu kinh tế Hải Phòng về việc hỗ trợ doanh "
    "nghiệp trong KCN, KKT trên địa bàn thành phố về liên kết đào tạo nguồn nhân lực chất lượng cao, Công ty Cổ phần "
    "Thép Biển Xanh, mã số doanh nghiệp 0200109117, địa chỉ Lô CN5, KCN Nam Cầu Kiền, xin trả lời như sau:":
        f"Pursuant to {_BOARD_EN}, Blue Sea Steel Joint Stock Company, enterprise code 0200109117, address Lot CN5, "
        "Nam Cau Kien Industrial Park, replies as follows:",
    "Người lao động cần có chứng chỉ nghề hàn; có ít nhất 1 năm kinh nghiệm làm việc trong nhà máy thép; chấp hành "
    "nghiêm kỷ luật lao động.":
        "Workers need a welding certificate; at least 1 year of experience in a steel plant; strict labour "
        "discipline.",
    "Công ty có thể tài trợ học bổng cho sinh viên ngành luyện kim và đặt hàng đào tạo theo nhu cầu.":
        "The Company can fund scholarships for metallurgy students and order training to its needs.",
    "Công ty đăng ký nhu cầu theo quý trên Cổng thông tin điện tử thành phố.":
        "The Company registers its needs quarterly on the city's web portal.",
    "Đề nghị hỗ trợ kết nối với các trường cao đẳng nghề.":
        "We ask for help in connecting with vocational colleges.",
    "Đầu mối liên hệ: Bà Lê Thị Hạnh, ĐT: 0987.654.321, Email: hanh.lt@thepbienxanh.vn":
        "Contact person: Ms. Lê Thị Hạnh, Tel: 0987.654.321, Email: hanh.lt@thepbienxanh.vn",
    # cv_may_hong_ha_van_xuoi
    "Thực hiện Công văn số 812/BQL-LĐ ngày 08/03/2023 của Ban Quản lý Khu kinh tế Hải Phòng về việc hỗ trợ doanh "
    "nghiệp trong KCN, KKT trên địa bàn thành phố về liên kết đào tạo nguồn nhân lực chất lượng cao, Công ty TNHH May "
    "mặc Hồng Hà (mã số thuế: 0200519875), Lô 7, KCN Nomura - Hải Phòng, xin phúc đáp:":
        f"Pursuant to {_BOARD_EN}, Hong Ha Garment Co., Ltd. (tax code: 0200519875), Lot 7, Nomura - Haiphong "
        "Industrial Zone, replies:",
    "Năm 2023, Công ty dự kiến tuyển khoảng 300 công nhân may (lao động phổ thông) và mười lăm (15) nhân viên kỹ "
    "thuật chuyền tốt nghiệp cao đẳng.":
        "In 2023 the Company plans to recruit about 300 sewing workers (unskilled) and fifteen (15) line technicians "
        "with a college degree.",
    "Năm 2024, Công ty cần tuyển 120 - 150 công nhân may (lao động phổ thông).":
        "In 2024 the Company needs 120 - 150 sewing workers (unskilled).",
    "Ưu tiên người biết sử dụng máy may công nghiệp; thị lực tốt.":
        "Priority to people who can use industrial sewing machines; good eyesight.",
    "Công ty sẵn sàng nhận học sinh thực tập và cam kết tuyển dụng học sinh tốt nghiệp đạt yêu cầu.":
        "The Company is ready to host student interns and commits to hiring graduates who meet its requirements.",
    "Công ty sẽ đăng ký khi có nhu cầu trên Cổng thông tin heza.":
        "The Company will register on the heza portal when needed.",
    "Không có kiến nghị thêm.": "No further recommendations.",
    # cv_logistics_theo_quy
    "Thực hiện Công văn số 812/BQL-LĐ ngày 08/03/2023 của Ban Quản lý Khu kinh tế Hải Phòng về việc hỗ trợ doanh "
    "nghiệp trong KCN, KKT trên địa bàn thành phố về liên kết đào tạo nguồn nhân lực chất lượng cao, Công ty TNHH "
    "Logistics Cảng Xanh (MST 0200287134), Lô C1, KKT Đình Vũ - Cát Hải, báo cáo như sau:":
        f"Pursuant to {_BOARD_EN}, Green Port Logistics Co., Ltd. (tax code 0200287134), Lot C1, Dinh Vu - Cat Hai "
        "Economic Zone, reports as follows:",
    "Sử dụng thành thạo phần mềm quản lý kho": "Proficient in warehouse management software",
    "Cử chuyên gia giảng dạy môn logistics": "Send experts to teach logistics courses",
    "Công ty đăng ký hàng tuần trên Cổng thông tin heza.gov.vn.":
        "The Company registers weekly on the heza.gov.vn portal.",
    "Đề nghị mở thêm tuyến xe buýt đến KKT Đình Vũ - Cát Hải":
        "We propose a new bus route to Dinh Vu - Cat Hai Economic Zone",
    # cv_sao_viet_tong_sai
    "Thực hiện Công văn số 812/BQL-LĐ ngày 08/03/2023 của Ban Quản lý Khu kinh tế Hải Phòng về việc hỗ trợ doanh "
    "nghiệp trong KCN, KKT trên địa bàn thành phố về liên kết đào tạo nguồn nhân lực chất lượng cao, Công ty TNHH Điện "
    "tử Sao Việt (MST: 0200110112), KCN Đồ Sơn, báo cáo:":
        f"Pursuant to {_BOARD_EN}, Sao Viet Electronics Co., Ltd. (tax code: 0200110112), Do Son Industrial Park, "
        "reports:",
    "Tốt nghiệp THPT trở lên": "High school graduates or above",
    "Nhận sinh viên thực tập": "Host student interns",
    "Đăng ký hằng tháng trên Cổng thông tin heza.": "Registered monthly on the heza portal.",
    "Không": "None",
    # giay_moi_bach_dang
    "Công ty TNHH Hóa chất Bạch Đằng trân trọng kính mời lãnh đạo Quý Ban tới dự Lễ kỷ niệm 10 năm thành lập Công ty "
    "vào 9 giờ ngày 25 tháng 3 năm 2023 tại Lô D4, KCN Đình Vũ.":
        "Bach Dang Chemicals Co., Ltd. respectfully invites the leaders of the Authority to the ceremony for the "
        "Company's 10th anniversary at 9:00 on 25 March 2023 at Lot D4, Dinh Vu Industrial Zone.",
    "Trân trọng!": "Best regards!",
    # scan_go_dinh_vu
    "Thực hiện Công văn số 812/BQL-LĐ ngày 08/03/2023 của Ban Quản lý Khu kinh tế Hải Phòng về việc hỗ trợ doanh "
    "nghiệp trong KCN, KKT trên địa bàn thành phố về liên kết đào tạo nguồn nhân lực chất lượng cao, Công ty TNHH Nội "
    "thất Gỗ Đình Vũ (MST 0200043219), Lô E3, KCN Đình Vũ, báo cáo như sau:":
        f"Pursuant to {_BOARD_EN}, Dinh Vu Wood Furniture Co., Ltd. (tax code 0200043219), Lot E3, Dinh Vu "
        "Industrial Zone, reports as follows:",
    "Có chứng chỉ nghề mộc hoặc vận hành máy CNC": "Hold a carpentry or CNC operator certificate",
    "Sức khỏe tốt, chịu được môi trường bụi gỗ": "Healthy, able to work with wood dust",
    "Nhận học sinh thực tập tại xưởng và hỗ trợ ăn trưa": "Host student interns in the workshop, lunch provided",
    "Cử thợ cả tham gia hướng dẫn thực hành": "Send master carpenters to instruct practical classes",
    "Công ty đăng ký nhu cầu hằng tháng trên Cổng thông tin heza.":
        "The Company registers its needs monthly on the heza portal.",
    "Đề nghị mở lớp sơ cấp nghề mộc tại KCN Đình Vũ":
        "We propose an elementary carpentry course at Dinh Vu Industrial Zone",
    # own_van_xuan
    "Căn cứ Công văn số 812/BQL-LĐ ngày 08/03/2023 của Ban Quản lý Khu kinh tế Hải Phòng về liên kết đào tạo nguồn "
    "nhân lực chất lượng cao, Công ty TNHH Linh kiện Ô tô Vạn Xuân (mã số thuế: 0201847364), địa chỉ Lô F6, KCN VSIP "
    "Hải Phòng, xin gửi tới Quý Ban các thông tin sau:":
        f"With reference to {_BOARD_EN_SHORT}, Van Xuan Auto Parts Co., Ltd. (tax code: 0201847364), Lot F6, VSIP "
        "Hai Phong, sends the Authority the following information:",
    "Có khả năng giao tiếp tiếng Nhật cơ bản": "Able to communicate in basic Japanese",
    "Đủ sức khỏe làm việc theo ca": "Fit to work in shifts",
    "Chăm chỉ, trung thực, có tinh thần trách nhiệm": "Hard-working, honest and responsible",
    "Nhận sinh viên năm cuối đến thực tập có hưởng lương": "Take final-year students as paid interns",
    "Cho nhà trường mượn máy móc phục vụ giảng dạy": "Lend machines to schools for teaching",
    "Phối hợp biên soạn giáo trình sát với thực tế sản xuất": "Help write textbooks close to real production",
    "Phòng Hành chính - Nhân sự cập nhật nhu cầu tuyển dụng hằng tháng trên Cổng thông tin heza.":
        "The Administration and HR Department updates the recruitment needs monthly on the heza portal.",
    "Mong Ban Quản lý tổ chức các buổi gặp gỡ giữa doanh nghiệp và nhà trường":
        "We hope the Authority will organise meetings between enterprises and schools",
    "Trân trọng cảm ơn./.": "Thank you very much.",
    # own_hai_au
    "Nhận được Công văn số 812/BQL-LĐ ngày 08/03/2023 của Ban Quản lý Khu kinh tế Hải Phòng về liên kết đào tạo "
    "nguồn nhân lực chất lượng cao, Công ty Cổ phần Bao bì Hải Âu (MST 0202115902), nhà máy đặt tại KCN Nam Đình Vũ, "
    "xin trao đổi một số nội dung như sau:":
        f"Having received {_BOARD_EN_SHORT}, Hai Au Packaging Joint Stock Company (tax code 0202115902), whose plant "
        "is in South Dinh Vu Industrial Zone, would like to share the following:",
    "Trong năm 2023, Công ty có kế hoạch tuyển thêm 80 công nhân vận hành máy in (trung cấp) và 4 nhân viên thiết "
    "kế bao bì (cao đẳng).":
        "In 2023 the Company plans to hire 80 more printing machine operators (intermediate vocational) and 4 "
        "packaging designers (college).",
    "Sang năm 2024, Công ty dự kiến tuyển 60 công nhân vận hành máy in (trung cấp).":
        "In 2024 the Company expects to hire 60 printing machine operators (intermediate vocational).",
    "Người lao động cần tốt nghiệp trung cấp chuyên ngành in trở lên; sử dụng được máy tính văn phòng; tuân thủ nội "
    "quy an toàn lao động.":
        "Workers need an intermediate diploma in printing or above; office computer skills; compliance with safety "
        "rules.",
    "Công ty sẵn sàng cử cán bộ kỹ thuật tham gia giảng dạy; tiếp nhận học sinh thực tập tại nhà máy.":
        "The Company is ready to send technical staff to teach; to host student interns at the plant.",
    "Công ty sẽ đăng ký trên Cổng thông tin điện tử thành phố khi có nhu cầu.":
        "The Company will register on the city's web portal when needed.",
    "Đề nghị Ban cung cấp danh sách các trường có đào tạo ngành in.":
        "We ask the Authority for a list of schools that teach printing.",
    "Xin trân trọng cảm ơn!": "Thank you very much!",
    "Người liên hệ: Chị Phạm Thu Trang, Phòng Nhân sự, điện thoại 0904 112 233.":
        "Contact: Ms. Phạm Thu Trang, HR Department, phone 0904 112 233.",
    # own_phuong_dong
    "Phúc đáp Công văn số 812/BQL-LĐ ngày 08/03/2023 của Ban Quản lý Khu kinh tế Hải Phòng về liên kết đào tạo nguồn "
    "nhân lực chất lượng cao, Công ty TNHH Thực phẩm Phương Đông (mã số thuế: 0200998811) tại KCN Đại An báo cáo Quý "
    "Ban như sau:":
        f"In reply to {_BOARD_EN_SHORT}, Phuong Dong Foods Co., Ltd. (tax code: 0200998811) of Dai An Industrial "
        "Park reports to the Authority as follows:",
    "Không mắc bệnh truyền nhiễm, có giấy khám sức khỏe": "Free of infectious diseases, with a health certificate",
    "Từ đủ 18 tuổi trở lên": "Aged 18 or over",
    "Ưu tiên ứng viên đã làm việc trong ngành thực phẩm": "Priority to candidates who have worked in food processing",
    "Trao học bổng cho học sinh giỏi ngành chế biến thực phẩm": "Award scholarships to top food processing students",
    "Ký hợp đồng lao động với học sinh sau khi tốt nghiệp": "Sign labour contracts with students after graduation",
    "Công ty thực hiện đăng ký định kỳ hằng quý trên Cổng thông tin heza.":
        "The Company registers quarterly on the heza portal.",
    "Kiến nghị thành phố có chính sách hỗ trợ nhà ở cho công nhân.":
        "We recommend that the city support housing for workers.",
    "Đầu mối liên hệ: Anh Vũ Đức Long, điện thoại 0936 221 448, email long.vd@phuongdong.com.vn":
        "Contact person: Mr. Vũ Đức Long, phone 0936 221 448, email long.vd@phuongdong.com.vn",
}

#: company_upper -> the English name a bilingual letterhead puts above it
ENGLISH_NAMES: dict[str, str] = {
    "CÔNG TY TNHH CƠ ĐIỆN AN PHÁT": "AN PHAT MECHANICAL AND ELECTRICAL COMPANY LIMITED",
    "CÔNG TY CỔ PHẦN THÉP BIỂN XANH": "BLUE SEA STEEL JOINT STOCK COMPANY",
    "CÔNG TY TNHH MAY MẶC HỒNG HÀ": "HONG HA GARMENT COMPANY LIMITED",
    "CÔNG TY TNHH LOGISTICS CẢNG XANH": "GREEN PORT LOGISTICS COMPANY LIMITED",
    "CÔNG TY TNHH ĐIỆN TỬ SAO VIỆT": "SAO VIET ELECTRONICS COMPANY LIMITED",
    "CÔNG TY TNHH HÓA CHẤT BẠCH ĐẰNG": "BACH DANG CHEMICALS COMPANY LIMITED",
    "CÔNG TY TNHH NỘI THẤT GỖ ĐÌNH VŨ": "DINH VU WOOD FURNITURE COMPANY LIMITED",
    "CÔNG TY TNHH LINH KIỆN Ô TÔ VẠN XUÂN": "VAN XUAN AUTO PARTS COMPANY LIMITED",
    "CÔNG TY CỔ PHẦN BAO BÌ HẢI ÂU": "HAI AU PACKAGING JOINT STOCK COMPANY",
    "CÔNG TY TNHH THỰC PHẨM PHƯƠNG ĐÔNG": "PHUONG DONG FOODS COMPANY LIMITED",
}
