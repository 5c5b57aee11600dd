"""The administrator's screens (users, campaigns) and the jurist's regulation catalogue.

Each form posts to one service function (services/user_admin, services/campaigns,
services/reference); a refusal re-renders the page with the reason and what was typed.
A reset password is shown once, on the page that answers the reset.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from inspektion.domain.access import Actor, require_role
from inspektion.domain.errors import DomainError, InvalidInput
from inspektion.domain.roles import Role
from inspektion.http.status import status_for
from inspektion.services import campaigns, reference, user_admin, users
from inspektion.web.context import render
from inspektion.web.forms import FormValues, optional_date, read_form, text

Req = Request[Any, Any, Any]
ROLE_CHOICES = [(r.value, r.label) for r in Role]
SAVED = {"anvandare": "Användaren är skapad.", "aktiv": "Kontot är ändrat.",
         "roll": "Roll och region är ändrade.", "kampanj": "Kampanjen är skapad.",
         "arkiverad": "Kampanjen är arkiverad.", "verifierad": "Paragrafen är markerad som "
         "verifierad mot källan."}


async def _admin(request: Req, actor: Actor, status: int = 200, **extra: Any) -> Template:
    require_role(actor, Role.ADMIN)
    ctx: dict[str, Any] = {"values": {}, "problem": None, "new_password": None}
    ctx.update(extra)
    return await render(request, "admin.html", status_code=status,
                        title="Administration", campaigns=await campaigns.list_campaigns(),
                        people=await users.list_users(actor), roles=ROLE_CHOICES,
                        role_labels=dict(ROLE_CHOICES), regions=await user_admin.regions(),
                        **ctx)


def _saved(klart: str | None) -> str | None:
    return SAVED.get(klart or "")


@get("/admin", include_in_schema=False)
async def admin_page(request: Req, actor: NamedDependency[Actor],
                     klart: FromQuery[str | None] = None) -> Template:
    return await _admin(request, actor, notice=_saved(klart))


async def _refused(request: Req, actor: Actor, exc: DomainError, form: str,
                   values: FormValues) -> Template:
    return await _admin(request, actor, status=status_for(exc),
                        problem={"form": form, "text": str(exc),
                                 "field": getattr(exc, "field", None)},
                        values={form: values})


@post("/admin/anvandare", include_in_schema=False, status_code=303)
async def user_create(request: Req, actor: NamedDependency[Actor]) -> Response[Any]:
    v = await read_form(request)
    try:
        await users.add_user(text(v, "username"), str(v.get("password", "")), text(v, "role"),
                             text(v, "region") or None, display_name=text(v, "display_name"),
                             title=text(v, "title"), email=text(v, "email"), actor=actor)
    except DomainError as exc:
        return await _refused(request, actor, exc, "ny", {**v, "password": ""})
    return Redirect("/admin?klart=anvandare", status_code=303)


@post("/admin/anvandare/{user_id:int}/aktiv", include_in_schema=False, status_code=303)
async def user_active(request: Req, user_id: FromPath[int],
                      actor: NamedDependency[Actor]) -> Response[Any]:
    v = await read_form(request)
    try:
        await user_admin.set_active(actor, user_id, text(v, "active") == "1")
    except DomainError as exc:
        return await _refused(request, actor, exc, f"u{user_id}", v)
    return Redirect("/admin?klart=aktiv", status_code=303)


@post("/admin/anvandare/{user_id:int}/losenord", include_in_schema=False, status_code=200)
async def user_password(request: Req, user_id: FromPath[int],
                        actor: NamedDependency[Actor]) -> Template:
    try:
        done = await user_admin.reset_password(actor, user_id)
    except DomainError as exc:
        return await _refused(request, actor, exc, f"u{user_id}", {})
    return await _admin(request, actor, new_password=done)


@post("/admin/anvandare/{user_id:int}/roll", include_in_schema=False, status_code=303)
async def user_role(request: Req, user_id: FromPath[int],
                    actor: NamedDependency[Actor]) -> Response[Any]:
    v = await read_form(request)
    try:
        await user_admin.change_role(actor, user_id, text(v, "role"), text(v, "region"))
    except DomainError as exc:
        return await _refused(request, actor, exc, f"u{user_id}", v)
    return Redirect("/admin?klart=roll", status_code=303)


def _share(raw: str) -> float:
    cleaned = raw.replace("%", "").replace(",", ".").strip()
    try:
        value = float(cleaned)
    except ValueError:
        raise InvalidInput("Målandelen ska vara ett tal, t.ex. 50 (procent).",
                           "target_share") from None
    return value / 100 if value > 1 else value


@post("/admin/kampanjer", include_in_schema=False, status_code=303)
async def campaign_create(request: Req, actor: NamedDependency[Actor]) -> Response[Any]:
    v = await read_form(request)
    try:
        targets: dict[str, int] = {}
        for r in await user_admin.regions():
            raw = text(v, f"mal_{r.code}")
            if raw:
                if not raw.isdecimal():
                    raise InvalidInput(f"Målet för {r.code} ska vara ett heltal (antal "
                                       "kommuner).", f"mal_{r.code}")
                targets[r.code] = int(raw)
        await campaigns.create_campaign(actor, text(v, "name"), optional_date(v, "start"),
                                        optional_date(v, "end"), _share(text(v, "target_share")),
                                        targets or None)
    except DomainError as exc:
        return await _refused(request, actor, exc, "kampanj", v)
    return Redirect("/admin?klart=kampanj", status_code=303)


@post("/admin/kampanjer/{campaign_id:int}/arkivera", include_in_schema=False, status_code=303)
async def campaign_archive(request: Req, campaign_id: FromPath[int],
                           actor: NamedDependency[Actor]) -> Response[Any]:
    try:
        await campaigns.archive_campaign(actor, campaign_id)
    except DomainError as exc:
        return await _refused(request, actor, exc, f"k{campaign_id}", {})
    return Redirect("/admin?klart=arkiverad", status_code=303)


async def _catalogue(request: Req, actor: Actor, status: int = 200, **extra: Any) -> Template:
    require_role(actor, Role.JURIST)
    cat = await reference.catalogue()
    regs = sorted(cat.regulations, key=lambda r: r.id)
    unverified = sum(1 for r in regs for p in r.paragraphs if not p.verified)
    return await render(request, "regelkatalog.html", status_code=status,
                        title="Regelkatalogen", regulations=regs, unverified=unverified,
                        **{"problem": None, "values": {}, "only_unverified": False, **extra})


@get("/juridik/regelkatalog", include_in_schema=False)
async def catalogue_page(request: Req, actor: NamedDependency[Actor],
                         klart: FromQuery[str | None] = None,
                         visa: FromQuery[str | None] = None) -> Template:
    return await _catalogue(request, actor, notice=_saved(klart),
                            only_unverified=visa == "overifierade")


@post("/juridik/regelkatalog/verifiera", include_in_schema=False, status_code=303)
async def catalogue_verify(request: Req, actor: NamedDependency[Actor]) -> Response[Any]:
    v = await read_form(request)
    citation = text(v, "citation")
    try:
        await reference.verify_paragraph(actor, citation, text(v, "source"))
    except DomainError as exc:
        return await _catalogue(request, actor, status=status_for(exc),
                                problem={"citation": citation, "text": str(exc)}, values=v,
                                only_unverified=text(v, "visa") == "overifierade")
    keep = "&visa=overifierade" if text(v, "visa") == "overifierade" else ""
    return Redirect(f"/juridik/regelkatalog?klart=verifierad{keep}", status_code=303)


__all__ = ["admin_page", "campaign_archive", "campaign_create", "catalogue_page",
           "catalogue_verify", "user_active", "user_create", "user_password", "user_role"]
