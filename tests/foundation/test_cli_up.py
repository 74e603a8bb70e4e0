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
