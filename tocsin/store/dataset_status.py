"""What the /sources page shows, in one query: every registered dataset with its version,
licence, citation and checksum, and how fresh the copy in use is (when it was pulled and
loaded, with which checksum, and the newest record the store holds where that is known)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tocsin.config import Settings
from tocsin.sources.datasets import Dataset, all_datasets
from tocsin.sources.fetch import read_manifest
from tocsin.store.models import Event, PanelValue, Provenance

# The store's newest record, for the datasets whose rows can be dated.
PANEL_DATASETS = {"ewp-predictors"}
EVENT_SOURCES = {"ucdp-ged": "ucdp-ged"}  # dataset-name prefix -> Event.source


@dataclass(frozen=True)
class DatasetStatus:
    """One dataset as registered, and the copy this installation uses."""

    dataset: Dataset
    pulled_at: str | None
    pulled_sha256: str | None
    origin: str | None
    loaded_at: datetime | None
    loaded_rows: int | None
    newest_record: str | None

    @property
    def checksum_ok(self) -> bool | None:
        """Whether the pulled copy has the registered checksum (None: not pulled, or a
        live file whose checksum is recorded, not enforced)."""
        if self.pulled_sha256 is None or self.dataset.sha256 is None:
            return None
        return self.pulled_sha256 == self.dataset.sha256


def _newest_records(session: Session) -> dict[str, str]:
    newest: dict[str, str] = {}
    year = session.scalar(select(func.max(PanelValue.year)))
    if year is not None:
        newest.update({name: f"year {year}" for name in PANEL_DATASETS})
    for source, day in session.execute(
        select(Event.source, func.max(Event.event_date)).group_by(Event.source)
    ):
        newest[f"events:{source}"] = day.isoformat() if isinstance(day, date) else str(day)
    return newest


def dataset_statuses(session: Session, settings: Settings) -> list[DatasetStatus]:
    """Every registered dataset (by group, then name) with its freshness here."""
    manifest = read_manifest(settings)
    loads: dict[str, Provenance] = {}
    for row in session.scalars(select(Provenance).order_by(Provenance.loaded_at)):
        loads[row.dataset] = row  # the latest load wins
    newest = _newest_records(session)
    out = []
    for ds in all_datasets():
        pulled = manifest.get(ds.name, {})
        load = loads.get(ds.name)
        source = next((s for p, s in EVENT_SOURCES.items() if ds.name.startswith(p)), None)
        out.append(
            DatasetStatus(
                dataset=ds,
                pulled_at=pulled.get("pulled_at"),
                pulled_sha256=pulled.get("sha256"),
                origin=pulled.get("origin"),
                loaded_at=load.loaded_at if load else None,
                loaded_rows=load.rows if load else None,
                newest_record=newest.get(ds.name)
                or (newest.get(f"events:{source}") if source and load else None),
            )
        )
    return out
