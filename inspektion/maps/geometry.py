"""Municipal boundaries, loaded once per process, and the region borders drawn from them.

The shipped layer (fixtures/kommuner.geojson, see fixtures/SOURCES.md) is already simplified
with topology kept, so neighbours share identical edges. That makes a region border cheap to
find: it is every edge that two municipalities of different regions share. Both the parsed
layer and the borders are cached in-process; a map render only adds properties.
"""

from __future__ import annotations

import json
from collections import defaultdict
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

Point = tuple[float, float]
Segment = tuple[Point, Point]

SWEDEN_BOUNDS = [[55.3, 10.9], [69.1, 24.2]]


@lru_cache(maxsize=2)
def _layer(path: str) -> dict[str, dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    return {f["properties"]["kommunkod"]: f["geometry"] for f in data["features"]}


def geometries(fixtures: Path) -> dict[str, dict[str, Any]]:
    """kommunkod → GeoJSON geometry (shared objects: do not modify)."""
    return _layer(str(fixtures / "kommuner.geojson"))


def bounds_of(fixtures: Path, kommunkoder: list[str]) -> list[list[float]] | None:
    """[[south, west], [north, east]] around these municipalities (None if none is known)."""
    shapes = geometries(fixtures)
    points = [pt for code in kommunkoder if code in shapes
              for ring in _rings(shapes[code]) for pt in ring]
    if not points:
        return None
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def _rings(geometry: dict[str, Any]) -> list[list[list[float]]]:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" \
        else geometry["coordinates"]
    return [ring for polygon in polygons for ring in polygon]


@lru_cache(maxsize=4)
def _borders(path: str, groups: tuple[tuple[str, str], ...]) -> list[list[list[float]]]:
    group_of = dict(groups)
    owners: dict[Segment, set[str]] = defaultdict(set)
    for code, geometry in _layer(path).items():
        group = group_of.get(code)
        if group is None:
            continue
        for ring in _rings(geometry):
            for a, b in pairwise(ring):
                p, q = (a[0], a[1]), (b[0], b[1])
                if p != q:
                    owners[(p, q) if p < q else (q, p)].add(group)
    return _chain([s for s, g in owners.items() if len(g) > 1])


def _chain(segments: list[Segment]) -> list[list[list[float]]]:
    """Join edge segments into polylines, so the border is a few lines, not thousands."""
    at: dict[Point, list[Segment]] = defaultdict(list)
    for s in segments:
        at[s[0]].append(s)
        at[s[1]].append(s)
    used: set[Segment] = set()
    lines: list[list[list[float]]] = []
    for start in sorted(segments):
        if start in used:
            continue
        used.add(start)
        line = [start[0], start[1]]
        for forward in (True, False):
            while True:
                end = line[-1] if forward else line[0]
                nxt = next((s for s in at[end] if s not in used), None)
                if nxt is None:
                    break
                used.add(nxt)
                other = nxt[1] if nxt[0] == end else nxt[0]
                if forward:
                    line.append(other)
                else:
                    line.insert(0, other)
        lines.append([[x, y] for x, y in line])
    return lines


def group_borders(fixtures: Path, group_of: dict[str, str]) -> dict[str, Any]:
    """A MultiLineString of the edges between municipalities of different groups."""
    lines = _borders(str(fixtures / "kommuner.geojson"), tuple(sorted(group_of.items())))
    return {"type": "MultiLineString", "coordinates": lines}
