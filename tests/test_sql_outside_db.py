"""No SQL outside inspektion/db/ (scripts/sql_outside_db.py, which CI runs)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "sql_outside_db.py"


def _script() -> object:
    spec = importlib.util.spec_from_file_location("sql_outside_db", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["sql_outside_db"] = module
    spec.loader.exec_module(module)
    return module


def test_no_sql_string_outside_db() -> None:
    script: object = _script()
    assert script.findings("inspektion") == []  # type: ignore[attr-defined]


def test_the_db_package_itself_is_read_as_sql() -> None:
    """The detector recognises the statements db/ holds: it is not blind."""
    script: object = _script()
    db = Path(__file__).resolve().parent.parent / "inspektion" / "db"
    found = [line for path in sorted(db.glob("queries_*.py"))
             for line in script.findings_in(path, path.read_text(encoding="utf-8"))]  # type: ignore[attr-defined]
    assert len(found) > 20


def test_the_detector_finds_sql_and_raw_calls_but_not_prose(tmp_path: Path) -> None:
    script: object = _script()
    source = '''"""A docstring may say INSERT INTO x ON CONFLICT DO NOTHING."""
A = ("SELECT id, name "
     "FROM campaign")
B = f"UPDATE krav SET state = {1}"
C = "c.svar_senast IS NULL"
D = "Välj ett ärende och tryck på Spara; select a case from the list."
E = "POST"
F = {"DELETE", "PUT"}


async def f(t):
    """UPDATE x SET y in a function's docstring is prose too."""
    await t.raw(E)
'''
    found = script.findings_in(Path("mod.py"), source)  # type: ignore[attr-defined]
    assert [line.split(":")[1] for line in found] == ["2", "4", "5", "13"]
