"""E-mail for new reminders, when an SMTP server is configured (off by default).

A reminder is claimed before sending (emailed_at set only where it is still empty), so two
sweeps never mail the same reminder; a failed send gives the claim back, so the reminder
stays on the list and is mailed by a later sweep. A crash between claim and send loses that
one e-mail, never the reminder itself, which is always shown in the tool.
"""

from __future__ import annotations

import asyncio
import logging
import smtplib
from collections import defaultdict
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

from inspektion import clock
from inspektion.config import Settings
from inspektion.db.tables import Reminder

log = logging.getLogger("inspektion.reminders")


@dataclass(frozen=True)
class MailResult:
    sent: int = 0
    failed: int = 0


def _compose(settings: Settings, to: str, name: str, messages: list[str]) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = settings.smtp_sender
    msg["To"] = to
    msg["Subject"] = (f"inspektion: {len(messages)} nya påminnelser" if len(messages) > 1
                      else "inspektion: en ny påminnelse")
    body = "\n\n".join(f"• {m}" for m in messages)
    msg.set_content(f"Hej {name}!\n\n{body}\n\nDu ser alla dina påminnelser när du loggar in "
                    "i inspektion. Meddelandet är skickat automatiskt.\n")
    return msg


def _deliver(settings: Settings, message: EmailMessage) -> None:
    assert settings.smtp_host is not None
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=30) as smtp:
        smtp.send_message(message)


async def send_pending(settings: Settings) -> MailResult:
    """One e-mail per recipient with all of their open reminders not yet mailed."""
    if not settings.smtp_host:
        return MailResult()
    rows = await Reminder.select(
        Reminder.id, Reminder.recipient, Reminder.message,
        Reminder.recipient.email.as_alias("email"),
        Reminder.recipient.display_name.as_alias("name"),
    ).where(Reminder.emailed_at.is_null() & Reminder.resolved_at.is_null()
            & Reminder.dismissed_at.is_null() & (Reminder.recipient.email != "")
            ).order_by(Reminder.id)
    by_user: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_user[r["recipient"]].append(r)
    sent = failed = 0
    for items in by_user.values():
        claimed = await Reminder.update({Reminder.emailed_at: clock.now()}).where(
            Reminder.id.is_in([r["id"] for r in items]) & Reminder.emailed_at.is_null()
        ).returning(Reminder.id)
        ids = {c["id"] for c in claimed}
        if not ids:
            continue  # another sweep took them
        mine = [r for r in items if r["id"] in ids]
        message = _compose(settings, mine[0]["email"], mine[0]["name"] or "",
                           [r["message"] for r in mine])
        try:
            await asyncio.to_thread(_deliver, settings, message)
        except (OSError, smtplib.SMTPException) as exc:
            log.warning("påminnelser kunde inte mejlas till %s: %s", mine[0]["email"], exc)
            await Reminder.update({Reminder.emailed_at: None}).where(Reminder.id.is_in(list(ids)))
            failed += len(ids)
        else:
            sent += len(ids)
    return MailResult(sent, failed)
