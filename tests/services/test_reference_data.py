"""Reference data: the municipalities, the catalogue and the krav library."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from inspektion.config import load_settings
from inspektion.db.tables import Kommun, Lan, Region
from inspektion.services import reference


async def test_290_kommuner_21_lan_5_regions(db: str) -> None:
    assert await Kommun.count() == 290
    codes = [r["kommunkod"] for r in await Kommun.select(Kommun.kommunkod)]
    assert len(set(codes)) == 290
    assert await Lan.count() == 21
    assert await Region.count() == 5


async def test_every_standard_krav_cites_catalogue_paragraphs(db: str) -> None:
    catalogue = await reference.catalogue()
    templates = await reference.krav_templates()
    assert len(templates) >= 20
    for t in templates:
        assert 1 <= t["effektmal"] <= 4, t["id"]
        for citation in t["citations"] + t["citations_2015"]:
            para = catalogue.find(citation)
            assert para is not None, (t["id"], citation)
            assert not para.repealed


async def test_load_reference_twice_changes_nothing(db: str) -> None:
    before = await reference.counts()
    after = await reference.load_reference(load_settings().fixtures_dir)
    assert before == after


async def test_serve_skips_the_reload_only_while_the_fixtures_are_unchanged(
        db: str, tmp_path: Path) -> None:
    """The checksum stored at a load says whether `serve` must load again (issue 17)."""
    fixtures = load_settings().fixtures_dir
    await reference.load_reference(fixtures)
    assert await reference.reference_is_current(fixtures)
    changed = tmp_path / "fixtures"
    shutil.copytree(fixtures, changed, ignore=shutil.ignore_patterns("campaign_2015"))
    assert await reference.reference_is_current(changed)  # same bytes, other folder
    with (changed / "krav_templates.yaml").open("a", encoding="utf-8") as fh:
        fh.write("\n# ändrad\n")
    assert not await reference.reference_is_current(changed)
    await reference.load_reference(changed)
    assert await reference.reference_is_current(changed)
    assert not await reference.reference_is_current(fixtures)
    await reference.load_reference(fixtures)  # back to the shipped fixtures' checksum


def test_cli_init_twice_leaves_same_counts(tmp_path: Path) -> None:
    env = {**os.environ, "INSPEKTION_DATABASE_URL": f"sqlite:///{tmp_path}/cli.sqlite"}
    outputs = []
    for _ in range(2):
        done = subprocess.run([sys.executable, "-m", "inspektion.cli", "init"], env=env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        outputs.append([line for line in done.stdout.splitlines()
                        if line.startswith("Referensdata")])
    assert outputs[0] == outputs[1]
    assert "290 kommuner" in outputs[0][0]


async def test_serve_skips_the_migration_runner_only_when_every_migration_has_run(
        db: str) -> None:
    """The ids read from the file names are the migrations' own (issue 17's start-up)."""
    import re as regex

    from inspektion.db.setup import migrations_current, shipped_migration_ids
    from inspektion.db.tables import Case

    folder = Path(__file__).parents[2] / "inspektion" / "db" / "migrations"
    declared = {regex.search(r'^ID = "([^"]+)"', p.read_text(encoding="utf-8"), regex.M)
                .group(1)  # type: ignore[union-attr]
                for p in folder.glob("inspektion_*.py")}
    assert shipped_migration_ids() == declared and len(declared) >= 15
    assert await migrations_current()
    newest = max(declared)
    await Case.raw("DELETE FROM migration WHERE name = {}", newest)
    try:
        assert not await migrations_current()
    finally:
        await Case.raw("INSERT INTO migration (name, app_name) VALUES ({}, {})",
                       newest, "inspektion")
    assert await migrations_current()
