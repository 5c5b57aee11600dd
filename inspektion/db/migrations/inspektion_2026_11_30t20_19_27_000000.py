"""Inkomna handlingar, their files (bytes in the database, so a backup holds them) and the
assessments of each krav (issue 13).

The tables are created from frozen copies of their definitions below, so Piccolo writes the
right DDL for SQLite and PostgreSQL and a later change to db/tables.py does not change what
this migration did.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns import Bytea, Date, ForeignKey, Integer, Text, Varchar
from piccolo.columns.base import OnDelete
from piccolo.engine.finder import engine_finder
from piccolo.table import Table

ID = "2026-11-30T20:19:27:000000"
VERSION = "1.38.0"
DESCRIPTION = "handling, handling_file, krav_assessment"


class _Case(Table, tablename="case_file"):
    pass


class _User(Table, tablename="app_user"):
    pass


class _Document(Table, tablename="document"):
    pass


class _Krav(Table, tablename="krav"):
    pass


class _Meeting(Table, tablename="meeting"):
    pass


class _Handling(Table, tablename="handling"):
    case = ForeignKey(_Case, null=False, on_delete=OnDelete.restrict, index=True)
    number = Varchar(length=20, unique=True)
    seq = Integer()
    kind = Varchar(length=30)
    received = Date()
    sender = Varchar(length=200, default="")
    description = Text(default="")
    answers_document = ForeignKey(_Document, null=True, on_delete=OnDelete.restrict)
    registered_on = Date()
    registered_by = ForeignKey(_User, null=True, on_delete=OnDelete.restrict)


class _HandlingFile(Table, tablename="handling_file"):
    handling = ForeignKey(_Handling, null=False, on_delete=OnDelete.restrict, index=True)
    position = Integer()
    name = Varchar(length=255)
    content_type = Varchar(length=120)
    size = Integer()
    sha256 = Varchar(length=64)
    content = Bytea()


class _KravAssessment(Table, tablename="krav_assessment"):
    case = ForeignKey(_Case, null=False, on_delete=OnDelete.restrict, index=True)
    krav = ForeignKey(_Krav, null=False, on_delete=OnDelete.restrict, index=True)
    date = Date()
    outcome = Varchar(length=20)
    motivering = Text(default="")
    source = Varchar(length=20)
    handling = ForeignKey(_Handling, null=True, on_delete=OnDelete.restrict)
    meeting = ForeignKey(_Meeting, null=True, on_delete=OnDelete.restrict)
    assessed_on = Date()
    assessed_by = ForeignKey(_User, null=True, on_delete=OnDelete.restrict)


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="inspektion", description=DESCRIPTION)

    async def run() -> None:
        engine = engine_finder()
        assert engine is not None
        for table in (_Handling, _HandlingFile, _KravAssessment):
            table._meta.db = engine
            await table.create_table(if_not_exists=True)
        await engine.run_ddl("CREATE UNIQUE INDEX IF NOT EXISTS handling_file_position "
                             "ON handling_file (handling, position)")

    manager.add_raw(run)
    return manager
