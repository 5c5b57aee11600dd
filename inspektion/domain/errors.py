"""The kinds of "no" a rule can say; the API maps each to one HTTP status.

Every message is a Swedish sentence a user can act on.
"""


class DomainError(Exception):
    """Base of every refusal; `str(exc)` is the Swedish reason."""


class InvalidInput(DomainError):
    """The request itself is wrong (a field missing or out of range) → 400."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotAuthenticated(DomainError):
    """No valid login → 401."""


class Forbidden(DomainError):
    """This role may never take this step, or the case is outside the user's region → 403."""


class NotFound(DomainError):
    """The thing asked for does not exist (or is not visible to the user) → 404."""


class StepRefused(DomainError):
    """The lifecycle does not allow this step now → 409 with the reason."""


class Conflict(DomainError):
    """Someone else changed the case first (stale version) or a unique rule was hit → 409."""


class TooLarge(DomainError):
    """What was sent is larger than the configured limit (a file above the cap) → 413."""


class StaleVersion(Conflict):
    """The case's version moved on since the user read it; the pages then show what changed
    (web/conflicts.py) and let the user save again on the new version."""


class TooManyRequests(DomainError):
    """Too many requests from one address or to one answer link within a while → 429."""
