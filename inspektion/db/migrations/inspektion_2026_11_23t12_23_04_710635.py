"""Indexes for national scale (issue 8): the case list, the reminders sweep, the figures.

Measured with EXPLAIN ANALYZE on PostgreSQL with 200,000 generated cases and 1.5 million
krav (bench/README.md, "API"). Plain and partial indexes only, written so that the
same statements run on SQLite and PostgreSQL; IF NOT EXISTS makes the migration safe to
repeat.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

ID = "2026-11-23T12:23:04:710635"
VERSION = "1.38.0"
DESCRIPTION = "indexes for national scale: case list, reminders, figures"

INDEXES = [
    # The case list: a filter plus ORDER BY id DESC LIMIT n reads one index range backwards.
    'CREATE INDEX IF NOT EXISTS case_file_status_id ON case_file (status, id)',
    'CREATE INDEX IF NOT EXISTS case_file_campaign_status_id ON case_file (campaign, status, id)',
    'CREATE INDEX IF NOT EXISTS case_file_region_status_id ON case_file (region, status, id)',
    'CREATE INDEX IF NOT EXISTS case_file_kommun_id ON case_file (kommun, id)',
    'CREATE INDEX IF NOT EXISTS case_file_inspector1_id ON case_file (inspector1, id)',
    'CREATE INDEX IF NOT EXISTS case_file_inspector2_id ON case_file (inspector2, id)',
    # The reminders sweep looks only at open cases, open krav and unserved decisions.
    "CREATE INDEX IF NOT EXISTS case_file_open_activity ON case_file (last_activity_on) "
    "WHERE status <> 'avslutad'",
    "CREATE INDEX IF NOT EXISTS krav_due ON krav (deadline) "
    "WHERE state IN ('oppen', 'komplettering_begard')",
    "CREATE INDEX IF NOT EXISTS document_unserved ON document (sent_on) "
    "WHERE kind = 'forelaggande' AND served_on IS NULL",
    # The campaign figures count per case and kind without reading the wide rows.
    "CREATE INDEX IF NOT EXISTS krav_open_case ON krav (\"case\") WHERE state <> 'uppfyllt'",
    'CREATE INDEX IF NOT EXISTS meeting_case_kind ON meeting ("case", kind)',
    'CREATE INDEX IF NOT EXISTS document_case_kind ON document ("case", kind)',
    'CREATE INDEX IF NOT EXISTS decision_case_kind ON decision ("case", kind)',
]


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="inspektion", description=DESCRIPTION)

    async def run() -> None:
        engine = engine_finder()
        assert engine is not None
        for statement in INDEXES:
            await engine.run_ddl(statement)

    manager.add_raw(run)
    return manager
