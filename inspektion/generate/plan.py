"""The national plan: which campaigns, which municipalities, when each case was opened.

Pure: it takes the reference data as plain values and a seeded random generator, so the
same seed and the same "today" give the same plan.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from inspektion.domain.lifecycle import Method
from inspektion.generate.pools import KOMMUN_WEIGHTS, OFFICE_NAMES

TWO_STEP_SHARE = 0.04  # tvåstegsmetoden was a small part of the work (8 of 166 in 2015–2017)


@dataclass(frozen=True)
class CampaignPlan:
    name: str
    start: date
    end: date
    target_share: float


@dataclass(frozen=True)
class KommunRef:
    id: int
    kommunkod: str
    namn: str
    region_id: int
    region_code: str
    juridiskt_namn: str = ""  # registered name from reference data; "" where none is known
    organisationsnummer: str = ""


@dataclass(frozen=True)
class WorkplacePlan:
    kommun_index: int
    name: str
    address: str
    employer: str
    org_nr: str


@dataclass(frozen=True)
class Skeleton:
    """One case before its history is drawn: where, when, by which method."""

    campaign_index: int
    kommun_index: int
    workplace_index: int
    method: Method
    opened: date


def campaign_plans(today: date) -> list[CampaignPlan]:
    """Four two-year campaigns, the last one running now."""
    out = []
    for first in (today.year - 7, today.year - 5, today.year - 3, today.year - 1):
        out.append(CampaignPlan(f"Socialtjänstens arbetsmiljö {first}–{first + 1}",
                                date(first, 1, 1), date(first + 1, 12, 31), 0.5))
    return out


def workplace_plans(kommuner: list[KommunRef]) -> list[WorkplacePlan]:
    """One social office per municipality, several in the large ones."""
    out = []
    for index, k in enumerate(kommuner):
        # The employer as registered (never a name made by rule); "" where none is known.
        employer, org_nr = k.juridiskt_namn, k.organisationsnummer
        offices = max(1, round(KOMMUN_WEIGHTS.get(k.kommunkod, 1)))
        if offices == 1:
            out.append(WorkplacePlan(index, "Individ- och familjeomsorgen",
                                     f"Kommunhuset, {k.namn}", employer, org_nr))
            continue
        for n in range(offices):
            part = OFFICE_NAMES[n % len(OFFICE_NAMES)]
            suffix = f" {n // len(OFFICE_NAMES) + 1}" if n >= len(OFFICE_NAMES) else ""
            out.append(WorkplacePlan(index, f"Socialkontor {part}{suffix}, {k.namn}",
                                     f"Socialkontoret {part}, {k.namn}", employer, org_nr))
    return out


def skeletons(rng: random.Random, n: int, campaigns: list[CampaignPlan],
              kommuner: list[KommunRef], workplaces: list[WorkplacePlan],
              today: date) -> list[Skeleton]:
    """N cases spread over campaigns and municipalities, oldest first.

    The first 290 go one to each municipality (in random order) so every municipality has
    cases; the rest follow the weights, which favour the large cities.
    """
    by_kommun: dict[int, list[int]] = {}
    for i, w in enumerate(workplaces):
        by_kommun.setdefault(w.kommun_index, []).append(i)
    weights = [KOMMUN_WEIGHTS.get(k.kommunkod, 1.0) for k in kommuner]
    order = list(range(len(kommuner)))
    rng.shuffle(order)
    picks = order[:n] + rng.choices(range(len(kommuner)), weights=weights,
                                    k=max(0, n - len(order)))
    # Later campaigns have more cases: the work grows, and the current one is half done.
    spans = [(c.start, min(c.end, today)) for c in campaigns]
    c_weights = [max(1, (end - start).days) * (1 + 0.15 * i) for i, (start, end) in
                 enumerate(spans)]
    chosen = rng.choices(range(len(campaigns)), weights=c_weights, k=n)
    out = []
    for kommun_index, ci in zip(picks, chosen, strict=True):
        start, end = spans[ci]
        opened = start + timedelta(days=rng.randrange(max(1, (end - start).days + 1)))
        method = (Method.TILLSYNSMEDDELANDE if rng.random() < TWO_STEP_SHARE
                  else Method.FOKUSINSPEKTION)
        out.append(Skeleton(ci, kommun_index, rng.choice(by_kommun[kommun_index]), method,
                            opened))
    out.sort(key=lambda s: s.opened)
    return out
