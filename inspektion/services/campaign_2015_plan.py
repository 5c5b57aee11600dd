"""The 2015–2017 campaign planned case by case, from the report's figures and a fixed seed.

Pure: no database. The report gives totals (visits per region, letters, krav, decisions) and
the list of municipalities visited, but not which krav went where or when; those details are
drawn here with `random.Random(seed)` so every load gives the same data set, and the totals
come out exactly as the report has them (checked at the end of `plan`).
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from inspektion.domain.deadlines import next_working_day

BASE_MEETINGS = 4  # förmöte, one gruppsamtal, its återkoppling, the återkopplande möte
MAX_GROUPS, MAX_FOLLOW_UPS = 6, 3


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
    payload: dict[str, Any]
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
    workplace: str
    employer: str
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


@dataclass(frozen=True)
class KommunInfo:
    kommunkod: str
    namn: str
    region: str
    visited: bool


def _days(rng: random.Random, low: int, high: int) -> timedelta:
    return timedelta(days=rng.randint(low, high))


def _spread(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def plan(report: dict[str, Any], gen: dict[str, Any], kommuner: list[KommunInfo],
         templates: list[dict[str, Any]]) -> list[PlannedCase]:
    """Every case of the campaign, in the order they were opened."""
    rng = random.Random(int(gen["seed"]))
    visited = sorted((k for k in kommuner if k.visited), key=lambda k: k.kommunkod)
    fokus = _fokus_cases(rng, gen, visited)
    if len(fokus) != report["inspektionsmeddelanden"]:
        raise ValueError(f"{len(fokus)} fokusinspektioner men rapporten har "
                         f"{report['inspektionsmeddelanden']} inspektionsmeddelanden; "
                         "justera extra_kontor i generering.yaml")
    twostep = _twostep_cases(rng, gen, visited)
    _distribute_meetings(rng, report, gen, fokus, twostep)
    counts = _krav_counts(rng, gen, len(fokus), int(report["krav"]))
    escalated = _choose_escalations(rng, report, fokus)
    snapshot = _as_date(gen["lagesdatum"])
    for case, n_krav in zip(fokus, counts, strict=True):
        _timeline(rng, gen, case, n_krav, templates, escalated.get(id(case)), snapshot)
    for case in twostep:
        _twostep_timeline(rng, case, snapshot)
    everything = fokus + twostep
    everything.sort(key=lambda c: (c.opened_on, c.kommunkod, c.workplace))
    _check_totals(report, everything)
    return everything


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _fokus_cases(rng: random.Random, gen: dict[str, Any], visited: list[KommunInfo]
                 ) -> list[PlannedCase]:
    first, last = _as_date(gen["oppnas_fran"]), _as_date(gen["oppnas_till"])
    extra = {str(k): int(v) for k, v in (gen.get("extra_kontor") or {}).items()}
    out = []
    for k in visited:
        offices = 1 + extra.get(k.kommunkod, 0)
        for i in range(1, offices + 1):
            name = f"Socialkontoret i {k.namn}" if offices == 1 else \
                f"Socialkontor {i} i {k.namn}"
            out.append(PlannedCase(k.kommunkod, k.region, name, f"{k.namn} kommun",
                                   "fokusinspektion", _spread(rng, first, last)))
    return out


def _twostep_cases(rng: random.Random, gen: dict[str, Any], visited: list[KommunInfo]
                   ) -> list[PlannedCase]:
    first, last = _as_date(gen["tvasteg_fran"]), _as_date(gen["tvasteg_till"])
    out = []
    for region, n in sorted(gen["tvasteg_per_region"].items()):
        pool = [k for k in visited if k.region == region]
        for k in rng.sample(pool, int(n)):
            out.append(PlannedCase(k.kommunkod, region, f"Socialkontor (tvåstegsmetoden) i "
                                   f"{k.namn}", f"{k.namn} kommun", "tillsynsmeddelande",
                                   _spread(rng, first, last)))
    return out


def _distribute_meetings(rng: random.Random, report: dict[str, Any], gen: dict[str, Any],
                         fokus: list[PlannedCase], twostep: list[PlannedCase]) -> None:
    """Groups and follow-ups per case so that each region's visits add up to the report's."""
    for region, total in report["besok_per_region"].items():
        cases = [c for c in fokus if c.region == region]
        spare = int(total) - len([c for c in twostep if c.region == region]) \
            - BASE_MEETINGS * len(cases)
        if spare < 0:
            raise ValueError(f"För många ärenden i {region} för {total} besök.")
        groups = {id(c): 1 for c in cases}
        follow = {id(c): 0 for c in cases}
        while spare > 0:
            c = rng.choice(cases)
            if spare >= 2 and groups[id(c)] < MAX_GROUPS and rng.random() < 0.7:
                groups[id(c)] += 1
                spare -= 2
            elif follow[id(c)] < MAX_FOLLOW_UPS:
                follow[id(c)] += 1
                spare -= 1
        for c in cases:
            c.meetings = [PlannedMeeting("gruppsamtal", date.min)] * groups[id(c)] + \
                [PlannedMeeting("uppfoljning", date.min)] * follow[id(c)]


def _krav_counts(rng: random.Random, gen: dict[str, Any], letters: int, total: int) -> list[int]:
    low, high = int(gen["krav_per_meddelande"]["min"]), int(gen["krav_per_meddelande"]["max"])
    counts = [low] * letters
    spare = total - low * letters
    if spare < 0 or spare > (high - low) * letters:
        raise ValueError("krav_per_meddelande räcker inte till rapportens antal krav.")
    while spare > 0:
        i = rng.randrange(letters)
        if counts[i] < high:
            counts[i] += 1
            spare -= 1
    return counts


def _choose_escalations(rng: random.Random, report: dict[str, Any], fokus: list[PlannedCase]
                        ) -> dict[int, str]:
    """Underrättelser among cases opened early enough to escalate before the report."""
    early = [c for c in fokus if date(2016, 1, 1) <= c.opened_on <= date(2017, 6, 30)]
    chosen = rng.sample(early, int(report["underrattelser"]))
    n_fore = int(report["forelagganden_med_vite"])
    return {id(c): ("forelaggande" if i < n_fore else "underrattelse")
            for i, c in enumerate(chosen)}


def _pick_templates(rng: random.Random, gen: dict[str, Any], templates: list[dict[str, Any]],
                    n: int) -> list[dict[str, Any]]:
    weights = gen.get("mallvikter") or {}
    pool = list(templates)
    out = []
    for _ in range(min(n, len(pool))):
        t = rng.choices(pool, [float(weights.get(p["id"], 1)) for p in pool])[0]
        pool.remove(t)
        out.append(t)
    return out


def _citations(gen: dict[str, Any], template: dict[str, Any], day: date) -> list[str]:
    """The 2015 citations; before AFS 2015:4 came into force, AML and AFS 2001:1 instead."""
    rule = gen["fore_osa"]
    cited = list(template["citations_2015"])
    if day < _as_date(rule["datum"]) and any(c.startswith("AFS 2015:4 ") for c in cited):
        cited = [c for c in cited if not c.startswith("AFS 2015:4 ")] + list(rule["ersatt_med"])
    return list(dict.fromkeys(cited))


def _timeline(rng: random.Random, gen: dict[str, Any], case: PlannedCase, n_krav: int,
              templates: list[dict[str, Any]], escalation: str | None, snapshot: date) -> None:
    areas = list(gen["arbetsomraden"])
    n_groups = sum(1 for m in case.meetings if m.kind == "gruppsamtal")
    n_follow = len(case.meetings) - n_groups
    day = case.opened_on + _days(rng, 7, 21)
    meetings = [PlannedMeeting("formote", day)]
    day += _days(rng, 14, 35)
    for g in range(n_groups):
        area = areas[g % len(areas)]
        meetings += [PlannedMeeting("gruppsamtal", day, area),
                     PlannedMeeting("aterkoppling", day, area)]
        day += _days(rng, 0, 7)
    day += _days(rng, 7, 14)
    meetings.append(PlannedMeeting("aterkopplande_mote", day))
    letter = day + _days(rng, 7, 21)
    svar = next_working_day(letter + _days(rng, 42, 70))
    answer = svar - _days(rng, 0, 10)
    day = answer
    for _ in range(n_follow):
        day += _days(rng, 14, 45)
        meetings.append(PlannedMeeting("uppfoljning", day))
    und = und_svar = fore = deadline = None
    if escalation:
        und = max(answer, day) + _days(rng, 20, 45)
        und_svar = next_working_day(und + timedelta(days=21))
        if escalation == "forelaggande":
            fore = und_svar + _days(rng, 10, 30)
            deadline = next_working_day(fore + _days(rng, 60, 120))
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
    case.krav = [PlannedKrav(i, t["id"], t["text"], t.get("brist", ""),
                             _citations(gen, t, letter), t.get("effektmal"), deadline=svar)
                 for i, t in enumerate(picked, start=1)]
    case.documents.append(PlannedDocument("inspektionsmeddelande", letter, {
        "svar_senast": svar.isoformat(), "krav_nummer": [k.number for k in case.krav]}))
    named = sorted(rng.sample([k.number for k in case.krav], rng.randint(1, 3)))
    if und and und_svar:
        vite = int(rng.choice(gen["vite_sek"]))
        case.documents.append(PlannedDocument("underrattelse", und, {
            "svar_senast": und_svar.isoformat(), "krav_nummer": named, "vite_sek": vite}))
        case.decisions.append(PlannedDecision("underrattelse", und, 1, named, vite,
                                              svar_senast=und_svar))
        if fore and deadline:
            served = fore + _days(rng, 3, 10)
            case.documents.append(PlannedDocument("forelaggande", fore, {
                "deadline": deadline.isoformat(), "krav_nummer": named, "vite_sek": vite},
                served_on=served if served <= snapshot else None,
                served_how="vanlig" if served <= snapshot else None))
            case.decisions.append(PlannedDecision("forelaggande", fore, 2, named, vite,
                                                  deadline=deadline))
    end_of_work = max([answer] + [m.day for m in meetings])
    if deadline:
        close = deadline + _days(rng, 7, 45)
    elif und_svar:
        close = und_svar + _days(rng, 7, 30)
    else:
        close = end_of_work + _days(rng, 7, 60)
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


def _twostep_timeline(rng: random.Random, case: PlannedCase, snapshot: date) -> None:
    sent = case.opened_on + _days(rng, 1, 7)
    svar = next_working_day(sent + timedelta(days=30))
    received = svar - _days(rng, 0, 7)
    visit = received + _days(rng, 14, 45)
    case.documents = [
        PlannedDocument("tillsynsmeddelande", sent, {"svar_senast": svar.isoformat()}),
        PlannedDocument("redovisning", received, {"received": received.isoformat()})]
    case.meetings = [PlannedMeeting("formote", visit)]
    close = visit + _days(rng, 7, 30)
    if close <= snapshot:
        case.status, case.closed_on, case.last_activity_on = "avslutad", close, close
    else:
        case.status, case.last_activity_on = "pagaende", visit


def _check_totals(report: dict[str, Any], cases: list[PlannedCase]) -> None:
    visits = Counter(c.region for c in cases for _ in c.meetings)
    docs = Counter(d.kind for c in cases for d in c.documents)
    krav = sum(len(c.krav) for c in cases)
    expected = {str(k): int(v) for k, v in report["besok_per_region"].items()}
    got = (dict(visits), docs["inspektionsmeddelande"], krav, docs["tillsynsmeddelande"],
           docs["underrattelse"], docs["forelaggande"])
    want = (expected, report["inspektionsmeddelanden"], report["krav"],
            report["tillsynsmeddelanden"], report["underrattelser"],
            report["forelagganden_med_vite"])
    if got != want:
        raise ValueError(f"Planen stämmer inte med rapporten: {got} != {want}")
