"""The rollup's unique key, and the rollup of the cases the database already holds (issue 17).

Raw SQL: Piccolo has no composite unique index, and the sums are upserted by this key
(db/rollup.py). Campaign and part first: the figures read one campaign's rows part by part.
Writing the rollup here means an upgraded database answers with exact figures at once;
`inspektion stats --rebuild` does the same later if ever needed.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

ID = "2026-12-01T02:56:19:771556"
VERSION = "1.38.0"
DESCRIPTION = "kommun_rollup unique key; rollup written from the existing cases"


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="inspektion", description=DESCRIPTION)

    async def run() -> None:
        from inspektion.db.rollup import rebuild_statements

        engine = engine_finder()
        assert engine is not None
        await engine.run_ddl(
            "CREATE UNIQUE INDEX kommun_rollup_key ON kommun_rollup "
            "(campaign, part, kommun, region, key, effektmal)")
        for statement in rebuild_statements():
            await engine.run_ddl(statement)

    manager.add_raw(run)
    return manager
