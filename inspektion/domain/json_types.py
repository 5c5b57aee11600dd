"""A value as JSON holds it, for the few values whose shape really is open."""

from __future__ import annotations

from typing import TypeAlias

# A letter's payload or a decision's terms as stored: what is read from one is checked there.
Json: TypeAlias = dict[str, "Json"] | list["Json"] | str | int | float | bool | None
