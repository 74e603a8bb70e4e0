#!/usr/bin/env bash
# Install and start the system services the full test suite uses: PostgreSQL
# (the multi-user store), Debian's Chromium + ChromeDriver (browser tests), and what
# the PDF reports need: Pango (WeasyPrint's text layout), Noto fonts (Latin, Arabic
# Naskh) with DejaVu as fallback, and poppler-utils (pdftoppm/pdftotext in report tests).
# Needs root (or sudo). Prints the PostgreSQL URL for the tests on its last line.
set -euo pipefail
SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "system-packages: not root and no sudo; PostgreSQL and browser tests will skip" >&2
    exit 0
  fi
fi
packages="postgresql chromium chromium-driver wrk"
packages="$packages libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-core fonts-dejavu-core poppler-utils libgomp1"
command -v npm >/dev/null || packages="$packages npm"
if ! dpkg -s $packages >/dev/null 2>&1; then
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q $packages
fi
version=$(ls /etc/postgresql | sort -n | tail -1)
$SUDO pg_ctlcluster "$version" main start 2>/dev/null || true
for _ in $(seq 1 30); do
  if su postgres -c "psql -qtAc 'select 1'" >/dev/null 2>&1; then break; fi
  sleep 1
done
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='tocsin'\"" | grep -q 1 ||
  su postgres -c "psql -q -c \"CREATE ROLE tocsin LOGIN PASSWORD 'tocsin' CREATEDB\""
echo "postgresql+psycopg://tocsin:tocsin@127.0.0.1:5432/postgres"
