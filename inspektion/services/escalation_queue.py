"""The escalation queue: the jurist's starting page.

Cases whose krav are still not met after the answer time, the longest overdue first, each
with the krav concerned, how far escalation has come, and the step the case proposes next.
Three queries in all, whatever the number of cases.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import TypedDict

from inspektion import clock
from inspektion.db.queries_escalation import (
    QueueCaseRow,
    QueueDecisionRow,
    QueueKravRow,
    queue_cases,
    queue_decisions,
    queue_krav,
)
from inspektion.domain.access import Actor
from inspektion.domain.errors import Forbidden
from inspektion.domain.escalation_proposal import EscalationFacts, overdue_since, propose
from inspektion.domain.krav import KravState
from inspektion.domain.lifecycle import CaseStatus
from inspektion.domain.roles import Role

CHUNK = 1000


def _region_of(actor: Actor) -> str | None:
    if actor.role is Role.JURIST:
        return None
    if actor.role is Role.SAMORDNARE:
        return actor.region or "-"
    raise Forbidden("Eskaleringskön är till för jurister och samordnare.")


class OverdueKrav(QueueKravRow):
    """A krav of the queue, and the day it became overdue."""

    overdue_since: date


async def _unmet_krav(today: date, region: str | None) -> dict[int, list[OverdueKrav]]:
    by_case: dict[int, list[OverdueKrav]] = defaultdict(list)
    for k in await queue_krav(today, region):
        since = overdue_since(KravState(k["state"]), k["deadline"], k["assessed_on"], today)
        if since is not None:
            by_case[k["case"]].append({**k, "overdue_since": since})
    return by_case


class QueueKrav(TypedDict):
    """One overdue krav of a queued case."""

    id: int
    number: int
    text: str
    state: str
    state_label: str
    deadline: date | None
    overdue_since: date


class QueueRow(TypedDict):
    """One case of the escalation queue (the jurist's page and GET /api/escalation-queue)."""

    case_id: int
    diarienummer: str
    status: str
    status_label: str
    region: str
    kommun: str
    arbetsstalle: str
    inspektor1: str | None
    inspektor2: str | None
    overdue_since: date            # the earliest of its krav's
    inspektor1_namn: str | None
    inspektor2_namn: str | None
    inspector_proposal: str
    days_overdue: int
    krav: list[QueueKrav]
    underrattelse_sent: bool
    underrattelse_svar_senast: date | None
    forelaggande_decided: bool
    forelaggande_deadline: date | None
    forelaggande_served: bool
    vite_sek: int | None
    proposal: str                  # a lifecycle step, or a wait (domain/escalation_proposal)
    proposal_label: str


async def escalation_queue(actor: Actor) -> list[QueueRow]:
    region = _region_of(actor)
    today = clock.today()
    unmet = await _unmet_krav(today, region)
    ids = sorted(unmet)
    cases: dict[int, QueueCaseRow] = {}
    decisions: dict[tuple[int, str], QueueDecisionRow] = {}
    for start in range(0, len(ids), CHUNK):
        part = ids[start:start + CHUNK]
        for c in await queue_cases(part):
            cases[c["id"]] = c
        for d in await queue_decisions(part):
            slot = (d["case"], d["kind"])
            if slot not in decisions or decisions[slot]["id"] < d["id"]:
                decisions[slot] = d
    out = [_row(cases[i], unmet[i], decisions.get((i, "underrattelse")),
                decisions.get((i, "forelaggande")), today) for i in ids if i in cases]
    out.sort(key=lambda r: (-r["days_overdue"], r["diarienummer"]))
    return out


def _row(case: QueueCaseRow, krav: list[OverdueKrav], under: QueueDecisionRow | None,
         fore: QueueDecisionRow | None, today: date) -> QueueRow:
    status = CaseStatus(case["status"])
    since = min(k["overdue_since"] for k in krav)
    facts = EscalationFacts(
        status=status, today=today, unmet_numbers=tuple(k["number"] for k in krav),
        underrattelse_svar_senast=under["svar_senast"] if under else None,
        forelaggande_deadline=fore["deadline"] if fore else None,
        forelaggande_served=bool(fore and fore["served_on"]),
        vite_sek=fore["vite_sek"] if fore else (under["vite_sek"] if under else None))
    proposal = propose(facts)
    return {
        "case_id": case["id"], "diarienummer": case["diarienummer"], "status": status.value,
        "status_label": status.label, "region": case["region"], "kommun": case["kommun"],
        "arbetsstalle": case["arbetsstalle"], "inspektor1": case["inspektor1"],
        "inspektor2": case["inspektor2"], "overdue_since": since,
        "inspektor1_namn": case["inspektor1_namn"], "inspektor2_namn": case["inspektor2_namn"],
        "inspector_proposal": case["inspector_proposal"],
        "days_overdue": max(0, (today - since).days),
        "krav": [{"id": k["id"], "number": k["number"], "text": k["text"], "state": k["state"],
                  "state_label": KravState(k["state"]).label, "deadline": k["deadline"],
                  "overdue_since": k["overdue_since"]} for k in krav],
        "underrattelse_sent": under is not None,
        "underrattelse_svar_senast": under["svar_senast"] if under else None,
        "forelaggande_decided": fore is not None,
        "forelaggande_deadline": fore["deadline"] if fore else None,
        "forelaggande_served": bool(fore and fore["served_on"]),
        "vite_sek": facts.vite_sek,
        "proposal": proposal.step, "proposal_label": proposal.label,
    }
