"""Item 13 (service side): an analyst's note stays out of the append-only audit log
(only its hash and length go there), so it can be purged on request (both backends)."""

from __future__ import annotations

import hashlib

from sqlalchemy import select

from tests.security.conftest import Keys, seized_bytes
from tocsin.intake import service
from tocsin.store.db import Database
from tocsin.store.models.accounts import AuditEntry

NOTE = "MARKER-NOTE-3141 called the witness's cousin in Nyala"


def test_a_purged_note_leaves_only_its_hash(database: Database, keys: Keys) -> None:
    report = service.Report(what="a report", how_known="heard")
    with database.session() as session:
        submission, _code = service.submit(session, keys.root, keys.public, report, [])
        note = service.add_note(session, submission, NOTE, "analyst")
        note_id = note.id
    with database.session() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "intake.note")).one()
        assert entry.after["sha256"] == hashlib.sha256(NOTE.encode()).hexdigest()
        note = next(n for n in service.notes(session, submission) if n.id == note_id)
        service.purge_note(session, note, "the witness asked", "admin")
    assert b"MARKER-NOTE-3141" not in seized_bytes(database)
    with database.session() as session:
        (note,) = service.notes(session, service.get_submission(session, submission.ref))
        assert note.body == "" and note.purged_at is not None
