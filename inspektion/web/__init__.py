"""The pages: server-rendered Swedish HTML over the same services as the API.

`create_app` adds `web_router()` and `static_router()` to its handlers, `template_config()`
as its template engine; the CSRF check of cookie-borne /api writes is `http.csrf`'s.
"""

from __future__ import annotations

from litestar import Router, get
from litestar.di import Provide
from litestar.response import File
from litestar.router import Router as RouterType
from litestar.static_files import create_static_files_router

from inspektion.web.context import WEB_DIR, template_config
from inspektion.web.errors import EXCEPTION_HANDLERS
from inspektion.web.pages_admin import (
    admin_page,
    campaign_archive,
    campaign_create,
    catalogue_page,
    catalogue_verify,
    user_active,
    user_create,
    user_password,
    user_role,
)
from inspektion.web.pages_auth import login_form, login_submit, logout, start
from inspektion.web.pages_cases import (
    case_page,
    employer_submit,
    my_cases,
    open_form,
    open_submit,
)
from inspektion.web.pages_corrections import (
    krav_form,
    krav_submit,
    meeting_form,
    meeting_submit,
    withdraw_krav_form,
    withdraw_krav_submit,
    withdraw_meeting_form,
    withdraw_meeting_submit,
)
from inspektion.web.pages_effekt import effekt_page, effekt_report_docx, effekt_report_pdf
from inspektion.web.pages_gruppsamtal import gruppsamtal_form, gruppsamtal_submit
from inspektion.web.pages_gruppsamtal_uppfoljning import follow_up_form, follow_up_submit
from inspektion.web.pages_handlingar import handling_form, handling_submit
from inspektion.web.pages_jurist import dismiss_reminder, jurist_page
from inspektion.web.pages_kalender import (
    calendar_page,
    feed,
    feed_create,
    feed_revoke,
    plan_submit,
)
from inspektion.web.pages_krav import citations_form, citations_submit
from inspektion.web.pages_oidc import oidc_callback, oidc_start
from inspektion.web.pages_region import region_csv, region_page
from inspektion.web.pages_search import search_page
from inspektion.web.pages_steps import preview, step_form, step_submit
from inspektion.web.pages_svarslankar import (
    link_create,
    link_enclosure,
    link_revoke,
    links_page,
)
from inspektion.web.security import check_page_csrf, page_actor

PAGE_HEADERS = {
    "Content-Security-Policy": ("default-src 'self'; img-src 'self' data:; style-src 'self'; "
                                "script-src 'self'; frame-src 'self'; frame-ancestors 'self'; "
                                "form-action 'self'; base-uri 'none'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


def web_router() -> RouterType:
    return Router(
        path="/",
        route_handlers=[start, login_form, login_submit, logout, oidc_start, oidc_callback,
                        admin_page, my_cases, open_form,
                        open_submit, case_page, employer_submit, citations_form,
                        citations_submit, step_form, step_submit, preview,
                        gruppsamtal_form, gruppsamtal_submit, region_page, region_csv,
                        jurist_page, dismiss_reminder, calendar_page, feed, feed_create,
                        feed_revoke, plan_submit, campaign_archive, campaign_create,
                        catalogue_page, catalogue_verify, user_active, user_create,
                        user_password, user_role, effekt_page, effekt_report_docx,
                        effekt_report_pdf, handling_form, handling_submit, search_page,
                        krav_form, krav_submit, meeting_form, meeting_submit,
                        withdraw_krav_form, withdraw_krav_submit, withdraw_meeting_form,
                        withdraw_meeting_submit, follow_up_form, follow_up_submit,
                        links_page, link_create, link_revoke, link_enclosure],
        dependencies={"actor": Provide(page_actor)},
        before_request=check_page_csrf,
        exception_handlers=EXCEPTION_HANDLERS,
        response_headers=PAGE_HEADERS,
        include_in_schema=False,
    )


@get("/favicon.ico", include_in_schema=False, cache=86400)
async def favicon() -> File:
    """Browsers ask for /favicon.ico whatever the page says; the pages link the SVG."""
    return File(WEB_DIR / "static" / "favicon.ico", media_type="image/x-icon",
                content_disposition_type="inline")


def static_router() -> RouterType:
    return create_static_files_router(path="/static", directories=[WEB_DIR / "static"],
                                      name="web-static", include_in_schema=False)


__all__ = ["favicon", "static_router", "template_config", "web_router"]
