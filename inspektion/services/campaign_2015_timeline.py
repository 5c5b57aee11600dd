"""Cases of the 2015–2017 campaign: their shape, and the timeline drawn for each.

Pure, like campaign_2015_plan.py which decides how many of everything there are; this module
decides when each thing happened and what state it left the case in on the snapshot date.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NotRequired, TypedDict

from inspektion.domain.deadlines import next_working_day
from inspektion.services.campaign_2015_files import Generation


class KravMall(TypedDict):
    """The parts of a krav template (the krav library) that a planned krav is written from."""

    id: str  # the template's slug
    text: str
    brist: str
    citations_2015: list[str]
    effektmal: int | None


class DocumentPayload(TypedDict):
    """A planned letter's payload as stored on the document (dates as ISO text): the answer
    date or deadline it set, the krav it named by number, its vite, or when the
    redovisning came."""

    svar_senast: NotRequired[str]
    deadline: NotRequired[str]
    received: NotRequired[str]
    krav_nummer: NotRequired[list[int]]
    vite_sek: NotRequired[int]


@dataclass
class PlannedMeeting:
    kind: str
    day: date
    arbetsomrade: str | None = None


@dataclass
class PlannedKrav:
    number: int
    slug: str
    text: str
    brist: str
    citations: list[str]
    effektmal: int | None
    state: str = "oppen"
    deadline: date | None = None
    assessed_on: date | None = None


@dataclass
class PlannedDocument:
    kind: str
    day: date
    payload: DocumentPayload
    served_on: date | None = None
    served_how: str | None = None


@dataclass
class PlannedDecision:
    kind: str
    day: date
    document_index: int
    krav_numbers: list[int]
    vite_sek: int | None
    svar_senast: date | None = None
    deadline: date | None = None


@dataclass
class PlannedCase:
    kommunkod: str
    region: str
    workplace: str  # the office; the employer is the kommun as registered (reference data)
    method: str
    opened_on: date
    status: str = "planerad"
    closed_on: date | None = None
    svar_senast: date | None = None
    last_activity_on: date | None = None
    meetings: list[PlannedMeeting] = field(default_factory=list)
    krav: list[PlannedKrav] = field(default_factory=list)
    documents: list[PlannedDocument] = field(default_factory=list)
    decisions: list[PlannedDecision] = field(default_factory=list)


def days(rng: random.Random, low: int, high: int) -> timedelta:
    return timedelta(days=rng.randint(low, high))


def spread(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def as_date(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _pick_templates(rng: random.Random, gen: Generation, templates: list[KravMall],
                    n: int) -> list[KravMall]:
    weights = gen["mallvikter"]
    pool = list(templates)
    out = []
    for _ in range(min(n, len(pool))):
        t = rng.choices(pool, [float(weights.get(p["id"], 1)) for p in pool])[0]
        pool.remove(t)
        out.append(t)
    return out


def _citations(gen: Generation, template: KravMall, day: date) -> list[str]:
    """The 2015 citations; before AFS 2015:4 came into force, AML and AFS 2001:1 instead."""
    rule = gen["fore_osa"]
    cited = list(template["citations_2015"])
    if day < rule["datum"] and any(c.startswith("AFS 2015:4 ") for c in cited):
        cited = [c for c in cited if not c.startswith("AFS 2015:4 ")] + list(rule["ersatt_med"])
    return list(dict.fromkeys(cited))


def timeline(rng: random.Random, gen: Generation, case: PlannedCase, n_krav: int,
              templates: list[KravMall], escalation: str | None, snapshot: date) -> None:
    areas = list(gen["arbetsomraden"])
    n_groups = sum(1 for m in case.meetings if m.kind == "gruppsamtal")
    n_follow = len(case.meetings) - n_groups
    day = case.opened_on + days(rng, 7, 21)
    meetings = [PlannedMeeting("formote", day)]
    day += days(rng, 14, 35)
    for g in range(n_groups):
        area = areas[g % len(areas)]
        meetings += [PlannedMeeting("gruppsamtal", day, area),
                     PlannedMeeting("aterkoppling", day, area)]
        day += days(rng, 0, 7)
    day += days(rng, 7, 14)
    meetings.append(PlannedMeeting("aterkopplande_mote", day))
    letter = day + days(rng, 7, 21)
    svar = next_working_day(letter + days(rng, 42, 70))
    answer = svar - days(rng, 0, 10)
    day = answer
    for _ in range(n_follow):
        day += days(rng, 14, 45)
        meetings.append(PlannedMeeting("uppfoljning", day))
    und = und_svar = fore = deadline = None
    if escalation:
        und = max(answer, day) + days(rng, 20, 45)
        und_svar = next_working_day(und + timedelta(days=21))
        if escalation == "forelaggande":
            fore = und_svar + days(rng, 10, 30)
            deadline = next_working_day(fore + days(rng, 60, 120))
    # Everything the report counts happened before the report: move late cases earlier.
    latest = max([m.day for m in meetings] + [letter] + [d for d in (und, fore) if d])
    shift = max(timedelta(0), latest - (snapshot - timedelta(days=5)))
    if shift:
        case.opened_on -= shift
        for m in meetings:
            m.day -= shift
        letter, svar, answer = letter - shift, svar - shift, answer - shift
        und = und - shift if und else None
        und_svar = und_svar - shift if und_svar else None
        fore = fore - shift if fore else None
        deadline = deadline - shift if deadline else None
    case.meetings = meetings
    picked = _pick_templates(rng, gen, templates, n_krav)
    case.krav = [PlannedKrav(i, t["id"], t["text"], t["brist"],
                             _citations(gen, t, letter), t["effektmal"], deadline=svar)
                 for i, t in enumerate(picked, start=1)]
    case.documents.append(PlannedDocument("inspektionsmeddelande", letter, {
        "svar_senast": svar.isoformat(), "krav_nummer": [k.number for k in case.krav]}))
    named = sorted(rng.sample([k.number for k in case.krav], rng.randint(1, 3)))
    if und and und_svar:
        vite = rng.choice(gen["vite_sek"])
        case.documents.append(PlannedDocument("underrattelse", und, {
            "svar_senast": und_svar.isoformat(), "krav_nummer": named, "vite_sek": vite}))
        case.decisions.append(PlannedDecision("underrattelse", und, 1, named, vite,
                                              svar_senast=und_svar))
        if fore and deadline:
            served = fore + days(rng, 3, 10)
            case.documents.append(PlannedDocument("forelaggande", fore, {
                "deadline": deadline.isoformat(), "krav_nummer": named, "vite_sek": vite},
                served_on=served if served <= snapshot else None,
                served_how="vanlig" if served <= snapshot else None))
            case.decisions.append(PlannedDecision("forelaggande", fore, 2, named, vite,
                                                  deadline=deadline))
    end_of_work = max([answer] + [m.day for m in meetings])
    if deadline:
        close = deadline + days(rng, 7, 45)
    elif und_svar:
        close = und_svar + days(rng, 7, 30)
    else:
        close = end_of_work + days(rng, 7, 60)
    _settle(rng, case, snapshot, answer, close, svar, und_svar, fore, deadline, named)


def _settle(rng: random.Random, case: PlannedCase, snapshot: date, answer: date, close: date,
            svar: date, und_svar: date | None, fore: date | None, deadline: date | None,
            named: list[int]) -> None:
    """The case's state on the snapshot date, and its krav's states to match."""
    dates = [m.day for m in case.meetings] + [d.day for d in case.documents]
    if close <= snapshot:
        case.status, case.closed_on, case.svar_senast = "avslutad", close, None
        for k in case.krav:
            k.state, k.assessed_on = "uppfyllt", answer
        dates.append(close)
    elif fore and deadline:
        case.status, case.svar_senast = "forelaggande_beslutat", deadline
        for k in case.krav:
            k.state, k.assessed_on = ("i_forelaggande", answer) if k.number in named \
                else ("uppfyllt", answer)
            if k.number in named:
                k.deadline = deadline
    elif und_svar:
        case.status, case.svar_senast = "underrattelse_skickad", und_svar
        for k in case.krav:
            k.state, k.assessed_on = ("ej_uppfyllt" if k.number in named else "uppfyllt"), answer
    elif answer <= snapshot:
        case.status, case.svar_senast = "uppfoljning", svar
        for k in case.krav:
            k.state = rng.choice(["uppfyllt", "uppfyllt", "komplettering_begard",
                                  "ej_uppfyllt"])
            k.assessed_on = answer
        dates.append(answer)
    else:
        case.status, case.svar_senast = "meddelande_skickat", svar
    case.last_activity_on = max(d for d in dates if d <= snapshot)


def twostep_timeline(rng: random.Random, case: PlannedCase, snapshot: date) -> None:
    sent = case.opened_on + days(rng, 1, 7)
    svar = next_working_day(sent + timedelta(days=30))
    received = svar - days(rng, 0, 7)
    visit = received + days(rng, 14, 45)
    case.documents = [
        PlannedDocument("tillsynsmeddelande", sent, {"svar_senast": svar.isoformat()}),
        PlannedDocument("redovisning", received, {"received": received.isoformat()})]
    case.meetings = [PlannedMeeting("formote", visit)]
    close = visit + days(rng, 7, 30)
    if close <= snapshot:
        case.status, case.closed_on, case.last_activity_on = "avslutad", close, close
    else:
        case.status, case.last_activity_on = "pagaende", visit
