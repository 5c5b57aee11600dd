"""Who is behind a session or API token (services/users.actor_for_token)."""

from __future__ import annotations

from typing import Any

from inspektion.db.tables import AuthToken

# Every request asks this; plain SQL written once costs a fraction of building the query.
_ACTOR_SQL = ('SELECT t.expires_at, u.id AS uid, u.username, u.display_name, u.role, '
              'u.active, r.code AS region '
              'FROM auth_token t JOIN app_user u ON u.id = t."user" '
              'LEFT JOIN region r ON r.id = u.region WHERE t.token_hash = {}')


async def actor_row(token_hash: str) -> dict[str, Any] | None:
    """The token's expiry and its user (id as `uid`, role, active, region code), or None."""
    rows = await AuthToken.raw(_ACTOR_SQL, token_hash)
    return dict(rows[0]) if rows else None
