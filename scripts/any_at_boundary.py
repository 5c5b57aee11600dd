#!/usr/bin/env python3
"""Count `Any` at the service boundary: `python scripts/any_at_boundary.py [folder]`.

The boundary is every public function of inspektion/services (a name without a leading
underscore, at module level): how many take or return a type with `Any` in it, and how many
times `Any` is written in those signatures. A command or result class can carry `Any` past
that count in its fields, so the fields of public classes are counted too, as a second line.
Reads the source with `ast`; nothing is run. tests/test_any_at_boundary.py holds the ceiling.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _anys(node: ast.expr | None) -> int:
    if node is None:
        return 0
    return sum(1 for n in ast.walk(node) if (isinstance(n, ast.Name) and n.id == "Any")
               or (isinstance(n, ast.Attribute) and n.attr == "Any"))


def boundary(folder: Path) -> list[tuple[str, int]]:
    """(module:function, Any count) for each public function with Any in its signature."""
    found = []
    for path in sorted(folder.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if node.name.startswith("_"):
                continue
            args = node.args
            params = [*args.posonlyargs, *args.args, *args.kwonlyargs,
                      *([args.vararg] if args.vararg else []),
                      *([args.kwarg] if args.kwarg else [])]
            count = sum(_anys(p.annotation) for p in params) + _anys(node.returns)
            if count:
                found.append((f"{path.stem}:{node.name}", count))
    return found


def fields(folder: Path) -> list[tuple[str, int]]:
    """(module:Class.field, Any count) for each annotated field of a public class with Any."""
    found = []
    for path in sorted(folder.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if not isinstance(node, ast.ClassDef) or node.name.startswith("_"):
                continue
            for item in node.body:
                if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                    count = _anys(item.annotation)
                    if count:
                        found.append((f"{path.stem}:{node.name}.{item.target.id}", count))
    return found


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "inspektion" / "services"
    found = boundary(folder)
    for name, count in found:
        print(f"{count:3d}  {name}")
    held = fields(folder)
    for name, count in held:
        print(f"{count:3d}  {name} (field)")
    print(f"{len(found)} public service functions with Any, {sum(c for _, c in found)} Any")
    print(f"{len(held)} fields of public service classes with Any")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
