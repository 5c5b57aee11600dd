"""Demo cases that went the whole way to a follow-up gruppsamtal, so the effect page and the
campaign report have something real to show.

Made through the same services as real work: förmöte, two gruppsamtal (two areas of work),
återkoppling, krav, the letter, the employer's answer, the uppföljningsbesök, and at that visit
the same questionnaire again. The answers are made up but deterministic: groups whose krav
were about workload and violence answer better on those areas at the follow-up, one group
barely moves, and one follow-up group is too small (3 people) and must never count.
"""

from __future__ import annotations

from datetime import date, timedelta

from inspektion import clock
from inspektion.domain.access import Actor
from inspektion.domain.lifecycle import Step
from inspektion.services import cases, gruppsamtal_uppfoljning, krav, meetings
from inspektion.services.assessments import AssessmentIn

PARTICIPANTS = (meetings.Participant("Socialchef"), meetings.Participant("Huvudskyddsombud"))
KRAV = ("arbetsbelastning-riskbedomning", "hot-vald-riskbedomning", "introduktion-rutiner",
        "krisstod-rutiner")

# (kommunkod, workplace, Nord?, days ago opened, follow-up: [(area, people, lift per effektmål)])
CASES = [
    ("1287", "Socialtjänsten Trelleborg", False, 260,
     [("Barn och unga", 6, {1: 1.0, 2: 0.5, 3: 0.5, 4: 0.3}),
      ("Ekonomiskt bistånd", 5, {1: 0.6, 2: 0.8, 3: 0.2, 4: 0.4})]),
    ("1282", "Socialförvaltningen Landskrona", False, 240,
     [("Barn och unga", 7, {1: 0.4, 2: 1.1, 3: 0.6, 4: 0.0}),
      ("Vuxen", 3, {1: 2.0, 2: 2.0, 3: 2.0, 4: 2.0})]),
    ("1285", "Socialkontoret Eslöv", False, 230,
     [("Ekonomiskt bistånd", 6, {1: 0.2, 2: 0.0, 3: 0.1, 4: -0.2})]),
    ("1284", "Individ- och familjeomsorgen Höganäs", False, 220,
     [("Barn och unga", 5, {1: 0.8, 2: 0.6, 3: 0.9, 4: 0.5})]),
    ("2482", "Socialkontoret Skellefteå", True, 250,
     [("Barn och unga", 6, {1: 0.5, 2: 0.9, 3: 0.4, 4: 0.2}),
      ("Ekonomiskt bistånd", 5, {1: 0.7, 2: 0.3, 3: 0.5, 4: 0.6})]),
]
GOAL_OF_QUESTION = {**{q: 1 for q in range(1, 12)}, **{q: 4 for q in range(12, 16)},
                    **{q: 3 for q in range(16, 19)}, **{q: 2 for q in range(19, 23)}}


def answers(people: int, lift: dict[int, float], salt: int,
            start: float = 2.2) -> list[dict[str, int]]:
    """A group's questionnaires: a low start (about 2) plus `lift` on each effektmål's
    questions, spread over the people so the group is not uniform."""
    out = []
    for i in range(people):
        row = {}
        for q in range(1, 23):
            wobble = ((i * 7 + q * 3 + salt) % 5 - 2) * 0.45
            row[str(q)] = max(1, min(5, round(start + lift.get(GOAL_OF_QUESTION[q], 0.0)
                                              + wobble)))
        out.append(row)
    return out


async def effect_cases(insp: Actor, insp_nord: Actor, campaign_id: int,
                       today: date) -> list[str]:
    """The cases above; returns their diarienummer."""
    made = []
    for salt, (kommun, name, nord, days, groups) in enumerate(CASES):
        actor = insp_nord if nord else insp
        start = today - timedelta(days=days)
        clock.set_today(start)
        c = await cases.open_case(actor, cases.OpenCase(
            campaign_id, kommun, cases.Arbetsstalle(name), "fokusinspektion"))
        v = (await meetings.record_meeting(actor, meetings.RecordMeeting(
            c.id, Step.FORMOTE, 1, start, PARTICIPANTS))).version
        clock.set_today(start + timedelta(days=14))
        for area, people, _ in groups:
            first = answers(max(people, 5), {}, salt, 1.9 + (salt % 3) * 0.3)
            v = (await meetings.record_gruppsamtal(actor, meetings.RecordGruppsamtal(
                c.id, v, clock.today(), area, tuple(first)))).version
        v = (await meetings.record_meeting(actor, meetings.RecordMeeting(
            c.id, Step.ATERKOPPLING, v, clock.today(), PARTICIPANTS))).version
        ids: list[int] = []
        for slug in KRAV:
            out = await krav.add_krav(actor, krav.AddKrav(c.id, v, template_id=slug))
            v, ids = out.version, [*ids, out.id]
        clock.set_today(start + timedelta(days=21))
        v = (await krav.issue_inspektionsmeddelande(actor, krav.IssueInspektionsmeddelande(
            c.id, v, start + timedelta(days=80)))).version
        clock.set_today(start + timedelta(days=75))
        assessed = (
            AssessmentIn(ids[0], "uppfyllt"),
            AssessmentIn(ids[1], "uppfyllt" if salt % 2 else "komplettering"),
            AssessmentIn(ids[2], "uppfyllt"),
            AssessmentIn(ids[3], "uppfyllt") if salt != 2 else
            AssessmentIn(ids[3], "ej_uppfyllt",
                         "Svaret beskriver ingen åtgärd mot den brist som påtalades."))
        v = (await krav.register_svar(actor, krav.RegisterSvar(
            c.id, v, assessed, clock.today(),
            start + timedelta(days=110) if salt % 2 == 0 else None))).version
        follow = start + timedelta(days=160)
        clock.set_today(follow)
        # Where a completion was asked for, the inspectors saw at the visit that it was done.
        seen = [AssessmentIn(ids[1], "uppfyllt")] if salt % 2 == 0 else []
        v = (await meetings.record_meeting(actor, meetings.RecordMeeting(
            c.id, Step.UPPFOLJNING, v, follow, PARTICIPANTS, assessments=tuple(seen)))).version
        for area, people, lift in groups:
            again = answers(people, lift, salt + 1, 1.9 + (salt % 3) * 0.3)
            v = (await gruppsamtal_uppfoljning.record_follow_up(actor, meetings.RecordGruppsamtal(
                c.id, v, follow, area, tuple(again)))).version
        made.append(c.diarienummer)
    return made
