"""The campaign rollup: the counts behind the figures and the coverage map, kept exact by SQL.

Why: grouping a national campaign's 1.5 million krav takes seconds, and a cache in the
process is neither shared between workers nor exact without a version on every change. So
the database keeps the groups itself, in two tables (db/tables.py):

- `case_rollup`: one case's share of the counts, a few rows per case — its status, its
  answer date while it waits for an answer, its visits per kind, its krav per citation list
  and effektmål (with how many are open), its letters per kind and decisions per kind (with
  how many carried a vite).
- `kommun_rollup`: the same rows summed per campaign, municipality and region; the figures
  and the maps read only this (a few thousand rows per campaign).

A change to a case is followed, in its own transaction, by `refresh_statements` for that case:
the case's old rows are subtracted from the sums, its new rows read from the plain tables are
added, and the old rows replaced. On PostgreSQL this is one statement (data-modifying CTEs),
so the old rows, the new rows and the sums come from one snapshot; the case rows are locked
first, in id order, so two writers refreshing one case go one after the other, and the sums
are written in key order, so two writers in one municipality cannot deadlock. SQLite has one
writer at a time (IMMEDIATE transactions), so plain statements one after another do.

`rebuild_statements` writes everything from scratch; services/rollup.py checks the sums
against the plain grouped queries (db/queries_stats.py), which stay as the reference.
"""

from __future__ import annotations

from contextvars import ContextVar, Token
from datetime import date
from decimal import Decimal
from typing import Any, TypedDict

from inspektion.db.tables import Case
from inspektion.domain.reminder_rules import WAITING_FOR_EMPLOYER


class RollupRow(TypedDict):
    """One grouped sum of `campaign_rows`, tagged with its `part`; `kommun` or `region` is 0
    where the part is not grouped by it, `key` is '' where it has none, `effektmal` 0 for
    none. The sums `n` and `n2` may come back as Decimal from PostgreSQL."""

    part: str
    kommun: int
    region: int
    key: str
    effektmal: int
    n: int | Decimal
    n2: int | Decimal


# Cases that wait for the employer's answer (the domain's one list): past the last day for
# their `svar_senast` they count as overdue.
AWAITING_ANSWER = tuple(s.value for s in WAITING_FOR_EMPLOYER)
_KEY = "campaign, kommun, region, part, key, effektmal"
_COLS = f'"case", {_KEY}, n, n2'
_AWAITING = ", ".join(f"'{s}'" for s in AWAITING_ANSWER)
_CASE = "c.id, c.campaign, c.kommun, c.region"


def parts_sql(where: str) -> str:
    """`SELECT` of every rollup row of the cases `where` (a condition on `c.id`) picks.

    The same conditions as the plain queries: visits leave out the follow-up gruppsamtal
    (held at the uppföljningsbesök), a krav is open unless uppfyllt, a vite is one above 0.
    """
    return " UNION ALL ".join([
        f"SELECT {_CASE}, 'case', c.status, 0, 1, 0 FROM case_file c WHERE {where}",
        f"SELECT {_CASE}, 'svar', CAST(c.svar_senast AS TEXT), 0, 1, 0 FROM case_file c "
        f"WHERE {where} AND c.status IN ({_AWAITING}) AND c.svar_senast IS NOT NULL",
        f"SELECT {_CASE}, 'meeting', m.kind, 0, COUNT(*), 0 FROM meeting m "
        f"JOIN case_file c ON c.id = m.\"case\" WHERE {where} "
        f"AND m.kind <> 'gruppsamtal_uppfoljning' GROUP BY {_CASE}, m.kind",
        f"SELECT {_CASE}, 'krav', CAST(k.citations AS TEXT), COALESCE(k.effektmal, 0), "
        "COUNT(*), SUM(CASE WHEN k.state <> 'uppfyllt' THEN 1 ELSE 0 END) FROM krav k "
        f"JOIN case_file c ON c.id = k.\"case\" WHERE {where} "
        f"GROUP BY {_CASE}, CAST(k.citations AS TEXT), COALESCE(k.effektmal, 0)",
        f"SELECT {_CASE}, 'document', d.kind, 0, COUNT(*), 0 FROM document d "
        f"JOIN case_file c ON c.id = d.\"case\" WHERE {where} GROUP BY {_CASE}, d.kind",
        f"SELECT {_CASE}, 'decision', d.kind, 0, COUNT(*), "
        "SUM(CASE WHEN d.vite_sek > 0 THEN 1 ELSE 0 END) FROM decision d "
        f"JOIN case_file c ON c.id = d.\"case\" WHERE {where} GROUP BY {_CASE}, d.kind",
    ])


_ADD = (f"INSERT INTO kommun_rollup ({_KEY}, n, n2) "
        "SELECT {key}, SUM(n), SUM(n2) FROM ({rows}) AS d WHERE 1 = 1 "  # (SQLite's upsert)
        "GROUP BY {key} ORDER BY {key} "
        f"ON CONFLICT ({_KEY}) DO UPDATE SET n = kommun_rollup.n + excluded.n, "
        "n2 = kommun_rollup.n2 + excluded.n2")


def _add(rows: str) -> str:
    return _ADD.format(key=_KEY, rows=rows)


def _ids(case_ids: list[int]) -> str:
    return ", ".join(str(int(i)) for i in sorted(set(case_ids))) or "NULL"


def _drop_zeros(ids: str) -> str:
    """Sums that fell to nothing go, so the table holds what a rebuild would write."""
    return ("DELETE FROM kommun_rollup WHERE n = 0 AND "
            f"campaign IN (SELECT campaign FROM case_file WHERE id IN ({ids})) AND "
            f"kommun IN (SELECT kommun FROM case_file WHERE id IN ({ids}))")


def refresh_statements(engine: str, case_ids: list[int]) -> list[str]:
    """Statements that bring these cases' share of the sums up to date (in the caller's
    transaction)."""
    ids = _ids(case_ids)
    mine = f'"case" IN ({ids})'
    if engine == "postgres":
        return [
            f"SELECT id FROM case_file WHERE id IN ({ids}) ORDER BY id FOR UPDATE",
            f"WITH gone AS (DELETE FROM case_rollup WHERE {mine} RETURNING {_COLS}), "
            f"fresh AS (INSERT INTO case_rollup ({_COLS}) {parts_sql(f'c.id IN ({ids})')} "
            f"RETURNING {_COLS}) "
            + _add(f"SELECT {_KEY}, -n AS n, -n2 AS n2 FROM gone "
                   f"UNION ALL SELECT {_KEY}, n, n2 FROM fresh"),
            _drop_zeros(ids),
        ]
    return [
        _add(f"SELECT {_KEY}, -n AS n, -n2 AS n2 FROM case_rollup WHERE {mine}"),
        f"DELETE FROM case_rollup WHERE {mine}",
        f"INSERT INTO case_rollup ({_COLS}) {parts_sql(f'c.id IN ({ids})')}",
        _add(f"SELECT {_KEY}, n, n2 FROM case_rollup WHERE {mine}"),
        _drop_zeros(ids),
    ]


def add_new_cases_statements(first_case_id: int) -> list[str]:
    """For cases just written in bulk (the generator): their rows, added to the sums."""
    where = f"c.id >= {int(first_case_id)}"
    return [f"INSERT INTO case_rollup ({_COLS}) {parts_sql(where)}",
            _add(f'SELECT {_KEY}, n, n2 FROM case_rollup WHERE "case" >= {int(first_case_id)}')]


def rebuild_statements() -> list[str]:
    """Everything from scratch, from the plain tables (same SQL on both databases)."""
    return ["DELETE FROM kommun_rollup", "DELETE FROM case_rollup",
            f"INSERT INTO case_rollup ({_COLS}) {parts_sql('1 = 1')}",
            _add(f"SELECT {_KEY}, n, n2 FROM case_rollup")]


# The cases whose rows the current user action wrote: a step's commit and every audit event
# on a case mark it (services/step_frame.py, services/audit.py); services/transactions.write_tx
# refreshes their rollup before it commits. Here, below the services, so both can mark it.
_MARKED: ContextVar[set[int] | None] = ContextVar("rollup_marked_cases", default=None)


def mark(case_id: int | None) -> None:
    done = _MARKED.get()
    if done is not None and case_id is not None:
        done.add(int(case_id))


def start_marking() -> Token[set[int] | None]:
    return _MARKED.set(set())


def marked() -> list[int]:
    return sorted(_MARKED.get() or ())


def stop_marking(token: Token[set[int] | None]) -> None:
    _MARKED.reset(token)


def _engine() -> Any:
    return Case._meta.db


async def refresh(case_ids: list[int]) -> None:
    """Bring these cases' share up to date; call inside the writing transaction."""
    if not case_ids:
        return
    for statement in refresh_statements(_engine().engine_type, case_ids):
        await Case.raw(statement)


async def rebuild() -> None:
    """Rewrite the rollup from the plain tables; call inside a transaction."""
    for statement in rebuild_statements():
        await Case.raw(statement)


def _grouped(tag: str, part: str, kommun: str, region: str, key: str, effektmal: str,
             group: str, where: str = "") -> str:
    return (f"SELECT '{tag}' AS part, {kommun} AS kommun, {region} AS region, {key} AS key, "
            f"{effektmal} AS effektmal, SUM(n) AS n, SUM(n2) AS n2 FROM kommun_rollup "
            f"WHERE campaign = {{c}} AND part = '{part}'{where} GROUP BY {group} "
            "HAVING SUM(n) <> 0")


_READ = " UNION ALL ".join([
    _grouped("cases", "case", "kommun", "0", "key", "0", "kommun, key"),
    _grouped("meetings", "meeting", "kommun", "0", "key", "0", "kommun, key"),
    _grouped("documents", "document", "0", "region", "key", "0", "region, key"),
    _grouped("decisions", "decision", "0", "region", "key", "0", "region, key"),
    _grouped("overdue", "svar", "0", "region", "''", "0", "region", " AND key < {day}"),
    _grouped("krav_kommun", "krav", "kommun", "0", "''", "0", "kommun"),
    _grouped("krav_citations", "krav", "0", "0", "key", "effektmal", "key, effektmal"),
])
_KRAV_DETAIL = _grouped("krav", "krav", "kommun", "0", "key", "effektmal",
                        "kommun, key, effektmal")


async def campaign_rows(campaign_id: int, due_before: date, krav_detail: bool = False
                        ) -> list[RollupRow]:
    """The campaign's sums grouped as the figures use them, each row tagged with its `part`:
    cases per municipality and status, visits per municipality and kind, letters and
    decisions per region and kind, overdue answers per region (answer date before `due_before`,
    the bound `domain.reminder_rules.overdue_if_due_before` gives for the day asked about),
    krav per municipality and per citation list; with `krav_detail` also krav per
    municipality and citation list (the krav map). One query."""
    sql = _READ + (" UNION ALL " + _KRAV_DETAIL if krav_detail else "")
    sql = sql.replace("{c}", str(int(campaign_id))).replace("{day}", "{}")
    # The columns are the SELECT's aliases above, one shape for every part.
    rows: list[RollupRow] = await Case.raw(sql, due_before.isoformat())
    return rows
