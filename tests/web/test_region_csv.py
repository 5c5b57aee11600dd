"""The region's CSV opens right in Swedish Excel and carries no formula from user text."""

from __future__ import annotations

import csv
import io
from typing import Any

from inspektion.web.excel_csv import cell, excel_csv, neutralise
from tests.support import LUND, MALMO, UMEA, Walker, bearer
from tests.web.pages import login


def test_cells_that_would_start_a_formula_are_neutralised() -> None:
    for bad in ("=1+1", "+46 70", "-2", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"http://x\")"):
        assert neutralise(bad) == "'" + bad
    assert neutralise("Malmö") == "Malmö" and cell(-3) == "-3" and cell(0.125) == "0,125"
    data = excel_csv(["Namn"], [["=cmd|' /C calc'!A0"]])
    assert data.startswith(b"\xef\xbb\xbf") and b"'=cmd" in data


async def test_region_csv_for_swedish_excel_only_the_region(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    r = await client.post("/api/users", headers=bearer(tokens["admin"]), json={
        "username": "elak", "password": "hemligt-test-1", "role": "inspektor",
        "region": "IRS-Syd", "display_name": "=HYPERLINK(\"http://x.example\";\"klicka\")"})
    assert r.status_code == 201, r.text
    w = Walker(client, tokens, campaign_id)
    await w.open(MALMO)
    await w.open(LUND)
    await Walker(client, {**tokens, "inspektor": tokens["insp_nord"]}, campaign_id).open(UMEA)
    await login(client, "samord")
    got = await client.get(f"/region/siffror.csv?campaign_id={campaign_id}")
    assert got.status_code == 200 and got.headers["content-type"].startswith("text/csv")
    assert 'filename="siffror-IRS-Syd-' in got.headers["content-disposition"]
    assert got.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(got.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Avsnitt", "Område", "Mått", "Värde"]
    assert ["Ärenden per status", "IRS-Syd", "Planering", "2"] in rows
    assert ["Region", "IRS-Syd", "Ärenden", "2"] in rows
    assert all(r[1] != "IRN-Nord" for r in rows), "another region's figures in the file"
    assert not any(r[0] == "Län" and r[1] == "Västerbottens län" for r in rows)
    share = next(r for r in rows if r[2] == "Andel av målet nådd")
    assert "." not in share[3] and float(share[3].replace(",", ".")) == 0
    evil = next(r for r in rows if "HYPERLINK" in r[2])
    assert evil[2].startswith("'=")
    assert not any(c.startswith(("=", "+", "@")) for r in rows for c in r)
