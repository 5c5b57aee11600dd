"""Anonymity rules of the gruppsamtal summary."""

import pytest

from inspektion.domain.errors import InvalidInput
from inspektion.domain.questionnaire import Question, parse_responses, summarise, too_small_reason

QS = [Question(1, "a", "Område", "Fråga ett", 1, 5), Question(2, "a", "Område", "Fråga två", 1, 5,
                                                                reverse=True)]


def test_summary_counts_distribution_mean_and_worst_two() -> None:
    s = summarise(QS, {1: [1, 2, 3, 5], 2: [5, 4, 1, 1]}, respondents=4, minimum=4)
    q1, q2 = s.questions
    assert q1.count == 4 and q1.distribution == {1: 1, 2: 1, 3: 1, 4: 0, 5: 1}
    assert q1.mean == 2.75 and q1.worst_two_share == 0.5
    assert q2.worst_two_share == 0.5  # reversed: 4 and 5 are the worst


def test_question_answered_by_too_few_is_suppressed() -> None:
    s = summarise(QS, {1: [1, 2, 3, 5], 2: [5]}, respondents=4, minimum=4)
    assert s.questions[1].suppressed and s.questions[1].distribution is None


def test_small_group_gets_a_reason_not_a_summary() -> None:
    reason = too_small_reason(3, 4)
    assert reason and "minst 4" in reason
    assert too_small_reason(4, 4) is None


@pytest.mark.parametrize("bad", [{"1": 6}, {"9": 1}, {"x": 1}, {"1": "3"}, {"1": True}, {}])
def test_bad_answers_are_refused_with_their_place(bad: dict[str, object]) -> None:
    with pytest.raises(InvalidInput, match="Svar nr 1"):
        parse_responses(QS, [bad])
