"""Intake fixtures: a migrated database with the real country table and one user per
role, an intake key pair (private key outside the data dir), helpers to make files."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from nacl.public import PrivateKey
from PIL import Image

from tocsin.config import Settings, load_settings
from tocsin.intake import crypto
from tocsin.reference.countries import lookup
from tocsin.store.db import Database
from tocsin.store.models import Country, User
from tocsin.web.app import create_app

PASSWORDS = {role: f"{role}-password-123" for role in ("viewer", "analyst", "reviewer", "admin")}
GPS = {1: "N", 2: (12.0, 30.0, 15.0), 3: "E", 4: (45.0, 10.0, 5.0)}


COUNTRIES = ("SDN", "TCD", "MMR")


@lru_cache(maxsize=1)
def _password_hashes() -> dict[str, str]:
    hasher = PasswordHasher()
    return {role: hasher.hash(password) for role, password in PASSWORDS.items()}


def fill(db: Database) -> None:
    """A few countries from the reference table and one user per role."""
    with db.session() as s:
        for code in COUNTRIES:
            ref = lookup(code)
            s.add(Country(code=ref.code, name=ref.name, iso3=ref.iso3, gwcode=ref.gwcode))
        for role in PASSWORDS:  # hashes made once per session (Argon2 is slow on purpose)
            s.add(User(username=role, password_hash=_password_hashes()[role], role=role))


@pytest.fixture
def keyed_settings(tmp_path: Path) -> tuple[Settings, PrivateKey, Path]:
    """Settings whose data dir has an intake public key; the private key lives outside."""
    settings = load_settings(data_dir=tmp_path / "data")
    private_path = tmp_path / "offline" / "intake-private.key"
    crypto.init_keys(settings.data_dir, private_path)
    return settings, crypto.load_private_key(private_path), private_path


@pytest.fixture
def intake_db(database: Database) -> Database:
    """A filled database on SQLite and PostgreSQL."""
    fill(database)
    return database


@pytest.fixture
def sqlite_intake_db(sqlite_database: Database) -> Database:
    """A filled SQLite database."""
    fill(sqlite_database)
    return sqlite_database


@pytest.fixture
def app_client(keyed_settings, intake_db: Database) -> Iterator[TestClient]:  # noqa: ANN001
    """A test client of the full app (both backends)."""
    settings, _key, _path = keyed_settings
    with TestClient(create_app(settings, intake_db)) as client:
        yield client


@pytest.fixture
def sqlite_client(keyed_settings, sqlite_intake_db: Database) -> Iterator[TestClient]:  # noqa: ANN001
    """A test client of the full app (SQLite)."""
    settings, _key, _path = keyed_settings
    with TestClient(create_app(settings, sqlite_intake_db)) as client:
        yield client


def jpeg_with_gps(make: str = "PhoneMaker", serial: str = "SN-4471-XYZ") -> bytes:
    """A small JPEG whose EXIF has a GPS position, a maker and a body serial number."""
    image = Image.new("RGB", (80, 60), (180, 40, 40))
    exif = Image.Exif()
    exif[0x010F] = make
    exif[0x0110] = "Model Z"
    exif[0x8825] = GPS
    exif.get_ifd(0x8769)[0xA431] = serial  # BodySerialNumber
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


@lru_cache(maxsize=2)
def zip_bomb_docx(size: int = 120 * 1024 * 1024) -> bytes:
    """A .docx-shaped archive whose one part inflates to ``size`` bytes of zeros."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(size >> 20):
                member.write(chunk)
    return out.getvalue()


def csrf_from(html: str) -> str:
    """The CSRF token of the first form in a page."""
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no CSRF token in the page"
    return match.group(1)


def login(client: TestClient, role: str) -> None:
    """Log the client in as the user named after ``role``."""
    page = client.get("/login")
    response = client.post(
        "/login",
        data={"username": role, "password": PASSWORDS[role], "csrf_token": csrf_from(page.text)},
        follow_redirects=False,
    )
    assert response.status_code in (302, 303), response.text
