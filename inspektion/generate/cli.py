"""`inspektion generate --cases N [--seed S]`: fill the database with a national data set."""

from __future__ import annotations

import argparse
import time
from typing import Any

from inspektion import clock
from inspektion.config import load_settings
from inspektion.db import queries_generator
from inspektion.db.bulk import open_writer
from inspektion.generate.columns import TABLES
from inspektion.generate.run import generate
from inspektion.reference.files import read_questionnaire

LABELS = {"case_file": "ärenden", "meeting": "möten", "gruppsamtal_summary": "gruppsamtal",
          "krav": "krav", "document": "dokument", "decision": "beslut",
          "app_user": "användare", "campaign": "kampanjer", "workplace": "arbetsställen"}


async def run_generation(cases: int, seed: int, quiet: bool = False) -> dict[str, Any]:
    """Generate in one transaction and record one audit event for the whole run."""
    if cases < 1:
        raise SystemExit("--cases måste vara minst 1.")
    settings = load_settings()
    today = clock.today()
    started = time.perf_counter()

    def say(text: str) -> None:
        if not quiet:
            print(text, flush=True)

    say(f"Genererar {cases:,} ärenden".replace(",", " ")
        + f" (seed {seed}, i dag {today.isoformat()}) …")
    writer = await open_writer(TABLES)
    try:
        totals = await generate(writer, cases, seed, today,
                                read_questionnaire(settings.fixtures_dir),
                                settings.min_group_size, say)
        seconds = round(time.perf_counter() - started, 1)
        await queries_generator.record_run(writer, {
            "cases": cases, "seed": seed, "today": today.isoformat(), "rows": totals,
            "seconds": seconds})
        await writer.commit()
    except BaseException:
        await writer.rollback()
        raise
    seconds = round(time.perf_counter() - started, 1)
    say("Klart på " + f"{seconds} s: " + ", ".join(
        f"{totals.get(t, 0):,} {label}".replace(",", " ") for t, label in LABELS.items()))
    return {"rows": totals, "seconds": seconds}


async def generate_command(args: argparse.Namespace) -> int:
    await run_generation(int(args.cases), int(args.seed))
    return 0
