#!/usr/bin/env bash
# Regenerate requirements.lock from pyproject.toml: every dependency (the app's, the test and
# dev extras', and the build's setuptools) pinned to one version with its hashes. Run it after
# changing dependencies in pyproject.toml and commit both files. ./test.sh, ./start.sh and CI
# install from the lock with --require-hashes.
set -euo pipefail
cd "$(dirname "$0")/.."
tools="$(mktemp -d)"
trap 'rm -rf "$tools"' EXIT
python3 -m venv "$tools/venv"
"$tools/venv/bin/python" -m pip install -q "pip>=24,<26" "pip-tools==7.6.2"
CUSTOM_COMPILE_COMMAND="scripts/lock.sh" "$tools/venv/bin/pip-compile" -q --generate-hashes \
  --allow-unsafe --all-build-deps --no-emit-index-url --no-emit-find-links --extra test --extra dev --strip-extras \
  --output-file requirements.lock pyproject.toml
echo "requirements.lock skriven ($(grep -c '==' requirements.lock) paket)."
