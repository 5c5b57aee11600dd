"""The direction of ARCHITECTURE's flow, checked on the real imports (scripts/import_cycles.py
reads them, late imports included): each layer imports only the layers below it."""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "import_cycles.py"

# layer -> the layers of the package it must never import
NEVER = {
    "domain": {"db", "services", "api", "web", "http", "documents", "maps", "scheduler",
               "generate", "reference", "cli"},
    "db": {"services", "api", "web", "http", "documents", "maps", "scheduler", "generate"},
    # documents may use maps/geometry: the campaign report draws its small map with it
    "documents": {"db", "services", "api", "web", "http", "scheduler", "generate"},
    "maps": {"db", "services", "api", "web", "http", "documents", "scheduler", "generate"},
    "services": {"api", "web", "http", "scheduler", "cli"},
    "http": {"api", "web"},
    "web": {"api"},
}


@cache
def _graph() -> dict[str, set[str]]:
    spec = importlib.util.spec_from_file_location("import_cycles", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["import_cycles"] = module
    spec.loader.exec_module(module)
    graph: dict[str, set[str]] = module.import_graph("inspektion")
    return graph


def _layer(module: str) -> str:
    return module.split(".")[1] if module.count(".") >= 1 else module


@pytest.mark.parametrize("layer", sorted(NEVER))
def test_a_layer_never_imports_one_above_it(layer: str) -> None:
    graph = _graph()
    wrong = sorted(f"{m} -> {target}" for m, targets in graph.items() if _layer(m) == layer
                   for target in targets if _layer(target) in NEVER[layer])
    assert wrong == []
