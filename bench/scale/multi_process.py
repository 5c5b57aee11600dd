"""Two app processes, one PostgreSQL: no errors, no lost updates, reminders created once.

Run by hand on the generated bench database (bench/README.md, "Flera processer"):

    .venv/bin/python bench/scale/multi_process.py --seconds 20 --clients 16

Two uvicorn processes (ports 8201 and 8202) serve the same database; the load script is the
balancer and sends requests round-robin. Each client reads a case from one process and adds a
krav with the version it read through the other, so writes race across processes. Checked:
every answer is 200/201 or — for a stale version — 409, never anything else; every 201 is a
krav in the database and bumped the case's version by one; the cases gained exactly as many
krav as there were 201s. Then `inspektion reminders run` is started in two processes at
once: each reminder must exist once, and two more sweeps must create nothing new. With
--fresh-reminders the bench database's reminders are deleted first, so the two concurrent
sweeps start from nothing (otherwise a second run of the script finds them all made).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
URL = os.environ.get("BENCH_DATABASE_URL",
                     "postgresql://postgres@127.0.0.1:5432/inspektion_bench")
USER, PASSWORD, REGION = "bench.inspektor", "bench-losenord", "IRS-Syd"
PORTS = (8201, 8202)
TEMPLATES = ["arbetsbelastning-riskbedomning", "hot-vald-riskbedomning", "krisstod-rutiner",
             "introduktion-rutiner", "tillbudsrapportering-rutiner"]


async def prepare(url: str, n_cases: int) -> tuple[str, dict[int, dict[str, int]]]:
    os.environ["INSPEKTION_DATABASE_URL"] = url
    from inspektion.db.engine import bind_database
    from inspektion.db.tables import Case, User
    from inspektion.services import users

    bind_database(url)
    if not await User.exists().where(User.username == USER):
        await users.add_user(USER, PASSWORD, "inspektor", REGION)
    token = (await users.login(USER, PASSWORD)).token
    rows = await Case.raw(
        'SELECT c.id, c.version, (SELECT COUNT(*) FROM krav k WHERE k."case" = c.id) AS krav '
        "FROM case_file c JOIN region r ON r.id = c.region WHERE r.code = {} "
        "AND c.status = 'pagaende' ORDER BY c.id DESC LIMIT {}", REGION, n_cases)
    return token, {int(r["id"]): {"version": int(r["version"]), "krav": int(r["krav"])}
                   for r in rows}


async def after(url: str, ids: list[int]) -> dict[int, dict[str, Any]]:
    from inspektion.db.tables import Case

    rows = await Case.raw(
        'SELECT c.id, c.version, (SELECT COUNT(*) FROM krav k WHERE k."case" = c.id) AS krav '
        f"FROM case_file c WHERE c.id IN ({', '.join(map(str, ids))})")
    return {int(r["id"]): dict(r) for r in rows}


async def krav_exist(ids: list[int]) -> int:
    from inspektion.db.tables import Krav

    if not ids:
        return 0
    listed = ", ".join(map(str, ids))
    rows = await Krav.raw(f"SELECT COUNT(*) AS n FROM krav WHERE id IN ({listed})")
    return int(rows[0]["n"])


def start(port: int, url: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "INSPEKTION_DATABASE_URL": url, "INSPEKTION_SCHEDULER": "0"}
    return subprocess.Popen([str(ROOT / ".venv/bin/uvicorn"), "inspektion.asgi:app", "--port",
                             str(port), "--log-level", "warning", "--no-access-log"],
                            env=env, cwd=ROOT)


async def client(http: httpx.AsyncClient, token: str, case_ids: list[int], until: float,
                 turn: list[int], log: list[tuple[str, int, int, Any]]) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    while time.monotonic() < until:
        case_id = random.choice(case_ids)
        turn[0] += 1
        read_port, write_port = PORTS[turn[0] % 2], PORTS[(turn[0] + 1) % 2]
        r = await http.get(f"http://127.0.0.1:{read_port}/api/cases/{case_id}", headers=headers)
        log.append(("read", r.status_code, case_id, None))
        if r.status_code != 200:
            continue
        w = await http.post(f"http://127.0.0.1:{write_port}/api/cases/{case_id}/krav",
                            headers=headers, json={"version": r.json()["version"],
                                                   "template_id": random.choice(TEMPLATES)})
        log.append(("write", w.status_code, case_id, w.json() if w.status_code == 201 else None))
        r = await http.get(f"http://127.0.0.1:{read_port}/api/cases?limit=50", headers=headers)
        log.append(("list", r.status_code, case_id, None))


def sweep_twice(url: str) -> list[str]:
    env = {**os.environ, "INSPEKTION_DATABASE_URL": url}
    cmd = [str(ROOT / ".venv/bin/inspektion"), "reminders", "run"]
    procs = [subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True)
             for _ in range(2)]
    return [p.communicate(timeout=600)[0].strip().splitlines()[0] for p in procs]


async def forget_reminders() -> int:
    """Empty the bench database's reminders, so the two sweeps start from nothing."""
    from inspektion.db.tables import Reminder

    n = await Reminder.count()
    await Reminder.delete(force=True)
    return int(n)


async def reminder_counts() -> tuple[int, int]:
    from inspektion.db.tables import Case

    total = (await Case.raw("SELECT COUNT(*) AS n FROM reminder"))[0]["n"]
    dupes = (await Case.raw("SELECT COUNT(*) AS n FROM (SELECT key FROM reminder GROUP BY key "
                            "HAVING COUNT(*) > 1) d"))[0]["n"]
    return int(total), int(dupes)


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default=URL)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--cases", type=int, default=10)
    parser.add_argument("--no-reminders", action="store_true")
    parser.add_argument("--fresh-reminders", action="store_true",
                        help="töm påminnelserna i bänkdatabasen först (aldrig i produktion)")
    args = parser.parse_args()
    token, before = await prepare(args.url, args.cases)
    procs = [start(port, args.url) for port in PORTS]
    log: list[tuple[str, int, int, Any]] = []
    try:
        async with httpx.AsyncClient(timeout=30) as http:
            for port in PORTS:
                for _ in range(300):
                    try:
                        await http.get(f"http://127.0.0.1:{port}/health")
                        break
                    except httpx.HTTPError:
                        await asyncio.sleep(0.1)
            until = time.monotonic() + args.seconds
            turn = [0]
            await asyncio.gather(*(client(http, token, list(before), until, turn, log)
                                   for _ in range(args.clients)))
    finally:
        for p in procs:
            p.terminate()
            p.wait(10)
    codes = Counter((kind, code) for kind, code, _, _ in log)
    created = [(case_id, body) for kind, code, case_id, body in log
               if kind == "write" and code == 201]
    now = await after(args.url, list(before))
    per_case = Counter(case_id for case_id, _ in created)
    lost = [cid for cid in before if now[cid]["krav"] - before[cid]["krav"] != per_case[cid]
            or now[cid]["version"] - before[cid]["version"] != per_case[cid]]
    found = await krav_exist([int(body["id"]) for _, body in created])
    unexpected = {k: v for k, v in codes.items()
                  if not (k[1] in (200, 201) or (k[0] == "write" and k[1] == 409))}
    print(f"\n2 processer × uvicorn, {args.clients} klienter, {args.seconds} s, "
          f"{len(before)} ärenden i {REGION}")
    for (kind, code), n in sorted(codes.items()):
        print(f"  {kind:5} {code}: {n}")
    print(f"  krav skapade (201): {len(created)}, finns i databasen: {found}")
    print(f"  ärenden där antal krav eller version inte stämmer: {len(lost)}")
    print(f"  oväntade svar: {sum(unexpected.values())}")
    ok = not lost and not unexpected and found == len(created)
    if not args.no_reminders:
        if args.fresh_reminders:
            print(f"  tömde {await forget_reminders()} påminnelser före svepen")
        first = sweep_twice(args.url)
        total, dupes = await reminder_counts()
        again = sweep_twice(args.url)
        total2, dupes2 = await reminder_counts()
        print("  två samtidiga svep:\n    " + "\n    ".join(first))
        print(f"  påminnelser: {total}, dubbletter: {dupes}")
        print("  två svep till:\n    " + "\n    ".join(again))
        print(f"  påminnelser efteråt: {total2}, dubbletter: {dupes2}")
        ok = ok and dupes == dupes2 == 0 and total2 == total
    print("RESULTAT: " + ("inga fel, inga förlorade uppdateringar" if ok else "FEL"))


if __name__ == "__main__":
    asyncio.run(main())
