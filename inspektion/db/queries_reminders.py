"""The reminder sweep's two set-based statements, per dialect (services/reminders.py).

New reminders go in as one JSON array per batch: one parameter whatever the batch size, and
the database unpacks it (a multi-row VALUES list cost more in building and binding its
thousands of parameters than the database spent inserting; bench/README.md, "Påminnelser").
The keys of all open reminders come back as one text: tens of thousands of one-column rows
cost far more to turn into Python objects than one long string costs to split.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from inspektion.db.tables import Reminder

_COLUMNS = 'INSERT INTO reminder ("key", kind, recipient, "case", message, due_on, created_at) '
INSERT = {
    "postgres": _COLUMNS + (
        "SELECT e->>0, e->>1, (e->>2)::integer, (e->>3)::integer, e->>4, (e->>5)::date, "
        "{}::timestamptz FROM json_array_elements({}::json) AS e "
        'ON CONFLICT ("key") DO NOTHING RETURNING kind'),
    # SQLite: WHERE true tells its parser that ON CONFLICT belongs to the INSERT.
    "sqlite": _COLUMNS + (
        "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), "
        "json_extract(value, '$[2]'), json_extract(value, '$[3]'), "
        "json_extract(value, '$[4]'), json_extract(value, '$[5]'), {} "
        'FROM json_each({}) WHERE true ON CONFLICT ("key") DO NOTHING RETURNING kind'),
}
# The notice kinds (domain.reminder_rules.NOTICE_KINDS) are no sweep's to resolve.
UNRESOLVED = {
    "postgres": "SELECT string_agg(\"key\", chr(10)) AS keys FROM reminder "
                "WHERE resolved_at IS NULL AND kind NOT IN ('tilldelad', 'juristen_agerade', "
                "'svar_inkommet')",
    "sqlite": "SELECT group_concat(\"key\", char(10)) AS keys FROM reminder "
              "WHERE resolved_at IS NULL AND kind NOT IN ('tilldelad', 'juristen_agerade', "
              "'svar_inkommet')",
}


def _dialect() -> str:
    engine: Any = Reminder._meta.db
    return "sqlite" if engine.engine_type == "sqlite" else "postgres"


async def unresolved_keys() -> set[str]:
    rows = await Reminder.raw(UNRESOLVED[_dialect()])
    joined = rows[0]["keys"] if rows else None
    return set(joined.split("\n")) if joined else set()


async def insert_reminders(rows_json: str, now: datetime) -> Counter[str]:
    """Insert [key, kind, recipient, case, message, due_on] rows; keys already there are
    skipped by the database. The kinds of the rows really made."""
    rows = await Reminder.raw(INSERT[_dialect()], now, rows_json)
    return Counter(r["kind"] for r in rows)
