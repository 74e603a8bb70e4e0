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


GED_HEADER = (
    "id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,"
    "conflict_name,dyad_dset_id,dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,"
    "side_b_dset_id,side_b_new_id,side_b,number_of_sources,source_article,source_office,"
    "source_date,source_headline,source_original,where_prec,where_coordinates,"
    "where_description,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,"
    "country_id,region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,"
    "deaths_civilians,deaths_unknown,best,high,low,gwnoa,gwnob\n"
)


def _ged_row(event_id: str, day: str, deaths: int, headline: str = "x") -> str:
    return (
        f"{event_id},R,2025,True,Clear,3,1,1,c,1,1,d,1,1,A,1,1,Civilians,1,a,o,{day},"
        f'"{headline}",o,1,w,w,Darfur,,13.0,25.0,POINT,1,Sudan,625,Africa,1,1,{day},{day},'
        f"0,0,{deaths},0,{deaths},{deaths},{deaths},625,\n"
    )


class _Publisher(http.server.SimpleHTTPRequestHandler):
    """Serves a directory like UCDP's download site; /drop/* promises more bytes than it
    sends, then closes the connection."""

    def do_GET(self) -> None:  # noqa: N802 - http.server API
        if self.path.startswith("/drop/"):
            self.send_response(200)
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b"id,year\n1,2025\n")
            self.wfile.flush()
            self.connection.close()
            return
        super().do_GET()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def publisher(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A local server laid out like https://ucdp.uu.se/downloads/."""
    import zipfile

    root = tmp_path / "ucdp"
    (root / "candidateged").mkdir(parents=True)
    (root / "ged").mkdir()
    (root / "candidateged" / "index.html").write_text(
        '<html><a href="GEDEvent_v25_0_1.csv">January</a> '
        '<a href="GEDEvent_v25_0_2.csv">February</a> '
        '<a href="GEDEvent_v24_01_24_12.csv">2024</a></html>'
    )
    for month, day in ((1, "2025-01-20"), (2, "2025-02-27")):
        (root / "candidateged" / f"GEDEvent_v25_0_{month}.csv").write_text(
            GED_HEADER + _ged_row(f"{month}001", day, 12)
        )
    with zipfile.ZipFile(root / "ged" / "ged251-csv.zip", "w") as zf:
        zf.writestr("GEDEvent_v25_1.csv", GED_HEADER + _ged_row("48528.0", "2024-12-30", 3))
    handler = lambda *a: _Publisher(*a, directory=str(root))  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_publisher_releases_end_to_end(tmp_path: Path, publisher: tuple[Path, str]) -> None:
    from tocsin.config import load_settings
    from tocsin.sources import candidate

    root, base = publisher
    settings = load_settings(data_dir=tmp_path / "data", ucdp_base_url=base)
    # the GED yearly release: ZIP downloaded, its CSV member extracted and recorded
    ged = fetch.pull_one(settings, "ucdp-ged-25.1")
    assert ged.origin == "url" and ged.path.name == "GEDEvent_v25_1.csv"
    assert ged.path.read_text().startswith("id,relid")
    record = fetch.read_manifest(settings)["ucdp-ged-25.1"]
    assert record["sha256"] == ged.sha256 and record["newest_record"] == "2024-12-30"
    # Candidate: the newest monthly release is found on the listing
    newest = candidate.newest(settings)
    assert newest.version == "Candidate 25.0.2" and newest.sha256 is None
    pulled = fetch.pull_one(settings, newest)
    first_sha = pulled.sha256
    assert fetch.read_manifest(settings)[newest.name]["newest_record"] == "2025-02-27"
    # the publisher silently changes the file: refused, the pinned copy is kept
    changed = root / "candidateged" / "GEDEvent_v25_0_2.csv"
    changed.write_text(GED_HEADER + _ged_row("2001", "2025-02-27", 99))
    with pytest.raises(fetch.ChecksumMismatchError, match="recorded at its first download"):
        fetch.pull_one(settings, newest, force=True)
    assert fetch.sha256_of(pulled.path) == first_sha
    accepted = fetch.pull_one(settings, newest, force=True, accept_changed=True)
    assert accepted.sha256 != first_sha
    assert fetch.read_manifest(settings)[newest.name]["replaced"] == [first_sha]


def test_dropped_connection_writes_nothing(tmp_path: Path, publisher: tuple[Path, str]) -> None:
    _root, base = publisher
    ds = _dataset(url=f"{base}/drop/file.csv", sha=None)
    from tocsin.config import load_settings

    settings = load_settings(data_dir=tmp_path / "data")
    with pytest.raises(fetch.DatasetUnavailableError, match="Nothing was written|nothing was"):
        fetch.pull_one(settings, ds)
    folder = settings.datasets_dir / "test"
    assert not any(folder.iterdir())  # no partial file, no temp file
    assert "test-file" not in fetch.read_manifest(settings)


def test_listing_offline_or_empty_is_a_clear_error(tmp_path: Path) -> None:
    from tocsin.config import load_settings
    from tocsin.sources import candidate

    settings = load_settings(data_dir=tmp_path / "data", ucdp_base_url="http://127.0.0.1:9")
    with pytest.raises(candidate.ListingError, match="cannot read UCDP's download listing"):
        candidate.newest(settings)
    assert candidate.releases("<a href='x.csv'>") == []


def test_republished_extracts_come_from_a_mirror_only(settings: Settings) -> None:
    ds = datasets.get("ucdp-ged-sdn")
    assert ds.origin == "republished" and "republished extract" in ds.description
    with pytest.raises(fetch.DatasetUnavailableError, match="mirror only"):
        fetch.pull_one(settings, ds)


@pytest.mark.shared_data
def test_every_ged_country_file_is_registered_and_imports(
    settings: Settings, shared_data: Path
) -> None:
    from tocsin.sources.catalog.events import GED_COUNTRY_DATASETS
    from tocsin.sources.importers import IMPORTERS

    folder = shared_data / "events" / "ucdp" / "ged"
    registered = {datasets.get(n).filename for n in GED_COUNTRY_DATASETS}
    assert registered == {p.name for p in folder.glob("*.csv.gz")} and len(registered) == 15
    importer = IMPORTERS.create("ucdp-ged")
    for name in ("ucdp-ged-yem-aqap", "ucdp-ged-bgd"):  # Explorer layout; float gwnoa
        path = fetch.pull_one(settings, name, shared_data).path
        result = importer.read(path)
        assert len(result.events) > 500 and not result.rejected
