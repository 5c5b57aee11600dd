#!/usr/bin/env bash
# Set up (first run) and start inspektion on SQLite with reference and demo data.
set -euo pipefail
cd "$(dirname "$0")"
VENV="${INSPEKTION_VENV:-.venv}"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --upgrade pip
"$VENV/bin/python" -m pip install -q -e .
exec "$VENV/bin/inspektion" serve --demo "$@"
