"""Letters written apart from the corpora (issue 11, red team): what went wrong on them, as block models of our
own, each a general cause (a narrow letterhead column, the kind of an offer, the category of a criterion, the
wording of a frequency)."""
from __future__ import annotations

import datetime

from extractors.fields import read_fields
from extractors.model import DocumentContent, Paragraph

BODY = ["1. Nhu cầu tuyển dụng", "Năm 2023 Công ty cần tuyển 20 công nhân đóng gói.", "2. Tiêu chuẩn lao động",
        "- Sức khỏe tốt.", "3. Hợp tác đào tạo", "- Nhận sinh viên thực tập.", "4. Đăng ký nhu cầu tuyển dụng",
        "Hằng quý trên Cổng thông tin heza.", "5. Kiến nghị", "- Không.", "Trân trọng./."]


def _letter(head: list[tuple[str, tuple]], body: list[str]) -> DocumentContent:
    blocks = [Paragraph(text=t, index=i, page=1, bbox=bbox) for i, (t, bbox) in enumerate(head)]
    y = 170.0
    for text in ["Kính gửi: Ban Quản lý Khu kinh tế Hải Phòng",
                 "Công ty TNHH Nhựa Bình An (MST 0201234569), KCN Nomura, trả lời Công văn số 812/BQL-LĐ:", *body]:
        blocks.append(Paragraph(text=text, index=len(blocks), page=1, bbox=(90.0, y, 500.0, y + 13)))
        y += 17
    return DocumentContent(media_type="application/pdf", blocks=blocks, pages=1)


def test_a_date_whose_year_wrapped_in_the_letterhead_column():
    left, right = 90.0, 306.0
    head = [("CÔNG TY TNHH NHỰA BÌNH AN", (left, 71, 280, 84)), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA", (right, 71, 500, 84)),
            ("Số: 21/2023/BA", (left, 88, 170, 101)), ("VIỆT NAM", (right, 88, 370, 101)),
            ("V/v trả lời Công văn 812/BQL-LĐ", (left, 105, 280, 118)),
            ("Độc lập – Tự do – Hạnh phúc", (right, 105, 467, 118)),
            ("Hải Phòng, ngày 29 tháng 03 năm", (right, 122, 485, 135)), ("2023", (right, 139, 332, 152))]
    fields = read_fields(_letter(head, BODY))
    assert fields.letter.date == datetime.date(2023, 3, 29)
