"""What a map is handed: a frozen view, built by a service (services/map_views.py).

The maps draw what they are given and read nothing themselves. The rows are read-only
mappings (their keys are the tooltip fields and the panels' names), held in tuples.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

Row = Mapping[str, Any]


class FrozenRow(Mapping[str, Any]):
    """A read-only row that can be pickled: the maps and the campaign report are drawn in a
    worker process (services/offload.py), and a MappingProxyType cannot travel there."""

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, Any]) -> None:
        self._values = dict(values)

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"FrozenRow({self._values!r})"

    def __reduce__(self) -> tuple[type[FrozenRow], tuple[dict[str, Any]]]:
        return (FrozenRow, (self._values,))


def frozen(row: Mapping[str, Any]) -> Row:
    """A read-only copy of one row."""
    return FrozenRow(row)


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
