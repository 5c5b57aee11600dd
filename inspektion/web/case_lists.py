"""The filtered, sorted, keyset-paged case list every list page shows (issue 15).

One reading of the query string (q, status, kommun, inspektör, kampanj, försenade, sortering,
sida) into `services.cases.list_cases`, and one shape for the template `_arendelista.html`:
Sök, Mina ärenden, the region page and the Beslutsdesk all page the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from inspektion.domain.access import Actor
from inspektion.domain.collation import swedish_key
from inspektion.domain.errors import InvalidInput
from inspektion.domain.lifecycle import CaseStatus
from inspektion.domain.roles import Role
from inspektion.services import campaigns, cases, reference, users
from inspektion.web.views import ListedCase, overdue

PAGE = 25
FILTERS = ("q", "status", "kommunkod", "inspektor", "campaign_id", "forsenade", "sort")


@dataclass
class CaseListView:
    rows: list[ListedCase]
    values: dict[str, str]
    next_url: str | None
    first_url: str | None
    options: dict[str, list[tuple[str, str]]]
    errors: dict[str, str] = field(default_factory=dict)
    fixed: frozenset[str] = frozenset()
    anchor: str = ""


def _clean(params: dict[str, str]) -> dict[str, str]:
    return {k: str(params.get(k, "")).strip()[:200] for k in FILTERS if params.get(k)}


async def _options(actor: Actor) -> dict[str, list[tuple[str, str]]]:
    kommuner = [k for k in await reference.kommuner()
                if actor.region is None or k["region"] == actor.region]
    kommuner.sort(key=lambda k: swedish_key(k["namn"]))
    people: list[tuple[str, str]] = []
    if actor.role in (Role.INSPEKTOR, Role.SAMORDNARE):
        people = [(u.username, u.shown_name) for u in await users.region_inspectors(actor)]
    return {
        "status": [(s.value, s.label) for s in CaseStatus],
        "kommunkod": [(k["kommunkod"], k["namn"]) for k in kommuner],
        "inspektor": people,
        "campaign_id": [(str(c.id), c.name) for c in await campaigns.list_campaigns()],
        "sort": list(cases.SORTS.items()),
    }


async def case_list(actor: Actor, path: str, params: dict[str, str],
                    fixed: dict[str, str] | None = None, anchor: str = "") -> CaseListView:
    """One page of cases for these filters; `fixed` filters are set by the page itself."""
    values = _clean(params)
    pinned = fixed or {}
    cursor = str(params.get("sida", "")).strip() or None
    campaign_id: int | None = None
    errors: dict[str, str] = {}
    raw_campaign = pinned.get("campaign_id") or values.get("campaign_id")
    if raw_campaign:
        if raw_campaign.isdecimal():
            campaign_id = int(raw_campaign)
        else:
            errors["campaign_id"] = "Välj en kampanj ur listan."
    rows: list[ListedCase] = []
    next_cursor = None
    if not errors:
        try:
            page = await cases.list_cases(
                actor, status=values.get("status") or None,
                kommunkod=values.get("kommunkod") or None, campaign_id=campaign_id,
                inspektor=pinned.get("inspektor") or values.get("inspektor") or None,
                cursor=cursor, limit=PAGE, q=values.get("q") or None,
                overdue=bool(values.get("forsenade")), sort=values.get("sort") or None)
            rows = [{**row, "overdue": overdue(row)} for row in page["items"]]
            next_cursor = page["next_cursor"]
        except InvalidInput as exc:
            errors[_FIELD.get(exc.field or "", exc.field or "q")] = str(exc)
    keep = {k: v for k, v in values.items() if k not in pinned}
    suffix = f"#{anchor}" if anchor else ""
    return CaseListView(
        rows=rows, values={**values, **pinned},
        next_url=(f"{path}?{urlencode({**keep, 'sida': next_cursor})}{suffix}"
                  if next_cursor is not None else None),
        first_url=(f"{path}?{urlencode(keep)}{suffix}" if cursor else None),
        options=await _options(actor), errors=errors, fixed=frozenset(pinned), anchor=anchor)


_FIELD = {"cursor": "sida", "limit": "sida"}
