"""What someone else changed while you were typing: read from the case's audit trail.

A form that comes back 409 (the case's version moved on) is shown again with what the user
typed, the version they may now save on, and this list: who did what, and for corrections
the text before and after. Every step records `version_before` in its audit event, so the
events since the version the form was read at are exactly the other person's changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from inspektion.domain.krav import EFFEKTMAL
from inspektion.services import audit, users

ACTIONS = {
    "case.assign": "tilldelade inspektörer", "case.close": "avslutade ärendet",
    "case.forslag": "skrev ett förslag till juristen", "case.svar": "registrerade svaret",
    "case.redovisning": "registrerade redovisningen",
    "case.komplettering": "begärde komplettering",
    "decision.forelaggande": "beslutade föreläggande",
    "decision.underrattelse": "skickade underrättelse",
    "decision.utdomande": "ansökte om utdömande av vite",
    "document.delgivning": "registrerade delgivning",
    "krav.add": "skrev ett nytt krav", "krav.edit": "ändrade ett krav",
    "krav.withdraw": "drog tillbaka ett krav",
    "letter.inspektionsmeddelande": "skickade inspektionsmeddelandet",
    "letter.tillsynsmeddelande": "skickade tillsynsmeddelandet",
    "meeting.formote": "registrerade förmötet",
    "meeting.gruppsamtal": "registrerade ett gruppsamtal",
    "meeting.aterkoppling": "registrerade återkopplingen",
    "meeting.aterkopplande_mote": "registrerade det återkopplande mötet",
    "meeting.uppfoljning": "registrerade uppföljningsbesöket",
    "meeting.edit": "ändrade ett möte", "meeting.withdraw": "drog tillbaka ett möte",
}
FIELDS = {"text": "Kravets text", "brist": "Brist", "citations": "Hänvisningar",
          "effektmal": "Effektmål", "date": "Datum", "notes": "Anteckningar",
          "participants": "Deltagare", "arbetsomrade": "Arbetsområde",
          "forslag": "Förslag", "number": "Nummer"}


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class Change:
    who: str
    at: Any
    what: str
    fields: list[FieldChange] = field(default_factory=list)


def _shown(name: str, value: Any) -> str:
    if value is None or value == "" or value == []:
        return "–"
    if name == "effektmal" and isinstance(value, int):
        return f"{value}. {EFFEKTMAL.get(value, '')}".strip()
    if name == "participants" and isinstance(value, list):
        return ", ".join(f"{p.get('role', '')}{' (' + p['name'] + ')' if p.get('name') else ''}"
                         for p in value if isinstance(p, dict))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _what(action: str, details: dict[str, Any]) -> str:
    what = ACTIONS.get(action, "ändrade ärendet")
    number = details.get("number")
    if action.startswith("krav.") and number:
        what = what.replace("ett krav", f"krav {number}").replace("ett nytt krav",
                                                                    f"krav {number}")
    return what


async def changes_since(case_id: int, version: int | None) -> list[Change]:
    """The changes made at or after `version` (the one the user's form was read at)."""
    if version is None:
        return []
    events = [e for e in await audit.trail(case_id)
              if isinstance(e.details, dict)
              and isinstance(started := e.details.get("version_before"), int)
              and started >= version]
    names = await users.display_names({e.user for e in events})
    out = []
    for e in events:
        d = e.details
        before, after = d.get("before"), d.get("after")
        fields: list[FieldChange] = []
        if e.action == "case.assign":
            pass  # the before side holds user ids; the action says enough
        elif isinstance(before, dict) and isinstance(after, dict):
            for name in after:
                fields.append(FieldChange(FIELDS.get(name, str(name)),
                                          _shown(name, before.get(name)),
                                          _shown(name, after.get(name))))
        elif e.action == "krav.add":
            fields.append(FieldChange("Kravets text", "–", _shown("text", d.get("text"))))
        elif isinstance(before, dict) and after is None:
            for name in ("text", "date", "notes"):
                if before.get(name):
                    fields.append(FieldChange(FIELDS[name], _shown(name, before[name]), "–"))
        out.append(Change(names.get(e.user, e.user), e.at, _what(e.action, d),
                          fields))
    return out


async def values_you_read(case_id: int, version: int | None, key: str,
                          item_id: int) -> dict[str, Any]:
    """The fields of one krav or meeting (`key` is "krav_id" or "meeting_id") that someone
    else changed at or after `version`, each with the value it had at that version: what the
    user's form showed when it was opened."""
    read: dict[str, Any] = {}
    if version is None:
        return read
    for e in await audit.trail(case_id):
        d = e.details
        before_version, before = d.get("version_before"), d.get("before")
        if (d.get(key) != item_id or not isinstance(before_version, int)
                or before_version < version or not isinstance(before, dict)):
            continue
        for name, value in before.items():
            read.setdefault(name, value)
    return read


def same_value(name: str, typed: Any, read: Any) -> bool:
    """Whether what the form sent back is what it showed (the user left the field alone).
    Browsers send a textarea's line breaks as CR LF; a list compares as a set of its items."""
    def norm(value: Any) -> Any:
        if isinstance(value, list):
            return sorted(str(v) if not isinstance(v, dict) else sorted(v.items())
                          for v in value)
        if value is None:
            return ""
        return str(value).replace("\r\n", "\n").strip()
    return bool(norm(typed) == norm(read))
