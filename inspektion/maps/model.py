"""What a map is handed: a frozen view, built by a service (services/map_views.py).

The maps draw what they are given and read nothing themselves. The rows are read-only
mappings (their keys are the tooltip fields and the panels' names), held in tuples.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any

Row = Mapping[str, Any]


def frozen(row: Mapping[str, Any]) -> Row:
    """A read-only copy of one row."""
    return MappingProxyType(dict(row))


def frozen_rows(rows: Iterable[Mapping[str, Any]]) -> tuple[Row, ...]:
    return tuple(frozen(r) for r in rows)


@dataclass(frozen=True)
class CoverageView:
    """Every municipality with its state in the campaign, and the progress against target."""

    campaign: Row  # id, name, target_share, …
    as_of: date
    kommuner: tuple[Row, ...]  # kommunkod, namn, lan, region, cases, visits, open_krav, state, …
    regions: tuple[Row, ...]  # region, namn, kommuner, target, reached, reported_reached
    national: Row  # kommuner, reached, target, reported_reached
    state_counts: Mapping[str, int]  # municipalities per KommunState value
    note: str | None = None  # the final report's remark on its figures


@dataclass(frozen=True)
class KravView:
    """Where krav of one regulation or effektmål were set, among inspected municipalities."""

    campaign: Row
    as_of: date
    choice: str  # "regulation" or "effektmal"
    value: str | int
    title: str
    kommuner: tuple[Row, ...]  # kommunkod, namn, lan, region, inspected, krav
    regions: tuple[Row, ...]  # region, inspected, with_krav, share
    national: Row  # inspected, with_krav, share
