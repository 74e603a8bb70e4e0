"""Every alert signal: runs on an empty store, refuses unknown settings, names itself."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from tocsin.alerts.engine import load_signal_plugins
from tocsin.alerts.signals import SIGNALS
from tocsin.store.db import Database

load_signal_plugins()


@pytest.mark.parametrize("name", SIGNALS.names())
def test_signal_contract(name: str, sqlite_database: Database) -> None:
    cls = SIGNALS.get(name)
    assert cls.name == name and cls.summary
    with pytest.raises(ValidationError):
        SIGNALS.create(name, not_a_setting=1)
    with sqlite_database.session() as session:
        assert SIGNALS.create(name).detect(session, date(2024, 1, 1)) == []
