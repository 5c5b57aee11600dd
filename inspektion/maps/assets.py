"""Leaflet served from the package, never from a CDN.

Folium's defaults point at several CDNs (Leaflet, jQuery, Bootstrap, Font Awesome). The maps
use nothing but Leaflet, so the map's list of scripts is replaced by the vendored copy: linked
under /static/maps/ when the app serves the page, inlined when a file must work on its own.
"""

from __future__ import annotations

import base64
import re
from functools import lru_cache
from pathlib import Path

STATIC_DIR = Path(__file__).resolve().parent / "static"
STATIC_URL = "/static/maps"
_JS_MARK = "inspektion-inline-leaflet.js"
_CSS_MARK = "inspektion-inline-leaflet.css"


def links(inline: bool) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(default_js, default_css) for a Folium map: app URLs, or markers replaced by `inline`."""
    if inline:
        return [("leaflet", _JS_MARK)], [("leaflet_css", _CSS_MARK)]
    return ([("leaflet", f"{STATIC_URL}/leaflet.js")],
            [("leaflet_css", f"{STATIC_URL}/leaflet.css")])


@lru_cache(maxsize=1)
def _inline_js() -> str:
    return (STATIC_DIR / "leaflet.js").read_text(encoding="utf-8").replace("</script", "<\\/script")


@lru_cache(maxsize=1)
def _inline_css() -> str:
    css = (STATIC_DIR / "leaflet.css").read_text(encoding="utf-8")

    def data_uri(match: re.Match[str]) -> str:
        data = (STATIC_DIR / "images" / match.group(1)).read_bytes()
        return f"url(data:image/png;base64,{base64.b64encode(data).decode('ascii')})"

    return re.sub(r"url\(images/([\w.-]+\.png)\)", data_uri, css)


def inline(html: str) -> str:
    """Put the vendored Leaflet into a page rendered with `links(inline=True)`."""
    html = re.sub(r'<script src="' + re.escape(_JS_MARK) + r'"></script>',
                  lambda _: "<script>" + _inline_js() + "</script>", html)
    return re.sub(r'<link rel="stylesheet" href="' + re.escape(_CSS_MARK) + r'"/>',
                  lambda _: "<style>" + _inline_css() + "</style>", html)
