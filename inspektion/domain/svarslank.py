"""The employer's answer link: its secrets, how long it holds, and what a good answer contains.

A link has two secrets of at least 128 bits each: the token in the address (`/svar/<token>`,
256 bits, for clicking) and a code a person can type from the paper letter (26 characters
of Crockford's base32, 130 bits, printed in groups of four). Only their SHA-256 is stored,
so a copy of the database opens no answer form. Both are compared by hash lookup, never by a
prefix, so a guess learns nothing but "no".
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from inspektion.domain.errors import InvalidInput
from inspektion.domain.handlingar import HandlingKind


class Recipient(StrEnum):
    ARBETSGIVARE = "arbetsgivare"
    HUVUDSKYDDSOMBUD = "huvudskyddsombud"

    @property
    def label(self) -> str:
        return "Arbetsgivaren" if self is Recipient.ARBETSGIVARE else "Huvudskyddsombudet"


def parse_recipient(raw: str) -> Recipient:
    try:
        return Recipient((raw or "").strip().lower())
    except ValueError:
        raise InvalidInput("recipient: välj arbetsgivare eller huvudskyddsombud.",
                           "recipient") from None


# The letters an answer link may be made for, and the kind of inkommen handling the first
# answer to each becomes. A later send through the same link is a komplettering; what the
# huvudskyddsombud sends is their yttrande, a handling of its own.
LETTER_ANSWER: dict[str, HandlingKind] = {
    "inspektionsmeddelande": HandlingKind.SVAR,
    "tillsynsmeddelande": HandlingKind.REDOVISNING,
    "underrattelse": HandlingKind.YTTRANDE,
}


def handling_kind(letter_kind: str, recipient: Recipient, earlier_sends: int) -> HandlingKind:
    if recipient is Recipient.HUVUDSKYDDSOMBUD:
        return HandlingKind.YTTRANDE
    if earlier_sends:
        return HandlingKind.KOMPLETTERING
    return LETTER_ANSWER[letter_kind]


# --- the secrets ----------------------------------------------------------------------

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 26  # 26 × 5 = 130 bits
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def new_token() -> str:
    return secrets.token_urlsafe(32)


def new_code() -> str:
    return "".join(secrets.choice(_CROCKFORD) for _ in range(CODE_LENGTH))


def shown_code(code: str) -> str:
    """"7K3MQ9XD…" → "7K3M-Q9XD-…": as the letter prints it."""
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))


def normal_code(typed: str) -> str | None:
    """What a person typed, read as a code (spaces, dashes, case and O/0, I/L/1 forgiven);
    None when it cannot be one, so it is never looked up."""
    raw = "".join(ch for ch in (typed or "").upper() if ch not in " -\t").translate(_READ_AS)
    if len(raw) != CODE_LENGTH or any(ch not in _CROCKFORD for ch in raw):
        return None
    return raw


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def looks_like_token(value: str) -> bool:
    """A token is 43 URL-safe characters; anything else is not looked up as one."""
    return len(value) == 43 and all(ch.isalnum() or ch in "-_" for ch in value)


# --- validity -------------------------------------------------------------------------


def expires_on(svar_senast: date | None, issued: date, days_after: int) -> date:
    """The last day the link works: `days_after` days after the letter's answer date (or
    after the day it was issued, for a letter without one)."""
    return (svar_senast or issued) + timedelta(days=max(days_after, 0))


@dataclass(frozen=True)
class LinkState:
    usable: bool
    reason: str  # for the inspector's list; the employer only ever reads "Länken gäller inte"


def link_state(revoked: bool, expires: date, today: date) -> LinkState:
    if revoked:
        return LinkState(False, "Återkallad")
    if today > expires:
        return LinkState(False, f"Gick ut {expires.isoformat()}")
    return LinkState(True, f"Gäller till och med {expires.isoformat()}")


# --- the answer per krav --------------------------------------------------------------

MAX_ATGARD = 6000
MAX_ANSVARIG = 200
MAX_CONTACT = 200
MAX_MESSAGE = 6000


@dataclass(frozen=True)
class KravAnswer:
    atgard: str      # what has been done or will be done
    senast: str      # by when (ISO date), "" if not said
    ansvarig: str    # who is responsible


def _clean(value: str, field: str, label: str, limit: int) -> str:
    """Text as typed, line breaks kept, control characters gone, at most `limit` characters."""
    text = "".join(ch for ch in (value or "") if ch in "\n\t" or ch.isprintable())
    text = "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n")).strip()
    if len(text) > limit:
        raise InvalidInput(f"{field}: {label} får vara högst {limit} tecken "
                           f"(nu {len(text)}).", field)
    return text


def check_answer(krav_number: int, krav_id: int, atgard: str, senast: str, ansvarig: str,
                 today: date, sending: bool) -> KravAnswer:
    """One krav's answer; a date must be a real date, and a sent answer to a krav must say
    what is done (a date or a name alone answers nothing)."""
    what = _clean(atgard, f"atgard_{krav_id}", f"Svaret på krav {krav_number}", MAX_ATGARD)
    who = " ".join(_clean(ansvarig, f"ansvarig_{krav_id}", "Ansvarig", MAX_ANSVARIG).split())
    when = (senast or "").strip()
    if when:
        try:
            day = date.fromisoformat(when)
        except ValueError:
            raise InvalidInput(f"senast_{krav_id}: skriv datumet som ÅÅÅÅ-MM-DD.",
                               f"senast_{krav_id}") from None
        if not date(2000, 1, 1) <= day <= today + timedelta(days=5 * 366):
            raise InvalidInput(f"senast_{krav_id}: datumet ligger orimligt långt bort.",
                               f"senast_{krav_id}")
        when = day.isoformat()
    if sending and not what and (when or who):
        raise InvalidInput(f"atgard_{krav_id}: beskriv vad som är gjort eller ska göras för "
                           f"krav {krav_number}.", f"atgard_{krav_id}")
    return KravAnswer(what, when, who)


def check_contact(value: str) -> str:
    return " ".join(_clean(value, "kontakt", "Namnet", MAX_CONTACT).split())


def check_message(value: str) -> str:
    return _clean(value, "meddelande", "Meddelandet", MAX_MESSAGE)


# --- guidance per effektmål (our own words, after the 2015–2017 campaign's report) --------

_ALWAYS = ("Beskriv vad ni har undersökt och hur, vilka risker ni har bedömt och vilka "
           "åtgärder ni har beslutat – med vem som ansvarar och när de ska vara klara. "
           "Skicka med dokumenten (undersökningen, riskbedömningen, handlingsplanen).")
GUIDANCE: dict[int | None, str] = {
    1: ("Ett bra svar analyserar varför arbetsbelastningen blir för hög – inte bara att den är "
        "det. Visa hur ni har undersökt arbetsmängd, bemanning och prioriteringar, vilka "
        "orsaker ni fann, och en handlingsplan där varje åtgärd har en ansvarig och ett datum. "
        "Säg också hur ni följer upp att åtgärderna fungerar."),
    2: ("Ett bra svar visar en aktuell riskbedömning av hot och våld i de arbetsuppgifter och "
        "lokaler som finns (besöksrum, hembesök, larm, reträttvägar), vilka säkerhetsrutiner "
        "som gäller och hur alla får del av dem – även nyanställda – och vem som ansvarar för "
        "varje åtgärd och till när."),
    3: ("Ett bra svar visar rutinerna som de ser ut nu: hur risker undersöks och bedöms, hur "
        "tillbud rapporteras och följs upp, och vem som ansvarar för att rutinerna hålls "
        "levande. Skicka med rutinerna och beskriv hur de har införts."),
    4: ("Ett bra svar beskriver vilken kunskap om organisatorisk och social arbetsmiljö som "
        "chefer och arbetsledare har fått, hur och när, hur ni säkerställer den framöver och "
        "vilket stöd första linjens chefer har i sitt arbetsmiljöansvar."),
    None: _ALWAYS,
}


def guidance(effektmal: int | None) -> str:
    specific = GUIDANCE.get(effektmal)
    return specific if specific and effektmal is not None else _ALWAYS
