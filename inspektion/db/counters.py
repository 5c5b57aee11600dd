"""The counters a case action bumps: each one atomic statement, so concurrent actions never
see the same value and a rolled-back action gives its value back (no gap).

On PostgreSQL a concurrent caller waits for the row lock and then counts on from the value
just taken; on SQLite the IMMEDIATE transaction (db/transaction.py) already serialises
writers. Call them inside the action's transaction.
"""

from __future__ import annotations

from datetime import date

from inspektion.db.tables import Case, DiarieCounter


async def next_diarie_seq(year: int) -> int:
    """The year's next case number (the counter row is made on the year's first case)."""
    rows = await DiarieCounter.raw(
        'INSERT INTO diarie_counter ("year", "last") VALUES ({}, 1) '
        'ON CONFLICT ("year") DO UPDATE SET "last" = diarie_counter."last" + 1 '
        'RETURNING "last"', year)
    return int(rows[0]["last"])


async def next_document_seq(case_id: int) -> tuple[int, str] | None:
    """(the case's next document number, its diarienummer); None for no such case."""
    rows = await Case.raw('UPDATE case_file SET doc_seq = doc_seq + 1 WHERE id = {} '
                          'RETURNING doc_seq, diarienummer', case_id)
    return (int(rows[0]["doc_seq"]), str(rows[0]["diarienummer"])) if rows else None


async def bump_case_version(case_id: int, today: date) -> int:
    """The case's new version, whatever version was read (an addition that cannot clash)."""
    done = await Case.raw('UPDATE case_file SET version = version + 1, last_activity_on = {} '
                          'WHERE id = {} RETURNING version', today, case_id)
    return int(done[0]["version"])
