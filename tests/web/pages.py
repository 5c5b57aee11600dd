"""Helpers for page tests: log in through the login form, read the CSRF token of a page."""

from __future__ import annotations

import re
from typing import Any

from tests.support import PASSWORD

CSRF = re.compile(r'name="csrf-token" content="([^"]*)"')


def csrf_of(html: str) -> str:
    found = CSRF.search(html)
    assert found, "the page carries no CSRF token"
    return found.group(1)


async def login(client: Any, username: str, password: str = PASSWORD) -> Any:
    page = await client.get("/logga-in")
    r = await client.post("/logga-in", data={"_csrf": csrf_of(page.text), "username": username,
                                             "password": password})
    return r


async def token_for(client: Any, path: str) -> str:
    r = await client.get(path)
    assert r.status_code == 200, (path, r.status_code, r.text[-800:])
    return csrf_of(r.text)


async def post_form(client: Any, path: str, data: dict[str, Any], page: str | None = None) -> Any:
    """Post a form as the browser would: with the token of the page the form is on."""
    token = await token_for(client, page or path)
    return await client.post(path, data={"_csrf": token, **data})
