"""The campaign report: for the rebuilt 2015–2017 campaign its counts are the final report's,
and the Word file opens and holds each effektmål's heading and figures."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path
from typing import Any

from docx import Document as read_docx

from inspektion.domain.krav import EFFEKTMAL
from inspektion.services import campaign_2015
from inspektion.services.reports import build_report, write_report
from tests.effekt.test_effekt import _case, answers
from tests.support import LUND, bearer

NBSP = "\u00a0"


def _docx_text(data: bytes) -> tuple[str, list[list[list[str]]]]:
    doc = read_docx(io.BytesIO(data))
    text = "\n".join(p.text for p in doc.paragraphs)
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]
    return text, tables


def _table(tables: list[list[list[str]]], first_header: str, second: str) -> list[list[str]]:
    return next(t for t in tables if t[0][0] == first_header and t[0][1] == second)


async def test_2015_report_counts_equal_the_final_reports(db: str) -> None:
    cid = (await campaign_2015.load_campaign_2015())["campaign_id"]
    text, tables = _docx_text(await write_report(cid, "docx"))
    visits = _table(tables, "Region", "Antal")
    assert {r[0]: r[1] for r in visits[1:]} == {
        "IRN-Nord": "150", "IRM-Mitt": "192", "IRÖ-Öst": "292", "IRV-Väst": "127",
        "IRS-Syd": "327", "Totalt": f"1{NBSP}088"}
    letters = _table(tables, "", "Inspektions\u00admeddelanden")
    ours, reported = letters[1], letters[2]
    assert ours == ["Verktygets data", "158", f"1{NBSP}101", "8", "27", "19"]
    assert reported[1:] == ours[1:]
    assert f"1{NBSP}088 arbetsställebesök" in text
    assert "tvåstegsmetoden, som gav 8 tillsynsmeddelanden" in text  # as the seed's table says
    assert "Slutrapporten anger 145 nådda kommuner" in text and "de 144 kommuner" in text
    for goal, name in EFFEKTMAL.items():
        assert f"Effektmål {goal}. {name}" in text
    # No questionnaire data in the rebuilt campaign: the effect says so instead of a figure.
    assert "inget gruppsamtal vid uppföljningsbesök är registrerat" in text
    assert "De första gruppsamtalen har ingen enkätsammanställning" in text
    # Every table and figure says which query gives it.
    sources = _table(tables, "Var", "Siffra")
    assert [r[0] for r in sources][1:3] == ["Tabell 1, figur 1", "Tabell 2–3"]
    assert "Tabell 8. Tabell eller figur, siffra och fråga i verktyget" in text


async def test_docx_and_pdf_hold_each_goals_figures(client: Any, tokens: dict[str, str],
                                                    campaign_id: int) -> None:
    await _case(client, tokens, campaign_id, LUND,
                answers(5, 3, overrides={5: 4, 6: 4, 7: 4, 8: 4}))
    await _case(client, tokens, campaign_id, LUND, answers(6, 4))
    effekt = (await client.get(f"/api/campaigns/{campaign_id}/effekt",
                               headers=bearer(tokens["samordnare"]))).json()
    text, tables = _docx_text(await write_report(campaign_id, "docx"))
    effect_tables = [t for t in tables if t[0][1] == "Grupper"]
    assert len(effect_tables) == 4  # every goal has two groups with enough people
    for g, table in zip(effekt["goals"], effect_tables, strict=True):
        assert f"Effektmål {g['effektmal']}. {g['namn']}" in text
        e = g["campaign"]
        row = table[1]
        assert row[0] == "Hela kampanjen" and row[1] == str(e["groups"]) == "2"
        assert row[2] == f"{e['respondents_first']} / {e['respondents_follow_up']}"
        assert row[5] == f"{e['change']:+.2f}".replace(".", ",").replace("-", "−")
        assert row[3] == f"{e['before']:.2f}".replace(".", ",")
        assert row[4] == f"{e['after']:.2f}".replace(".", ",")
    report = await build_report(campaign_id)
    assert "Tabell 4b" in report.text()
    pdf = await write_report(campaign_id, "pdf")
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000


def test_cli_writes_the_report_by_extension(tmp_path: Path) -> None:
    import os

    env = {**os.environ, "INSPEKTION_DATABASE_URL": f"sqlite:///{tmp_path}/r.sqlite",
           "INSPEKTION_SCHEDULER": "0", "INSPEKTION_TODAY": "2026-11-23"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "inspektion.cli", *args], env=env,
                              capture_output=True, text=True, timeout=300)

    assert run("init", "--demo").returncode == 0
    out = tmp_path / "rapport.docx"
    done = run("report", "--out", str(out))
    assert done.returncode == 0, done.stderr
    _, tables = _docx_text(out.read_bytes())
    assert any("Förbättring" in cell for t in tables for r in t for cell in r)  # the demo's
    pdf = tmp_path / "rapport.pdf"
    assert run("report", "--campaign", "Socialsekreterares arbetsmiljö 2015–2017", "--out",
               str(pdf)).returncode == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    bad = run("report", "--out", str(tmp_path / "rapport.txt"))
    assert bad.returncode == 2 and ".docx eller .pdf" in bad.stderr
    missing = run("report", "--campaign", "Ingen sådan", "--out", str(out))
    assert missing.returncode == 2 and "finns inte" in missing.stderr
