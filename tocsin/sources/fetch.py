"""Pull datasets from a mirror directory or their official URL, verify checksums,
and record what was pulled in ``<data_dir>/datasets/manifest.json``."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

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


def _check(ds: Dataset, path: Path, where: str) -> str:
    actual = sha256_of(path)
    if ds.sha256 is not None and actual != ds.sha256:
        raise ChecksumMismatchError(
            f"checksum mismatch for dataset {ds.name!r} ({where}): expected SHA-256 "
            f"{ds.sha256}, got {actual}. The file is refused; replace it with the "
            f"official file from {ds.url}"
        )
    return actual


def _manifest_path(settings: Settings) -> Path:
    return settings.datasets_dir / "manifest.json"


def read_manifest(settings: Settings) -> dict[str, dict[str, str]]:
    """Pulled datasets: name -> {sha256, origin, pulled_at, path}."""
    path = _manifest_path(settings)
    return json.loads(path.read_text()) if path.exists() else {}


def _record(settings: Settings, result: PullResult) -> None:
    manifest = read_manifest(settings)
    manifest[result.dataset.name] = {
        "sha256": result.sha256,
        "origin": result.origin,
        "version": result.dataset.version,
        "pulled_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "path": str(result.path),
    }
    path = _manifest_path(settings)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(manifest, indent=2, sort_keys=True))
    os.replace(tmp, path)


def _download(ds: Dataset, dest: Path, progress: ProgressCallback | None) -> None:
    try:
        with httpx.stream("GET", ds.url, follow_redirects=True, timeout=30.0) as response:
            response.raise_for_status()
            total = int(response.headers.get("content-length", 0)) or None
            done = 0
            with dest.open("wb") as fh:
                for chunk in response.iter_bytes(1 << 16):
                    fh.write(chunk)
                    done += len(chunk)
                    if progress:
                        progress(ds, done, total)
    except httpx.HTTPError as exc:
        raise DatasetUnavailableError(
            f"cannot download dataset {ds.name!r} from {ds.url}: {exc}. "
            f"Offline? Point a mirror at a directory holding {ds.relative_path} "
            "with --mirror DIR or TOCSIN_MIRROR=DIR (for example ../shared/data)."
        ) from exc


def pull_one(
    settings: Settings,
    ds: Dataset | str,
    mirror: Path | None = None,
    force: bool = False,
    progress: ProgressCallback | None = None,
) -> PullResult:
    """Provide one dataset: keep a verified copy, else copy from the mirror, else download.

    The new copy is verified before it replaces anything, so a bad file never
    overwrites a good one.
    """
    ds = get(ds) if isinstance(ds, str) else ds
    mirror = mirror if mirror is not None else settings.mirror
    dest = local_path(settings, ds)
    if dest.exists() and not force:
        try:
            return PullResult(ds, dest, _check(ds, dest, f"local copy {dest}"), "present")
        except ChecksumMismatchError:
            if mirror is None:
                raise
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=dest.parent, prefix=f".{ds.filename}.")
    os.close(fd)
    tmp = Path(tmp_name)
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
        else:
            _download(ds, tmp, progress)
            origin, where = "url", ds.url
        digest = _check(ds, tmp, where)
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)
    result = PullResult(ds, dest, digest, origin)
    _record(settings, result)
    return result


def pull(
    settings: Settings,
    names: list[str] | None = None,
    mirror: Path | None = None,
    force: bool = False,
    progress: ProgressCallback | None = None,
) -> list[PullResult]:
    """Pull the named datasets (all registered ones by default)."""
    selected = [get(n) for n in names] if names else all_datasets()
    return [pull_one(settings, ds, mirror, force, progress) for ds in selected]


def ensure(settings: Settings, name: str, mirror: Path | None = None) -> Path:
    """Path of a verified local copy of dataset ``name``, pulling it first if needed."""
    return pull_one(settings, name, mirror).path
