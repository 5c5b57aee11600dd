"""The 2015–2017 campaign loaded as reference data: figures, idempotence, audit, numbering."""

from __future__ import annotations

from typing import Any

import pytest

from inspektion.db.tables import AuditEvent, Case, Decision, Document, Krav, Meeting
from inspektion.services import campaign_2015
from inspektion.services.numbering import next_diarienummer
from tests.support import bearer


async def test_loading_twice_changes_nothing(db: str) -> None:
    first = await campaign_2015.load_campaign_2015()
    assert first["created"] is True and first["cases"] == 166
    counts = [await t.count() for t in (Case, Meeting, Krav, Document, Decision, AuditEvent)]
    second = await campaign_2015.load_campaign_2015()
    assert second == {"created": False, "campaign_id": first["campaign_id"]}
    assert [await t.count() for t in (Case, Meeting, Krav, Document, Decision,
                                      AuditEvent)] == counts


async def test_loaded_campaign_adds_up_to_the_report(db: str) -> None:
    cid = (await campaign_2015.load_campaign_2015())["campaign_id"]
    cases = await Case.select(Case.id, Case.method, Case.diarienummer, Case.opened_on
                              ).where(Case.campaign == cid)
    assert sum(1 for c in cases if c["method"] == "fokusinspektion") == 158
    assert sum(1 for c in cases if c["method"] == "tillsynsmeddelande") == 8
    assert {c["diarienummer"][:4] for c in cases} == {"2015", "2016", "2017"}
    assert all(c["diarienummer"][:4] == str(c["opened_on"].year) for c in cases)
    assert await Meeting.count().where(Meeting.case.campaign == cid) == 1088
    assert await Krav.count().where(Krav.case.campaign == cid) == 1101
    docs = await Document.select(Document.kind, Document.pdf).where(Document.case.campaign == cid)
    kinds = [d["kind"] for d in docs]
    assert (kinds.count("inspektionsmeddelande"), kinds.count("tillsynsmeddelande"),
            kinds.count("underrattelse"), kinds.count("forelaggande")) == (158, 8, 27, 19)
    assert all(d["pdf"] is None for d in docs)  # historic letters: records, no bytes
    fore = await Decision.select(Decision.vite_sek).where(
        (Decision.case.campaign == cid) & (Decision.kind == "forelaggande"))
    assert len(fore) == 19 and all(f["vite_sek"] > 0 for f in fore)


async def test_every_imported_case_is_marked_as_reference_data(db: str) -> None:
    cid = (await campaign_2015.load_campaign_2015())["campaign_id"]
    events = await AuditEvent.select(AuditEvent.case, AuditEvent.action, AuditEvent.details
                                     ).output(load_json=True)
    per_case = [e for e in events if e["action"] == "case.import_historisk"]
    assert len(per_case) == 166
    assert all(e["details"]["referensdata"] is True for e in per_case)
    [overall] = [e for e in events if e["action"] == "campaign.import_historisk"]
    assert overall["details"]["campaign_id"] == cid and overall["details"]["referensdata"]


async def test_later_cases_continue_the_years_numbering(db: str) -> None:
    await campaign_2015.load_campaign_2015()
    in_2016 = await Case.count().where(Case.diarienummer.like("2016/%"))
    seq, number = await next_diarienummer(2016)
    assert seq == in_2016 + 1
    assert not await Case.exists().where(Case.diarienummer == number)


@pytest.fixture
async def historic_letter(db: str) -> int:
    """Loaded before the app starts: the test client runs the app on its own connections."""
    cid = (await campaign_2015.load_campaign_2015())["campaign_id"]
    doc = await Document.select(Document.id).where(
        (Document.case.campaign == cid) & (Document.kind == "inspektionsmeddelande")).first()
    assert doc is not None
    return int(doc["id"])


async def test_historic_letter_has_no_file_and_says_so(historic_letter: int, client: Any,
                                                       tokens: dict[str, str]) -> None:
    r = await client.get(f"/api/documents/{historic_letter}/pdf",
                         headers=bearer(tokens["jurist"]))
    assert r.status_code == 404


def _plan() -> list[Any]:
    from inspektion.config import load_settings
    from inspektion.reference.files import read_kommuner, read_krav_templates
    from inspektion.services.campaign_2015_files import read_generation, read_report
    from inspektion.services.campaign_2015_plan import KommunInfo, plan
    from inspektion.services.campaign_2015_timeline import KravMall

    fixtures = load_settings().fixtures_dir
    folder = fixtures / "campaign_2015"
    report = read_report(folder / "rapport.yaml")
    gen = read_generation(folder / "generering.yaml")
    kommuner = [KommunInfo(k.kommunkod, k.namn, k.region, k.besokt_2015_2017)
                for k in read_kommuner(fixtures)]
    templates = [KravMall(id=t["id"], text=t["text"], brist=t.get("brist", ""),
                          citations_2015=list(t.get("citations_2015") or []),
                          effektmal=t.get("effektmal")) for t in read_krav_templates(fixtures)]
    return plan(report, gen, kommuner, templates)


def test_generation_is_reproducible_and_cites_rules_in_force() -> None:
    from inspektion.config import load_settings
    from inspektion.reference.files import catalogue_from_rows, read_catalogue_rows

    first, again = _plan(), _plan()
    assert first == again
    catalogue = catalogue_from_rows(read_catalogue_rows(load_settings().fixtures_dir))
    for case in first:
        letter = next((d.day for d in case.documents if d.kind == "inspektionsmeddelande"),
                      None)
        for krav in case.krav:
            assert letter is not None
            assert catalogue.check_citations(krav.citations, letter) == krav.citations


@pytest.fixture
async def archived(db: str) -> int:
    """Loaded before the app starts, like `historic_letter`."""
    return int((await campaign_2015.load_campaign_2015())["campaign_id"])


async def test_archived_campaign_is_a_record_not_work(archived: int, client: Any,
                                                      tokens: dict[str, str]) -> None:
    """The rebuilt campaign stands as the report left it, some cases still open on its
    lägesdatum; years later none of them may remind anyone, fill the jurists' queue or
    take a step."""
    from datetime import date

    from inspektion.db.tables import Campaign, Reminder
    from inspektion.services.reminders import run_sweep

    assert await Campaign.exists().where((Campaign.id == archived)
                                         & (Campaign.archived == True))  # noqa: E712
    still_open = await Case.select(Case.id, Case.version).where(
        (Case.campaign == archived) & (Case.status != "avslutad"))
    assert still_open, "the snapshot has open cases; otherwise this test proves nothing"
    result = await run_sweep(date(2026, 11, 23))
    assert result is not None
    assert not await Reminder.exists().where(Reminder.case.campaign == archived)
    queue = await client.get("/api/escalation-queue", headers=bearer(tokens["jurist"]))
    assert queue.status_code == 200
    assert not {row["case_id"] for row in queue.json()} & {c["id"] for c in still_open}
    case = await Case.select(Case.id, Case.version).where(
        (Case.campaign == archived) & (Case.status != "avslutad")
        & (Case.region.code == "IRS-Syd")).first()  # the test inspector's region
    assert case is not None
    r = await client.post(f"/api/cases/{case['id']}/uppfoljning", headers=bearer(
        tokens["inspektor"]), json={"version": case["version"], "date": "2026-11-20"})
    assert r.status_code == 409 and "arkiverad kampanj" in r.json()["detail"], r.text
    assert (await Case.select(Case.version).where(Case.id == case["id"]).first()
            ) == {"version": case["version"]}
