"""Who may do what: every endpoint against every role, a missing and a forged token."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support import Walker, bearer

CASE = "/api/cases/{id}"
# (method, path, body, roles that may call it). A role outside the set gets 403.
ALL = {"inspektor", "samordnare", "jurist", "admin"}
CASE_READERS = {"inspektor", "samordnare", "jurist"}
ENDPOINTS: list[tuple[str, str, dict[str, Any] | None, set[str]]] = [
    ("GET", "/api/kommuner", None, ALL),
    ("GET", "/api/regulations", None, ALL),
    ("GET", "/api/krav-templates", None, ALL),
    ("GET", "/api/questionnaire", None, ALL),
    ("GET", "/api/campaigns", None, ALL),
    ("POST", "/api/campaigns", {"name": "X", "start": "2026-01-01", "end": "2026-12-31",
                                "target_share": 0.5}, {"admin", "samordnare"}),
    ("GET", "/api/users", None, {"admin", "samordnare"}),
    ("POST", "/api/users", {"username": "ny", "password": "hemligt", "role": "jurist"},
     {"admin"}),
    ("POST", "/api/regulations/verify", {"citation": "AFS 2015:4 5 §", "source": "lagen.nu"},
     {"jurist"}),
    ("POST", "/api/cases", {"campaign_id": 0, "kommunkod": "1280", "arbetsstalle": "Kontor",
                            "method": "fokusinspektion"}, {"inspektor", "samordnare"}),
    ("GET", "/api/cases", None, CASE_READERS),
    ("GET", CASE, None, CASE_READERS),
    ("GET", CASE + "/audit", None, CASE_READERS),
    ("POST", CASE + "/formote", {"date": "2026-11-23", "participants": []}, {"inspektor"}),
    ("POST", CASE + "/gruppsamtal", {"date": "2026-11-23", "arbetsomrade": "Vuxna",
                                     "responses": [{"1": 3}]}, {"inspektor"}),
    ("POST", CASE + "/aterkoppling", {"date": "2026-11-23"}, {"inspektor"}),
    ("POST", CASE + "/aterkopplande-mote", {"date": "2026-11-23"}, {"inspektor"}),
    ("POST", CASE + "/uppfoljning", {"date": "2026-11-23"}, {"inspektor"}),
    ("POST", CASE + "/krav", {"template_id": "introduktion-rutiner"}, {"inspektor"}),
    ("POST", CASE + "/inspektionsmeddelande", {"svar_senast": "2026-12-30"}, {"inspektor"}),
    ("POST", CASE + "/svar", {"received": "2026-11-23", "assessments": [
        {"krav_id": 1, "outcome": "uppfyllt"}]}, {"inspektor"}),
    ("POST", CASE + "/tillsynsmeddelande", {"svar_senast": "2026-12-30"}, {"inspektor"}),
    ("POST", CASE + "/redovisning", {"received": "2026-11-23"}, {"inspektor"}),
    ("POST", CASE + "/komplettering", {"svar_senast": "2026-12-30", "notes": "mer"},
     {"inspektor"}),
    ("POST", CASE + "/underrattelse", {"krav_ids": [1], "svar_senast": "2026-12-30"},
     {"inspektor", "jurist"}),
    ("POST", CASE + "/forelaggande", {"krav_ids": [1], "deadline": "2027-02-01",
                                      "vite_sek": 10000}, {"jurist"}),
    ("POST", CASE + "/delgivning", {"document_id": 1, "date": "2026-11-23",
                                    "method": "vanlig"}, {"inspektor", "jurist"}),
    ("POST", CASE + "/utdomande", {}, {"jurist"}),
    ("POST", CASE + "/assign", {"inspektor1": "insp"}, {"samordnare"}),
    ("POST", CASE + "/forslag", {"text": "Underrättelse med vite"}, {"inspektor"}),
    ("POST", CASE + "/close", {}, {"inspektor"}),
    ("GET", "/api/documents/1/pdf", None, CASE_READERS),
    ("GET", CASE + "/preview/inspektionsmeddelande", None, {"inspektor"}),
]
IDS = [f"{m} {p}" for m, p, _, _ in ENDPOINTS]


async def _call(client: Any, method: str, path: str, body: dict[str, Any] | None,
                headers: dict[str, str]) -> Any:
    if method == "GET":
        return await client.get(path, headers=headers)
    return await client.post(path, json=body, headers=headers)


@pytest.fixture
async def case_id(client: Any, tokens: dict[str, str], campaign_id: int) -> int:
    w = Walker(client, tokens, campaign_id)
    await w.open()
    return w.case_id


async def _case_state(client: Any, tokens: dict[str, str], case_id: int) -> tuple[int, int]:
    """(version, audit events) of the case, read by someone who may read it."""
    reader = bearer(tokens["samordnare"])
    case = (await client.get(f"/api/cases/{case_id}", headers=reader)).json()
    trail = (await client.get(f"/api/cases/{case_id}/audit", headers=reader)).json()
    return case["version"], len(trail)


@pytest.mark.parametrize(("method", "path", "body", "allowed"), ENDPOINTS, ids=IDS)
async def test_roles_that_may_not_get_403(client: Any, tokens: dict[str, str], case_id: int,
                                          method: str, path: str, body: dict[str, Any] | None,
                                          allowed: set[str]) -> None:
    """A refused role changes nothing; an allowed role's call is judged by its effect: a
    write on the case that succeeds leaves an audit event, one that is refused leaves none."""
    url = path.format(id=case_id)
    if body is not None:
        body = {**body, "version": 1}
    on_case = method == "POST" and path.startswith(CASE)
    for role in sorted(ALL):
        before = await _case_state(client, tokens, case_id) if on_case else None
        r = await _call(client, method, url, body, bearer(tokens[role]))
        after = await _case_state(client, tokens, case_id) if on_case else None
        if role in allowed:
            assert r.status_code not in (401, 403), (role, r.status_code, r.text)
            assert r.status_code < 500, (role, r.text)
            if on_case and r.status_code < 300:
                assert before and after and after[1] > before[1], (role, "no audit event")
            elif on_case:
                assert after == before, (role, r.status_code, "a refusal changed the case")
            if method == "GET" and r.status_code == 200:
                assert r.content, (role, "an empty answer")
        else:
            assert r.status_code == 403, (role, r.status_code, r.text)
            assert r.json()["detail"]
            assert after == before, (role, "a refused role changed the case")


@pytest.mark.parametrize(("method", "path", "body", "allowed"), ENDPOINTS, ids=IDS)
async def test_missing_or_forged_token_gets_401(client: Any, case_id: int, method: str,
                                                path: str, body: dict[str, Any] | None,
                                                allowed: set[str]) -> None:
    url = path.format(id=case_id)
    for headers in ({}, bearer("forfalskad-token-123"), {"Authorization": "Basic abc"}):
        r = await _call(client, method, url, body, headers)
        assert r.status_code == 401, (headers, r.status_code, r.text)


async def test_other_region_cannot_see_or_change_the_case(client: Any, tokens: dict[str, str],
                                                          case_id: int) -> None:
    for who in ("insp_nord", "samord_nord"):
        r = await client.get(f"/api/cases/{case_id}", headers=bearer(tokens[who]))
        assert r.status_code == 403
    r = await client.post(f"/api/cases/{case_id}/formote", headers=bearer(tokens["insp_nord"]),
                          json={"version": 1, "date": "2026-11-23"})
    assert r.status_code == 403
    listed = await client.get("/api/cases", headers=bearer(tokens["insp_nord"]))
    assert listed.json()["items"] == []


async def test_health_needs_no_login(client: Any) -> None:
    r = await client.get("/health")
    assert r.status_code == 200
    assert r.json()["status"] == "ok" and r.json()["database"] in ("sqlite", "postgresql")
