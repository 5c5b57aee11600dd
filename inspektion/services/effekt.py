"""The effect per effektmål for a campaign: per campaign, region and workplace, the change
between the first and the follow-up gruppsamtal, beside what became of the krav.

Rows come from db/queries_effekt.py, the arithmetic from domain/effekt.py; this module pairs
the conversations (same workplace, same area of work, first = the earliest ordinary
gruppsamtal, follow-up = the latest follow-up one) and assembles the typed result that the
page, the API and the report all show, so they cannot disagree.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import TypedDict

from inspektion.config import load_settings
from inspektion.db import queries_effekt as q
from inspektion.db.queries_effekt import (
    ForelaggandeKrav,
    GroupConversation,
    KravFactRow,
    MetAssessment,
)
from inspektion.domain.effekt import (
    Effect,
    GroupAnswers,
    GroupChange,
    GroupPair,
    KravFact,
    KravOutcomes,
    aggregate,
    group_changes,
    krav_outcomes,
)
from inspektion.domain.krav import EFFEKTMAL
from inspektion.reference.files import read_area_effektmal, read_questionnaire
from inspektion.services.stats_rollup import as_of, campaign_or_404, region_key


@dataclass(frozen=True)
class PlaceEffect:
    """The effect at one region or workplace."""

    key: str
    label: str
    region: str
    effect: Effect


@dataclass(frozen=True)
class TemplateUse:
    slug: str | None
    title: str
    brist: str
    krav: int


@dataclass(frozen=True)
class GoalResult:
    effektmal: int
    namn: str
    areas: list[str]
    campaign: Effect
    regions: list[PlaceEffect]
    workplaces: list[PlaceEffect]
    krav: KravOutcomes
    templates: list[TemplateUse]


@dataclass(frozen=True)
class EffektResult:
    campaign_id: int
    campaign: str
    start: date
    end: date
    as_of: date
    minimum: int
    first_groups: int
    first_with_answers: int  # first gruppsamtal with a compiled summary
    follow_up_groups: int
    pairs: int
    pairs_too_small: int
    krav_without_effektmal: int
    goals: list[GoalResult]
    method: str


METHOD = (
    "Varje grupps värde för ett effektmål är medelvärdet av gruppens svar (skala 1–5, högre är "
    "bättre) på frågorna i de områden som hör till effektmålet. Förändringen är värdet vid "
    "uppföljningens gruppsamtal minus värdet vid det första, för samma arbetsställe och "
    "arbetsområde. Kampanjens, regionens och arbetsställets förändring är medelvärdet över "
    "grupperna, med ett 95-procentigt bootstrapintervall över grupper (fast frö). En grupp med "
    "färre svarande än minimigränsen vid något av samtalen räknas aldrig med, och en fråga som "
    "färre än minimigränsen besvarat lämnas utanför gruppens värde. Bedömningen kallar en "
    "förändring förbättring eller försämring bara när hela intervallet ligger på samma sida om "
    "noll. Med färre än fem grupper står det bara ”tecken på” förbättring eller försämring "
    "(få grupper): ett bootstrapintervall över två till fyra grupper är ungefär spannet mellan "
    "deras förändringar och smalare än den verkliga osäkerheten. En enda grupp får inget "
    "intervall.")


class StoredQuestion(TypedDict):
    """One question of a compiled summary as stored (services/meetings.py writes it): the
    count per value, keys as text, or null where too few answered."""

    question_id: int
    distribution: dict[str, int] | None


class StoredSummary(TypedDict):
    questions: list[StoredQuestion]


def _area_names() -> dict[str, str]:
    questions = read_questionnaire(load_settings().fixtures_dir)
    return {qq.area_id: qq.area for qq in questions}


def pair_groups(rows: list[GroupConversation]
                ) -> tuple[list[tuple[GroupConversation, GroupConversation]], int, int]:
    """First and follow-up gruppsamtal matched by workplace and area of work (case-blind)."""
    first: dict[tuple[int, str], GroupConversation] = {}
    follow: dict[tuple[int, str], GroupConversation] = {}
    n_first = n_follow = 0
    for r in rows:
        key = (r["workplace_id"], r["arbetsomrade"].strip().casefold())
        when = r["date"]
        if r["kind"] == q.FIRST_KIND:
            n_first += 1
            if key not in first or first[key]["date"] > when:
                first[key] = r
        else:
            n_follow += 1
            if key not in follow or follow[key]["date"] < when:
                follow[key] = r
    pairs = [(first[k], follow[k]) for k in sorted(follow) if k in first]
    return pairs, n_first, n_follow


def question_sums(raw: str | None) -> list[tuple[int, int, int]]:
    """(question, answers, sum of values) from a compiled summary (JSON text); a question shown
    without figures (too few answered) and a group with no summary give nothing."""
    if not raw:
        return []
    # The shape services/meetings.py stores; checked by the int() below.
    data: StoredSummary | None = json.loads(raw)
    if not data:
        return []
    out = []
    for item in data.get("questions", []):
        dist = item.get("distribution")
        if not dist:
            continue
        count = sum(int(v) for v in dist.values())
        out.append((int(item["question_id"]), count,
                    sum(int(k) * int(v) for k, v in dist.items())))
    return out


def _answers(row: GroupConversation, sums: dict[int, list[tuple[int, int, int]]]
             ) -> GroupAnswers:
    sid = int(row["summary_id"])
    return GroupAnswers(sid, int(row["respondents"]), tuple(sums.get(sid, [])))


async def _group_pairs(campaign_id: int) -> tuple[list[GroupPair], int, int, int]:
    rows = await q.group_conversations(campaign_id)
    with_answers = sum(1 for r in rows if r["kind"] == q.FIRST_KIND and int(r["has_answers"]))
    matched, n_first, n_follow = pair_groups(rows)
    ids = [int(r["summary_id"]) for p in matched for r in p]
    sums = {int(r["summary_id"]): question_sums(r["summary"]) for r in await q.summaries(ids)}
    pairs = [GroupPair(int(a["workplace_id"]), f"{a['workplace']} ({a['kommun']})",
                       str(a["region"]), str(a["arbetsomrade"]), _answers(a, sums),
                       _answers(b, sums)) for a, b in matched]
    return pairs, n_first, n_follow, with_answers


def _krav_facts(rows: list[KravFactRow], fore: list[ForelaggandeKrav],
                met: list[MetAssessment]) -> list[KravFact]:
    first_met: dict[int, tuple[str, date | None]] = {}
    for m in met:  # in date order: the first assessment that found the krav met
        first_met.setdefault(m["krav_id"], (m["source"], m["date"]))
    covered: set[int] = set()
    for f in fore:
        raw = f["krav_ids"]
        ids: list[int] = json.loads(raw) if raw else []  # a JSON list of krav ids
        covered.update(int(i) for i in ids)
    return [KravFact(
        r["effektmal"], r["state"], r["assessed_on"], r["letter_sent_on"],
        r["first_follow_up_on"], r["id"] in covered, *first_met.get(r["id"], (None, None)))
        for r in rows]


def _places(goal: int, kept: list[tuple[GroupPair, GroupChange]], minimum: int,
            key: str) -> list[PlaceEffect]:
    grouped: dict[str, list[GroupChange]] = defaultdict(list)
    labels: dict[str, tuple[str, str]] = {}
    for pair, change in kept:
        k = pair.region if key == "region" else str(pair.workplace_id)
        grouped[k].append(change)
        labels[k] = (pair.region if key == "region" else pair.workplace, pair.region)
    out = [PlaceEffect(k, labels[k][0], labels[k][1], aggregate(goal, v, minimum))
           for k, v in grouped.items()]
    if key == "region":
        return sorted(out, key=lambda p: region_key(p.key))
    return sorted(out, key=lambda p: (region_key(p.region), p.label))


async def campaign_effekt(ref: str | int | None) -> EffektResult:
    """The whole read model for one campaign (by id or name; None = the latest)."""
    campaign = await campaign_or_404(ref)
    cid = int(campaign["id"])
    settings = load_settings()
    minimum = settings.min_group_size
    questions = read_questionnaire(settings.fixtures_dir)
    areas_of = read_area_effektmal(settings.fixtures_dir)
    names = _area_names()
    pairs, n_first, n_follow, with_answers = await _group_pairs(cid)
    per_goal = group_changes(questions, pairs, areas_of, minimum)
    facts = _krav_facts(await q.krav_facts(cid), await q.forelaggande_krav(cid),
                        await q.met_assessments(cid))
    templates: dict[int, list[TemplateUse]] = defaultdict(list)
    for t in await q.krav_by_template(cid):
        if t["effektmal"] is None:
            continue
        templates[int(t["effektmal"])].append(TemplateUse(
            t["slug"], str(t["title"] or "Krav skrivna utan mall"), str(t["brist"] or ""),
            int(t["n"])))
    goals = []
    for goal, namn in EFFEKTMAL.items():
        kept, excluded = per_goal.get(goal, ([], 0))
        changes = [c for _, c in kept]
        goals.append(GoalResult(
            goal, namn, sorted(names[a] for a in areas_of.get(goal, ()) if a in names),
            aggregate(goal, changes, minimum, excluded),
            _places(goal, kept, minimum, "region"), _places(goal, kept, minimum, "workplace"),
            krav_outcomes(goal, facts),
            sorted(templates.get(goal, []), key=lambda t: (-t.krav, t.title))))
    too_small = sum(1 for p in pairs
                    if min(p.first.respondents, p.follow_up.respondents) < minimum)
    return EffektResult(
        cid, str(campaign["name"]), campaign["start"], campaign["end"], as_of(campaign),
        minimum, n_first, with_answers, n_follow, len(pairs), too_small,
        sum(1 for f in facts if f.effektmal is None), goals, METHOD)
