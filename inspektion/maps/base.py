"""The frame every map shares: no tiles by default, local Leaflet, attribution, panels.

A plain background instead of a tile server keeps the map offline and honest (the tool has
no street data to show); INSPEKTION_TILE_URL adds a tile layer for those who run one.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import folium
from branca.element import Element, MacroElement
from jinja2 import Environment, FileSystemLoader, Template
from markupsafe import Markup, escape

from inspektion.csp_policy import policy_for
from inspektion.maps import assets
from inspektion.maps.geometry import SWEDEN_BOUNDS

ATTRIBUTION = "Kommungränser: bearbetade från SCB:s öppna data (CC0)"
TILE_ATTRIBUTION = "Bakgrundskarta enligt INSPEKTION_TILE_URL"

PAGE_CSS = """
<style>
  .folium-map.leaflet-container { background: #d4e3ee; }
  .ik-panel { position: fixed; z-index: 1000; background: rgba(255,255,255,.94);
    border: 1px solid #9aa5b1; border-radius: 6px; padding: 8px 10px; color: #1f2933;
    box-shadow: 0 1px 4px rgba(0,0,0,.2); max-width: 330px; font: 13px/1.35 system-ui, sans-serif; }
  .ik-panel h2 { font-size: 15px; margin: 0 0 4px; }
  .ik-panel h3 { font-size: 13px; margin: 8px 0 3px; }
  .ik-panel table { border-collapse: collapse; width: 100%; }
  .ik-panel td { padding: 1px 4px 1px 0; white-space: nowrap; }
  .ik-panel td.n { text-align: right; }
  #ik-legend td:first-child { white-space: normal; }  /* a long state wraps; counts stay in */
  .ik-top { top: 10px; right: 10px; }
  .ik-bottom { bottom: 26px; right: 10px; }
  /* The panels share one column at the right: they can never cover each other, and the
     column scrolls instead of running under the attribution or off a phone's screen. */
  .ik-side { position: fixed; z-index: 1000; top: 10px; right: 10px; bottom: 30px;
    width: 330px; max-width: calc(100vw - 190px); display: flex; flex-direction: column;
    gap: 8px; overflow-y: auto; pointer-events: none; }
  .ik-side > .ik-panel { position: static; pointer-events: auto; max-width: none; }
  .ik-side > .ik-panel:last-child { margin-bottom: auto; }
  .leaflet-control-layers { font-size: 12px; }
  .leaflet-control-layers-list { max-height: 40vh; overflow-y: auto; }
  .ik-swatch { display: inline-block; width: 14px; height: 12px; border: 1px solid #555;
    vertical-align: middle; margin-right: 6px; }
  .ik-bar { background: #d9e2ec; height: 6px; width: 90px; border-radius: 3px; }
  .ik-bar > div { background: #1f6fb2; height: 6px; border-radius: 3px; max-width: 100%; }
  .ik-note { font-size: 11px; color: #52606d; white-space: normal; margin-top: 4px; }
  @media (max-width: 700px) { .ik-panel { max-width: 46vw; font-size: 11px; }
    .ik-side { max-width: calc(100vw - 150px); width: auto; bottom: 64px; }
    .leaflet-control-attribution { max-width: calc(100vw - 150px); white-space: normal; }
    .ik-panel td { white-space: normal; }
    .ik-bar { width: 44px; }
    .ik-side > .ik-panel { overflow-x: auto; }
    .leaflet-control-layers { font-size: 11px; max-width: 120px; } }
</style>
"""


class _Attribution(MacroElement):
    """Adds the boundary layer's attribution to Leaflet's attribution control."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.text_js }});
        {% endmacro %}
    """)

    def __init__(self, text: str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "Attribution"
        self.text_js = json.dumps(text, ensure_ascii=False).replace("</", "<\\/")


class _MetricScale(MacroElement):
    """A scale bar in metres and kilometres only (Leaflet's default adds miles and feet)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            L.control.scale({metric: true, imperial: false, maxWidth: 120})
                .addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "MetricScale"


def base_map(title: str, inline: bool, tile_url: str | None,
             bounds: list[list[float]] | None = None) -> folium.Map:
    """`bounds` fits the view (a coordinator's region); otherwise the whole country."""
    m = folium.Map(location=[62.5, 16.5], zoom_start=5, tiles=None, control_scale=False,
                   zoom_snap=0.1)
    _MetricScale().add_to(m)
    js, css = assets.links(inline)
    m.default_js, m.default_css = js, css
    if tile_url:
        folium.TileLayer(tiles=tile_url, attr=TILE_ATTRIBUTION, name="Bakgrundskarta",
                         overlay=False, control=False).add_to(m)
    m.fit_bounds(bounds or SWEDEN_BOUNDS, padding=(10, 10))
    root: Any = m.get_root()
    root.title = str(escape(title))  # Folium writes the title into <title> as it is
    root.header.add_child(Element(PAGE_CSS), name="ik_css")
    _Attribution(ATTRIBUTION).add_to(m)
    return m


def add_panel(m: folium.Map, css_class: str, inner_html: Markup) -> None:
    """A fixed panel on the page; `inner_html` comes from `panel` (escaped by its template)."""
    root: Any = m.get_root()
    root.html.add_child(Element(str(Markup('<div class="ik-panel {}">{}</div>').format(
        css_class, inner_html))))


def add_side_panels(m: folium.Map, *inner_html: Markup) -> None:
    """Panels stacked in one column at the right (see .ik-side): they never overlap."""
    root: Any = m.get_root()
    boxes = Markup("").join(Markup('<div class="ik-panel">{}</div>').format(h)
                            for h in inner_html)
    # The column scrolls when the panels are taller than the window: focusable, so the
    # keyboard can scroll it too (axe: scrollable-region-focusable).
    root.html.add_child(Element(str(Markup(
        '<div class="ik-side" tabindex="0" role="region" aria-label="Kartans siffror och '
        'förklaring">{}</div>').format(boxes))))


def esc(value: Any) -> str:
    """For the few places Folium takes HTML as a plain string (layer names)."""
    return str(escape(value))


def pct(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)} %" if whole else "–"


def _width(part: int, whole: int) -> int:
    return min(100, round(100 * part / whole)) if whole else 0


def _share(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100)} %"


@cache
def _panels() -> Any:
    env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                      autoescape=True, keep_trailing_newline=False)
    env.globals.update(pct=pct, width=_width, share=_share)
    return env.get_template("panels.html").module


def panel(name: str, *args: Any) -> Markup:
    """One macro of templates/panels.html, rendered with autoescape."""
    return Markup(getattr(_panels(), name)(*args))


_FOLIUM_VIEWPORT = re.compile(r'<meta name="viewport"[^>]*>')
_ACCESSIBLE_VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1.0" />'


def render(m: folium.Map, inline: bool, tile_url: str | None = None) -> str:
    """The page in Swedish, and zoomable: Folium's template has no `lang` and forbids
    pinch-zoom (`user-scalable=no`), which WCAG 2.1 (1.4.4, 3.1.1) does not allow.

    The page carries its own Content-Security-Policy (a <meta> tag, so a saved file keeps
    it): only the scripts it was rendered with may run, each named by its SHA-256.
    """
    page: str = m.get_root().render()
    page = page.replace("<html>", '<html lang="sv">', 1)
    page = _FOLIUM_VIEWPORT.sub(_ACCESSIBLE_VIEWPORT, page, count=1)
    if inline:
        page = assets.inline(page)
    policy = content_security_policy(page, tile_url).replace("; frame-ancestors 'self'", "")
    meta = str(Markup('<meta http-equiv="Content-Security-Policy" content="{}" />').format(
        policy))
    return page.replace("<head>", "<head>\n    " + meta, 1)


def content_security_policy(page: str, tile_url: str | None = None) -> str:
    """The map page's CSP (`inspektion.csp_policy`): its own inline scripts by hash, Leaflet
    from the app, tiles from INSPEKTION_TILE_URL's host when one is set, nothing else.

    An injected <script> (a campaign named `</title><script>…`) has no hash here and does not
    run, even if an escape were ever missed.
    """
    tiles = ""
    if tile_url:
        found = re.match(r"^(https?://[^/{}]+)", tile_url.replace("{s}", "*"))
        tiles = " " + found.group(1) if found else ""
    return policy_for(page, tiles)


def feature(geometry: dict[str, Any], properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "properties": properties, "geometry": geometry}
