"""The employer as a legal person: the registered name and organisationsnummer a letter uses.

A föreläggande binds a legal person, so letters name it as registered, with its number,
never by a rule such as "X kommun" (that gives "Helsingborg kommun" for the registered
"Helsingborgs kommun"). A municipality's name and number come from the reference data; where
no register gave the name, the inspector supplies it. Another employer (a company, a
kommunalförbund) is given by the inspector with its number, which must pass the check digit.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from inspektion.domain.errors import InvalidInput

_FORM = re.compile(r"^\d{6}-?\d{4}$")


@dataclass(frozen=True)
class KommunLegal:
    """A municipality as the reference data knows it; `juridiskt_namn` may be ""."""

    namn: str
    juridiskt_namn: str
    organisationsnummer: str


@dataclass(frozen=True)
class LegalPerson:
    name: str
    orgnr: str  # "NNNNNN-NNNN"


def normalise_orgnr(text: str) -> str:
    """ "2120001157" or "212000-1157" → "212000-1157"; anything else is returned stripped."""
    digits = text.strip().replace("-", "")
    if len(digits) == 10 and digits.isdigit():
        return f"{digits[:6]}-{digits[6:]}"
    return text.strip()


def valid_orgnr(text: str) -> bool:
    """Ten digits (NNNNNN-NNNN) whose last is the Luhn check digit of the first nine."""
    if not _FORM.match(text.strip()):
        return False
    digits = text.strip().replace("-", "")
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def resolve_employer(kommun: KommunLegal, name: str, orgnr: str,
                     kommuner_by_orgnr: Mapping[str, KommunLegal]) -> LegalPerson:
    """The legal person a case's letters address, or InvalidInput saying what to give.

    - Nothing given: the case's municipality, by its registered name and number; where the
      reference data has no registered name, the inspector must give it.
    - A number of a municipality: that municipality (its registered name wins; a different
      name is refused rather than printed).
    - A name without a number: only the municipality's own registered name (or, where it is
      unknown, the name the inspector gives for it); another employer needs its number.
    - Any other valid number: another employer, whose name is required.
    """
    name = " ".join(name.split())
    if orgnr.strip():
        if not valid_orgnr(orgnr):
            raise InvalidInput(
                f"{orgnr.strip()!r} är inget giltigt organisationsnummer: det ska ha tio siffror "
                "(NNNNNN-NNNN) och den sista är en kontrollsiffra som inte stämmer.",
                "arbetsstalle.org_nr")
        number = normalise_orgnr(orgnr)
        owner = kommuner_by_orgnr.get(number)
        if owner is None:
            if not name:
                raise InvalidInput(
                    f"Ange arbetsgivarens registrerade namn för organisationsnummer {number}.",
                    "arbetsstalle.employer")
            return LegalPerson(name, number)
        return _municipal(owner, name, number)
    if not kommun.organisationsnummer:
        raise InvalidInput(
            f"Organisationsnummer för {kommun.namn} saknas i referensdata; ange "
            "arbetsgivarens organisationsnummer.", "arbetsstalle.org_nr")
    if name and kommun.juridiskt_namn and name != kommun.juridiskt_namn:
        raise InvalidInput(
            f"Kommunen är registrerad som {kommun.juridiskt_namn!r}. Lämna arbetsgivaren tom "
            "för kommunen, eller ange organisationsnummer för en annan arbetsgivare.",
            "arbetsstalle.org_nr")
    return _municipal(kommun, name, kommun.organisationsnummer)


def _municipal(kommun: KommunLegal, name: str, number: str) -> LegalPerson:
    if kommun.juridiskt_namn:
        if name and name != kommun.juridiskt_namn:
            raise InvalidInput(
                f"Organisationsnummer {number} tillhör {kommun.juridiskt_namn} (registrerat "
                "namn). Lämna arbetsgivarens namn tomt eller skriv det registrerade namnet.",
                "arbetsstalle.employer")
        return LegalPerson(kommun.juridiskt_namn, number)
    if not name:
        raise InvalidInput(
            f"Det registrerade namnet för {kommun.namn} finns inte i referensdata. Ange "
            "arbetsgivarens namn som det står i Bolagsverkets eller SCB:s register.",
            "arbetsstalle.employer")
    return LegalPerson(name, number)
