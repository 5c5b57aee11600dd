"""Writing krav and assessing the employer's answer to them."""

from __future__ import annotations

from typing import Any

from inspektion.db import search
from inspektion.db.tables import Case, Document, Krav
from inspektion.domain.access import Actor
from inspektion.domain.deadlines import deadline_after, next_working_day
from inspektion.domain.errors import InvalidInput
from inspektion.domain.krav import KravState, Outcome, assess, check_effektmal, parse_outcome
from inspektion.domain.lifecycle import CaseStatus, Step
from inspektion.services import audit, reference
from inspektion.services._steps import (
    begin,
    commit,
    in_future,
    next_document_number,
    not_in_future,
    parse_date,
)
from inspektion.services._tx import write_tx

MAX_TEXT = 4000
KOMPLETTERING_DAYS = 30


async def add_krav(actor: Actor, case_id: int, version: int | None, text: str | None,
                   template_id: str | None, citations: list[str] | None,
                   effektmal: int | None, brist: str | None = None) -> dict[str, Any]:
    """A krav in free text or from the library; citations only from the catalogue."""
    template = await reference.template(template_id) if template_id else None
    body = (text or "").strip() or (template["text"] if template else "")
    if not body:
        raise InvalidInput("Skriv kravets text eller välj en mall ur kravbiblioteket.", "text")
    if len(body) > MAX_TEXT:
        raise InvalidInput(f"Kravtexten får vara högst {MAX_TEXT} tecken.", "text")
    chosen = citations if citations else (template["citations"] if template else [])
    goal = effektmal if effektmal is not None else (template["effektmal"] if template else None)
    check_effektmal(goal)
    async with write_tx():
        start = await begin(case_id, actor, Step.KRAV, version)
        catalogue = await reference.catalogue()
        checked = catalogue.check_citations(list(chosen), start.today)
        last = await Krav.select(Krav.number).where(Krav.case == case_id).order_by(
            Krav.number, ascending=False).first()
        number = (last["number"] if last else 0) + 1
        rows = await Krav.insert(Krav(
            case=case_id, number=number, text=body,
            brist=(brist or (template["brist"] if template else "")).strip(),
            citations=checked, effektmal=goal, template_slug=template_id,
            state=KravState.OPPEN.value)).returning(Krav.id)
        await search.refresh([case_id])
        new_version = await commit(start)
        await audit.record(actor, "krav.add", case_id, {**start.transition(),
            "krav_id": rows[0]["id"], "number": number, "text": body, "citations": checked,
            "effektmal": goal, "template_id": template_id})
    return {"id": rows[0]["id"], "number": number, "citations": checked, "version": new_version}


async def register_svar(actor: Actor, case_id: int, version: int | None, received: Any,
                        assessments: list[dict[str, Any]],
                        komplettering_senast: Any = None) -> dict[str, Any]:
    """The employer's answer: registered as an incoming document, each krav assessed."""
    if not isinstance(assessments, list) or not assessments:
        raise InvalidInput("Bedöm minst ett krav.", "assessments")
    outcomes: dict[int, Outcome] = {}
    for i, item in enumerate(assessments, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("krav_id"), int):
            raise InvalidInput(f"Bedömning nr {i} saknar krav_id.", "assessments")
        outcomes[item["krav_id"]] = parse_outcome(str(item.get("outcome", "")))
    async with write_tx():
        start = await begin(case_id, actor, Step.SVAR, version)
        day = parse_date(received, "received")
        not_in_future(day, start.today, "received")
        more_by = None
        if Outcome.KOMPLETTERING in outcomes.values():
            more_by = (parse_date(komplettering_senast, "komplettering_senast")
                       if komplettering_senast else deadline_after(start.today, KOMPLETTERING_DAYS))
            in_future(more_by, start.today, "komplettering_senast")
            more_by = next_working_day(more_by)
        rows = await Krav.select(Krav.id, Krav.state, Krav.number).where(Krav.case == case_id)
        by_id = {r["id"]: r for r in rows}
        changes = []
        for krav_id, outcome in outcomes.items():
            if krav_id not in by_id:
                raise InvalidInput(f"Krav {krav_id} hör inte till ärendet.", "assessments")
            before = KravState(by_id[krav_id]["state"])
            after = assess(before, outcome)
            values: dict[Any, Any] = {Krav.state: after.value, Krav.assessed_on: day}
            if after is KravState.KOMPLETTERING_BEGARD:
                values[Krav.deadline] = more_by
            await Krav.update(values).where(Krav.id == krav_id)
            changes.append({"krav_id": krav_id, "number": by_id[krav_id]["number"],
                            "before": before.value, "after": after.value})
        _seq, number = await next_document_number(start)
        doc = await Document.insert(Document(
            case=case_id, kind="svar", number=number, created_on=start.today, sent_on=day,
            payload={"received": day.isoformat(), "assessments": changes},
        )).returning(Document.id)
        status = start.new_status
        if status is CaseStatus.MEDDELANDE_SKICKAT:
            status = CaseStatus.UPPFOLJNING
        start = type(start)(start.case, status, start.today)
        still_open = await Krav.select(Krav.deadline).where(
            (Krav.case == case_id) & (Krav.state == KravState.KOMPLETTERING_BEGARD.value))
        next_due = min((r["deadline"] for r in still_open if r["deadline"]), default=None)
        new_version = await commit(start, svar_senast=next_due)
        await audit.record(actor, "case.svar", case_id, {**start.transition(),
            "document": number, "received": day.isoformat(), "assessments": changes})
    return {"document_id": doc[0]["id"], "document_number": number, "version": new_version,
            "status": status.value, "assessments": changes}


async def open_krav_count(case_id: int) -> int:
    rows = await Krav.select(Krav.state).where(Krav.case == case_id)
    return sum(1 for r in rows if KravState(r["state"]).is_open)


async def case_version(case_id: int) -> int:
    row = await Case.select(Case.version).where(Case.id == case_id).first()
    return int(row["version"]) if row else 0
