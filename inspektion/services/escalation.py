"""Escalation when krav are not met: underrättelse → föreläggande (± vite) → delgivning →
ansökan om utdömande av vite."""

from __future__ import annotations

from typing import Any

from inspektion.db.tables import Decision, Document, Krav
from inspektion.domain.access import Actor
from inspektion.domain.errors import InvalidInput, StepRefused
from inspektion.domain.krav import KravState
from inspektion.domain.lifecycle import Step
from inspektion.services import audit
from inspektion.services._steps import (
    begin,
    commit,
    document_of_case,
    krav_of_case,
    not_in_future,
    parse_date,
)
from inspektion.services._tx import write_tx
from inspektion.services.letter_views import check_decision_citations
from inspektion.services.letters import answer_date, store_letter

SERVICE_METHODS = {
    "vanlig": "Vanlig delgivning med delgivningskvitto",
    "forenklad": "Förenklad delgivning",
    "sarskild": "Särskild delgivning med juridisk person",
    "stamningsman": "Stämningsmannadelgivning",
    "personlig": "Personlig överlämning mot kvitto",
}
MAX_VITE = 100_000_000


def _check_vite(vite_sek: int | None, *, required_positive: bool) -> None:
    if vite_sek is None:
        return
    if isinstance(vite_sek, bool) or not isinstance(vite_sek, int):
        raise InvalidInput("vite_sek ska vara ett belopp i hela kronor.", "vite_sek")
    if vite_sek < 0 or (required_positive and vite_sek == 0):
        raise InvalidInput("Ett vite måste vara ett belopp större än 0 kronor.", "vite_sek")
    if vite_sek > MAX_VITE:
        raise InvalidInput("Vitet är orimligt högt; kontrollera beloppet.", "vite_sek")


def _not_met(krav: dict[str, Any], today: Any) -> bool:
    state = KravState(krav["state"])
    if state is KravState.EJ_UPPFYLLT:
        return True
    if state in (KravState.OPPEN, KravState.KOMPLETTERING_BEGARD):
        return krav["deadline"] is not None and krav["deadline"] < today
    return False


async def send_underrattelse(actor: Actor, case_id: int, version: int | None,
                             krav_ids: list[int], svar_senast: Any,
                             vite_sek: int | None) -> dict[str, Any]:
    _check_vite(vite_sek, required_positive=False)
    async with write_tx():
        start = await begin(case_id, actor, Step.UNDERRATTELSE, version)
        chosen = await krav_of_case(case_id, krav_ids)
        unmet = [k["number"] for k in chosen if not _not_met(k, start.today)]
        if unmet:
            raise StepRefused(
                f"Krav {', '.join(map(str, unmet))} är inte bedömda som ej uppfyllda och deras "
                "svarstid har inte gått ut; de kan inte ingå i en underrättelse.")
        due = answer_date(svar_senast, start.today)
        await check_decision_citations(case_id, krav_ids, start.today)
        vite = vite_sek or None
        document = await store_letter(
            start, "underrattelse",
            {"krav_ids": krav_ids, "svar_senast": due.isoformat(), "vite_sek": vite},
            krav_ids=krav_ids, svar_senast=due, vite_sek=vite)
        decision = await Decision.insert(Decision(
            case=case_id, kind="underrattelse", document=document["id"], krav_ids=krav_ids,
            vite_sek=vite, svar_senast=due, decided_on=start.today, decided_by=actor.user_id,
        )).returning(Decision.id)
        new_version = await commit(start, svar_senast=due)
        await audit.record(actor, "decision.underrattelse", case_id, {**start.transition(),
            "document": document["number"], "krav_ids": krav_ids,
            "svar_senast": due.isoformat(), "vite_sek": vite})
    return {"decision_id": decision[0]["id"], "document": document, "version": new_version,
            "status": start.new_status.value}


async def decide_forelaggande(actor: Actor, case_id: int, version: int | None,
                              krav_ids: list[int], vite_sek: int | None,
                              deadline: Any) -> dict[str, Any]:
    _check_vite(vite_sek, required_positive=True)
    async with write_tx():
        start = await begin(case_id, actor, Step.FORELAGGANDE, version)
        chosen = await krav_of_case(case_id, krav_ids)
        under = await Decision.select(Decision.krav_ids).where(
            (Decision.case == case_id) & (Decision.kind == "underrattelse")
        ).order_by(Decision.id, ascending=False).output(load_json=True).first()
        announced = set(under["krav_ids"]) if under else set()
        outside = [k["number"] for k in chosen if k["id"] not in announced]
        if outside:
            raise StepRefused(
                f"Krav {', '.join(map(str, outside))} fanns inte med i underrättelsen; "
                "arbetsgivaren har inte fått yttra sig över dem.")
        met = [k["number"] for k in chosen if k["state"] == KravState.UPPFYLLT.value]
        if met:
            raise StepRefused(f"Krav {', '.join(map(str, met))} är redan uppfyllda.")
        until = answer_date(deadline, start.today, "deadline")
        await check_decision_citations(case_id, krav_ids, start.today)
        document = await store_letter(
            start, "forelaggande",
            {"krav_ids": krav_ids, "deadline": until.isoformat(), "vite_sek": vite_sek},
            krav_ids=krav_ids, vite_sek=vite_sek, deadline=until, decided_by=actor.user_id,
            presented_by=start.case["inspector1"])
        decision = await Decision.insert(Decision(
            case=case_id, kind="forelaggande", document=document["id"], krav_ids=krav_ids,
            vite_sek=vite_sek, deadline=until, decided_on=start.today, decided_by=actor.user_id,
            presented_by=start.case["inspector1"])).returning(Decision.id)
        await Krav.update({Krav.state: KravState.I_FORELAGGANDE.value, Krav.deadline: until}
                          ).where(Krav.id.is_in(krav_ids))
        new_version = await commit(start, svar_senast=until)
        await audit.record(actor, "decision.forelaggande", case_id, {**start.transition(),
            "document": document["number"], "krav_ids": krav_ids, "deadline": until.isoformat(),
            "vite_sek": vite_sek})
    return {"decision_id": decision[0]["id"], "document": document, "version": new_version,
            "status": start.new_status.value}


async def record_delgivning(actor: Actor, case_id: int, version: int | None, document_id: int,
                            date: Any, method: str) -> dict[str, Any]:
    """Proof of service: without it a vite cannot be imposed (DOMAIN.md, step 10)."""
    if method not in SERVICE_METHODS:
        raise InvalidInput(f"Okänt delgivningssätt {method!r}; välj "
                           f"{', '.join(SERVICE_METHODS)}.", "method")
    async with write_tx():
        start = await begin(case_id, actor, Step.DELGIVNING, version)
        doc = await document_of_case(case_id, document_id)
        if doc["kind"] not in ("inspektionsmeddelande", "tillsynsmeddelande", "underrattelse",
                               "forelaggande"):
            raise InvalidInput(f"Dokument {doc['number']} är inget utgående brev.", "document_id")
        if doc["served_on"] is not None:
            raise StepRefused(f"Dokument {doc['number']} är redan delgivet {doc['served_on']}.")
        day = parse_date(date, "date")
        not_in_future(day, start.today, "date")
        if doc["sent_on"] and day < doc["sent_on"]:
            raise InvalidInput("Delgivningen kan inte ske före den dag brevet skickades.", "date")
        await Document.update({Document.served_on: day, Document.served_how: method}
                              ).where(Document.id == document_id)
        new_version = await commit(start)
        await audit.record(actor, "document.delgivning", case_id, {**start.transition(),
            "document": doc["number"], "date": day.isoformat(), "method": method})
    return {"document_id": document_id, "served_on": day.isoformat(), "method": method,
            "version": new_version}


async def apply_utdomande(actor: Actor, case_id: int, version: int | None,
                          motivering: str = "") -> dict[str, Any]:
    """Record that AV applies to förvaltningsrätten for the vite to be imposed."""
    async with write_tx():
        start = await begin(case_id, actor, Step.UTDOMANDE, version)
        fore = await Decision.select().where(
            (Decision.case == case_id) & (Decision.kind == "forelaggande")
        ).order_by(Decision.id, ascending=False).output(load_json=True).first()
        assert fore is not None  # the lifecycle condition guarantees it
        await check_decision_citations(case_id, fore["krav_ids"], start.today)
        decision = await Decision.insert(Decision(
            case=case_id, kind="utdomande", krav_ids=fore["krav_ids"], vite_sek=fore["vite_sek"],
            decided_on=start.today, decided_by=actor.user_id, motivering=motivering or "",
        )).returning(Decision.id)
        new_version = await commit(start)
        await audit.record(actor, "decision.utdomande", case_id, {**start.transition(),
            "forelaggande_id": fore["id"], "vite_sek": fore["vite_sek"]})
    return {"decision_id": decision[0]["id"], "version": new_version,
            "status": start.new_status.value}
