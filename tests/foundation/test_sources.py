"""Pulling datasets: mirror, official URL, checksum refusal, clear errors offline."""

from __future__ import annotations

import hashlib
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tocsin.config import Settings
from tocsin.sources import datasets, fetch
from tocsin.sources.datasets import Dataset

CONTENT = b"country,year\nKenya,2024\n"


def _dataset(url: str = "http://127.0.0.1:9/none.csv", sha: str | None = None) -> Dataset:
    return Dataset(
        name="test-file",
        group="test",
        filename="file.csv",
        url=url,
        sha256=sha or hashlib.sha256(CONTENT).hexdigest(),
        licence="test",
        citation="test",
        description="a test file",
        version="1",
    )


@pytest.fixture
def mirror(tmp_path: Path) -> Path:
    root = tmp_path / "mirror"
    (root / "test").mkdir(parents=True)
    (root / "test" / "file.csv").write_bytes(CONTENT)
    return root


def test_mirror_copy_is_verified_and_recorded(settings: Settings, mirror: Path) -> None:
    result = fetch.pull_one(settings, _dataset(), mirror)
    assert result.path.read_bytes() == CONTENT
    assert result.origin == f"mirror:{mirror}"
    manifest = fetch.read_manifest(settings)
    assert manifest["test-file"]["sha256"] == hashlib.sha256(CONTENT).hexdigest()
    again = fetch.pull_one(settings, _dataset(), mirror=None)  # verified copy: no mirror needed
    assert again.origin == "present"


def test_checksum_mismatch_is_refused_and_nothing_kept(settings: Settings, mirror: Path) -> None:
    (mirror / "test" / "file.csv").write_bytes(CONTENT + b"Tampered,1\n")
    with pytest.raises(
        fetch.ChecksumMismatchError, match="checksum mismatch for dataset 'test-file'"
    ):
        fetch.pull_one(settings, _dataset(), mirror)
    assert not fetch.local_path(settings, _dataset()).exists()
    assert list((settings.datasets_dir / "test").iterdir()) == []  # no temp file left behind


def test_bad_file_never_replaces_a_good_copy(settings: Settings, mirror: Path) -> None:
    good = fetch.pull_one(settings, _dataset(), mirror).path
    (mirror / "test" / "file.csv").write_bytes(b"garbage")
    with pytest.raises(fetch.ChecksumMismatchError):
        fetch.pull_one(settings, _dataset(), mirror, force=True)
    assert good.read_bytes() == CONTENT


def test_missing_mirror_file_names_the_path(settings: Settings, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(
        fetch.DatasetUnavailableError, match=r"not in the mirror: expected .*test/file\.csv"
    ):
        fetch.pull_one(settings, _dataset(), empty)


def test_offline_without_mirror_says_how_to_provide_it(settings: Settings) -> None:
    with pytest.raises(fetch.DatasetUnavailableError) as info:
        fetch.pull_one(settings, _dataset(url="http://127.0.0.1:9/none.csv"))
    message = str(info.value)
    assert "test-file" in message and "--mirror" in message and "TOCSIN_MIRROR" in message


@pytest.fixture
def http_server(tmp_path: Path) -> Iterator[str]:
    root = tmp_path / "www"
    root.mkdir()
    (root / "file.csv").write_bytes(CONTENT)
    handler = lambda *a: http.server.SimpleHTTPRequestHandler(*a, directory=str(root))  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_download_from_url(settings: Settings, http_server: str) -> None:
    seen: list[int] = []
    result = fetch.pull_one(
        settings,
        _dataset(url=f"{http_server}/file.csv"),
        progress=lambda _d, done, _t: seen.append(done),
    )
    assert (
        result.origin == "url" and result.path.read_bytes() == CONTENT and seen[-1] == len(CONTENT)
    )
    with pytest.raises(fetch.ChecksumMismatchError):
        fetch.pull_one(settings, _dataset(url=f"{http_server}/file.csv", sha="0" * 64), force=True)


def test_registry_lists_every_ewp_file_with_provenance(shared_data: Path) -> None:
    registered = {ds.filename for ds in datasets.all_datasets() if ds.group == "ewp"}
    on_disk = {p.name for p in (shared_data / "ewp").iterdir()}
    assert on_disk <= registered
    for ds in datasets.all_datasets():
        assert ds.url.startswith("https://") and ds.licence and ds.citation
        assert ds.sha256 is None or len(ds.sha256) == 64
    with pytest.raises(KeyError, match="did you mean|Did you mean"):
        datasets.get("ewp-predictor")
