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
.venv/bin/ruff check tocsin tests bench
.venv/bin/python -m pytest "$@"
