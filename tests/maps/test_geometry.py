"""The shipped boundaries: simplified with topology kept (neighbours share edges), small, cached."""

from __future__ import annotations

from collections import defaultdict
from itertools import pairwise

from inspektion.config import load_settings
from inspektion.maps.geometry import geometries

Point = tuple[float, float]


def _owners() -> dict[tuple[Point, Point], set[str]]:
    """Each edge of every ring → the municipalities whose boundary has it."""
    owners: dict[tuple[Point, Point], set[str]] = defaultdict(set)
    for code, geometry in geometries(load_settings().fixtures_dir).items():
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" \
            else geometry["coordinates"]
        for ring in (r for polygon in polygons for r in polygon):
            for a, b in pairwise(ring):
                p, q = (a[0], a[1]), (b[0], b[1])
                if p != q:
                    owners[(p, q) if p < q else (q, p)].add(code)
    return owners


def test_neighbours_share_identical_edges() -> None:
    owners = _owners()
    assert max(len(o) for o in owners.values()) == 2  # an edge is a border of one pair at most
    pairs = {tuple(sorted(o)) for o in owners.values() if len(o) == 2}
    assert len(pairs) > 600
    for neighbours in [("0180", "0184"), ("1480", "1481"), ("0330", "0380"), ("1231", "1280"),
                       ("2401", "2480")]:  # Stockholm–Solna, Göteborg–Mölndal, Knivsta–Uppsala,
        assert neighbours in pairs, neighbours  # Burlöv–Malmö, Nordmaling–Umeå
    shared = sum(1 for o in owners.values() if len(o) == 2)
    assert shared > len(owners) / 2  # most edges are inland borders, drawn once per side


def test_layer_is_light_and_parsed_once() -> None:
    fixtures = load_settings().fixtures_dir
    shapes = geometries(fixtures)
    assert geometries(fixtures) is shapes  # cached in the process, not re-read per map
    assert len(shapes) == 290
    points = [p for g in shapes.values() for p in _points(g)]
    assert len(points) < 12_000
    assert all(round(x, 5) == x and round(y, 5) == y for x, y in points)
    assert (fixtures / "kommuner.geojson").stat().st_size < 300_000


def _points(geometry: dict[str, object]) -> list[tuple[float, float]]:
    coords = geometry["coordinates"]
    polygons = [coords] if geometry["type"] == "Polygon" else coords
    return [(p[0], p[1]) for polygon in polygons for ring in polygon  # type: ignore[union-attr]
            for p in ring]
