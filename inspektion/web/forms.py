"""Reading HTML forms: keep what was typed, turn text into the types the services take.

Only shape is checked here (is it a whole number?); every rule stays in the services, whose
InvalidInput names the field so the page can show the message beside it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from litestar import Request

from inspektion.domain.errors import Conflict, DomainError, InvalidInput, StepRefused
from inspektion.http.csrf import CSRF_FIELD
from inspektion.services.step_frame import parse_date

Req = Request[Any, Any, Any]
FormValues = dict[str, Any]
MULTI = frozenset({"citations", "krav_ids"})


async def read_form(request: Req, edge_ok: bool = False) -> FormValues:
    """The form's values. A value the input rules refused is blank here; unless the caller
    shows those refusals at their fields itself (`edge_ok`, then `edge_errors`), the first
    is raised, so no handler takes a blanked value for an empty one."""
    refused = edge_errors(request)
    if refused and not edge_ok:
        field, message = next(iter(refused.items()))
        raise InvalidInput(message, field)
    form = await request.form()
    values: FormValues = {}
    for key in form:
        if key == CSRF_FIELD:
            continue
        items = [v for v in form.getall(key) if isinstance(v, str)]
        values[key] = items if key in MULTI else (items[-1].strip() if items else "")
    return values


def edge_errors(request: Req) -> dict[str, str]:
    """Values the input rules refused and blanked (inspektion/http/edge.py), by field."""
    state = request.scope.get("state") or {}
    found = state.get("form_errors") or {}
    return dict(found)


def text(values: FormValues, name: str) -> str:
    raw = values.get(name, "")
    return raw.strip() if isinstance(raw, str) else ""


def optional_int(values: FormValues, name: str, label: str) -> int | None:
    raw = text(values, name).replace(" ", "").replace("\u00a0", "")
    if not raw:
        return None
    if not raw.isdecimal():
        raise InvalidInput(f"{label} ska vara ett heltal (bara siffror).", name)
    return int(raw)


def optional_date(values: FormValues, name: str) -> date | None:
    """A date field: None when left empty (the service says whether it is needed), the
    service's own message when it is no date."""
    raw = text(values, name)
    return parse_date(raw, name) if raw else None


def int_list(values: FormValues, name: str) -> list[int]:
    raw = values.get(name) or []
    out = []
    for item in raw if isinstance(raw, list) else [raw]:
        if not str(item).isdecimal():
            raise InvalidInput("Ogiltigt val i listan.", name)
        out.append(int(item))
    return out


def version(values: FormValues) -> int | None:
    raw = text(values, "version")
    return int(raw) if raw.isdecimal() else None


def participants(values: FormValues, rows: int) -> list[dict[str, str]]:
    """Rows left empty are skipped; the service refuses a row with a name but no role."""
    out = []
    for i in range(rows):
        role, name = text(values, f"roll_{i}"), text(values, f"namn_{i}")
        if role or name:
            out.append({"role": role, "name": name})
    return out


def error_context(exc: DomainError, fields: set[str] | None = None) -> dict[str, Any]:
    """The message at its field when the form has it, else at the top of the form."""
    message = str(exc)
    if isinstance(exc, InvalidInput) and exc.field and (fields is None or exc.field in fields):
        return {"errors": {exc.field: message}, "form_error": None}
    prefix = ""
    if isinstance(exc, Conflict):
        prefix = "Ingenting sparades. "
    elif isinstance(exc, StepRefused):
        prefix = "Steget är inte tillåtet nu. "
    return {"errors": {}, "form_error": prefix + message}
