#!/usr/bin/env bash
# Set up (first run) and start inspektion on SQLite with reference and demo data.
set -euo pipefail
cd "$(dirname "$0")"
VENV="${INSPEKTION_VENV:-.venv}"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --upgrade "pip>=24,<26"
# Every dependency from the lock, pinned and checked against its hash (scripts/lock.sh).
"$VENV/bin/python" -m pip install -q --require-hashes -r requirements.lock
"$VENV/bin/python" -m pip install -q --no-deps --no-build-isolation -e .
exec "$VENV/bin/inspektion" serve --demo "$@"
