"""The coverage map: one feature per municipality with the state the database holds."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

import pytest

from inspektion.cli_map import coverage_command
from inspektion.config import load_settings
from inspektion.db.tables import Case
from inspektion.maps.geometry import geometries, group_borders
from inspektion.services import campaign_2015
from inspektion.services.stats import kommun_state
from tests.support import LUND, MALMO, UMEA, Walker, bearer, move_days

_ADD = re.compile(r"_add\((\{.*\})\);\s*$", re.MULTILINE)


def features(page: str) -> dict[str, dict[str, Any]]:
    """kommunkod → properties, from every GeoJSON layer embedded in the page."""
    out: dict[str, dict[str, Any]] = {}
    for blob in _ADD.findall(page):
        for f in json.loads(blob)["features"]:
            code = f["properties"].get("kommunkod")
            if code:
                assert code not in out, f"{code} drawn twice"
                out[code] = f["properties"]
    return out


def no_network(page: str) -> None:
    for tag in re.findall(r"<(?:script|link)\b[^>]*>", page):
        assert "http" not in tag, tag
    assert "Källa: SCB" not in page
    assert "Kommungränser: bearbetade från SCB:s öppna data (CC0)" in page


@pytest.fixture
async def historic(db: str) -> int:
    return int((await campaign_2015.load_campaign_2015())["campaign_id"])


async def _expected_states(campaign_id: int) -> dict[str, str]:
    rows = await Case.select(Case.kommun.kommunkod.as_alias("kod"), Case.status).where(
        Case.campaign == campaign_id)
    statuses: dict[str, list[str]] = {}
    for r in rows:
        statuses.setdefault(r["kod"], []).append(r["status"])
    return {kod: kommun_state(s).value for kod, s in statuses.items()}


@pytest.fixture
async def expected(historic: int) -> dict[str, str]:
    """Read before the app starts: the test client runs the app on its own connections."""
    return await _expected_states(historic)


async def test_map_has_every_municipality_with_its_state(
        historic: int, expected: dict[str, str], client: Any, tokens: dict[str, str]) -> None:
    r = await client.get(f"/api/maps/coverage?campaign_id={historic}",
                         headers=bearer(tokens["inspektor"]))
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = r.text
    drawn = features(page)
    assert len(drawn) == 290
    assert len(expected) == 144
    for code, props in drawn.items():
        assert props["state"] == expected.get(code, "ej_besokt"), code
    assert {p["state"] for p in drawn.values()} >= {"ej_besokt", "avslutad", "eskalerad"}
    stockholm = drawn["0180"]
    assert stockholm["cases"] == 7 and stockholm["region"] == "IRÖ-Öst"
    assert {"namn", "lan", "open_krav", "state_label"} <= set(stockholm)
    assert "Läge per kommun" in page and "Eskalerad (underrättelse eller föreläggande)" in page
    assert "Riket: 144 av 145" in page and "rapporterat: 145" in page
    for region, reached, target in [("IRN-Nord", 32, 22), ("IRS-Syd", 35, 29)]:
        assert f"{region}</td><td class=\"n\">{reached}/{target}</td>" in page
    assert '<script src="/static/maps/leaflet.js"></script>' in page
    no_network(page)
    assert (await client.get(f"/api/maps/coverage?campaign_id={historic}")).status_code == 401


async def test_open_forelaggande_shows_as_escalated(client: Any, tokens: dict[str, str],
                                                    campaign_id: int) -> None:
    w = Walker(client, tokens, campaign_id)
    await w.open(MALMO)
    await w.to_meddelande(n_krav=2, days=30)
    move_days(35)
    await w.post("svar", {"received": "2026-12-28", "assessments": [
        {"krav_id": w.krav_ids[0], "outcome": "uppfyllt"},
        {"krav_id": w.krav_ids[1], "outcome": "ej_uppfyllt",
         "motivering": "Åtgärden är inte vidtagen."}]})
    await w.post("underrattelse", {"krav_ids": w.krav_ids[1:], "svar_senast": "2027-01-20",
                                   "deadline": "2027-03-01", "vite_sek": 50000}, role="jurist")
    move_days(30)
    await w.post("forelaggande", {"krav_ids": w.krav_ids[1:], "vite_sek": 50000,
                                  "deadline": "2027-03-01"}, role="jurist")
    planned = Walker(client, tokens, campaign_id)
    await planned.open(LUND)
    r = await client.get(f"/api/maps/coverage?campaign_id={campaign_id}",
                         headers=bearer(tokens["samordnare"]))
    assert r.status_code == 200
    drawn = features(r.text)
    assert len(drawn) == 290
    assert drawn[MALMO]["state"] == "eskalerad" and drawn[MALMO]["open_krav"] == 1
    assert drawn[LUND]["state"] == "planerad" and drawn[UMEA]["state"] == "ej_besokt"
    assert "Riket: 1 av 145" in r.text


async def test_written_map_works_on_its_own(historic: int, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "karta.html"
    assert await coverage_command(argparse.Namespace(campaign=str(historic), out=str(out))) == 0
    page = out.read_text(encoding="utf-8")
    assert "Leaflet 1.9.4" in page and "/static/maps/" not in page
    assert "url(data:image/png;base64," in page  # the layer control's icon, inlined
    assert len(features(page)) == 290
    no_network(page)
    assert "144 av 145" in capsys.readouterr().out
    assert '<html lang="sv">' in page and "user-scalable=no" not in page  # WCAG 3.1.1, 1.4.4


async def test_krav_map_by_regulation_and_effektmal(historic: int, client: Any,
                                                    tokens: dict[str, str]) -> None:
    h = bearer(tokens["samordnare"])
    r = await client.get(f"/api/maps/krav?campaign_id={historic}&regulation=AFS 1993:2",
                         headers=h)
    assert r.status_code == 200
    drawn = features(r.text)
    assert len(drawn) == 290
    assert sum(1 for p in drawn.values() if p["inspected"]) == 144
    with_krav = sum(1 for p in drawn.values() if p["krav"])
    assert 0 < with_krav <= 144
    assert f"Riket: {with_krav} av 144" in r.text and "Våld och hot i arbetsmiljön" in r.text
    r = await client.get(f"/api/maps/krav?campaign_id={historic}&effektmal=2", headers=h)
    assert r.status_code == 200 and "Effektmål 2" in r.text
    for query in ("effektmal=9", "regulation=AFS 1999:99", "", "effektmal=1&regulation=AML"):
        bad = await client.get(f"/api/maps/krav?campaign_id={historic}&{query}", headers=h)
        assert bad.status_code == 400, query


def test_region_borders_follow_shared_edges() -> None:
    fixtures = load_settings().fixtures_dir
    shapes = geometries(fixtures)
    assert len(shapes) == 290
    one_group = group_borders(fixtures, {code: "alla" for code in shapes})
    assert one_group["coordinates"] == []
    by_lan = group_borders(fixtures, {code: code[:2] for code in shapes})
    assert len(by_lan["coordinates"]) > 10
    assert all(len(line) >= 2 for line in by_lan["coordinates"])
