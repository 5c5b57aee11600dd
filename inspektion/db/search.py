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

import json
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


FEW = 1000
COMMON = 20_000  # estimated matches above which a word is common enough to skip the probe


async def few_matches(query: str, region: str | None = None) -> list[int] | None:
    """PostgreSQL: the ids of every case matching, when there are at most FEW; else None.

    Why: for a prefix ("bjuv:*") PostgreSQL cannot estimate how many documents match and
    assumes 0.5 % (1,000 of 200,000). For a rare or absent word it then walks the cases
    newest first and tests each document (reading every tsvector from TOAST: 2.5–3 s on
    200,000 cases), where the GIN index would answer at once. So the index is asked first,
    with sequential scans off for that one statement (the bitmap never reads a tsvector);
    a short list becomes `c.id = ANY(...)`, a long one means the word is common and the
    planner's own plan finds a page of matches early (bench/README.md, "Sökning"). With a
    region (an inspector's or coordinator's search) only that region's matches count: a word
    common elsewhere ("stockholm" in IRS-Syd) is then rare here. A word the statistics know
    to be common (more than COMMON estimated matches; a bitmap of all of them would cost
    100 ms and more) skips the probe: for it the planner's plan finds a page at once."""
    engine: Any = Case._meta.db
    matches = "SELECT s.case_id FROM case_search s WHERE s.tsv @@ to_tsquery('swedish', {})"
    # Each match's region is looked up as the bitmap hands it over (OFFSET 0 keeps the
    # planner from turning this into a join that reads every match first), so the scan
    # stops at FEW + 1 of the region's matches.
    in_region = ("SELECT m.case_id FROM (" + matches + " OFFSET 0) m WHERE (SELECT c.region "
                 "FROM case_file c WHERE c.id = m.case_id) = (SELECT id FROM region WHERE "
                 "code = {})")
    plan = await Case.raw("EXPLAIN (FORMAT JSON) " + matches, query)
    document = plan[0]["QUERY PLAN"]
    if isinstance(document, str):
        document = json.loads(document)
    if float(document[0]["Plan"]["Plan Rows"]) > COMMON:
        return None  # known common from the statistics: the planner's plan is the fast one
    async with engine.transaction():
        await Case.raw("SET LOCAL enable_seqscan = off")
        await Case.raw("SET LOCAL max_parallel_workers_per_gather = 0")
        rows = await Case.raw(f"{matches} LIMIT {FEW + 1}", query)
        if len(rows) > FEW and region is not None:
            rows = await Case.raw(f"{in_region} LIMIT {FEW + 1}", query, region)
    ids = [int(r["case_id"]) for r in rows]
    return ids if len(ids) <= FEW else None


def match_query(engine: str, terms: list[str]) -> str:
    """Every word must match, each as a prefix ("malm" finds Malmö)."""
    if engine == "postgres":
        return " & ".join(f"{t}:*" for t in terms)
    return " AND ".join(f'"{t}"*' for t in terms)
