"""The municipalities as legal persons in reference data, and cases opened before it existed."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from inspektion.config import load_settings
from inspektion.db.tables import Kommun, Workplace
from inspektion.domain.employer import valid_orgnr
from inspektion.domain.errors import StepRefused
from inspektion.services import reference
from inspektion.services.letter_views import build_view
from tests.support import Walker


async def test_every_municipality_has_a_number_and_18_lack_a_registered_name(db: str) -> None:
    rows = await Kommun.select(Kommun.namn, Kommun.juridiskt_namn, Kommun.organisationsnummer)
    assert len(rows) == 290
    assert all(valid_orgnr(r["organisationsnummer"]) for r in rows)
    assert len({r["organisationsnummer"] for r in rows}) == 290
    unknown = sorted(r["namn"] for r in rows if not r["juridiskt_namn"])
    assert len(unknown) == 18 and "Falun" in unknown and "Vindeln" in unknown
    named = {r["namn"]: r["juridiskt_namn"] for r in rows}
    assert named["Helsingborg"] == "Helsingborgs kommun" and named["Ystad"] == "Ystad kommun"


async def test_a_case_opened_with_a_name_built_by_rule_gets_the_registered_one(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open("1283")
    # As a case opened before issue 13 looked: a name made by rule and no number.
    wp = (await Workplace.select(Workplace.id).order_by(Workplace.id, ascending=False).first())
    assert wp is not None
    await Workplace.update({Workplace.employer: "Helsingborg kommun", Workplace.org_nr: ""}
                           ).where(Workplace.id == wp["id"])
    vindeln = await Kommun.select(Kommun.id).where(Kommun.kommunkod == "2404").first()
    assert vindeln is not None
    made = await Workplace.insert(Workplace(name="Socialkontoret", kommun=vindeln["id"],
                                            employer="Vindeln kommun")).returning(Workplace.id)
    await reference.load_reference(load_settings().fixtures_dir)
    fixed = await Workplace.select(Workplace.employer, Workplace.org_nr).where(
        Workplace.id == wp["id"]).first()
    assert fixed == {"employer": "Helsingborgs kommun", "org_nr": "212000-1157"}
    # No registered name known: the rule-made one is dropped, not kept; letters wait for it.
    unknown = await Workplace.select(Workplace.employer, Workplace.org_nr).where(
        Workplace.id == made[0]["id"]).first()
    assert unknown == {"employer": "", "org_nr": "212000-2544"}


async def test_no_letter_without_the_registered_name(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open("1283")
    await Workplace.update({Workplace.employer: ""}).where(Workplace.id > 0)
    with pytest.raises(StepRefused, match="registrerade namn"):
        await build_view(w.case_id, "inspektionsmeddelande", date(2026, 11, 23), "x")
