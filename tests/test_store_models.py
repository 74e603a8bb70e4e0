"""The model package loads each domain's module on first use (``tocsin.store.models``):
every class is found where ``HOMES`` says, and a module loaded alone brings the tables its
foreign keys point to, so no query or write ever meets an unknown table."""

from __future__ import annotations

import subprocess
import sys

import pytest

import tocsin.store.models as models
from tocsin.store.db import Base


def test_every_mapped_class_is_listed_with_its_module() -> None:
    models.load_all()
    mapped = {m.class_.__name__: m.class_.__module__ for m in Base.registry.mappers}
    assert {name: f"tocsin.store.models.{home}" for name, home in models.HOMES.items()} == mapped
    assert sorted(models.__all__) == sorted(models.HOMES)
    for name in models.HOMES:
        assert getattr(models, name).__name__ == name


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="Nonesuch"):
        models.Nonesuch  # noqa: B018


PROBE = """
import importlib, sys
from sqlalchemy.orm import configure_mappers
from tocsin.store.db import Base
importlib.import_module("tocsin.store.models." + sys.argv[1])
configure_mappers()
for table in Base.metadata.sorted_tables:
    for key in table.foreign_keys:
        key.column  # raises NoReferencedTableError when the target table is not loaded
print("TABLES", len(Base.metadata.tables))
"""


@pytest.mark.parametrize("home", sorted(set(models.HOMES.values())))
def test_a_module_loaded_alone_brings_its_foreign_key_targets(home: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, home], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "TABLES " in result.stdout
