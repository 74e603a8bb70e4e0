"""The dataset registry: every external file Tocsin uses, with where it comes from,
its checksum, licence and citation.

Each capability registers its datasets in a module under ``tocsin/sources/catalog/``
(listed in ``CATALOG_MODULES``). A mirror directory is laid out like ``../shared/data``:
``<mirror>/<group>/<filename>``; pulled files land in ``<data_dir>/datasets/<group>/``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

CATALOG_MODULES = ["ewp", "events", "ucdp_yearly", "speech", "documents"]


@dataclass(frozen=True)
class Dataset:
    """One external file.

    ``sha256`` is the checksum a pulled copy must have. ``None`` means it is not known in
    advance (a rolling release, or a release not yet seen here): the checksum of the first
    download is recorded in the manifest and every later copy must match it; a changed
    file is refused, never silently replaced.
    ``redistributable=False`` marks data whose terms forbid shipping it (e.g. ACLED).
    ``member`` names the file inside ``url`` when the publisher releases a ZIP archive;
    the pulled copy is that member, extracted.
    ``origin`` says what the file is: ``official`` (released by the publisher at ``url``)
    or ``republished`` (an extract a third party republished; it is provided by a mirror
    only, and ``url`` is the official release it was cut from).
    """

    name: str
    group: str
    filename: str
    url: str
    sha256: str | None
    licence: str
    citation: str
    description: str
    version: str
    redistributable: bool = True
    member: str | None = None
    origin: str = "official"
    on_demand: bool = False  # pulled only when named (large releases not used by default)

    @property
    def downloadable(self) -> bool:
        """Whether ``url`` serves this very file (else only a mirror can provide it)."""
        return self.origin == "official"

    @property
    def relative_path(self) -> str:
        """Path inside a mirror or the datasets directory."""
        return f"{self.group}/{self.filename}"


_REGISTRY: dict[str, Dataset] = {}
_loaded = False


def register(*datasets: Dataset) -> None:
    """Add datasets to the registry (names must be unique)."""
    for ds in datasets:
        existing = _REGISTRY.get(ds.name)
        if existing is not None and existing != ds:
            raise ValueError(f"dataset {ds.name!r} registered twice with different details")
        _REGISTRY[ds.name] = ds


def _load_catalogs() -> None:
    global _loaded
    if not _loaded:
        for module in CATALOG_MODULES:
            importlib.import_module(f"tocsin.sources.catalog.{module}")
        _loaded = True


def all_datasets() -> list[Dataset]:
    """Every registered dataset, ordered by group then name."""
    _load_catalogs()
    return sorted(_REGISTRY.values(), key=lambda d: (d.group, d.name))


def get(name: str) -> Dataset:
    """The dataset called ``name``; an unknown name lists the close ones."""
    _load_catalogs()
    try:
        return _REGISTRY[name]
    except KeyError:
        import difflib

        close = difflib.get_close_matches(name, _REGISTRY, n=3, cutoff=0.4)
        hint = f" Did you mean: {', '.join(close)}?" if close else ""
        raise KeyError(f"unknown dataset {name!r}.{hint} See `tocsin sources list`.") from None
