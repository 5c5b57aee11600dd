"""The coverage map: every municipality coloured by where the campaign stands there.

One GeoJSON layer per region, so the layer control doubles as a region filter; region borders
on top; the legend counts municipalities per state and the target panel shows reached /
target per region and for the country (with the final report's figure beside ours, when the
campaign has one).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import folium
from branca.element import MacroElement
from jinja2 import Template

from inspektion.domain.coverage import STATE_LABELS, KommunState, region_key
from inspektion.maps.base import add_side_panels, base_map, esc, feature, panel, render
from inspektion.maps.geometry import bounds_of, geometries, group_borders
from inspektion.maps.model import CoverageView, Row

STATE_COLOURS = {
    KommunState.EJ_BESOKT.value: "#f5f5f0",
    KommunState.PLANERAD.value: "#c6dbef",
    KommunState.PAGAENDE.value: "#4a90c8",
    KommunState.MEDDELANDE.value: "#f6a04d",
    KommunState.ESKALERAD.value: "#d7191c",
    KommunState.AVSLUTAD.value: "#2e9e5b",
}
TOOLTIP_FIELDS = ["namn", "lan", "region", "cases", "visits", "state_label", "open_krav"]
TOOLTIP_ALIASES = ["Kommun", "Län", "Region", "Ärenden", "Besök", "Läge", "Öppna krav"]
BORDER_STYLE = {"color": "#1f2933", "weight": 2.2, "opacity": 0.9}


def _style(state: str) -> dict[str, Any]:
    return {"fillColor": STATE_COLOURS[state], "color": "#7b8794", "weight": 0.5,
            "fillOpacity": 0.85}


def region_layers(m: folium.Map, rows: Sequence[Row], fixtures: Path,
                  style_of: Any, fields: list[str], aliases: list[str],
                  kommun_url: str | None = None) -> None:
    """One toggleable layer per region, then the region borders above them."""
    shapes = geometries(fixtures)
    for region in sorted({r["region"] for r in rows}, key=region_key):
        members = [feature(shapes[r["kommunkod"]], {**r, "style": style_of(r)})
                   for r in rows if r["region"] == region and r["kommunkod"] in shapes]
        layer = folium.GeoJson(
            {"type": "FeatureCollection", "features": members}, name=esc(region),
            tooltip=folium.GeoJsonTooltip(fields=fields, aliases=aliases, sticky=True),
            zoom_on_click=False, control=True, overlay=True, show=True,
        ).add_to(m)
        if kommun_url:
            _KommunLinks(kommun_url).add_to(layer)
    borders = group_borders(fixtures, {r["kommunkod"]: r["region"] for r in rows})
    folium.GeoJson({"type": "FeatureCollection",
                    "features": [feature(borders, {"style": BORDER_STYLE})]},
                   name="Regiongränser", interactive=False, control=True).add_to(m)
    folium.LayerControl(position="topleft", collapsed=False).add_to(m)


def _legend_items(view: CoverageView) -> list[tuple[str, str, str, int]]:
    return [(s.value, STATE_COLOURS[s.value], STATE_LABELS[s], view.state_counts[s.value])
            for s in KommunState]


class _KommunLinks(MacroElement):
    """A click on a municipality opens the list of its cases (in the page around the map)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            {{ this._parent.get_name() }}.eachLayer(function (layer) {
                if (!layer.feature || !layer.feature.properties.kommunkod) { return; }
                layer.on("click", function () {
                    var url = {{ this.base_js }} + encodeURIComponent(
                        layer.feature.properties.kommunkod) + "#arenden";
                    (window.top || window).location.href = url;
                });
            });
        {% endmacro %}
    """)

    def __init__(self, base_url: str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "KommunLinks"
        self.base_js = json.dumps(base_url).replace("</", "<\\/")


def render_coverage(view: CoverageView, fixtures: Path, inline: bool = False,
                    tile_url: str | None = None, region: str | None = None,
                    kommun_url: str | None = None) -> str:
    """The page as HTML; `inline` puts Leaflet into it so the file works on its own.

    `region` fits the view to that region's municipalities (the coordinator's); with
    `kommun_url` a click on a municipality goes to that address plus its kommunkod.
    """
    bounds = bounds_of(fixtures, [r["kommunkod"] for r in view.kommuner
                                  if r["region"] == region]) if region else None
    m = base_map(f"Täckningskarta – {view.campaign['name']}", inline, tile_url, bounds)
    region_layers(m, view.kommuner, fixtures, lambda r: _style(r["state"]),
                  TOOLTIP_FIELDS, TOOLTIP_ALIASES, kommun_url)
    add_side_panels(m, panel("coverage_top", view),
                    panel("coverage_legend", _legend_items(view)))
    return render(m, inline, tile_url)
