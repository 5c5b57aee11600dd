"""The step forms of a case: show, submit, and on a refusal show again with what was typed."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect, Template

from inspektion import clock
from inspektion.domain.access import Actor
from inspektion.domain.errors import Conflict, InvalidInput, StaleVersion, StepRefused
from inspektion.http.status import status_for
from inspektion.services import cases, escalation, letter_views, letters
from inspektion.web.conflicts import changes_since
from inspektion.web.context import render
from inspektion.web.forms import (
    FormValues,
    edge_errors,
    error_context,
    int_list,
    optional_date,
    optional_int,
    read_form,
    text,
    version,
)
from inspektion.web.steps import (
    CONFIRMED_STEPS,
    STEP_FORMS,
    StepForm,
    decision_in,
    fill_from_template,
    precheck,
)

Req = Request[Any, Any, Any]
PDF = "application/pdf"


def _spec(step: str) -> StepForm:
    spec = STEP_FORMS.get(step)
    if spec is None or spec.submit is None:
        raise NotFoundException()
    return spec


async def _form(request: Req, actor: Actor, spec: StepForm, case_id: int, status: int = 200,
                values: FormValues | None = None, **extra: Any) -> Template:
    case = await cases.case_detail(actor, case_id)
    ctx = await spec.context(actor, case, dict(request.query_params))
    defaults = ctx.pop("values", {})
    option = next((o for o in case["next_steps"] if o["step"] == spec.step), None)
    if spec.preview is not None or spec.step == "utdomande":  # forms that issue a letter/decision
        open_only = spec.step == "inspektionsmeddelande"
        ctx["unverified_citations"] = await letter_views.unverified_citations(
            case_id, [k["id"] for k in case["krav"] if k["state"] == "oppen"] if open_only
            else None, clock.today())
    return await render(request, spec.template, status_code=status,
                        title=f"{spec.title} – {case['diarienummer']}", case=case, spec=spec,
                        option=option, values=values if values is not None else
                        {**defaults, "version": str(case["version"])}, **ctx, **extra)


@get("/arenden/{case_id:int}/steg/{step:str}", include_in_schema=False)
async def step_form(request: Req, case_id: FromPath[int], step: FromPath[str],
                    actor: NamedDependency[Actor]) -> Template:
    return await _form(request, actor, _spec(step), case_id)


@post("/arenden/{case_id:int}/steg/{step:str}", include_in_schema=False, status_code=303)
async def step_submit(request: Req, case_id: FromPath[int], step: FromPath[str],
                      actor: NamedDependency[Actor]) -> Response[Any]:
    spec = _spec(step)
    values = await read_form(request, edge_ok=True)
    assert spec.submit is not None
    if spec.step == "krav" and ("_hamta" in values or "_ersatt" in values):
        # "Hämta standardkravet": the template fills what is empty, nothing typed is lost.
        filled, offer = await fill_from_template(values)
        return await _form(request, actor, spec, case_id, values=filled, template_offer=offer)
    confirming = spec.step in CONFIRMED_STEPS and text(values, "bekraftad") != "ja"
    try:
        errors = {**precheck(spec.step, values), **edge_errors(request)}
        if errors:
            return await _form(request, actor, spec, case_id, status=400, values=values,
                               errors=errors, form_error=None)
        if confirming:
            await spec.submit(actor, case_id, values, rehearse=True)
        else:
            await spec.submit(actor, case_id, values)
    except escalation.Rehearsed as done:
        case = await cases.case_detail(actor, case_id)
        kept = {k: v for k, v in values.items() if k != "bekraftad"}
        return await render(request, "steg_bekrafta.html",
                            title=f"Bekräfta: {spec.title} – {case['diarienummer']}",
                            case=case, spec=spec, summary=done.summary, kept=kept)
    except StaleVersion as exc:
        return await stale_form(request, actor, spec, case_id, values, exc)
    except (InvalidInput, StepRefused, Conflict) as exc:
        return await _form(request, actor, spec, case_id, status=status_for(exc), values=values,
                           **error_context(exc, set(spec.fields)))
    return Redirect(f"/arenden/{case_id}?klart={spec.step}", status_code=303)


async def stale_form(request: Req, actor: Actor, spec: StepForm, case_id: int,
                     values: FormValues, exc: StaleVersion) -> Template:
    """Keep what was typed, show what the other person did, offer the new version."""
    typed_at = version(values)
    case = await cases.case_detail(actor, case_id)
    changes = await changes_since(case_id, typed_at)
    return await _form(request, actor, spec, case_id, status=status_for(exc),
                       values={**values, "version": str(case["version"])}, conflict=changes)


@post("/arenden/{case_id:int}/utkast/{step:str}", include_in_schema=False, status_code=200)
async def preview(request: Req, case_id: FromPath[int], step: FromPath[str],
                  actor: NamedDependency[Actor]) -> Response[Any]:
    """A draft letter (UTKAST) from the values in the form, neither stored nor registered."""
    spec = _spec(step)
    if spec.preview is None:
        raise NotFoundException()
    values = await read_form(request)
    try:
        krav_ids = int_list(values, "krav_ids") if "krav_ids" in spec.fields else None
        if spec.step in ("underrattelse", "forelaggande"):
            pdf, _ = await escalation.preview_decision(actor, case_id, spec.preview,
                                                    optional_date(values, "svar_senast"),
                                                    decision_in(values))
        elif spec.step == "utdomande":
            pdf, _ = await escalation.preview_ansokan(
                actor, case_id, krav_ids or [], optional_int(values, "amount_sek", "Beloppet"),
                text(values, "motivering"))
        else:
            pdf, _ = await letters.preview(
                actor, case_id, spec.preview, optional_date(values, "svar_senast"),
                optional_int(values, "vite_sek", "Vitesbeloppet"),
                optional_date(values, "deadline"), krav_ids)
    except (InvalidInput, StepRefused, Conflict) as exc:
        return await _form(request, actor, spec, case_id, status=status_for(exc), values=values,
                           **error_context(exc, set(spec.fields)))
    return Response(pdf, media_type=PDF, headers={
        "Content-Disposition": f'inline; filename="utkast-{spec.preview}.pdf"',
        "Cache-Control": "no-store"})


__all__ = ["preview", "step_form", "step_submit"]
