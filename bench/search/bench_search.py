"""Benchmark: the case search and the filtered lists (issue 15) on the 200,000-case database.

What is timed is what a page or `GET /api/cases?q=` calls: `services.cases.list_cases` with
the app's connection pool, in one process (SQL, the round trip and the Python shaping of one
page of 50 rows), for an inspector (their region only) and a jurist (the whole country).
Run by hand on a generated database (bench/README.md, "Generator"; the migration writes the
search documents of cases already there, `inspektion generate` those it adds):

    BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/inspektion_bench \\
        .venv/bin/python bench/search/bench_search.py --runs 30

Each query is warmed up twice, then timed `--runs` times; reported are the median, the
95th percentile and min–max in ms, and the number of rows on the page. `--explain` also
prints PostgreSQL's plan of each query's SQL (EXPLAIN ANALYZE, BUFFERS).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
URL = os.environ.get("BENCH_DATABASE_URL",
                     "postgresql://postgres@127.0.0.1:5432/inspektion_bench")
GOAL_MS = 50.0


async def actors() -> dict[str, Any]:
    from inspektion.db.tables import User
    from inspektion.domain.access import Actor
    from inspektion.domain.roles import Role

    out = {}
    for role, region in (("inspektor", "IRS-Syd"), ("jurist", None)):
        query = User.select(User.id, User.username, User.region.code.as_alias("region")).where(
            User.role == role)
        if region:
            query = query.where(User.region.code == region)
        row = await query.first()
        assert row, f"no {role} in the database; run inspektion generate first"
        out[role] = Actor(row["id"], row["username"], Role(role), row["region"])
    return out


async def cases_to_find() -> dict[str, str]:
    """A diarienummer, an employer word and an inspector of the inspector's region."""
    from inspektion.db.tables import Case

    row = (await Case.raw(
        "SELECT c.diarienummer, w.name AS workplace, u.display_name AS inspector "
        "FROM case_file c JOIN region r ON r.id = c.region JOIN workplace w ON w.id = "
        "c.workplace JOIN app_user u ON u.id = c.inspector1 WHERE r.code = 'IRS-Syd' "
        "ORDER BY c.id LIMIT 1 OFFSET 5000"))[0]
    return {"diarienummer": row["diarienummer"], "workplace": row["workplace"],
            "inspector": row["inspector"]}


def queries(found: dict[str, str]) -> list[tuple[str, str, dict[str, Any]]]:
    """(label, role, list_cases arguments)."""
    surname = found["inspector"].split()[-1]
    return [
        ("diarienummer (exakt)", "inspektor", {"q": found["diarienummer"]}),
        ("diarienummer (exakt)", "jurist", {"q": found["diarienummer"]}),
        ("kommun: \"malmö\"", "inspektor", {"q": "malmö"}),
        ("kommun: \"malmö\"", "jurist", {"q": "malmö"}),
        ("kommun, prefix: \"helsing\"", "inspektor", {"q": "helsing"}),
        ("kommun, liten: \"bjuv\"", "inspektor", {"q": "bjuv"}),
        ("kommun i annan region: \"kiruna\"", "inspektor", {"q": "kiruna"}),
        ("stor kommun i annan region: \"stockholm\"", "inspektor", {"q": "stockholm"}),
        ("stor kommun: \"göteborg\"", "jurist", {"q": "göteborg"}),
        ("arbetsgivare: \"kommun\" (i nästan alla)", "inspektor", {"q": "kommun"}),
        (f"inspektör: \"{surname}\"", "inspektor", {"q": surname}),
        ("kravtext, vanlig: \"riskbedömning\"", "jurist", {"q": "riskbedömning"}),
        ("kravtext, vanlig: \"riskbedömning\"", "inspektor", {"q": "riskbedömning"}),
        ("kravtext, ovanlig: \"ensamarbete\"", "jurist", {"q": "ensamarbete"}),
        ("två ord: \"malmö krisstöd\"", "inspektor", {"q": "malmö krisstöd"}),
        ("inget träffar: \"xyzzyq\"", "jurist", {"q": "xyzzyq"}),
        ("q + status: \"lund\", uppföljning", "inspektor", {"q": "lund",
                                                           "status": "uppfoljning"}),
        ("försenade, sorterat på svar senast", "inspektor", {"overdue": True,
                                                             "sort": "svar_senast"}),
        ("försenade, hela landet", "jurist", {"overdue": True, "sort": "svar_senast"}),
        ("lista utan sökning, nyast", "inspektor", {}),
        ("lista, kommun + äldst först", "inspektor", {"kommunkod": "1280", "sort": "aldst"}),
        ("inspektörens egna", "inspektor", {"inspektor": "SELF"}),
    ]


async def timed(actor: Any, args: dict[str, Any], runs: int) -> tuple[list[float], int, Any]:
    from inspektion.services import cases

    call = {k: (actor.username if v == "SELF" else v) for k, v in args.items()}
    for _ in range(2):
        page = await cases.list_cases(actor, limit=50, **call)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        page = await cases.list_cases(actor, limit=50, **call)
        times.append((time.perf_counter() - start) * 1000)
    second: Any = None
    if page["next_cursor"] is not None:  # the next page, by its keyset cursor
        start = time.perf_counter()
        await cases.list_cases(actor, limit=50, cursor=page["next_cursor"], **call)
        second = (time.perf_counter() - start) * 1000
    return times, len(page["items"]), second


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--explain", action="store_true")
    opts = parser.parse_args()
    os.environ["INSPEKTION_DATABASE_URL"] = URL
    from inspektion.db.engine import bind_database
    from inspektion.db.pool import close_pool, open_pool
    from inspektion.db.tables import Case

    bind_database(URL)
    await open_pool()
    try:
        count = (await Case.raw("SELECT count(*) AS n FROM case_file"))[0]["n"]
        docs = (await Case.raw("SELECT count(*) AS n FROM case_search"))[0]["n"]
        size = (await Case.raw("SELECT pg_size_pretty(pg_total_relation_size('case_search')) "
                               "AS s, pg_size_pretty(pg_relation_size('case_search_tsv')) "
                               "AS i"))[0]
        print(f"{count} ärenden, {docs} sökdokument; case_search {size['s']} "
              f"(GIN-index {size['i']})\n")
        who = await actors()
        found = await cases_to_find()
        print("| sökning | roll | median ms | p95 ms | min–max ms | rader | nästa sida ms |")
        print("|---|---|---:|---:|---:|---:|---:|")
        worst = 0.0
        for label, role, args in queries(found):
            times, n, second = await timed(who[role], args, opts.runs)
            times.sort()
            med = statistics.median(times)
            p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
            worst = max(worst, med)
            nxt = f"{second:.1f}" if second is not None else "–"
            print(f"| {label} | {role} | {med:.1f} | {p95:.1f} | {times[0]:.1f}–{times[-1]:.1f}"
                  f" | {n} | {nxt} |")
        print(f"\nSämsta median {worst:.1f} ms; mål < {GOAL_MS:.0f} ms: "
              f"{'uppfyllt' if worst < GOAL_MS else 'INTE uppfyllt'}")
        if opts.explain:
            await explain(who, found)
    finally:
        await close_pool()


async def explain(who: dict[str, Any], found: dict[str, str]) -> None:
    """The plans: the SQL `list_cases` sends, captured by running it with a spy."""
    from inspektion.db.tables import Case
    from inspektion.services import cases

    seen: list[tuple[str, tuple[Any, ...]]] = []
    real = Case.raw

    def spy(sql: str, *args: Any) -> Any:
        seen.append((sql, args))
        return real(sql, *args)

    Case.raw = spy  # type: ignore[method-assign]
    try:
        for label, role, args in queries(found):
            seen.clear()
            call = {k: (who[role].username if v == "SELF" else v) for k, v in args.items()}
            await cases.list_cases(who[role], limit=50, **call)
            sql, params = seen[-1]
            plan = await real("EXPLAIN (ANALYZE, BUFFERS) " + sql, *params)
            print(f"\n### {label} ({role})")
            for line in plan:
                print("   ", line["QUERY PLAN"])
    finally:
        Case.raw = real  # type: ignore[method-assign]


if __name__ == "__main__":
    asyncio.run(main())
