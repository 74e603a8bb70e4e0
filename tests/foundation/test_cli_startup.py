"""Simple commands start quickly: list commands on a migrated database load no
data-science library and no Alembic, and what they skip loading stays correct.

Timings live in bench/cli.py; these tests check the cause (what gets imported)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tocsin.cli.common import database_revisions, packaged_heads
from tocsin.store.db import Database

ANALYSIS_LIBRARIES = ("pandas", "numpy", "sklearn", "scipy", "matplotlib", "country_converter")
LIST_COMMANDS = [
    ["alerts", "list"],
    ["alerts", "subscriptions"],
    ["sources", "list"],
    ["evidence", "list"],
    ["intake", "list"],
    ["users", "list"],
    ["docs", "list"],
    ["feeds", "list"],
    ["lexicon", "list"],
    ["rabat", "list"],
    ["plugins"],
]


@pytest.fixture(scope="module")
def migrated_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A data directory with a migrated SQLite database, as after `tocsin.sqlite upgrade`."""
    data = tmp_path_factory.mktemp("data")
    env = {k: v for k, v in os.environ.items() if not k.startswith("TOCSIN_")}
    env["TOCSIN_DATA_DIR"] = str(data)
    upgrade = [sys.executable, "-m", "tocsin", "db", "upgrade"]
    subprocess.run(upgrade, env=env, check=True, capture_output=True, timeout=300)
    return env


def _loaded_after(args: list[str], env: dict[str, str]) -> tuple[list[str], str]:
    """Run ``tocsin ARGS`` in a fresh interpreter: (libraries loaded, its output)."""
    watched = (*ANALYSIS_LIBRARIES, "alembic")
    probe = (
        "import sys\n"
        "from tocsin.cli.main import app\n"
        f"try:\n    app({args!r})\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
        f"print('LOADED', sorted(m for m in {watched!r} if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("LOADED "), result.stdout
    return json.loads(last.removeprefix("LOADED ").replace("'", '"')), result.stdout


@pytest.mark.parametrize("args", LIST_COMMANDS, ids=" ".join)
def test_list_commands_load_no_analysis_library_nor_alembic(
    args: list[str], migrated_env: dict[str, str]
) -> None:
    loaded, _ = _loaded_after(args, migrated_env)
    assert loaded == [], f"tocsin {' '.join(args)} imported {loaded}"


def test_a_new_database_is_still_migrated_first(tmp_path: Path) -> None:
    """The cheap revision check must not skip migrating a database that needs it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TOCSIN_")}
    env["TOCSIN_DATA_DIR"] = str(tmp_path)
    loaded, output = _loaded_after(["alerts", "list"], env)
    assert "alembic" in loaded
    db = Database(f"sqlite:///{tmp_path / 'tocsin.sqlite'}")
    assert database_revisions(db) == packaged_heads()


def test_packaged_heads_are_alembics_heads() -> None:
    from alembic.script import ScriptDirectory

    from tocsin.store.migrate import alembic_config

    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    assert packaged_heads() == frozenset(script.get_heads())


def test_a_database_behind_by_one_revision_is_not_current(tmp_path: Path) -> None:
    from tocsin.store.migrate import upgrade

    db = Database(f"sqlite:///{tmp_path / 'old.db'}")
    assert database_revisions(db) == frozenset()
    upgrade(db, "0001_foundation")
    assert database_revisions(db) == {"0001_foundation"}
    assert database_revisions(db) != packaged_heads()


def test_plugins_catalogue_matches_the_code() -> None:
    """`tocsin plugins` prints a catalogue instead of importing every plug-in: it must say
    what the code says (rewrite it with tocsin.cli.plugins.write_catalogue())."""
    from tocsin.cli.plugins import catalogue_rows, plugin_rows

    assert catalogue_rows() == plugin_rows(), "run tocsin.cli.plugins.write_catalogue()"
    assert catalogue_rows("alert signal") == plugin_rows("alert signal")
    with pytest.raises(ValueError, match="unknown plug-in kind"):
        catalogue_rows("no such kind")
