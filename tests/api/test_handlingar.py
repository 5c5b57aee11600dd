"""Inkomna handlingar over HTTP: register with files, download, refuse what must be refused."""

from __future__ import annotations

import asyncio
import hashlib
import io
import zipfile
from typing import Any

from tests.support import Walker, bearer, move_days

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + bytes(range(256)) * 4
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(200)
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(100) + b"\xff\xd9"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def ooxml(main: str, part: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   f'package/2006/content-types"><Override PartName="/{part}" '
                   f'ContentType="{main}"/></Types>')
        z.writestr(part, "<x/>")
    return buf.getvalue()


DOCX_BYTES = ooxml("application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                   ".main+xml", "word/document.xml")
XLSX_BYTES = ooxml("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                   "xl/workbook.xml")


def form(kind: str = "svar", received: str = "2026-12-01", sender: str = "Malmö stad",
         description: str = "Svar på inspektionsmeddelandet", **more: str) -> dict[str, str]:
    return {"kind": kind, "received": received, "sender": sender,
            "description": description, **more}


async def register(client: Any, token: str, case_id: int, data: dict[str, str],
                   files: list[tuple[str, bytes]] | None = None) -> Any:
    parts = [("file", (name, body, "application/octet-stream")) for name, body in files or []]
    # With no file, a browser still sends the empty file input (no file name): multipart.
    return await client.post(f"/api/cases/{case_id}/handlingar", data=data,
                             files=parts or [("file", ("", b"", "application/octet-stream"))],
                             headers=bearer(token))


async def answered_case(client: Any, tokens: dict[str, str], campaign_id: int) -> Walker:
    w = Walker(client, tokens, campaign_id)
    await w.open()
    await w.to_meddelande(n_krav=2, days=30)
    move_days(8)  # 2026-12-01
    return w


async def test_round_trip_bytes_and_sha256(client: Any, tokens: dict[str, str],
                                           campaign_id: int) -> None:
    w = await answered_case(client, tokens, campaign_id)
    files = [("svar åäö.pdf", PDF_BYTES), ("foto.png", PNG_BYTES), ("bild.JPG", JPEG_BYTES),
             ("rutin.docx", DOCX_BYTES), ("plan.xlsx", XLSX_BYTES)]
    r = await register(client, tokens["inspektor"], w.case_id, form(), files)
    assert r.status_code == 201, r.text
    out = r.json()
    letter_number = w.documents[0]["number"]
    assert out["number"] == letter_number.rsplit("-", 1)[0] + "-2"
    assert [f["name"] for f in out["files"]] == [
        "svar åäö.pdf", "foto.png", "bild.jpg", "rutin.docx", "plan.xlsx"]
    for n, (_, body) in enumerate(files, start=1):
        got = await client.get(f"/api/cases/{w.case_id}/handlingar/{out['id']}/filer/{n}",
                               headers=bearer(tokens["jurist"]))
        assert got.status_code == 200
        assert got.content == body
        assert hashlib.sha256(got.content).hexdigest() == out["files"][n - 1]["sha256"]
        assert got.headers["x-content-type-options"] == "nosniff"
        assert got.headers["content-disposition"].startswith("attachment;")
    first = await client.get(f"/api/cases/{w.case_id}/handlingar/{out['id']}/filer/1",
                             headers=bearer(tokens["inspektor"]))
    assert first.headers["content-type"].startswith("application/pdf")
    assert "filename*=UTF-8''svar%20%C3%A5%C3%A4%C3%B6.pdf" in first.headers[
        "content-disposition"]
    listed = await client.get(f"/api/cases/{w.case_id}/handlingar",
                              headers=bearer(tokens["samordnare"]))
    assert listed.status_code == 200
    assert listed.json()[0]["number"] == out["number"]
    assert listed.json()[0]["answers_number"] == letter_number
    trail = await client.get(f"/api/cases/{w.case_id}/audit", headers=bearer(tokens["jurist"]))
    event = [e for e in trail.json() if e["action"] == "handling.register"]
    assert len(event) == 1 and event[0]["details"]["files"][0]["sha256"] == out["files"][0][
        "sha256"]


async def test_html_named_pdf_is_refused(client: Any, tokens: dict[str, str],
                                         campaign_id: int) -> None:
    w = await answered_case(client, tokens, campaign_id)
    r = await register(client, tokens["inspektor"], w.case_id, form(), [("svar.pdf", HTML)])
    assert r.status_code == 400, r.text
    assert r.json()["field"] == "file" and "innehållet" in r.json()["detail"]
    assert "filen 'svar.pdf' är inte" in r.json()["detail"]  # the name as sent
    listed = await client.get(f"/api/cases/{w.case_id}/handlingar",
                              headers=bearer(tokens["inspektor"]))
    assert listed.json() == []


async def test_file_over_the_cap_gets_413_in_swedish(client: Any, tokens: dict[str, str],
                                                     campaign_id: int, monkeypatch: Any) -> None:
    monkeypatch.setenv("INSPEKTION_MAX_FILE_MB", "1")
    w = await answered_case(client, tokens, campaign_id)
    big = b"%PDF-1.7\n" + b"0" * 1_000_001
    r = await register(client, tokens["inspektor"], w.case_id, form(), [("stor.pdf", big)])
    assert r.status_code == 413, r.text
    assert "Filen 'stor.pdf' är större än 1 MB" in r.json()["detail"]
    listed = await client.get(f"/api/cases/{w.case_id}/handlingar",
                              headers=bearer(tokens["inspektor"]))
    assert listed.json() == []  # nothing half-written


async def test_other_regions_inspector_gets_403(client: Any, tokens: dict[str, str],
                                                campaign_id: int) -> None:
    w = await answered_case(client, tokens, campaign_id)
    ok = await register(client, tokens["inspektor"], w.case_id, form(), [("a.pdf", PDF_BYTES)])
    hid = ok.json()["id"]
    nord = tokens["insp_nord"]
    assert (await register(client, nord, w.case_id, form())).status_code == 403
    assert (await client.get(f"/api/cases/{w.case_id}/handlingar",
                             headers=bearer(nord))).status_code == 403
    assert (await client.get(f"/api/cases/{w.case_id}/handlingar/{hid}/filer/1",
                             headers=bearer(nord))).status_code == 403
    # A samordnare reads, but registering is for inspektör and jurist.
    assert (await register(client, tokens["samordnare"], w.case_id, form())).status_code == 403
    assert (await register(client, tokens["jurist"], w.case_id, form())).status_code == 201


async def test_numbering_shared_with_letters_no_gaps_under_concurrency(
        client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = await answered_case(client, tokens, campaign_id)
    results = await asyncio.gather(*[
        register(client, tokens["inspektor"], w.case_id,
                 form(kind="ovrigt", description=f"Bilaga {i}"), [("b.png", PNG_BYTES)])
        for i in range(20)])
    assert all(r.status_code == 201 for r in results), [r.text for r in results]
    seqs = sorted(int(r.json()["number"].rsplit("-", 1)[1]) for r in results)
    assert seqs == list(range(2, 22))  # 1 is the inspektionsmeddelande
    under = await w.post("underrattelse", {"krav_ids": w.krav_ids, "svar_senast": "2027-01-20",
                                           "vite_sek": 50000}, role="jurist", expect=409)
    assert under  # krav not yet assessed: the letter is refused; the series is untouched
    detail = await w.detail()
    w.version = detail["version"]
    await w.post("svar", {"received": "2026-12-01", "assessments": [
        {"krav_id": w.krav_ids[0], "outcome": "ej_uppfyllt", "motivering": "Ingen plan."}]})
    letter = await w.post("underrattelse", {"krav_ids": w.krav_ids[:1],
                                            "svar_senast": "2027-01-20", "vite_sek": 50000,
                                            "deadline": "2027-03-31"},
                          role="jurist")
    assert letter["document"]["number"].endswith("-23")  # svar registered as 22


async def test_attacker_inputs(client: Any, tokens: dict[str, str], campaign_id: int) -> None:
    w = await answered_case(client, tokens, campaign_id)
    tok = tokens["inspektor"]
    long = "Å" * 1000 + ".pdf"
    r = await register(client, tok, w.case_id, form(), [(long, PDF_BYTES)])
    assert r.status_code == 201, r.text
    name = r.json()["files"][0]["name"]
    assert len(name) <= 120 and name.endswith(".pdf")
    huge = await register(client, tok, w.case_id, form(), [("A" * 20000 + ".pdf", PDF_BYTES)])
    assert huge.status_code == 400 and "för stor" in huge.json()["detail"]
    r = await register(client, tok, w.case_id, form(kind="ovrigt"),
                       [("../../etc/passwd.png", PNG_BYTES), ("..\\..\\x\r\n\";.pdf", PDF_BYTES)])
    assert r.status_code == 201
    names = [f["name"] for f in r.json()["files"]]
    assert names[0] == "passwd.png" and "/" not in names[1] and "\\" not in names[1]
    got = await client.get(f"/api/cases/{w.case_id}/handlingar/{r.json()['id']}/filer/2",
                           headers=bearer(tok))
    assert "\r" not in got.headers["content-disposition"]
    assert (await register(client, tok, w.case_id, form(), [("tom.pdf", b"")])).status_code == 400
    polyglot = HTML + b"\n%PDF-1.4\n"  # HTML first, a PDF tail: not a PDF
    assert (await register(client, tok, w.case_id, form(),
                           [("p.pdf", polyglot)])).status_code == 400
    zip_html = io.BytesIO()
    with zipfile.ZipFile(zip_html, "w") as z:
        z.writestr("index.html", HTML)
    assert (await register(client, tok, w.case_id, form(),
                           [("x.docx", zip_html.getvalue())])).status_code == 400
    png_as_pdf = await register(client, tok, w.case_id, form(), [("bild.pdf", PNG_BYTES)])
    assert png_as_pdf.status_code == 400 and "PNG" in png_as_pdf.json()["detail"]
    many = [(f"f{i}.png", PNG_BYTES) for i in range(11)]
    assert (await register(client, tok, w.case_id, form(), many)).status_code == 400
    wrong = await register(client, tok, w.case_id, form(kind="brev"))
    assert wrong.status_code == 400 and wrong.json()["field"] == "kind"
    future = await register(client, tok, w.case_id, form(received="2026-12-02"))
    assert future.status_code == 400 and future.json()["field"] == "received"
    early = await register(client, tok, w.case_id, form(received="2026-11-22"))
    assert early.status_code == 400 and early.json()["field"] == "received"
    nosender = await register(client, tok, w.case_id, form(sender="  "))
    assert nosender.status_code == 400 and nosender.json()["field"] == "sender"
    no_letter = await register(client, tok, w.case_id, form(kind="yttrande"))
    assert no_letter.status_code == 409
    missing = await client.get(f"/api/cases/{w.case_id}/handlingar/999999/filer/1",
                               headers=bearer(tok))
    assert missing.status_code == 404
    control = await register(client, tok, w.case_id, form(sender="Malmö\x00stad"))
    assert control.status_code == 400 and control.json()["field"] == "sender"
    broken = await client.post(f"/api/cases/{w.case_id}/handlingar",
                               content=b"------x\r\nContent-Disposition: form-data; name=\"kind\"",
                               headers={**bearer(tok),
                                        "content-type": "multipart/form-data; boundary=--x"})
    assert broken.status_code == 400 and "kunde inte tolkas" in broken.json()["detail"]
    as_json = await client.post(f"/api/cases/{w.case_id}/handlingar", json=form(),
                                headers=bearer(tok))
    assert as_json.status_code == 400 and "multipart" in as_json.json()["detail"]
    twice = await client.post(f"/api/cases/{w.case_id}/handlingar",
                              data={**form(), "kind": ["svar", "ovrigt"]},
                              files=[("file", ("a.pdf", PDF_BYTES, "application/pdf"))],
                              headers=bearer(tok))
    assert twice.status_code == 400 and twice.json()["field"] == "kind"
