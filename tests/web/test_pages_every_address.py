"""Every address answers a person in Swedish: wrong addresses, wrong methods, missing files,
the API documentation without internet, and a favicon."""

from __future__ import annotations

import re
from typing import Any

from tests.web.pages import login


async def test_unknown_address_is_a_swedish_page_not_json(client: Any) -> None:
    r = await client.get("/finnsinte")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "Sidan finns inte" in r.text and '<html lang="sv">' in r.text
    assert "Påminnelser" not in r.text


async def test_error_pages_show_no_empty_reminder_box(client: Any) -> None:
    await login(client, "insp")
    r = await client.get("/arenden/finns/inte/alls")
    assert r.status_code == 404 and "Sidan finns inte" in r.text and 'href="/"' in r.text
    refused = await client.get("/arenden/999999")
    assert refused.status_code == 404 and "Logga ut" in refused.text
    assert "Påminnelser" not in refused.text


async def test_missing_static_file_is_a_swedish_page(client: Any) -> None:
    r = await client.get("/static/finns-inte.css")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "no file or directory" not in r.text and "Sidan finns inte" in r.text


async def test_wrong_method_on_a_page_is_a_swedish_405_page(client: Any) -> None:
    r = await client.delete("/logga-in")
    assert r.status_code == 405 and r.headers["content-type"].startswith("text/html")
    assert "Det går inte att göra så här" in r.text


async def test_api_errors_stay_json(client: Any) -> None:
    r = await client.get("/api/finns-inte")
    assert r.status_code == 404 and r.json()["detail"] == "Adressen finns inte."


async def test_schema_page_loads_nothing_from_outside(client: Any) -> None:
    r = await client.get("/schema")
    assert r.status_code == 200
    outside = re.findall(r"""(?:src|href)=['"](https?:)?//""", r.text)
    assert outside == [] and "fonts.googleapis" not in r.text and "cdn" not in r.text
    for url in re.findall(r"""(?:src|href)=['"](/[^'"]+)['"]""", r.text):
        asset = await client.get(url)
        assert asset.status_code == 200 and len(asset.content) > 100, url


async def test_favicon(client: Any) -> None:
    r = await client.get("/favicon.ico")
    assert r.status_code == 200 and r.headers["content-type"] == "image/x-icon"
    assert r.content[:4] == b"\x00\x00\x01\x00"
    svg = await client.get("/static/favicon.svg")
    assert svg.status_code == 200 and b"<svg" in svg.content


async def test_an_unexpected_error_is_a_swedish_500_page(client: Any, monkeypatch: Any) -> None:
    from inspektion.services import bevakning

    async def broken(*_: Any, **__: Any) -> Any:
        raise RuntimeError("database gone")

    await login(client, "insp")
    monkeypatch.setattr(bevakning, "calendar", broken)
    r = await client.get("/kalender")
    assert r.status_code == 500 and r.headers["content-type"].startswith("text/html")
    assert "Något gick fel" in r.text and "Inget sparades" in r.text
    assert "RuntimeError" not in r.text and "database gone" not in r.text
    assert "Påminnelser" not in r.text
