"""The diarium: every handling in and out, in date order; the page and the printed summary."""

from __future__ import annotations

import io
from typing import Any

from pypdf import PdfReader

from tests.api.test_handlingar import PDF_BYTES, PNG_BYTES, answered_case, form, register
from tests.support import bearer, move_days


async def test_diarium_in_date_order_in_and_out(client: Any, tokens: dict[str, str],
                                                campaign_id: int) -> None:
    w = await answered_case(client, tokens, campaign_id)       # letter out 2026-11-23
    tok = tokens["inspektor"]
    # Registered today (2026-12-01) but received earlier: it sorts by its date.
    late_reg = await register(client, tok, w.case_id, form(
        kind="ovrigt", received="2026-11-25", sender="Huvudskyddsombudet",
        description="Skyddsombudets synpunkter"), [("synpunkter.png", PNG_BYTES)])
    answer = await register(client, tok, w.case_id, form(), [("svar.pdf", PDF_BYTES)])
    w.version = answer.json()["version"]
    await w.post("svar", {"handling_id": answer.json()["id"], "assessments": [
        {"krav_id": w.krav_ids[0], "outcome": "uppfyllt"},
        {"krav_id": w.krav_ids[1], "outcome": "ej_uppfyllt", "motivering": "Ingen plan."}]})
    move_days(2)
    await w.post("underrattelse", {"krav_ids": w.krav_ids[1:], "svar_senast": "2026-12-28",
                                   "deadline": "2027-03-01",
                                   "vite_sek": 50000}, role="jurist")
    r = await client.get(f"/api/cases/{w.case_id}/diarium", headers=bearer(tokens["jurist"]))
    assert r.status_code == 200
    rows = [(e["number"].rsplit("-", 1)[1], e["date"], e["direction"], e["kind"])
            for e in r.json()]
    assert rows == [("1", "2026-11-23", "ut", "inspektionsmeddelande"),
                    ("2", "2026-11-25", "in", "ovrigt"),
                    ("3", "2026-12-01", "in", "svar"),
                    ("4", "2026-12-03", "ut", "underrattelse")]
    assert r.json()[3]["description"].endswith("vite 50\u00a0000\u00a0kr")  # as the letter
    entry = r.json()[1]
    assert entry["counterpart"] == "Huvudskyddsombudet"
    assert entry["files"][0]["name"] == "synpunkter.png"
    assert entry["handling_id"] == late_reg.json()["id"]
    assert (await client.get(f"/api/cases/{w.case_id}/diarium",
                             headers=bearer(tokens["insp_nord"]))).status_code == 403
    pdf = await client.get(f"/api/cases/{w.case_id}/diarium.pdf", headers=bearer(tok))
    assert pdf.status_code == 200 and pdf.headers["content-type"].startswith("application/pdf")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    for e in r.json():
        assert e["number"] in text and e["date"] in text  # neither split over two lines
    assert "Skyddsombudets synpunkter" in text and "synpunkter.png" in text
    assert "Inspektionsmeddelande" in text and text.count("Brevet (PDF)") == 2
