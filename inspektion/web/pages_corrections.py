"""Correcting and withdrawing a krav or a meeting before its letter is sent (issue 15).

The forms call `services.corrections`; a stale version shows the form again with what was
typed, what the other person changed (web/conflicts.py) and the new version to save on.
"""

from __future__ import annotations

from typing import Any, TypeVar

from litestar import Request, Response, get, post
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect, Template

from inspektion.db.queries_cases import MeetingRow
from inspektion.domain.access import Actor
from inspektion.domain.corrections import MEETING_LABELS
from inspektion.domain.errors import Conflict, InvalidInput, StaleVersion, StepRefused
from inspektion.http.status import status_for
from inspektion.services import cases, corrections
from inspektion.services.cases import CasePage, KravItem
from inspektion.services.meetings import Participant
from inspektion.web.conflicts import FIELDS, changes_since, same_value, values_you_read
from inspektion.web.context import render
from inspektion.web.forms import (
    FormValues,
    edge_errors,
    error_context,
    participants,
    read_form,
    text,
    version,
)
from inspektion.web.steps import PARTICIPANT_ROWS, STEP_FORMS, precheck_dates

Req = Request[Any, Any, Any]
KRAV_FIELDS = {"text", "brist", "citations", "effektmal"}
MEETING_FIELDS = {"date", "participants", "notes", "arbetsomrade"}


Item = TypeVar("Item", KravItem, MeetingRow)


def _find(rows: list[Item], item_id: int) -> Item:
    found = next((r for r in rows if r["id"] == item_id), None)
    if found is None:
        raise NotFoundException()
    return found


async def _krav_page(request: Req, actor: Actor, case_id: int, krav_id: int,
                     values: FormValues | None = None, status: int = 200,
                     **extra: Any) -> Template:
    case = await cases.case_detail(actor, case_id)
    krav = _find(case["krav"], krav_id)
    ctx = await STEP_FORMS["krav"].context(actor, case, {})
    ctx.pop("values", None)
    if values is None:
        values = _krav_values(case, krav)
        extra.setdefault("locked", await corrections.why_locked(actor, case, "krav", krav))
    return await render(request, "rattelse_krav.html", status_code=status,
                        title=f"Ändra krav {krav['number']} – {case['diarienummer']}",
                        case=case, krav=krav, values=values, **ctx, **extra)


def _krav_values(case: CasePage, krav: KravItem) -> FormValues:
    return {"text": krav["text"], "brist": krav["brist"] or "",
            "citations": list(krav["citations"]), "effektmal": str(krav["effektmal"] or ""),
            "version": str(case["version"])}


async def _krav_conflict(actor: Actor, case_id: int, krav_id: int,
                         values: FormValues) -> tuple[FormValues, dict[str, Any]]:
    """The form again on the case's new version: what the user typed stays; a field the
    other person changed and the user left as it was takes the other person's value, so
    saving again does not quietly undo their change."""
    read_at = version(values)
    case = await cases.case_detail(actor, case_id)
    krav = _find(case["krav"], krav_id)
    locked = await corrections.why_locked(actor, case, "krav", krav)
    if locked:  # the other person sent the letter: saving again could only fail
        return values, {"form_error": locked, "errors": {}}
    now = _krav_values(case, krav)
    merged: FormValues = {**values, "version": now["version"]}
    taken = []
    for name, was in (await values_you_read(case_id, read_at, "krav_id", krav_id)).items():
        if name in KRAV_FIELDS and same_value(name, values.get(name), was):
            merged[name] = now[name]
            taken.append(FIELDS.get(name, name))
    return merged, {"conflict": await changes_since(case_id, read_at), "taken": taken}


@get("/arenden/{case_id:int}/krav/{krav_id:int}/andra", include_in_schema=False)
async def krav_form(request: Req, case_id: FromPath[int], krav_id: FromPath[int],
                    actor: NamedDependency[Actor]) -> Template:
    return await _krav_page(request, actor, case_id, krav_id)


@post("/arenden/{case_id:int}/krav/{krav_id:int}/andra", include_in_schema=False,
      status_code=303)
async def krav_submit(request: Req, case_id: FromPath[int], krav_id: FromPath[int],
                      actor: NamedDependency[Actor]) -> Response[Any]:
    values = await read_form(request, edge_ok=True)
    errors = {}
    if not text(values, "text"):
        errors["text"] = "Skriv kravets text."
    if not values.get("citations"):
        errors["citations"] = "Välj minst en paragraf att hänvisa till."
    errors.update(edge_errors(request))
    raw_goal = text(values, "effektmal")
    if raw_goal and not raw_goal.isdecimal():
        errors["effektmal"] = "Välj ett effektmål ur listan."
    if errors:
        return await _krav_page(request, actor, case_id, krav_id, values, 400, errors=errors)
    try:
        await corrections.edit_krav(actor, case_id, krav_id, version(values),
                                    corrections.KravPatch(
                                        text=text(values, "text"), brist=text(values, "brist"),
                                        citations=list(values.get("citations") or []),
                                        effektmal=int(raw_goal) if raw_goal else None))
    except StaleVersion as exc:
        merged, shown = await _krav_conflict(actor, case_id, krav_id, values)
        return await _krav_page(request, actor, case_id, krav_id, merged, status_for(exc),
                                **shown)
    except (InvalidInput, StepRefused, Conflict) as exc:
        return await _krav_page(request, actor, case_id, krav_id, values, status_for(exc),
                                **error_context(exc, KRAV_FIELDS))
    return Redirect(f"/arenden/{case_id}?klart=krav_andrat#krav-rubrik", status_code=303)


async def _meeting_page(request: Req, actor: Actor, case_id: int, meeting_id: int,
                        values: FormValues | None = None, status: int = 200,
                        **extra: Any) -> Template:
    case = await cases.case_detail(actor, case_id)
    meeting = _find(case["meetings"], meeting_id)
    if values is None:
        values = _meeting_values(case, meeting)
        extra.setdefault("locked", await corrections.why_locked(actor, case, "moten", meeting))
    label = MEETING_LABELS.get(meeting["kind"], "Mötet")
    return await render(request, "rattelse_mote.html", status_code=status,
                        title=f"Ändra {label.lower()} – {case['diarienummer']}", case=case,
                        meeting=meeting, label=label, values=values,
                        rows=max(PARTICIPANT_ROWS, len(meeting["participants"] or []) + 1),
                        **extra)


def _meeting_values(case: CasePage, meeting: MeetingRow) -> FormValues:
    values: FormValues = {"date": str(meeting["date"])[:10], "notes": meeting["notes"] or "",
                          "arbetsomrade": meeting["arbetsomrade"] or "",
                          "version": str(case["version"])}
    for i, p in enumerate(meeting["participants"] or []):
        values[f"roll_{i}"], values[f"namn_{i}"] = p.get("role", ""), p.get("name", "")
    return values


async def _meeting_conflict(actor: Actor, case_id: int, meeting_id: int, values: FormValues,
                            rows: int) -> tuple[FormValues, dict[str, Any]]:
    """As _krav_conflict: typed fields stay, untouched ones take the other person's value."""
    read_at = version(values)
    case = await cases.case_detail(actor, case_id)
    meeting = _find(case["meetings"], meeting_id)
    locked = await corrections.why_locked(actor, case, "moten", meeting)
    if locked:
        return values, {"form_error": locked, "errors": {}}
    now = _meeting_values(case, meeting)
    merged: FormValues = {**values, "version": now["version"]}
    taken = []
    for name, was in (await values_you_read(case_id, read_at, "meeting_id",
                                            meeting_id)).items():
        if name == "participants":
            if same_value(name, participants(values, rows), was):
                merged = {k: v for k, v in merged.items()
                          if not k.startswith(("roll_", "namn_"))}
                merged.update({k: v for k, v in now.items() if k.startswith(("roll_", "namn_"))})
                taken.append(FIELDS[name])
        elif name in MEETING_FIELDS and same_value(name, values.get(name), was):
            merged[name] = now[name]
            taken.append(FIELDS.get(name, name))
    return merged, {"conflict": await changes_since(case_id, read_at), "taken": taken}


@get("/arenden/{case_id:int}/moten/{meeting_id:int}/andra", include_in_schema=False)
async def meeting_form(request: Req, case_id: FromPath[int], meeting_id: FromPath[int],
                       actor: NamedDependency[Actor]) -> Template:
    return await _meeting_page(request, actor, case_id, meeting_id)


@post("/arenden/{case_id:int}/moten/{meeting_id:int}/andra", include_in_schema=False,
      status_code=303)
async def meeting_submit(request: Req, case_id: FromPath[int], meeting_id: FromPath[int],
                         actor: NamedDependency[Actor]) -> Response[Any]:
    values = await read_form(request, edge_ok=True)
    errors = {**precheck_dates(values, {"date": True}), **edge_errors(request)}
    if errors:
        return await _meeting_page(request, actor, case_id, meeting_id, values, 400,
                                   errors=errors)
    rows = sum(1 for k in values if k.startswith("roll_"))
    try:
        await corrections.edit_meeting(actor, case_id, meeting_id, version(values),
                                       corrections.MeetingPatch(
                                           date=text(values, "date"),
                                           participants=tuple(
                                               Participant(p["role"], p["name"])
                                               for p in participants(values, rows)),
                                           notes=text(values, "notes"),
                                           arbetsomrade=text(values, "arbetsomrade") or None))
    except StaleVersion as exc:
        merged, shown = await _meeting_conflict(actor, case_id, meeting_id, values, rows)
        return await _meeting_page(request, actor, case_id, meeting_id, merged,
                                   status_for(exc), **shown)
    except (InvalidInput, StepRefused, Conflict) as exc:
        return await _meeting_page(request, actor, case_id, meeting_id, values,
                                   status_for(exc), **error_context(exc, MEETING_FIELDS))
    return Redirect(f"/arenden/{case_id}?klart=mote_andrat", status_code=303)


async def _withdraw_page(request: Req, actor: Actor, case_id: int, what: str, item_id: int,
                         status: int = 200, typed_version: str | None = None,
                         **extra: Any) -> Template:
    case = await cases.case_detail(actor, case_id)
    item: KravItem | MeetingRow
    if what == "krav":
        item = _find(case["krav"], item_id)
        name = f"krav {item['number']}"
    else:
        item = _find(case["meetings"], item_id)
        name = MEETING_LABELS.get(item["kind"], "Mötet").lower()
    if status == 200 or extra.pop("locked_now", False):
        extra.setdefault("locked", await corrections.why_locked(actor, case, what, item))
    return await render(request, "dra_tillbaka.html", status_code=status,
                        title=f"Dra tillbaka {name} – {case['diarienummer']}", case=case,
                        item=item, what=what, name=name,
                        values={"version": typed_version or str(case["version"])}, **extra)


async def _withdraw_submit(request: Req, actor: Actor, case_id: int, what: str,
                           item_id: int) -> Response[Any]:
    values = await read_form(request)
    try:
        if what == "krav":
            await corrections.withdraw_krav(actor, case_id, item_id, version(values))
        else:
            await corrections.withdraw_meeting(actor, case_id, item_id, version(values))
    except StaleVersion as exc:
        return await _withdraw_page(request, actor, case_id, what, item_id, status_for(exc),
                                    conflict=await changes_since(case_id, version(values)),
                                    locked_now=True)
    except (InvalidInput, StepRefused, Conflict) as exc:
        return await _withdraw_page(request, actor, case_id, what, item_id, status_for(exc),
                                    typed_version=text(values, "version"),
                                    **error_context(exc, set()))
    done = "krav_tillbakadraget" if what == "krav" else "mote_tillbakadraget"
    return Redirect(f"/arenden/{case_id}?klart={done}", status_code=303)


@get("/arenden/{case_id:int}/krav/{item_id:int}/dra-tillbaka", include_in_schema=False)
async def withdraw_krav_form(request: Req, case_id: FromPath[int], item_id: FromPath[int],
                             actor: NamedDependency[Actor]) -> Template:
    return await _withdraw_page(request, actor, case_id, "krav", item_id)


@post("/arenden/{case_id:int}/krav/{item_id:int}/dra-tillbaka", include_in_schema=False,
      status_code=303)
async def withdraw_krav_submit(request: Req, case_id: FromPath[int], item_id: FromPath[int],
                               actor: NamedDependency[Actor]) -> Response[Any]:
    return await _withdraw_submit(request, actor, case_id, "krav", item_id)


@get("/arenden/{case_id:int}/moten/{item_id:int}/dra-tillbaka", include_in_schema=False)
async def withdraw_meeting_form(request: Req, case_id: FromPath[int], item_id: FromPath[int],
                                actor: NamedDependency[Actor]) -> Template:
    return await _withdraw_page(request, actor, case_id, "moten", item_id)


@post("/arenden/{case_id:int}/moten/{item_id:int}/dra-tillbaka", include_in_schema=False,
      status_code=303)
async def withdraw_meeting_submit(request: Req, case_id: FromPath[int], item_id: FromPath[int],
                                  actor: NamedDependency[Actor]) -> Response[Any]:
    return await _withdraw_submit(request, actor, case_id, "moten", item_id)


__all__ = ["krav_form", "krav_submit", "meeting_form", "meeting_submit", "withdraw_krav_form",
           "withdraw_krav_submit", "withdraw_meeting_form", "withdraw_meeting_submit"]
