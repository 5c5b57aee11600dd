"""No answer link's secret in any log line.

The employer's answer form lives at `/svar/<token>` (or `/svar/<code>`, or `/svar?kod=…`);
whoever reads a log must not be able to open it. Every log record — ours, Litestar's and
the server's access log, whatever its level — is masked as it is made: the part after
`/svar/` and the value of `kod=` become "…".
"""

from __future__ import annotations

import logging
import re
from typing import Any

_SECRET = re.compile(r"(/svar/)[A-Za-z0-9_-]+|(/svar/?\?(?:[^\s\"']*&)?kod=)[^&\s\"']*")


def mask(text: str) -> str:
    return _SECRET.sub(lambda m: (m.group(1) or m.group(2)) + "…", text)


def _masked(value: Any) -> Any:
    """A string masked; any other object (a URL, a request) by its text, if that has a link."""
    if isinstance(value, str):
        return mask(value)
    if isinstance(value, (int, float, bool)) or value is None:
        return value
    try:
        text = str(value)
    except Exception:  # a log line never fails because of its mask
        return value
    return mask(text) if "/svar" in text else value


_installed = False


def install() -> None:
    """Wrap the record factory once per process (idempotent)."""
    global _installed
    if _installed:
        return
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        if isinstance(record.msg, str):
            record.msg = mask(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(_masked(a) for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {k: _masked(v) for k, v in record.args.items()}
        return record

    logging.setLogRecordFactory(factory)
    _installed = True
