"""Which role and region a person gets from the agency's identity provider (issue 19).

The provider says who someone is and which groups they belong to; this module alone decides
what that means here. It is pure: the groups of the configured claim (read from the claims by
`claim_values`) and the configured mapping in, a decision out.

- A person in several role groups gets the most privileged of them, in the order admin,
  jurist, samordnare, inspektor: the directory has granted each of them, and refusing such a
  person would lock out exactly the administrators an agency relies on. The decision records
  every role the claims carried, so the audit trail shows the overlap.
- An inspektör or samordnare works in exactly one region: none, or more than one, is refused
  rather than guessed. A jurist or admin is national; a region group is ignored for them.
- No role group at all is a refusal: the person is known to the agency but not to this tool.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Set
from dataclasses import dataclass

from inspektion.domain.json_types import Json
from inspektion.domain.roles import Role

PRIVILEGE_ORDER = (Role.ADMIN, Role.JURIST, Role.SAMORDNARE, Role.INSPEKTOR)
REGIONAL = (Role.INSPEKTOR, Role.SAMORDNARE)

NO_ROLE = ("Ditt konto hos Arbetsmiljöverket ger ingen behörighet till inspektionsverktyget. "
           "Be din chef eller systemförvaltaren om behörighet.")
NO_REGION = ("Ditt konto har rollen {role} men ingen region. Be systemförvaltaren koppla "
             "kontot till en inspektionsregion.")
MANY_REGIONS = ("Ditt konto hör till flera regioner ({regions}); verktyget behöver exakt en. "
                "Be systemförvaltaren rätta behörigheten.")


@dataclass(frozen=True)
class Granted:
    role: Role
    region: str | None
    roles_in_claims: tuple[str, ...]


@dataclass(frozen=True)
class Refused:
    reason: str  # a short code for the audit trail: no_role, no_region, many_regions
    message: str  # what the person reads, in Swedish


def claim_values(claims: Mapping[str, Json], name: str) -> set[str]:
    """A claim as a set of strings: a list (the usual form of "groups"), or one string with
    the values separated by spaces or commas (some providers flatten lists that way)."""
    raw = claims.get(name)
    if raw is None:
        return set()
    if isinstance(raw, str):
        return {v for v in raw.replace(",", " ").split() if v}
    if isinstance(raw, Iterable) and not isinstance(raw, (bytes, Mapping)):
        return {str(v) for v in raw if isinstance(v, (str, int))}
    return set()


def parse_role_groups(pairs: Iterable[tuple[str, str]]) -> tuple[tuple[Role, str], ...]:
    """(role name, group) pairs from the settings; an unknown role name is a setup error."""
    out = []
    for role, group in pairs:
        try:
            out.append((Role(role), group))
        except ValueError:
            valid = ", ".join(r.value for r in Role)
            raise ValueError(f"INSPEKTION_OIDC_ROLE_GROUPS: okänd roll {role!r} "
                             f"(giltiga: {valid})") from None
    return tuple(out)


def decide(groups: Set[str], role_groups: Iterable[tuple[Role, str]],
           region_groups: Iterable[tuple[str, str]]) -> Granted | Refused:
    """The role and region the person's groups give, or why they give none."""
    roles = {role for role, group in role_groups if group in groups}
    if not roles:
        return Refused("no_role", NO_ROLE)
    role = next(r for r in PRIVILEGE_ORDER if r in roles)
    regions = sorted({code for code, group in region_groups if group in groups})
    in_claims = tuple(r.value for r in PRIVILEGE_ORDER if r in roles)
    if role not in REGIONAL:
        return Granted(role, None, in_claims)
    if not regions:
        return Refused("no_region", NO_REGION.format(role=role.label))
    if len(regions) > 1:
        return Refused("many_regions", MANY_REGIONS.format(regions=", ".join(regions)))
    return Granted(role, regions[0], in_claims)
