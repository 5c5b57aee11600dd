"""Loading and reading the reference data (municipalities, catalogue, krav library)."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypedDict

from inspektion.db import app_settings
from inspektion.db.tables import (
    Kommun,
    KravTemplate,
    Lan,
    Region,
    RegulationParagraph,
    Workplace,
)
from inspektion.domain.access import Actor, require_role
from inspektion.domain.catalogue import Catalogue
from inspektion.domain.errors import InvalidInput, NotFound
from inspektion.domain.roles import Role
from inspektion.reference import files
from inspektion.services import audit
from inspektion.services.transactions import write_tx

# The fixtures load_reference reads; their checksum is stored with the data they gave.
REFERENCE_FILES = ("kommuner.csv", "kommuner_organisation.csv", "regulations.yaml",
                   "krav_templates.yaml")
CHECKSUM_KEY = "reference_checksum"
def fixtures_checksum(fixtures: Path) -> str:
    """SHA-256 over the reference files' names and bytes (a missing file counts as absent)."""
    digest = hashlib.sha256()
    for name in REFERENCE_FILES:
        path = fixtures / name
        digest.update(name.encode() + b"\0")
        digest.update(path.read_bytes() if path.exists() else b"\0absent\0")
    return digest.hexdigest()


async def reference_is_current(fixtures: Path) -> bool:
    """True when the reference data was last loaded from fixtures with this very checksum."""
    return await app_settings.get(CHECKSUM_KEY) == fixtures_checksum(fixtures)


async def load_reference(fixtures: Path) -> dict[str, int]:
    """Insert what is missing; running it twice changes nothing.

    A paragraph a jurist has verified stays verified even if the shipped file still says not.
    The fixtures' checksum is stored in the same transaction, so `inspektion serve` can skip
    this when they have not changed since (`reference_is_current`).
    """
    kommuner = files.read_kommuner(fixtures)
    checksum = fixtures_checksum(fixtures)
    async with write_tx():
        regions = {r["code"]: r["id"] for r in await Region.select(Region.id, Region.code)}
        for code in sorted({k.region for k in kommuner}):
            if code not in regions:
                row = await Region.insert(Region(code=code, namn=files.REGION_NAMES.get(code, code))
                                          ).returning(Region.id)
                regions[code] = row[0]["id"]
        lans = {r["kod"]: r["id"] for r in await Lan.select(Lan.id, Lan.kod)}
        for k in kommuner:
            if k.lan_kod not in lans:
                row = await Lan.insert(Lan(kod=k.lan_kod, namn=k.lan_namn, region=regions[k.region])
                                       ).returning(Lan.id)
                lans[k.lan_kod] = row[0]["id"]
        have = {r["kommunkod"] for r in await Kommun.select(Kommun.kommunkod)}
        new = [Kommun(kommunkod=k.kommunkod, namn=k.namn, lan=lans[k.lan_kod],
                      region=regions[k.region], lat=k.lat, lon=k.lon,
                      besokt_2015_2017=k.besokt_2015_2017)
               for k in kommuner if k.kommunkod not in have]
        if new:
            await Kommun.insert(*new)
        await _load_organisation(fixtures)
        await _load_catalogue(fixtures)
        await _load_templates(fixtures)
        await app_settings.put(CHECKSUM_KEY, checksum)
    return await counts()


async def _load_organisation(fixtures: Path) -> None:
    """Each municipality's registered name and organisationsnummer; then the workplaces.

    A workplace made before this data existed carries a name built by rule ("Helsingborg
    kommun") and no number. Where it names its own municipality that way, it gets the
    registered name and number instead (an empty name where no register gives one: the
    inspector is asked for it before a letter goes out).
    """
    kommuner = {r["kommunkod"]: r for r in await Kommun.select(
        Kommun.id, Kommun.kommunkod, Kommun.namn, Kommun.juridiskt_namn,
        Kommun.organisationsnummer)}
    for org in files.read_kommuner_organisation(fixtures):
        row = kommuner.get(org.kommunkod)
        if row is None:
            continue
        if (row["juridiskt_namn"], row["organisationsnummer"]) != (org.juridiskt_namn,
                                                                   org.organisationsnummer):
            await Kommun.update({Kommun.juridiskt_namn: org.juridiskt_namn,
                                 Kommun.organisationsnummer: org.organisationsnummer}
                                ).where(Kommun.id == row["id"])
        row.update(juridiskt_namn=org.juridiskt_namn, organisationsnummer=org.organisationsnummer)
    by_id = {r["id"]: r for r in kommuner.values()}
    for wp in await Workplace.select(Workplace.id, Workplace.kommun, Workplace.employer,
                                     Workplace.org_nr).where(Workplace.org_nr == ""):
        k = by_id.get(wp["kommun"])
        if k is None or not k["organisationsnummer"]:
            continue
        rule_built = {"", f"{k['namn']} kommun", k["juridiskt_namn"]}
        if k["namn"] == "Gotland":
            rule_built.add("Region Gotland")
        if wp["employer"] in rule_built:
            await Workplace.update({Workplace.employer: k["juridiskt_namn"],
                                    Workplace.org_nr: k["organisationsnummer"]}
                                   ).where(Workplace.id == wp["id"])


async def _load_catalogue(fixtures: Path) -> None:
    existing = {(r["regulation_id"], r["number"]): r
                for r in await RegulationParagraph.select().output(load_json=True)}
    for row in files.read_catalogue_rows(fixtures):
        old = existing.get((row["regulation_id"], row["number"]))
        if old is None:
            await RegulationParagraph.insert(RegulationParagraph(**row))
            continue
        keep_verified = bool(old["verified"]) or row["verified"]
        # A jurist's verification (and the source they gave) outlives a reload of a fixture
        # that still calls the paragraph unverified.
        kept = {"verified", "source"} if old["verified"] and not row["verified"] else {"verified"}
        changes: dict[Any, Any] = {k: v for k, v in row.items()
                                   if old.get(k) != v and k not in kept}
        if keep_verified != bool(old["verified"]):
            changes["verified"] = keep_verified
        if changes:
            await RegulationParagraph.update(changes).where(RegulationParagraph.id == old["id"])


async def _load_templates(fixtures: Path) -> None:
    have = {r["slug"] for r in await KravTemplate.select(KravTemplate.slug)}
    for t in files.read_krav_templates(fixtures):
        if t["id"] in have:
            continue
        await KravTemplate.insert(KravTemplate(
            slug=t["id"], title=t.get("title", ""), text=t["text"], brist=t.get("brist", ""),
            effektmal=t.get("effektmal"), citations=list(t.get("citations", [])),
            citations_2015=list(t.get("citations_2015", []))))


async def counts() -> dict[str, int]:
    return {
        "regioner": await Region.count(),
        "lan": await Lan.count(),
        "kommuner": await Kommun.count(),
        "paragrafer": await RegulationParagraph.count(),
        "kravmallar": await KravTemplate.count(),
    }


async def catalogue() -> Catalogue:
    rows = await RegulationParagraph.select().order_by(RegulationParagraph.id).output(
        load_json=True)
    return files.catalogue_from_rows(rows)


class KommunRow(TypedDict):
    """A municipality with its län and region, as the forms and the API list them."""

    kommunkod: str
    namn: str
    juridiskt_namn: str        # "" where no register gives it
    organisationsnummer: str   # "" likewise
    lan: str
    lan_kod: str
    region: str                # the region's code


async def kommuner() -> list[KommunRow]:
    rows = await Kommun.select(
        Kommun.kommunkod, Kommun.namn, Kommun.juridiskt_namn, Kommun.organisationsnummer,
        Kommun.lan.namn.as_alias("lan"),
        Kommun.lan.kod.as_alias("lan_kod"), Kommun.region.code.as_alias("region"),
    ).order_by(Kommun.kommunkod)
    return [KommunRow(kommunkod=r["kommunkod"], namn=r["namn"],
                      juridiskt_namn=r["juridiskt_namn"],
                      organisationsnummer=r["organisationsnummer"], lan=r["lan"],
                      lan_kod=r["lan_kod"], region=r["region"]) for r in rows]


class KravTemplateRow(TypedDict):
    """A krav of the library (fixtures/krav_templates.yaml); `id` is its slug."""

    id: str
    title: str
    text: str
    brist: str
    citations: list[str]
    citations_2015: list[str]   # as a letter before 2025-01-01 cites it (the rules then)
    effektmal: int | None


async def krav_templates() -> list[KravTemplateRow]:
    rows = await KravTemplate.select().order_by(KravTemplate.id).output(load_json=True)
    return [KravTemplateRow(id=r["slug"], title=r["title"], text=r["text"], brist=r["brist"],
                            citations=r["citations"], citations_2015=r["citations_2015"],
                            effektmal=r["effektmal"]) for r in rows]


async def template(slug: str) -> KravTemplateRow:
    for t in await krav_templates():
        if t["id"] == slug:
            return t
    raise InvalidInput(f"Kravmallen {slug!r} finns inte i kravbiblioteket.", "template_id")


class ParagraphVerified(TypedDict):
    """The answer to a verification: the paragraph's citation and the source now stored."""

    citation: str
    verified: bool
    source: str


async def verify_paragraph(actor: Actor, citation: str, source: str) -> ParagraphVerified:
    """A jurist marks a paragraph verified against its source; an audited change."""
    require_role(actor, Role.JURIST)
    if not source.strip():
        raise InvalidInput("Ange källan där paragrafens text lästes.", "source")
    cat = await catalogue()
    para = cat.find(citation)
    if para is None:
        raise NotFound(f"{citation!r} finns inte i regelkatalogen.")
    async with write_tx():
        await RegulationParagraph.update({
            RegulationParagraph.verified: True, RegulationParagraph.source: source.strip(),
            RegulationParagraph.verified_by: actor.username,
            RegulationParagraph.verified_at: datetime.now(UTC),
        }).where((RegulationParagraph.regulation_id == para.regulation_id)
                 & (RegulationParagraph.number == para.number))
        await audit.record(actor, "catalogue.verify", None, {
            "citation": para.citation, "before": {"verified": para.verified, "source": para.source},
            "after": {"verified": True, "source": source.strip()}})
    return ParagraphVerified(citation=para.citation, verified=True, source=source.strip())
