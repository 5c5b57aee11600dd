"""The edge: every request's parameters and body pass the input rules before any handler.

One ASGI middleware for the API and the pages alike. It sits inside Litestar's exception
handling, so a refusal reaches the same handlers as a service's: JSON for /api, a Swedish
page for the pages. A cleaned JSON or form body (line breaks normalised) replaces the one
the client sent; the handler never sees the original.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl, urlencode

import msgspec
from litestar.enums import ScopeType
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, HTTPRequestEvent, Receive, ReceiveMessage, Scope, Send

from inspektion.domain.errors import InvalidInput, NotFound
from inspektion.http.input_rules import (
    INT_MAX,
    INT_MIN,
    check_param,
    clean_json,
    integer_fits,
    json_depth_within,
    limits,
)

BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# The routes that take files (inkomna handlingar, and the employer's answer form): their
# multipart body streams through untouched (files may be tens of MB), and their handlers put
# each text field through `check_param` themselves (api/handlingar.py,
# web/pages_handlingar.py, web/pages_svar.py).
FILE_ROUTES = re.compile(
    r"^(/api/cases/\d+/handlingar|/arenden/\d+/handlingar/ny|/svar/[A-Za-z0-9_-]{1,64})/?$")
_INTEGER = re.compile(r"^[+-]?\d+$")
MALFORMED = "Förfrågans JSON kunde inte tolkas. Kontrollera att den är giltig JSON (UTF-8)."


def check_path(params: dict[str, Any]) -> None:
    """An id no column can hold names nothing: 404, like any unknown id."""
    for value in params.values():
        if isinstance(value, int) and not INT_MIN <= value <= INT_MAX:
            raise NotFound("Det du söker finns inte.")
        if isinstance(value, str):
            check_param("", value)


def check_query(raw: bytes) -> None:
    try:
        pairs = parse_qsl(raw.decode("utf-8"), keep_blank_values=True, errors="strict")
    except UnicodeDecodeError as exc:
        raise InvalidInput("Adressens parametrar är inte giltig UTF-8.") from exc
    for key, value in pairs:
        check_param(key, key)
        if key.endswith("id") and _INTEGER.match(value.strip()) and not integer_fits(value):
            raise NotFound(f"{key} {value.strip()} finns inte.")  # as any unknown id
        check_param(key, value)


def clean_json_body(raw: bytes) -> bytes:
    if not raw.strip():
        return raw
    if not json_depth_within(raw, limits().json_max_depth):
        raise InvalidInput(f"Förfrågans JSON är för djupt nästlad (högst "
                           f"{limits().json_max_depth} nivåer).")
    try:
        document = msgspec.json.decode(raw)
    except (msgspec.DecodeError, RecursionError) as exc:
        raise InvalidInput(MALFORMED) from exc
    cleaned = clean_json(document)
    return raw if cleaned == document else msgspec.json.encode(cleaned)


FORM_ERRORS = "form_errors"  # scope["state"] key: a page form's refused values, by field


def clean_form_body(raw: bytes, errors: dict[str, str] | None = None) -> bytes:
    """The form body with every rule applied.

    With `errors` (a page form), a value that breaks a rule is not a whole error page that
    loses what was typed: it is blanked (so no handler can use it) and its reason kept by
    field, for the form to show beside the field (web/forms.py, `edge_errors`)."""
    try:
        pairs = parse_qsl(raw.decode("utf-8"), keep_blank_values=True, errors="strict")
    except UnicodeDecodeError as exc:
        raise InvalidInput("Formulärets innehåll är inte giltig UTF-8.") from exc
    if len(pairs) > limits().json_max_items:
        raise InvalidInput("Formuläret har för många fält.")
    cleaned = []
    for k, v in pairs:
        key = check_param(k, k)
        try:
            cleaned.append((key, check_param(k, v)))
        except InvalidInput as exc:
            if errors is None:
                raise
            errors[key] = _for_the_field(str(exc), key)
            cleaned.append((key, ""))
    return raw if cleaned == pairs else urlencode(cleaned).encode("ascii")


def _for_the_field(message: str, field: str) -> str:
    """"Fältet date: datumet ska …" → "Datumet ska …": shown at the field, no field name."""
    for prefix in (f"Fältet {field}: ", f"Fältet {field} "):
        if message.startswith(prefix):
            rest = message[len(prefix):]
            return rest[:1].upper() + rest[1:] if prefix.endswith(": ") else "Texten " + rest
    return message


def _content_type(scope: Scope) -> str:
    for key, value in scope["headers"]:
        if key.lower() == b"content-type":
            return str(value.decode("latin-1")).split(";")[0].strip().lower()
    return ""


async def _whole_body(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


class InputRulesMiddleware(ASGIMiddleware):
    """Applies `inspektion.http.input_rules` to path, query and body of every request."""

    scopes = (ScopeType.HTTP,)

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        check_path(scope.get("path_params") or {})
        check_query(scope.get("query_string", b""))
        if scope.get("method") not in BODY_METHODS:
            await next_app(scope, receive, send)
            return
        kind = _content_type(scope)
        if kind.startswith("multipart/"):
            if not FILE_ROUTES.match(str(scope["path"])):
                # Only the handlings take files; elsewhere a multipart body would pass unchecked.
                raise InvalidInput("Formuläret ska skickas som ett vanligt formulär, utan filer.")
            # Files (inkomna handlingar): the handlers that take them check every field.
            await next_app(scope, receive, send)
            return
        files = FILE_ROUTES.match(str(scope["path"])) is not None
        if kind.endswith("json") or (str(scope["path"]).startswith("/api/") and not (
                files and kind == "application/x-www-form-urlencoded")):
            # The API reads every body as JSON, whatever its Content-Type says, except where it
            # takes a form (a handling without files arrives as a plain form).
            body = clean_json_body(await _whole_body(receive))
        elif kind == "application/x-www-form-urlencoded":
            page = not str(scope["path"]).startswith("/api/")
            refused: dict[str, str] = {}
            body = clean_form_body(await _whole_body(receive), refused if page else None)
            if refused:
                scope.setdefault("state", {})[FORM_ERRORS] = refused
        else:
            await next_app(scope, receive, send)
            return
        sent = False
        kept = [(k, v) for k, v in scope["headers"] if k.lower() != b"content-length"]
        scope["headers"] = [*kept, (b"content-length", str(len(body)).encode("ascii"))]

        async def replay() -> ReceiveMessage:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            message: HTTPRequestEvent = {"type": "http.request", "body": body,
                                         "more_body": False}
            return message

        await next_app(scope, replay, send)
