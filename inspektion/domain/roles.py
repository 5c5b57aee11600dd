"""Who the users are; see DOMAIN.md, 'Who uses the tool'."""

from enum import StrEnum


class Role(StrEnum):
    INSPEKTOR = "inspektor"
    SAMORDNARE = "samordnare"
    JURIST = "jurist"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Role.INSPEKTOR: "inspektör",
    Role.SAMORDNARE: "samordnare",
    Role.JURIST: "jurist",
    Role.ADMIN: "administratör",
}


def parse_role(raw: str) -> Role:
    """A role from user input, refused with the list of valid roles."""
    from inspektion.domain.errors import InvalidInput

    try:
        return Role(raw)
    except ValueError:
        valid = ", ".join(r.value for r in Role)
        raise InvalidInput(f"Okänd roll {raw!r}; giltiga roller är {valid}.", "role") from None
