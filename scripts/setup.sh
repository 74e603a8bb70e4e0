#!/usr/bin/env bash
# Create .venv and install Tocsin into it (with test extras when given "test").
# Also install the system packages the tests need (PostgreSQL, Chromium) when run
# as root or with sudo; without them those tests skip and say why.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
extras=${1:-}

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/pip install -q --upgrade pip
# Map geometry (Natural Earth via the npm package world-atlas); see tocsin/web/geometry.py.
if [ ! -f .build/npm/node_modules/world-atlas/countries-110m.json ]; then
  if command -v npm >/dev/null; then
    npm install --silent --no-audit --no-fund --prefix .build/npm world-atlas@2.0.2 >/dev/null
  else
    echo "setup: npm not found; the world map will be replaced by a table" >&2
  fi
fi
# libsodium.js for the analysts' in-browser reader of sealed reports (served by
# tocsin/web/intake/reader.py; the same sealed boxes as PyNaCl).
if [ ! -f .build/npm/node_modules/libsodium-wrappers/dist/modules/libsodium-wrappers.js ]; then
  if command -v npm >/dev/null; then
    npm install --silent --no-audit --no-fund --prefix .build/npm libsodium-wrappers@0.7.15 >/dev/null
  else
    echo "setup: npm not found; analysts will read sealed reports offline (tocsin intake decrypt)" >&2
  fi
fi
if [ "$extras" = "test" ]; then
  .venv/bin/pip install -q -e ".[test]"
else
  .venv/bin/pip install -q -e .
fi
# Bytecode ahead of time, so every `tocsin` process (CLI, server) starts from it, also
# where PYTHONDONTWRITEBYTECODE keeps Python from writing it on first import.
.venv/bin/python -m compileall -q tocsin
