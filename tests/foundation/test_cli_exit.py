"""The ``tocsin`` command leaves without tearing down the interpreter (``cli.main.main``):
what it prints, its exit status, the exit handlers and other threads' work must all
survive the shortcut."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def _env(data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TOCSIN_")}
    env["TOCSIN_DATA_DIR"] = str(data)
    return env


def _run_main(args: list[str], data: Path, before: str = "") -> subprocess.CompletedProcess[str]:
    """Run ``main()`` with ARGS in a fresh interpreter, after the Python code BEFORE."""
    probe = f"import sys\n{before}\nsys.argv = ['tocsin', *{args!r}]\n"
    probe += "from tocsin.cli.main import main\nmain()\n"
    return subprocess.run(
        [sys.executable, "-c", probe], env=_env(data), capture_output=True, text=True, timeout=300
    )


def test_output_sent_to_a_pipe_arrives_whole(tmp_path: Path) -> None:
    result = _run_main(["sources", "list", "--format", "json"], tmp_path)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)  # cut output would not parse
    assert len(rows) > 10 and all("licence" in row for row in rows)


@pytest.mark.parametrize(
    ("args", "status"),
    [(["sources", "nonesuch"], 2), (["forecast", "--model", "nonesuch"], 1)],
    ids=["usage error", "refused"],
)
def test_a_failing_command_keeps_its_status_and_message(
    args: list[str], status: int, tmp_path: Path
) -> None:
    result = _run_main(args, tmp_path)
    assert result.returncode == status, (result.stdout, result.stderr)
    assert "nonesuch" in result.stdout + result.stderr


def test_a_message_given_to_sys_exit_is_printed_and_fails(tmp_path: Path) -> None:
    before = (
        "import tocsin.cli.main as cli\n"
        "def stop(*args, **kwargs):\n    raise SystemExit('stopped: nothing to do')\n"
        "cli.app = stop"
    )
    result = _run_main(["plugins"], tmp_path, before)
    assert result.returncode == 1
    assert "stopped: nothing to do" in result.stderr


def test_exit_handlers_still_run(tmp_path: Path) -> None:
    marker = tmp_path / "handler-ran"
    before = f"import atexit, pathlib\natexit.register(pathlib.Path({str(marker)!r}).touch)"
    result = _run_main(["plugins"], tmp_path, before)
    assert result.returncode == 0, result.stderr
    assert marker.exists()


def test_a_running_thread_is_waited_for(tmp_path: Path) -> None:
    marker = tmp_path / "thread-done"
    before = (
        "import pathlib, threading, time\n"
        "def work():\n    time.sleep(1.0)\n"
        f"    pathlib.Path({str(marker)!r}).write_text('done')\n"
        "threading.Thread(target=work).start()"
    )
    result = _run_main(["plugins"], tmp_path, before)
    assert result.returncode == 0, result.stderr
    assert marker.read_text() == "done"


def test_the_garbage_collector_runs_as_usual_after_start_up(tmp_path: Path) -> None:
    """Collection is rare only while a command starts: a long job gets the usual thresholds."""
    before = (
        "import gc, threading, time\n"
        "usual = gc.get_threshold()\n"
        "def check():\n"
        "    from tocsin.cli.main import STARTUP_SECONDS\n"
        "    time.sleep(STARTUP_SECONDS + 1.0)\n"
        "    print('THRESHOLD', gc.get_threshold() == usual)\n"
        "threading.Thread(target=check).start()"
    )
    result = _run_main(["plugins"], tmp_path, before)
    assert result.returncode == 0, result.stderr
    assert "THRESHOLD True" in result.stdout
