"""`inspektion map coverage --out FILE.html`: a map file that opens without any network."""

from __future__ import annotations

import argparse
from pathlib import Path

from inspektion.config import load_settings
from inspektion.maps.coverage import render_coverage
from inspektion.services.map_views import coverage_view


async def coverage_command(args: argparse.Namespace) -> int:
    settings = load_settings()
    view = await coverage_view(getattr(args, "campaign", None))
    page = render_coverage(view, settings.fixtures_dir, inline=True, tile_url=settings.tile_url)
    Path(args.out).write_text(page, encoding="utf-8")
    nat = view.national
    print(f"Skrev {args.out} ({len(page.encode('utf-8'))} byte): {view.campaign['name']}, "
          f"{nat['reached']} av {nat['target']} kommuner nådda.")
    return 0
