"""Every post importer: one good post in Tocsin's layout, a bad one rejected with its line,
a file of another format refused, unknown settings refused."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pydantic import ValidationError

from tocsin.analysis.speech.posts import POST_IMPORTERS, PostFormatError, PostRecord

GOOD = {
    "id": "7",
    "author": "ann",
    "channel": "chan",
    "time": "2024-03-02T09:15:00+00:00",
    "text": "They are vermin",
    "views": "40",
    "shares": "2",
}
BAD = dict(GOOD, id="8", time="2099-01-01T00:00:00+00:00")  # in the future


def _sample(name: str, path: Path) -> Path:
    if name == "csv":
        path = path / "posts.csv"
        path.write_text(
            ",".join(GOOD) + "\n" + ",".join(GOOD.values()) + "\n" + ",".join(BAD.values()) + "\n"
        )
    elif name == "jsonl":
        path = path / "posts.jsonl"
        path.write_text(json.dumps(GOOD) + "\n" + json.dumps(BAD) + "\n")
    elif name == "telegram":
        path = path / "result.json"
        messages = [
            {
                "id": int(row["id"]),
                "type": "message",
                "date": row["time"][:19],
                "from": "chan",
                "text": row["text"],
                "views": int(row["views"]),
                "forwards": int(row["shares"]),
            }
            for row in (GOOD, BAD)
        ]
        path.write_text(json.dumps({"name": "chan", "messages": messages}))
    else:  # a new importer must add its sample here
        raise AssertionError(f"no sample for post importer {name!r}")
    return path


@pytest.mark.parametrize("name", POST_IMPORTERS.names())
def test_reads_one_post_and_rejects_the_bad_one(name: str, tmp_path: Path) -> None:
    batch = POST_IMPORTERS.create(name).read(
        _sample(name, tmp_path), "KEN", now=datetime(2025, 1, 1, tzinfo=UTC)
    )
    assert len(batch.posts) == 1 and isinstance(batch.posts[0], PostRecord)
    post = batch.posts[0]
    assert post.source_id == "7" and post.text == "They are vermin" and post.country == "KEN"
    assert post.posted_at == datetime(2024, 3, 2, 9, 15, tzinfo=UTC)
    assert post.channel == "chan" and post.views == 40 and post.shares == 2
    assert [r.line for r in batch.rejected] == [3 if name == "csv" else 2]
    assert "future" in batch.rejected[0].reason


@pytest.mark.parametrize("name", POST_IMPORTERS.names())
def test_refuses_other_files_and_unknown_settings(name: str, tmp_path: Path) -> None:
    other = tmp_path / "other.bin"
    other.write_bytes(b"\x00\x01 not posts")
    with pytest.raises(PostFormatError):
        POST_IMPORTERS.create(name).read(other)
    with pytest.raises(ValidationError):
        POST_IMPORTERS.create(name, surprise=True)
