"""Map domain refusals to HTTP statuses; nothing a user can send should end in a 500."""

from __future__ import annotations

import logging
import re
from typing import Any

from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException, ValidationException

from inspektion.domain.errors import DomainError, InvalidInput, StepRefused
from inspektion.http.status import status_for

log = logging.getLogger("inspektion")

def domain_error(request: Request[Any, Any, Any], exc: DomainError) -> Response[dict[str, Any]]:
    code = status_for(exc)
    body: dict[str, Any] = {"status_code": code, "detail": str(exc)}
    if isinstance(exc, InvalidInput) and exc.field:
        body["field"] = exc.field
    if isinstance(exc, StepRefused):
        body["reason"] = str(exc)
    headers = {"WWW-Authenticate": "Bearer"} if code == 401 else None
    return Response(body, status_code=code, headers=headers, media_type=MediaType.JSON)


# Litestar's own answers for routing and protocol errors, said in Swedish.
_SWEDISH_DEFAULTS = {
    "Not Found": "Adressen finns inte.",
    "Method Not Allowed": "Det går inte att göra så här på den här adressen.",
    "Unauthorized": "Du behöver logga in.",
    "Forbidden": "Du har inte behörighet till det här.",
    "Bad Request": "Förfrågan kunde inte tolkas.",
    "Request Entity Too Large": "Förfrågan är för stor.",
    "Invalid multipart/form-data": "Formuläret (multipart/form-data) kunde inte tolkas; "
                                   "skicka fälten och filerna igen.",
    "Unsupported Media Type": "Skicka uppgifterna som JSON.",
    "Too Many Requests": "För många försök; vänta en stund och försök igen.",
}


def unexpected_error(request: Request[Any, Any, Any], exc: Exception) -> Response[dict[str, Any]]:
    """Log the fault; tell the user in Swedish without leaking internals."""
    if isinstance(exc, ValidationException):
        return invalid_request(exc)
    if isinstance(exc, HTTPException):
        detail = _SWEDISH_DEFAULTS.get(exc.detail, exc.detail)
        if detail.startswith("Validation failed"):
            detail = "Ogiltiga uppgifter i förfrågan."
        body: dict[str, Any] = {"status_code": exc.status_code, "detail": detail}
        if exc.extra:
            body["extra"] = exc.extra
        return Response(body, status_code=exc.status_code, headers=exc.headers,
                        media_type=MediaType.JSON)
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return Response({"status_code": 500, "detail": "Ett oväntat fel inträffade. Inget sparades."},
                    status_code=500, media_type=MediaType.JSON)


_TYPES = {"int": "ett heltal", "str": "text", "bool": "sant eller falskt", "float": "ett tal",
          "array": "en lista", "object": "ett objekt", "null": "inget värde",
          "date": "ett datum (ÅÅÅÅ-MM-DD)"}
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"Expected `(?P<want>[^`]+)`, got `(?P<got>[^`]+)`"),
     "förväntade {want}, fick {got}"),
    (re.compile(r"Object missing required field `(?P<f>[^`]+)`"), "fältet {f} saknas"),
    (re.compile(r"Invalid enum value (?P<v>.+)"), "okänt värde {v}"),
    (re.compile(r"Invalid (RFC ?3339|ISO ?8601) encoded (date|datetime|time)"),
     "ogiltigt datum, skriv ÅÅÅÅ-MM-DD"),
    (re.compile(r"JSON is malformed"), "förfrågans JSON kunde inte tolkas"),
    (re.compile(r"Input data was truncated"), "förfrågans JSON tog slut för tidigt"),
    (re.compile(r"Object contains unknown field `(?P<f>[^`]+)`"), "okänt fält {f}"),
    (re.compile(r"Expected `(?P<want>[^`]+)` matching regex"), "värdet har fel form"),
    (re.compile(r"Expected `(?P<want>[^`]+)` (?P<op>[<>]=?) (?P<n>\S+)"),
     "förväntade ett värde {op} {n}"),
    (re.compile(r"Expected `(?P<want>[^`]+)` of length (?P<op>[<>]=?) (?P<n>\S+)"),
     "förväntade längd {op} {n}"),
]


def _swedish(message: str) -> str:
    """msgspec's English messages, said in Swedish (unknown ones are passed on as they are)."""
    for pattern, template in _PATTERNS:
        match = pattern.search(message)
        if match:
            words = {k: " eller ".join(_TYPES.get(t.strip(), t.strip()) for t in v.split("|"))
                     if k in ("want", "got") else v for k, v in match.groupdict().items()}
            return template.format(**words)
    if message:
        log.info("validation message without a Swedish wording: %s", message)
    return "ogiltigt värde"


def invalid_request(exc: ValidationException) -> Response[dict[str, Any]]:
    """A 400 that names each field and its problem, in Swedish."""
    problems = [p for p in (exc.extra or []) if isinstance(p, dict)]
    fields = [str(p.get("key") or p.get("source") or "") for p in problems]
    said = [f"{f or 'förfrågan'}: {_swedish(str(p.get('message', '')))}"
            for f, p in zip(fields, problems, strict=True)]
    extra = [{**p, "message": _swedish(str(p.get("message", "")))} for p in problems]
    body: dict[str, Any] = {
        "status_code": 400,
        "detail": "Ogiltiga uppgifter – " + "; ".join(said) if said else
        "Ogiltiga uppgifter i förfrågan.",
        "extra": extra,
    }
    if fields and fields[0]:
        body["field"] = fields[0]
    return Response(body, status_code=400, media_type=MediaType.JSON)
