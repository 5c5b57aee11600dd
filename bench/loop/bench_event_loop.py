"""Does CPU work stall the event loop? A real server (uvicorn, SQLite, demo data), measured
from outside while eight people log in and a letter with 200 krav is previewed.

Prints, for the code that is importable from the current directory:
- a case (GET /api/cases/{id}) alone, and while 8 logins run in parallel;
- /health every 10 ms while 8 logins and the large preview run: median and max.

Run from the project root:  .venv/bin/python bench/loop/bench_event_loop.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

USERS = ["inspektor", "inspektor2", "inspektor3", "samordnare", "jurist", "admin"]


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _grow(db: Path, krav: int) -> int:
    with sqlite3.connect(db) as con:
        con.row_factory = sqlite3.Row
        row = con.execute(
            'SELECT k.* FROM krav k JOIN case_file c ON c.id = k."case" '
            "JOIN region r ON r.id = c.region WHERE r.code = 'IRS-Syd' LIMIT 1").fetchone()
        columns = [c for c in row.keys() if c != "id"]  # noqa: SIM118 - sqlite3.Row
        sql = (f"INSERT INTO krav ({', '.join(chr(34) + c + chr(34) for c in columns)}) "
               f"VALUES ({', '.join('?' for _ in columns)})")
        for i in range(krav):
            values = {**dict(row), "number": 100 + i, "text": f"{row['text']} ({i})",
                      "state": "oppen"}
            con.execute(sql, [values[c] for c in columns])
        return int(row["case"])


async def _measure(url: str, case_id: int, rounds: int) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=300) as c:
        token = (await c.post("/api/auth/login", json={"username": "inspektor",
                                                         "password": "demo"})).json()["token"]
        h = {"Authorization": f"Bearer {token}"}
        preview = f"/api/cases/{case_id}/preview/inspektionsmeddelande"
        await c.get(preview, headers=h)  # warm-up

        async def timed(path: str) -> float:
            t = time.perf_counter()
            r = await c.get(path, headers=h)
            assert r.status_code == 200, r.text[:200]
            return time.perf_counter() - t

        async def login(i: int) -> None:
            await c.post("/api/auth/login", json={"username": USERS[i % 6], "password": "demo"})

        alone = [await timed(f"/api/cases/{case_id}") for _ in range(10)]
        busy = []
        for _ in range(rounds):
            logins = asyncio.gather(*(login(i) for i in range(8)))
            await asyncio.sleep(0.05)
            busy.append(await timed(f"/api/cases/{case_id}"))
            await logins
        health: list[float] = []
        for _ in range(rounds):
            load = asyncio.gather(c.get(preview, headers=h), *(login(i) for i in range(8)))
            while not load.done():
                t = time.perf_counter()
                await c.get("/health")
                health.append(time.perf_counter() - t)
                await asyncio.sleep(0.01)
            await load
        ms = 1000
        print(f"case alone: median {statistics.median(alone) * ms:.0f} ms")
        print(f"case during 8 logins: median {statistics.median(busy) * ms:.0f} ms, "
              f"max {max(busy) * ms:.0f} ms ({rounds} rounds)")
        print(f"/health during 8 logins + preview of 200 krav: {len(health)} samples, "
              f"median {statistics.median(health) * ms:.0f} ms, max {max(health) * ms:.0f} ms, "
              f"{sum(x > 0.05 for x in health)} over 50 ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="inspektion-bench-loop-"))
    env = {**os.environ, "INSPEKTION_DATABASE_URL": f"sqlite:///{tmp}/b.sqlite",
           "INSPEKTION_SCHEDULER": "0"}
    subprocess.run([sys.executable, "-m", "inspektion.cli", "init", "--demo"], env=env,
                   check=True, capture_output=True)
    case_id = _grow(tmp / "b.sqlite", 198)
    port = _port()
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "inspektion.asgi:app", "--port",
                             str(port), "--log-level", "warning"], env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{url}/health").status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        asyncio.run(_measure(url, case_id, args.rounds))
    finally:
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    main()
