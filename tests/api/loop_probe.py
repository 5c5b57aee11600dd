"""The app wrapped with a probe of its event loop, for tests/api/test_event_loop.py.

Every step the loop runs (one callback or one slice of a coroutine) is timed in CPU time of the
loop's own thread: work on the loop costs that thread CPU, while time the operating system
gives to other processes does not. So the longest step is what the app itself blocked the loop
for, however busy the machine. GET /__loop_probe answers it in ms and starts over.
"""

from __future__ import annotations

import asyncio.events
import json
import time
from typing import Any

from inspektion.asgi import app as inner

_longest = [0.0, 0.0]  # CPU time, wall time
_original_run = asyncio.events.Handle._run


def _timed_run(self: asyncio.events.Handle) -> None:
    started, wall = time.thread_time(), time.perf_counter()
    try:
        _original_run(self)
    finally:
        _longest[0] = max(_longest[0], time.thread_time() - started)
        _longest[1] = max(_longest[1], time.perf_counter() - wall)


asyncio.events.Handle._run = _timed_run  # type: ignore[method-assign]


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] == "http" and scope["path"] == "/__loop_probe":
        body = json.dumps({"longest_step_cpu_ms": _longest[0] * 1000,
                           "longest_step_ms": _longest[1] * 1000}).encode()
        _longest[:] = [0.0, 0.0]
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"application/json")]})
        await send({"type": "http.response.body", "body": body})
        return
    await inner(scope, receive, send)
