"""The full-text index of cases: one document per case, in the database's own search.

PostgreSQL: `case_search.tsv`, a tsvector with the 'swedish' configuration (stemming and
stop words), generated from `body` and indexed with GIN. SQLite: an FTS5 table with the
case id as rowid (no Swedish stemmer there; prefix matching stands in). The document holds
what people search by: diarienummer, kommun, workplace, employer, address, the inspectors'
names and usernames, and the text and brist of every krav.

The services refresh a case's document in the transaction that changes any of it
(services/search_index.py), so a search never sees a case other than as it is stored.
"""

from __future__ import annotations

import re
from typing import Any

from inspektion.db.tables import Case

_PARTS = ("c.diarienummer", "k.namn", "w.name", "w.employer", "w.address", "i1.display_name",
          "i1.username", "i2.display_name", "i2.username")


def body_sql(engine: str) -> str:
    """`SELECT case_id, body` for the cases matching a WHERE clause appended by the caller."""
    agg = "string_agg" if engine == "postgres" else "group_concat"
    krav = (f"(SELECT {agg}(kr.text || ' ' || coalesce(kr.brist, ''), ' ') "
            'FROM krav kr WHERE kr."case" = c.id)')
    body = " || ' ' || ".join(f"coalesce({p}, '')" for p in (*_PARTS, krav))
    return (f"SELECT c.id AS case_id, {body} AS body FROM case_file c "
            "LEFT JOIN kommun k ON k.id = c.kommun LEFT JOIN workplace w ON w.id = c.workplace "
            "LEFT JOIN app_user i1 ON i1.id = c.inspector1 "
            "LEFT JOIN app_user i2 ON i2.id = c.inspector2")


def create_statements(engine: str) -> list[str]:
    if engine == "postgres":
        return [
            "CREATE TABLE IF NOT EXISTS case_search ("
            " case_id INTEGER PRIMARY KEY REFERENCES case_file(id) ON DELETE CASCADE,"
            " body TEXT NOT NULL,"
            " tsv tsvector GENERATED ALWAYS AS (to_tsvector('swedish', body)) STORED)",
            "CREATE INDEX IF NOT EXISTS case_search_tsv ON case_search USING GIN (tsv)",
        ]
    return ["CREATE VIRTUAL TABLE IF NOT EXISTS case_search USING fts5(body)"]


def rebuild_statements(engine: str, where: str = "") -> list[str]:
    """Statements that (re)write the documents of the cases `where` picks (all if empty)."""
    clause = f" WHERE {where}" if where else ""
    if engine == "postgres":
        return ["INSERT INTO case_search (case_id, body) " + body_sql(engine) + clause
                + " ON CONFLICT (case_id) DO UPDATE SET body = EXCLUDED.body"]
    ids = f" WHERE rowid IN (SELECT c.id FROM case_file c{clause})" if where else ""
    return [f"DELETE FROM case_search{ids}",
            "INSERT INTO case_search (rowid, body) SELECT case_id, body FROM ("
            + body_sql(engine) + clause + ")"]


async def refresh(case_ids: list[int]) -> None:
    """Rewrite these cases' documents; call inside the writing transaction."""
    if not case_ids:
        return
    engine: Any = Case._meta.db
    where = "c.id IN (" + ", ".join(str(int(i)) for i in case_ids) + ")"
    for statement in rebuild_statements(engine.engine_type, where):
        await Case.raw(statement)


_WORD = re.compile(r"[^\W_]+")
MAX_WORDS = 8


def words(q: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(q)][:MAX_WORDS]


def match_condition(engine: str) -> str:
    """A condition on `c.id` with one placeholder for the query from `match_query`."""
    if engine == "postgres":
        return "c.id IN (SELECT case_id FROM case_search WHERE tsv @@ to_tsquery('swedish', {}))"
    return "c.id IN (SELECT rowid FROM case_search WHERE case_search MATCH {})"


def match_query(engine: str, terms: list[str]) -> str:
    """Every word must match, each as a prefix ("malm" finds Malmö)."""
    if engine == "postgres":
        return " & ".join(f"{t}:*" for t in terms)
    return " AND ".join(f'"{t}"*' for t in terms)
