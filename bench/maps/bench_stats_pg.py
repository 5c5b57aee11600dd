"""Bench: a campaign's figures over 200,000 krav on PostgreSQL.

    .venv/bin/python bench/maps/bench_stats_pg.py [--krav 200000] [--runs 20]

Creates (drops first) its own database `inspektion_bench_stats` on 127.0.0.1:5432 — never the
shared `test` database — migrates it, loads the reference data, and fills one campaign in bulk
with generate_series: 30,000 cases over all 290 municipalities, 200,000 krav with varied
citation lists, 200,000 meetings, letters and decisions. Then times `campaign_figures` (every
query behind `inspektion stats` and GET /api/stats) and the coverage map's read model, with the
connection pool the app opens at start-up.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

import asyncpg

from inspektion.api.app import bind_database
from inspektion.config import load_settings
from inspektion.db.pool import close_pool, open_pool
from inspektion.db.setup import migrate
from inspektion.db.tables import Case
from inspektion.maps.view import coverage_view
from inspektion.services import campaigns, reference
from inspektion.services.stats import campaign_figures

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


async def fill(campaign_id: int, n_krav: int, n_cases: int) -> None:
    templates = await reference.krav_templates()
    lists = [json.dumps(t["citations_2015"]) for t in templates]
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
            SELECT c.ids[1 + g % array_length(c.ids, 1)], g, 'Krav', '',
                   ((ARRAY{lists})[1 + (g * 7) % {len(lists)}])::json, 1 + g % 4,
                   (ARRAY{KRAV_STATES})[1 + g % {len(KRAV_STATES)}], DATE '2026-06-01'
            FROM generate_series(1, {n_krav}) g,
                 (SELECT array_agg(id ORDER BY id) AS ids FROM case_file) c""",
        f"""INSERT INTO meeting (\"case\", kind, date, participants, notes)
            SELECT c.ids[1 + g % array_length(c.ids, 1)], (ARRAY{KINDS})[1 + g % {len(KINDS)}],
                   DATE '2026-02-01', '[]', ''
            FROM generate_series(1, {n_krav}) g,
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
        "ANALYZE",
    ]
    for statement in sql:
        await Case.raw(statement)


async def timed(make: Callable[[], Awaitable[Any]], runs: int) -> tuple[float, float, float]:
    ms = []
    for _ in range(runs):
        t0 = time.perf_counter()
        await make()
        ms.append((time.perf_counter() - t0) * 1000)
    ms.sort()
    return statistics.median(ms), ms[0], ms[-1]


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--krav", type=int, default=200_000)
    ap.add_argument("--cases", type=int, default=30_000)
    ap.add_argument("--runs", type=int, default=20)
    args = ap.parse_args()
    await create_database()
    await migrate(URL)
    bind_database(URL)
    await reference.load_reference(load_settings().fixtures_dir)
    made = await campaigns.create_campaign(None, "Benchkampanj", date(2026, 1, 1),
                                           date(2027, 12, 31), 0.5)
    t0 = time.perf_counter()
    await fill(int(made["id"]), args.krav, args.cases)
    print(f"filled in {time.perf_counter() - t0:.1f} s")
    await open_pool()
    try:
        figures = await campaign_figures(made["id"])
        print("krav:", figures["national"]["krav"], "cases:", figures["national"]["cases"],
              "visits:", figures["national"]["visits"]["total"])
        for label, make in [("campaign_figures (stats)", lambda: campaign_figures(made["id"])),
                            ("coverage_view (map read model)",
                             lambda: coverage_view(made["id"]))]:
            med, low, high = await timed(make, args.runs)
            print(f"| {label} | {med:.0f} | {low:.0f}–{high:.0f} |")
    finally:
        await close_pool()


if __name__ == "__main__":
    asyncio.run(main())
