"""The PostgreSQL privileges of the role the app runs as (docs/deployment.md).

The audit trail's triggers refuse UPDATE, DELETE and TRUNCATE, but a table's owner may switch
its triggers off (ALTER TABLE … DISABLE TRIGGER) or drop them. So the app must not run as the
owner: the tables belong to a migration role (the one that runs `inspektion init`), and the app
connects as a role that owns nothing, may read and write the case tables, and may only INSERT
and SELECT audit_event. `inspektion grants ROLL` prints these statements for psql.

SQLite has no roles: whoever can write the database file can drop its triggers. There the
append-only triggers guard against mistakes in code, not against someone with the file.
"""

from __future__ import annotations

import re
import sys

_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def grant_statements(role: str) -> list[str]:
    """What the migration role (the owner) runs once, and again after each `inspektion init`
    that added tables, to let `role` run the app."""
    if not _NAME.match(role):
        raise ValueError(f"Ogiltigt rollnamn {role!r}: små bokstäver, siffror och _.")
    return [
        f"GRANT USAGE ON SCHEMA public TO {role}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
        f"REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_event FROM {role}",
    ]


async def grants_command(args: object) -> int:
    try:
        statements = grant_statements(str(getattr(args, "role", "")))
    except ValueError as exc:
        print(f"Fel: {exc}", file=sys.stderr)
        return 2
    for statement in statements:
        print(statement + ";")
    return 0
