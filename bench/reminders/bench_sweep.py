"""Bench: one reminder sweep over a national-size PostgreSQL database.

    .venv/bin/python bench/reminders/bench_sweep.py [--cases 20000] [--krav 150000] [--runs 10]
        [--keep] [--reuse]

Creates (drops first) its own database `inspektion_bench_reminders` on 127.0.0.1:5432 — never
the shared `test` database — migrates it, loads the reference data, and fills it in bulk with
generate_series: 20,000 open cases in every state over all 290 municipalities, 150,000 krav
whose states and deadlines follow their case, underrättelser and förelägganden (half of them
unserved), 200 inspectors, 10 samordnare and 10 jurists. Then times `run_sweep`:

- first sweep: an empty reminder table, every due reminder is created (reminders truncated
  between runs, so each run is a first one);
- repeat sweep: the same day again — nothing new, the steady state of the hourly scheduler;
- next day: the first sweep of each following day (the day's new and resolved reminders).

With the connection pool the app opens at start-up and `inspektion reminders run` opens for its
sweep, and once without it, for comparison. Each row gives wall time and the sweep process's own
CPU time; the machine's noise is shown by a fixed pure-Python probe timed before and after,
and by the load average. The database is dropped at the end unless --keep is given.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import time
from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from typing import Any

import asyncpg

from inspektion import clock
from inspektion.db.engine import bind_database
from inspektion.config import load_settings
from inspektion.db.pool import close_pool, open_pool
from inspektion.db.setup import migrate
from inspektion.db.tables import Case
from inspektion.services import campaigns, reference
from inspektion.services.reminders import SweepResult, run_sweep

ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
NAME = "inspektion_bench_reminders"
URL = f"postgresql://postgres@127.0.0.1:5432/{NAME}"
TODAY = date(2026, 11, 23)
# 20 slots: the share of open cases in each state.
STATUSES = (["planerad"] * 3 + ["pagaende"] * 4 + ["meddelande_skickat"] * 5
            + ["uppfoljning"] * 4 + ["tillsynsmeddelande_skickat", "komplettering_begard",
                                     "underrattelse_skickad", "forelaggande_beslutat"])
WAITING = ("meddelande_skickat", "tillsynsmeddelande_skickat", "komplettering_begard",
           "underrattelse_skickad", "forelaggande_beslutat")


async def create_database() -> None:
    conn = await asyncpg.connect(ADMIN)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{NAME}"')
        await conn.execute(f'CREATE DATABASE "{NAME}"')
    finally:
        await conn.close()


def fill_sql(campaign_id: int, n_cases: int, n_krav: int) -> list[str]:
    today = f"DATE '{TODAY.isoformat()}'"
    waiting = ", ".join(f"'{s}'" for s in WAITING)
    return [
        """INSERT INTO app_user (username, display_name, role, region, password_hash)
           SELECT 'insp' || r.id || '_' || g, 'Inspektör ' || g, 'inspektor', r.id, 'x'
           FROM region r, generate_series(1, 40) g""",
        """INSERT INTO app_user (username, display_name, role, region, password_hash)
           SELECT 'samord' || r.id || '_' || g, 'Samordnare', 'samordnare', r.id, 'x'
           FROM region r, generate_series(1, 2) g""",
        """INSERT INTO app_user (username, display_name, role, password_hash)
           SELECT 'jur' || g, 'Jurist', 'jurist', 'x' FROM generate_series(1, 10) g""",
        f"""INSERT INTO workplace (name, address, kommun, employer, org_nr)
            SELECT 'Socialkontor ' || g, '', (SELECT array_agg(id ORDER BY id) FROM kommun)
                   [1 + g % 290], '', '' FROM generate_series(1, {n_cases}) g""",
        f"""INSERT INTO case_file (diarienummer, method, status, version, campaign, kommun,
                region, workplace, inspector1, inspector2, opened_on, last_activity_on, doc_seq,
                svar_senast)
            SELECT '2026/' || lpad(w.id::text, 6, '0'),
                   CASE WHEN s.status IN ('tillsynsmeddelande_skickat', 'komplettering_begard')
                        THEN 'tillsynsmeddelande' ELSE 'fokusinspektion' END,
                   s.status, 1, {campaign_id}, w.kommun, k.region, w.id,
                   i.ids[1 + w.id % 40], i.ids[1 + (w.id + 7) % 40],
                   {today} - 200 + w.id % 60, {today} - (w.id * 13) % 150, 3,
                   CASE WHEN s.status IN ({waiting}) THEN {today} + ((w.id * 37) % 121 - 60) END
            FROM workplace w JOIN kommun k ON k.id = w.kommun
            CROSS JOIN LATERAL (SELECT (ARRAY{STATUSES})[1 + w.id % 20] AS status) s
            JOIN (SELECT region, array_agg(id ORDER BY id) AS ids FROM app_user
                  WHERE role = 'inspektor' GROUP BY region) i ON i.region = k.region""",
        f"""INSERT INTO krav ("case", number, text, brist, citations, state, deadline,
                assessed_on)
            SELECT c.id, 1 + g / {n_cases}, 'Krav ' || g, '', '[]',
                   CASE c.status
                     WHEN 'uppfoljning' THEN (ARRAY['uppfyllt', 'ej_uppfyllt',
                          'komplettering_begard', 'oppen', 'uppfyllt'])[1 + g % 5]
                     WHEN 'underrattelse_skickad' THEN 'ej_uppfyllt'
                     WHEN 'forelaggande_beslutat' THEN 'i_forelaggande'
                     ELSE 'oppen' END,
                   CASE WHEN c.status IN ('planerad', 'pagaende') THEN NULL
                        WHEN c.status = 'uppfoljning' THEN {today} + (g % 90 - 60)
                        ELSE coalesce(c.svar_senast, {today} - 30) END,
                   CASE WHEN c.status IN ('uppfoljning', 'underrattelse_skickad',
                        'forelaggande_beslutat') THEN {today} - 70 END
            FROM generate_series(0, {n_krav - 1}) g
            JOIN case_file c ON c.id = (SELECT min(id) FROM case_file) + g % {n_cases}""",
        """INSERT INTO document ("case", kind, number, created_on, sent_on, served_on,
                pdf_sha256, docx_sha256, payload)
           SELECT id, 'underrattelse', diarienummer || '-2', svar_senast - 21, svar_senast - 21,
                  NULL, '', '', json_build_object()
           FROM case_file WHERE status IN ('underrattelse_skickad', 'forelaggande_beslutat')""",
        f"""INSERT INTO document ("case", kind, number, created_on, sent_on, served_on,
                pdf_sha256, docx_sha256, payload)
            SELECT id, 'forelaggande', diarienummer || '-3', {today} - id % 60,
                   {today} - id % 60, CASE WHEN id % 2 = 0 THEN {today} - id % 60 + 3 END,
                   '', '', json_build_object()
            FROM case_file WHERE status = 'forelaggande_beslutat'""",
        """INSERT INTO decision ("case", kind, document, krav_ids, vite_sek, svar_senast,
                decided_on, motivering)
           SELECT d."case", 'underrattelse', d.id, '[]', 50000,
                  CASE WHEN c.status = 'underrattelse_skickad' THEN c.svar_senast
                       ELSE d.sent_on + 14 END, d.sent_on, ''
           FROM document d JOIN case_file c ON c.id = d."case"
           WHERE d.kind = 'underrattelse'""",
        """INSERT INTO decision ("case", kind, document, krav_ids, vite_sek, deadline,
                decided_on, motivering)
           SELECT d."case", 'forelaggande', d.id, '[]',
                  CASE WHEN d."case" % 3 > 0 THEN 50000 END, c.svar_senast, d.sent_on, ''
           FROM document d JOIN case_file c ON c.id = d."case"
           WHERE d.kind = 'forelaggande'""",
        "ANALYZE",
    ]


Timings = tuple[list[float], list[float]]  # wall ms, CPU ms of this process


async def timed(make: Callable[[], Awaitable[SweepResult]], runs: int,
                before: Callable[[], Awaitable[Any]] | None = None
                ) -> tuple[Timings, SweepResult]:
    wall, cpu = [], []
    result: SweepResult | None = None
    for _ in range(runs):
        if before is not None:
            await before()
        t0, c0 = time.perf_counter(), time.process_time()
        result = await make()
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    assert result is not None
    return (wall, cpu), result


def row(label: str, timings: Timings, result: SweepResult) -> str:
    ms, cpu = timings
    q = statistics.quantiles(ms, n=4) if len(ms) >= 4 else [min(ms), 0, max(ms)]
    return (f"| {label} | {len(ms)} | {statistics.median(ms):.0f} | {q[0]:.0f}–{q[2]:.0f} | "
            f"{min(ms):.0f}–{max(ms):.0f} | {statistics.median(cpu):.0f} | "
            f"{result.total_created} / {result.total_resolved} |")


def noise_probe(label: str, runs: int = 15) -> None:
    """The same fixed CPU work timed again and again: its spread is the machine's noise."""
    ms = []
    for _ in range(runs):
        t0 = time.perf_counter()
        sum(i * i for i in range(300_000))
        ms.append((time.perf_counter() - t0) * 1000)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"noise probe {label}: median {statistics.median(ms):.1f} ms, "
          f"min–max {min(ms):.1f}–{max(ms):.1f} ms ({max(ms) / min(ms):.1f}×); "
          f"load average {load}; {os.cpu_count()} cores")


async def truncate() -> None:
    await Case.raw("TRUNCATE reminder")


async def measure(runs: int, label: str) -> None:
    clock.set_today(TODAY)
    first, made = await timed(lambda: run_sweep(TODAY), max(3, runs // 3), truncate)
    print(row(f"{label}: first sweep (empty table)", first, made))
    repeat, same = await timed(lambda: run_sweep(TODAY), runs)
    print(row(f"{label}: repeat sweep, same day", repeat, same))
    days: Timings = ([], [])
    result = same
    for offset in range(1, runs + 1):
        day = TODAY + timedelta(days=offset)
        clock.set_today(day)
        (ms, cpu), result = await timed(lambda day=day: run_sweep(day), 1)  # type: ignore[misc]
        days[0].extend(ms)
        days[1].extend(cpu)
    print(row(f"{label}: first sweep of the next day", days, result))
    print(f"  (reminders due on {TODAY}: {made.due}; created {made.created})")


async def drop_database() -> None:
    conn = await asyncpg.connect(ADMIN)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{NAME}" WITH (FORCE)')
    finally:
        await conn.close()


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=20_000)
    ap.add_argument("--krav", type=int, default=150_000)
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--reuse", action="store_true",
                    help="reuse the database a --keep run left, instead of filling a new one")
    ap.add_argument("--keep", action="store_true", help="leave the database for --reuse")
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
        for statement in fill_sql(made.id, args.cases, args.krav):
            await Case.raw(statement)
        print(f"filled in {time.perf_counter() - t0:.1f} s")
    counts = await Case.raw("SELECT (SELECT count(*) FROM case_file WHERE status <> 'avslutad') "
                            "AS cases, (SELECT count(*) FROM krav) AS krav")
    print(f"open cases: {counts[0]['cases']}, krav: {counts[0]['krav']}")
    noise_probe("before")
    print("| sweep | runs | median ms | IQR | min–max | CPU ms (median) "
          "| created / resolved (last run) |")
    print("|---|---|---|---|---|---|---|")
    try:
        await measure(args.runs, "no pool")
        await open_pool()
        try:
            await measure(args.runs, "pool (scheduler, CLI)")
        finally:
            await close_pool()
        noise_probe("after")
    finally:
        if not args.keep:
            await drop_database()


if __name__ == "__main__":
    asyncio.run(main())
