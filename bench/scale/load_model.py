"""Bench: a realistic load on `inspektion serve --workers N` (issue 17).

    BENCH_DATABASE_URL=postgresql://… .venv/bin/python bench/scale/load_model.py \
        --workers 1 2 --scale 1 5 --seconds 60

On a database filled by `inspektion generate`. The model is the busiest hour of a national
campaign: 400 inspectors, 30 coordinators and 10 jurists at work at once, each doing one
thing, then reading or thinking for a while (exponential think time) before the next:

- inspektör (400, 80 per region), think time 30 s on average: the region's case list 35 %,
  a case page 40 %, a step 15 % (the case page, then a krav added with the version read),
  the draft of an inspektionsmeddelande as PDF 5 %, the campaign figures 5 %;
- samordnare (30, 6 per region), 20 s: the campaign figures 40 %, the coverage map 20 %,
  the case list 40 %;
- jurist (10), 20 s: the national case list 40 %, a case page 50 %, a letter draft as PDF 10 %.

That is about 15 actions a second at the modelled peak (`--scale 1`); `--scale 5` divides every
think time by five (about 77 a second). The virtual users share one logged-in account per
role and region (logging 440 users in would only measure the password hash). Each run starts
the real server (`inspektion serve --workers N`, pool of 10 per process) and the load from
this process on the same machine, warms up for `--warmup` seconds, then measures for
`--seconds`. Reported per run and per action: count, p50/p95/p99 in ms, errors (5xx, timeouts,
refused connections; a 409 for a version another user changed first is the app's answer, not
an error, and is counted apart), achieved actions per second, and the load average.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
URL = os.environ.get("BENCH_DATABASE_URL", "")
PORT = 8317
PASSWORD = "bench-losenord"
REGIONS = ["IRN-Nord", "IRM-Mitt", "IRÖ-Öst", "IRV-Väst", "IRS-Syd"]
TEMPLATES = ["introduktion-rutiner", "krisstod-rutiner", "arbetsbelastning-riskbedomning"]


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


@dataclass
class World:
    tokens: dict[str, str]  # "inspektor:IRS-Syd", "samordnare:IRS-Syd", "jurist"
    cases: dict[str, list[int]]  # region → case ids
    open_cases: dict[str, list[int]]  # region → cases where a krav may be added
    campaign_id: int


async def prepare() -> World:
    """Accounts (one per role and region), and the ids the users pick from."""
    os.environ["INSPEKTION_DATABASE_URL"] = URL
    from inspektion.db.engine import bind_database
    from inspektion.db.tables import Case, User
    from inspektion.services import users

    bind_database(URL)
    tokens: dict[str, str] = {}
    for role, regions in (("inspektor", REGIONS), ("samordnare", REGIONS), ("jurist", [None])):
        for region in regions:
            name = f"load.{role}.{region or 'riket'}".lower().replace("ö", "o")
            if not await User.exists().where(User.username == name):
                await users.add_user(name, PASSWORD, role, region)
            key = f"{role}:{region}" if region else role
            tokens[key] = str((await users.login(name, PASSWORD)).token)
    rows = await Case.raw(
        "SELECT c.campaign, COUNT(*) AS n FROM case_file c JOIN campaign k ON k.id = c.campaign "
        "WHERE NOT k.archived GROUP BY c.campaign ORDER BY n DESC LIMIT 1")
    campaign_id = int(rows[0]["campaign"])
    cases: dict[str, list[int]] = defaultdict(list)
    open_cases: dict[str, list[int]] = defaultdict(list)
    for region in REGIONS:  # the newest cases of each region (the users' own)
        for r in await Case.raw(
                "SELECT c.id, c.status FROM case_file c JOIN region r ON r.id = c.region "
                "WHERE c.campaign = {} AND r.code = {} ORDER BY c.id DESC LIMIT 4000",
                campaign_id, region):
            cases[region].append(int(r["id"]))
            if r["status"] == "pagaende":
                open_cases[region].append(int(r["id"]))
    return World(tokens, cases, open_cases, campaign_id)


@dataclass
class Tally:
    ms: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    stale: int = 0
    refused: int = 0
    measuring: bool = False

    def add(self, action: str, started: float, ok: bool) -> None:
        if not self.measuring:
            return
        if ok:
            self.ms[action].append((time.perf_counter() - started) * 1000)
        else:
            self.errors[action] += 1


async def _get(client: httpx.AsyncClient, path: str, token: str) -> httpx.Response:
    return await client.get(path, headers={"Authorization": f"Bearer {token}"})


async def act(client: httpx.AsyncClient, world: World, tally: Tally, rng: random.Random,
              role: str, region: str | None) -> None:
    """One action of one user, timed as the user waits for it."""
    token = world.tokens[f"{role}:{region}" if region else role]
    pool = world.cases[region] if region else [c for v in world.cases.values() for c in v[:500]]
    roll = rng.random()
    if role == "inspektor":
        action = ("list" if roll < 0.35 else "case" if roll < 0.75 else "step" if roll < 0.90
                  else "letter" if roll < 0.95 else "figures")
    elif role == "samordnare":
        action = "figures" if roll < 0.4 else "map" if roll < 0.6 else "list"
    else:
        action = "list" if roll < 0.4 else "case" if roll < 0.9 else "letter"
    started = time.perf_counter()
    try:
        if action == "list":
            r = await _get(client, "/api/cases?limit=50", token)
        elif action == "case":
            r = await _get(client, f"/api/cases/{rng.choice(pool)}", token)
        elif action == "letter":  # the draft of an inspektionsmeddelande, rendered as PDF
            case_id = rng.choice(world.open_cases.get(region or "", []) or pool)
            r = await _get(client, f"/api/cases/{case_id}/preview/inspektionsmeddelande"
                           f"?svar_senast={date.today() + timedelta(days=30)}", token)
        elif action == "figures":
            r = await _get(client, f"/api/stats?campaign_id={world.campaign_id}", token)
        elif action == "map":
            r = await _get(client, f"/api/maps/coverage?campaign_id={world.campaign_id}", token)
        else:  # a step: read the case, then add a krav with the version read
            case_id = rng.choice(world.open_cases.get(region or "", []) or pool)
            page = await _get(client, f"/api/cases/{case_id}", token)
            if page.status_code != 200:
                tally.add(action, started, False)
                return
            r = await client.post(f"/api/cases/{case_id}/krav", json={
                "version": page.json()["version"], "template_id": rng.choice(TEMPLATES)},
                headers={"Authorization": f"Bearer {token}"})
            if r.status_code == 409:
                if tally.measuring:
                    tally.stale += 1
                tally.add(action, started, True)
                return
        if r.status_code == 409:  # refused by the rules (a letter without krav): an answer
            tally.refused += 1 if tally.measuring else 0
            tally.add(action, started, True)
            return
        tally.add(action, started, r.status_code < 400)
    except (httpx.TransportError, httpx.TimeoutException):
        tally.add(action, started, False)


async def user(client: httpx.AsyncClient, world: World, tally: Tally, seed: int, role: str,
               region: str | None, think: float, until: float) -> None:
    rng = random.Random(seed)
    await asyncio.sleep(rng.uniform(0, think))  # users do not all start at once
    while time.perf_counter() < until:
        await act(client, world, tally, rng, role, region)
        await asyncio.sleep(rng.expovariate(1 / think))


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p * (len(values) - 1)))] if values else 0.0


async def run(world: World, scale: float, warmup: float, seconds: float) -> dict[str, Any]:
    tally = Tally()
    limits = httpx.Limits(max_connections=200, max_keepalive_connections=200)
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{PORT}", timeout=10,
                                 limits=limits) as client:
        until = time.perf_counter() + warmup + seconds
        crowd = ([("inspektor", REGIONS[i % 5], 30.0) for i in range(400)]
                 + [("samordnare", REGIONS[i % 5], 20.0) for i in range(30)]
                 + [("jurist", None, 20.0) for _ in range(10)])
        tasks = [asyncio.create_task(user(client, world, tally, i, role, region,
                                          think / scale, until))
                 for i, (role, region, think) in enumerate(crowd)]
        await asyncio.sleep(warmup)
        tally.measuring, before = True, load()
        await asyncio.sleep(seconds)
        tally.measuring, after = False, load()
        await asyncio.gather(*tasks)
    return {"tally": tally, "load": f"{before} → {after}"}


def start_server(workers: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "INSPEKTION_DATABASE_URL": URL, "INSPEKTION_SCHEDULER": "0"}
    proc = subprocess.Popen([sys.executable, "-m", "inspektion.cli", "serve", "--port", str(PORT),
                             "--workers", str(workers)], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(600):
        try:
            if httpx.get(f"http://127.0.0.1:{PORT}/health", timeout=1).status_code == 200:
                return proc
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    proc.kill()
    raise SystemExit("Servern svarade inte.")


def report(workers: int, scale: float, seconds: float, out: dict[str, Any]) -> None:
    tally: Tally = out["tally"]
    every = [v for vs in tally.ms.values() for v in vs]
    done = len(every) + sum(tally.errors.values())
    print(f"\n### workers {workers}, scale ×{scale:g}: {done / seconds:.1f} actions/s, "
          f"load average {out['load']}, {tally.stale} stale steps (409), "
          f"{tally.refused} refused by the rules (409)")
    print("| action | n | p50 ms | p95 ms | p99 ms | errors |\n|---|---:|---:|---:|---:|---:|")
    for action in [*sorted(tally.ms), "all"]:
        values = every if action == "all" else tally.ms[action]
        errors = (sum(tally.errors.values()) if action == "all"
                  else tally.errors.get(action, 0))
        med = statistics.median(values) if values else 0.0
        print(f"| {action} | {len(values)} | {med:.1f} | {pct(values, 0.95):.1f} | "
              f"{pct(values, 0.99):.1f} | {errors} |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--scale", type=float, nargs="+", default=[1, 5])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--warmup", type=float, default=10)
    args = parser.parse_args()
    if not URL:
        raise SystemExit("Sätt BENCH_DATABASE_URL till en databas fylld av inspektion generate.")
    world = asyncio.run(prepare())
    print(f"campaign {world.campaign_id}; cases per region: "
          + ", ".join(f"{k} {len(v)}" for k, v in sorted(world.cases.items())))
    for workers in args.workers:
        proc = start_server(workers)
        try:
            for scale in args.scale:
                out = asyncio.run(run(world, scale, args.warmup, args.seconds))
                report(workers, scale, args.seconds, out)
        finally:
            proc.terminate()
            proc.wait(timeout=30)


if __name__ == "__main__":
    main()
