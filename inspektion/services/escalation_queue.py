"""The escalation queue: the jurist's starting page.

Cases whose krav are still not met after the answer time, the longest overdue first, each
with the krav concerned, how far escalation has come, and the step the case proposes next.
Three queries in all, whatever the number of cases.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from inspektion import clock
from inspektion.db.queries_campaigns import archived_campaign_ids
from inspektion.db.tables import Case, Decision, Krav
from inspektion.domain.access import Actor
from inspektion.domain.errors import Forbidden
from inspektion.domain.escalation_proposal import (
    ASSESSED_UNMET,
    UNMET_STATES,
    EscalationFacts,
    overdue_since,
    propose,
)
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


async def _unmet_krav(today: date, region: str | None) -> dict[int, list[dict[str, Any]]]:
    query = Krav.select(
        Krav.id, Krav.case, Krav.number, Krav.text, Krav.state, Krav.deadline, Krav.assessed_on,
    ).where(Krav.case.status != CaseStatus.AVSLUTAD.value).where(
        Krav.state.is_in([s.value for s in UNMET_STATES])).where(
        Krav.state.is_in([s.value for s in ASSESSED_UNMET]) | (Krav.deadline < today))
    if region is not None:
        query = query.where(Krav.case.region.code == region)
    archived = await archived_campaign_ids()
    if archived:  # a finished campaign kept as a record is nobody's work
        query = query.where(Krav.case.campaign.not_in(archived))
    by_case: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for k in await query.order_by(Krav.number):
        since = overdue_since(KravState(k["state"]), k["deadline"], k["assessed_on"], today)
        if since is not None:
            by_case[k["case"]].append({**k, "overdue_since": since})
    return by_case


async def escalation_queue(actor: Actor) -> list[dict[str, Any]]:
    region = _region_of(actor)
    today = clock.today()
    unmet = await _unmet_krav(today, region)
    ids = sorted(unmet)
    cases: dict[int, dict[str, Any]] = {}
    decisions: dict[tuple[int, str], dict[str, Any]] = {}
    for start in range(0, len(ids), CHUNK):
        part = ids[start:start + CHUNK]
        for c in await Case.select(
            Case.id, Case.diarienummer, Case.status, Case.region.code.as_alias("region"),
            Case.kommun.namn.as_alias("kommun"), Case.workplace.name.as_alias("arbetsstalle"),
            Case.inspector1.username.as_alias("inspektor1"),
            Case.inspector2.username.as_alias("inspektor2"), Case.inspector_proposal,
            Case.inspector1.display_name.as_alias("inspektor1_namn"),
            Case.inspector2.display_name.as_alias("inspektor2_namn"),
        ).where(Case.id.is_in(part)):
            cases[c["id"]] = c
        for d in await Decision.select(
            Decision.id, Decision.case, Decision.kind, Decision.svar_senast, Decision.deadline,
            Decision.vite_sek, Decision.document.served_on.as_alias("served_on"),
        ).where(Decision.case.is_in(part) & Decision.kind.is_in(["underrattelse",
                                                                   "forelaggande"])):
            slot = (d["case"], d["kind"])
            if slot not in decisions or decisions[slot]["id"] < d["id"]:
                decisions[slot] = d
    out = [_row(cases[i], unmet[i], decisions.get((i, "underrattelse")),
                decisions.get((i, "forelaggande")), today) for i in ids if i in cases]
    out.sort(key=lambda r: (-r["days_overdue"], r["diarienummer"]))
    return out


def _row(case: dict[str, Any], krav: list[dict[str, Any]], under: dict[str, Any] | None,
         fore: dict[str, Any] | None, today: date) -> dict[str, Any]:
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
