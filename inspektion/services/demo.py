"""Demo users, a running campaign and a handful of cases in different states.

The demo is made through the same services as real work, with the clock moved back so that
answer times have run out where a state needs it; the audit trail shows how each case got
where it is.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import NotRequired, TypedDict

from inspektion import clock
from inspektion.db.tables import Campaign, User
from inspektion.domain.access import Actor
from inspektion.domain.lifecycle import Step
from inspektion.domain.roles import Role
from inspektion.services import (
    campaign_2015,
    campaigns,
    cases,
    demo_effekt,
    escalation,
    krav,
    letters,
    meetings,
    tvasteg,
    users,
)
from inspektion.services.assessments import AssessmentIn
from inspektion.services.campaign_2015 import Loaded

DEMO_PASSWORD = "demo"
DEMO_USERS = [
    ("inspektor", Role.INSPEKTOR, "IRS-Syd", "Karin Lindqvist", "Arbetsmiljöinspektör",
     "karin.lindqvist@av.se", "010-730 91 11"),
    ("inspektor2", Role.INSPEKTOR, "IRN-Nord", "Erik Nilsson", "Arbetsmiljöinspektör",
     "erik.nilsson@av.se", "010-730 92 22"),
    ("inspektor3", Role.INSPEKTOR, "IRS-Syd", "Sara Holm", "Arbetsmiljöinspektör",
     "sara.holm@av.se", "010-730 91 33"),
    ("samordnare", Role.SAMORDNARE, "IRS-Syd", "Anders Berg", "Regional samordnare",
     "anders.berg@av.se", "010-730 91 00"),
    ("jurist", Role.JURIST, None, "Maria Ek", "Jurist", "maria.ek@av.se", "010-730 90 50"),
    ("admin", Role.ADMIN, None, "Admin", "Systemförvaltare", "", ""),
]
PARTICIPANTS = (meetings.Participant("Socialchef", "Eva Ström"),
                meetings.Participant("Huvudskyddsombud", "Jonas Ek"),
                meetings.Participant("HR-konsult (kontaktperson)", "Lena Hall"))


class DemoLoaded(TypedDict):
    """What `load_demo` did: the demo campaign and its cases only when it made them."""

    created: bool
    campaign_id: NotRequired[int]
    cases: NotRequired[list[str]]  # the diarienummer of the demo cases
    campaign_2015: Loaded


def _good_group(n: int, low: bool) -> list[dict[str, int]]:
    base = 2 if low else 4
    return [{str(q): max(1, min(5, base + ((i + q) % 3) - 1)) for q in range(1, 23)}
            for i in range(n)]


async def _actor(username: str) -> Actor:
    row = await User.select(User.id, User.role, User.region.code.as_alias("region")
                            ).where(User.username == username).first()
    assert row is not None
    return Actor(row["id"], username, Role(row["role"]), row["region"])


async def load_demo() -> DemoLoaded:
    """Idempotent: does nothing when the demo users already exist."""
    historic = await campaign_2015.load_campaign_2015()  # the reported campaign, as reference
    if await User.exists().where(User.username == "inspektor"):
        return {"created": False, "campaign_2015": historic}
    for username, role, region, name, title, email, phone in DEMO_USERS:
        await users.add_user(username, DEMO_PASSWORD, role.value, region, name, title, email,
                             phone)
    today = clock.today()
    name = f"Socialsekreterares arbetsmiljö {today.year}–{today.year + 1}"
    if not await Campaign.exists().where(Campaign.name == name):
        await campaigns.create_campaign(None, name, date(today.year, 1, 1),
                                        date(today.year + 1, 12, 31), 0.5)
    campaign = await Campaign.select(Campaign.id).where(Campaign.name == name).first()
    assert campaign is not None
    made = await _demo_cases(int(campaign["id"]), today)
    return {"created": True, "campaign_id": int(campaign["id"]), "cases": made,
            "campaign_2015": historic}


async def _demo_cases(campaign_id: int, today: date) -> list[str]:
    insp, insp_nord, jurist = (await _actor("inspektor"), await _actor("inspektor2"),
                               await _actor("jurist"))
    made: list[str] = []
    ago = today - timedelta(days=120)
    try:
        # 1. Planned, in Malmö.
        c = await cases.open_case(insp, cases.OpenCase(campaign_id, "1280", cases.Arbetsstalle(
            "Socialförvaltningen, område Norr", "August Palms plats 1"), "fokusinspektion",
            inspektor2="inspektor3"))
        made.append(c.diarienummer)
        # 2. Inspection under way in Lund: förmöte, one group, krav written.
        clock.set_today(today - timedelta(days=10))
        c = await cases.open_case(insp, cases.OpenCase(
            campaign_id, "1281", cases.Arbetsstalle("Socialkontoret Lund"), "fokusinspektion",
            inspektor2="inspektor3"))
        v = (await meetings.record_meeting(insp, meetings.RecordMeeting(
            c.id, Step.FORMOTE, 1, today - timedelta(days=10), PARTICIPANTS))).version
        clock.set_today(today)
        v = (await meetings.record_gruppsamtal(insp, meetings.RecordGruppsamtal(
            c.id, v, today - timedelta(days=2), "Barn och unga",
            tuple(_good_group(6, low=True))))).version
        v = (await krav.add_krav(insp, krav.AddKrav(
            c.id, v, template_id="arbetsbelastning-riskbedomning"))).version
        made.append(c.diarienummer)
        # 3, 4 and 6. Letter sent long ago; answer came with a krav not met (Helsingborg,
        # escalated to an underrättelse), no answer (Kristianstad), and in Ystad the whole
        # chain to a served föreläggande med vite.
        for kommun, answered in (("1283", True), ("1290", False), ("1286", True)):
            clock.set_today(ago)
            c = await cases.open_case(insp, cases.OpenCase(
                campaign_id, kommun, cases.Arbetsstalle("Socialförvaltningen"),
                "fokusinspektion", inspektor2="inspektor3"))
            v = (await meetings.record_meeting(insp, meetings.RecordMeeting(
                c.id, Step.FORMOTE, 1, ago, PARTICIPANTS))).version
            clock.set_today(ago + timedelta(days=14))
            v = (await meetings.record_gruppsamtal(insp, meetings.RecordGruppsamtal(
                c.id, v, clock.today(), "Ekonomiskt bistånd",
                tuple(_good_group(7, True))))).version
            v = (await meetings.record_meeting(insp, meetings.RecordMeeting(
                c.id, Step.ATERKOPPLING, v, clock.today(), PARTICIPANTS[:2]))).version
            ids: list[int] = []
            for slug in ("arbetsbelastning-riskbedomning", "hot-vald-riskbedomning",
                         "introduktion-rutiner"):
                out = await krav.add_krav(insp, krav.AddKrav(c.id, v, template_id=slug))
                v, ids = out.version, [*ids, out.id]
            clock.set_today(ago + timedelta(days=21))
            v = (await letters.issue_inspektionsmeddelande(insp, letters.IssueInspektionsmeddelande(
                c.id, v, ago + timedelta(days=60)))).version
            if answered:
                clock.set_today(ago + timedelta(days=65))
                v = (await krav.register_svar(insp, krav.RegisterSvar(c.id, v, (
                    AssessmentIn(ids[0], "uppfyllt"),
                    AssessmentIn(ids[1], "ej_uppfyllt",
                                 "Riskbedömningen av hot och våld saknas fortfarande."),
                    AssessmentIn(ids[2], "uppfyllt")), clock.today()))).version
                clock.set_today(ago + timedelta(days=70))
                v = (await escalation.send_underrattelse(jurist, escalation.SendUnderrattelse(
                    c.id, v, ago + timedelta(days=91), escalation.DecisionIn(
                        [ids[1]], deadline=ago + timedelta(days=150), vite_sek=50_000)))
                     ).version
                if kommun == "1286":
                    await _forelaggande(jurist, c.id, v, [ids[1]], ago)
            else:
                clock.set_today(ago + timedelta(days=75))
                await cases.propose_to_jurist(insp, cases.ProposeToJurist(
                    c.id, v, "Inget svar har kommit trots påminnelse per telefon. "
                    "Jag föreslår en underrättelse om föreläggande för alla tre kraven, "
                    "med vite 50 000 kr."))
            made.append(c.diarienummer)
        # 5. Two-step method in Umeå (region Nord).
        clock.set_today(today - timedelta(days=5))
        c = await cases.open_case(insp_nord, cases.OpenCase(
            campaign_id, "2480", cases.Arbetsstalle("Individ- och familjeomsorgen"),
            "tillsynsmeddelande"))
        await tvasteg.send_tillsynsmeddelande(insp_nord, tvasteg.SendTillsynsmeddelande(
            c.id, 1, today + timedelta(days=30)))
        made.append(c.diarienummer)
        # 7–11. Whole way to the follow-up gruppsamtal, for the effect per effektmål.
        made += await demo_effekt.effect_cases(insp, insp_nord, campaign_id,
                                               today)
    finally:
        clock.set_today(None)
    return made


async def _forelaggande(jurist: Actor, case_id: int, version: int, krav_ids: list[int],
                        ago: date) -> None:
    """The comment time of the underrättelse has run out: decide, then record service."""
    clock.set_today(ago + timedelta(days=95))
    out = await escalation.decide_forelaggande(jurist, escalation.DecideForelaggande(
        case_id, version, escalation.DecisionIn(krav_ids, deadline=ago + timedelta(days=150),
                                                vite_sek=50_000)))
    clock.set_today(ago + timedelta(days=100))
    await escalation.record_delgivning(jurist, escalation.RecordDelgivning(
        case_id, out.version, out.document.id, clock.today(), "vanlig"))

