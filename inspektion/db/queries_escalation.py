"""The escalation queue's three queries (services/escalation_queue.py), whatever the number
of cases: the overdue krav, then their cases and their decisions in chunks.

The ORM gives every row as `dict[str, Any]`; each function turns them into its TypedDict
with one `cast`, sound because it selects exactly the row's columns.
"""

from __future__ import annotations

from datetime import date
from typing import TypedDict, cast

from inspektion.db.queries_campaigns import archived_campaign_ids
from inspektion.db.tables import Case, Decision, Krav
from inspektion.domain.escalation_proposal import ASSESSED_UNMET, UNMET_STATES
from inspektion.domain.lifecycle import CaseStatus


class QueueKravRow(TypedDict):
    """A krav not met: its case, and what tells since when it is overdue."""

    id: int
    case: int
    number: int
    text: str
    state: str
    deadline: date | None
    assessed_on: date | None


async def queue_krav(today: date, region: str | None) -> list[QueueKravRow]:
    """The unmet krav of open cases, assessed so or past their deadline, in number order;
    only the region's if one is given."""
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
    return [cast(QueueKravRow, r) for r in await query.order_by(Krav.number)]


class QueueCaseRow(TypedDict):
    """A case of the queue, with the names the jurist reads it by."""

    id: int
    diarienummer: str
    status: str
    region: str
    kommun: str
    arbetsstalle: str
    inspektor1: str | None
    inspektor2: str | None
    inspector_proposal: str
    inspektor1_namn: str | None
    inspektor2_namn: str | None


async def queue_cases(case_ids: list[int]) -> list[QueueCaseRow]:
    rows = await Case.select(
        Case.id, Case.diarienummer, Case.status, Case.region.code.as_alias("region"),
        Case.kommun.namn.as_alias("kommun"), Case.workplace.name.as_alias("arbetsstalle"),
        Case.inspector1.username.as_alias("inspektor1"),
        Case.inspector2.username.as_alias("inspektor2"), Case.inspector_proposal,
        Case.inspector1.display_name.as_alias("inspektor1_namn"),
        Case.inspector2.display_name.as_alias("inspektor2_namn"),
    ).where(Case.id.is_in(case_ids))
    return [cast(QueueCaseRow, r) for r in rows]


class QueueDecisionRow(TypedDict):
    """An underrättelse or a föreläggande: what the proposal of the next step reads."""

    id: int
    case: int
    kind: str
    svar_senast: date | None
    deadline: date | None
    vite_sek: int | None
    served_on: date | None


async def queue_decisions(case_ids: list[int]) -> list[QueueDecisionRow]:
    """Every underrättelse and föreläggande of the cases."""
    rows = await Decision.select(
        Decision.id, Decision.case, Decision.kind, Decision.svar_senast, Decision.deadline,
        Decision.vite_sek, Decision.document.served_on.as_alias("served_on"),
    ).where(Decision.case.is_in(case_ids) & Decision.kind.is_in(["underrattelse",
                                                               "forelaggande"]))
    return [cast(QueueDecisionRow, r) for r in rows]
