"""Login throttling in the database (issue 14), and TRUNCATE refused on the audit trail.

`login_throttle` holds one row per account name and per client address; every process counts
failed logins in it with one atomic statement. On PostgreSQL a statement-level trigger refuses
TRUNCATE of audit_event (row triggers never see a TRUNCATE).
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

ID = "2026-11-30T20:36:10:000000"
VERSION = "1.38.0"
DESCRIPTION = "login_throttle; audit_event no truncate"


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="inspektion", description=DESCRIPTION)

    async def run() -> None:
        engine = engine_finder()
        assert engine is not None
        real = "REAL" if engine.engine_type == "sqlite" else "DOUBLE PRECISION"
        await engine.run_ddl(
            "CREATE TABLE login_throttle ("
            " id " + ("INTEGER PRIMARY KEY AUTOINCREMENT" if engine.engine_type == "sqlite"
                      else "SERIAL PRIMARY KEY") + ","
            " key VARCHAR(200) NOT NULL UNIQUE,"
            " failures INTEGER NOT NULL DEFAULT 0,"
            " lockouts INTEGER NOT NULL DEFAULT 0,"
            f" last_failure {real} NOT NULL DEFAULT 0,"
            f" blocked_until {real} NOT NULL DEFAULT 0)")
        if engine.engine_type != "sqlite":
            await engine.run_ddl(
                "CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event"
                " FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse()")

    manager.add_raw(run)
    return manager
