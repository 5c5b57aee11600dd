"""The inspector's proposal to the jurist, shown in the escalation queue (issue 5).

The columns are added with Piccolo's own add_column, so its schema snapshot knows them
and `piccolo migrations new --auto` does not add them again.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Text
from piccolo.columns.indexes import IndexMethod

ID = "2026-11-29T14:10:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "case_file.inspector_proposal"


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="inspektion", description=DESCRIPTION)

    manager.add_column(
        table_class_name="Case",
        tablename="case_file",
        column_name="inspector_proposal",
        db_column_name="inspector_proposal",
        column_class_name="Text",
        column_class=Text,
        params={
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
    return manager
