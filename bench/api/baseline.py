"""The yardstick for the API benchmark: the same reads with asyncpg and plain JSON.

A bare ASGI callable, no framework, no ORM: it checks the bearer token with the same
lookup our app makes, runs the same SQL for the case list (region-limited, keyset, 50 rows)
and for one case (head, meetings, group summaries, krav, documents, decisions), and answers
with `json.dumps`. Run with uvicorn:

    BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/inspektion_bench \
        .venv/bin/uvicorn bench.api.baseline:app --port 8102 --log-level warning
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import asyncpg

URL = os.environ.get("BENCH_DATABASE_URL",
                     "postgresql://postgres@127.0.0.1:5432/inspektion_bench")
Scope = dict[str, Any]
Send = Callable[[dict[str, Any]], Awaitable[None]]
Receive = Callable[[], Awaitable[dict[str, Any]]]

AUTH = ('SELECT t.expires_at, u.id, u.username, u.role, u.active, r.code AS region '
        'FROM auth_token t JOIN app_user u ON u.id = t."user" '
        'LEFT JOIN region r ON r.id = u.region WHERE t.token_hash = $1')
LIST = ('SELECT c.id, c.diarienummer, c.status, c.method, c.version, c.campaign AS campaign_id, '
        'k.kommunkod, k.namn AS kommun, r.code AS region, w.name AS arbetsstalle, c.opened_on, '
        'c.closed_on, c.svar_senast, c.last_activity_on, i1.username AS inspektor1, '
        'i2.username AS inspektor2 FROM case_file c JOIN kommun k ON k.id = c.kommun '
        'JOIN region r ON r.id = c.region JOIN workplace w ON w.id = c.workplace '
        'LEFT JOIN app_user i1 ON i1.id = c.inspector1 '
        'LEFT JOIN app_user i2 ON i2.id = c.inspector2 ')
HEAD = LIST + "WHERE c.id = $1"
LIST += "WHERE c.region = (SELECT id FROM region WHERE code = $1) ORDER BY c.id DESC LIMIT 51"
PARTS = {
    "meetings": 'SELECT id, kind, date, arbetsomrade, participants, notes FROM meeting '
                'WHERE "case" = $1 ORDER BY date, id',
    "gruppsamtal": 'SELECT g.id, m.date, g.arbetsomrade, g.respondents, g.summary, g.reason '
                   'FROM gruppsamtal_summary g JOIN meeting m ON m.id = g.meeting '
                   'WHERE g."case" = $1 ORDER BY g.id',
    "krav": 'SELECT id, number, text, brist, citations, effektmal, template_slug, deadline, '
            'state, assessed_on FROM krav WHERE "case" = $1 ORDER BY number',
    "documents": 'SELECT id, kind, number, created_on, sent_on, served_on, served_how, '
                 'pdf_sha256, docx_sha256, payload FROM document WHERE "case" = $1 ORDER BY id',
    "decisions": 'SELECT id, kind, krav_ids, vite_sek, svar_senast, deadline, decided_on, '
                 'document FROM decision WHERE "case" = $1 ORDER BY id',
}
_pool: asyncpg.Pool | None = None


def _default(value: Any) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


async def _respond(send: Send, status: int, body: Any) -> None:
    data = json.dumps(body, default=_default).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(data)).encode())]})
    await send({"type": "http.response.body", "body": data})


async def app(scope: Scope, receive: Receive, send: Send) -> None:
    global _pool
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                _pool = await asyncpg.create_pool(URL, min_size=2, max_size=10)
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                if _pool is not None:
                    await _pool.close()
                await send({"type": "lifespan.shutdown.complete"})
                return
    assert _pool is not None
    headers = dict(scope["headers"])
    token = headers.get(b"authorization", b"")[7:].decode()
    path: str = scope["path"]
    async with _pool.acquire() as conn:
        user = await conn.fetchrow(AUTH, hashlib.sha256(token.encode()).hexdigest())
        if user is None or not user["active"] or user["expires_at"] <= datetime.now(UTC):
            await _respond(send, 401, {"detail": "Logga in."})
            return
        if path.rstrip("/") == "/api/cases":
            rows = [dict(r) for r in await conn.fetch(LIST, user["region"])]
            items = rows[:50]
            await _respond(send, 200, {"items": items, "next_cursor": items[-1]["id"]
                                       if len(rows) > 50 else None})
            return
        case_id = int(path.rsplit("/", 1)[-1])
        head = await conn.fetchrow(HEAD, case_id)
        if head is None:
            await _respond(send, 404, {"detail": "Finns inte."})
            return
        if head["region"] != user["region"]:
            await _respond(send, 403, {"detail": "Annan region."})
            return
        out = dict(head)
        for key, sql in PARTS.items():
            out[key] = [{k: json.loads(v) if k in ("participants", "summary", "citations",
                                                   "payload", "krav_ids") and v else v
                         for k, v in r.items()} for r in await conn.fetch(sql, case_id)]
        await _respond(send, 200, out)
