"""The employer as a legal person, and successors as lists of citable paragraphs (issue 13).

kommun gets its registered name and organisationsnummer (filled by `inspektion init` from
fixtures/kommuner_organisation.csv); workplace gets the nämnd/förvaltning a letter goes to;
regulation_paragraph gets `successors`, the paragraphs a repealed rule maps to.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

ID = "2026-11-30T20:20:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "kommun legal person, workplace.namnd, regulation_paragraph.successors"


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="inspektion", description=DESCRIPTION)

    async def run() -> None:
        engine = engine_finder()
        assert engine is not None
        for ddl in (
            "ALTER TABLE kommun ADD COLUMN juridiskt_namn VARCHAR(200) NOT NULL DEFAULT ''",
            "ALTER TABLE kommun ADD COLUMN organisationsnummer VARCHAR(11) NOT NULL DEFAULT ''",
            "ALTER TABLE workplace ADD COLUMN namnd VARCHAR(200) NOT NULL DEFAULT ''",
            "ALTER TABLE regulation_paragraph ADD COLUMN successors JSON NOT NULL DEFAULT '[]'",
        ):
            await engine.run_ddl(ddl)

    manager.add_raw(run)
    return manager
