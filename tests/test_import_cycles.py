"""No import cycle between inspektion's modules (scripts/import_cycles.py, which CI can run)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "import_cycles.py"


def _script() -> object:
    spec = importlib.util.spec_from_file_location("import_cycles", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["import_cycles"] = module
    spec.loader.exec_module(module)
    return module


def test_inspektion_has_no_import_cycle() -> None:
    script: object = _script()
    graph = script.import_graph("inspektion")  # type: ignore[attr-defined]
    assert len(graph) > 150  # it read the package, not an empty folder
    assert script.cycles(graph) == []  # type: ignore[attr-defined]


def test_the_detector_finds_a_cycle_hidden_in_a_late_import(tmp_path: Path) -> None:
    script: object = _script()
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from pkg.b import thing\n")
    (package / "b.py").write_text("def thing():\n    from . import a\n    return a\n")
    (package / "c.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                                  "    from pkg import a\n")
    known = script.module_names(package, "pkg")  # type: ignore[attr-defined]
    graph = {n: script.imports_of(n, p, known)  # type: ignore[attr-defined]
             for n, p in known.items()}
    assert graph["pkg.c"] == set()  # an import only for the type checker never runs
    assert script.cycles(graph) == [["pkg.a", "pkg.b"]]  # type: ignore[attr-defined]
