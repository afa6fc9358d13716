"""Small realistic reply letters (DOCX) built from scratch, each one distinct in its bytes."""
from __future__ import annotations

import random
from pathlib import Path

import docx

from extractors.text.taxcode import check_digit

POSITIONS = [("Công nhân may", "LĐPT"), ("Công nhân vận hành máy CNC", "Trung cấp"), ("Kỹ sư cơ khí", "Đại học"),
             ("Nhân viên kế toán", "Cao đẳng"), ("Thợ hàn", "Sơ cấp")]


def tax_code(n: int) -> str:
    """A valid tax code derived from n (the check digit is right), a different one for every n: two enterprises
    sharing a tax code would be one enterprise whose newer letter is held (pipeline/store/supersession.py)."""
    for k in range(n * 10, n * 10 + 10):
        nine = f"02{k:07d}"[:9]
        digit = check_digit(nine)
        if digit is not None:
            return f"{nine}{digit}"
    raise ValueError(f"no valid tax code near {n}")


def write_reply(path: Path, n: int, *, company: str | None = None, tax: str | None = "auto", number: str | None = None,
                day: int = 20, needs: list[int] | None = None, seed: int | None = None) -> Path:
    """A reply letter from enterprise n. The same arguments give the same letter text."""
    rnd = random.Random(seed if seed is not None else n)
    company = company or f"CÔNG TY TNHH SẢN XUẤT THỬ NGHIỆM SỐ {n} VIỆT NAM"
    tax = tax_code(1000 + n) if tax == "auto" else tax
    number = number or f"{100 + n}/2023/CV-TN{n}"
    needs = needs or [rnd.randint(5, 200) for _ in range(3)]
    doc = docx.Document()
    head = doc.add_table(rows=1, cols=2)
    left = company + f"\n\nSố: {number}\nV/v phúc đáp Công văn số 812/BQL-LĐ"
    head.cell(0, 0).text = left
    head.cell(0, 1).text = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
                            f"Hải Phòng, ngày {day} tháng 3 năm 2023")
    doc.add_paragraph("Kính gửi: Ban Quản lý Khu kinh tế Hải Phòng")
    if tax:
        doc.add_paragraph(f"Mã số thuế của Công ty: {tax}")
    doc.add_paragraph("Căn cứ Công văn số 812/BQL-LĐ ngày 08/03/2023 của Ban Quản lý Khu kinh tế Hải Phòng về việc "
                      "hỗ trợ doanh nghiệp trong KCN về lao động, Công ty báo cáo như sau:")
    doc.add_paragraph("1. Về nhu cầu tuyển dụng năm 2023 và những năm tiếp theo")
    doc.add_paragraph("Công ty dự kiến nhu cầu tuyển dụng như sau (đơn vị: người):")
    rows = rnd.sample(POSITIONS, 2)
    table = doc.add_table(rows=1 + len(rows), cols=6)
    for i, h in enumerate(["STT", "Vị trí công việc", "Trình độ", "Năm 2023", "Năm 2024", "Năm 2025"]):
        table.cell(0, i).text = h
    for r, (pos, qual) in enumerate(rows, start=1):
        values = [str(needs[(r + k) % len(needs)] + r) for k in range(3)]
        for i, v in enumerate([str(r), pos, qual, *values]):
            table.cell(r, i).text = v
    doc.add_paragraph("2. Về tiêu chuẩn, tiêu chí lao động đã qua đào tạo")
    doc.add_paragraph("- Sức khỏe tốt, không mắc các bệnh truyền nhiễm.")
    doc.add_paragraph("3. Về khả năng hợp tác với nhà trường trong đào tạo")
    doc.add_paragraph("+ Trao học bổng cho học sinh, sinh viên có thành tích học tập tốt;")
    doc.add_paragraph("4. Đăng ký nhu cầu tuyển dụng")
    doc.add_paragraph("Công ty sẽ đăng ký nhu cầu tuyển dụng hàng tháng trên Cổng thông tin heza.")
    doc.add_paragraph("5. Kiến nghị, đề xuất")
    doc.add_paragraph("- Đề nghị Ban Quản lý làm đầu mối kết nối doanh nghiệp với các trường nghề trên địa bàn.")
    doc.add_paragraph("Trân trọng./.")
    doc.add_paragraph(f"Đầu mối liên hệ: Ông Nguyễn Văn {chr(65 + n % 26)}; ĐT: 0912 345 {n % 1000:03d}")
    doc.core_properties.title = f"reply {n} {seed}"
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    return path


def write_letters(folder: Path, count: int, start: int = 0) -> list[Path]:
    return [write_reply(folder / f"reply_{n:03d}.docx", n) for n in range(start, start + count)]
