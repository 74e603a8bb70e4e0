"""Request and response models of alert subscriptions."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field

from tocsin.alerts.notify import Channel
from tocsin.store.models.alerts import Severity


class SubscriptionIn(BaseModel):
    """Who to tell, through which channel, about which alerts."""

    channel: Channel
    target: str = Field(..., min_length=3, max_length=300, description="Address or URL.")
    countries: list[Annotated[str, Field(max_length=100)]] = Field(
        default_factory=list, max_length=300, description="Names or codes; empty means all."
    )
    min_severity: Severity = "medium"
    digest: bool = True


class SubscriptionOut(BaseModel):
    """A subscription."""

    id: int
    channel: str
    target: str
    countries: list[str]
    min_severity: str
    digest: bool
    active: bool
    created_by: str
