"""Parse the reference files: municipalities, regulation catalogue, krav library, questionnaire."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from inspektion.domain.catalogue import (
    Catalogue,
    Paragraph,
    Regulation,
    normalise,
    split_successors,
)
from inspektion.domain.questionnaire import Question

REGION_NAMES = {
    "IRN-Nord": "Inspektionsregion Nord",
    "IRM-Mitt": "Inspektionsregion Mitt",
    "IRÖ-Öst": "Inspektionsregion Öst",
    "IRV-Väst": "Inspektionsregion Väst",
    "IRS-Syd": "Inspektionsregion Syd",
}


@dataclass(frozen=True)
class KommunRow:
    kommunkod: str
    namn: str
    lan_kod: str
    lan_namn: str
    region: str
    besokt_2015_2017: bool
    lat: float
    lon: float


def read_kommuner(fixtures: Path) -> list[KommunRow]:
    with (fixtures / "kommuner.csv").open(encoding="utf-8") as fh:
        return [KommunRow(r["kommunkod"], r["namn"], r["lan_kod"], r["lan_namn"], r["region_2015"],
                          r["besokt_2015_2017"] == "ja", float(r["lat"]), float(r["lon"]))
                for r in csv.DictReader(fh)]


def _date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


@dataclass(frozen=True)
class KommunOrganisation:
    """A municipality as a legal person: registered name ("" where no register gives it)."""

    kommunkod: str
    juridiskt_namn: str
    organisationsnummer: str
    kalla: str


def read_kommuner_organisation(fixtures: Path) -> list[KommunOrganisation]:
    path = fixtures / "kommuner_organisation.csv"
    with path.open(encoding="utf-8") as fh:
        return [KommunOrganisation(r["kommunkod"], r["juridiskt_namn"].strip(),
                                   r["organisationsnummer"].strip(), r["kalla"].strip())
                for r in csv.DictReader(fh)]


def read_catalogue_rows(fixtures: Path) -> list[dict[str, Any]]:
    """One dict per paragraph, ready for the regulation_paragraph table."""
    data = yaml.safe_load((fixtures / "regulations.yaml").read_text(encoding="utf-8"))
    rows: list[dict[str, Any]] = []
    for reg in data["regulations"]:
        for para in reg.get("paragraphs") or []:
            rows.append({
                "regulation_id": reg["id"],
                "regulation_title": reg.get("title", ""),
                "in_force_from": _date(reg.get("in_force_from")),
                "in_force_to": _date(reg.get("in_force_to")),
                "number": normalise(str(para["number"])),
                "topic": str(para.get("topic", "")),
                "verified": bool(para.get("verified", False)),
                "source": para.get("source"),
                "successor": None,  # the catalogue's free-text note is split below
                "successors": list(split_successors(para.get("successor"))),
                "repealed": bool(para.get("repealed", False)),
            })
    return rows


def catalogue_from_rows(rows: list[dict[str, Any]]) -> Catalogue:
    regs: dict[str, dict[str, Any]] = {}
    for row in rows:
        reg = regs.setdefault(row["regulation_id"], {
            "title": row["regulation_title"], "from": row["in_force_from"],
            "to": row["in_force_to"], "paragraphs": []})
        reg["paragraphs"].append(Paragraph(
            row["regulation_id"], row["number"], row["topic"], bool(row["verified"]),
            row.get("source"), tuple(_list(row.get("successors"))), bool(row["repealed"])))
    return Catalogue(tuple(
        Regulation(rid, r["title"], r["from"], r["to"], tuple(r["paragraphs"]))
        for rid, r in regs.items()))


def _list(value: Any) -> list[str]:
    """A JSON column as read back: a list, or its text on a backend that returns text."""
    if isinstance(value, str):
        value = json.loads(value) if value else []
    return [str(v) for v in value or []]


def read_krav_templates(fixtures: Path) -> list[dict[str, Any]]:
    path = fixtures / "krav_templates.yaml"
    if not path.exists():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return list(data.get("templates", []))


@lru_cache(maxsize=4)
def read_questionnaire(fixtures: Path) -> tuple[Question, ...]:
    data = yaml.safe_load((fixtures / "questionnaire.yaml").read_text(encoding="utf-8"))
    scale = data["scale"]
    return tuple(
        Question(int(q["id"]), area["id"], area["name"], q["text"], int(scale["min"]),
                 int(scale["max"]), bool(q.get("reverse", False)))
        for area in data["areas"] for q in area["questions"])


@lru_cache(maxsize=4)
def read_scale_labels(fixtures: Path) -> dict[int, str]:
    data = yaml.safe_load((fixtures / "questionnaire.yaml").read_text(encoding="utf-8"))
    return {int(k): str(v) for k, v in (data["scale"].get("labels") or {}).items()}


@lru_cache(maxsize=4)
def read_courts(fixtures: Path) -> tuple[Any, ...]:
    """The förvaltningsrätter and their domkretsar (fixtures/forvaltningsratter.yaml)."""
    from inspektion.domain.forum import Court

    raw = yaml.safe_load((fixtures / "forvaltningsratter.yaml").read_text(encoding="utf-8"))
    return tuple(Court(c["name"], c["kansliort"], tuple(c["lan"]),
                       tuple(c.get("kommuner", ())), tuple(c.get("except_kommuner", ())),
                       bool(c.get("verified", False)), c.get("source", ""))
                 for c in raw["courts"])

@lru_cache(maxsize=4)
def read_vite_forum(fixtures: Path) -> Any:
    """Where AV is seated, for the court of an ansökan om utdömande (`vite_forum`)."""
    from inspektion.domain.forum import ViteForum

    raw = yaml.safe_load((fixtures / "forvaltningsratter.yaml").read_text(encoding="utf-8"))
    f = raw["vite_forum"]
    return ViteForum(str(f["authority"]), str(f["seat_kommunkod"]), str(f["seat_kommun"]),
                     str(f["seat_lan"]), bool(f.get("verified", False)), str(f.get("source", "")))


@lru_cache(maxsize=4)
def read_area_effektmal(fixtures: Path) -> dict[int, frozenset[str]]:
    """Effektmål → the question areas that measure it (the `effektmal` key of each area)."""
    data = yaml.safe_load((fixtures / "questionnaire.yaml").read_text(encoding="utf-8"))
    out: dict[int, set[str]] = {}
    for area in data["areas"]:
        if area.get("effektmal") is not None:
            out.setdefault(int(area["effektmal"]), set()).add(str(area["id"]))
    return {goal: frozenset(areas) for goal, areas in sorted(out.items())}
