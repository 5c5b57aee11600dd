"""Read models the pages need beyond one service call: next steps per case, a timeline.

Whether a step is possible is asked of the lifecycle (`step_options`) with the facts the
services read, so the pages never decide it themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from inspektion import clock
from inspektion.db.queries_cases import CaseListRow, DecisionRow
from inspektion.db.queries_letters import letters_of_cases
from inspektion.domain.access import Actor
from inspektion.domain.letters import DECISION_LETTERS, SERVABLE_LETTERS
from inspektion.domain.lifecycle import RULES, CaseStatus, Step, offered, step_options
from inspektion.domain.reminder_rules import answer_overdue
from inspektion.services import cases
from inspektion.services.cases import CaseListItem, CasePage
from inspektion.services.step_frame import CaseKey, facts_of_cases

DOCUMENT_LABELS = {
    "inspektionsmeddelande": "Inspektionsmeddelande", "tillsynsmeddelande": "Tillsynsmeddelande",
    "underrattelse": "Underrättelse om föreläggande", "forelaggande": "Föreläggande",
    "svar": "Arbetsgivarens svar", "redovisning": "Arbetsgivarens redovisning",
    "begaran_komplettering": "Begäran om komplettering",
}
MEETING_LABELS = {"formote": "Förmöte", "gruppsamtal": "Gruppsamtal",
                  "aterkoppling": "Återkoppling", "aterkopplande_mote": "Återkopplande möte",
                  "uppfoljning": "Uppföljningsbesök",
                  "gruppsamtal_uppfoljning": "Gruppsamtal vid uppföljningen"}
DECISION_LABELS = {"underrattelse": "Underrättelse om föreläggande", "forelaggande": "Föreläggande",
                   "utdomande": "Ansökan om utdömande av vite"}
QUIET = frozenset({Step.DELGIVNING, Step.CLOSE, Step.ASSIGN})
NOTHING_TO_SERVE = "Det finns inget skickat brev i ärendet som väntar på delgivning."


class ListedCase(CaseListItem):
    """A case as the list templates show it: is the answer late."""

    overdue: bool


class MyCase(ListedCase):
    """A card of "Mina ärenden": the steps this user can take now, too."""

    next: list[str]


def _repeats_status(step: Step, status: CaseStatus) -> bool:
    """A step that would set the status the case already has (a second förmöte, say)."""
    return RULES[step].to_state is status


async def next_steps(actor: Actor, rows: Sequence[CaseKey]) -> dict[int, list[str]]:
    """The steps this user can take now on each listed case, in the order of the process.

    The facts of the whole list are read at once (db/queries_facts), not once per row."""
    facts_by_case = await facts_of_cases(rows, clock.today())
    return {case_id: [o.step.label for o in step_options(actor.role, facts)
                      if o.allowed and offered(actor.role, o.step) and o.step not in QUIET
                      and not _repeats_status(o.step, facts.status)]
            for case_id, facts in facts_by_case.items()}


def order_for_buttons(options: list[dict[str, Any]], status: str) -> list[dict[str, Any]]:
    """Process order, but repeats (a second förmöte) and the quiet steps last."""
    current = CaseStatus(status)

    def rank(option: dict[str, Any]) -> int:
        step = Step(option["step"])
        return 2 if step in QUIET else 1 if _repeats_status(step, current) else 0

    return sorted(options, key=rank)


async def all_cases(actor: Actor, **filters: Any) -> list[CaseListItem]:
    """Every page of the case list (a region's or one inspector's cases)."""
    out: list[CaseListItem] = []
    cursor = None
    while True:
        page = await cases.list_cases(actor, cursor=cursor, limit=cases.MAX_PAGE, **filters)
        out += page["items"]
        cursor = page["next_cursor"]
        if cursor is None or len(out) >= 5000:
            return out


def overdue(row: CaseListRow, today: date | None = None) -> bool:
    """The employer's answer is late, by the domain's one rule (`answer_overdue`)."""
    return answer_overdue(CaseStatus(row["status"]), row.get("svar_senast"),
                          today or clock.today())


def timeline(case: CasePage) -> list[dict[str, Any]]:
    """Meetings, letters, answers and decisions in date order."""
    events: list[dict[str, Any]] = []
    groups = list(case["gruppsamtal"])
    for m in case["meetings"]:
        title = MEETING_LABELS.get(m["kind"], m["kind"])
        item = {"date": m["date"], "kind": "mote", "title": title, "meeting": m, "summary": None}
        if m["kind"] in ("gruppsamtal", "gruppsamtal_uppfoljning"):
            match = next((g for g in groups if g["date"] == m["date"]
                          and g["arbetsomrade"] == m["arbetsomrade"]), None)
            if match:
                groups.remove(match)
                item["summary"] = match
        events.append(item)
    for d in case["documents"]:
        events.append({"date": d["sent_on"] or d["created_on"], "kind": "dokument",
                       "title": DOCUMENT_LABELS.get(d["kind"], d["kind"]), "document": d,
                       "has_pdf": bool(d["pdf_sha256"])})
    for dec in case["decisions"]:
        if dec["kind"] == "utdomande":
            events.append({"date": dec["decided_on"], "kind": "beslut",
                           "title": DECISION_LABELS[dec["kind"]], "decision": dec})
    return sorted(events, key=lambda e: (e["date"], e["kind"]))


def servable_documents(case: CasePage) -> list[dict[str, Any]]:
    return [{**d, "label": DOCUMENT_LABELS.get(d["kind"], d["kind"])}
            for d in case["documents"] if d["kind"] in SERVABLE_LETTERS and not d["served_on"]]


def latest_decision(case: CasePage, kind: str) -> DecisionRow | None:
    found = [d for d in case["decisions"] if d["kind"] == kind]
    return found[-1] if found else None


DECISION_STATES = (CaseStatus.UNDERRATTELSE_SKICKAD, CaseStatus.FORELAGGANDE_BESLUTAT,
                   CaseStatus.UTDOMANDE_ANSOKT, CaseStatus.DOM_MEDDELAD)


async def decision_letters(actor: Actor, per_state: int = 25) -> list[dict[str, Any]]:
    """The underrättelser and förelägganden of the cases now in the escalation states.

    For the jurist's desk: the letters to open, and which förelägganden still wait for
    delgivning (one cannot be enforced before it is served). Those first, then newest; at
    most `per_state` cases per state, so the desk stays quick however many cases there are.
    """
    out: list[dict[str, Any]] = []
    listed: list[CaseListItem] = []
    for status in DECISION_STATES:
        page = await cases.list_cases(actor, status=status.value, limit=per_state,
                                      live_only=True)
        listed += page["items"]
    letters = await letters_of_cases([int(c["id"]) for c in listed], DECISION_LETTERS)
    for case in listed:
        for d in letters.get(int(case["id"]), []):
            out.append({"case_id": case["id"], "diarienummer": case["diarienummer"],
                        "kommun": case["kommun"], "arbetsstalle": case["arbetsstalle"],
                        "label": DOCUMENT_LABELS[d["kind"]], "document": d,
                        "date": d["sent_on"] or d["created_on"],
                        "vite_sek": d["vite_sek"], "has_pdf": bool(d["pdf_sha256"]),
                        "awaits_service": d["kind"] == "forelaggande" and not d["served_on"]})
    out.sort(key=lambda x: x["date"], reverse=True)
    out.sort(key=lambda x: not x["awaits_service"])
    return out

