"""ACLED's API read page by page with the user's key, against a local server laid out
like ACLED's (JSON pages); a failed page imports nothing and never shows the key."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from urllib.parse import parse_qs, urlparse

import pytest
from sqlalchemy import func, select

from tocsin.analysis.events.ingest import import_acled_api
from tocsin.config import load_settings
from tocsin.sources.acled_api import AcledError
from tocsin.store.db import Database
from tocsin.store.load_ewp import load_ewp
from tocsin.store.models import Event

KEY = "s3cret-key-123"


def _event(i: int) -> dict[str, object]:
    return {
        "event_id_cnty": f"SDN{i}", "event_date": "2024-05-0" + str(i), "time_precision": "1",
        "event_type": "Violence against civilians", "sub_event_type": "Attack",
        "actor1": "RSF", "actor2": "Civilians", "country": "Sudan", "admin1": "North Darfur",
        "latitude": "13.6", "longitude": "25.3", "fatalities": str(10 * i), "notes": "n/a",
        "civilian_targeting": "Civilian targeting",
    }  # fmt: skip


@pytest.fixture
def acled_server() -> Iterator[tuple[str, list[dict]]]:
    seen: list[dict] = []
    events = [_event(i) for i in (1, 2, 3)]

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server API
            query = {k: v[0] for k, v in parse_qs(urlparse(self.path).query).items()}
            seen.append(query)
            if query.get("key") != KEY:
                self.send_response(403)
                self.end_headers()
                return
            if self.path.startswith("/broken") and query["page"] == "2":
                self.send_response(500)
                self.end_headers()
                return
            size, page = int(query["limit"]), int(query["page"])
            body = {"success": True, "data": events[(page - 1) * size : page * size]}
            payload = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", seen
    server.shutdown()


def test_paginated_import_with_the_users_key(
    database: Database,
    tmp_path,
    acled_server,
    monkeypatch,
    caplog,  # noqa: ANN001
) -> None:
    import tocsin.sources.acled_api as api

    base, seen = acled_server
    load_ewp(database, [])
    monkeypatch.setattr(api, "PAGE_SIZE", 2)
    settings = load_settings(data_dir=tmp_path / "d", acled_key=KEY, acled_email="a@b.org")
    with database.session() as s:
        report = api_import = import_acled_api(s, settings, "alice", url=f"{base}/acled/read")
    assert api_import.inserted == 3 and [q["page"] for q in seen] == ["1", "2"]
    assert seen[0]["limit"] == "2"
    with database.session() as s:
        assert s.scalar(select(func.count()).select_from(Event)) == 3
        assert s.scalar(select(func.sum(Event.fatalities_best))) == 60
    with database.session() as s, pytest.raises(AcledError) as info:
        import_acled_api(s, settings, "alice", url=f"{base}/broken/read")
    assert KEY not in str(info.value) and "a@b.org" not in str(info.value)
    assert "page 2" in str(info.value) and "Nothing imported" in str(info.value)
    assert KEY not in caplog.text
    no_key = load_settings(data_dir=tmp_path / "d")
    with database.session() as s, pytest.raises(AcledError, match="TOCSIN_ACLED_KEY"):
        import_acled_api(s, no_key, "alice", url=f"{base}/acled/read")
    assert report.updated == 0
