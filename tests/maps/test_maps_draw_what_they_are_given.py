"""maps/ draws a frozen view a service built: it imports no service, no table, no query."""

from __future__ import annotations

import dataclasses
import importlib.util
import sys
from datetime import date
from pathlib import Path

import pytest

from inspektion.maps.model import CoverageView, frozen, frozen_rows

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "import_cycles.py"


def _graph() -> dict[str, set[str]]:
    spec = importlib.util.spec_from_file_location("import_cycles", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["import_cycles"] = module
    spec.loader.exec_module(module)
    return module.import_graph("inspektion")  # type: ignore[no-any-return]


def test_maps_import_no_service_and_no_database() -> None:
    graph = _graph()
    maps = {name: deps for name, deps in graph.items() if name.startswith("inspektion.maps")}
    assert "inspektion.maps.coverage" in maps  # it read the package
    reaching = {f"{name} → {dep}" for name, deps in maps.items() for dep in deps
                if dep.startswith(("inspektion.services", "inspektion.db", "inspektion.api",
                                   "inspektion.web"))}
    assert reaching == set()


def test_the_view_cannot_be_changed_by_the_map() -> None:
    view = CoverageView(campaign=frozen({"id": 1, "name": "K"}), as_of=date(2026, 1, 1),
                        kommuner=frozen_rows([{"kommunkod": "0114", "state": "planerad"}]),
                        regions=(), national=frozen({"kommuner": 1}), state_counts=frozen({}))
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.note = "ändrad"  # type: ignore[misc]
    with pytest.raises(TypeError):
        view.kommuner[0]["state"] = "avslutad"  # type: ignore[index]
