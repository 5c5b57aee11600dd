"""The coverage map: every municipality coloured by where the campaign stands there.

One GeoJSON layer per region, so the layer control doubles as a region filter; region borders
on top; the legend counts municipalities per state and the target panel shows reached /
target per region and for the country (with the final report's figure beside ours, when the
campaign has one).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import folium

from inspektion.maps.base import add_panel, bar, base_map, esc, feature, pct, render
from inspektion.maps.geometry import geometries, group_borders
from inspektion.services.stats_rollup import STATE_LABELS, KommunState, region_key

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


def region_layers(m: folium.Map, rows: list[dict[str, Any]], fixtures: Path,
                  style_of: Any, fields: list[str], aliases: list[str]) -> None:
    """One toggleable layer per region, then the region borders above them."""
    shapes = geometries(fixtures)
    for region in sorted({r["region"] for r in rows}, key=region_key):
        members = [feature(shapes[r["kommunkod"]], {**r, "style": style_of(r)})
                   for r in rows if r["region"] == region and r["kommunkod"] in shapes]
        folium.GeoJson(
            {"type": "FeatureCollection", "features": members}, name=esc(region),
            tooltip=folium.GeoJsonTooltip(fields=fields, aliases=aliases, sticky=True),
            zoom_on_click=False, control=True, overlay=True, show=True,
        ).add_to(m)
    borders = group_borders(fixtures, {r["kommunkod"]: r["region"] for r in rows})
    folium.GeoJson({"type": "FeatureCollection",
                    "features": [feature(borders, {"style": BORDER_STYLE})]},
                   name="Regiongränser", interactive=False, control=True).add_to(m)
    folium.LayerControl(position="topleft", collapsed=False).add_to(m)


def _target_panel(view: dict[str, Any]) -> str:
    nat, c = view["national"], view["campaign"]
    reported = (f" (rapporterat: {nat['reported_reached']})"
                if nat.get("reported_reached") is not None else "")
    rows = "".join(
        f'<tr><td>{esc(r["region"])}</td><td class="n">{r["reached"]}/{r["target"]}</td>'
        f'<td>{bar(r["reached"], r["target"])}</td><td class="n">'
        f'{pct(r["reached"], r["target"])}</td>'
        + (f'<td class="n" title="Rapporterat">({r["reported_reached"]})</td>'
           if r.get("reported_reached") is not None else "<td></td>") + "</tr>"
        for r in view["regions"])
    note = f'<div class="ik-note">{esc(view["note"])}</div>' if view.get("note") else ""
    return (f'<h2>{esc(c["name"])}</h2><div>Läget {esc(view["as_of"])}</div>'
            f'<h3>Nådda kommuner mot mål</h3>'
            f'<div id="ik-national"><b>Riket: {nat["reached"]} av {nat["target"]}</b> '
            f'({pct(nat["reached"], nat["target"])} av målet, {nat["kommuner"]} kommuner)'
            f'{esc(reported)}</div>'
            f'<table id="ik-targets"><tr><td><i>Region</i></td><td class="n"><i>nådda/mål</i>'
            f'</td><td></td><td></td><td class="n"><i>rapp.</i></td></tr>{rows}</table>{note}')


def _legend(view: dict[str, Any]) -> str:
    items = "".join(
        f'<tr data-state="{s.value}"><td><span class="ik-swatch" style="background:'
        f'{STATE_COLOURS[s.value]}"></span>{esc(STATE_LABELS[s])}</td>'
        f'<td class="n">{view["state_counts"][s.value]}</td></tr>' for s in KommunState)
    return f'<h3 style="margin-top:0">Läge per kommun</h3><table id="ik-legend">{items}</table>'


def render_coverage(view: dict[str, Any], fixtures: Path, inline: bool = False,
                    tile_url: str | None = None) -> str:
    """The page as HTML; `inline` puts Leaflet into it so the file works on its own."""
    m = base_map(f"Täckningskarta – {view['campaign']['name']}", inline, tile_url)
    region_layers(m, view["kommuner"], fixtures, lambda r: _style(r["state"]),
                  TOOLTIP_FIELDS, TOOLTIP_ALIASES)
    add_panel(m, "ik-top", _target_panel(view))
    add_panel(m, "ik-bottom", _legend(view))
    return render(m, inline)
