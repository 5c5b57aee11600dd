"""Where krav of one regulation or effektmål were set: a calibration map between regions.

Coordinators compare how often inspectors in each region reach for the same rule; the map
colours inspected municipalities by how many such krav they got, and a panel gives each
region's share of inspected municipalities with at least one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from inspektion.maps.base import add_panel, base_map, esc, render
from inspektion.maps.coverage import region_layers

NOT_INSPECTED, NONE = "#f5f5f0", "#fde9c4"
STEPS = [(1, "#fdbb84", "1 krav"), (2, "#fc8d59", "2 krav"), (3, "#d7301f", "3 krav eller fler")]
FIELDS = ["namn", "lan", "region", "inspected_label", "krav"]
ALIASES = ["Kommun", "Län", "Region", "Inspekterad", "Krav av valt slag"]


def _colour(row: dict[str, Any]) -> str:
    if not row["inspected"]:
        return NOT_INSPECTED
    colour = NONE
    for least, step_colour, _ in STEPS:
        if row["krav"] >= least:
            colour = step_colour
    return colour


def _share(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100)} %"


def _panel(view: dict[str, Any]) -> str:
    nat = view["national"]
    rows = "".join(
        f'<tr><td>{esc(r["region"])}</td><td class="n">{r["with_krav"]}/{r["inspected"]}</td>'
        f'<td class="n">{_share(r["share"])}</td></tr>' for r in view["regions"])
    legend = "".join(
        f'<tr><td><span class="ik-swatch" style="background:{c}"></span>{esc(t)}</td></tr>'
        for c, t in [(NOT_INSPECTED, "Inte inspekterad"), (NONE, "Inspekterad, inga sådana krav"),
                     *[(c, t) for _, c, t in STEPS]])
    return (f'<h2>{esc(view["campaign"]["name"])}</h2>'
            f'<div>Krav enligt <b>{esc(view["title"])}</b></div>'
            f'<h3>Andel inspekterade kommuner med sådana krav</h3>'
            f'<div id="ik-national"><b>Riket: {nat["with_krav"]} av {nat["inspected"]} '
            f'({_share(nat["share"])})</b></div>'
            f'<table id="ik-shares">{rows}</table><h3>Förklaring</h3><table>{legend}</table>')


def render_krav_map(view: dict[str, Any], fixtures: Path, inline: bool = False,
                    tile_url: str | None = None) -> str:
    m = base_map(f"Krav per kommun – {view['title']}", inline, tile_url)
    rows = [{**r, "inspected_label": "ja" if r["inspected"] else "nej"}
            for r in view["kommuner"]]
    region_layers(m, rows, fixtures, lambda r: {
        "fillColor": _colour(r), "color": "#7b8794", "weight": 0.5, "fillOpacity": 0.85},
        FIELDS, ALIASES)
    add_panel(m, "ik-top", _panel(view))
    return render(m, inline)
