"""Where a campaign stands in a municipality, as the coverage map colours it, and the order
the regions are reported in (the final report's). Pure: no I/O."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

REGION_ORDER = ["IRN-Nord", "IRM-Mitt", "IRÖ-Öst", "IRV-Väst", "IRS-Syd"]  # the report's order


def region_key(code: str) -> tuple[int, str]:
    return (REGION_ORDER.index(code) if code in REGION_ORDER else len(REGION_ORDER), code)


class KommunState(StrEnum):
    """A municipality's place in the campaign, as the coverage map colours it."""

    EJ_BESOKT = "ej_besokt"
    PLANERAD = "planerad"
    PAGAENDE = "pagaende"
    MEDDELANDE = "meddelande_skickat"
    ESKALERAD = "eskalerad"
    AVSLUTAD = "avslutad"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]


STATE_LABELS = {
    KommunState.EJ_BESOKT: "Inte besökt",
    KommunState.PLANERAD: "Planerad",
    KommunState.PAGAENDE: "Inspektion pågår",
    KommunState.MEDDELANDE: "Inspektionsmeddelande skickat",
    KommunState.ESKALERAD: "Eskalerad (underrättelse eller föreläggande)",
    KommunState.AVSLUTAD: "Avslutad",
}
_STATE_OF_STATUS = {
    "planerad": KommunState.PLANERAD,
    "pagaende": KommunState.PAGAENDE,
    "tillsynsmeddelande_skickat": KommunState.PAGAENDE,
    "redovisning_inkommen": KommunState.PAGAENDE,
    "komplettering_begard": KommunState.PAGAENDE,
    "meddelande_skickat": KommunState.MEDDELANDE,
    "uppfoljning": KommunState.MEDDELANDE,
    "underrattelse_skickad": KommunState.ESKALERAD,
    "forelaggande_beslutat": KommunState.ESKALERAD,
    "utdomande_ansokt": KommunState.ESKALERAD,
    "dom_meddelad": KommunState.ESKALERAD,
    "avslutad": KommunState.AVSLUTAD,
}
_OPEN_ORDER = [KommunState.ESKALERAD, KommunState.MEDDELANDE, KommunState.PAGAENDE,
               KommunState.PLANERAD]


def kommun_state(statuses: Iterable[str]) -> KommunState:
    """The most pressing open state among a municipality's cases; closed when all are."""
    states = {_STATE_OF_STATUS.get(s, KommunState.PAGAENDE) for s in statuses}
    if not states:
        return KommunState.EJ_BESOKT
    for state in _OPEN_ORDER:
        if state in states:
            return state
    return KommunState.AVSLUTAD
