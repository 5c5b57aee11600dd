"""Bevakning: planned visit dates on a case, a user's calendar, and the private feed's token.

The calendar is what a user has to watch: the planned förmöte, gruppsamtal, återkoppling and
uppföljning of their cases, the employer's answer date (svar_senast) while the case waits
for it, and for the jurist the decisions' dates. An inspector sees the cases they are on, a
coordinator their region's, a jurist the escalated cases. The feed (an iCalendar file that
Outlook or a phone subscribes to) carries the same items; its secret token is stored only as
a SHA-256 hash, shown once when made, and revoked by deleting the row.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, TypedDict

from inspektion import clock
from inspektion.db.tables import CalendarFeed, Case, Decision, PlannedVisit, User
from inspektion.domain.access import Actor, require_case_access, require_role
from inspektion.domain.bevakning import PLANNED_KINDS, CalendarItem

__all__ = ["PLANNED_KINDS", "CalendarItem", "PlanVisits", "Planned", "calendar", "feed_owner",
           "has_feed", "new_feed_token", "parse_plan", "plan_visits", "planned_for",
           "revoke_feed"]
from inspektion.domain.errors import InvalidInput, NotFound, StaleVersion, StepRefused
from inspektion.domain.lifecycle import CaseStatus
from inspektion.domain.roles import Role
from inspektion.services import audit
from inspektion.services.step_frame import STALE, load_case, parse_date
from inspektion.services.transactions import touched, write_tx

WAITING = (CaseStatus.MEDDELANDE_SKICKAT, CaseStatus.TILLSYNSMEDDELANDE_SKICKAT,
           CaseStatus.KOMPLETTERING_BEGARD)
EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)


@dataclass(frozen=True)
class PlanVisits:
    """The planned dates; a kind left out keeps its date, a kind set to None loses it."""

    case_id: int
    version: int | None
    dates: dict[str, date | None]


class Planned(TypedDict):
    """The case's planned dates after a change (ISO dates per kind), with its new version."""

    id: int
    version: int
    planned: dict[str, str]


def parse_plan(case_id: int, version: int | None,
               raw: Mapping[str, date | str | None]) -> PlanVisits:
    """The dates as sent (a form's text or the API's dates, empty or None to clear one)."""
    unknown = sorted(set(raw) - set(PLANNED_KINDS))
    if unknown:
        raise InvalidInput(f"Okänt besök: {', '.join(unknown)}. Välj bland "
                           f"{', '.join(PLANNED_KINDS.values())}.", unknown[0])
    dates: dict[str, date | None] = {}
    for kind, value in raw.items():
        if value in (None, ""):
            dates[kind] = None
            continue
        day = parse_date(value, kind)
        if not EARLIEST <= day <= LATEST:
            raise InvalidInput(f"{PLANNED_KINDS[kind]}: datumet måste ligga mellan "
                               f"{EARLIEST.year} och {LATEST.year}.", kind)
        dates[kind] = day
    return PlanVisits(case_id, version, dates)


async def plan_visits(actor: Actor, cmd: PlanVisits) -> Planned:
    """Set the planned dates (inspector or coordinator of the case's region); audited."""
    require_role(actor, Role.INSPEKTOR, Role.SAMORDNARE)
    async with write_tx():
        case = await load_case(cmd.case_id)
        require_case_access(actor, case["region_code"])
        if cmd.version is None:
            raise InvalidInput("Ange ärendets version (fältet version eller If-Match).",
                               "version")
        if cmd.version != case["version"]:
            raise StaleVersion(STALE)
        if case["status"] == CaseStatus.AVSLUTAD.value:
            raise StepRefused("Ärendet är avslutat; det finns inga besök att planera.")
        before = await planned_for(cmd.case_id)
        for kind, day in cmd.dates.items():
            await PlannedVisit.delete().where((PlannedVisit.case == cmd.case_id)
                                              & (PlannedVisit.kind == kind))
            if day is not None:
                await PlannedVisit.insert(PlannedVisit(case=cmd.case_id, kind=kind, date=day))
        done = await Case.update({Case.version: Case.version + 1}).where(
            (Case.id == cmd.case_id) & (Case.version == cmd.version)).returning(Case.version)
        if not done:
            raise StaleVersion(STALE)
        touched(cmd.case_id)
        after = await planned_for(cmd.case_id)
        await audit.record(actor, "case.planering", cmd.case_id, {
            "before": {k: v.isoformat() for k, v in before.items()},
            "after": {k: v.isoformat() for k, v in after.items()}})
    return {"id": cmd.case_id, "version": int(done[0]["version"]),
            "planned": {k: v.isoformat() for k, v in after.items()}}


async def planned_for(case_id: int) -> dict[str, date]:
    rows = await PlannedVisit.select(PlannedVisit.kind, PlannedVisit.date).where(
        PlannedVisit.case == case_id)
    return {r["kind"]: r["date"] for r in rows if r["kind"] in PLANNED_KINDS}


def _mine(actor: Actor, case: Any) -> Any:
    """The cases whose dates this user watches."""
    if actor.role is Role.INSPEKTOR:
        return (case.inspector1 == actor.user_id) | (case.inspector2 == actor.user_id)
    if actor.role is Role.SAMORDNARE:
        return case.region.code == (actor.region or "-")
    return case.status.is_in([CaseStatus.UNDERRATTELSE_SKICKAD.value,
                              CaseStatus.FORELAGGANDE_BESLUTAT.value,
                              CaseStatus.UTDOMANDE_ANSOKT.value])


async def calendar(actor: Actor, start: date | None = None,
                   days: int = 120) -> list[CalendarItem]:
    """The user's dates from `start` (default: a week ago) for `days` days, in date order."""
    require_role(actor, Role.INSPEKTOR, Role.SAMORDNARE, Role.JURIST)
    first = start or clock.today() - timedelta(days=7)
    last = first + timedelta(days=days)
    live = Case.status != CaseStatus.AVSLUTAD.value
    items: list[CalendarItem] = []
    visits = await PlannedVisit.select(
        PlannedVisit.id, PlannedVisit.kind, PlannedVisit.date, PlannedVisit.case.id.as_alias("cid"),
        PlannedVisit.case.diarienummer.as_alias("dnr"),
        PlannedVisit.case.kommun.namn.as_alias("kommun"),
        PlannedVisit.case.workplace.name.as_alias("stalle"),
    ).where((PlannedVisit.date >= first) & (PlannedVisit.date <= last)
            & (PlannedVisit.case.status != CaseStatus.AVSLUTAD.value)
            & _mine(actor, PlannedVisit.case))
    for v in visits:
        items.append(CalendarItem(f"besok-{v['cid']}-{v['kind']}@inspektion", v["date"],
                                  f"{PLANNED_KINDS[v['kind']]}: {v['kommun']}", "besok",
                                  v["cid"], v["dnr"], v["kommun"], v["stalle"] or ""))
    answers = await Case.select(
        Case.id, Case.diarienummer, Case.svar_senast, Case.kommun.namn.as_alias("kommun"),
        Case.workplace.name.as_alias("stalle"),
    ).where(live & Case.status.is_in([s.value for s in WAITING])
            & (Case.svar_senast >= first) & (Case.svar_senast <= last) & _mine(actor, Case))
    for a in answers:
        items.append(CalendarItem(f"svar-{a['id']}-{a['svar_senast']}@inspektion",
                                  a["svar_senast"], f"Svar senast: {a['kommun']}", "svarsdatum",
                                  a["id"], a["diarienummer"], a["kommun"], a["stalle"] or ""))
    if actor.role is not Role.SAMORDNARE:
        for d in await Decision.select(
                Decision.id, Decision.kind, Decision.svar_senast, Decision.deadline,
                Decision.case.id.as_alias("cid"), Decision.case.diarienummer.as_alias("dnr"),
                Decision.case.kommun.namn.as_alias("kommun"),
                Decision.case.workplace.name.as_alias("stalle"),
        ).where((Decision.case.status != CaseStatus.AVSLUTAD.value)
                & _mine(actor, Decision.case)):
            for when, label in ((d["svar_senast"], "Yttrandetiden går ut"),
                                (d["deadline"], "Tiden för åtgärderna går ut")):
                if when is not None and first <= when <= last:
                    items.append(CalendarItem(
                        f"beslut-{d['id']}-{label[:5]}-{when}@inspektion", when,
                        f"{label}: {d['kommun']}", "beslut", d["cid"], d["dnr"],
                        d["kommun"], d["stalle"] or ""))
    return sorted(items, key=lambda i: (i.day, i.diarienummer, i.title))


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def new_feed_token(actor: Actor) -> str:
    """A new secret for the user's feed (the old link stops working); shown once."""
    require_role(actor, Role.INSPEKTOR, Role.SAMORDNARE, Role.JURIST)
    token = secrets.token_urlsafe(32)
    async with write_tx():
        await CalendarFeed.delete().where(CalendarFeed.user == actor.user_id)
        await CalendarFeed.insert(CalendarFeed(user=actor.user_id, token_hash=_hash(token),
                                               created_at=clock.now()))
        await audit.record(actor, "calendar.feed_created", None, {"user": actor.username})
    return token


async def revoke_feed(actor: Actor) -> bool:
    async with write_tx():
        gone = await CalendarFeed.delete().where(
            CalendarFeed.user == actor.user_id).returning(CalendarFeed.id)
        if gone:
            await audit.record(actor, "calendar.feed_revoked", None, {"user": actor.username})
    return bool(gone)


async def has_feed(actor: Actor) -> bool:
    return bool(await CalendarFeed.exists().where(CalendarFeed.user == actor.user_id))


async def feed_owner(token: str) -> Actor:
    """The active user whose feed this token opens; NotFound for anything else."""
    if not token or len(token) > 100:
        raise NotFound("Kalendern finns inte.")
    row = await CalendarFeed.select(CalendarFeed.user).where(
        CalendarFeed.token_hash == _hash(token)).first()
    user = await User.select(User.id, User.username, User.role, User.display_name,
                             User.region.code.as_alias("region"), User.active).where(
        User.id == row["user"]).first() if row else None
    if user is None or not user["active"]:
        raise NotFound("Kalendern finns inte.")
    return Actor(user["id"], user["username"], Role(user["role"]), user["region"],
                 user["display_name"])
