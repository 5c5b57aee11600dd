"""A Content-Security-Policy on every HTML the app sends.

The pages set their own strict policy (web/__init__.py). Every other HTML — the maps, the
API documentation at /schema — gets one built from the page itself: the inline scripts it
was rendered with are allowed by their SHA-256, nothing else runs. So a script injected
into such a page (as the campaign name once was into the map's <title>) is refused by the
browser even if an escape were ever missed.
"""

from __future__ import annotations

from typing import Any

from litestar.enums import ScopeType
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from inspektion.csp_policy import policy_for


class HtmlCspMiddleware(ASGIMiddleware):
    """Adds `policy_for(body)` to an HTML response that has no policy of its own."""

    scopes = (ScopeType.HTTP,)

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        start: Any = None
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                named = {k.lower(): v for k, v in message.get("headers", [])}
                html = named.get(b"content-type", b"").startswith(b"text/html")
                if html and b"content-security-policy" not in named:
                    start = dict(message)
                    return
                await send(message)
            elif message["type"] == "http.response.body" and start is not None:
                chunks.append(message.get("body", b""))
                if message.get("more_body", False):
                    return
                body = b"".join(chunks)
                policy = policy_for(body.decode("utf-8", "replace"))
                headers: list[Any] = [(k, v) for k, v in start.get("headers", [])
                                      if k.lower() != b"content-length"]
                headers += [(b"content-security-policy", policy.encode("ascii")),
                            (b"content-length", str(len(body)).encode("ascii"))]
                head: Any = {**start, "headers": headers}
                await send(head)
                await send({"type": "http.response.body", "body": body, "more_body": False})
            else:
                await send(message)

        await next_app(scope, receive, capture)
