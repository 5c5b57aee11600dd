"""Fill: one campaign with 1.5 million krav on PostgreSQL, for bench/maps/bench_rollup.py.

    .venv/bin/python bench/maps/bench_stats_pg.py [--krav 1500000] [--cases 200000]
    BENCH_DATABASE_URL=postgresql://…/yours .venv/bin/python bench/maps/bench_stats_pg.py

Without BENCH_DATABASE_URL it creates (drops first) its own database `inspektion_bench_stats`
on 127.0.0.1:5432 — never the shared `test` database; with it, it adds a campaign to that
database. Migrates, loads the reference data, and fills one campaign in bulk with
generate_series: 200,000 cases over all 290 municipalities, 1.5 million krav with the
library's texts and citation lists, as many meetings, letters and decisions; then writes the
campaign rollup from scratch (db/rollup.py), as `inspektion stats --rebuild` does. A case's
krav are written next to each other (as one step adds them); its meetings are spread over
the table (they come months apart). Measure afterwards with bench/maps/bench_rollup.py.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import time
from datetime import date

import asyncpg

from inspektion.config import load_settings
from inspektion.db import rollup
from inspektion.db.engine import bind_database
from inspektion.db.setup import migrate
from inspektion.db.tables import Case
from inspektion.services import campaigns, reference
from inspektion.services.transactions import write_tx

ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
NAME = "inspektion_bench_stats"
ADMIN_DEFAULT = f"postgresql://postgres@127.0.0.1:5432/{NAME}"
URL = os.environ.get("BENCH_DATABASE_URL", ADMIN_DEFAULT)
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


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--krav", type=int, default=1_500_000)
    ap.add_argument("--cases", type=int, default=200_000)
    ap.add_argument("--meetings", type=int, default=None, help="default: as many as krav")
    args = ap.parse_args()
    if URL == ADMIN_DEFAULT:
        await create_database()
    await migrate(URL)
    bind_database(URL)
    await reference.load_reference(load_settings().fixtures_dir)
    made = await campaigns.create_campaign(None, f"Benchkampanj {int(time.time())}",
                                           date(2026, 1, 1), date(2027, 12, 31), 0.5)
    t0 = time.perf_counter()
    await fill(made.id, args.krav, args.cases, args.meetings or args.krav)
    print(f"filled in {time.perf_counter() - t0:.1f} s")
    t0 = time.perf_counter()
    async with write_tx():
        await rollup.rebuild()
    await Case.raw("VACUUM ANALYZE case_rollup")
    await Case.raw("VACUUM ANALYZE kommun_rollup")
    print(f"rollup rebuilt from scratch in {time.perf_counter() - t0:.1f} s; now measure with "
          "bench/maps/bench_rollup.py")


if __name__ == "__main__":
    asyncio.run(main())
