"""Which cases a user may see and change — by role and region."""

from __future__ import annotations

from dataclasses import dataclass

from inspektion.domain.errors import Forbidden
from inspektion.domain.roles import Role


@dataclass(frozen=True)
class Actor:
    """The person behind a request, as the rules need to know them."""

    user_id: int
    username: str
    role: Role
    region: str | None  # region code such as "IRS-Syd"; None for national roles
    display_name: str = ""  # what the pages call the person (the username if empty)

    @property
    def name(self) -> str:
        return self.display_name or self.username


def can_see_case(actor: Actor, case_region: str) -> bool:
    """Inspectors and coordinators see their own region; jurists see every case.

    The administrator manages users, campaigns and reference data, not case contents.
    """
    if actor.role is Role.JURIST:
        return True
    if actor.role in (Role.INSPEKTOR, Role.SAMORDNARE):
        return actor.region is not None and actor.region == case_region
    return False


def require_case_access(actor: Actor, case_region: str) -> None:
    if not can_see_case(actor, case_region):
        raise Forbidden("Du har inte behörighet till ärenden i den här regionen.")


def visible_region(actor: Actor) -> str | None:
    """The region a case list is limited to; None means all regions."""
    if actor.role is Role.JURIST:
        return None
    if actor.role in (Role.INSPEKTOR, Role.SAMORDNARE):
        return actor.region or "-"
    raise Forbidden("Administratören hanterar användare och referensdata, inte ärenden.")


def require_role(actor: Actor, *roles: Role) -> None:
    if actor.role not in roles:
        allowed = ", ".join(r.label for r in roles)
        raise Forbidden(f"Endast {allowed} får göra detta.")
