#!/usr/bin/env bash
# Set up (first run) and run the test suite. SQLite by default; set
# INSPEKTION_TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test for PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")"
VENV="${INSPEKTION_VENV:-.venv}"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --upgrade "pip>=24,<26"
# Every dependency from the lock, pinned and checked against its hash (scripts/lock.sh).
"$VENV/bin/python" -m pip install -q --require-hashes -r requirements.lock
"$VENV/bin/python" -m pip install -q --no-deps --no-build-isolation -e .
exec "$VENV/bin/python" -m pytest "$@"
