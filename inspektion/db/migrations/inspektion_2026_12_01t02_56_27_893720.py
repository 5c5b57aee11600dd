"""app_user.oidc_key unique where set (issue 19): one local user per provider account.

A partial unique index, as raw SQL: SQLite cannot add a UNIQUE column, and Piccolo runs a
migration's raw steps before its columns, so the index follows the column in its own step.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

ID = "2026-12-01T02:56:27:893720"
VERSION = "1.38.0"
DESCRIPTION = "app_user_oidc_key unique index"


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="inspektion", description=DESCRIPTION)

    async def unique_key() -> None:
        engine = engine_finder()
        assert engine is not None
        await engine.run_ddl("CREATE UNIQUE INDEX app_user_oidc_key ON app_user (oidc_key) "
                             "WHERE oidc_key IS NOT NULL")

    manager.add_raw(unique_key)
    return manager
