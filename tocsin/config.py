"""Settings, read from the environment (``TOCSIN_*``) and an optional TOML file.

Unknown keys are refused, so a typo in a config file is an error rather than a
silently ignored setting. Secrets (session key, SMTP password, ...) come from the
environment or the config file, never from the code.
"""

from __future__ import annotations

import os
import secrets
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

import platformdirs
from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class ConfigError(ValueError):
    """A configuration file or value is invalid."""


class Settings(BaseSettings):
    """All Tocsin settings. Environment variables use the prefix ``TOCSIN_``."""

    model_config = SettingsConfigDict(env_prefix="TOCSIN_", extra="forbid")

    data_dir: Path = Field(
        default_factory=lambda: Path(platformdirs.user_data_dir("tocsin")),
        description="Where datasets, the SQLite database, models and evidence files live.",
    )
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL; default is SQLite at <data_dir>/tocsin.sqlite.",
    )
    mirror: Path | None = Field(
        default=None, description="Local mirror directory laid out like ../shared/data."
    )
    host: str = "127.0.0.1"
    port: int = 8000
    anonymous_read: bool = Field(
        default=True, description="Whether visitors who are not logged in may read pages."
    )
    secret_key: str | None = Field(
        default=None,
        description="Key for session cookies and CSRF tokens; generated in the data dir if unset.",
    )
    https: bool = Field(default=False, description="Served over HTTPS: mark cookies Secure.")
    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_sender: str = "tocsin@localhost"
    signals: dict[str, dict[str, Any]] = Field(
        default_factory=dict,
        description="Settings of alert signals by name, e.g. [signals.civilian-surge] alpha = "
        "0.005 in the config file; unknown signals or settings are refused.",
    )
    ucdp_base_url: str = Field(
        default="https://ucdp.uu.se/downloads",
        description="Where UCDP releases are downloaded from (its download listing).",
    )
    acled_key: str | None = Field(
        default=None, description="Your ACLED API access key (never logged or stored)."
    )
    acled_email: str | None = Field(default=None, description="The e-mail of your ACLED account.")
    public_url: str | None = Field(
        default=None,
        description="Address readers use to reach this server, for links in e-mails and "
        "webhooks; default http://<host>:<port>.",
    )

    # Forecasts
    forecast_history_years: int = Field(
        default=10,
        ge=1,
        le=40,
        description="Base years `tocsin up` stores, for risk-over-time charts and rank changes.",
    )
    # Events
    up_country_events: bool = Field(
        default=True,
        description="`tocsin up` also imports the 15 per-country UCDP GED files "
        "(`--no-country-events` skips them; their cost is measured in docs/alerts.md).",
    )
    # Feeds of the Framework workbench
    feed_check_seconds: int = Field(
        default=300,
        ge=10,
        description="How often the running server looks for feeds that are due to be polled.",
    )
    feed_interval_minutes: int = Field(
        default=60,
        ge=5,
        le=7 * 24 * 60,
        description="Poll interval of a newly added feed, in minutes (5 minutes to one week).",
    )
    # Rate limits (in memory; nothing about a client is stored)
    intake_submit_limit: int = Field(
        default=20, ge=1, description="Reports one connection may submit per hour."
    )
    intake_lookup_limit: int = Field(
        default=60, ge=1, description="Receipt look-ups one connection may make per hour."
    )
    intake_global_limit: int = Field(
        default=600, ge=1, description="Intake forms accepted per hour from all connections."
    )
    # Form and upload limits
    intake_max_text: int = Field(
        default=20_000, ge=100, description="Longest text field of a report or note, in characters."
    )
    intake_max_files: int = Field(
        default=5, ge=0, le=50, description="Most files attached to one report."
    )
    intake_max_file_bytes: int = Field(
        default=25 * 1024 * 1024,
        ge=1024,
        description="Largest file attached to a report, in bytes.",
    )
    document_max_bytes: int = Field(
        default=20 * 1024 * 1024,
        ge=1024,
        description="Largest document file or web page the workbench ingests, in bytes.",
    )
    document_max_uploads: int = Field(
        default=50, ge=1, description="Most documents uploaded to the workbench in one request."
    )

    @field_validator(
        "mirror", "database_url", "secret_key", "smtp_host", "public_url", mode="before"
    )
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        return None if value == "" else value

    @property
    def base_url(self) -> str:
        """The public address of the dashboard, without a trailing slash."""
        return (self.public_url or f"http://{self.host}:{self.port}").rstrip("/")

    @property
    def resolved_database_url(self) -> str:
        """The database URL in force: the configured one, or SQLite in the data dir."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'tocsin.sqlite'}"

    @property
    def datasets_dir(self) -> Path:
        """Directory holding pulled, checksum-verified dataset files."""
        return self.data_dir / "datasets"

    def session_secret(self) -> str:
        """Return the secret key, creating and keeping one (mode 0600) in the data dir."""
        if self.secret_key:
            return self.secret_key
        path = self.data_dir / "secret_key"
        if path.exists():
            return path.read_text().strip()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(48)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(key)
        return key


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    """Build settings from (lowest first) defaults, a TOML file, the environment, overrides.

    The TOML file is ``config_file``, else ``$TOCSIN_CONFIG`` if set. Its keys are the
    field names of :class:`Settings`; unknown keys raise :class:`ConfigError`.
    """
    env_file = os.environ.get("TOCSIN_CONFIG")
    path = config_file or (Path(env_file) if env_file else None)
    file_values: dict[str, Any] = {}
    if path is not None:
        try:
            file_values = tomllib.loads(Path(path).read_text())
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read config file {path}: {exc}") from exc
        unknown = sorted(set(file_values) - set(Settings.model_fields))
        if unknown:
            raise ConfigError(f"unknown setting(s) in {path}: {', '.join(unknown)}")
    env_values = {
        name: os.environ[f"TOCSIN_{name.upper()}"]
        for name in Settings.model_fields
        if f"TOCSIN_{name.upper()}" in os.environ
    }
    values = {**file_values, **env_values, **{k: v for k, v in overrides.items() if v is not None}}
    try:
        return Settings.model_validate(values)
    except ValidationError as exc:
        raise ConfigError(str(exc)) from exc


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Process-wide settings (cached); tests build their own with :func:`load_settings`."""
    return load_settings()
