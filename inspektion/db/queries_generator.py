"""What `inspektion generate` reads and writes besides its bulk rows, on its own writer's
connection (db/bulk.py), inside the run's one transaction."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from inspektion.db.bulk import Writer
from inspektion.db.rollup import add_new_cases_statements
from inspektion.db.search import rebuild_statements


async def kommuner(w: Writer) -> list[dict[str, Any]]:
    """Every municipality with its region and registered name, by kommunkod."""
    return await w.fetch(
        'SELECT k.id, k.kommunkod, k.namn, r.id AS region_id, r.code AS region_code, '
        'k.juridiskt_namn, k.organisationsnummer '
        'FROM kommun k JOIN region r ON r.id = k.region ORDER BY k.kommunkod')


async def generated_users(w: Writer) -> dict[str, int]:
    """The ids of the users an earlier run made ("gen.…"), by username."""
    return {r["username"]: r["id"] for r in await w.fetch(
        "SELECT id, username FROM app_user WHERE username LIKE 'gen.%'")}


async def campaigns_by_name(w: Writer) -> dict[str, int]:
    return {r["name"]: r["id"] for r in await w.fetch("SELECT id, name FROM campaign")}


async def workplaces_by_kommun_and_name(w: Writer) -> dict[tuple[int, str], int]:
    return {(r["kommun"], r["name"]): r["id"]
            for r in await w.fetch("SELECT id, kommun, name FROM workplace")}


async def krav_templates(w: Writer) -> list[dict[str, Any]]:
    return await w.fetch("SELECT slug, text, brist, effektmal, citations, citations_2015 "
                         "FROM krav_template ORDER BY id")


async def take_numbers(w: Writer, year: int, n: int) -> int:
    """Move the year's diarienummer counter on by n in one atomic step; the last number taken."""
    rows = await w.fetch(
        'INSERT INTO diarie_counter ("year", "last") VALUES ({}, {}) ON CONFLICT ("year") '
        'DO UPDATE SET "last" = diarie_counter."last" + {} RETURNING "last"', year, n, n)
    return int(rows[0]["last"])


async def index_new_cases(w: Writer, first_case_id: int) -> None:
    """The search documents (db/search.py) and the rollup rows (db/rollup.py) of the cases
    written from `first_case_id` on."""
    for statement in rebuild_statements(w.engine_type, f"c.id >= {int(first_case_id)}"):
        await w.execute(statement)
    for statement in add_new_cases_statements(int(first_case_id)):
        await w.execute(statement)


async def record_run(w: Writer, details: dict[str, Any]) -> None:
    """The run's one audit event (by 'system', on no case)."""
    await w.execute(
        'INSERT INTO audit_event ("case", "at", "username", "action", "details") '
        "VALUES (NULL, {}, 'system', 'generate.dataset', {})",
        datetime.now(UTC), json.dumps(details, ensure_ascii=False))
