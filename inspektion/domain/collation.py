"""Swedish alphabetical order: å, ä and ö come after z (Åre after Ystad, Örebro last).

Python's default order puts them by code point (å ä ö after z too, but é, ü and capitals
elsewhere); a sort key that folds case and the letters Swedish treats as variants (é = e,
ü = y, æ = ä, ø = ö) gives the order of a Swedish dictionary without ICU.
"""

from __future__ import annotations

import unicodedata

_ALPHABET = "abcdefghijklmnopqrstuvwxyzåäö"
_VARIANTS = {"æ": "ä", "ø": "ö", "ü": "y", "w": "w"}
_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}


def _base(ch: str) -> str:
    if ch in _RANK:
        return ch
    if ch in _VARIANTS:
        return _VARIANTS[ch]
    decomposed = unicodedata.normalize("NFD", ch)
    return decomposed[0] if decomposed else ch


def swedish_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """A sort key: letters by the Swedish alphabet, other characters (space, digits) first."""
    out: list[tuple[int, int | str]] = []
    for ch in text.casefold():
        base = _base(ch)
        out.append((1, _RANK[base]) if base in _RANK else (0, base))
    return tuple(out)
