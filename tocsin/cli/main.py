"""Entry point of the ``tocsin`` command: one sub-command group per capability.

Each capability adds a module in ``tocsin/cli/`` exposing ``app`` (a Typer group)
or ``register(app)`` and lists it in :data:`COMMAND_MODULES`.
"""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="tocsin",
    help="Tocsin: atrocity early warning. Forecasts, alerts, evidence, and a dashboard.",
    no_args_is_help=True,
    rich_markup_mode="rich",
)

# module name -> sub-command group name (None: the module registers top-level commands)
COMMAND_MODULES: dict[str, str | None] = {
    "up": None,
    "sources": "sources",
    "db": "db",
    "load": None,
    "forecast": None,
    "users": "users",
    "speech": None,
    "framework": None,
    "evidence": None,
    "reports": "report",
    "alerts": None,  # last: its `up` step runs every signal on what the others loaded
}


def _load_commands() -> None:
    for module_name, group in COMMAND_MODULES.items():
        module = importlib.import_module(f"tocsin.cli.{module_name}")
        if group is None:
            module.register(app)
        else:
            app.add_typer(module.app, name=group)


_load_commands()

if __name__ == "__main__":
    app()
