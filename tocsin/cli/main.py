"""Entry point of the ``tocsin`` command: one sub-command group per capability.

Commands are loaded lazily: ``tocsin --help`` lists them from :data:`COMMANDS` without
importing any capability, and ``tocsin NAME ...`` imports only the module that defines
NAME. A capability's module in ``tocsin/cli/`` exposes ``app`` (a Typer group) or
``register(app)`` (top-level commands); list each of its commands in :data:`COMMANDS`
with its one-line help (tests/foundation/test_cli_up.py checks they agree).
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import importlib
import os
import sys
import threading
from dataclasses import dataclass
from typing import Any

import typer
import typer.main
from typer.core import TyperCommand, TyperGroup


@dataclass(frozen=True)
class LazyCommand:
    """Where a command lives and what ``--help`` says about it before it is loaded."""

    module: str
    help: str
    group: bool  # True: the module's ``app`` is this sub-command group


COMMANDS: dict[str, LazyCommand] = {
    "up": LazyCommand(
        "up", "The main job: pull data, migrate, load, analyse, and serve the dashboard.", False
    ),
    "load": LazyCommand(
        "load", "Pull (mirror-aware), verify and load countries, the panel and episodes.", False
    ),
    "forecast": LazyCommand(
        "forecast",
        "Forecast the risk of mass-killing onset for every country, store it, show the top.",
        False,
    ),
    "backtest": LazyCommand(
        "forecast",
        "Run EWP's fully out-of-sample backtest (origins 1991-2021), store it and chart it.",
        False,
    ),
    "tag": LazyCommand(
        "framework", "Tag an excerpt with an indicator (or reject a suggestion); audited.", False
    ),
    "suggest": LazyCommand(
        "framework",
        "Retrain the learned tagger on the stored tags, or list where it is least sure.",
        False,
    ),
    "search": LazyCommand("framework", "Full-text search over excerpts, with filters.", False),
    "sources": LazyCommand("sources", "Datasets: list them, pull and verify them.", True),
    "db": LazyCommand("db", "Database: migrate and inspect.", True),
    "users": LazyCommand(
        "users", "Accounts: add, list, disable, set roles, create API tokens.", True
    ),
    "speech": LazyCommand(
        "speech", "Hate speech monitor: train, score, ingest, trends, flagged.", False
    ),
    "lexicon": LazyCommand("speech", "Lexicon of coded terms: import, list, add.", False),
    "rabat": LazyCommand("speech", "Rabat six-part threshold worksheets.", False),
    "framework": LazyCommand("framework", "The risk-factor taxonomy: show, export, import.", False),
    "docs": LazyCommand(
        "framework", "Documents: ingest files, folders and URLs; list; show.", False
    ),
    "feeds": LazyCommand("framework", "RSS/Atom feeds: add, list, poll the ones due.", False),
    "assess": LazyCommand("framework", "Country assessments: set, publish, show, history.", False),
    "keys": LazyCommand("evidence", "The organisation's intake key pair.", False),
    "intake": LazyCommand("evidence", "Civil-society submissions: list, open.", False),
    "custody": LazyCommand("evidence", "The evidence custody chain.", False),
    "evidence": LazyCommand("evidence", "Evidence locker: list, export, verify.", False),
    "plugins": LazyCommand(
        "plugins",
        "List the plug-ins of each kind with their settings, defaults, allowed values and help.",
        False,
    ),
    "report": LazyCommand("reports", "Country and annual reports (PDF, HTML), versioned.", True),
    "events": LazyCommand(
        "alerts",
        "Conflict events: import UCDP GED or ACLED files; load UCDP yearly deaths.",
        False,
    ),
    "alerts": LazyCommand(
        "alerts",
        "Alerts: run the signals, work through alerts, subscriptions, weekly digest.",
        False,
    ),
}


def load_command(name: str) -> Any:
    """The real command ``name``, importing the module that defines it."""
    spec = COMMANDS[name]
    module: Any = importlib.import_module(f"tocsin.cli.{spec.module}")
    if spec.group:
        command = typer.main.get_command(module.app)
        command.name = name
        return command
    holder = typer.Typer()
    module.register(holder)
    built = typer.main.get_command(holder)  # the command itself when it is the only one
    found = (
        built.get_command(typer.Context(built), name) if isinstance(built, TyperGroup) else built
    )
    if found is None:
        raise RuntimeError(f"tocsin.cli.{spec.module} defines no command {name!r}")
    return found


class LazyGroup(TyperGroup):
    """The top-level group: lists :data:`COMMANDS` from their static help and imports a
    command's module only when that command runs (or its own ``--help`` is asked for)."""

    _listing = False

    def list_commands(self, ctx: Any) -> list[str]:
        """Every command, in :data:`COMMANDS` order."""
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        """The real command, or a placeholder with its help while the list is printed."""
        spec = COMMANDS.get(cmd_name)
        if spec is None:
            return None
        if self._listing:
            return TyperCommand(cmd_name, help=spec.help, short_help=spec.help)
        return load_command(cmd_name)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        """Print the help without importing any command module."""
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False


app = typer.Typer(
    name="tocsin",
    cls=LazyGroup,
    help="Tocsin: atrocity early warning. Forecasts, alerts, evidence, and a dashboard.",
    no_args_is_help=True,
    rich_markup_mode="rich",
)


@app.callback()
def _root() -> None:
    """Tocsin: atrocity early warning. Forecasts, alerts, evidence, and a dashboard."""


STARTUP_GC_THRESHOLD = (200_000, 100, 100)
STARTUP_SECONDS = 3.0


def main() -> None:
    """Run the command, then leave without tearing down the interpreter.

    Freeing every module and ORM class at interpreter exit took about half a second,
    a third of a simple command's time. Once the command is done, its output is flushed
    and the exit handlers (logging, temporary files) run as usual; then the process ends
    with the command's exit code. While another non-daemon thread runs, it exits the
    normal way, which waits for that thread.

    Start-up allocates hundreds of thousands of long-lived objects (classes, SQL
    constructs), and the garbage collector, scanning them again and again, took a fifth
    of a simple command's time. It runs rarely for the first seconds, while a simple
    command starts and ends, and as usual after that."""
    usual = gc.get_threshold()
    gc.set_threshold(*STARTUP_GC_THRESHOLD)
    restore = threading.Timer(STARTUP_SECONDS, gc.set_threshold, usual)
    restore.daemon = True
    restore.start()
    try:
        app()
        code: str | int | None = 0
    except SystemExit as done:
        code = done.code
    main_thread = threading.main_thread()
    if any(t is not main_thread and not t.daemon for t in threading.enumerate()):
        sys.exit(code)
    os._exit(_finish(code))


def _finish(code: str | int | None) -> int:
    """Flush the output and run the exit handlers; the process's exit status."""
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # sys.exit("message") prints the message and fails, as Python does
        print(code, file=sys.stderr)
        status = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(BrokenPipeError, ValueError):  # closed: nothing to flush
            stream.flush()
    return status


if __name__ == "__main__":
    main()
