"""Did the inspections work? The change per effektmål between the first and the follow-up
gruppsamtal, and what became of the krav set for each effektmål.

The unit is the group, not the person: answers are stored unlinked and compiled per group, so
a group's score for an effektmål is the mean of its answers (from the group's compiled
distribution per question) to the questions of the areas mapped to that effektmål,
and the change is the follow-up group's score minus the first group's (same workplace, same
area of work). Anonymity comes first: a group with fewer than the minimum respondents at either
conversation never contributes, a question answered by fewer than the minimum in a group is
left out of that group's score (as in its summary), and an aggregate over fewer than the
minimum respondents is not shown at all.

The uncertainty is a percentile bootstrap interval over groups (whole groups resampled,
numpy's generator with a fixed seed), so the same data gives the same interval every time.
With few groups it is wide or absent, and it says so: one group has no interval, and fewer
than FEW_GROUPS groups are flagged "få grupper" — a bootstrap over two or three groups is
narrower than the truth, and the page and report say so beside it.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

import numpy as np

from inspektion.domain.questionnaire import Question

BOOTSTRAP_SEED = 20151101
BOOTSTRAP_ROUNDS = 2000
FEW_GROUPS = 5
LEVEL = 0.95
NO_PAIRS = "Inga gruppsamtal vid uppföljningen att jämföra med"


@dataclass(frozen=True)
class GroupAnswers:
    """One gruppsamtal's answers per question, as compiled: no person behind them."""

    summary_id: int
    respondents: int
    per_question: tuple[tuple[int, int, int], ...]  # (question id, answers, sum of values)


@dataclass(frozen=True)
class GroupPair:
    """A first gruppsamtal and its follow-up: same workplace, same area of work."""

    workplace_id: int
    workplace: str
    region: str
    arbetsomrade: str
    first: GroupAnswers
    follow_up: GroupAnswers


@dataclass(frozen=True)
class GroupChange:
    workplace_id: int
    region: str
    respondents_first: int
    respondents_follow_up: int
    before: float
    after: float

    @property
    def change(self) -> float:
        return self.after - self.before


@dataclass(frozen=True)
class Effect:
    """The measured change for one effektmål over some groups (a workplace, region, campaign).

    `suppressed` is true when too few respondents stand behind it; then every figure is None.
    """

    effektmal: int
    groups: int
    respondents_first: int
    respondents_follow_up: int
    before: float | None
    after: float | None
    change: float | None
    low: float | None
    high: float | None
    few_groups: bool
    suppressed: bool
    excluded_groups: int
    verdict: str


def verdict(change: float | None, low: float | None, high: float | None,
            groups: int = FEW_GROUPS) -> str:
    """In words, from the interval: only a change whose interval excludes 0 is called one, and
    over fewer than FEW_GROUPS groups only "tecken på" one. A percentile bootstrap over two to
    four groups is about the range of their changes, narrower than the real uncertainty, so a
    tight interval there must not read as certainty."""
    if change is None:
        return "För få svarande för att visa något"
    if low is None or high is None:
        return "En grupp: osäkerheten kan inte skattas"
    few = groups < FEW_GROUPS
    if low > 0:
        return "Tecken på förbättring (få grupper)" if few else "Förbättring"
    if high < 0:
        return "Tecken på försämring (få grupper)" if few else "Försämring"
    return "Ingen säker förändring" + (" (få grupper)" if few else "")


def score(questions: Sequence[Question], answers: GroupAnswers, areas: Set[str],
          minimum: int) -> float | None:
    """The group's mean on the areas' questions, on the 1–5 scale with higher = better.

    A question answered by fewer than `minimum` in the group is left out, like in its summary;
    a reverse-worded question is turned so that higher is better.
    """
    by_id = {q.id: q for q in questions if q.area_id in areas}
    count = total = 0
    for qid, n, s in answers.per_question:
        q = by_id.get(qid)
        if q is None or n < minimum:
            continue
        count += n
        total += n * (q.scale_min + q.scale_max) - s if q.reverse else s
    return total / count if count else None


def group_changes(questions: Sequence[Question], pairs: Iterable[GroupPair],
                  areas_of: Mapping[int, Set[str]], minimum: int
                  ) -> dict[int, tuple[list[tuple[GroupPair, GroupChange]], int]]:
    """Per effektmål, the groups that may contribute with their change, and how many may not."""
    out: dict[int, tuple[list[tuple[GroupPair, GroupChange]], int]] = {}
    pair_list = list(pairs)
    for goal, areas in sorted(areas_of.items()):
        kept: list[tuple[GroupPair, GroupChange]] = []
        excluded = 0
        for p in pair_list:
            if p.first.respondents < minimum or p.follow_up.respondents < minimum:
                excluded += 1
                continue
            before = score(questions, p.first, areas, minimum)
            after = score(questions, p.follow_up, areas, minimum)
            if before is None or after is None:
                excluded += 1
                continue
            kept.append((p, GroupChange(p.workplace_id, p.region, p.first.respondents,
                                        p.follow_up.respondents, before, after)))
        out[goal] = (kept, excluded)
    return out


def bootstrap_interval(changes: Sequence[float], seed: int = BOOTSTRAP_SEED,
                       rounds: int = BOOTSTRAP_ROUNDS, level: float = LEVEL
                       ) -> tuple[float, float] | None:
    """A percentile bootstrap interval for the mean change, resampling whole groups.

    The input is sorted first so the interval does not depend on the order rows came from the
    database. One group gives no interval.
    """
    if len(changes) < 2:
        return None
    data = np.array(sorted(changes), dtype=float)
    rng = np.random.default_rng(seed)
    n = len(data)
    means = np.sort(data[rng.integers(0, n, size=(rounds, n))].mean(axis=1))
    tail = (1 - level) / 2
    low = float(means[int(tail * (rounds - 1))])
    high = float(means[int((1 - tail) * (rounds - 1) + 0.5)])
    return low, high


def aggregate(goal: int, changes: Sequence[GroupChange], minimum: int,
              excluded: int = 0) -> Effect:
    """The effect over some contributing groups; suppressed below `minimum` respondents."""
    first = sum(c.respondents_first for c in changes)
    follow = sum(c.respondents_follow_up for c in changes)
    if not changes or min(first, follow) < minimum:
        return Effect(goal, len(changes), first if changes else 0, follow if changes else 0,
                      None, None, None, None, None, len(changes) < FEW_GROUPS, True, excluded,
                      verdict(None, None, None) if changes or excluded else NO_PAIRS)
    interval = bootstrap_interval([c.change for c in changes])
    low, high = interval if interval else (None, None)
    change = statistics.fmean(c.change for c in changes)
    return Effect(
        goal, len(changes), first, follow,
        statistics.fmean(c.before for c in changes), statistics.fmean(c.after for c in changes),
        change, low, high, len(changes) < FEW_GROUPS, False, excluded,
        verdict(change, low, high, len(changes)))


class KravOutcome(StrEnum):
    """What became of a krav, for the report's "krav per effektmål by outcome"."""

    VID_SVAR = "vid_svar"
    VID_UPPFOLJNING = "vid_uppfoljning"
    VIA_FORELAGGANDE = "via_forelaggande"
    INTE_UPPFYLLT = "inte_uppfyllt"
    VANTAR = "vantar"

    @property
    def label(self) -> str:
        return OUTCOME_LABELS[self]


OUTCOME_LABELS = {
    KravOutcome.VID_SVAR: "Uppfyllt vid svar",
    KravOutcome.VID_UPPFOLJNING: "Uppfyllt vid uppföljning",
    KravOutcome.VIA_FORELAGGANDE: "Uppfyllt efter föreläggande",
    KravOutcome.INTE_UPPFYLLT: "Inte uppfyllt",
    KravOutcome.VANTAR: "Väntar på svar eller komplettering",
}
# Krav nobody has judged yet (not answered, or a completion asked for): not "never met".
WAITING_STATES = ("oppen", "komplettering_begard")


@dataclass(frozen=True)
class KravFact:
    effektmal: int | None
    state: str
    assessed_on: date | None
    letter_sent_on: date | None
    first_follow_up_on: date | None
    in_forelaggande: bool
    met_source: str | None = None  # "svar" | "uppfoljning": the dated assessment that met it
    met_on: date | None = None     # the date of what was assessed (the answer, the visit)


def krav_outcome(k: KravFact) -> KravOutcome:
    """Met via a föreläggande if a föreläggande covered it; otherwise at the answer or at the
    follow-up visit, as the dated assessment that found it met says. A krav without dated
    assessments (imported or generated history) counts as met at follow-up if it was judged
    met on or after the case's first uppföljningsbesök. A krav still waiting for an answer or a
    completion is "väntar", not "inte uppfyllt": in a running campaign most krav are there."""
    if k.state in WAITING_STATES:
        return KravOutcome.VANTAR
    if k.state != "uppfyllt":
        return KravOutcome.INTE_UPPFYLLT
    if k.in_forelaggande:
        return KravOutcome.VIA_FORELAGGANDE
    if k.met_source is not None:
        return KravOutcome.VID_UPPFOLJNING if k.met_source == "uppfoljning" \
            else KravOutcome.VID_SVAR
    if k.first_follow_up_on is not None and k.assessed_on is not None \
            and k.assessed_on >= k.first_follow_up_on:
        return KravOutcome.VID_UPPFOLJNING
    return KravOutcome.VID_SVAR


def days_to_compliance(k: KravFact) -> int | None:
    """Days from the letter that carried the krav to the day it was met (the answer's or the
    visit's date where a dated assessment says so, else the day it was judged)."""
    day = k.met_on or k.assessed_on
    if k.state != "uppfyllt" or day is None or k.letter_sent_on is None:
        return None
    return max(0, (day - k.letter_sent_on).days)


@dataclass(frozen=True)
class KravOutcomes:
    effektmal: int
    total: int
    by_outcome: dict[str, int]
    still_open: int
    days_median: float | None
    days_p25: float | None
    days_p75: float | None
    met_with_days: int


def krav_outcomes(goal: int, facts: Iterable[KravFact]) -> KravOutcomes:
    mine = [k for k in facts if k.effektmal == goal]
    counts = {o.value: 0 for o in KravOutcome}
    for k in mine:
        counts[krav_outcome(k).value] += 1
    days = sorted(d for d in (days_to_compliance(k) for k in mine) if d is not None)
    p25: float | None
    med: float | None
    p75: float | None
    if days:
        q = statistics.quantiles(days, n=4, method="inclusive") if len(days) > 1 \
            else [days[0]] * 3
        p25, med, p75 = float(q[0]), float(statistics.median(days)), float(q[2])
    else:
        p25 = med = p75 = None
    return KravOutcomes(goal, len(mine), counts,
                        counts[KravOutcome.VANTAR.value],
                        med, p25, p75, len(days))
