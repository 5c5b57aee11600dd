"""The inspector's proposal to the jurist, shown in the escalation queue (issue 5)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

ID = "2026-11-29T14:10:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "case_file.inspector_proposal"


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="inspektion", description=DESCRIPTION)

    async def run() -> None:
        engine = engine_finder()
        assert engine is not None
        await engine.run_ddl(
            "ALTER TABLE case_file ADD COLUMN inspector_proposal TEXT NOT NULL DEFAULT ''")

    manager.add_raw(run)
    return manager
