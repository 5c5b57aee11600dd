"""A campaign's grouped rows kept between requests and re-read only where cases changed.

Why: on a national campaign (200,000 cases, 1.5 million krav) the grouped queries behind the
figures and the maps scan every krav and meeting, which takes seconds on PostgreSQL, while a
coordinator's page must answer in a fraction of a second. Between two requests only a few
cases in a few municipalities change, so the rows are kept per municipality and only the
changed municipalities are read again.

Why the answer stays exact (the test compares it with the plain queries, tests/services/
test_stats_cache.py):

- Every change to a campaign's case, its meetings, krav, letters or decisions goes through a
  step that bumps the case's version in the same transaction (services/step_frame.commit); new
  cases add to the count; nothing deletes a case. So the campaign's token (number of cases,
  sum of versions, highest id) only grows, and when it is what it was, nothing in the campaign
  has changed.
- Rows are read after the token they are stored with, never before: they can be newer than
  their token, never older. A newer row means the token has moved since, so it is re-read.
- When the token has moved, the municipalities re-read are those of cases with audit events
  since the last read, and of new cases, in one snapshot with the token. The result is kept
  only if the per-municipality tokens add up to the snapshot's: each kept municipality can
  only lag behind the database, so equal sums mean none lags. Otherwise (a write that
  committed behind the audit high-water mark, or a case moved between municipalities)
  everything is read again, as the plain path does.
- Before the token, PostgreSQL's own snapshot (which transactions have committed) is compared
  with the one taken when the rows were read: if it is the same, nothing anywhere has been
  written since, and not even the token needs reading. (SQLite has no such snapshot.)
- Reference data (municipalities, regions, targets) is small and always read fresh.

The cache lives in the process (each worker keeps its own) and is keyed by the database
engine, so rebinding the tables to another database starts empty.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from inspektion.db import queries_stats as q
from inspektion.db.tables import Case

PARTS = ("cases", "meetings", "krav", "documents", "decisions", "overdue")
MAX_CHANGED = 40  # more municipalities changed than this: reading everything is as quick
Rows = dict[str, dict[int, list[dict[str, Any]]]]  # part → kommun id → rows
Token = tuple[int, int, int]


@dataclass
class _Entry:
    token: Token
    audit: int
    day: date
    parts: Rows
    snapshot: str | None = None  # PostgreSQL's snapshot when the token was read


_CACHE: dict[tuple[int, int], _Entry] = {}


def clear() -> None:
    """Forget every campaign (for tests that delete rows, which the app never does)."""
    _CACHE.clear()


def in_transaction() -> bool:
    """Inside a caller's transaction: one connection, so queries go one after another."""
    engine: Any = Case._meta.db
    return engine.current_transaction.get() is not None


def _key(campaign_id: int) -> tuple[int, int]:
    return (id(Case._meta.db), campaign_id)


def _token(row: dict[str, Any]) -> Token:
    return (int(row["n"]), int(row["versions"]), int(row["max_id"]))


def _implied(parts: Rows) -> Token:
    rows = [r for per in parts["cases"].values() for r in per]
    return (sum(int(r["cases"]) for r in rows), sum(int(r["versions"]) for r in rows),
            max((int(r["max_id"]) for r in rows), default=0))


def _group(rows: list[dict[str, Any]], kommuner: list[int] | None
           ) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = {k: [] for k in kommuner or []}
    for r in rows:
        out.setdefault(int(r["kommun_id"]), []).append(r)
    return out


async def _read_all(campaign_id: int, day: date, statuses: list[str],
                    together: bool = True) -> Rows:
    """Every municipality's rows; cases (the token parts) first, then the rest side by side
    (one after another when `together` is off, as inside a transaction's one connection)."""
    cases = await q.cases_by_kommun_status(campaign_id)
    queries = [q.meetings_by_kommun_kind(campaign_id), q.krav_by_kommun(campaign_id),
               q.documents_by_region_kind(campaign_id), q.decisions_by_region_kind(campaign_id),
               q.overdue_by_region(campaign_id, day, statuses)]
    rest = await asyncio.gather(*queries) if together else [await x for x in queries]
    return {part: _group(rows, None) for part, rows in zip(PARTS, [cases, *rest], strict=True)}


async def _read_some(campaign_id: int, day: date, kommuner: list[int], statuses: list[str]
                     ) -> Rows:
    """Some municipalities' rows, looked up by case id (one connection, one at a time)."""
    ids = await q.case_ids(campaign_id, kommuner)
    got = [await q.cases_by_kommun_status(campaign_id, ids),
           await q.meetings_by_kommun_kind(campaign_id, ids),
           await q.krav_by_kommun(campaign_id, ids),
           await q.documents_by_region_kind(campaign_id, ids),
           await q.decisions_by_region_kind(campaign_id, ids),
           await q.overdue_by_region(campaign_id, day, statuses, ids)]
    return {part: _group(rows, kommuner) for part, rows in zip(PARTS, got, strict=True)}


@asynccontextmanager
async def _snapshot() -> AsyncIterator[None]:
    """One read transaction: every query in it sees the same committed state.

    On PostgreSQL REPEATABLE READ (a single snapshot), without parallel workers, which only
    slow the few index look-ups down; SQLite's deferred transaction reads one snapshot too.
    """
    engine: Any = Case._meta.db
    async with engine.transaction():
        if engine.engine_type != "sqlite":
            await Case.raw("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            await Case.raw("SET LOCAL max_parallel_workers_per_gather = 0")
        yield


async def _refresh(entry: _Entry, campaign_id: int, day: date, statuses: list[str]
                   ) -> _Entry | None:
    """The kept entry, brought up to date; None when it cannot be (read everything then).

    Token, audit mark and the changed municipalities' rows come from one snapshot, so the
    re-read rows are exactly the token's; the kept ones can only lag behind it, so when the
    per-municipality tokens add up to it, none does.
    """
    if entry.snapshot is not None and await q.db_snapshot() == entry.snapshot:
        return entry  # no transaction has committed since: nothing anywhere has changed
    async with _snapshot():
        snapshot = await q.db_snapshot()
        token = _token(await q.campaign_token(campaign_id))
        if token == entry.token:
            return _Entry(entry.token, entry.audit, entry.day, entry.parts, snapshot)
        audit = await q.audit_high_water()
        changed = await q.kommuner_changed(campaign_id, entry.audit, entry.token[2])
        if len(changed) > MAX_CHANGED:
            return None
        fresh = await _read_some(campaign_id, day, changed, statuses)
    parts = {p: {**entry.parts[p], **fresh[p]} for p in PARTS}
    if _implied(parts) != token:
        return None  # a change the audit mark did not point to (or a case moved): read all
    return _Entry(token, audit, entry.day, parts, snapshot)


async def campaign_rows(campaign_id: int, day: date, statuses: list[str]
                        ) -> dict[str, list[dict[str, Any]]]:
    """The campaign's grouped rows as the plain queries give them, per part.

    Inside a caller's transaction nothing is kept or used: its snapshot is the caller's.
    """
    if in_transaction():
        rows = await _read_all(campaign_id, day, statuses, together=False)
        return {p: [r for per in rows[p].values() for r in per] for p in PARTS}
    key = _key(campaign_id)
    kept = _CACHE.get(key)
    entry = await _refresh(kept, campaign_id, day, statuses) if kept else None
    if entry is None:
        snapshot = await q.db_snapshot()
        audit = await q.audit_high_water()
        token = _token(await q.campaign_token(campaign_id))
        entry = _Entry(token, audit, day, await _read_all(campaign_id, day, statuses), snapshot)
    if entry.day != day:  # overdue answers depend on the day; only they are read again
        overdue = await q.overdue_by_region(campaign_id, day, statuses)
        entry = _Entry(entry.token, entry.audit, day,
                       {**entry.parts, "overdue": _group(overdue, None)}, entry.snapshot)
    _CACHE[key] = entry
    return {p: [r for rows in entry.parts[p].values() for r in rows] for p in PARTS}
