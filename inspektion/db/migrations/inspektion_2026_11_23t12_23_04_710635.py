from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-11-23T12:23:04:710635"
VERSION = "1.38.0"
DESCRIPTION = ""


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="", description=DESCRIPTION
    )

    def run():
        print(f"running {ID}")

    manager.add_raw(run)

    return manager
