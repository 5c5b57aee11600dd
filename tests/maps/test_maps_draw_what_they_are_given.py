"""maps/ draws a frozen view a service built, and cannot change it."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from inspektion.maps.model import CoverageView, frozen, frozen_rows

# That maps/ imports no service, table, query or HTTP code: tests/test_layer_direction.py.


def test_the_view_cannot_be_changed_by_the_map() -> None:
    view = CoverageView(campaign=frozen({"id": 1, "name": "K"}), as_of=date(2026, 1, 1),
                        kommuner=frozen_rows([{"kommunkod": "0114", "state": "planerad"}]),
                        regions=(), national=frozen({"kommuner": 1}), state_counts=frozen({}))
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.note = "ändrad"  # type: ignore[misc]
    with pytest.raises(TypeError):
        view.kommuner[0]["state"] = "avslutad"  # type: ignore[index]
