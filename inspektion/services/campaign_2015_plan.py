"""The 2015–2017 campaign planned case by case, from the report's figures and a fixed seed.

Pure: no database. The report gives totals (visits per region, letters, krav, decisions) and
the list of municipalities visited, but not which krav went where or when; those details are
drawn here with `random.Random(seed)` so every load gives the same data set, and the totals
come out exactly as the report has them (checked at the end of `plan`).
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import date

from inspektion.services.campaign_2015_files import Generation, Report
from inspektion.services.campaign_2015_timeline import (
    KravMall,
    PlannedCase,
    PlannedMeeting,
    spread,
    timeline,
    twostep_timeline,
)

BASE_MEETINGS = 4  # förmöte, one gruppsamtal, its återkoppling, the återkopplande möte
MAX_GROUPS, MAX_FOLLOW_UPS = 6, 3


@dataclass(frozen=True)
class KommunInfo:
    kommunkod: str
    namn: str
    region: str
    visited: bool


def plan(report: Report, gen: Generation, kommuner: list[KommunInfo],
         templates: list[KravMall]) -> list[PlannedCase]:
    """Every case of the campaign, in the order they were opened."""
    rng = random.Random(gen["seed"])
    visited = sorted((k for k in kommuner if k.visited), key=lambda k: k.kommunkod)
    fokus = _fokus_cases(rng, gen, visited)
    if len(fokus) != report["inspektionsmeddelanden"]:
        raise ValueError(f"{len(fokus)} fokusinspektioner men rapporten har "
                         f"{report['inspektionsmeddelanden']} inspektionsmeddelanden; "
                         "justera extra_kontor i generering.yaml")
    twostep = _twostep_cases(rng, gen, visited)
    _distribute_meetings(rng, report, gen, fokus, twostep)
    counts = _krav_counts(rng, gen, len(fokus), report["krav"])
    escalated = _choose_escalations(rng, report, fokus)
    snapshot = gen["lagesdatum"]
    for case, n_krav in zip(fokus, counts, strict=True):
        timeline(rng, gen, case, n_krav, templates, escalated.get(id(case)), snapshot)
    for case in twostep:
        twostep_timeline(rng, case, snapshot)
    everything = fokus + twostep
    everything.sort(key=lambda c: (c.opened_on, c.kommunkod, c.workplace))
    _check_totals(report, everything)
    return everything


def _fokus_cases(rng: random.Random, gen: Generation, visited: list[KommunInfo]
                 ) -> list[PlannedCase]:
    first, last = gen["oppnas_fran"], gen["oppnas_till"]
    extra = gen["extra_kontor"]
    out = []
    for k in visited:
        offices = 1 + extra.get(k.kommunkod, 0)
        for i in range(1, offices + 1):
            name = "Socialkontoret" if offices == 1 else f"Socialkontor {i}"
            out.append(PlannedCase(k.kommunkod, k.region, name,
                                   "fokusinspektion", spread(rng, first, last)))
    return out


def _twostep_cases(rng: random.Random, gen: Generation, visited: list[KommunInfo]
                   ) -> list[PlannedCase]:
    first, last = gen["tvasteg_fran"], gen["tvasteg_till"]
    out = []
    for region, n in sorted(gen["tvasteg_per_region"].items()):
        pool = [k for k in visited if k.region == region]
        for k in rng.sample(pool, n):
            out.append(PlannedCase(k.kommunkod, region, "Socialkontoret (tvåstegsmetoden)",
                                   "tillsynsmeddelande",
                                   spread(rng, first, last)))
    return out


def _distribute_meetings(rng: random.Random, report: Report, gen: Generation,
                         fokus: list[PlannedCase], twostep: list[PlannedCase]) -> None:
    """Groups and follow-ups per case so that each region's visits add up to the report's."""
    for region, total in report["besok_per_region"].items():
        cases = [c for c in fokus if c.region == region]
        spare = total - len([c for c in twostep if c.region == region]) \
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


def _krav_counts(rng: random.Random, gen: Generation, letters: int, total: int) -> list[int]:
    low, high = gen["krav_per_meddelande"]["min"], gen["krav_per_meddelande"]["max"]
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


def _choose_escalations(rng: random.Random, report: Report, fokus: list[PlannedCase]
                        ) -> dict[int, str]:
    """Underrättelser among cases opened early enough to escalate before the report."""
    early = [c for c in fokus if date(2016, 1, 1) <= c.opened_on <= date(2017, 6, 30)]
    chosen = rng.sample(early, report["underrattelser"])
    n_fore = report["forelagganden_med_vite"]
    return {id(c): ("forelaggande" if i < n_fore else "underrattelse")
            for i, c in enumerate(chosen)}


def _check_totals(report: Report, cases: list[PlannedCase]) -> None:
    visits = Counter(c.region for c in cases for _ in c.meetings)
    docs = Counter(d.kind for c in cases for d in c.documents)
    krav = sum(len(c.krav) for c in cases)
    expected = report["besok_per_region"]
    got = (dict(visits), docs["inspektionsmeddelande"], krav, docs["tillsynsmeddelande"],
           docs["underrattelse"], docs["forelaggande"])
    want = (expected, report["inspektionsmeddelanden"], report["krav"],
            report["tillsynsmeddelanden"], report["underrattelser"],
            report["forelagganden_med_vite"])
    if got != want:
        raise ValueError(f"Planen stämmer inte med rapporten: {got} != {want}")
