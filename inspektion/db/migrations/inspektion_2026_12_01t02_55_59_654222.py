"""The campaign rollup (issue 17): `case_rollup` and `kommun_rollup`, filled from the plain tables.

The figures and the coverage map read the sums the database keeps exact (db/rollup.py)
instead of a cache in the process. The next migration adds the unique key over six columns
(raw SQL: Piccolo has no composite unique index, and its raw steps run before its tables are
added) and writes the rollup of the cases an upgraded database already holds.
"""

from typing import Any

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete, OnUpdate
from piccolo.columns.column_types import ForeignKey, Integer, Text, Varchar
from piccolo.columns.indexes import IndexMethod
from piccolo.table import Table

ID = "2026-12-01T02:55:59:654222"
VERSION = "1.38.0"
DESCRIPTION = "case_rollup; kommun_rollup (issue 17: exact campaign counts in the database)"


class Case(Table, tablename="case_file", schema=None):
    pass


_COMMON = {"null": False, "primary_key": False, "unique": False, "index_method": IndexMethod.btree,
           "choices": None, "db_column_name": None, "secret": False}


def _columns(manager: MigrationManager, class_name: str, tablename: str,
             columns: list[tuple[str, Any, dict[str, Any]]]) -> None:
    for name, cls, params in columns:
        manager.add_column(table_class_name=class_name, tablename=tablename, column_name=name,
                           db_column_name=name, column_class_name=cls.__name__,
                           column_class=cls, params={**_COMMON, "index": False, **params},
                           schema=None)


def _counts() -> list[tuple[str, Any, dict[str, Any]]]:
    return [("campaign", Integer, {"default": 0}), ("kommun", Integer, {"default": 0}),
            ("region", Integer, {"default": 0}), ("part", Varchar, {"length": 20, "default": ""}),
            ("key", Text, {"default": ""}), ("effektmal", Integer, {"default": 0}),
            ("n", Integer, {"default": 0}), ("n2", Integer, {"default": 0})]


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="inspektion", description=DESCRIPTION)
    manager.add_table(class_name="CaseRollup", tablename="case_rollup", schema=None,
                      columns=None)
    manager.add_table(class_name="KommunRollup", tablename="kommun_rollup", schema=None,
                      columns=None)
    _columns(manager, "CaseRollup", "case_rollup", [
        ("case", ForeignKey, {"references": Case, "on_delete": OnDelete.cascade,
                              "on_update": OnUpdate.cascade, "target_column": None,
                              "index": True}),
        *_counts()])
    _columns(manager, "KommunRollup", "kommun_rollup", _counts())  # indexed by its unique key

    return manager
