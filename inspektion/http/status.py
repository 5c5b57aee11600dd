"""Which HTTP status each domain refusal earns, for the API's JSON and the pages alike.

One table, so a refusal means the same on /api and on a page: the API answers it as JSON
(`api.errors.domain_error`), the pages as a Swedish error page (`web.errors`).
"""

from __future__ import annotations

from inspektion.domain.errors import (
    Conflict,
    DomainError,
    Forbidden,
    InvalidInput,
    NotAuthenticated,
    NotFound,
    StepRefused,
    TooLarge,
    TooManyRequests,
)

STATUS: dict[type[DomainError], int] = {
    InvalidInput: 400,
    NotAuthenticated: 401,
    Forbidden: 403,
    NotFound: 404,
    StepRefused: 409,
    Conflict: 409,
    TooLarge: 413,
    TooManyRequests: 429,
}


def status_for(exc: DomainError) -> int:
    """The first kind the refusal is an instance of; an unknown kind is the caller's fault."""
    return next((code for kind, code in STATUS.items() if isinstance(exc, kind)), 400)
