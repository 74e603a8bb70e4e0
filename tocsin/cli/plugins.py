"""``tocsin plugins``: every built-in plug-in of each kind, with its settings and help.

Describing a plug-in means importing its module, and the forecast models, taggers and
signals import scikit-learn, pandas and SciPy (seconds). The command therefore prints
:data:`CATALOGUE`, the same rows written down by :func:`write_catalogue` and kept equal
to the code by tests/foundation/test_cli_startup.py, as docs/plugins.md is.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import typer
from rich.table import Table

from tocsin.cli.common import FormatOption, OutputFormat, console, friendly_errors, print_rows

COLUMNS = ("kind", "plugin", "summary", "setting", "type", "default", "allowed", "description")


CATALOGUE = Path(__file__).with_name("plugins.json")


def plugin_rows(kind: str | None = None) -> list[dict[str, str]]:
    """One row per plug-in setting (one row for a plug-in without settings), from the
    plug-ins' code."""
    from tocsin.plugins import load_builtin_plugins, settings_help

    kinds = load_builtin_plugins()
    _check_kind(kind, list(kinds))
    rows = []
    for kind_name, registry in kinds.items():
        if kind is not None and kind_name != kind:
            continue
        for name, cls in registry.items():
            base = {"kind": kind_name, "plugin": name, "summary": cls.summary}
            fields = [asdict(h) for h in settings_help(cls.Settings)]
            for field in fields or [{}]:
                help_row = {
                    "setting": field.get("name", ""),
                    **{k: field.get(k, "") for k in COLUMNS[4:]},
                }
                rows.append({**base, **help_row})
    return rows


def _check_kind(kind: str | None, kinds: list[str]) -> None:
    if kind is not None and kind not in kinds:
        raise ValueError(f"unknown plug-in kind {kind!r}; choose one of {', '.join(kinds)}")


def catalogue_rows(kind: str | None = None) -> list[dict[str, str]]:
    """The rows of :func:`plugin_rows` as written in :data:`CATALOGUE` (no plug-in
    module is imported)."""
    rows: list[dict[str, str]] = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    _check_kind(kind, list(dict.fromkeys(row["kind"] for row in rows)))
    return [row for row in rows if kind is None or row["kind"] == kind]


def plugin_names(kind: str) -> list[str]:
    """The names of the built-in plug-ins of ``kind``, from :data:`CATALOGUE`."""
    return list(dict.fromkeys(row["plugin"] for row in catalogue_rows(kind)))


def write_catalogue() -> None:
    """Write :data:`CATALOGUE` from the code (after a plug-in or its settings change)."""
    text = json.dumps(plugin_rows(), ensure_ascii=False, indent=1)
    CATALOGUE.write_text(text + "\n", encoding="utf-8")


def plugins_markdown() -> str:
    """The plug-in reference of docs/plugins.md (kept current by a test)."""
    lines = [
        "# Plug-ins and their settings",
        "",
        "Generated from the code by `tocsin.cli.plugins.plugins_markdown()`; "
        "`tocsin plugins` prints the same in the terminal. Alert-signal settings go in the "
        "config file, e.g. `[signals.civilian-surge]` `alpha = 0.005`; unknown settings and "
        "values outside the allowed range are refused.",
    ]
    kind, plugin = "", ""
    for row in plugin_rows():
        if row["kind"] != kind:
            kind = row["kind"]
            lines += ["", f"## {kind.capitalize()}s"]
        if (row["kind"], row["plugin"]) != (kind, plugin) or not row["setting"]:
            plugin = row["plugin"]
            lines += ["", f"### `{plugin}`", "", row["summary"], ""]
            if not row["setting"]:
                lines.append("No settings.")
                continue
            lines += [
                "| setting | type | default | allowed | description |",
                "| --- | --- | --- | --- | --- |",
            ]
        cells = [f"`{row['setting']}`", *(row[c] for c in COLUMNS[4:])]
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines) + "\n"


def register(app: typer.Typer) -> None:
    """Add the ``plugins`` command."""

    @app.command("plugins")
    def plugins_command(
        kind: str | None = typer.Argument(
            None, help="Only this kind, e.g. 'alert signal' or 'forecast model'."
        ),
        fmt: OutputFormat = FormatOption,
    ) -> None:
        """List the plug-ins of each kind with their settings, defaults, allowed values and help.

        Settings go in the config file, e.g. [signals.civilian-surge] alpha = 0.005."""
        with friendly_errors():
            rows = catalogue_rows(kind)
        if fmt == OutputFormat.table:
            _print_tables(rows)
        else:
            print_rows(COLUMNS, [[row[c] for c in COLUMNS] for row in rows], fmt)


def _print_tables(rows: list[dict[str, str]]) -> None:
    """One table of settings per plug-in, headed by its kind, name and summary."""
    groups: dict[tuple[str, str], list[dict[str, str]]] = {}
    for row in rows:
        groups.setdefault((row["kind"], row["plugin"]), []).append(row)
    for (kind, name), group in groups.items():
        console.print(f"[bold]{name}[/] ({kind}): {group[0]['summary']}", highlight=False)
        if not group[0]["setting"]:
            console.print("  no settings\n")
            continue
        table = Table(*COLUMNS[3:], box=None, padding=(0, 1))
        table.columns[0].no_wrap = True
        for row in group:
            table.add_row(*(row[c] for c in COLUMNS[3:]))
        console.print(table)
        console.print()
