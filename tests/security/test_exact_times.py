"""Item 2: a reporter's act leaves no time finer than the hour: not in the database
(read as raw bytes on SQLite, as row text on PostgreSQL) and not in the locker's file
and folder times (stat)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from tests.intake.conftest import jpeg_with_gps
from tests.security.conftest import Keys, seized_bytes
from tocsin.intake import service
from tocsin.intake.uploads import CheckedFile
from tocsin.store.db import Database

# at most six fraction digits (microseconds, the finest a stored time has): in raw
# SQLite bytes a digit of the value stored next to a time can follow it directly
TIMESTAMP = re.compile(rb"(\d{4}-\d\d-\d\d)[ T](\d\d):(\d\d):(\d\d)(\.\d{1,6})?")


def test_no_stored_time_is_finer_than_the_hour(database: Database, keys: Keys) -> None:
    started = datetime.now(UTC)
    photo = CheckedFile(jpeg_with_gps(), "photo.jpg", "image/jpeg", "image")
    report = service.Report(what="a report", how_known="saw", country="Sudan")
    with database.session() as session:
        submission, _code = service.submit(session, keys.root, keys.public, report, [photo])
        ref = submission.ref
    with database.session() as session:
        submission = service.get_submission(session, ref)
        service.add_information(session, keys.root, keys.public, submission, "more", [photo])

    found = TIMESTAMP.findall(seized_bytes(database))
    assert len(found) >= 10  # custody, items, case links, audit, submission, message
    fine = [m for m in found if m[2:4] != (b"00", b"00") or m[4].strip(b".0")]
    assert fine == [], f"times finer than the hour: {fine[:5]}"

    paths = [keys.root, *keys.root.rglob("*")]
    assert len([p for p in paths if p.is_file()]) >= 6  # 2 x (original + working) + head
    # folders: modification time only (listing them here updates their access time)
    exact = [
        p for p in paths if p.stat().st_mtime % 3600 or (p.is_file() and p.stat().st_atime % 3600)
    ]
    assert exact == [], f"file times finer than the hour: {exact}"
    hour = started.replace(minute=0, second=0, microsecond=0).timestamp()
    assert keys.root.stat().st_mtime in (hour, hour + 3600)
