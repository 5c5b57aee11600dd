"""Create or migrate the database; used by `inspektion init` and `serve`."""

from __future__ import annotations

import os

from inspektion.config import load_settings


async def migrate(url: str | None = None) -> None:
    """Run Piccolo's migrations forwards (idempotent) on the configured database."""
    settings = load_settings()
    os.environ["INSPEKTION_DATABASE_URL"] = url or settings.database_url
    os.environ["PICCOLO_CONF"] = "inspektion.db.piccolo_conf"
    from piccolo.apps.migrations.commands.forwards import run_forwards

    from inspektion.db import piccolo_conf

    if piccolo_conf.DB.engine_type == "sqlite":
        # WAL lets readers go on while one writer writes.
        await piccolo_conf.DB.run_ddl("PRAGMA journal_mode=WAL")
    result = await run_forwards("inspektion")
    if not result.success:
        raise SystemExit(f"Migreringen misslyckades: {result.message}")
