"""Every kind of plug-in: abstract interfaces are enforced, every built-in plug-in is
registered by the one loader, and every setting says what it is for."""

from __future__ import annotations

import typing
from abc import abstractmethod
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tocsin import plugins
from tocsin.cli.main import app
from tocsin.plugins import (
    BUILTIN_PLUGIN_MODULES,
    Plugin,
    PluginSettings,
    Registry,
    load_builtin_plugins,
    settings_help,
)

KINDS = load_builtin_plugins()
EXPECTED_KINDS = {
    "alert signal",
    "event importer",
    "forecast model",
    "post importer",
    "speech classifier",
    "tagger",
}
PLUGINS = [(kind, name) for kind, registry in KINDS.items() for name in registry.names()]


class _Kind(Plugin):
    @abstractmethod
    def run(self) -> int:
        """The one thing this kind does."""


def test_loader_registers_every_kind() -> None:
    assert set(KINDS) == EXPECTED_KINDS
    assert all(KINDS[kind].names() for kind in EXPECTED_KINDS)
    assert len(BUILTIN_PLUGIN_MODULES) == len(set(BUILTIN_PLUGIN_MODULES))


def test_a_plugin_missing_an_abstract_method_cannot_be_made_or_registered(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(plugins, "KINDS", {})  # keep the test kind out of the real list
    registry: Registry[_Kind] = Registry("test kind")

    class Half(_Kind):
        name = "half"

    with pytest.raises(TypeError, match="abstract"):
        Half()
    with pytest.raises(TypeError, match="does not implement run"):
        registry.register(Half)

    class Whole(_Kind):
        name = "whole"

        def run(self) -> int:
            return 1

    registry.register(Whole)
    assert registry.create("whole").settings == PluginSettings()


@pytest.mark.parametrize(("kind", "name"), PLUGINS)
def test_every_setting_is_described_and_bounded(kind: str, name: str) -> None:
    cls = KINDS[kind].get(name)
    assert cls.summary, f"{kind} {name} has no summary"
    declared = typing.get_type_hints(cls).get("settings", PluginSettings)
    assert declared is cls.Settings, f"{kind} {name}: annotate settings: {cls.Settings.__name__}"
    fields = settings_help(cls.Settings)
    undescribed = [f.name for f in fields if not f.description]
    assert not undescribed, f"{kind} {name}: settings without a description: {undescribed}"
    numeric = [f for f in fields if f.type in ("int", "float", "int | None") and f.name != "seed"]
    unbounded = [f.name for f in numeric if not f.allowed]
    assert not unbounded, f"{kind} {name}: numeric settings without bounds: {unbounded}"


def test_bounds_and_choices_are_enforced() -> None:
    signals = KINDS["alert signal"]
    with pytest.raises(ValueError, match="less than 1"):
        signals.create("civilian-surge", alpha=2)
    with pytest.raises(ValueError, match="civilian_fatalities"):
        signals.create("civilian-surge", measure="casualties")
    assert signals.create("civilian-surge", measure="events").settings.measure == "events"


def test_cli_lists_plugins_with_settings_and_help() -> None:
    result = CliRunner().invoke(app, ["plugins", "alert signal", "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "kind,plugin,summary,setting,type,default,allowed,description"
    surge = [line for line in lines if line.startswith("alert signal,civilian-surge,")]
    assert any(',alpha,float,0.01,"> 0, < 1",' in line for line in surge)
    assert not any(line.startswith("forecast model") for line in lines)
    bad = CliRunner().invoke(app, ["plugins", "no such kind"])
    assert bad.exit_code == 1 and "unknown plug-in kind" in bad.output


def test_docs_list_every_plugin_setting() -> None:
    from tocsin.cli.plugins import plugins_markdown

    docs = Path(__file__).resolve().parents[2] / "docs" / "plugins.md"
    assert docs.read_text() == plugins_markdown(), (
        "docs/plugins.md is out of date: write plugins_markdown() into it"
    )
