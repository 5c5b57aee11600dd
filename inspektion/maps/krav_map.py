"""Where krav of one regulation or effektmål were set: a calibration map between regions.

Coordinators compare how often inspectors in each region reach for the same rule; the map
colours inspected municipalities by how many such krav they got, and a panel gives each
region's share of inspected municipalities with at least one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from inspektion.maps.base import add_side_panels, base_map, panel, render
from inspektion.maps.coverage import region_layers
from inspektion.maps.model import KravView

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


def render_krav_map(view: KravView, fixtures: Path, inline: bool = False,
                    tile_url: str | None = None) -> str:
    m = base_map(f"Krav per kommun – {view.title}", inline, tile_url)
    rows = [{**r, "inspected_label": "ja" if r["inspected"] else "nej"}
            for r in view.kommuner]
    region_layers(m, rows, fixtures, lambda r: {
        "fillColor": _colour(r), "color": "#7b8794", "weight": 0.5, "fillOpacity": 0.85},
        FIELDS, ALIASES)
    legend = [(NOT_INSPECTED, "Inte inspekterad"), (NONE, "Inspekterad, inga sådana krav"),
              *[(c, t) for _, c, t in STEPS]]
    add_side_panels(m, panel("krav_panel", view, legend))
    return render(m, inline, tile_url)
