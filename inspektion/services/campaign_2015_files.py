"""The two files the 2015–2017 campaign is built from (fixtures/campaign_2015/), typed and
checked when read.

Why: rapport.yaml holds the report's figures that the figures page, the maps and the campaign
report show beside ours, and generering.yaml the assumptions the plan draws from; a missing
or misspelt key should stop the load with the file and key named, not surface later as a
KeyError deep in the plan or as a wrong figure. Pure: reads files, no database.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TypedDict

import yaml


class Report(TypedDict):
    """rapport.yaml: what the final report says in figures (keys as in the file)."""

    kampanj: str
    start: date
    slut: date
    malandel: float
    kommuner_totalt: int
    nadda_kommuner: int
    besok_per_region: dict[str, int]  # region code → visits
    inspektionsmeddelanden: int
    krav: int
    tillsynsmeddelanden: int
    underrattelser: int
    forelagganden_med_vite: int
    nadda_per_region: dict[str, int]  # region code → municipalities reached
    nadda_per_lan: dict[str, int]  # länskod → municipalities reached
    anmarkning: str | None  # the report's remark on its own figures


class KravRange(TypedDict):
    min: int
    max: int


class ForeOsa(TypedDict):
    """Before `datum`, krav citing AFS 2015:4 cite `ersatt_med` instead."""

    datum: date
    ersatt_med: list[str]


class Generation(TypedDict):
    """generering.yaml: the assumptions for what the report does not say."""

    seed: int
    lagesdatum: date
    oppnas_fran: date
    oppnas_till: date
    tvasteg_fran: date
    tvasteg_till: date
    extra_kontor: dict[str, int]  # kommunkod → offices beyond the first
    tvasteg_per_region: dict[str, int]
    krav_per_meddelande: KravRange
    vite_sek: list[int]
    mallvikter: dict[str, float]  # template slug → weight (1 when not listed)
    fore_osa: ForeOsa
    arbetsomraden: list[str]


class _Fields:
    """Reads one file's keys, naming the file and key in every complaint."""

    def __init__(self, path: Path) -> None:
        self.name = path.name
        with path.open(encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
        if not isinstance(data, dict):
            raise ValueError(f"{self.name}: filen ska innehålla nycklar och värden.")
        self.data: dict[object, object] = data

    def fail(self, key: str, what: str) -> ValueError:
        return ValueError(f"{self.name}: {key} ska vara {what}.")

    def value(self, key: str, optional: bool = False) -> object:
        """A top-level key's value (a nested key, `a.b`, is never in `data`: missing)."""
        if key not in self.data and not optional:
            raise ValueError(f"{self.name}: {key} saknas.")
        return self.data.get(key)

    def text(self, key: str) -> str:
        v = self.value(key)
        if not isinstance(v, str):
            raise self.fail(key, "text")
        return v

    def integer(self, key: str, v: object = None) -> int:
        v = self.value(key) if v is None else v
        if isinstance(v, bool) or not isinstance(v, int):
            raise self.fail(key, "ett heltal")
        return v

    def number(self, key: str, v: object = None) -> float:
        v = self.value(key) if v is None else v
        if isinstance(v, bool) or not isinstance(v, int | float):
            raise self.fail(key, "ett tal")
        return float(v)

    def day(self, key: str, v: object = None) -> date:
        v = self.value(key) if v is None else v
        if isinstance(v, date):
            return v
        try:
            return date.fromisoformat(str(v))
        except ValueError:
            raise self.fail(key, "ett datum (ÅÅÅÅ-MM-DD)") from None

    def table(self, key: str, optional: bool = False) -> dict[object, object]:
        v = self.value(key, optional)
        if v is None and optional:
            return {}
        if not isinstance(v, dict):
            raise self.fail(key, "en tabell")
        return v

    def counts(self, key: str, optional: bool = False) -> dict[str, int]:
        return {str(k): self.integer(f"{key}.{k}", v)
                for k, v in self.table(key, optional).items()}

    def items(self, key: str, v: object = None) -> list[object]:
        v = self.value(key) if v is None else v
        if not isinstance(v, list):
            raise self.fail(key, "en lista")
        return v


def read_report(path: Path) -> Report:
    """rapport.yaml, checked: every figure present and a number."""
    f = _Fields(path)
    note = f.value("anmarkning", optional=True)
    return Report(
        kampanj=f.text("kampanj"), start=f.day("start"), slut=f.day("slut"),
        malandel=f.number("malandel"), kommuner_totalt=f.integer("kommuner_totalt"),
        nadda_kommuner=f.integer("nadda_kommuner"), besok_per_region=f.counts("besok_per_region"),
        inspektionsmeddelanden=f.integer("inspektionsmeddelanden"), krav=f.integer("krav"),
        tillsynsmeddelanden=f.integer("tillsynsmeddelanden"),
        underrattelser=f.integer("underrattelser"),
        forelagganden_med_vite=f.integer("forelagganden_med_vite"),
        nadda_per_region=f.counts("nadda_per_region"), nadda_per_lan=f.counts("nadda_per_lan"),
        anmarkning=None if note is None else str(note))


def read_generation(path: Path) -> Generation:
    """generering.yaml, checked: dates as dates, counts and weights as numbers."""
    f = _Fields(path)
    span = f.table("krav_per_meddelande")
    rule = f.table("fore_osa")
    return Generation(
        seed=f.integer("seed"), lagesdatum=f.day("lagesdatum"),
        oppnas_fran=f.day("oppnas_fran"), oppnas_till=f.day("oppnas_till"),
        tvasteg_fran=f.day("tvasteg_fran"), tvasteg_till=f.day("tvasteg_till"),
        extra_kontor=f.counts("extra_kontor", optional=True),
        tvasteg_per_region=f.counts("tvasteg_per_region"),
        krav_per_meddelande=KravRange(
            min=f.integer("krav_per_meddelande.min", span.get("min")),
            max=f.integer("krav_per_meddelande.max", span.get("max"))),
        vite_sek=[f.integer("vite_sek", v) for v in f.items("vite_sek")],
        mallvikter={str(k): f.number(f"mallvikter.{k}", v)
                    for k, v in f.table("mallvikter", optional=True).items()},
        fore_osa=ForeOsa(datum=f.day("fore_osa.datum", rule.get("datum")),
                         ersatt_med=[str(c) for c in f.items("fore_osa.ersatt_med",
                                                             rule.get("ersatt_med"))]),
        arbetsomraden=[str(a) for a in f.items("arbetsomraden")])

