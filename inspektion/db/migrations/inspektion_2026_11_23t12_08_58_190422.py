"""Make the audit trail append-only with database triggers."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

from inspektion.db import append_only

ID = "2026-11-23T12:08:58:190422"
VERSION = "1.38.0"
DESCRIPTION = "audit trail append-only"


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="inspektion", description=DESCRIPTION)

    async def run() -> None:
        engine = engine_finder()
        assert engine is not None
        for statement in append_only.statements(engine.engine_type):
            await engine.run_ddl(statement)

    manager.add_raw(run)
    return manager
