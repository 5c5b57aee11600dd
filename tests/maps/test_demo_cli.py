"""`inspektion init --demo` brings the 2015–2017 campaign beside the demo; stats and map on it."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

from tests.maps.test_coverage_map import features

NAME = "Socialsekreterares arbetsmiljö 2015–2017"


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "inspektion.cli", *args], env=env,
                          capture_output=True, text=True, timeout=180)


def test_demo_has_the_reported_campaign_and_its_figures(tmp_path: Path) -> None:
    env = {**os.environ, "INSPEKTION_DATABASE_URL": f"sqlite:///{tmp_path}/demo.sqlite",
           "INSPEKTION_SCHEDULER": "0", "INSPEKTION_TODAY": "2026-11-23"}
    done = _run(["init", "--demo"], env)
    assert done.returncode == 0, done.stderr

    latest = json.loads(_run(["stats", "--format", "json"], env).stdout)
    assert latest["campaign"]["name"] != NAME and latest["national"]["cases"] > 0  # the demo's

    got = _run(["stats", "--campaign", NAME, "--format", "json"], env)
    assert got.returncode == 0, got.stderr
    figures = json.loads(got.stdout)
    nat = figures["national"]
    assert {r["region"]: r["visits"]["total"] for r in figures["regions"]} == {
        "IRN-Nord": 150, "IRM-Mitt": 192, "IRÖ-Öst": 292, "IRV-Väst": 127, "IRS-Syd": 327}
    assert (nat["visits"]["total"], nat["inspektionsmeddelanden"], nat["krav"],
            nat["tillsynsmeddelanden"], nat["underrattelser"],
            nat["forelagganden_med_vite"]) == (1088, 158, 1101, 8, 27, 19)
    assert (nat["reached"], nat["reported_reached"], nat["target"]) == (144, 145, 145)

    table = _run(["stats", "--campaign", NAME], env).stdout
    assert "Kommuner nådda per län" in table and "bilaga 3" in table
    rows = list(csv.DictReader(io.StringIO(_run(["stats", "--campaign", NAME, "--format",
                                                  "csv"], env).stdout)))
    reached = {r["omrade"]: r["varde"] for r in rows
               if r["avsnitt"] == "region" and r["matt"] == "reached"}
    assert reached == {"IRN-Nord": "32", "IRM-Mitt": "31", "IRÖ-Öst": "25", "IRV-Väst": "21",
                       "IRS-Syd": "35", "Riket": "144"}

    out = tmp_path / "karta.html"
    drawn = _run(["map", "coverage", "--campaign", NAME, "--out", str(out)], env)
    assert drawn.returncode == 0, drawn.stderr
    page = out.read_text(encoding="utf-8")
    assert len(features(page)) == 290 and len(page.encode("utf-8")) < 1_000_000
    assert "144 av 145" in drawn.stdout

    missing = _run(["stats", "--campaign", "Ingen sådan kampanj"], env)
    assert missing.returncode == 2 and "Kampanjen finns inte" in missing.stderr

    _demo_letters_name_the_legal_person(tmp_path / "demo.sqlite")


def _demo_letters_name_the_legal_person(path: Path) -> None:
    """Every demo letter (PDF and DOCX) names its employer as registered, with its number."""
    import sqlite3

    import docx
    from pypdf import PdfReader

    registered = {r["kommunkod"]: (r["juridiskt_namn"], r["organisationsnummer"])
                  for r in csv.DictReader((Path(__file__).parents[2] / "fixtures" /
                                           "kommuner_organisation.csv").open(encoding="utf-8"))}
    with sqlite3.connect(path) as db:
        rows = db.execute(
            "SELECT d.kind, d.pdf, d.docx, k.kommunkod, w.employer, w.org_nr FROM document d "
            "JOIN case_file c ON c.id = d.\"case\" JOIN workplace w ON w.id = c.workplace "
            "JOIN kommun k ON k.id = c.kommun WHERE d.pdf IS NOT NULL").fetchall()
        unnamed = db.execute("SELECT COUNT(*) FROM workplace WHERE employer LIKE '% kommun' "
                             "AND org_nr = ''").fetchone()[0]
    assert unnamed == 0
    kinds = set()
    for kind, pdf, word, kommunkod, employer, org_nr in rows:
        assert (employer, org_nr) == registered[kommunkod]
        kinds.add(kind)
        pdf_text = " ".join(" ".join(p.extract_text() for p in
                                     PdfReader(io.BytesIO(pdf)).pages).split())
        docx_text = " ".join(p.text for p in docx.Document(io.BytesIO(word)).paragraphs)
        for text in (pdf_text, docx_text):
            assert employer in text and org_nr in text, (kind, kommunkod)
    assert {"inspektionsmeddelande", "tillsynsmeddelande", "underrattelse",
            "forelaggande"} <= kinds
