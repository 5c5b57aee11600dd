"""The employer as a legal person, and successors as lists of citable paragraphs (issue 13).

kommun gets its registered name and organisationsnummer (filled by `inspektion init` from
fixtures/kommuner_organisation.csv); workplace gets the nämnd/förvaltning a letter goes to;
regulation_paragraph gets `successors`, the paragraphs a repealed rule maps to.

The columns are added with Piccolo's own add_column, so its schema snapshot knows them
and `piccolo migrations new --auto` does not add them again.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import JSON, Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-11-30T20:20:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "kommun legal person, workplace.namnd, regulation_paragraph.successors"


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="inspektion", description=DESCRIPTION)

    manager.add_column(
        table_class_name="Kommun",
        tablename="kommun",
        column_name="juridiskt_namn",
        db_column_name="juridiskt_namn",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 200,
            "default": "",
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="Kommun",
        tablename="kommun",
        column_name="organisationsnummer",
        db_column_name="organisationsnummer",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 11,
            "default": "",
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="Workplace",
        tablename="workplace",
        column_name="namnd",
        db_column_name="namnd",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 200,
            "default": "",
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="RegulationParagraph",
        tablename="regulation_paragraph",
        column_name="successors",
        db_column_name="successors",
        column_class_name="JSON",
        column_class=JSON,
        params={
            "default": "[]",
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )
    return manager
