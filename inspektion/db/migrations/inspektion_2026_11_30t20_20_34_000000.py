"""Full-text search of cases (issue 15): PostgreSQL tsvector ('swedish') + GIN, SQLite FTS5.

Raw SQL: Piccolo cannot express a generated tsvector column, a GIN index or a virtual
table. The documents of the cases already stored are written here once; from then on the
services keep them (db/search.py).
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

from inspektion.db.search import create_statements, rebuild_statements

ID = "2026-11-30T20:20:34:000000"
VERSION = "1.38.0"
DESCRIPTION = "case_search full-text index"


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="inspektion", description=DESCRIPTION)

    async def run() -> None:
        engine = engine_finder()
        assert engine is not None
        kind = engine.engine_type
        for statement in create_statements(kind) + rebuild_statements(kind):
            await engine.run_ddl(statement)

    manager.add_raw(run)
    return manager
