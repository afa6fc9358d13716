"""Letters written for this harness in its own words (other HR departments than the samples' and the corpora's),
each with what it says (`expected`): the rewritings run over them as over the samples, and their output is held
to what they say, not to what replyflow read from them before.
"""
from __future__ import annotations

from dataclasses import dataclass

from tests.extractors.variations.model import Items, Letter, NeedRow, NeedsTable, Para, Section


@dataclass(frozen=True)
class OwnLetter:
    letter: Letter
    expected: dict                      # the oracle's view (oracle.view) of a right reading


def _needs(*rows: tuple[int, str, str, int, int | None]) -> list:
    return [{"year": y, "position": p, "qualification": q, "quantity": n, "quantity_max": m} for y, p, q, n, m in rows]


def _expected(*, name: str, tax_code: str, zone: str, number: str, date: str, needs: list, criteria: list[str],
              offers: list[str], frequency: str | None, contact: tuple[str | None, str | None, str | None] = (
                  None, None, None)) -> dict:
    from tests.extractors.variations.oracle import view
    return view({"status": "extracted",
                 "enterprise": {"name": name, "tax_code": tax_code, "zone": zone, "contact_name": contact[0],
                                "contact_phone": contact[1], "contact_email": contact[2]},
                 "letter": {"number": number, "date": date}, "hiring_needs": needs,
                 "criteria": [{"category": c} for c in criteria], "cooperation_offers": [{"kind": k} for k in offers],
                 "registration": {"frequency": frequency}})


_BOARD = ("Công văn số 812/BQL-LĐ ngày 08/03/2023 của Ban Quản lý Khu kinh tế Hải Phòng về liên kết đào tạo nguồn "
          "nhân lực chất lượng cao")

VAN_XUAN = OwnLetter(
    Letter(
        company_upper="CÔNG TY TNHH LINH KIỆN Ô TÔ VẠN XUÂN", number="25/2023/CV-VX",
        subject="cung cấp thông tin nhu cầu lao động", place_date="Hải Phòng, ngày 22 tháng 3 năm 2023",
        intro=(Para(f"Căn cứ {_BOARD}, Công ty TNHH Linh kiện Ô tô Vạn Xuân (mã số thuế: 0201847364), địa chỉ Lô F6, "
                    "KCN VSIP Hải Phòng, xin gửi tới Quý Ban các thông tin sau:"),),
        sections=(
            Section(1, "Số lượng lao động cần tuyển", (NeedsTable(
                rows=(NeedRow("Công nhân dập khuôn", "Sơ cấp", (((2023, "Y", 0), "150"), ((2024, "Y", 0), "200"))),
                      NeedRow("Nhân viên kiểm tra chất lượng", "Cao đẳng",
                              (((2023, "Y", 0), "12"), ((2024, "Y", 0), "10"))),
                      NeedRow("Kỹ sư cơ khí", "Đại học", (((2023, "Y", 0), "5"), ((2024, "Y", 0), "8")))),
                periods=((2023, "Y", 0), (2024, "Y", 0)),
                total=(((2023, "Y", 0), "167"), ((2024, "Y", 0), "218")),
                labels=(("stt", "STT"), ("position", "Chức danh công việc"), ("level", "Trình độ đào tạo"),
                        ("year", "Năm"), ("quantity", "Số người"), ("notes", "Ghi chú")),
                total_label="Cộng"),)),
            Section(2, "Yêu cầu đối với người lao động", (Items((
                "Có khả năng giao tiếp tiếng Nhật cơ bản", "Đủ sức khỏe làm việc theo ca",
                "Chăm chỉ, trung thực, có tinh thần trách nhiệm")),)),
            Section(3, "Hình thức hợp tác với cơ sở đào tạo", (Items((
                "Nhận sinh viên năm cuối đến thực tập có hưởng lương",
                "Cho nhà trường mượn máy móc phục vụ giảng dạy",
                "Phối hợp biên soạn giáo trình sát với thực tế sản xuất")),)),
            Section(4, "Kênh đăng ký nhu cầu tuyển dụng", (Para(
                "Phòng Hành chính - Nhân sự cập nhật nhu cầu tuyển dụng hằng tháng trên Cổng thông tin heza."),)),
            Section(5, "Đề nghị của doanh nghiệp", (Items((
                "Mong Ban Quản lý tổ chức các buổi gặp gỡ giữa doanh nghiệp và nhà trường",)),)),
        ),
        closing=(Para("Trân trọng cảm ơn./."),),
        signer_title="TỔNG GIÁM ĐỐC", signer="Đỗ Hoàng Nam"),
    _expected(name="Công ty TNHH Linh kiện Ô tô Vạn Xuân", tax_code="0201847364", zone="KCN VSIP Hải Phòng",
              number="25/2023/CV-VX", date="2023-03-22",
              needs=_needs((2023, "Công nhân dập khuôn", "elementary_vocational", 150, None),
                           (2024, "Công nhân dập khuôn", "elementary_vocational", 200, None),
                           (2023, "Nhân viên kiểm tra chất lượng", "college", 12, None),
                           (2024, "Nhân viên kiểm tra chất lượng", "college", 10, None),
                           (2023, "Kỹ sư cơ khí", "university", 5, None),
                           (2024, "Kỹ sư cơ khí", "university", 8, None)),
              criteria=["language", "health", "attitude"], offers=["internship", "facilities", "curriculum"],
              frequency="monthly"),
)

HAI_AU = OwnLetter(
    Letter(
        company_upper="CÔNG TY CỔ PHẦN BAO BÌ HẢI ÂU", number="14/HA-NS",
        subject="trả lời Công văn 812/BQL-LĐ", place_date="Hải Phòng, ngày 17 tháng 3 năm 2023",
        intro=(Para(f"Nhận được {_BOARD}, Công ty Cổ phần Bao bì Hải Âu (MST 0202115902), nhà máy đặt tại KCN Nam "
                    "Đình Vũ, xin trao đổi một số nội dung như sau:"),),
        sections=(
            Section(1, "Tình hình tuyển dụng", (
                Para("Trong năm 2023, Công ty có kế hoạch tuyển thêm 80 công nhân vận hành máy in (trung cấp) và "
                     "4 nhân viên thiết kế bao bì (cao đẳng)."),
                Para("Sang năm 2024, Công ty dự kiến tuyển 60 công nhân vận hành máy in (trung cấp)."))),
            Section(2, "Yêu cầu về tay nghề", (Para(
                "Người lao động cần tốt nghiệp trung cấp chuyên ngành in trở lên; sử dụng được máy tính văn phòng; "
                "tuân thủ nội quy an toàn lao động."),)),
            Section(3, "Phối hợp với nhà trường", (Para(
                "Công ty sẵn sàng cử cán bộ kỹ thuật tham gia giảng dạy; tiếp nhận học sinh thực tập tại nhà máy."),)),
            Section(4, "Đăng ký tuyển dụng", (Para(
                "Công ty sẽ đăng ký trên Cổng thông tin điện tử thành phố khi có nhu cầu."),)),
            Section(5, "Đề nghị", (Para("Đề nghị Ban cung cấp danh sách các trường có đào tạo ngành in."),)),
        ),
        closing=(Para("Xin trân trọng cảm ơn!"),
                 Para("Người liên hệ: Chị Phạm Thu Trang, Phòng Nhân sự, điện thoại 0904 112 233.")),
        signer_title="PHÓ GIÁM ĐỐC", signer="Lương Thị Mai"),
    _expected(name="Công ty Cổ phần Bao bì Hải Âu", tax_code="0202115902", zone="KCN Nam Đình Vũ",
              number="14/HA-NS", date="2023-03-17",
              needs=_needs((2023, "Công nhân vận hành máy in", "intermediate_vocational", 80, None),
                           (2023, "Nhân viên thiết kế bao bì", "college", 4, None),
                           (2024, "Công nhân vận hành máy in", "intermediate_vocational", 60, None)),
              criteria=["education", "skills", "attitude"], offers=["experts", "internship"], frequency="ad_hoc",
              contact=("Phạm Thu Trang", "0904112233", None)),
)

PHUONG_DONG = OwnLetter(
    Letter(
        company_upper="CÔNG TY TNHH THỰC PHẨM PHƯƠNG ĐÔNG", number="031/2023/PĐ-HCNS",
        subject="báo cáo nhu cầu nhân lực", place_date="Hải Phòng, ngày 24 tháng 3 năm 2023",
        intro=(Para(f"Phúc đáp {_BOARD}, Công ty TNHH Thực phẩm Phương Đông (mã số thuế: 0200998811) tại KCN Đại "
                    "An báo cáo Quý Ban như sau:"),),
        sections=(
            Section(1, "Nhu cầu nhân lực các năm tới", (NeedsTable(
                rows=(NeedRow("Công nhân chế biến", "Lao động phổ thông",
                              (((2023, "Y", 0), "90"), ((2024, "Y", 0), "110"))),
                      NeedRow("Nhân viên vận hành lò hơi", "Trung cấp", (((2023, "Y", 0), "6"), ((2024, "Y", 0), "4"))),
                      NeedRow("Kỹ sư công nghệ thực phẩm", "Đại học", (((2023, "Y", 0), "3"), ((2024, "Y", 0), "2")))),
                periods=((2023, "Y", 0), (2024, "Y", 0)),
                total=(((2023, "Y", 0), "99"), ((2024, "Y", 0), "116")), merged_header=True,
                group_label="Số lượng cần tuyển (người)",
                labels=(("stt", "TT"), ("position", "Vị trí cần tuyển"), ("level", "Trình độ"), ("year", "Năm"),
                        ("quantity", "Số lượng"), ("notes", "Ghi chú"))),)),
            Section(2, "Tiêu chí tuyển chọn", (Items((
                "Không mắc bệnh truyền nhiễm, có giấy khám sức khỏe", "Từ đủ 18 tuổi trở lên",
                "Ưu tiên ứng viên đã làm việc trong ngành thực phẩm"), marker="a)"),)),
            Section(3, "Liên kết đào tạo", (Items((
                "Trao học bổng cho học sinh giỏi ngành chế biến thực phẩm",
                "Ký hợp đồng lao động với học sinh sau khi tốt nghiệp"), marker="+"),)),
            Section(4, "Đăng ký nhu cầu trên cổng thông tin", (Para(
                "Công ty thực hiện đăng ký định kỳ hằng quý trên Cổng thông tin heza."),)),
            Section(5, "Kiến nghị", (Para("Kiến nghị thành phố có chính sách hỗ trợ nhà ở cho công nhân."),)),
        ),
        closing=(Para("Trân trọng./."),
                 Para("Đầu mối liên hệ: Anh Vũ Đức Long, điện thoại 0936 221 448, email long.vd@phuongdong.com.vn")),
        signer_title="GIÁM ĐỐC", signer="Trịnh Văn Hải"),
    _expected(name="Công ty TNHH Thực phẩm Phương Đông", tax_code="0200998811", zone="KCN Đại An",
              number="031/2023/PĐ-HCNS", date="2023-03-24",
              needs=_needs((2023, "Công nhân chế biến", "unskilled", 90, None),
                           (2024, "Công nhân chế biến", "unskilled", 110, None),
                           (2023, "Nhân viên vận hành lò hơi", "intermediate_vocational", 6, None),
                           (2024, "Nhân viên vận hành lò hơi", "intermediate_vocational", 4, None),
                           (2023, "Kỹ sư công nghệ thực phẩm", "university", 3, None),
                           (2024, "Kỹ sư công nghệ thực phẩm", "university", 2, None)),
              criteria=["health", "age", "experience"], offers=["scholarship", "recruitment_commitment"],
              frequency="quarterly", contact=("Vũ Đức Long", "0936221448", "long.vd@phuongdong.com.vn")),
)

#: key -> letter with what it says
OWN_LETTERS: dict[str, OwnLetter] = {"own_van_xuan": VAN_XUAN, "own_hai_au": HAI_AU, "own_phuong_dong": PHUONG_DONG}
