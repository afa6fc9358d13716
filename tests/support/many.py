"""A store of many letters for the review app's scale tests, screenshots and benchmark: synthetic contract records
loaded through the store's own `load_document` (no files are extracted; the originals are not archived, so the
letter pages say the original is missing). Deterministic for a given seed.

Mixes what a day's intake brings: letters needing review (a low-confidence quantity, a total that does not add
up), ranges ("50-70 người"), replies sent again (superseding), letters rejected at intake and files in quarantine.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import random

from extractors.text.taxcode import check_digit

ZONES = ("KCN Đình Vũ", "KCN Nomura", "KCN Tràng Duệ", "KCN Đồ Sơn", "KCN Nam Cầu Kiền", "KKT Đình Vũ - Cát Hải",
         "KCN VSIP Hải Phòng", "KCN An Dương")
KINDS = ("TNHH", "Cổ phần", "TNHH MTV")
TRADES = ("Cơ khí", "Điện tử", "May mặc", "Thép", "Logistics", "Nhựa", "Gỗ", "Thực phẩm", "Bao bì", "Linh kiện")
PLACES = ("Hải Phòng", "Đông Á", "Sao Việt", "Hồng Hà", "Bạch Đằng", "Tiên Lãng", "Thủy Nguyên", "Kiến An",
          "Lạch Tray", "Cát Bà", "Đồ Sơn", "Vĩnh Bảo")
POSITIONS = ("Công nhân sản xuất", "Công nhân may", "Kỹ thuật viên điện", "Thợ hàn", "Nhân viên kho",
             "Kỹ sư cơ khí", "Lái xe nâng", "Nhân viên kiểm tra chất lượng", "Kế toán", "Phiên dịch tiếng Hàn")
QUALS = ("unskilled", "elementary_vocational", "intermediate_vocational", "college", "university")
CRITERIA = (("language", "Tiếng Hàn TOPIK 3 trở lên"), ("health", "Sức khỏe tốt"), ("age", "Từ 18 đến 35 tuổi"),
            ("skills", "Đọc được bản vẽ kỹ thuật"), ("attitude", "Chăm chỉ, chịu được áp lực"))
OFFERS = (("internship", "Nhận sinh viên thực tập"), ("experts", "Cử kỹ sư tham gia giảng dạy"),
          ("order_based_training", "Đặt hàng đào tạo 30 học viên"), ("scholarship", "Trao học bổng"))


def tax_code(n: int) -> str:
    """A valid tax code (check digit right) from a number."""
    while True:
        first = f"02{n:07d}"
        digit = check_digit(first)
        if digit is not None:
            return f"{first}{digit}"
        n += 1_000_000


def enterprise_name(n: int) -> str:
    return (f"Công ty {KINDS[n % len(KINDS)]} {TRADES[n % len(TRADES)]} {PLACES[(n // 3) % len(PLACES)]} "
            f"{n + 1:03d}")


def letter_record(n: int, rng: random.Random, *, enterprise: int | None = None, status: str | None = None) -> dict:
    """One synthetic letter as the extractors' contract JSON (with confidence and provenance on its needs)."""
    e = n if enterprise is None else enterprise
    status = status or ("needs_review" if rng.random() < 0.25 else "extracted")
    sha = hashlib.sha256(f"replyflow-many-{n}".encode()).hexdigest()
    date = dt.date(2023, 3, 1) + dt.timedelta(days=rng.randrange(60))
    needs, seen = [], set()
    for k in range(rng.randint(1, 5)):
        year, pos, qual = 2023 + rng.randrange(3), rng.choice(POSITIONS), rng.choice(QUALS)
        if (year, pos, qual) in seen:
            continue
        seen.add((year, pos, qual))
        qty = rng.choice((5, 10, 12, 20, 30, 50, 80, 100, 150, 200, 1200))
        ranged = rng.random() < 0.1
        needs.append({"year": year, "position": pos, "qualification": qual, "quantity": qty,
                      "quantity_max": qty + rng.choice((10, 20, 50)) if ranged else None,
                      "confidence": 0.95, "provenance": {"snippet": f"{k + 1} | {pos} | {qty}", "page": 1}})
    flags = []
    if status == "needs_review":
        if rng.random() < 0.6 and needs:
            i = rng.randrange(len(needs))
            needs[i]["confidence"] = 0.55
            flags.append({"field": f"hiring_needs[{i}].quantity", "code": "low_confidence",
                          "message": f"Số lượng dòng {i + 1} đọc được với độ tin cậy thấp"})
        else:
            flags.append({"field": "hiring_needs", "code": "total_mismatch",
                          "message": "Tổng cộng khác tổng các dòng"})
    crit = [dict(zip(("category", "text"), c)) for c in rng.sample(CRITERIA, rng.randint(0, 3))]
    offers = [dict(zip(("kind", "text"), o)) for o in rng.sample(OFFERS, rng.randint(0, 2))]
    return {
        "schema_version": "1",
        "source": {"file_name": f"cv_{n + 1:04d}_{TRADES[e % len(TRADES)].lower().replace(' ', '_')}.pdf",
                   "sha256": sha, "media_type": "application/pdf", "pages": 2, "ocr_used": False},
        "status": status,
        "enterprise": {"name": enterprise_name(e), "tax_code": tax_code(1000 + e), "zone": ZONES[e % len(ZONES)],
                       "contact_name": "Nguyễn Văn An", "contact_phone": "0912345678",
                       "contact_email": f"nhansu{e}@example.vn"},
        "letter": {"number": f"{n + 1}/2023/CV-DN{e}", "date": date.isoformat()},
        "hiring_needs": needs, "criteria": crit, "cooperation_offers": offers,
        "registration": {"frequency": "monthly", "channels": ["Cổng thông tin việc làm Hải Phòng"]},
        "proposals": ["Đề nghị tổ chức ngày hội việc làm"] if rng.random() < 0.3 else [],
        "flags": flags,
    }


def rejected_record(n: int) -> dict:
    sha = hashlib.sha256(f"replyflow-many-rejected-{n}".encode()).hexdigest()
    return {"schema_version": "1", "source": {"file_name": f"giay_moi_{n + 1:03d}.pdf", "sha256": sha,
                                              "media_type": "application/pdf", "pages": 1, "ocr_used": False},
            "status": "rejected", "enterprise": {}, "letter": {}, "hiring_needs": [], "criteria": [],
            "cooperation_offers": [], "registration": {}, "proposals": [],
            "flags": [{"field": None, "code": "not_a_reply", "message": "Không phải văn bản trả lời (giấy mời)"}]}


def seed_many(store, n: int, *, seed: int = 812, resent: float = 0.03, rejected: int = 5,  # noqa: ANN001
              quarantined: int = 3) -> None:
    """Load `n` letters (a share of them a second reply of an earlier enterprise), `rejected` letters refused at
    intake and `quarantined` files in quarantine, received a few minutes apart from 03/04/2023."""
    from pipeline.runtime.extract import EXTRACTOR_VERSION
    from pipeline.store.load import SourceInfo, load_document
    from pipeline.store.models import QuarantineItem

    rng = random.Random(seed)
    start = dt.datetime(2023, 4, 3, 1, 0, tzinfo=dt.timezone.utc)
    with store.session() as session:
        for i in range(n):
            again = i > 10 and rng.random() < resent
            record = letter_record(i, rng, enterprise=rng.randrange(i) if again else None)
            load_document(session, record, source=SourceInfo(kind="folder", received_at=start
                                                             + dt.timedelta(minutes=7 * i)),
                          extractor_version=EXTRACTOR_VERSION, archive_path=None)
        for i in range(rejected):
            load_document(session, rejected_record(i), source=SourceInfo(kind="mailbox", received_at=start),
                          extractor_version=EXTRACTOR_VERSION, archive_path=None)
        for i in range(quarantined):
            sha = hashlib.sha256(f"replyflow-many-quarantine-{i}".encode()).hexdigest()
            session.add(QuarantineItem(sha256=sha, file_name=f"tep_hong_{i + 1}.pdf", path=f"quarantine/{sha}",
                                       code="corrupt_file", reason="Tệp PDF bị hỏng, không mở được"))
