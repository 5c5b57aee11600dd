"""Benchmark: API throughput, latency and memory against a raw-asyncpg baseline.

Run by hand on a generated database (bench/README.md, "API"):

    createdb -h 127.0.0.1 -U postgres inspektion_bench
    INSPEKTION_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/inspektion_bench \
        .venv/bin/inspektion init
    INSPEKTION_DATABASE_URL=... .venv/bin/inspektion generate --cases 200000 --seed 1
    .venv/bin/python bench/api/bench_api.py --workers 1 --rounds 3 --duration 10

Both servers run under uvicorn with the same number of workers; wrk (Debian package) drives
them from the same two cores, alternating ours and the baseline in every round so machine
noise falls on both. Reported: requests/s, p99 latency and the server's CPU time per request
per endpoint (median and min–max over the rounds), and the peak RSS of one app process
during the load. On a shared machine requests/s moves with the other load; CPU time per
request much less, so the ratio is given both ways.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
URL = os.environ.get("BENCH_DATABASE_URL",
                     "postgresql://postgres@127.0.0.1:5432/inspektion_bench")
USER, PASSWORD, REGION = "bench.inspektor", "bench-losenord", "IRS-Syd"


async def prepare(url: str) -> tuple[str, list[int]]:
    """A bench inspector (created once through the service), a token, case ids of the region."""
    os.environ["INSPEKTION_DATABASE_URL"] = url
    from inspektion.db.engine import bind_database
    from inspektion.db.tables import Case, User
    from inspektion.services import users

    bind_database(url)
    if not await User.exists().where(User.username == USER):
        await users.add_user(USER, PASSWORD, "inspektor", REGION)
    token = (await users.login(USER, PASSWORD)).token
    rows = await Case.raw('SELECT c.id FROM case_file c JOIN region r ON r.id = c.region '
                          'WHERE r.code = {} ORDER BY random() LIMIT 500', REGION)
    return token, [int(r["id"]) for r in rows]


def lua_scripts(token: str, ids: list[int], folder: Path) -> dict[str, Path]:
    head = f'wrk.headers["Authorization"] = "Bearer {token}"\n'
    listing = folder / "list.lua"
    listing.write_text(head + 'wrk.path = "/api/cases?limit=50"\n')
    detail = folder / "detail.lua"
    detail.write_text(head + "ids = {" + ",".join(map(str, ids)) + "}\n"
                      'request = function()\n'
                      '  return wrk.format("GET", "/api/cases/" .. ids[math.random(#ids)])\n'
                      'end\n')
    return {"lista": listing, "ärende": detail}


def start(module: str, port: int, workers: int, url: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "INSPEKTION_DATABASE_URL": url, "BENCH_DATABASE_URL": url,
           "INSPEKTION_SCHEDULER": "0", "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [str(ROOT / ".venv/bin/uvicorn"), module, "--port", str(port), "--workers",
         str(workers), "--log-level", "warning", "--no-access-log"], env=env, cwd=ROOT)


def wait_ready(port: int, timeout: float = 30) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/cases", timeout=2)
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise SystemExit(f"servern på port {port} svarade inte")


def app_pids(master: int) -> list[int]:
    """The uvicorn worker processes (or the master itself when it serves alone)."""
    kids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                status = (entry / "status").read_text()
            except OSError:
                continue
            cmdline = (entry / "cmdline").read_bytes().decode(errors="ignore")
            # uvicorn's workers are multiprocessing children ("spawn_main"); its resource
            # tracker is one too, and is not a worker.
            if re.search(rf"^PPid:\s+{master}$", status, re.M) and "spawn_main" in cmdline \
                    and "resource_tracker" not in cmdline:
                kids.append(int(entry.name))
    return kids or [master]


def rss_mb(pid: int) -> float:
    match = re.search(r"^VmRSS:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text(), re.M)
    return int(match.group(1)) / 1024 if match else 0.0


def cpu_s(pid: int) -> float:
    """User + system CPU seconds of a process (fields 14 and 15 of /proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wrk(port: int, script: Path, seconds: int, connections: int,
        watch: list[int]) -> dict[str, float]:
    """One wrk run: throughput, latency, errors; the peak RSS of the server processes sampled
    during the load, and their CPU time per request (what a request costs, whatever else
    the machine is doing)."""
    cpu_before = sum(cpu_s(p) for p in watch)
    proc = subprocess.Popen(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", str(script),
         f"http://127.0.0.1:{port}"], stdout=subprocess.PIPE, text=True)
    peak = 0.0
    while proc.poll() is None:
        peak = max([peak, *(rss_mb(p) for p in watch)])
        time.sleep(0.25)
    out = proc.communicate()[0]
    cpu = sum(cpu_s(p) for p in watch) - cpu_before
    if proc.returncode:
        raise SystemExit(f"wrk misslyckades: {out}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
    assert p99 is not None, out
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
                       out)
    total = float(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    return {"rps": rps, "p99_ms": float(p99.group(1)) * scale, "rss_mb": peak,
            "cpu_ms": 1000 * cpu / max(total, 1.0),
            "non2xx": float(bad.group(1)) if bad else 0.0,
            "socket_errors": float(sum(map(int, errors.groups()))) if errors else 0.0}


def spread(values: list[float]) -> str:
    return (f"{statistics.median(values):8.1f}  ({min(values):.1f}–{max(values):.1f})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default=URL)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    token, ids = asyncio.run(prepare(args.url))
    folder = Path(tempfile.mkdtemp(prefix="bench-api-"))
    scripts = lua_scripts(token, ids, folder)
    servers = {"inspektion": (8101, "inspektion.asgi:app"),
               "asyncpg-baslinje": (8102, "bench.api.baseline:app")}
    procs = {name: start(module, port, args.workers, args.url)
             for name, (port, module) in servers.items()}
    results: dict[tuple[str, str], list[dict[str, float]]] = {}
    peak_rss = 0.0
    try:
        for port, _ in servers.values():
            wait_ready(port)
        for port, _ in servers.values():  # warm-up: pools, statement caches
            for script in scripts.values():
                wrk(port, script, 2, args.connections, [])
        for _ in range(args.rounds):
            for endpoint, script in scripts.items():
                for name, (port, _) in servers.items():
                    got = wrk(port, script, args.duration, args.connections,
                              app_pids(procs[name].pid))
                    results.setdefault((name, endpoint), []).append(got)
                    if name == "inspektion":
                        peak_rss = max(peak_rss, got["rss_mb"])
    finally:
        for proc in procs.values():
            proc.terminate()
            proc.wait(10)
    print(f"\nuvicorn --workers {args.workers}, wrk -t2 -c{args.connections} "
          f"-d{args.duration}s, {args.rounds} omgångar; median (min–max)")
    print(f"{'server':18} {'slutpunkt':8} {'req/s':>26} {'p99 ms':>24} "
          f"{'CPU ms/anrop':>22}  fel")
    for (name, endpoint), runs in sorted(results.items(), key=lambda x: (x[0][1], x[0][0])):
        errors = sum(r["non2xx"] + r["socket_errors"] for r in runs)
        print(f"{name:18} {endpoint:8} {spread([r['rps'] for r in runs]):>26} "
              f"{spread([r['p99_ms'] for r in runs]):>24} "
              f"{spread([r['cpu_ms'] for r in runs]):>22}  {errors:.0f}")
    for endpoint in scripts:
        ours = statistics.median(r["rps"] for r in results[("inspektion", endpoint)])
        base = statistics.median(r["rps"] for r in results[("asyncpg-baslinje", endpoint)])
        ours_cpu = statistics.median(r["cpu_ms"] for r in results[("inspektion", endpoint)])
        base_cpu = statistics.median(r["cpu_ms"]
                                     for r in results[("asyncpg-baslinje", endpoint)])
        print(f"{endpoint}: inspektion / baslinje = {ours / base:.0%} i req/s, "
              f"{base_cpu / ours_cpu:.0%} räknat på CPU-tid per anrop (mål ≥ 50 %)")
    print(f"största RSS för en app-process under lasten: {peak_rss:.0f} MB (mål < 300 MB)")


if __name__ == "__main__":
    main()
