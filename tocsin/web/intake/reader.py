"""Where the scripts of the analysts' reader come from.

Sealed boxes are opened in the analyst's browser with libsodium.js (npm
``libsodium-wrappers``, ISC licence), which ``scripts/setup.sh`` installs under
``.build/npm`` next to world-atlas; ``$TOCSIN_NPM_DIR`` points elsewhere. Nothing is
loaded from a CDN. ``reader.js`` (this package) loads the key file into page memory and
fills the page.
"""

from __future__ import annotations

import os
from pathlib import Path

import tocsin

HERE = Path(__file__).parent
ASSETS: dict[str, Path] = {
    "libsodium.js": Path("node_modules/libsodium/dist/modules/libsodium.js"),
    "libsodium-wrappers.js": Path(
        "node_modules/libsodium-wrappers/dist/modules/libsodium-wrappers.js"
    ),
    "reader.js": HERE / "static" / "reader.js",
}


def npm_dir() -> Path:
    """The local npm install: $TOCSIN_NPM_DIR, else the repository's .build/npm."""
    configured = os.environ.get("TOCSIN_NPM_DIR")
    if configured:
        return Path(configured)
    return Path(tocsin.__file__).resolve().parents[1] / ".build" / "npm"


def asset(name: str) -> Path | None:
    """The file of a reader script, or None if unknown or not installed."""
    relative = ASSETS.get(name)
    if relative is None:
        return None
    path = relative if relative.is_absolute() else npm_dir() / relative
    return path if path.is_file() else None


def available() -> bool:
    """True when libsodium.js is installed (else the page says how to install it)."""
    return all(asset(name) is not None for name in ASSETS)
