"""Benchmark: `inspektion serve` from start to its first answered request.

Run by hand on the generated bench database (bench/README.md, "Start och minne"):

    .venv/bin/python bench/scale/startup.py --runs 10

Each run starts the real command (`inspektion serve`, which also migrates and checks the
reference data, as in production) in a new process, polls GET /health every 20 ms until it
answers 200, and then a logged-in GET /api/cases until that answers 200 too (the first real
page: the pool and the first queries). Reported: median and min–max over the runs, and the
resident memory of the process right after, and the CPU time the process had used when
it first answered (user + system; on a shared machine the wall time includes waiting for
the CPU, the CPU time much less so).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
URL = os.environ.get("BENCH_DATABASE_URL",
                     "postgresql://postgres@127.0.0.1:5432/inspektion_bench")
USER, PASSWORD, REGION = "bench.inspektor", "bench-losenord", "IRS-Syd"
PORT = 8301


async def token(url: str) -> str:
    os.environ["INSPEKTION_DATABASE_URL"] = url
    from inspektion.db.engine import bind_database
    from inspektion.db.tables import User
    from inspektion.services import users

    bind_database(url)
    if not await User.exists().where(User.username == USER):
        await users.add_user(USER, PASSWORD, "inspektor", REGION)
    return str((await users.login(USER, PASSWORD)).token)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_s(pid: int) -> float:
    """User + system CPU seconds of a process: less sensitive to other load than wall time."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def one_run(url: str, bearer: str) -> tuple[float, float, float, float]:
    env = {**os.environ, "INSPEKTION_DATABASE_URL": url, "INSPEKTION_SCHEDULER": "0"}
    started = time.perf_counter()
    proc = subprocess.Popen([str(ROOT / ".venv/bin/inspektion"), "serve", "--port", str(PORT)],
                            env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
    try:
        health = cases = None
        cpu = 0.0
        while time.perf_counter() - started < 60:
            try:
                if health is None:
                    if httpx.get(f"http://127.0.0.1:{PORT}/health", timeout=5).status_code == 200:
                        health = time.perf_counter() - started
                        cpu = cpu_s(proc.pid)
                        continue
                else:
                    r = httpx.get(f"http://127.0.0.1:{PORT}/api/cases?limit=50", timeout=5,
                                  headers={"Authorization": f"Bearer {bearer}"})
                    if r.status_code == 200:
                        cases = time.perf_counter() - started
                        break
            except httpx.HTTPError:
                pass
            time.sleep(0.02)
        if health is None or cases is None:
            raise SystemExit("inspektion serve svarade inte inom 60 s")
        return health, cases, rss_mb(proc.pid), cpu
    finally:
        proc.terminate()
        proc.wait(10)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default=URL)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    bearer = asyncio.run(token(args.url))
    runs = [one_run(args.url, bearer) for _ in range(args.runs)]

    def spread(values: list[float], unit: str = "s") -> str:
        return (f"{statistics.median(values):.2f} {unit} "
                f"({min(values):.2f}–{max(values):.2f})")

    print(f"inspektion serve, {args.runs} starter; median (min–max)")
    print(f"  till första svar på /health:     {spread([r[0] for r in runs])}  (mål < 2 s)")
    print(f"  till första ärendelista (inlogg): {spread([r[1] for r in runs])}")
    print(f"  CPU-tid till /health (user+sys):  {spread([r[3] for r in runs])}")
    print(f"  minne (RSS) efter start:          {spread([r[2] for r in runs], 'MB')}")


if __name__ == "__main__":
    main()
