"""A value as JSON holds it, for the few values whose shape really is open."""

from __future__ import annotations

from typing import TypeAlias

# A letter's payload as stored (a decision's terms have their shape: kommunicering.StoredTerms).
Json: TypeAlias = dict[str, "Json"] | list["Json"] | str | int | float | bool | None
