"""The employer's own answer channel (issue 18): svarslänkar and what was typed through them.

`svarslank` holds one answer link per letter and recipient (arbetsgivaren or the
huvudskyddsombud): only the SHA-256 of its secret token and of its typeable code, when it
stops working, and whether it was revoked. `svar_inskick` holds a draft (no handling yet)
or a sent answer (the inkommen handling it became) with the per-krav answers as JSON, so the
inspector sees each answer beside its krav.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

ID = "2026-12-01T02:55:36:302853"
VERSION = "1.38.0"
DESCRIPTION = "svarslank; svar_inskick"


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="inspektion", description=DESCRIPTION)

    async def run() -> None:
        engine = engine_finder()
        assert engine is not None
        sqlite = engine.engine_type == "sqlite"
        pk = "INTEGER PRIMARY KEY AUTOINCREMENT" if sqlite else "SERIAL PRIMARY KEY"
        stamp = "TIMESTAMPTZ"  # Piccolo reads both databases by the declared type
        await engine.run_ddl(
            f"CREATE TABLE svarslank (id {pk},"
            ' "case" INTEGER NOT NULL REFERENCES case_file (id) ON DELETE RESTRICT,'
            " document INTEGER NOT NULL REFERENCES document (id) ON DELETE RESTRICT,"
            " recipient VARCHAR(20) NOT NULL,"
            " token_hash VARCHAR(64) NOT NULL UNIQUE,"
            " code_hash VARCHAR(64) NOT NULL UNIQUE,"
            f" created_at {stamp} NOT NULL,"
            " created_by INTEGER NULL REFERENCES app_user (id) ON DELETE RESTRICT,"
            " expires_on DATE NOT NULL,"
            f" revoked_at {stamp} NULL,"
            " revoked_by INTEGER NULL REFERENCES app_user (id) ON DELETE RESTRICT)")
        await engine.run_ddl('CREATE INDEX svarslank_case ON svarslank ("case")')
        await engine.run_ddl(
            f"CREATE TABLE svar_inskick (id {pk},"
            " link INTEGER NOT NULL REFERENCES svarslank (id) ON DELETE RESTRICT,"
            ' "case" INTEGER NOT NULL REFERENCES case_file (id) ON DELETE RESTRICT,'
            " handling INTEGER NULL REFERENCES handling (id) ON DELETE RESTRICT,"
            " answers JSON NOT NULL,"
            " contact VARCHAR(200) NOT NULL DEFAULT '',"
            " message TEXT NOT NULL DEFAULT '',"
            f" saved_at {stamp} NOT NULL,"
            " client_key VARCHAR(64) NULL UNIQUE)")
        await engine.run_ddl("CREATE INDEX svar_inskick_link ON svar_inskick (link)")
        await engine.run_ddl('CREATE INDEX svar_inskick_case ON svar_inskick ("case")')

    manager.add_raw(run)
    return manager
