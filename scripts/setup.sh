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
if [ "$extras" = "test" ]; then
  .venv/bin/pip install -q -e ".[test]"
else
  .venv/bin/pip install -q -e .
fi
