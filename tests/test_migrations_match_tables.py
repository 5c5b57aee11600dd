"""db/tables.py and the migrations describe the same schema, as Piccolo sees it.

This is the check `piccolo migrations new inspektion --auto` makes: it replays the
migrations' own operations (add_table, add_column, …; raw SQL is invisible to it) into a
schema snapshot and compares that with the tables. A column added to tables.py without a
migration, or added by raw DDL, shows up here as a statement Piccolo would write.

Eight tables were created by raw DDL before this check existed; Piccolo would have created
them again. Migration 2026-12-01T06:29:35 now records them with Piccolo's own operations and
runs nothing (they exist); the last test holds the tables as the raw DDL made them against
their definitions, column by column, on the test database (SQLite or PostgreSQL).
"""

from __future__ import annotations

import asyncio
import re
from itertools import chain

from piccolo.apps.migrations.commands.new import AutoMigrationManager
from piccolo.columns import ForeignKey

from inspektion.db.piccolo_app import APP_CONFIG
from inspektion.db.tables import Case

# Tables Piccolo's operations do not describe (raw DDL only): none left; it may never grow.
CREATED_BY_RAW_DDL: set[str] = set()
# The tables the record-only migration describes: made by raw DDL in earlier migrations.
RECORDED = {"handling", "handling_file", "krav_assessment", "login_throttle", "planned_visit",
            "calendar_feed", "svarslank", "svar_inskick"}


def _statements() -> list[str]:
    # auto_input answers Piccolo's "was this column renamed?" questions: never.
    found = asyncio.run(AutoMigrationManager(auto_input="n").get_alter_statements(
        app_config=APP_CONFIG))
    return list(chain.from_iterable(s.statements for s in found))


def test_piccolo_would_write_nothing_but_the_known_raw_tables() -> None:
    statements = _statements()
    tables = {m.group(1) for s in statements
              for m in [re.search(r"tablename=['\"](\w+)['\"]", s)] if m}
    created = {m.group(1) for s in statements if "add_table(" in s
               for m in [re.search(r"tablename=['\"](\w+)['\"]", s)] if m}
    unexplained = [s for s in statements
                   if not any(re.search(rf"tablename=['\"]{t}['\"]", s)
                              for t in CREATED_BY_RAW_DDL)]
    assert unexplained == [], "\n".join(unexplained)
    # Each named table is still missing from the migrations' own operations; one moved to
    # them must leave the list.
    assert created == tables == CREATED_BY_RAW_DDL


def _columns_in_database(tablename: str) -> dict[str, tuple[str, bool]]:
    """Each column's declared type (lower case) and whether it may be NULL, as the database
    holds it."""
    engine = Case._meta.db
    if engine.engine_type == "sqlite":
        rows = Case.raw(f'PRAGMA table_info("{tablename}")').run_sync()
        return {r["name"]: (str(r["type"]).lower(), not r["notnull"] and not r["pk"])
                for r in rows}
    rows = Case.raw("SELECT column_name, data_type, is_nullable FROM information_schema.columns "
                    "WHERE table_schema = 'public' AND table_name = {}", tablename).run_sync()
    return {r["column_name"]: (str(r["data_type"]).lower(), r["is_nullable"] == "YES")
            for r in rows}


_FK_SQL = (
    "SELECT kcu.column_name, ccu.table_name AS target, rc.delete_rule "
    "FROM information_schema.referential_constraints rc "
    "JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = rc.constraint_name "
    "JOIN information_schema.constraint_column_usage ccu "
    "ON ccu.constraint_name = rc.constraint_name WHERE kcu.table_name = {}")
_UNIQUE_SQL = (
    "SELECT kcu.column_name FROM information_schema.table_constraints tc "
    "JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name "
    "WHERE tc.table_name = {} AND tc.constraint_type = 'UNIQUE'")


def _keys_in_database(tablename: str) -> tuple[dict[str, tuple[str, str]], set[str]]:
    """Each foreign key's target table and ON DELETE rule, and the one-column UNIQUEs."""
    if Case._meta.db.engine_type == "sqlite":
        fks = {r["from"]: (r["table"], str(r["on_delete"]).upper()) for r in
               Case.raw(f'PRAGMA foreign_key_list("{tablename}")').run_sync()}
        unique = set()
        for index in Case.raw(f'PRAGMA index_list("{tablename}")').run_sync():
            if index["unique"] and index["origin"] == "u":
                cols = Case.raw(f'PRAGMA index_info("{index["name"]}")').run_sync()
                if len(cols) == 1:
                    unique.add(cols[0]["name"])
        return fks, unique
    fks = {r["column_name"]: (r["target"], r["delete_rule"])
           for r in Case.raw(_FK_SQL, tablename).run_sync()}
    return fks, {r["column_name"] for r in Case.raw(_UNIQUE_SQL, tablename).run_sync()}


_SAME_TYPE = {  # Piccolo's column type → what each database reports for it
    "Serial": {"integer", "integer primary key autoincrement"},
    "ForeignKey": {"integer"}, "Integer": {"integer"}, "BigInt": {"bigint", "integer"},
    "Varchar": {"character varying", "varchar"}, "Text": {"text"},
    "Date": {"date"}, "Timestamptz": {"timestamp with time zone", "timestamptz"},
    "Timestamp": {"timestamp without time zone", "timestamp"},
    "DoublePrecision": {"double precision", "real"},  # SQLite: REAL is its 8-byte float
    "Boolean": {"boolean"},
    "JSON": {"json"}, "Bytea": {"bytea", "blob"},
}


def test_the_recorded_tables_are_as_their_definitions_say(database: str) -> None:
    """What the record-only migration tells Piccolo is true of the database the raw DDL made:
    the same columns, of the same type, NULL where the definition allows it and only there,
    the same foreign keys (target and ON DELETE) and UNIQUE columns."""
    by_name = {t._meta.tablename: t for t in APP_CONFIG.table_classes}
    wrong = []
    for tablename in sorted(RECORDED):
        actual = _columns_in_database(tablename)
        defined = {c._meta.db_column_name: c for c in by_name[tablename]._meta.columns}
        if set(actual) != set(defined):
            wrong.append(f"{tablename}: columns {sorted(actual)} ≠ {sorted(defined)}")
            continue
        for name, column in defined.items():
            kind, nullable = actual[name]
            kind = kind.split("(")[0].strip()
            if kind not in _SAME_TYPE[type(column).__name__] | {type(column).__name__.lower()}:
                wrong.append(f"{tablename}.{name}: {kind} for {type(column).__name__}")
            if nullable != bool(column._meta.null) and not column._meta.primary_key:
                wrong.append(f"{tablename}.{name}: NULL {nullable}, defined {column._meta.null}")
        fks, unique = _keys_in_database(tablename)
        for name, column in defined.items():
            want = None
            if isinstance(column, ForeignKey):
                meta = column._foreign_key_meta
                want = (meta.resolved_references._meta.tablename, meta.on_delete.value.upper())
            if fks.get(name) != want:
                wrong.append(f"{tablename}.{name}: foreign key {fks.get(name)}, defined {want}")
            if (name in unique) != bool(column._meta.unique):
                wrong.append(f"{tablename}.{name}: UNIQUE {name in unique}, defined "
                             f"{column._meta.unique}")
    assert wrong == [], "\n".join(wrong)
