"""Archived campaigns: a finished campaign kept as a record (the 2015–2017 campaign).

Its cases stay readable and counted in its figures and map, but they are nobody's work any
more: no reminders, no place in the escalation queue, and no lifecycle step changes them.

The columns are added with Piccolo's own add_column, so its schema snapshot knows them
and `piccolo migrations new --auto` does not add them again.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Boolean
from piccolo.columns.indexes import IndexMethod

ID = "2026-11-29T13:45:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "campaign.archived"


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="inspektion", description=DESCRIPTION)

    manager.add_column(
        table_class_name="Campaign",
        tablename="campaign",
        column_name="archived",
        db_column_name="archived",
        column_class_name="Boolean",
        column_class=Boolean,
        params={
            "default": False,
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
