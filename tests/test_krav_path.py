"""The README's "Ett krav genom koden, i fem filer" holds: each named function exists in its
file and calls the next one by name, so the five files are still the krav's path."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# (file, function or Class.method, the call it must make) along the path
HOPS = [
    ("inspektion/api/cases.py", "CaseController.add_krav", "krav.add_krav"),
    ("inspektion/api/cases.py", "CaseController.inspektionsmeddelande",
     "krav.issue_inspektionsmeddelande"),
    ("inspektion/services/krav.py", "issue_inspektionsmeddelande", "store_letter"),
    ("inspektion/services/letters.py", "store_letter", "build_view"),
    ("inspektion/services/letter_views.py", "build_view", "krav_lines"),
    ("inspektion/documents/compose_inspektion.py", "compose_inspektionsmeddelande", "krav_items"),
    ("inspektion/services/reminders_due.py", "_case_level", "rules.case_reminders"),
    ("inspektion/services/reminders_due.py", "_krav_level", "rules.krav_reminder"),
]
# Where each function on the path is defined
DEFINED = [
    ("inspektion/services/krav.py", "add_krav"),
    ("inspektion/services/letter_views.py", "krav_lines"),
    ("inspektion/documents/compose_common.py", "krav_items"),
]


def _function(path: str, name: str) -> ast.AST | None:
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    scope: list[ast.stmt] = tree.body
    *owners, last = name.split(".")
    for owner in owners:
        cls = next((n for n in scope if isinstance(n, ast.ClassDef) and n.name == owner), None)
        if cls is None:
            return None
        scope = cls.body
    return next((n for n in scope if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
                 and n.name == last), None)


def _calls(node: ast.AST) -> set[str]:
    return {ast.unparse(n.func) for n in ast.walk(node) if isinstance(n, ast.Call)}


def test_each_hop_of_the_krav_path_calls_the_next() -> None:
    for path, name, call in HOPS:
        found = _function(path, name)
        assert found is not None, f"{name} finns inte i {path}"
        assert call in _calls(found), f"{path}:{name} anropar inte {call}"
    for path, name in DEFINED:
        assert _function(path, name) is not None, f"{name} finns inte i {path}"


def test_the_readme_names_the_five_files_in_order() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Ett krav genom koden, i fem filer", 1)[1].split("\n### ", 1)[0]
    named = re.findall(r"^\d\. `([^`]+)`", section, flags=re.MULTILINE)
    assert named == ["inspektion/api/cases.py", "inspektion/services/krav.py",
                     "inspektion/services/letter_views.py",
                     "inspektion/documents/compose_common.py",
                     "inspektion/services/reminders_due.py"]
    assert all((ROOT / f).is_file() for f in named)
