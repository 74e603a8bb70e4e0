#!/usr/bin/env bash
# The test command (README): set up everything, then lint and run the whole suite
# on SQLite and a real PostgreSQL, with browser tests in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
pg_url=$(bash scripts/system-packages.sh | tail -1)
bash scripts/setup.sh test
if [ -n "$pg_url" ]; then
  export TOCSIN_TEST_PG_URL="$pg_url"
  [ "${CI:-}" = "true" ] && export TOCSIN_REQUIRE_PG=1
fi
# In CI a test whose real data (../shared/data) is missing fails instead of skipping.
[ "${CI:-}" = "true" ] && export TOCSIN_REQUIRE_SHARED_DATA=1
.venv/bin/ruff check tocsin tests bench scripts
.venv/bin/ruff format --check tocsin tests bench scripts
.venv/bin/mypy  # tocsin/, bench/ and scripts/; settings in pyproject.toml [tool.mypy]
# Two test processes (one per core): while one waits on a server, a browser or a subprocess,
# the other runs; each test file stays in one process so its module fixtures are built once.
.venv/bin/python -m pytest -n "${TOCSIN_TEST_WORKERS:-2}" --dist loadfile "$@"
