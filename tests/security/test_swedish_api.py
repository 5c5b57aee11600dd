"""Every message the API can answer with is Swedish, the framework's and msgspec's included."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from tests.support import bearer

ENGLISH = re.compile(r"\b(invalid|expected|malformed|missing|required|object|validation|"
                     r"failed|field|encoded|truncated|unknown|not found|allowed|got|length)\b",
                     re.IGNORECASE)

CASES: list[tuple[str, str, Any, dict[str, str]]] = [
    ("POST", "/api/cases", b'{"campaign_id": ', {"Content-Type": "application/json"}),
    ("POST", "/api/cases", b"null", {"Content-Type": "application/json"}),
    ("POST", "/api/cases", b"[1, 2]", {"Content-Type": "application/json"}),
    ("POST", "/api/cases", b"", {"Content-Type": "application/json"}),
    ("POST", "/api/cases", b"\xff\xfe", {"Content-Type": "application/json"}),
    ("POST", "/api/cases", b'{"campaign_id": "x"}', {"Content-Type": "application/json"}),
    ("POST", "/api/cases", b'{"campaign_id": 1, "kommunkod": "12", "arbetsstalle": "X", '
                           b'"method": "x"}', {"Content-Type": "application/json"}),
    ("POST", "/api/cases/1/formote", b'{"date": "2026-13-45"}',
     {"Content-Type": "application/json"}),
    ("POST", "/api/cases/1/formote", '{"date": "igår"}'.encode(),
     {"Content-Type": "application/json"}),
    ("POST", "/api/cases/1/formote", b'{"date": "2026-11-23", "okant": 1}',
     {"Content-Type": "application/json"}),
    ("POST", "/api/cases/1/formote", b'{"date": "2026-11-23", "version": 0}',
     {"Content-Type": "application/json"}),
    ("POST", "/api/users", b'{"username": "", "password": "x", "role": "admin"}',
     {"Content-Type": "application/json"}),
    ("GET", "/api/cases?limit=abc", None, {}),
    ("GET", "/api/cases?cursor=-", None, {}),
    ("GET", "/api/cases/abc", None, {}),
    ("DELETE", "/api/cases", None, {}),
    ("GET", "/api/finns-inte", None, {}),
    ("GET", "/api/cases/1/preview/inspektionsmeddelande?svar_senast=imorgon", None, {}),
]


@pytest.mark.parametrize(("method", "path", "body", "headers"), CASES)
async def test_the_api_answers_in_swedish(client: Any, tokens: dict[str, str], method: str,
                                          path: str, body: Any, headers: dict[str, str]) -> None:
    token = tokens["admin"] if path.startswith("/api/users") else tokens["inspektor"]
    r = await client.request(method, path, content=body,
                             headers={**bearer(token), **headers})
    assert 400 <= r.status_code < 500, r.text
    said = r.json()
    text = json.dumps({k: v for k, v in said.items() if k != "field"}, ensure_ascii=False)
    for problem in said.get("extra") or []:
        if isinstance(problem, dict):
            problem.pop("key", None)
            problem.pop("source", None)
    words = ENGLISH.findall(json.dumps([said.get("detail"), said.get("extra")],
                                       ensure_ascii=False))
    assert not words, text
