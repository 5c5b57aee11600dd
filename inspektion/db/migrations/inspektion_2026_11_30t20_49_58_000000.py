"""Bevakning (issue 15): planned visits per case and a private calendar feed per user.

`planned_visit` holds at most one planned date per case and kind (förmöte, gruppsamtal,
återkoppling, uppföljning). `calendar_feed` holds the SHA-256 of each user's secret feed
token (the token itself is shown once); deleting the row revokes the feed.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

ID = "2026-11-30T20:49:58:000000"
VERSION = "1.38.0"
DESCRIPTION = "planned_visit; calendar_feed"


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="inspektion", description=DESCRIPTION)

    async def run() -> None:
        engine = engine_finder()
        assert engine is not None
        sqlite = engine.engine_type == "sqlite"
        pk = "INTEGER PRIMARY KEY AUTOINCREMENT" if sqlite else "SERIAL PRIMARY KEY"
        stamp = "TIMESTAMPTZ"  # Piccolo reads both databases by the declared type
        await engine.run_ddl(
            f"CREATE TABLE planned_visit (id {pk},"
            ' "case" INTEGER NOT NULL REFERENCES case_file (id) ON DELETE RESTRICT,'
            " kind VARCHAR(30) NOT NULL,"
            " date DATE NOT NULL)")
        await engine.run_ddl(
            'CREATE UNIQUE INDEX planned_visit_case_kind ON planned_visit ("case", kind)')
        await engine.run_ddl("CREATE INDEX planned_visit_date ON planned_visit (date)")
        await engine.run_ddl(
            f"CREATE TABLE calendar_feed (id {pk},"
            ' "user" INTEGER NOT NULL UNIQUE REFERENCES app_user (id) ON DELETE CASCADE,'
            " token_hash VARCHAR(64) NOT NULL UNIQUE,"
            f" created_at {stamp} NOT NULL)")

    manager.add_raw(run)
    return manager
