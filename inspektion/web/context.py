"""What every page shares: the template engine, Swedish formatting, the menu and reminders.

Reminders come from `inspektion.services.reminders.open_reminders(actor)`, shaped for the
reminder box; one past its day is marked overdue.
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader
from litestar import Request
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.response import Template
from litestar.template.config import TemplateConfig

from inspektion import clock
from inspektion.domain.access import Actor
from inspektion.domain.kronor import kr
from inspektion.domain.reminder_rules import ReminderKind, reminder_overdue
from inspektion.domain.roles import Role
from inspektion.http.csrf import expected_token
from inspektion.services.reminders import ReminderOut, open_reminders

log = logging.getLogger("inspektion.web")
WEB_DIR = Path(__file__).resolve().parent
Req = Request[Any, Any, Any]

HOME: dict[Role, str] = {Role.INSPEKTOR: "/arenden", Role.SAMORDNARE: "/region",
                         Role.JURIST: "/juridik", Role.ADMIN: "/admin"}
NAV: dict[Role, list[tuple[str, str]]] = {
    Role.INSPEKTOR: [("Mina ärenden", "/arenden"), ("Öppna ärende", "/arenden/nytt"),
                     ("Min kalender", "/kalender")],
    Role.SAMORDNARE: [("Regionen", "/region"), ("Effekt", "/effekt"),
                      ("Öppna ärende", "/arenden/nytt"), ("Min kalender", "/kalender")],
    Role.JURIST: [("Beslutsdesk", "/juridik"), ("Min kalender", "/kalender"),
                  ("Regelkatalogen", "/juridik/regelkatalog")],
    Role.ADMIN: [("Administration", "/admin")],
}


def datum(value: Any) -> str:
    """ISO dates, as Swedish authorities write them (2026-11-23)."""
    if value is None or value == "":
        return "–"
    if isinstance(value, datetime):
        return value.astimezone(clock.STOCKHOLM).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def kronor(value: Any) -> str:
    if value is None or value == "":
        return "–"
    return kr(int(value))


def procent(value: Any) -> str:
    if value is None:
        return "–"
    return f"{float(value) * 100:.0f}\u00a0%".replace(".", ",")


def decimal(value: Any) -> str:
    return "–" if value is None else f"{float(value):.1f}".replace(".", ",")


def template_config() -> TemplateConfig[JinjaTemplateEngine]:
    env = Environment(loader=FileSystemLoader(WEB_DIR / "templates"), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update(datum=datum, kronor=kronor, procent=procent, decimal=decimal)
    return TemplateConfig(instance=JinjaTemplateEngine.from_environment(env))


async def reminders_for(actor: Actor) -> tuple[list[dict[str, Any]], str | None]:
    """(reminders, problem); a page never fails because the reminders could not be read."""
    try:
        items = await open_reminders(actor)
    except Exception:
        log.exception("could not read reminders for %s", actor.username)
        return [], "Påminnelserna kunde inte hämtas just nu."
    today = clock.today()
    return [_reminder(i, today) for i in items], None


def _reminder(raw: ReminderOut, today: date) -> dict[str, Any]:
    """The box's view of one reminder; overdue by the domain's rule (its day has passed)."""
    due = raw.due_on
    return {"id": raw.id, "kind_label": raw.kind_label, "text": raw.message,
            "case_id": raw.case_id, "diarienummer": raw.diarienummer, "due": due,
            "overdue": reminder_overdue(ReminderKind(raw.kind), due, today)}


def base_context(request: Req) -> dict[str, Any]:
    actor: Actor | None = getattr(request.state, "actor", None)
    return {
        "actor": actor,
        "role_label": actor.role.label if actor else "",
        "nav": NAV.get(actor.role, []) if actor else [],
        "home": HOME.get(actor.role, "/") if actor else "/logga-in",
        "csrf": expected_token(request) or "",
        "today": clock.today(),
        "path": request.url.path,
        "reminders": [],
        "reminder_problem": None,
        "errors": {},
        "values": {},
        "notice": None,
    }


async def render(request: Req, template: str, status_code: int = 200,
                 **context: Any) -> Template:
    """A full page for the logged-in user, with their reminders."""
    ctx = base_context(request)
    actor: Actor | None = ctx["actor"]
    if actor is not None:
        ctx["reminders"], ctx["reminder_problem"] = await reminders_for(actor)
    ctx.update(context)
    return Template(template_name=template, context=ctx, status_code=status_code)
