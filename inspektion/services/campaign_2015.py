"""The 2015–2017 campaign loaded as reference data beside the demo.

Coordinators compare a running campaign with the one AV reported on; so the old campaign is
in the database as cases, meetings, krav, letters and decisions that add up to the report's
figures (fixtures/campaign_2015/). It is imported, not worked: it is written in bulk in one
transaction (not step by step through the lifecycle), its letters are document records
without PDF/DOCX bytes, and every case carries an audit event saying it is imported
reference data, partly generated.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, NotRequired, TypedDict

from piccolo.table import Table

from inspektion.config import load_settings
from inspektion.db import rollup, search
from inspektion.db.tables import (
    AuditEvent,
    Campaign,
    Case,
    Decision,
    Document,
    GruppsamtalSummary,
    Kommun,
    Krav,
    Meeting,
    Workplace,
)
from inspektion.services import audit, campaigns, reference
from inspektion.services.campaign_2015_files import (
    Generation,
    Report,
    read_generation,
    read_report,
)
from inspektion.services.campaign_2015_plan import KommunInfo, plan
from inspektion.services.campaign_2015_timeline import KravMall, PlannedCase
from inspektion.services.numbering import next_diarienummer
from inspektion.services.transactions import write_tx

FOLDER = "campaign_2015"
CHUNK = 400
PARTICIPANTS = [{"role": "Förvaltningsledning", "name": ""},
                {"role": "Huvudskyddsombud", "name": ""}]
NOTE = "Rekonstruerat besök ur insatsen 2015–2017 (genererade detaljer, se fixtures)."
NO_ANSWERS = "Historiskt gruppsamtal: enkätsvaren finns inte i verktyget."


class Loaded(TypedDict):
    """What a load did: `cases` only when it made them."""

    created: bool
    campaign_id: int
    cases: NotRequired[int]


@lru_cache(maxsize=4)
def _report(folder: str) -> Report:
    return read_report(Path(folder) / "rapport.yaml")


@lru_cache(maxsize=4)
def _generation(folder: str) -> Generation:
    return read_generation(Path(folder) / "generering.yaml")


def folder_of(fixtures: Path | None = None) -> Path:
    return (fixtures or load_settings().fixtures_dir) / FOLDER


def report(fixtures: Path | None = None) -> Report:
    """The report's own figures (rapport.yaml)."""
    return _report(str(folder_of(fixtures)))


def reported_figures(campaign_name: str) -> Report | None:
    """The figures a final report gave for this campaign, if we have one."""
    try:
        data = report()
    except OSError:
        return None
    return data if data["kampanj"] == campaign_name else None


async def load_campaign_2015(fixtures: Path | None = None) -> Loaded:
    """Idempotent: creates the campaign if missing and its cases if it has none."""
    rep = report(fixtures)
    gen = _generation(str(folder_of(fixtures)))
    name = rep["kampanj"]
    row = await Campaign.select(Campaign.id).where(Campaign.name == name).first()
    if row is None:
        made = await campaigns.create_campaign(None, name, rep["start"], rep["slut"],
                                               rep["malandel"])
        campaign_id = made.id
    else:
        campaign_id = int(row["id"])
    await Campaign.update({Campaign.archived: True}).where(Campaign.id == campaign_id)
    if await Case.exists().where(Case.campaign == campaign_id):
        return {"created": False, "campaign_id": campaign_id}
    rows = await Kommun.select(Kommun.id, Kommun.kommunkod, Kommun.namn, Kommun.besokt_2015_2017,
                               Kommun.juridiskt_namn, Kommun.organisationsnummer,
                               Kommun.region.code.as_alias("region"),
                               Kommun.region.id.as_alias("region_id"))
    by_code = {r["kommunkod"]: r for r in rows}
    infos = [KommunInfo(r["kommunkod"], r["namn"], r["region"], bool(r["besokt_2015_2017"]))
             for r in rows]
    planned = plan(rep, gen, infos, [KravMall(
        id=str(t["id"]), text=str(t["text"]), brist=str(t["brist"] or ""),
        citations_2015=[str(c) for c in t["citations_2015"] or []],
        effektmal=None if t["effektmal"] is None else int(t["effektmal"]))
        for t in await reference.krav_templates()])
    async with write_tx():
        if await Case.exists().where(Case.campaign == campaign_id):
            return {"created": False, "campaign_id": campaign_id}
        ids = await _insert_cases(campaign_id, planned, by_code)
        await _insert_details(planned, ids)
        await audit.record(None, "campaign.import_historisk", None, {
            "campaign_id": campaign_id, "name": name, "kalla": f"fixtures/{FOLDER}",
            "referensdata": True, "genererad_med_seed": gen["seed"], "arenden": len(planned),
            "not": "Importerad referensdata; detaljer per ärende är genererade, inte verkliga."})
    return {"created": True, "campaign_id": campaign_id, "cases": len(planned)}


async def _bulk(table: type[Table], rows: Sequence[Table]) -> None:
    for i in range(0, len(rows), CHUNK):
        await table.insert(*rows[i:i + CHUNK])


async def _insert_cases(campaign_id: int, planned: list[PlannedCase],
                        by_code: dict[str, dict[str, Any]]) -> list[tuple[int, str]]:
    """Workplace and case one by one: each needs its id and the year's next diarienummer."""
    out = []
    for c in planned:
        kommun = by_code[c.kommunkod]
        # The employer is the municipality as registered (never a name built by rule).
        wp = await Workplace.insert(Workplace(
            name=c.workplace, kommun=kommun["id"], employer=kommun["juridiskt_namn"],
            org_nr=kommun["organisationsnummer"], namnd="Socialnämnden",
        )).returning(Workplace.id)
        _, dnr = await next_diarienummer(c.opened_on.year)
        row = await Case.insert(Case(
            diarienummer=dnr, method=c.method, status=c.status, version=1,
            campaign=campaign_id, kommun=kommun["id"], region=kommun["region_id"],
            workplace=wp[0]["id"], inspector1=None, inspector2=None, opened_on=c.opened_on,
            closed_on=c.closed_on, last_activity_on=c.last_activity_on or c.opened_on,
            doc_seq=len(c.documents), svar_senast=c.svar_senast)).returning(Case.id)
        out.append((int(row[0]["id"]), dnr))
    return out


async def _insert_details(planned: list[PlannedCase], ids: list[tuple[int, str]]) -> None:
    case_ids = [i for i, _ in ids]
    await _bulk(Meeting, [
        Meeting(case=cid, kind=m.kind, date=m.day, arbetsomrade=m.arbetsomrade,
                participants=[] if m.kind == "gruppsamtal" else PARTICIPANTS, notes=NOTE)
        for (cid, _), c in zip(ids, planned, strict=True) for m in c.meetings])
    groups = await Meeting.select(Meeting.id, Meeting.case, Meeting.arbetsomrade).where(
        Meeting.case.is_in(case_ids) & (Meeting.kind == "gruppsamtal"))
    await _bulk(GruppsamtalSummary, [
        GruppsamtalSummary(meeting=g["id"], case=g["case"], arbetsomrade=g["arbetsomrade"] or "",
                           respondents=0, summary=None, reason=NO_ANSWERS) for g in groups])
    await _bulk(Krav, [
        Krav(case=cid, number=k.number, text=k.text, brist=k.brist, citations=k.citations,
             effektmal=k.effektmal, template_slug=k.slug, deadline=k.deadline, state=k.state,
             assessed_on=k.assessed_on)
        for (cid, _), c in zip(ids, planned, strict=True) for k in c.krav])
    krav_id = {(r["case"], r["number"]): r["id"] for r in await Krav.select(
        Krav.id, Krav.case, Krav.number).where(Krav.case.is_in(case_ids))}
    await _bulk(Document, [
        Document(case=cid, kind=d.kind, number=f"{dnr}-{n}", created_on=d.day, sent_on=d.day,
                 served_on=d.served_on, served_how=d.served_how, pdf=None, docx=None,
                 payload={**d.payload, "historisk": True,
                          "krav_ids": [krav_id[(cid, k)] for k in d.payload.get(
                              "krav_nummer", [])]})
        for (cid, dnr), c in zip(ids, planned, strict=True)
        for n, d in enumerate(c.documents, start=1)])
    doc_id = {r["number"]: r["id"] for r in await Document.select(
        Document.id, Document.number).where(Document.case.is_in(case_ids))}
    await _bulk(Decision, [
        Decision(case=cid, kind=x.kind, document=doc_id[f"{dnr}-{x.document_index + 1}"],
                 krav_ids=[krav_id[(cid, k)] for k in x.krav_numbers], vite_sek=x.vite_sek,
                 svar_senast=x.svar_senast, deadline=x.deadline, decided_on=x.day,
                 motivering="Rekonstruerat beslut ur insatsen 2015–2017.")
        for (cid, dnr), c in zip(ids, planned, strict=True) for x in c.decisions])
    await search.refresh(case_ids)
    await rollup.refresh(case_ids)  # bulk audit events below: no per-case record()
    await _bulk(AuditEvent, [
        AuditEvent(case=cid, username="system", action="case.import_historisk", details={
            "diarienummer": dnr, "kommunkod": c.kommunkod, "referensdata": True,
            "kalla": f"fixtures/{FOLDER}", "oppnat": c.opened_on.isoformat(),
            "not": "Importerad referensdata (insatsen 2015–2017); genererade detaljer."})
        for (cid, dnr), c in zip(ids, planned, strict=True)])


def snapshot_date(fixtures: Path | None = None) -> date:
    return _generation(str(folder_of(fixtures)))["lagesdatum"]
