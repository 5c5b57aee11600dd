"""Bench: a campaign's figures over 1.5 million krav on PostgreSQL.

    .venv/bin/python bench/maps/bench_stats_pg.py [--krav 1500000] [--cases 200000] [--runs 20]
    .venv/bin/python bench/maps/bench_stats_pg.py --reuse     # again, on the filled database

Creates (drops first) its own database `inspektion_bench_stats` on 127.0.0.1:5432 — never the
shared `test` database — migrates it, loads the reference data, and fills one campaign in bulk
with generate_series: 200,000 cases over all 290 municipalities, 1.5 million krav with the
library's texts and citation lists, as many meetings, letters and decisions. Then times
`campaign_figures` (every query behind `inspektion stats` and GET /api/stats) and the coverage
map's read model, with the connection pool the app opens at start-up, four ways: nothing kept
(the first request of a process), kept with one case changed by a step before each run (the
usual case while a campaign runs), kept with a write outside the campaign before each run,
kept with nothing written; then checks that the kept rows
equal the plain queries. A case's krav are written next to each other (as one step adds them);
its meetings are spread over the table (they come months apart), the worst case for look-ups.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import time
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

import asyncpg

from inspektion.db.engine import bind_database
from inspektion.config import load_settings
from inspektion.db.pool import close_pool, open_pool
from inspektion.db.setup import migrate
from inspektion.db.tables import Case
from inspektion.maps.view import coverage_view
from inspektion.services import campaigns, reference, stats_cache
from inspektion.services.stats import campaign_figures
from inspektion.services.stats_rollup import as_of, campaign_or_404, fetch, fetch_direct

ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
NAME = "inspektion_bench_stats"
URL = f"postgresql://postgres@127.0.0.1:5432/{NAME}"
STATUSES = ["planerad", "pagaende", "meddelande_skickat", "uppfoljning", "avslutad", "avslutad",
            "avslutad", "underrattelse_skickad", "forelaggande_beslutat", "avslutad"]
KINDS = ["formote", "gruppsamtal", "aterkoppling", "gruppsamtal", "aterkoppling",
         "aterkopplande_mote", "uppfoljning"]
KRAV_STATES = ["oppen", "uppfyllt", "uppfyllt", "ej_uppfyllt", "komplettering_begard"]


async def create_database() -> None:
    conn = await asyncpg.connect(ADMIN)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{NAME}"')
        await conn.execute(f'CREATE DATABASE "{NAME}"')
    finally:
        await conn.close()


async def fill(campaign_id: int, n_krav: int, n_cases: int, n_meetings: int) -> None:
    templates = await reference.krav_templates()
    lists = [json.dumps(t["citations_2015"]) for t in templates]
    texts = [t["text"].replace("'", "''") for t in templates]
    briefs = [t.get("brist", "").replace("'", "''") for t in templates]
    sql = [
        f"""INSERT INTO workplace (name, address, kommun, employer, org_nr)
            SELECT 'Kontor ' || g, '', (SELECT array_agg(id ORDER BY id) FROM kommun)[1 + g % 290],
                   '', '' FROM generate_series(1, {n_cases}) g""",
        f"""INSERT INTO case_file (diarienummer, method, status, version, campaign, kommun, region,
                workplace, opened_on, last_activity_on, doc_seq, svar_senast)
            SELECT '2026/' || lpad(w.id::text, 6, '0'), 'fokusinspektion',
                   (ARRAY{STATUSES})[1 + w.id % {len(STATUSES)}], 1, {campaign_id}, w.kommun,
                   k.region, w.id, DATE '2026-01-01' + (w.id % 300),
                   DATE '2026-01-01' + (w.id % 300), 1, DATE '2026-03-01' + (w.id % 300)
            FROM workplace w JOIN kommun k ON k.id = w.kommun""",
        f"""INSERT INTO krav (\"case\", number, text, brist, citations, effektmal, state, deadline)
            SELECT c.ids[1 + ((g - 1)::bigint * array_length(c.ids, 1)) / {n_krav}], g,
                   (ARRAY[{", ".join(f"'{t}'" for t in texts)}])[1 + (g * 7) % {len(texts)}],
                   (ARRAY[{", ".join(f"'{b}'" for b in briefs)}])[1 + (g * 7) % {len(briefs)}],
                   ((ARRAY{lists})[1 + (g * 7) % {len(lists)}])::json, 1 + g % 4,
                   (ARRAY{KRAV_STATES})[1 + g % {len(KRAV_STATES)}], DATE '2026-06-01'
            FROM generate_series(1, {n_krav}) g,
                 (SELECT array_agg(id ORDER BY id) AS ids FROM case_file) c""",
        f"""INSERT INTO meeting (\"case\", kind, date, participants, notes)
            SELECT c.ids[1 + g % array_length(c.ids, 1)], (ARRAY{KINDS})[1 + g % {len(KINDS)}],
                   DATE '2026-02-01', '[]', ''
            FROM generate_series(1, {n_meetings}) g,
                 (SELECT array_agg(id ORDER BY id) AS ids FROM case_file) c""",
        """INSERT INTO document (\"case\", kind, number, created_on, pdf_sha256, docx_sha256,
                payload)
            SELECT id, CASE WHEN id % 20 = 0 THEN 'tillsynsmeddelande'
                            ELSE 'inspektionsmeddelande' END,
                   diarienummer || '-1', DATE '2026-03-01', '', '', json_build_object()
            FROM case_file""",
        """INSERT INTO decision (\"case\", kind, krav_ids, vite_sek, decided_on, motivering)
            SELECT id, CASE WHEN id % 2 = 0 THEN 'forelaggande' ELSE 'underrattelse' END, '[]',
                   CASE WHEN id % 4 = 0 THEN 50000 END, DATE '2026-05-01', ''
            FROM case_file WHERE id % 10 = 0""",
        "VACUUM ANALYZE",  # what autovacuum does after a load: statistics, visibility map
    ]
    for statement in sql:
        await Case.raw(statement)


async def timed(make: Callable[[], Awaitable[Any]], runs: int,
                before: Callable[[], Awaitable[Any]] | None = None) -> tuple[float, float, float]:
    """Median, min and max in ms; `before` runs untimed ahead of each run."""
    ms = []
    for _ in range(runs):
        if before is not None:
            await before()
        t0 = time.perf_counter()
        await make()
        ms.append((time.perf_counter() - t0) * 1000)
    ms.sort()
    return statistics.median(ms), ms[0], ms[-1]


class Writer:
    """What one step on a case leaves behind for the figures: a new version, an audit event.

    The case is drawn at random, so each timed run re-reads one municipality's rows.
    """

    def __init__(self, n_cases: int) -> None:
        self.rng = random.Random(6)
        self.n_cases = n_cases

    async def step(self) -> None:
        case_id = self.rng.randint(1, self.n_cases)
        await Case.raw("UPDATE case_file SET version = version + 1, "
                       "status = CASE WHEN status = 'avslutad' THEN 'uppfoljning' "
                       "ELSE 'avslutad' END WHERE id = {}", case_id)
        await Case.raw("INSERT INTO audit_event (\"case\", at, username, action, details) "
                       "VALUES ({}, now(), 'bench', 'bench.step', '{{}}')", case_id)

    async def elsewhere(self) -> None:
        """A write outside the campaign (here an audit event of no case): the token is read."""
        await Case.raw("INSERT INTO audit_event (\"case\", at, username, action, details) "
                       "VALUES (NULL, now(), 'bench', 'bench.elsewhere', '{{}}')")


async def exact(campaign_id: int) -> None:
    """The kept rows equal the plain queries (what tests/services/test_stats_cache.py checks)."""
    day = as_of(await campaign_or_404(campaign_id))
    kept, plain = await fetch(campaign_id, day), await fetch_direct(campaign_id, day)
    for part in ("cases", "meetings", "krav", "documents", "decisions", "overdue"):
        a = sorted(json.dumps(r, sort_keys=True, default=str) for r in getattr(kept, part))
        b = sorted(json.dumps(r, sort_keys=True, default=str) for r in getattr(plain, part))
        assert a == b, part


async def measure(campaign_id: int, runs: int, n_cases: int) -> None:
    writer = Writer(n_cases)
    views = [("campaign_figures (stats)", lambda: campaign_figures(campaign_id)),
             ("coverage_view (map read model)", lambda: coverage_view(campaign_id))]

    async def cleared() -> None:
        stats_cache.clear()

    for label, make in views:
        for case, before, n in [("nothing kept (first request of a process)", cleared,
                                 max(3, runs // 5)),
                                ("kept, one case changed before each run", writer.step, runs),
                                ("kept, something else written before each run",
                                 writer.elsewhere, runs),
                                ("kept, nothing written", None, runs)]:
            await make()
            med, low, high = await timed(make, n, before)
            print(f"| {label} | {case} | {n} | {med:.0f} | {low:.0f}–{high:.0f} |", flush=True)
    await exact(campaign_id)
    print("checked: the kept rows equal the plain queries after these steps")


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--krav", type=int, default=1_500_000)
    ap.add_argument("--cases", type=int, default=200_000)
    ap.add_argument("--meetings", type=int, default=None, help="default: as many as krav")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--reuse", action="store_true",
                    help="keep the database a previous run filled (same sizes)")
    args = ap.parse_args()
    if not args.reuse:
        await create_database()
        await migrate(URL)
    bind_database(URL)
    if not args.reuse:
        await reference.load_reference(load_settings().fixtures_dir)
        made = await campaigns.create_campaign(None, "Benchkampanj", date(2026, 1, 1),
                                               date(2027, 12, 31), 0.5)
        t0 = time.perf_counter()
        await fill(int(made["id"]), args.krav, args.cases, args.meetings or args.krav)
        print(f"filled in {time.perf_counter() - t0:.1f} s")
    campaign_id = int((await Case.raw("SELECT MAX(id) AS id FROM campaign"))[0]["id"])
    await open_pool()
    try:
        figures = await campaign_figures(campaign_id)
        print("krav:", figures["national"]["krav"], "cases:", figures["national"]["cases"],
              "visits:", figures["national"]["visits"]["total"])
        print("| what | case | runs | median ms | min–max ms |\n|---|---|---:|---:|---:|")
        await measure(campaign_id, args.runs, args.cases)
    finally:
        await close_pool()


if __name__ == "__main__":
    asyncio.run(main())
