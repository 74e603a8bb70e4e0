"""Settings: every one is described, limits are bounded, and bad values are refused with
the setting's name, from the environment and from the config file alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from tocsin.config import ConfigError, Settings, load_settings

LIMITS = (
    "forecast_history_years",
    "feed_check_seconds",
    "feed_interval_minutes",
    "intake_submit_limit",
    "intake_lookup_limit",
    "intake_global_limit",
    "intake_max_text",
    "intake_max_files",
    "intake_max_file_bytes",
    "document_max_bytes",
    "document_max_uploads",
)


@pytest.mark.parametrize("name", LIMITS)
def test_limits_are_described_and_bounded(name: str) -> None:
    field = Settings.model_fields[name]
    assert field.description
    assert any(hasattr(m, "ge") or hasattr(m, "gt") for m in field.metadata), name


def test_limits_come_from_the_environment_and_the_config_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TOCSIN_CONFIG", raising=False)
    monkeypatch.delenv("TOCSIN_INTAKE_SUBMIT_LIMIT", raising=False)
    assert load_settings(data_dir=tmp_path).intake_submit_limit == 20
    monkeypatch.setenv("TOCSIN_INTAKE_SUBMIT_LIMIT", "3")
    assert load_settings(data_dir=tmp_path).intake_submit_limit == 3
    config = tmp_path / "tocsin.toml"
    config.write_text("forecast_history_years = 4\nfeed_interval_minutes = 30\n")
    settings = load_settings(config, data_dir=tmp_path)
    assert (settings.forecast_history_years, settings.feed_interval_minutes) == (4, 30)


def test_out_of_range_values_are_refused_by_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TOCSIN_CONFIG", raising=False)
    monkeypatch.setenv("TOCSIN_FEED_INTERVAL_MINUTES", "1")
    with pytest.raises(ConfigError, match="feed_interval_minutes"):
        load_settings(data_dir=tmp_path)
    monkeypatch.delenv("TOCSIN_FEED_INTERVAL_MINUTES")
    config = tmp_path / "tocsin.toml"
    config.write_text("intake_max_files = -1\n")
    with pytest.raises(ConfigError, match="intake_max_files"):
        load_settings(config, data_dir=tmp_path)
