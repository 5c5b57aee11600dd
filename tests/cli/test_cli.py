"""The command line on a temporary database: init, user add, serve, login, read kommuner."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run(args: list[str], env: dict[str, str], stdin: str | None = None
         ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "inspektion.cli", *args], env=env, input=stdin,
                          capture_output=True, text=True, timeout=180)


def test_init_user_add_serve_login_and_read_kommuner(tmp_path: Path) -> None:
    env = {**os.environ, "INSPEKTION_DATABASE_URL": f"sqlite:///{tmp_path}/cli.sqlite",
           "INSPEKTION_SCHEDULER": "0"}
    assert _run(["init"], env).returncode == 0
    added = _run(["user", "add", "kalle", "--role", "inspektor", "--region", "IRV-Väst",
                  "--password-stdin"], env, stdin="hemligt-lösen\n")
    assert added.returncode == 0, added.stderr
    dup = _run(["user", "add", "kalle", "--role", "inspektor", "--region", "IRV-Väst",
                "--password-stdin"], env, stdin="x1234\n")
    assert dup.returncode == 2 and "finns redan" in dup.stderr
    bad = _run(["user", "add", "olle", "--role", "chef", "--password-stdin"], env, stdin="x1234\n")
    assert bad.returncode == 2 and "Okänd roll" in bad.stderr
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "inspektion.cli", "serve", "--port",
                               str(port)], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "servern startade inte"
            time.sleep(0.3)
        login = httpx.post(f"{base}/api/auth/login",
                           json={"username": "kalle", "password": "hemligt-lösen"})
        assert login.status_code == 200
        token = login.json()["token"]
        kommuner = httpx.get(f"{base}/api/kommuner",
                             headers={"Authorization": f"Bearer {token}"})
        assert kommuner.status_code == 200 and len(kommuner.json()) == 290
        assert {"kommunkod", "namn", "lan", "region"} <= set(kommuner.json()[0])
        assert httpx.get(f"{base}/schema/openapi.json").status_code == 200
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_demo_init_then_letter_writes_the_stored_pdf(tmp_path: Path) -> None:
    env = {**os.environ, "INSPEKTION_DATABASE_URL": f"sqlite:///{tmp_path}/demo.sqlite",
           "INSPEKTION_SCHEDULER": "0", "INSPEKTION_TODAY": "2026-11-23"}
    done = _run(["init", "--demo"], env)
    assert done.returncode == 0, done.stderr
    out = tmp_path / "brev.pdf"
    letter = _run(["letter", "2026/000003", "--kind", "inspektionsmeddelande", "--format", "pdf",
                   "--out", str(out)], env)
    assert letter.returncode == 0, letter.stderr
    assert out.read_bytes().startswith(b"%PDF")
    missing = _run(["letter", "2026/000001", "--kind", "forelaggande", "--format", "pdf",
                    "--out", str(tmp_path / "x.pdf")], env)
    assert missing.returncode == 2 and "inget utfärdat" in missing.stderr


def test_stats_check_and_rebuild_of_the_rollup(tmp_path: Path) -> None:
    """`inspektion stats --check` finds a rollup gone wrong behind the app's back and
    `--rebuild` repairs it (issue 17)."""
    import sqlite3

    path = tmp_path / "rollup.sqlite"
    env = {**os.environ, "INSPEKTION_DATABASE_URL": f"sqlite:///{path}",
           "INSPEKTION_SCHEDULER": "0", "INSPEKTION_TODAY": "2026-11-23"}
    assert _run(["init", "--demo"], env).returncode == 0
    ok = _run(["stats", "--check"], env)
    assert ok.returncode == 0 and "stämmer med tabellerna" in ok.stdout, ok.stdout + ok.stderr
    with sqlite3.connect(path) as db:
        db.execute("UPDATE kommun_rollup SET n = n + 1 WHERE part = 'krav'")
    wrong = _run(["stats", "--check"], env)
    assert wrong.returncode == 1 and "--rebuild" in wrong.stdout
    fixed = _run(["stats", "--rebuild"], env)
    assert fixed.returncode == 0 and "omskriven" in fixed.stdout, fixed.stdout + fixed.stderr
