"""Create or migrate the database; used by `inspektion init` and `serve`."""

from __future__ import annotations

import os
import re
from pathlib import Path

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


_MIGRATION_FILE = re.compile(
    r"^inspektion_(\d{4})_(\d\d)_(\d\d)t(\d\d)_(\d\d)_(\d\d)_(\d{6})\.py$")


def shipped_migration_ids() -> set[str]:
    """The ids of the migrations in the package, from their file names (no import needed:
    `inspektion_2026_12_01t03_05_12_119107.py` is `2026-12-01T03:05:12:119107`)."""
    folder = Path(__file__).parent / "migrations"
    out = set()
    for path in folder.iterdir():
        m = _MIGRATION_FILE.match(path.name)
        if m:
            y, mo, d, h, mi, s, f = m.groups()
            out.add(f"{y}-{mo}-{d}T{h}:{mi}:{s}:{f}")
    return out


async def migrations_current() -> bool:
    """True when every shipped migration is recorded as run in the bound database.

    Why: `serve` otherwise hands every start to Piccolo's migration runner, which imports all
    migration modules to find nothing to do (about 0.4 s of a start, bench/README.md); one
    query answers the same. A database without the migration table is not current.
    """
    from inspektion.db.tables import Case

    try:
        rows = await Case.raw("SELECT name FROM migration WHERE app_name = {}", "inspektion")
    except Exception:  # no migration table yet: a new database
        return False
    return shipped_migration_ids() <= {str(r["name"]) for r in rows}
