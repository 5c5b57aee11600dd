"""Which förvaltningsrätt an ansökan om utdömande av vite goes to.

Lagen (1985:206) om viten 6 §: the vite is imposed by förvaltningsrätten on the application
of the authority that issued the föreläggande. Which förvaltningsrätt follows the general
forum rule of lagen (1971:289) om allmänna förvaltningsdomstolar 14 § andra stycket — the
one within whose domkrets the matter was first decided. An inspection case is decided for
one arbetsställe, so the court is the one whose domkrets (förordning (1977:937) 5 §) holds
the arbetsställe's kommun. The table and its provenance are reference data
(fixtures/forvaltningsratter.yaml); this module only looks a kommun up in it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Court:
    name: str
    kansliort: str
    lan: tuple[str, ...]
    kommuner: tuple[str, ...] = ()          # kommuner outside its län that belong to it
    except_kommuner: tuple[str, ...] = ()   # kommuner of its län that belong elsewhere
    verified: bool = False
    source: str = ""


def court_for(courts: tuple[Court, ...], kommunkod: str, lan: str) -> Court:
    """The court whose domkrets holds the kommun; a kommun named explicitly wins over its län."""
    for court in courts:
        if kommunkod in court.kommuner:
            return court
    for court in courts:
        if lan in court.lan and kommunkod not in court.except_kommuner:
            return court
    raise LookupError(f"Ingen förvaltningsrätt har {lan} ({kommunkod}) i sin domkrets.")
