"""The API documentation at /schema, served whole from the app: it works without internet.

Litestar's default page loads Redoc and Google Fonts from outside; an agency network often
has no route there, and the page stayed blank. Swagger UI's files (swagger-ui-dist 5.35.0 from
npm, Apache-2.0, licence beside them) live in swagger_ui/ and are served under
/static/api-dokumentation; the favicon is the app's own. Litestar writes OpenAPI 3.1, which
Swagger UI reads from version 5 on: the `swagger-ui-bundle` package on PyPI carries 4.15 and
showed only "Unable to render this definition".
"""

from __future__ import annotations

from pathlib import Path

from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.router import Router
from litestar.static_files import create_static_files_router

DOCS_ASSETS = "/static/api-dokumentation"
ASSETS_DIR = Path(__file__).parent / "swagger_ui"
FAVICON_LINK = "<link rel='icon' type='image/svg+xml' href='/static/favicon.svg'>"


def docs_plugin() -> SwaggerRenderPlugin:
    return SwaggerRenderPlugin(
        js_url=f"{DOCS_ASSETS}/swagger-ui-bundle.js",
        css_url=f"{DOCS_ASSETS}/swagger-ui.css",
        standalone_preset_js_url=f"{DOCS_ASSETS}/swagger-ui-standalone-preset.js",
        path=["/", "/swagger"],
        favicon=FAVICON_LINK,
    )


def docs_assets_router() -> Router:
    return create_static_files_router(
        path=DOCS_ASSETS, directories=[ASSETS_DIR],
        name="api-docs-assets", include_in_schema=False)
