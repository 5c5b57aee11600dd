"""`app_setting` (issue 17): values the tool keeps about itself, by key.

The first is `reference_checksum`: `inspektion serve` skips reloading the reference data when
the fixtures' checksum is the one stored at the last load (services/reference.py).
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Text, Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-01T03:05:12:119107"
VERSION = "1.38.0"
DESCRIPTION = "app_setting (issue 17: skip the reference reload when the fixtures are unchanged)"

_COMMON = {"null": False, "primary_key": False, "index": False, "index_method": IndexMethod.btree,
           "choices": None, "db_column_name": None, "secret": False}


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="inspektion", description=DESCRIPTION)
    manager.add_table(class_name="AppSetting", tablename="app_setting", schema=None, columns=None)
    manager.add_column(
        table_class_name="AppSetting", tablename="app_setting", column_name="key",
        db_column_name="key", column_class_name="Varchar", column_class=Varchar,
        params={**_COMMON, "length": 60, "default": "", "unique": True}, schema=None)
    manager.add_column(
        table_class_name="AppSetting", tablename="app_setting", column_name="value",
        db_column_name="value", column_class_name="Text", column_class=Text,
        params={**_COMMON, "default": "", "unique": False}, schema=None)
    return manager
