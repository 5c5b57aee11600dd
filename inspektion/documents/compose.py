"""Choose the composer for a letter kind: the single entry from a view to a letter."""

from collections.abc import Callable

from .compose_ansokan import compose_ansokan
from .compose_escalation import compose_forelaggande, compose_underrattelse
from .compose_inspektion import compose_inspektionsmeddelande, compose_tillsynsmeddelande
from .model import Letter
from .printable import printable
from .view import LetterKind, LetterView

_COMPOSERS: dict[LetterKind, Callable[[LetterView], Letter]] = {
    "inspektionsmeddelande": compose_inspektionsmeddelande,
    "tillsynsmeddelande": compose_tillsynsmeddelande,
    "underrattelse": compose_underrattelse,
    "forelaggande": compose_forelaggande,
    "ansokan_utdomande": compose_ansokan,
}


def compose_letter(view: LetterView) -> Letter:
    """Turn a case view into the format-neutral letter both renderers print (every text in
    it printable: see printable.py)."""
    try:
        composer = _COMPOSERS[view.kind]
    except KeyError:
        raise ValueError(f"Okänd brevtyp: {view.kind!r}") from None
    return printable(composer(view))
