"""A name that starts with `_` is private to its module: no other module of the package imports
it. When two modules need it, it gets a public name (issue 16 found `_steps`, `_tx`,
`_reminder_due`, `_notify`, `_campaign` and `_LOCK` imported across modules)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "inspektion"


def _private_imports() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom):
                continue
            ours = node.level > 0 or (node.module or "").startswith("inspektion")
            module_private = any(part.startswith("_") and not part.startswith("__")
                                 for part in (node.module or "").split("."))
            for alias in node.names:
                if ours and ((alias.name.startswith("_") and not alias.name.startswith("__"))
                             or module_private):
                    found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno} "
                                 f"{node.module}.{alias.name}")
    return found


def test_no_module_imports_another_modules_private_name() -> None:
    assert _private_imports() == []
