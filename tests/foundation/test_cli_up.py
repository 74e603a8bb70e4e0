"""The CLI as a user meets it: help, clear errors, and `tocsin up` serving real data."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from tocsin.cli.main import app


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TOCSIN_")}
    env.update(TOCSIN_DATA_DIR=str(tmp_path / "data"), **extra)
    return env


def test_help_lists_every_command() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("up", "load", "sources", "db"):
        assert command in result.output


HEAVY = ("pandas", "sklearn", "matplotlib", "numpy", "sqlalchemy", "scipy")


@pytest.mark.parametrize("args", [["--help"], ["users", "--help"], ["docs", "--help"]])
def test_help_imports_no_heavy_library(args: list[str]) -> None:
    """`tocsin --help` and a group's help load no data-science library (they cost seconds)."""
    probe = (
        "import sys\n"
        "from tocsin.cli.main import app\n"
        f"try:\n    app({args!r})\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    loaded = result.stdout.strip().splitlines()[-1]
    if args == ["--help"]:
        assert loaded == "[]", f"tocsin --help imported {loaded}"
    else:  # a group's own help may need the database layer, never the analysis libraries
        assert not {"pandas", "sklearn", "matplotlib"} & set(eval(loaded))  # noqa: S307


def test_static_help_matches_each_command() -> None:
    """The help `tocsin --help` prints without loading a command is that command's own."""
    from tocsin.cli.main import COMMANDS, load_command

    for name, spec in COMMANDS.items():
        command = load_command(name)
        assert command.get_short_help_str(limit=300) == spec.help, name


def test_up_steps_keep_their_order_whatever_was_imported_first() -> None:
    probe = (
        "import tocsin.cli.alerts\n"  # alerts first: its steps must still run last
        "from tocsin.cli.up import ordered_steps\n"
        "print('|'.join(step.label for step in ordered_steps()))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    labels = result.stdout.strip().splitlines()[-1].split("|")
    assert labels[:2] == ["pull and verify datasets", "migrate database"]
    assert labels[-1] == "run alert signals"
    assert labels.index("ingest framework documents") < labels.index("import conflict events")


def test_piped_output_is_not_cut_at_80_columns(tmp_path: Path) -> None:
    long_name = "analyst-" + "x" * 90
    env = _env(tmp_path, TOCSIN_NEW_PASSWORD="a long enough passphrase 1")
    env.pop("COLUMNS", None)
    run = [sys.executable, "-m", "tocsin", "users"]
    added = subprocess.run(
        [*run, "add", long_name, "--role", "analyst"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert added.returncode == 0, added.stderr
    listed = subprocess.run([*run, "list"], env=env, capture_output=True, text=True, timeout=120)
    assert long_name in listed.stdout and "…" not in listed.stdout


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_list_formats_for_scripts(tmp_path: Path, fmt: str) -> None:
    import csv
    import io
    import json

    env = _env(tmp_path, TOCSIN_NEW_PASSWORD="a long enough passphrase 1")
    for name, role in (("ana", "analyst"), ('bo, "the boss"', "admin")):
        subprocess.run(
            [sys.executable, "-m", "tocsin", "users", "add", name, "--role", role],
            env=env,
            check=True,
            capture_output=True,
            timeout=120,
        )
    out = subprocess.run(
        [sys.executable, "-m", "tocsin", "users", "list", "--format", fmt],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    rows = (
        json.loads(out.stdout) if fmt == "json" else list(csv.DictReader(io.StringIO(out.stdout)))
    )
    assert [(r["user"], r["role"], r["active"]) for r in rows] == [
        ("ana", "analyst", "yes"),
        ('bo, "the boss"', "admin", "yes"),
    ]


def test_unknown_format_is_refused() -> None:
    result = CliRunner().invoke(app, ["users", "list", "--format", "xml"])
    assert result.exit_code == 2 and "xml" in result.output


def test_pull_offline_without_mirror_fails_clearly(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tocsin", "sources", "pull", "ewp-predictors"],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    if "cannot download" not in result.stderr:  # a machine with internet downloads it
        pytest.skip("this machine reached the official URL")
    assert result.returncode == 1
    assert "ewp-predictors" in result.stderr and "--mirror" in result.stderr
    assert "Traceback" not in result.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.shared_data
@pytest.mark.slow
def test_up_serves_the_page_with_real_data(tmp_path: Path, shared_data: Path) -> None:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tocsin", "up", "--mirror", str(shared_data), "--port", str(port)],
        env=_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 900  # every step of `tocsin up` on real data
        while True:
            if process.poll() is not None:
                pytest.fail(f"tocsin up exited early:\n{process.stdout.read()}")
            try:
                page = httpx.get(f"{base}/countries", timeout=5)
                if page.status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("tocsin up did not serve within 900 s")
            time.sleep(1)
        assert "Sudan" in page.text and "Afghanistan" in page.text
        latest = httpx.get(f"{base}/api/v1/panel/latest", timeout=10).json()
        assert len(latest) >= 160
        sudan = next(row for row in latest if row["code"] == "SDN")
        assert sudan["year"] == 2024 and sudan["values"]["mk_ongoing_count_log2"] > 0
        # every capability's `up` step left real data behind
        rankings = httpx.get(f"{base}/api/v1/rankings", timeout=10).json()
        assert rankings["total"] >= 150 and rankings["base_year"] == 2024
        backtests = httpx.get(f"{base}/api/v1/backtests", timeout=10).json()
        assert [b["model"] for b in backtests] == [rankings["model"]]  # the model page's data
        assert httpx.get(f"{base}/api/v1/alerts", timeout=10).json()["total"] >= 1
        mexico = httpx.get(f"{base}/api/v1/countries/MEX/violence", timeout=30).json()
        assert mexico["monthly"] and max(p["deaths"] for p in mexico["yearly"]["non-state"]) > 0
        assert httpx.get(f"{base}/api/v1/documents", timeout=10).json()["total"] == 5
        scored = httpx.post(
            f"{base}/api/v1/speech/classify",
            json={"texts": ["They are vermin and must be exterminated."]},
            timeout=30,
        )
        assert scored.status_code == 200 and 0 <= scored.json()[0]["score"] <= 1
        assert "Tocsin" in httpx.get(f"{base}/report", timeout=10).text  # public intake form
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    log = process.stdout.read()
    # the log goes to a pipe: step summaries are whole, not cut at 80 columns
    assert "ingest framework documents: " in log
    assert not [line for line in log.splitlines() if line.rstrip().endswith("…")]
