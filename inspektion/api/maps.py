"""Coverage maps and figures over HTTP, and the vendored Leaflet the map pages load."""

from __future__ import annotations

from pathlib import Path

from litestar import Controller, MediaType, Response, get
from litestar.di import NamedDependency, Provide
from litestar.params import FromQuery
from litestar.static_files import create_static_files_router

from inspektion.api.auth import provide_actor
from inspektion.config import load_settings
from inspektion.domain.access import Actor
from inspektion.domain.errors import InvalidInput
from inspektion.domain.roles import Role
from inspektion.maps.assets import STATIC_DIR, STATIC_URL
from inspektion.maps.model import CoverageView, KravView
from inspektion.services import offload
from inspektion.services.map_views import coverage_view, krav_view
from inspektion.services.stats import CampaignFigures, campaign_figures


def _html(made: tuple[str, str]) -> Response[str]:
    """The map page with its CSP as a header too (frame-ancestors works only there)."""
    page, policy = made
    return Response(page, media_type=MediaType.HTML,
                    headers={"Cache-Control": "private, no-store",
                             "Content-Security-Policy": policy,
                             "X-Content-Type-Options": "nosniff",
                             "Referrer-Policy": "same-origin"})


# Folium is pure Python and a map of 290 municipalities took half a second of the event loop:
# the pages are drawn in a worker process (services/offload.py), which alone imports Folium.
# Each gives the page and its Content-Security-Policy (the policy hashes the page's scripts).
def _coverage_page(view: CoverageView, fixtures: Path, tile_url: str | None,
                   region: str | None, kommun_url: str | None) -> tuple[str, str]:
    from inspektion.maps.base import content_security_policy
    from inspektion.maps.coverage import render_coverage

    page = render_coverage(view, fixtures, tile_url=tile_url, region=region,
                           kommun_url=kommun_url)
    return page, content_security_policy(page, tile_url)


def _krav_page(view: KravView, fixtures: Path, tile_url: str | None) -> tuple[str, str]:
    from inspektion.maps.base import content_security_policy
    from inspektion.maps.krav_map import render_krav_map

    page = render_krav_map(view, fixtures, tile_url=tile_url)
    return page, content_security_policy(page, tile_url)


class MapController(Controller):
    path = "/api"
    tags = ["kartor och siffror"]
    dependencies = {"actor": Provide(provide_actor)}

    @get("/stats", summary="Kampanjens siffror per region och för riket")
    async def stats(self, actor: NamedDependency[Actor],
                    campaign_id: FromQuery[int | None] = None) -> CampaignFigures:
        return await campaign_figures(campaign_id)

    @get("/maps/coverage", summary="Täckningskartan (HTML-sida)", media_type=MediaType.HTML)
    async def coverage(self, actor: NamedDependency[Actor],
                       campaign_id: FromQuery[int | None] = None,
                       region: FromQuery[str | None] = None) -> Response[str]:
        """Fitted to `region` (a coordinator's own by default); a click on a municipality
        lists its cases (the region page for a coordinator, the search page for others)."""
        settings = load_settings()
        view = await coverage_view(campaign_id)
        fit = region or (actor.region if actor.role is Role.SAMORDNARE else None)
        if fit and not any(k["region"] == fit for k in view.kommuner):
            raise InvalidInput(f"Okänd region {fit!r}.", "region")
        cid = view.campaign["id"]
        listing = (f"/region?campaign_id={cid}&kommunkod=" if actor.role is Role.SAMORDNARE
                   else None if actor.role is Role.ADMIN
                   else f"/sok?campaign_id={cid}&kommunkod=")
        return _html(await offload.rendering(_coverage_page, view, settings.fixtures_dir,
                                             settings.tile_url, fit, listing))

    @get("/maps/krav", summary="Var krav enligt en föreskrift eller ett effektmål ställdes "
                              "(HTML-sida)", media_type=MediaType.HTML)
    async def krav(self, actor: NamedDependency[Actor], campaign_id: FromQuery[int | None] = None,
                   regulation: FromQuery[str | None] = None,
                   effektmal: FromQuery[int | None] = None) -> Response[str]:
        """`regulation` ("AFS 2015:4", "AML") or `effektmal` (1–4), not both."""
        settings = load_settings()
        view = await krav_view(campaign_id, regulation, effektmal)
        return _html(await offload.rendering(_krav_page, view, settings.fixtures_dir,
                                             settings.tile_url))


maps_static = create_static_files_router(
    path=STATIC_URL, directories=[STATIC_DIR], name="maps_static", include_in_schema=False)
