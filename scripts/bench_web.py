"""How fast the review app's pages answer with many letters in the store: the queue, the letters page with a
search, the dashboard and a drill-down, over HTTP from the app served by uvicorn (as officers reach it).

The store is seeded directly with synthetic records (tests/support/many.py), not by extracting files:

    .venv/bin/python -m scripts.bench_web                 # 1,000 letters, SQLite in a temporary directory
    .venv/bin/python -m scripts.bench_web --letters 1000 --database-url postgresql+psycopg://...  # a fresh database
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from tests.support.live import serve
from tests.support.many import seed_many
from tests.support.seed import PASSWORD

PAGES = {
    "hàng chờ (trang 1)": "/queue",
    "hàng chờ sắp theo doanh nghiệp, trang 3": "/queue?sort=name&page=3",
    "văn bản: tìm tên không dấu": "/letters?q=cong+ty+dien+tu+dong+a",
    "văn bản: tìm mã số thuế": "/letters?q=020000",
    "văn bản: lọc trạng thái và khu": "/letters?status=needs_review&zone=KCN+Nomura",
    "tổng hợp": "/dashboard",
    "tổng hợp, chỉ văn bản đã duyệt": "/dashboard?scope=approved",
    "chi tiết: toàn bộ nhu cầu (trang 1)": "/dashboard/drill",
    "chi tiết: theo năm, trang 2": "/dashboard/drill?year=2024&page=2",
    "chi tiết: khu và năm": "/dashboard/drill?zone=KCN+Nomura&year=2023",
    "một văn bản: biểu mẫu (giá trị, lịch sử)": "/documents/500",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=15, help="requests per page (after one warm-up)")
    parser.add_argument("--database-url", help="an empty database to seed (default: SQLite in a temporary directory)")
    args = parser.parse_args()

    import httpx

    from pipeline.config import get_settings
    from pipeline.store import open_store
    from pipeline.web import create_app
    from pipeline.web.security import add_user

    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        data_dir.mkdir()
        url = args.database_url or f"sqlite:///{data_dir / 'replyflow.db'}"
        store = open_store(url)
        t0 = time.perf_counter()
        seed_many(store, args.letters)
        with store.session() as session:
            add_user(session, "canbo", PASSWORD, "officer")
        store.dispose()
        print(f"store: {args.letters} letters seeded in {time.perf_counter() - t0:.1f} s ({url.split(':')[0]})")
        app = create_app(get_settings(data_dir=data_dir, database_url=url), secret_key="bench")
        with serve(app) as base, httpx.Client(base_url=base) as client:
            login = client.get("/login").text
            token = login.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
            client.post("/login", data={"name": "canbo", "password": PASSWORD, "csrf_token": token, "next": "/"})
            print(f"{'page':44} {'median ms':>10} {'p90 ms':>8} {'max ms':>8}  size")
            worst = 0.0
            for label, path in PAGES.items():
                client.get(path).raise_for_status()                    # warm-up
                times = []
                for _ in range(args.runs):
                    t = time.perf_counter()
                    resp = client.get(path)
                    times.append((time.perf_counter() - t) * 1000)
                    resp.raise_for_status()
                times.sort()
                p90 = times[int(0.9 * (len(times) - 1))]
                worst = max(worst, statistics.median(times))
                print(f"{label:44} {statistics.median(times):10.0f} {p90:8.0f} {times[-1]:8.0f}  {len(resp.content) // 1024} kB")
        app.state.store.dispose()
    print(f"slowest median: {worst:.0f} ms (target: under 300 ms)")


if __name__ == "__main__":
    main()
