"""The Content-Security-Policy of one HTML page, built from the page itself.

Pure string work with no framework, so both the HTTP layer (http/csp.py adds it as a header
to every HTML response without a policy of its own) and the maps (maps/base.py writes it
into a saved map file as a <meta> tag) use the same rule without maps importing http/.
"""

from __future__ import annotations

import base64
import hashlib
import re

# An inline script: a <script> tag without src= (attributes in either kind of quotes).
_INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc\s*=)[^>]*>(.*?)</script\s*>",
                            re.DOTALL | re.IGNORECASE)


def script_hashes(page: str) -> list[str]:
    return sorted({"'sha256-" + base64.b64encode(hashlib.sha256(
        body.encode("utf-8")).digest()).decode("ascii") + "'"
        for body in _INLINE_SCRIPT.findall(page)})


def policy_for(page: str, img_extra: str = "") -> str:
    """The policy for one HTML page: its own inline scripts by hash, the rest from 'self'."""
    return ("default-src 'none'; script-src 'self' " + " ".join(script_hashes(page))
            + "; style-src 'self' 'unsafe-inline'; img-src 'self' data:" + img_extra
            + "; connect-src 'self'; font-src 'self' data:; base-uri 'none'; "
            "form-action 'self'; frame-ancestors 'self'")
