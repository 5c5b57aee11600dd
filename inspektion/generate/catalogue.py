"""What the generator draws krav and group summaries from, prepared once per run.

Krav come from the library (table krav_template) with the seed campaign's weights; a krav
written before 2025-01-01 cites the regulations in force then (`citations_2015`), a later one
the new AFS 2023 structure (`citations`). Group summaries are compiled by the same domain
function as real ones, from drawn answers, and reused from a pool: compiling 600,000 of them
one by one would cost minutes and add nothing.
"""

from __future__ import annotations

import json
import random
from dataclasses import asdict, dataclass
from datetime import date
from itertools import accumulate
from typing import Any

from inspektion.domain.questionnaire import Question, summarise, too_small_reason
from inspektion.generate.pools import TEMPLATE_WEIGHTS

NEW_RULES_FROM = date(2025, 1, 1)
SUMMARY_POOL = 400
FOLLOW_UP_SEED = 2017
FOLLOW_UP_MOOD = (-0.9, 0.9)


@dataclass(frozen=True)
class TemplateRef:
    slug: str
    text: str
    brist: str
    effektmal: int | None
    citations_json: str
    citations_2015_json: str

    def citations_for(self, day: date) -> str:
        if day < NEW_RULES_FROM and self.citations_2015_json != "[]":
            return self.citations_2015_json
        return self.citations_json


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        value = json.loads(value or "[]")
    return [str(v) for v in value or []]


class Pools:
    def __init__(self, templates: list[dict[str, Any]], questions: tuple[Question, ...],
                 min_group_size: int, rng: random.Random) -> None:
        if not templates:
            raise SystemExit("Kravbiblioteket är tomt; kör `inspektion init` först.")
        self.templates = [TemplateRef(
            t["slug"], t["text"], t["brist"] or "", t["effektmal"],
            json.dumps(_as_list(t["citations"]), ensure_ascii=False),
            json.dumps(_as_list(t["citations_2015"]), ensure_ascii=False)) for t in templates]
        self.cum_weights = list(accumulate(TEMPLATE_WEIGHTS.get(t.slug, 1.0)
                                           for t in self.templates))
        self.summaries = [self._summary(rng, questions, min_group_size)
                          for _ in range(SUMMARY_POOL)]
        # Follow-up groups answer a little better on average (mood a third of a step higher),
        # from a generator of their own so the first groups' pool is as it was.
        own = random.Random(FOLLOW_UP_SEED)
        self.follow_up_summaries = [self._summary(own, questions, min_group_size,
                                                  FOLLOW_UP_MOOD) for _ in range(SUMMARY_POOL)]

    def draw_templates(self, rng: random.Random, n: int) -> list[TemplateRef]:
        """N different krav, the common ones more often."""
        n = min(n, len(self.templates))
        chosen: dict[str, TemplateRef] = {}
        while len(chosen) < n:
            for t in rng.choices(self.templates, cum_weights=self.cum_weights, k=n):
                if len(chosen) < n:
                    chosen.setdefault(t.slug, t)
        return list(chosen.values())

    def draw_summary(self, rng: random.Random) -> tuple[int, str | None, str | None]:
        return rng.choice(self.summaries)

    def draw_follow_up_summary(self, rng: random.Random) -> tuple[int, str | None, str | None]:
        return rng.choice(self.follow_up_summaries)

    @staticmethod
    def _summary(rng: random.Random, questions: tuple[Question, ...], minimum: int,
                 mood_range: tuple[float, float] = (-1.2, 0.6)
                 ) -> tuple[int, str | None, str | None]:
        """One group's compiled answers; a few groups are too small to be shown."""
        respondents = rng.choice((3, 5, 6, 6, 7, 7, 7, 8, 8))
        reason = too_small_reason(respondents, minimum)
        if reason:
            return respondents, None, reason
        mood = rng.uniform(*mood_range)  # most social offices answered on the low side
        values: dict[int, list[int]] = {}
        for q in questions:
            centre = (q.scale_min + q.scale_max) / 2 + mood
            values[q.id] = [max(q.scale_min, min(q.scale_max, round(rng.gauss(centre, 1.0))))
                            for _ in range(respondents)]
        data = asdict(summarise(questions, values, respondents, minimum))
        for item in data["questions"]:
            if item["distribution"] is not None:
                item["distribution"] = {str(k): v for k, v in item["distribution"].items()}
        return respondents, json.dumps(data, ensure_ascii=False), None
