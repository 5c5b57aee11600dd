#!/usr/bin/env python3
"""Report SQL written outside inspektion/db/: `python scripts/sql_outside_db.py`.

SQL belongs in `db/` (query modules per read model, Piccolo for the rest). This reads every
other module's source with `ast` (nothing is imported or run) and reports:

- a string that reads as SQL: a statement (`SELECT … FROM`, `INSERT INTO`, `UPDATE … SET`,
  `DELETE FROM`, `CREATE/ALTER/DROP TABLE…`, `PRAGMA`, `LOCK TABLE`) or a clause that only SQL
  has (`ON CONFLICT`, `LEFT JOIN`, `ORDER BY`, `GROUP BY`, `IS NULL`, `= ANY(`). Adjacent
  literals count as one string, as Python joins them; an f-string counts with its fields as `{}`;
- a call of Piccolo's `.raw(…)` or `.run_sync(…)`, or a `QueryString(…)`, whatever its text.

Docstrings are left out (they may name a statement to explain it); comments are not read.
Keywords are matched in capitals, as the project writes SQL, so Swedish or English prose in a
message does not count. Prints each finding and exits 1 if there is one.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SQL = re.compile(
    r"\bSELECT\b[^;]*\bFROM\b|\bSELECT\s+(?:COUNT|MAX|MIN|SUM|COALESCE|setval|pg_)"
    r"|\bINSERT\s+INTO\b|\bUPDATE\s+\"?\w+\"?\s+SET\b|\bDELETE\s+FROM\b"
    r"|\b(?:CREATE|ALTER|DROP)\s+(?:UNIQUE\s+|VIRTUAL\s+|TEMP\s+)?(?:TABLE|INDEX|TRIGGER|VIEW)\b"
    r"|\bPRAGMA\s+\w|\bLOCK\s+TABLE\b|\bON\s+CONFLICT\b|\b(?:LEFT|INNER|CROSS)\s+JOIN\b"
    r"|\bORDER\s+BY\b|\bGROUP\s+BY\b|\bIS\s+(?:NOT\s+)?NULL\b|=\s*ANY\s*\(")
CALLS = {"raw", "run_sync"}


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the nodes that are docstrings (module, class, function)."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if (body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
                    and isinstance(body[0].value.value, str)):
                found.add(id(body[0].value))
    return found


def _text(node: ast.JoinedStr) -> str:
    return "".join(v.value if isinstance(v, ast.Constant) and isinstance(v.value, str) else "{}"
                   for v in node.values)


def findings_in(path: Path, source: str) -> list[str]:
    tree = ast.parse(source, str(path))
    skip = _docstrings(tree)
    inner: set[int] = set()  # the literal parts of an f-string, read with the f-string
    out: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            inner.update(id(v) for v in node.values)
            text = _text(node)
        elif (isinstance(node, ast.Constant) and isinstance(node.value, str)
              and id(node) not in skip and id(node) not in inner):
            text = node.value
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else (
                func.id if isinstance(func, ast.Name) else "")
            if name in CALLS and isinstance(func, ast.Attribute):
                out.append(f"{path}:{node.lineno}: .{name}(…) call")
            elif name == "QueryString":
                out.append(f"{path}:{node.lineno}: QueryString(…)")
            continue
        else:
            continue
        match = SQL.search(text)
        if match:
            excerpt = " ".join(text.split())[:70]
            out.append(f"{path}:{node.lineno}: {excerpt!r}")
    return sorted(out, key=lambda line: int(line.split(":")[1]))


def findings(package: str = "inspektion", allowed: str = "db") -> list[str]:
    """Every SQL string and raw call in the package's modules outside package/allowed/."""
    base = ROOT / package
    out: list[str] = []
    for path in sorted(base.rglob("*.py")):
        rel = path.relative_to(ROOT)
        if rel.parts[1] == allowed:
            continue
        out += findings_in(rel, path.read_text(encoding="utf-8"))
    return out


def main() -> int:
    package = sys.argv[1] if len(sys.argv) > 1 else "inspektion"
    found = findings(package)
    for line in found:
        print(line)
    modules = sum(1 for _ in (ROOT / package).rglob("*.py"))
    where = len({line.split(":")[0] for line in found})
    print(f"{modules} modules read, {len(found)} SQL strings or raw calls outside "
          f"{package}/db/ (in {where} modules)")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
