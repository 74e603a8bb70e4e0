"""Pull datasets from a mirror directory or their official URL, verify checksums,
and record what was pulled in ``<data_dir>/datasets/manifest.json``.

A download goes to a temporary file next to its destination; a ZIP release has its CSV
member extracted; the result replaces the old copy only once verified, so a dropped
connection or a changed file never leaves a half-written or unverified file behind.
Files whose checksum is not known in advance are pinned at their first download (the
manifest keeps it): a later copy that differs is refused until accepted explicitly.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from tocsin.config import Settings
from tocsin.sources.datasets import Dataset, all_datasets, get

ProgressCallback = Callable[[Dataset, int, int | None], None]  # dataset, bytes done, total


class SourceError(RuntimeError):
    """A dataset could not be provided; the message says which and how to fix it."""


class ChecksumMismatchError(SourceError):
    """A file's SHA-256 is not the registered one: it is refused, never loaded."""


class DatasetUnavailableError(SourceError):
    """Neither a mirror nor the network could provide the dataset."""


@dataclass(frozen=True)
class PullResult:
    """What ``pull`` did for one dataset."""

    dataset: Dataset
    path: Path
    sha256: str
    origin: str  # "mirror:<dir>", "url", or "present"


def sha256_of(path: Path) -> str:
    """SHA-256 hex digest of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def local_path(settings: Settings, ds: Dataset | str) -> Path:
    """Where a pulled copy of ``ds`` lives (whether or not it is there yet)."""
    ds = get(ds) if isinstance(ds, str) else ds
    return settings.datasets_dir / ds.group / ds.filename


def pinned_checksum(settings: Settings, ds: Dataset) -> str | None:
    """The checksum a copy must have: the registered one, else the one recorded at the
    first download (None before any)."""
    if ds.sha256 is not None:
        return ds.sha256
    return read_manifest(settings).get(ds.name, {}).get("sha256")


def _check(ds: Dataset, path: Path, where: str, expected: str | None) -> str:
    actual = sha256_of(path)
    if expected is not None and actual != expected:
        how = (
            "registered"
            if ds.sha256 is not None
            else "recorded at its first download (the publisher changed the file: run "
            f"`tocsin sources update {ds.name} --accept-changed` to accept the new one)"
        )
        raise ChecksumMismatchError(
            f"checksum mismatch for dataset {ds.name!r} ({where}): expected SHA-256 "
            f"{expected} ({how}), got {actual}. The file is refused; the copy in place "
            f"is kept. Official source: {ds.url}"
        )
    return actual


def _manifest_path(settings: Settings) -> Path:
    return settings.datasets_dir / "manifest.json"


def read_manifest(settings: Settings) -> dict[str, dict[str, Any]]:
    """Pulled datasets: name -> {sha256, origin, pulled_at, path}."""
    path = _manifest_path(settings)
    return json.loads(path.read_text()) if path.exists() else {}


def _record(settings: Settings, result: PullResult) -> None:
    manifest = read_manifest(settings)
    previous = manifest.get(result.dataset.name, {})
    entry: dict[str, Any] = {
        "sha256": result.sha256,
        "origin": result.origin,
        "version": result.dataset.version,
        "pulled_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "path": str(result.path),
        "newest_record": newest_record(result.path),
    }
    if previous.get("sha256") not in (None, result.sha256):
        entry["replaced"] = [*previous.get("replaced", []), previous["sha256"]]
    manifest[result.dataset.name] = entry
    path = _manifest_path(settings)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(manifest, indent=2, sort_keys=True))
    os.replace(tmp, path)


def newest_record(path: Path) -> str | None:
    """Date of the newest record in a dataset file (events: latest ``date_end`` or
    ``date_start``; yearly files: the latest year), or None when it has no date column."""
    import pandas as pd

    date_columns = ("date_end", "date_start", "event_date", "year_cy", "year")
    try:
        header = pd.read_csv(path, nrows=0).columns
        column = next((c for c in date_columns if c in header), None)
        if column is None:
            return None
        values = pd.read_csv(path, usecols=[column], dtype=str, keep_default_na=False)[column]
    except (ValueError, OSError, UnicodeDecodeError, pd.errors.ParserError):
        return None
    if column.startswith("year"):
        years = pd.to_numeric(values, errors="coerce").dropna()
        return f"{int(years.max())}-12-31" if len(years) else None
    dates = pd.to_datetime(values.str.slice(0, 10), errors="coerce", format="mixed")
    return None if dates.dropna().empty else dates.max().date().isoformat()


def _download(ds: Dataset, dest: Path, progress: ProgressCallback | None, url: str) -> None:
    try:
        with httpx.stream("GET", url, follow_redirects=True, timeout=30.0) as response:
            response.raise_for_status()
            total = int(response.headers.get("content-length", 0)) or None
            done = 0
            with dest.open("wb") as fh:
                for chunk in response.iter_bytes(1 << 16):
                    fh.write(chunk)
                    done += len(chunk)
                    if progress:
                        progress(ds, done, total)
            if total is not None and done != total:
                raise DatasetUnavailableError(
                    f"download of dataset {ds.name!r} from {url} stopped after {done:,} of "
                    f"{total:,} bytes; nothing was written. Try again."
                )
    except httpx.HTTPError as exc:
        raise DatasetUnavailableError(
            f"cannot download dataset {ds.name!r} from {url}: {exc or type(exc).__name__}. "
            "Nothing was written. "
            f"Offline? Point a mirror at a directory holding {ds.relative_path} "
            "with --mirror DIR or TOCSIN_MIRROR=DIR (for example ../shared/data)."
        ) from exc


def _extract(ds: Dataset, archive: Path, dest: Path) -> None:
    """Write the CSV member ``ds.member`` of a downloaded ZIP release to ``dest``."""
    try:
        with zipfile.ZipFile(archive) as zf:
            names = {Path(n).name: n for n in zf.namelist()}
            if ds.member not in names:
                raise DatasetUnavailableError(
                    f"the release of dataset {ds.name!r} from {ds.url} does not hold "
                    f"{ds.member!r} (it holds: {', '.join(sorted(names)) or 'nothing'})"
                )
            with zf.open(names[ds.member]) as src, dest.open("wb") as out:
                shutil.copyfileobj(src, out, 1 << 20)
    except zipfile.BadZipFile as exc:
        raise DatasetUnavailableError(
            f"the download of dataset {ds.name!r} from {ds.url} is not a ZIP archive: {exc}"
        ) from exc


def download_url(settings: Settings, ds: Dataset) -> str:
    """Where to download ``ds``: its URL, under ``ucdp_base_url`` for UCDP releases."""
    base = getattr(settings, "ucdp_base_url", None)
    if base and ds.url.startswith(UCDP_DOWNLOADS):
        return base.rstrip("/") + ds.url[len(UCDP_DOWNLOADS) :]
    return ds.url


UCDP_DOWNLOADS = "https://ucdp.uu.se/downloads"


def pull_one(
    settings: Settings,
    ds: Dataset | str,
    mirror: Path | None = None,
    force: bool = False,
    progress: ProgressCallback | None = None,
    accept_changed: bool = False,
) -> PullResult:
    """Provide one dataset: keep a verified copy, else copy from the mirror, else download.

    The new copy is verified before it replaces anything, so a bad file never
    overwrites a good one. ``accept_changed`` accepts a rolling release whose file changed
    since its first download (the new checksum is recorded, and audited in the manifest).
    """
    ds = get(ds) if isinstance(ds, str) else ds
    mirror = mirror if mirror is not None else settings.mirror
    dest = local_path(settings, ds)
    expected = None if accept_changed and ds.sha256 is None else pinned_checksum(settings, ds)
    if dest.exists() and not force:
        try:
            digest = _check(ds, dest, f"local copy {dest}", expected)
            return PullResult(ds, dest, digest, "present")
        except ChecksumMismatchError:
            if mirror is None:
                raise
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_beside(dest)
    archive = _temp_beside(dest) if ds.member else None
    try:
        if mirror is not None:
            source = Path(mirror) / ds.relative_path
            if not source.is_file():
                raise DatasetUnavailableError(
                    f"dataset {ds.name!r} is not in the mirror: expected {source}. "
                    f"Download it from {ds.url} into that path, or fix --mirror."
                )
            shutil.copyfile(source, tmp)
            origin = f"mirror:{mirror}"
            where = f"mirror file {source}"
        elif not ds.downloadable:
            raise DatasetUnavailableError(
                f"dataset {ds.name!r} is a republished extract, provided by a mirror only "
                f"(it was cut from the official release {ds.url}). Point --mirror or "
                f"TOCSIN_MIRROR at a directory holding {ds.relative_path}."
            )
        else:
            url = download_url(settings, ds)
            if archive is not None:
                _download(ds, archive, progress, url)
                _extract(ds, archive, tmp)
            else:
                _download(ds, tmp, progress, url)
            origin, where = "url", url
        digest = _check(ds, tmp, where, expected)
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)
        if archive is not None:
            archive.unlink(missing_ok=True)
    result = PullResult(ds, dest, digest, origin)
    _record(settings, result)
    return result


def _temp_beside(dest: Path) -> Path:
    fd, name = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.")
    os.close(fd)
    return Path(name)


def pull(
    settings: Settings,
    names: list[str] | None = None,
    mirror: Path | None = None,
    force: bool = False,
    progress: ProgressCallback | None = None,
) -> list[PullResult]:
    """Pull the named datasets (by default every registered one not marked on demand)."""
    selected = [get(n) for n in names] if names else [d for d in all_datasets() if not d.on_demand]
    return [pull_one(settings, ds, mirror, force, progress) for ds in selected]


def ensure(settings: Settings, name: str, mirror: Path | None = None) -> Path:
    """Path of a verified local copy of dataset ``name``, pulling it first if needed."""
    return pull_one(settings, name, mirror).path
