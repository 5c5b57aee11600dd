"""Opening, listing, reading, assigning and closing cases."""

from __future__ import annotations

from typing import Any

from inspektion import clock
from inspektion.db.tables import (
    Campaign,
    Case,
    Decision,
    Document,
    GruppsamtalSummary,
    Kommun,
    Krav,
    Meeting,
    User,
    Workplace,
)
from inspektion.domain.access import Actor, require_case_access, visible_region
from inspektion.domain.errors import Forbidden, InvalidInput, NotFound
from inspektion.domain.krav import KravState
from inspektion.domain.lifecycle import CaseStatus, Method, Step, check_role, step_options
from inspektion.domain.roles import Role
from inspektion.services import audit
from inspektion.services._steps import begin, case_facts, commit, load_case
from inspektion.services._tx import write_tx
from inspektion.services.numbering import next_diarienummer

MAX_PAGE = 200


def _employer_for(kommun_namn: str) -> str:
    return "Region Gotland" if kommun_namn == "Gotland" else f"{kommun_namn} kommun"


async def _inspector_id(username: str | None, region: str) -> int | None:
    if not username:
        return None
    row = await User.select(User.id, User.role, User.region.code.as_alias("region")
                            ).where(User.username == username).first()
    if row is None or row["role"] != Role.INSPEKTOR.value:
        raise InvalidInput(f"{username!r} är ingen inspektör.", "inspektor2")
    if row["region"] != region:
        raise InvalidInput(f"{username!r} arbetar inte i region {region}.", "inspektor2")
    return int(row["id"])


async def open_case(actor: Actor, campaign_id: int, kommunkod: str, arbetsstalle: dict[str, str],
                    method: str, inspektor1: str | None = None,
                    inspektor2: str | None = None) -> dict[str, Any]:
    if actor.role not in (Role.INSPEKTOR, Role.SAMORDNARE):
        raise Forbidden("Endast inspektör eller samordnare får öppna ärenden.")
    try:
        parsed_method = Method(method)
    except ValueError:
        raise InvalidInput("method måste vara fokusinspektion eller tillsynsmeddelande.",
                           "method") from None
    name = (arbetsstalle.get("name") or "").strip()
    if not name:
        raise InvalidInput("Ange arbetsställets namn.", "arbetsstalle")
    org_nr = (arbetsstalle.get("org_nr") or "").strip()
    if org_nr and not _valid_org_nr(org_nr):
        raise InvalidInput(f"{org_nr!r} är inget organisationsnummer (NNNNNN-NNNN).",
                           "arbetsstalle.org_nr")
    kommun = await Kommun.select(Kommun.id, Kommun.namn, Kommun.region.code.as_alias("region"),
                                 Kommun.region.id.as_alias("region_id")
                                 ).where(Kommun.kommunkod == kommunkod).first()
    if kommun is None:
        raise InvalidInput(f"Kommunkoden {kommunkod!r} finns inte.", "kommunkod")
    require_case_access(actor, kommun["region"])
    campaign = await Campaign.select().where(Campaign.id == campaign_id).first()
    if campaign is None:
        raise InvalidInput(f"Kampanj {campaign_id} finns inte.", "campaign_id")
    today = clock.today()
    if today > campaign["end"]:
        raise InvalidInput(f"Kampanjen {campaign['name']} avslutades {campaign['end']}.",
                           "campaign_id")
    first = actor.user_id if actor.role is Role.INSPEKTOR else None
    if inspektor1:
        first = await _inspector_id(inspektor1, kommun["region"])
    async with write_tx():
        second = await _inspector_id(inspektor2, kommun["region"])
        wp = await Workplace.insert(Workplace(
            name=name, address=(arbetsstalle.get("address") or "").strip(), kommun=kommun["id"],
            employer=(arbetsstalle.get("employer") or "").strip() or _employer_for(kommun["namn"]),
            org_nr=org_nr)).returning(Workplace.id)
        _seq, diarienummer = await next_diarienummer(today.year)
        rows = await Case.insert(Case(
            diarienummer=diarienummer, method=parsed_method.value,
            status=CaseStatus.PLANERAD.value, version=1, campaign=campaign_id,
            kommun=kommun["id"], region=kommun["region_id"], workplace=wp[0]["id"],
            inspector1=first, inspector2=second, opened_on=today, last_activity_on=today,
        )).returning(Case.id)
        case_id = int(rows[0]["id"])
        await audit.record(actor, "case.open", case_id, {
            "diarienummer": diarienummer, "kommunkod": kommunkod, "method": parsed_method.value,
            "arbetsstalle": name})
    return {"id": case_id, "diarienummer": diarienummer, "status": CaseStatus.PLANERAD.value,
            "version": 1}


def _valid_org_nr(text: str) -> bool:
    digits = text.replace("-", "")
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = 0
    for i, ch in enumerate(digits):  # Luhn, as for Swedish organisation numbers
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _case_columns() -> list[Any]:
    return [Case.id, Case.diarienummer, Case.status, Case.method, Case.version,
            Case.campaign.id.as_alias("campaign_id"), Case.kommun.kommunkod.as_alias("kommunkod"),
            Case.kommun.namn.as_alias("kommun"), Case.region.code.as_alias("region"),
            Case.workplace.name.as_alias("arbetsstalle"), Case.opened_on, Case.closed_on,
            Case.svar_senast, Case.last_activity_on,
            Case.inspector1.username.as_alias("inspektor1"),
            Case.inspector2.username.as_alias("inspektor2")]


def _with_labels(row: dict[str, Any]) -> dict[str, Any]:
    row = dict(row)
    row["status_label"] = CaseStatus(row["status"]).label
    return row


async def list_cases(actor: Actor, status: str | None = None, region: str | None = None,
                     kommunkod: str | None = None, campaign_id: int | None = None,
                     inspektor: str | None = None, cursor: int | None = None,
                     limit: int = 50) -> dict[str, Any]:
    """Newest first, keyset-paginated: pass the returned `next_cursor` to get the next page."""
    allowed = visible_region(actor)
    if allowed is not None and region and region != allowed:
        raise Forbidden("Du kan bara se ärenden i din egen region.")
    if not 1 <= limit <= MAX_PAGE:
        raise InvalidInput(f"limit måste vara 1–{MAX_PAGE}.", "limit")
    if status:
        try:
            CaseStatus(status)
        except ValueError:
            raise InvalidInput(f"Okänd status {status!r}.", "status") from None
    query = Case.select(*_case_columns())
    conditions = []
    if allowed is not None:
        conditions.append(Case.region.code == allowed)
    elif region:
        conditions.append(Case.region.code == region)
    if status:
        conditions.append(Case.status == status)
    if kommunkod:
        conditions.append(Case.kommun.kommunkod == kommunkod)
    if campaign_id is not None:
        conditions.append(Case.campaign == campaign_id)
    if inspektor:
        conditions.append((Case.inspector1.username == inspektor)
                          | (Case.inspector2.username == inspektor))
    if cursor is not None:
        conditions.append(Case.id < cursor)
    for condition in conditions:
        query = query.where(condition)
    rows = await query.order_by(Case.id, ascending=False).limit(limit + 1)
    items = [_with_labels(r) for r in rows[:limit]]
    return {"items": items, "next_cursor": items[-1]["id"] if len(rows) > limit else None}


async def case_detail(actor: Actor, case_id: int) -> dict[str, Any]:
    visible_region(actor)  # roles that never read cases are refused before any lookup
    case = await load_case(case_id)
    require_case_access(actor, case["region_code"])
    head = await Case.select(
        *_case_columns(), Case.workplace.address.as_alias("address"),
        Case.workplace.employer.as_alias("employer"), Case.workplace.org_nr.as_alias("org_nr"),
        Case.campaign.name.as_alias("campaign"), Case.kommun.lan.namn.as_alias("lan"),
    ).where(Case.id == case_id).first()
    assert head is not None
    out = _with_labels(head)
    out["meetings"] = list(await Meeting.select(
        Meeting.id, Meeting.kind, Meeting.date, Meeting.arbetsomrade, Meeting.participants,
        Meeting.notes).where(Meeting.case == case_id).order_by(Meeting.date).order_by(Meeting.id)
        .output(load_json=True))
    out["gruppsamtal"] = list(await GruppsamtalSummary.select(
        GruppsamtalSummary.id, GruppsamtalSummary.meeting.date.as_alias("date"),
        GruppsamtalSummary.arbetsomrade, GruppsamtalSummary.respondents,
        GruppsamtalSummary.summary, GruppsamtalSummary.reason,
    ).where(GruppsamtalSummary.case == case_id).order_by(GruppsamtalSummary.id)
        .output(load_json=True))
    krav = await Krav.select(
        Krav.id, Krav.number, Krav.text, Krav.brist, Krav.citations, Krav.effektmal,
        Krav.template_slug, Krav.deadline, Krav.state, Krav.assessed_on,
    ).where(Krav.case == case_id).order_by(Krav.number).output(load_json=True)
    out["krav"] = [{**k, "state_label": KravState(k["state"]).label} for k in krav]
    out["documents"] = list(await Document.select(
        Document.id, Document.kind, Document.number, Document.created_on, Document.sent_on,
        Document.served_on, Document.served_how, Document.pdf_sha256, Document.docx_sha256,
        Document.payload,
    ).where(Document.case == case_id).order_by(Document.id).output(load_json=True))
    out["decisions"] = list(await Decision.select(
        Decision.id, Decision.kind, Decision.krav_ids, Decision.vite_sek, Decision.svar_senast,
        Decision.deadline, Decision.decided_on, Decision.document,
        Decision.decided_by.username.as_alias("decided_by"),
    ).where(Decision.case == case_id).order_by(Decision.id).output(load_json=True))
    facts = await case_facts(case, clock.today())
    out["next_steps"] = [
        {"step": o.step.value, "label": o.step.label, "allowed": o.allowed, "reason": o.reason}
        for o in step_options(actor.role, facts)]
    return out


async def assign(actor: Actor, case_id: int, version: int | None, inspektor1: str,
                 inspektor2: str | None) -> dict[str, Any]:
    """A coordinator puts two inspectors of the region on a case."""
    async with write_tx():
        start = await begin(case_id, actor, Step.ASSIGN, version)
        region = start.case["region_code"]
        first = await _inspector_id(inspektor1, region)
        second = await _inspector_id(inspektor2, region)
        if first is not None and first == second:
            raise InvalidInput("Välj två olika inspektörer.", "inspektor2")
        new_version = await commit(start, inspector1=first, inspector2=second)
        await audit.record(actor, "case.assign", case_id, {**start.transition(),
            "before": {"inspector1": start.case["inspector1"],
                       "inspector2": start.case["inspector2"]},
            "after": {"inspektor1": inspektor1, "inspektor2": inspektor2}})
    return {"id": case_id, "version": new_version}


async def close_case(actor: Actor, case_id: int, version: int | None) -> dict[str, Any]:
    check_role(Step.CLOSE, actor.role)
    async with write_tx():
        start = await begin(case_id, actor, Step.CLOSE, version)
        new_version = await commit(start, closed_on=start.today, svar_senast=None)
        await audit.record(actor, "case.close", case_id, {**start.transition(),
            "before": {"status": start.case["status"]}, "after": {"status": "avslutad"}})
    return {"id": case_id, "status": CaseStatus.AVSLUTAD.value, "version": new_version}


async def resolve_case_id(actor: Actor, ref: str) -> int:
    """A case by id or diarienummer (the CLI accepts both)."""
    if ref.isdigit():
        return int(ref)
    row = await Case.select(Case.id).where(Case.diarienummer == ref.strip()).first()
    if row is None:
        raise NotFound(f"Ärendet {ref} finns inte.")
    return int(row["id"])
