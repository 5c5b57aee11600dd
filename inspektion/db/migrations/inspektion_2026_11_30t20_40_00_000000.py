"""Decisions that bind: the announced and ordered terms, immediate effect, the court's dom
(issue 12)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

ID = "2026-11-30T20:40:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "decision.terms, immediate, outcome, laga_kraft"


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="inspektion", description=DESCRIPTION)

    async def run() -> None:
        engine = engine_finder()
        assert engine is not None
        await engine.run_ddl("ALTER TABLE decision ADD COLUMN terms JSON NOT NULL DEFAULT '{}'")
        await engine.run_ddl(
            "ALTER TABLE decision ADD COLUMN immediate BOOLEAN NOT NULL DEFAULT FALSE")
        await engine.run_ddl("ALTER TABLE decision ADD COLUMN outcome VARCHAR(20)")
        await engine.run_ddl("ALTER TABLE decision ADD COLUMN laga_kraft DATE")

    manager.add_raw(run)
    return manager
