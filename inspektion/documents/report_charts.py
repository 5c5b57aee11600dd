"""The campaign report's charts and coverage map as PNG images, drawn with matplotlib.

The Agg backend draws without a display. The map is the shipped municipal layer
(fixtures/kommuner.geojson, via maps/geometry.py) coloured by each municipality's state, the
same colours as the interactive coverage map, in a plain equirectangular projection squeezed
by the cosine of Sweden's middle latitude so the country does not look stretched.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from inspektion.maps.geometry import geometries

BLUE = "#1f5f9e"
GREY = "#7b8794"
STATE_COLOURS = {
    "ej_besokt": "#f5f5f0", "planerad": "#c6dbef", "pagaende": "#4a90c8",
    "meddelande_skickat": "#f6a04d", "eskalerad": "#d7191c", "avslutad": "#2e9e5b",
}
plt.rcParams.update({"font.family": "DejaVu Sans", "font.size": 9, "axes.spines.top": False,
                     "axes.spines.right": False})


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=150, bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


def _number(value: float, decimals: int = 0) -> str:
    text = f"{value:,.{decimals}f}".replace(",", "\u00a0").replace(".", ",")
    return text


# Axis numbers the Swedish way too (decimal comma); the value decides the decimals shown.
SWEDISH_TICKS = FuncFormatter(lambda v, _pos: f"{v:g}".replace(".", ",").replace("-", "−"))


def bar_chart(labels: Sequence[str], values: Sequence[float], title: str, xlabel: str,
              decimals: int = 0) -> bytes:
    """Horizontal bars with the value written at each bar's end."""
    fig, ax = plt.subplots(figsize=(6.2, 0.42 * len(labels) + 1.0))
    positions = list(range(len(labels)))[::-1]
    ax.barh(positions, values, color=BLUE)
    ax.set_yticks(positions, labels)
    ax.set_xlabel(xlabel)
    ax.set_title(title, loc="left", fontsize=10, fontweight="bold")
    top = max(values) if values else 1
    for y, v in zip(positions, values, strict=True):
        ax.text(v + top * 0.01, y, _number(v, decimals), va="center", fontsize=8)
    ax.set_xlim(0, top * 1.15 if top else 1)
    ax.xaxis.set_major_formatter(SWEDISH_TICKS)
    return _png(fig)


def effect_chart(labels: Sequence[str], changes: Sequence[float],
                 lows: Sequence[float | None], highs: Sequence[float | None],
                 groups: Sequence[int], title: str) -> bytes:
    """Mean change per place with its bootstrap interval; n = groups beside each point."""
    fig, ax = plt.subplots(figsize=(6.2, 0.45 * len(labels) + 1.3))
    positions = list(range(len(labels)))[::-1]
    for y, c, lo, hi, n in zip(positions, changes, lows, highs, groups, strict=True):
        if lo is not None and hi is not None:
            ax.plot([lo, hi], [y, y], color=GREY, linewidth=2.5, solid_capstyle="butt")
        ax.plot([c], [y], "o", color=BLUE, markersize=6)
        label = ("+" if c > 0 else "") + _number(c, 2).replace("-", "−")
        ax.annotate(f"{label} (n={n})", (c, y), xytext=(6, 6),
                    textcoords="offset points", fontsize=8)
    ax.axvline(0, color="#333333", linewidth=0.8)
    ax.set_yticks(positions, labels)
    ax.set_xlabel("Förändring på skalan 1–5 (uppföljning minus första), med 95 % intervall")
    ax.set_title(title, loc="left", fontsize=10, fontweight="bold")
    span = [v for v in [*changes, *[x for x in lows if x is not None],
                        *[x for x in highs if x is not None]]]
    edge = max(0.5, max(abs(v) for v in span) * 1.3) if span else 1.0
    ax.set_xlim(-edge, edge)
    ax.xaxis.set_major_formatter(SWEDISH_TICKS)
    ax.set_ylim(-0.8, len(labels) - 0.2)
    return _png(fig)


def coverage_map(fixtures: Path, state_of: dict[str, str], labels: dict[str, str],
                 title: str) -> bytes:
    """The municipalities coloured by state, with a legend of the states that occur."""
    shapes = geometries(fixtures)
    squeeze = math.cos(math.radians(62.0))
    polygons, colours = [], []
    for code, geometry in shapes.items():
        parts = [geometry["coordinates"]] if geometry["type"] == "Polygon" \
            else geometry["coordinates"]
        colour = STATE_COLOURS.get(state_of.get(code, "ej_besokt"), STATE_COLOURS["ej_besokt"])
        for polygon in parts:
            polygons.append([(x * squeeze, y) for x, y in polygon[0]])
            colours.append(colour)
    fig, ax = plt.subplots(figsize=(4.2, 7.6))
    ax.add_collection(PolyCollection(polygons, facecolors=colours, edgecolors="#9aa5b1",
                                     linewidths=0.2))
    ax.autoscale_view()
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(title, loc="left", fontsize=10, fontweight="bold")
    used = [s for s in STATE_COLOURS if s in set(state_of.values()) or s == "ej_besokt"]
    ax.legend(handles=[Patch(facecolor=STATE_COLOURS[s], edgecolor="#9aa5b1",
                             label=labels.get(s, s)) for s in used],
              loc="upper left", bbox_to_anchor=(0.0, 0.0), fontsize=7, frameon=False)
    return _png(fig)
