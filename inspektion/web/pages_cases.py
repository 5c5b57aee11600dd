"""The inspector's desk: "Mina ärenden", opening a case, and the case page every role uses."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from litestar import Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from inspektion import clock
from inspektion.domain.access import Actor, require_role
from inspektion.domain.bevakning import PLANNED_KINDS
from inspektion.domain.collation import swedish_key
from inspektion.domain.employer import normalise_orgnr, valid_orgnr
from inspektion.domain.errors import Conflict, DomainError, InvalidInput, StepRefused
from inspektion.domain.lifecycle import STATUS_LABELS, CaseStatus, Method
from inspektion.domain.roles import Role
from inspektion.http.status import status_for
from inspektion.services import (
    bevakning,
    campaigns,
    cases,
    corrections,
    diarium,
    reference,
    users,
)
from inspektion.web.case_lists import FILTERS, case_list
from inspektion.web.context import render
from inspektion.web.forms import edge_errors, error_context, optional_int, read_form, text
from inspektion.web.steps import NOTICES, STEP_FORMS
from inspektion.web.views import (
    NOTHING_TO_SERVE,
    MyCase,
    next_steps,
    order_for_buttons,
    overdue,
    servable_documents,
    timeline,
)

Req = Request[Any, Any, Any]
STATUS_ORDER = list(CaseStatus)


@get("/arenden", include_in_schema=False)
async def my_cases(request: Req, actor: NamedDependency[Actor]) -> Template:
    require_role(actor, Role.INSPEKTOR)
    params = dict(request.query_params)
    view = await case_list(actor, "/arenden", params, fixed={"inspektor": actor.username})
    if any(params.get(k) for k in (*FILTERS, "sida")):
        # Filtered, sorted or paged: the plain list; unfiltered: the cards grouped by status.
        return await render(request, "mina_arenden.html", title="Mina ärenden", groups=[],
                            total=len(view.rows), view=view, filtered=True)
    mine = (await cases.list_cases(actor, inspektor=actor.username, limit=cases.MAX_PAGE))["items"]
    steps = await next_steps(actor, mine)
    rows: list[MyCase] = [{**row, "next": steps.get(row["id"], []), "overdue": overdue(row)}
                          for row in mine]
    rows.sort(key=lambda r: (STATUS_ORDER.index(CaseStatus(r["status"])),
                             r["svar_senast"] or r["opened_on"]))
    groups = [(STATUS_LABELS[CaseStatus(k)], list(g))
              for k, g in groupby(rows, key=lambda r: r["status"])]
    return await render(request, "mina_arenden.html", title="Mina ärenden", groups=groups,
                        total=len(rows), view=view, filtered=False)


async def _open_form(request: Req, actor: Actor, status: int = 200,
                     **context: Any) -> Template:
    region = actor.region
    kommuner = [k for k in await reference.kommuner() if region is None or k["region"] == region]
    kommuner.sort(key=lambda k: swedish_key(k["namn"]))
    running = [c for c in await campaigns.list_campaigns() if c.end >= clock.today()]
    people = await users.region_inspectors(actor)
    if actor.role is Role.INSPEKTOR:  # the inspector is the first; the second is chosen
        people = [u for u in people if u.username != actor.username]
    return await render(request, "oppna_arende.html", status_code=status,
                        title="Öppna ett ärende",
                        kommun_options=[(k["kommunkod"], f"{k['namn']} ({k['lan']})")
                                        for k in kommuner],
                        campaign_options=[(c.id, c.name) for c in running],
                        people_options=[(u.username, u.shown_name) for u in people],
                        methods=[(m.value, m.label) for m in Method],
                        unknown_names=[k["namn"] for k in kommuner if not k["juridiskt_namn"]],
                        **context)


@get("/arenden/nytt", include_in_schema=False)
async def open_form(request: Req, actor: NamedDependency[Actor]) -> Template:
    require_role(actor, Role.INSPEKTOR, Role.SAMORDNARE)
    return await _open_form(request, actor, values={"method": Method.FOKUSINSPEKTION.value,
                                                    "namnd": cases.DEFAULT_NAMND})


@post("/arenden/nytt", include_in_schema=False, status_code=303)
async def open_submit(request: Req, actor: NamedDependency[Actor]) -> Response[Any]:
    require_role(actor, Role.INSPEKTOR, Role.SAMORDNARE)
    values = await read_form(request, edge_ok=True)
    errors = {**_open_errors(values), **edge_errors(request)}
    if errors:
        return await _open_form(request, actor, status=400, values=values, errors=errors,
                                form_error=None)
    try:
        campaign = optional_int(values, "campaign_id", "Kampanj")
        if campaign is None:
            raise InvalidInput("Välj kampanj.", "campaign_id")
        out = await cases.open_case(actor, cases.OpenCase(
            campaign, text(values, "kommunkod"), cases.Arbetsstalle(
                text(values, "arbetsstalle"), address=text(values, "address"),
                org_nr=text(values, "org_nr"), employer=text(values, "employer"),
                namnd=text(values, "namnd")),
            text(values, "method"), text(values, "inspektor1") or None,
            text(values, "inspektor2") or None))
    except (InvalidInput, StepRefused, Conflict) as exc:
        ctx = _employer_errors(exc, {"campaign_id", "kommunkod", "arbetsstalle", "method",
                                     "inspektor1", "inspektor2"})
        return await _open_form(request, actor, status=status_for(exc), values=values, **ctx)
    return Redirect(f"/arenden/{out.id}?klart=oppnat", status_code=303)


def _open_errors(values: dict[str, Any]) -> dict[str, str]:
    """Every empty or malformed field at once; the service checks the rest."""
    errors: dict[str, str] = {}
    if not text(values, "campaign_id").isdecimal():
        errors["campaign_id"] = "Välj kampanj."
    if not text(values, "kommunkod"):
        errors["kommunkod"] = "Välj kommun."
    if not text(values, "arbetsstalle"):
        errors["arbetsstalle"] = "Ange arbetsställets namn."
    if text(values, "method") not in {m.value for m in Method}:
        errors["method"] = "Välj metod."
    org_nr = text(values, "org_nr")
    if org_nr and not valid_orgnr(normalise_orgnr(org_nr)):
        errors["org_nr"] = "Skriv organisationsnumret som NNNNNN-NNNN (tio siffror)."
    return errors


def _employer_errors(exc: DomainError, fields: set[str]) -> dict[str, Any]:
    """Form errors, the service's "arbetsstalle.org_nr" shown at the form's "org_nr"."""
    ctx = error_context(exc, fields | {"org_nr", "employer", "namnd", "arbetsstalle.org_nr",
                                       "arbetsstalle.employer"})
    for name in ("org_nr", "employer"):
        if ctx["errors"].get(f"arbetsstalle.{name}"):
            ctx["errors"][name] = ctx["errors"].pop(f"arbetsstalle.{name}")
    return ctx


@post("/arenden/{case_id:int}/arbetsgivare", include_in_schema=False, status_code=303)
async def employer_submit(request: Req, case_id: FromPath[int],
                          actor: NamedDependency[Actor]) -> Response[Any]:
    values = await read_form(request)
    try:
        await cases.set_employer(actor, cases.SetEmployer(
            case_id, optional_int(values, "version", "Version"), text(values, "employer"),
            text(values, "org_nr"), text(values, "namnd")))
    except (InvalidInput, StepRefused, Conflict) as exc:
        return await _case_page(request, case_id, actor, status=status_for(exc),
                                employer_values=values,
                                **_employer_errors(exc, {"version"}))
    return Redirect(f"/arenden/{case_id}?klart=arbetsgivare", status_code=303)


@get("/arenden/{case_id:int}", include_in_schema=False)
async def case_page(request: Req, case_id: FromPath[int], actor: NamedDependency[Actor],
                    klart: FromQuery[str | None] = None) -> Template:
    return await _case_page(request, case_id, actor, klart=klart)


async def _case_page(request: Req, case_id: int, actor: Actor, *, klart: str | None = None,
                     status: int = 200, employer_values: dict[str, Any] | None = None,
                     **context: Any) -> Template:
    case = await cases.case_detail(actor, case_id)
    case_diarium = await diarium.diarium_of(actor, case_id)
    steps = []
    for option in case["next_steps"]:
        if option["step"] == "delgivning" and option["allowed"] and not servable_documents(case):
            # The lifecycle allows it in this state, but its form would have nothing to serve.
            option = {**option, "allowed": False, "reason": NOTHING_TO_SERVE}
        spec = STEP_FORMS.get(option["step"])
        href = spec.href(case_id) if spec else None
        steps.append({**option, "href": href})
    fix = await corrections.correctable(actor, case)
    planning = {"kinds": PLANNED_KINDS, "dates": await bevakning.planned_for(case_id),
                "editable": actor.role in (Role.INSPEKTOR, Role.SAMORDNARE)
                and case["status"] != "avslutad"}
    employer_values = employer_values or {"employer": case["employer"],
                                          "org_nr": case["org_nr"], "namnd": case["namnd"]}
    return await render(request, "arende.html", status_code=status,
                        title=f"Ärende {case['diarienummer']}", fix=fix, planning=planning,
                        case=case, steps=order_for_buttons(steps, case["status"]),
                        events=timeline(case), diarium=case_diarium,
                        notice=NOTICES.get(klart or ""), overdue=overdue(case),
                        employer_values=employer_values,
                        can_edit_employer=actor.role in (Role.INSPEKTOR, Role.SAMORDNARE),
                        can_edit_citations=actor.role in (Role.INSPEKTOR, Role.JURIST)
                        and case["status"] != "avslutad",
                        **{"errors": {}, "form_error": None, **context})


__all__ = ["case_page", "employer_submit", "my_cases", "open_form", "open_submit"]
