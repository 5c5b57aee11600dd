"""No `Any` at the service boundary (scripts/any_at_boundary.py counts it).

A change that brings one back fails until its command, result or read model is typed (a frozen
dataclass or msgspec Struct; a TypedDict for a row a page or the API reads as a dict).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "any_at_boundary.py"
SERVICES = SCRIPT.parent.parent / "inspektion" / "services"

# At the start of issue 16: 96 functions with Any in their signature, 123 Any, and (counted
# later) 27 fields; none since 2026-12-01. A read model is a TypedDict beside its query, a
# command or result a frozen dataclass or Struct; nothing new may take or return Any.
MAX_FUNCTIONS = 0  # public service functions with Any in their signature
MAX_ANY = 0        # times Any is written in those signatures
MAX_FIELDS = 0     # fields of public service classes (commands, results) with Any


def _script() -> object:
    spec = importlib.util.spec_from_file_location("any_at_boundary", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["any_at_boundary"] = module
    spec.loader.exec_module(module)
    return module


def test_any_at_the_service_boundary_only_falls() -> None:
    script: object = _script()
    found = script.boundary(SERVICES)  # type: ignore[attr-defined]
    held = script.fields(SERVICES)  # type: ignore[attr-defined]
    assert len(found) <= MAX_FUNCTIONS, found
    assert sum(c for _, c in found) <= MAX_ANY, found
    assert len(held) <= MAX_FIELDS, held
    # The typed commands stay typed: none of these may take or return Any again.
    typed = {"cases:open_case", "cases:set_employer", "cases:assign", "cases:close_case",
             "cases:propose_to_jurist", "krav:add_krav", "krav:register_svar",
             "krav:change_citations", "meetings:record_meeting", "meetings:record_gruppsamtal",
             "escalation:send_underrattelse", "escalation:decide_forelaggande",
             "escalation:record_delgivning", "escalation:apply_utdomande",
             "escalation:record_dom", "krav:issue_inspektionsmeddelande",
             "users:add_user", "users:login", "reminders:dismiss", "audit:record",
             "audit:trail", "svarslankar:revoke_link"}
    assert typed.isdisjoint(name for name, _ in found)


def test_the_counter_sees_any_in_parameters_returns_and_fields(tmp_path: Path) -> None:
    script: object = _script()
    (tmp_path / "svc.py").write_text(
        "from typing import Any\nimport typing\nfrom dataclasses import dataclass\n"
        "async def step(a: int, b: Any, *rest: Any, **kw: typing.Any) -> dict[str, Any]: ...\n"
        "def _private(x: Any) -> Any: ...\n"
        "def typed(x: int) -> str: ...\n"
        "@dataclass(frozen=True)\nclass Result:\n    rows: list[dict[str, Any]]\n    n: int\n"
        "class _Hidden:\n    x: Any\n")
    assert script.boundary(tmp_path) == [("svc:step", 4)]  # type: ignore[attr-defined]
    assert script.fields(tmp_path) == [("svc:Result.rows", 1)]  # type: ignore[attr-defined]
