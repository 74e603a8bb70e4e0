"""The registered datasets with their freshness, under /api/v1."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from sqlalchemy.orm import Session

from tocsin.store.dataset_status import DatasetStatus, dataset_statuses
from tocsin.store.models.accounts import User
from tocsin.web.auth import reader
from tocsin.web.deps import get_app_settings, get_session
from tocsin.web.sources.schemas import DatasetOut

router = APIRouter()


def dataset_out(row: DatasetStatus) -> DatasetOut:
    """The API form of one dataset's status."""
    ds = row.dataset
    return DatasetOut(
        name=ds.name,
        group=ds.group,
        description=ds.description,
        version=ds.version,
        licence=ds.licence,
        citation=ds.citation,
        url=ds.url,
        sha256=ds.sha256,
        redistributable=ds.redistributable,
        pulled_at=row.pulled_at,
        pulled_sha256=row.pulled_sha256,
        checksum_ok=row.checksum_ok,
        loaded_at=row.loaded_at,
        loaded_rows=row.loaded_rows,
        newest_record=row.newest_record,
    )


@router.get("/api/v1/sources", response_model=list[DatasetOut], tags=["sources"])
def sources_api(
    request: Request,
    session: Session = Depends(get_session),
    _u: User | None = Depends(reader),
) -> list[DatasetOut]:
    """Every dataset Tocsin uses: version, licence, citation, checksum and freshness."""
    return [dataset_out(r) for r in dataset_statuses(session, get_app_settings(request))]
