"""The latest panel values of every country, as JSON."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from tocsin.store import panel
from tocsin.store.models.accounts import User
from tocsin.web.auth import reader
from tocsin.web.deps import get_session
from tocsin.web.panel.schemas import LatestPanel

router = APIRouter()


@router.get("/api/v1/panel/latest", response_model=list[LatestPanel], tags=["panel"])
def latest_panel_api(
    session: Session = Depends(get_session), _user: User | None = Depends(reader)
) -> list[LatestPanel]:
    """The latest panel year and all values of every country with panel data."""
    return [LatestPanel(**row.__dict__) for row in panel.latest_panel(session)]
