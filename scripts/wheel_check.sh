#!/usr/bin/env bash
# Build the wheel, install it (dependencies from the lock) in a fresh virtual environment
# outside the checkout, and run it there: `inspektion init --demo` and one HTTP request.
# Proves the wheel carries what it needs (reference data, templates, static files).
set -euo pipefail
cd "$(dirname "$0")/.."
checkout="$PWD"
work="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

python3 -m venv "$work/venv"
py="$work/venv/bin/python"
"$py" -m pip install -q --upgrade "pip>=24,<26"
"$py" -m pip install -q --require-hashes -r "$checkout/requirements.lock"
"$py" -m pip wheel -q --no-deps --no-build-isolation -w "$work/dist" "$checkout"
"$py" -m pip install -q --no-deps "$work"/dist/inspektion-*.whl

cd "$work"  # nothing of the checkout from here on
export INSPEKTION_DATABASE_URL="sqlite:///$work/wheel.sqlite" INSPEKTION_SCHEDULER=0
unset INSPEKTION_FIXTURES
"$work/venv/bin/inspektion" init --demo
port=$("$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$work/venv/bin/uvicorn" inspektion.asgi:app --host 127.0.0.1 --port "$port" \
  --log-level warning &
server=$!
for _ in $(seq 1 120); do
  if "$py" -c "import httpx,sys; sys.exit(httpx.get('http://127.0.0.1:$port/health').status_code != 200)" 2>/dev/null; then
    break
  fi
  sleep 1
done
"$py" - "$port" <<'PY'
import sys

import httpx

base = f"http://127.0.0.1:{sys.argv[1]}"
kommuner = httpx.get(f"{base}/api/kommuner", timeout=30)
login = httpx.get(f"{base}/logga-in", timeout=30)
token = httpx.post(f"{base}/api/auth/login", timeout=30,
                   json={"username": "inspektor", "password": "demo"}).json()["token"]
mine = httpx.get(f"{base}/api/kommuner", timeout=30, headers={"Authorization": f"Bearer {token}"})
assert mine.status_code == 200 and len(mine.json()) == 290, mine.text[:300]
assert login.status_code == 200 and "Logga in" in login.text, login.text[:300]
print(f"hjulet kör utanför utcheckningen: {len(mine.json())} kommuner, inloggningssidan "
      f"{login.status_code}, /api/kommuner utan inloggning {kommuner.status_code}")
PY
