"""The gruppsamtal questionnaire and its anonymous summary.

Answers are compiled into a summary at once and never shown one by one. A group smaller than
the minimum gets no summary at all, and within a group a question answered by fewer than the
minimum is reported without figures — so nobody's answer can be singled out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from inspektion.domain.errors import InvalidInput


@dataclass(frozen=True)
class Question:
    id: int
    area_id: str
    area: str
    text: str
    scale_min: int
    scale_max: int
    reverse: bool = False

    def worst_two(self) -> tuple[int, int]:
        if self.reverse:
            return (self.scale_max, self.scale_max - 1)
        return (self.scale_min, self.scale_min + 1)


@dataclass(frozen=True)
class QuestionSummary:
    question_id: int
    area: str
    text: str
    count: int
    distribution: dict[int, int] | None
    mean: float | None
    worst_two_share: float | None
    suppressed: bool


@dataclass(frozen=True)
class GroupSummary:
    respondents: int
    questions: tuple[QuestionSummary, ...]


def parse_responses(questions: Sequence[Question],
                    responses: Sequence[Mapping[str, object]]) -> list[dict[int, int]]:
    """Check every answer against its question's scale; name the first bad one."""
    by_id = {q.id: q for q in questions}
    parsed: list[dict[int, int]] = []
    for index, response in enumerate(responses, start=1):
        if not isinstance(response, Mapping):
            raise InvalidInput(f"Svar nr {index} är inte ett objekt med frågor och värden.",
                               "responses")
        answers: dict[int, int] = {}
        for key, value in response.items():
            try:
                qid = int(key)
            except (TypeError, ValueError):
                raise InvalidInput(f"Svar nr {index}: {key!r} är inget fråge-id.",
                                   "responses") from None
            question = by_id.get(qid)
            if question is None:
                raise InvalidInput(f"Svar nr {index}: fråga {qid} finns inte i formuläret.",
                                   "responses")
            if isinstance(value, bool) or not isinstance(value, int):
                raise InvalidInput(f"Svar nr {index}, fråga {qid}: värdet måste vara ett heltal.",
                                   "responses")
            if not question.scale_min <= value <= question.scale_max:
                raise InvalidInput(
                    f"Svar nr {index}, fråga {qid}: {value} ligger utanför skalan "
                    f"{question.scale_min}–{question.scale_max}.", "responses")
            answers[qid] = value
        if not answers:
            raise InvalidInput(f"Svar nr {index} är tomt.", "responses")
        parsed.append(answers)
    return parsed


def too_small_reason(respondents: int, minimum: int) -> str | None:
    if respondents < minimum:
        return (f"Gruppen har {respondents} svarande. En sammanställning visas först vid minst "
                f"{minimum} svarande, så att ingen enskild persons svar kan urskiljas.")
    return None


def summarise(questions: Sequence[Question], values_by_question: Mapping[int, Sequence[int]],
              respondents: int, minimum: int) -> GroupSummary:
    """Per question: count, distribution, mean and share in the worst two steps."""
    out = []
    for q in questions:
        values = list(values_by_question.get(q.id, ()))
        if len(values) < minimum:
            out.append(QuestionSummary(q.id, q.area, q.text, len(values), None, None, None, True))
            continue
        dist = {v: values.count(v) for v in range(q.scale_min, q.scale_max + 1)}
        worst = sum(1 for v in values if v in q.worst_two())
        out.append(QuestionSummary(
            q.id, q.area, q.text, len(values), dist,
            round(sum(values) / len(values), 2), round(worst / len(values), 3), False))
    return GroupSummary(respondents, tuple(out))
