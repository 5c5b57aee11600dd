"""Bench: the campaign figures and the coverage map's read model from the rollup (issue 17).

    BENCH_DATABASE_URL=postgresql://… .venv/bin/python bench/maps/bench_rollup.py --runs 20

On a database filled by `inspektion generate` (bench/README.md, "Generator"). For the open
campaign with the most cases, times `campaign_figures` (`GET /api/stats`, `inspektion
stats`) and `coverage_view` (the map's read model) three ways, with the connection pool
the app opens at start-up:

- first request of a fresh process: a new Python process per run, which opens the pool and
  answers one request (the time of that request, not of the interpreter's start);
- right after a step: a real krav added through services.krav.add_krav (its transaction
  refreshes the rollup) to an open case of the campaign before each run;
- otherwise: the same request again, nothing written in between.

For comparison, the plain grouped queries the figures were computed from before the rollup
(what the first request of a process paid, and what `inspektion stats --check` compares
with) are timed too. At the end the rollup is checked against them. The load average is
printed before and after, since the machine is shared.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
URL = os.environ.get("BENCH_DATABASE_URL", "")


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


async def _setup() -> dict[str, Any]:
    os.environ["INSPEKTION_DATABASE_URL"] = URL
    from inspektion.db.engine import bind_database
    from inspektion.db.pool import open_pool
    from inspektion.services.stats_rollup import campaign_or_404

    bind_database(URL)
    await open_pool()
    from inspektion.db.tables import Case

    rows = await Case.raw("SELECT campaign, COUNT(*) AS n FROM case_file c JOIN campaign k "
                          "ON k.id = c.campaign WHERE NOT k.archived GROUP BY campaign "
                          "ORDER BY n DESC LIMIT 1")
    return await campaign_or_404(int(rows[0]["campaign"]) if rows else None)


async def child(what: str) -> None:
    """One request in this fresh process; prints its milliseconds."""
    campaign = await _setup()
    from inspektion.services.map_views import coverage_view
    from inspektion.services.stats import campaign_figures

    call = campaign_figures if what == "figures" else coverage_view
    started = time.perf_counter()
    await call(int(campaign["id"]))
    print(f"{(time.perf_counter() - started) * 1000:.1f}")


def fresh(what: str, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        done = subprocess.run([sys.executable, __file__, "--child", what], capture_output=True,
                              text=True, check=True, env={**os.environ, "BENCH_DATABASE_URL": URL})
        out.append(float(done.stdout.strip().splitlines()[-1]))
    return out


async def timed(call: Callable[[], Awaitable[Any]], runs: int,
                before: Callable[[], Awaitable[Any]] | None = None) -> list[float]:
    out = []
    for _ in range(runs):
        if before is not None:
            await before()
        started = time.perf_counter()
        await call()
        out.append((time.perf_counter() - started) * 1000)
    return out


class Stepper:
    """Adds one krav to the next open case of the campaign, as its inspector would."""

    def __init__(self, campaign_id: int) -> None:
        self.campaign_id, self.cases, self.i = campaign_id, [], 0

    async def load(self) -> None:
        from inspektion.db.tables import Case

        rows = await Case.select(Case.id, Case.region.code.as_alias("region")).where(
            (Case.campaign == self.campaign_id) & (Case.status == "pagaende")).limit(200)
        self.cases = [(int(r["id"]), str(r["region"])) for r in rows]
        if not self.cases:
            raise SystemExit("Inga pågående ärenden i kampanjen att ta ett steg i.")

    async def __call__(self) -> None:
        from inspektion.db.tables import Case, User
        from inspektion.domain.access import Actor
        from inspektion.domain.roles import Role
        from inspektion.services import krav

        case_id, region = self.cases[self.i % len(self.cases)]
        self.i += 1
        user = await User.select(User.id, User.username).where(
            (User.role == "inspektor") & (User.region.code == region)).first()
        if user is None:  # a filled database without users (bench_stats_pg.py)
            from inspektion.services import users

            await users.add_user(f"bench.{region.lower()}", "bench-losenord", "inspektor",
                                 region)
            user = await User.select(User.id, User.username).where(
                (User.role == "inspektor") & (User.region.code == region)).first()
        assert user is not None
        version = (await Case.select(Case.version).where(Case.id == case_id).first() or {})
        actor = Actor(int(user["id"]), str(user["username"]), Role.INSPEKTOR, region)
        await krav.add_krav(actor, krav.AddKrav(case_id, int(version["version"]),
                                                template_id="introduktion-rutiner"))


def row(name: str, values: list[float]) -> str:
    values = sorted(values)
    p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
    return (f"| {name} | {statistics.median(values):.1f} | {p95:.1f} | "
            f"{values[0]:.1f}–{values[-1]:.1f} | {len(values)} |")


async def main(runs: int, fresh_runs: int) -> None:
    print(f"load average before: {load()}")
    campaign = await _setup()
    cid = int(campaign["id"])
    from inspektion.db.tables import Case, Krav
    from inspektion.services import rollup_check
    from inspektion.services.map_views import coverage_view
    from inspektion.services.stats import campaign_figures
    from inspektion.services.stats_rollup import as_of, fetch_direct

    cases = await Case.count().where(Case.campaign == cid)
    krav = await Krav.count()
    print(f"campaign {campaign['name']} (id {cid}): {cases} cases; {krav} krav in the database")
    lines = ["| what | median ms | p95 ms | min–max ms | runs |", "|---|---:|---:|---:|---:|"]
    lines.append(row("figures, first request of a fresh process", fresh("figures", fresh_runs)))
    lines.append(row("coverage, first request of a fresh process",
                     fresh("coverage", fresh_runs)))
    step = Stepper(cid)
    await step.load()
    lines.append(row("figures, right after a step (krav added)",
                     await timed(lambda: campaign_figures(cid), runs, step)))
    lines.append(row("coverage, right after a step (krav added)",
                     await timed(lambda: coverage_view(cid), runs, step)))
    lines.append(row("figures, nothing written since",
                     await timed(lambda: campaign_figures(cid), runs)))
    lines.append(row("coverage, nothing written since",
                     await timed(lambda: coverage_view(cid), runs)))
    step_ms = await timed(step, runs)
    lines.append(row("the step itself (add_krav, rollup refresh included)", step_ms))
    day = as_of(campaign)
    lines.append(row("plain grouped queries (before: every first request)",
                     await timed(lambda: fetch_direct(cid, day), max(3, runs // 4))))
    print("\n".join(lines))
    diff = await rollup_check.differences(cid)
    print("rollup equals the plain queries:", "yes" if not diff else f"NO: {diff}")
    print(f"load average after: {load()}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--fresh-runs", type=int, default=10)
    parser.add_argument("--child", choices=["figures", "coverage"])
    args = parser.parse_args()
    if not URL:
        raise SystemExit("Sätt BENCH_DATABASE_URL till en databas fylld av inspektion generate.")
    if args.child:
        asyncio.run(child(args.child))
    else:
        asyncio.run(main(args.runs, args.fresh_runs))
