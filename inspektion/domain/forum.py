"""Which förvaltningsrätt an ansökan om utdömande av vite goes to.

Lagen (1985:206) om viten 6 §: the vite is imposed by förvaltningsrätten on the application
of the authority that issued the föreläggande, and the application is made to the court
"inom vars domkrets myndigheten är belägen" (as Kammarrätten i Jönköping quotes it in
RÅ 2006 ref. 40, where a judgment from the court of AV's regional unit was set aside and
the case sent to the court of AV's seat in Solna). The arbetsstället's kommun does not
decide it: that is the rule for an appeal of the föreläggande (14 § lagen (1971:289)).
The seat, the table of domkretsar and their provenance are reference data
(fixtures/forvaltningsratter.yaml, `vite_forum` and `courts`); this module only looks up.
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


@dataclass(frozen=True)
class ViteForum:
    """Where the authority that applies for utdömande is seated (6 § lagen om viten)."""

    authority: str
    seat_kommunkod: str
    seat_kommun: str
    seat_lan: str
    verified: bool = False
    source: str = ""


def vite_court(courts: tuple[Court, ...], forum: ViteForum) -> Court:
    """The court competent for an ansökan om utdömande: the one of the authority's seat."""
    return court_for(courts, forum.seat_kommunkod, forum.seat_lan)


def vite_court_basis(court: Court, forum: ViteForum) -> str:
    """Why this court, as the ansökan says it."""
    return (f"Ansökan görs hos {court.name}, inom vars domkrets {forum.authority} är beläget "
            f"(säte i {forum.seat_kommun}), enligt 6 § lagen (1985:206) om viten.")
