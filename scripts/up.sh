#!/usr/bin/env bash
# The main job (README): set up .venv, then pull data, migrate, load, forecast and serve
# the dashboard on http://127.0.0.1:8000. Arguments go to `tocsin up` (e.g. --mirror DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/tocsin up "$@"
