"""`inspektion reminders run [--now DATE]`: one sweep by hand, with a Swedish summary.

cli.main has already moved the clock to --now and bound the database. The sweep gets the same
connection pool as the app: without one every query of it opens a connection of its own, which
on PostgreSQL cost more than the queries (bench/README.md, "Påminnelser").
"""

from __future__ import annotations

import argparse
from typing import Any

from inspektion.db.pool import close_pool, open_pool
from inspektion.db.tables import Reminder
from inspektion.domain.reminder_rules import ReminderKind
from inspektion.services.reminders import SweepResult, run_sweep


def summary(result: SweepResult) -> list[str]:
    lines = [f"Påminnelser {result.today.isoformat()}: {result.total_created} nya, "
             f"{result.total_resolved} lösta, {result.due} aktuella."]
    for title, counts in (("Nya", result.created), ("Lösta", result.resolved)):
        for kind in ReminderKind:
            if counts.get(kind.value):
                lines.append(f"  {title}: {kind.label} ({kind.audience.label}): "
                             f"{counts[kind.value]}")
    if result.emailed or result.email_failed:
        lines.append(f"  E-post: {result.emailed} skickade, {result.email_failed} misslyckades "
                     "(försöks igen vid nästa körning).")
    if result.skipped:
        lines.append(f"  Hoppade över {len(result.skipped)} ärenden som inte kunde bedömas "
                     f"(se loggen): {', '.join(map(str, result.skipped[:20]))}.")
    return lines


async def reminders_command(args: argparse.Namespace) -> int:
    if getattr(args, "reminders_command", "run") != "run":
        print(f"Okänt kommando: reminders {args.reminders_command}")
        return 2
    engine: Any = Reminder._meta.db
    pooled = getattr(engine, "pool", None) is not None  # called inside a running app
    await open_pool()
    try:
        result = await run_sweep()
    finally:
        if not pooled:
            await close_pool()
    print("\n".join(summary(result)))
    return 0
