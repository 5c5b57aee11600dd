"""The Litestar application: API, pages, OpenAPI, error mapping and the scheduler."""

from __future__ import annotations

from typing import Any

from litestar import Litestar, Request, Response
from litestar.openapi import OpenAPIConfig
from litestar.openapi.spec import Components, SecurityScheme

from inspektion.api.admin import CampaignController, UserController
from inspektion.api.auth_routes import AuthController
from inspektion.api.bevakning import BevakningController
from inspektion.api.cases import CaseController
from inspektion.api.docs import docs_assets_router, docs_plugin
from inspektion.api.documents import DocumentController
from inspektion.api.effekt import EffektController
from inspektion.api.errors import domain_error, unexpected_error
from inspektion.api.handlingar import DiariumController, HandlingController
from inspektion.api.maps import MapController, maps_static
from inspektion.api.reference import ReferenceController, health
from inspektion.api.reminders import ReminderController
from inspektion.api.svarslankar import SvarslankController
from inspektion.db.engine import bind_database
from inspektion.db.pool import close_pool, open_pool
from inspektion.domain.errors import DomainError
from inspektion.http import log_mask
from inspektion.http.csp import HtmlCspMiddleware
from inspektion.http.csrf import ApiCookieCsrfMiddleware
from inspektion.http.edge import InputRulesMiddleware
from inspektion.scheduler.jobs import start_scheduler, stop_scheduler
from inspektion.services.warm_up import warm_up
from inspektion.web import favicon, static_router, template_config, web_router
from inspektion.web.errors import app_error_page, wants_page
from inspektion.web.pages_svar import svar_router


def any_error(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    """JSON for the API, a Swedish page for every other address (a typo, a missing file)."""
    if wants_page(request):
        return app_error_page(request, exc)
    return unexpected_error(request, exc)


def create_app(bind: bool = True, extra_route_handlers: list[Any] | None = None) -> Litestar:
    log_mask.install()  # no answer link's secret in any log line
    if bind:
        bind_database()
    handlers: list[Any] = [health, AuthController, ReferenceController, CaseController,
                           HandlingController, DiariumController, DocumentController,
                           CampaignController, UserController, ReminderController,
                           BevakningController, web_router(), static_router(),
                           MapController, maps_static, docs_assets_router(), favicon,
                           EffektController, SvarslankController, svar_router()]
    handlers += extra_route_handlers or []
    return Litestar(
        route_handlers=handlers,
        on_startup=[open_pool, warm_up, start_scheduler],
        on_shutdown=[stop_scheduler, close_pool],
        exception_handlers={DomainError: domain_error, Exception: any_error},
        template_config=template_config(),
        middleware=[HtmlCspMiddleware(), ApiCookieCsrfMiddleware(), InputRulesMiddleware()],
        openapi_config=OpenAPIConfig(
            title="inspektion",
            version="0.1.0",
            description="Ärendehantering för Arbetsmiljöverkets fokusinspektioner av "
                        "socialtjänsten.",
            components=Components(security_schemes={
                "BearerToken": SecurityScheme(type="http", scheme="bearer")}),
            security=[{"BearerToken": []}],
            render_plugins=[docs_plugin()],
        ),
        debug=False,
    )
