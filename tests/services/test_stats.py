"""`inspektion stats` on the rebuilt 2015–2017 campaign reproduces the report's tables."""

from __future__ import annotations

import argparse
import csv
import io
import json
from typing import Any

import pytest

from inspektion.cli_stats import stats_command
from inspektion.services import campaign_2015
from inspektion.services.stats import KommunState, campaign_figures, kommun_state

REPORTED_VISITS = {"IRN-Nord": 150, "IRM-Mitt": 192, "IRÖ-Öst": 292, "IRV-Väst": 127,
                   "IRS-Syd": 327}
NAMED_PER_REGION = {"IRN-Nord": 32, "IRM-Mitt": 31, "IRÖ-Öst": 25, "IRV-Väst": 21,
                    "IRS-Syd": 35}
REPORTED_PER_REGION = {"IRN-Nord": 32, "IRM-Mitt": 30, "IRÖ-Öst": 26, "IRV-Väst": 21,
                       "IRS-Syd": 36}
NAME = "Socialsekreterares arbetsmiljö 2015–2017"


@pytest.fixture
async def historic(db: str) -> int:
    return int((await campaign_2015.load_campaign_2015())["campaign_id"])


async def test_figures_reproduce_the_reports_tables(historic: int) -> None:
    f = await campaign_figures(historic)
    regions = {r["region"]: r for r in f["regions"]}
    assert {code: r["visits"]["total"] for code, r in regions.items()} == REPORTED_VISITS
    assert all(r["reported_visits"] == r["visits"]["total"] for r in regions.values())
    nat = f["national"]
    assert nat["visits"]["total"] == 1088
    assert (nat["inspektionsmeddelanden"], nat["krav"], nat["tillsynsmeddelanden"],
            nat["underrattelser"], nat["forelagganden_med_vite"]) == (158, 1101, 8, 27, 19)
    assert nat["reported"] == {"inspektionsmeddelanden": 158, "krav": 1101,
                               "tillsynsmeddelanden": 8, "underrattelser": 27,
                               "forelagganden_med_vite": 19}
    assert sum(r["krav"] for r in regions.values()) == 1101
    assert [r["region"] for r in f["regions"]] == list(REPORTED_VISITS)  # the report's order


async def test_reached_named_144_shown_beside_reported_145(historic: int) -> None:
    f = await campaign_figures(historic)
    nat = f["national"]
    assert (nat["kommuner"], nat["reached"], nat["reported_reached"], nat["target"]) == \
        (290, 144, 145, 145)
    regions = {r["region"]: r for r in f["regions"]}
    assert {c: r["reached"] for c, r in regions.items()} == NAMED_PER_REGION
    assert {c: r["reported_reached"] for c, r in regions.items()} == REPORTED_PER_REGION
    lan = {r["namn"]: r for r in f["lan"]}
    assert len(lan) == 21 and sum(r["kommuner"] for r in lan.values()) == 290
    differ = {n: (r["reached"], r["reported_reached"]) for n, r in lan.items()
              if r["reached"] != r["reported_reached"]}
    assert differ == {"Stockholms län": (14, 15), "Kronobergs län": (6, 7),
                      "Örebro län": (6, 5)}
    assert lan["Gotlands län"]["reached"] == 0
    assert "144" in f["note"] and "145" in f["note"]


async def test_most_cited_regulations_with_shares(historic: int) -> None:
    f = await campaign_figures(historic)
    regs = {r["regulation"]: r for r in f["krav_by_regulation"]}
    assert set(regs) == {"AFS 2015:4", "AFS 2001:1", "AFS 1993:2", "AFS 1999:7", "AFS 2009:2",
                         "AML"}
    assert all(r["share"] == round(r["krav"] / 1101, 4) for r in regs.values())
    assert regs["AFS 2015:4"]["title"] == "Organisatorisk och social arbetsmiljö"
    counts = [r["krav"] for r in f["krav_by_regulation"]]
    assert counts == sorted(counts, reverse=True)
    # generated with the fixed seed; fixtures/campaign_2015/README.md quotes these figures
    assert (regs["AFS 2001:1"]["krav"], regs["AFS 2015:4"]["krav"]) == (622, 377)


async def test_stats_command_prints_table_csv_and_json(historic: int,
                                                       capsys: pytest.CaptureFixture[str]
                                                       ) -> None:
    assert await stats_command(argparse.Namespace(campaign=NAME, format="table")) == 0
    table = capsys.readouterr().out
    assert "Arbetsställebesök" in table and "Kommuner nådda per län" in table
    riket = [line.split() for line in table.splitlines() if line.startswith("Riket")]
    assert riket[0][:4] == ["Riket", "290", "145", "144"] and riket[0][-1] == "145"
    assert riket[1][-2:] == ["1088", "1088"]
    assert riket[2][1:6] == ["158", "1101", "8", "27", "19"]
    stockholm = next(line for line in table.splitlines() if line.startswith("Stockholms län"))
    assert stockholm.split()[-3:] == ["14", "15", "+1"]
    assert await stats_command(argparse.Namespace(campaign=str(historic), format="csv")) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    visits = {r["omrade"]: int(r["varde"]) for r in rows
              if r["avsnitt"] == "besok" and r["matt"] == "total"}
    assert visits == {**REPORTED_VISITS, "Riket": 1088}
    assert await stats_command(argparse.Namespace(campaign=NAME, format="json")) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    assert data["national"]["krav"] == 1101 and data["as_of"] == "2017-12-31"


async def test_stats_over_http_for_any_logged_in_user(historic: int, client: Any,
                                                      tokens: dict[str, str]) -> None:
    for role in ("inspektor", "samordnare", "jurist", "admin"):
        r = await client.get(f"/api/stats?campaign_id={historic}",
                             headers={"Authorization": f"Bearer {tokens[role]}"})
        assert r.status_code == 200, r.text
        assert r.json()["national"]["visits"]["total"] == 1088
    assert (await client.get(f"/api/stats?campaign_id={historic}")).status_code == 401
    admin = {"Authorization": f"Bearer {tokens['admin']}"}
    for path in ("/api/stats", "/api/maps/coverage"):
        for missing in ("999999", "-3", "99999999999999999999"):  # the last beyond any id
            r = await client.get(f"{path}?campaign_id={missing}", headers=admin)
            assert r.status_code == 404 and "finns inte" in r.json()["detail"], (path, missing)
        r = await client.get(f"{path}?campaign_id=abc", headers=admin)
        assert r.status_code == 400 and "heltal" in r.json()["detail"]


def test_a_municipality_shows_its_most_pressing_case() -> None:
    assert kommun_state([]) is KommunState.EJ_BESOKT
    assert kommun_state(["avslutad", "avslutad"]) is KommunState.AVSLUTAD
    assert kommun_state(["avslutad", "planerad"]) is KommunState.PLANERAD
    assert kommun_state(["pagaende", "meddelande_skickat"]) is KommunState.MEDDELANDE
    assert kommun_state(["avslutad", "forelaggande_beslutat", "pagaende"]) is \
        KommunState.ESKALERAD
