"""Intake and evidence-locker speed: receipt-code derivation, submissions through the real
app (with a photo: content check, metadata stripping, sealing, locker, custody), and
`custody verify` over many files and entries. SQLite in a temporary directory.

    .venv/bin/python bench/intake.py [--submissions 40] [--items 2000]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fastapi.testclient import TestClient  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from tests.intake.conftest import jpeg_with_gps  # noqa: E402
from tocsin.config import load_settings  # noqa: E402
from tocsin.intake import crypto  # noqa: E402
from tocsin.store import locker  # noqa: E402
from tocsin.store.db import Database  # noqa: E402
from tocsin.store.migrate import upgrade  # noqa: E402
from tocsin.web.app import create_app  # noqa: E402


def main() -> None:
    """Run the three measurements and print a table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--submissions", type=int, default=40)
    parser.add_argument("--items", type=int, default=2000)
    args = parser.parse_args()
    rows = []
    codes = [crypto.new_receipt_code() for _ in range(10)]
    start = time.perf_counter()
    for code in codes:
        crypto.derive_receipt(code)
    rows.append(
        (
            "receipt code derivation (Argon2id, 64 MiB)",
            f"{(time.perf_counter() - start) / 10 * 1000:.0f} ms each",
        )
    )

    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(data_dir=Path(tmp) / "data")
        crypto.init_keys(settings.data_dir, Path(tmp) / "offline" / "key")
        db = Database(settings.resolved_database_url)
        upgrade(db)
        app = create_app(settings, db)
        app.state.intake_submit_limit = 10**6
        photo = jpeg_with_gps()
        times = []
        with TestClient(app) as client:
            found = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/report").text)
            assert found is not None, "the report form has no CSRF token"
            token = found.group(1)
            for i in range(args.submissions):
                t0 = time.perf_counter()
                response = client.post(
                    "/report",
                    data={
                        "csrf_token": token,
                        "what": f"report {i}",
                        "how_known": "saw",
                        "country": "Sudan",
                        "contact": "x",
                    },
                    files=[("files", (f"p{i}.jpg", photo, "image/jpeg"))],
                )
                assert response.status_code == 200, response.text
                times.append(time.perf_counter() - t0)
        rows.append(
            (
                "submission with a photo (end to end)",
                f"median {statistics.median(times) * 1000:.0f} ms, "
                f"p90 {sorted(times)[int(len(times) * 0.9)] * 1000:.0f} ms",
            )
        )

        root = locker.default_root(settings.data_dir)
        t0 = time.perf_counter()
        with db.session() as session:
            for i in range(args.items):
                locker.deposit(
                    session,
                    root,
                    f"item {i}".encode() * 100,
                    actor="bench",
                    source="bench",
                    case="BENCH",
                )
        deposit = time.perf_counter() - t0
        rows.append(
            (f"deposit {args.items} small files", f"{deposit / args.items * 1000:.2f} ms each")
        )
        with db.session() as session:
            t0 = time.perf_counter()
            problems = locker.verify(session, root)
            verify = time.perf_counter() - t0
            entries = locker.head(session)[0]
        assert not problems, problems[:3]
        rows.append(
            (
                f"custody verify ({entries} entries, {args.items + 2 * args.submissions} files)",
                f"{verify:.2f} s",
            )
        )
        db.dispose()

    table = Table("measure", "result", title="Intake and evidence locker")
    for name, value in rows:
        table.add_row(name, value)
    Console().print(table)


if __name__ == "__main__":
    main()
