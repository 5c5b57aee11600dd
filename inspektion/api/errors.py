"""Map domain refusals to HTTP statuses; nothing a user can send should end in a 500."""

from __future__ import annotations

import logging
from typing import Any

from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException

from inspektion.domain.errors import (
    Conflict,
    DomainError,
    Forbidden,
    InvalidInput,
    NotAuthenticated,
    NotFound,
    StepRefused,
)

log = logging.getLogger("inspektion")

STATUS: dict[type[DomainError], int] = {
    InvalidInput: 400,
    NotAuthenticated: 401,
    Forbidden: 403,
    NotFound: 404,
    StepRefused: 409,
    Conflict: 409,
}


def status_for(exc: DomainError) -> int:
    return next((code for kind, code in STATUS.items() if isinstance(exc, kind)), 400)


def domain_error(request: Request[Any, Any, Any], exc: DomainError) -> Response[dict[str, Any]]:
    code = status_for(exc)
    body: dict[str, Any] = {"status_code": code, "detail": str(exc)}
    if isinstance(exc, InvalidInput) and exc.field:
        body["field"] = exc.field
    if isinstance(exc, StepRefused):
        body["reason"] = str(exc)
    headers = {"WWW-Authenticate": "Bearer"} if code == 401 else None
    return Response(body, status_code=code, headers=headers, media_type=MediaType.JSON)


def unexpected_error(request: Request[Any, Any, Any], exc: Exception) -> Response[dict[str, Any]]:
    """Log the fault; tell the user in Swedish without leaking internals."""
    if isinstance(exc, HTTPException):
        detail = exc.detail
        body: dict[str, Any] = {"status_code": exc.status_code, "detail": detail}
        if exc.extra:
            body["extra"] = exc.extra
        return Response(body, status_code=exc.status_code, headers=exc.headers,
                        media_type=MediaType.JSON)
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return Response({"status_code": 500, "detail": "Ett oväntat fel inträffade. Inget sparades."},
                    status_code=500, media_type=MediaType.JSON)
