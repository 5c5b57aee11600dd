"""The `inspektion` command (CONTRACT.md, Command line)."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import os
import sys
from collections.abc import Callable, Coroutine
from datetime import date
from pathlib import Path
from typing import Any

from inspektion import clock
from inspektion.cli_swedish import install as install_swedish
from inspektion.config import load_settings
from inspektion.domain.errors import DomainError

Command = Callable[[argparse.Namespace], Coroutine[Any, Any, int]]
_WORDS = {"lan": "län"}  # count keys are table names; print the Swedish word


async def _init(args: argparse.Namespace) -> int:
    from inspektion.db.engine import bind_database
    from inspektion.db.setup import migrate
    from inspektion.services import demo, reference

    await migrate()
    bind_database()
    counts = await reference.load_reference(load_settings().fixtures_dir)
    print("Referensdata: " + ", ".join(f"{v} {_WORDS.get(k, k)}" for k, v in counts.items()))
    if args.demo:
        result = await demo.load_demo()
        print("Demodata: " + ("skapad" if result["created"] else "fanns redan"))
    return 0


async def _user_add(args: argparse.Namespace) -> int:
    from inspektion.db.engine import bind_database
    from inspektion.services import users

    bind_database()
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Lösenord: ")
    out = await users.add_user(args.name, password, args.role, args.region)
    print(f"Användare {out.username} ({out.role}) skapad.")
    return 0


async def _letter(args: argparse.Namespace) -> int:
    from inspektion.db.engine import bind_database
    from inspektion.services import stored_letters

    bind_database()
    data = await stored_letters.letter_bytes(args.case, args.kind, args.format)
    Path(args.out).write_bytes(data)
    print(f"Skrev {args.out} ({len(data)} byte).")
    return 0


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    async def prepare() -> None:
        """Migrate and load the reference data only when needed: a restart with every
        migration run and the same fixtures skips both (one query each)."""
        from inspektion.db.engine import bind_database
        from inspektion.db.setup import migrate, migrations_current
        from inspektion.services import demo, reference

        bind_database()
        if not await migrations_current():
            await migrate()
            bind_database()
        fixtures = load_settings().fixtures_dir
        if not await reference.reference_is_current(fixtures):
            counts = await reference.load_reference(fixtures)
            print("Referensdata: " + ", ".join(f"{v} {_WORDS.get(k, k)}"
                                               for k, v in counts.items()))
        if args.demo:
            await demo.load_demo()

    asyncio.run(prepare())
    workers = max(1, int(args.workers))
    print(f"inspektion körs på http://{args.host}:{args.port}/  (API-schema: /schema)"
          + (f", {workers} processer" if workers > 1 else ""))
    uvicorn.run("inspektion.asgi:app", host=args.host, port=args.port, log_level="warning",
                workers=workers if workers > 1 else None)
    return 0


def build_parser() -> argparse.ArgumentParser:
    install_swedish()
    parser = argparse.ArgumentParser(prog="inspektion", description=(
        "Ärendehantering för Arbetsmiljöverkets fokusinspektioner av socialtjänsten."))
    sub = parser.add_subparsers(dest="command", required=True, title="kommandon",
                                metavar="KOMMANDO")
    p = sub.add_parser("init", help="skapa/migrera databasen och läs in referensdata")
    p.add_argument("--demo", action="store_true", help="lägg också in demoanvändare och -ärenden")
    p = sub.add_parser("serve", help="kör webbappen (API och sidor)")
    p.add_argument("--host", default="127.0.0.1", metavar="VÄRD")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--demo", action="store_true")
    p.add_argument("--workers", type=int, default=1, metavar="N", help=(
        "antal serverprocesser (varje process har sin egen anslutningspool)"))
    p = sub.add_parser("user", help="användare")
    usub = p.add_subparsers(dest="user_command", required=True)
    a = usub.add_parser("add", help="lägg till en användare")
    a.add_argument("name", metavar="ANVÄNDARNAMN")
    a.add_argument("--role", required=True, metavar="ROLL",
                   help="inspektor, samordnare, jurist eller admin")
    a.add_argument("--region")
    a.add_argument("--password-stdin", action="store_true")
    p = sub.add_parser("letter", help="skriv ett ärendes brev till en fil")
    p.add_argument("case", metavar="ÄRENDE", help="ärendets id eller diarienummer")
    p.add_argument("--kind", required=True, metavar="SLAG",
                   help="brevets slag, t.ex. inspektionsmeddelande")
    p.add_argument("--format", choices=["pdf", "docx"], default="pdf")
    p.add_argument("--out", required=True, metavar="FIL")
    p = sub.add_parser("map", help="kartor")
    msub = p.add_subparsers(dest="map_command", required=True)
    m = msub.add_parser("coverage", help="täckningskartan för en kampanj")
    m.add_argument("--campaign", metavar="KAMPANJ",
                   help="kampanjens id eller namn (standard: den senaste)")
    m.add_argument("--out", required=True, metavar="FIL")
    p = sub.add_parser("stats", help="kampanjens siffror")
    p.add_argument("--campaign", metavar="KAMPANJ",
                   help="kampanjens id eller namn (standard: den senaste)")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.add_argument("--check", action="store_true", help=(
        "jämför sammanställningen (rollup) med de raka frågorna för varje kampanj"))
    p.add_argument("--rebuild", action="store_true", help=(
        "skriv om sammanställningen (rollup) från tabellerna, sedan kontroll"))
    p = sub.add_parser("report", help="kampanjrapporten som DOCX eller PDF (efter filändelsen)")
    p.add_argument("--campaign", metavar="KAMPANJ",
                   help="kampanjens id eller namn (standard: den senaste)")
    p.add_argument("--out", required=True, metavar="FIL",
                   help="filen att skriva, t.ex. rapport.docx")
    p = sub.add_parser("reminders", help="påminnelser")
    rsub = p.add_subparsers(dest="reminders_command", required=True)
    r = rsub.add_parser("run", help="kör en genomgång av tidsfrister och påminnelser")
    r.add_argument("--now", help="kör som om i dag vore detta datum (ÅÅÅÅ-MM-DD)")
    p = sub.add_parser("grants", help=(
        "skriv ut de GRANT-satser som låter en roll köra appen utan att äga något "
        "(PostgreSQL, se docs/deployment.md)"))
    p.add_argument("role", help="rollen som appen ansluter som, t.ex. inspektion_app")
    p = sub.add_parser("generate", help="fyll databasen med ett realistiskt nationellt dataset")
    p.add_argument("--cases", type=int, default=200_000)
    p.add_argument("--seed", type=int, default=1)
    return parser


def _feature(module: str, function: str) -> Command:
    """Commands of later features live beside their code; imported only when used."""

    async def run(args: argparse.Namespace) -> int:
        import importlib

        from inspektion.db.engine import bind_database

        bind_database()
        handler = getattr(importlib.import_module(module), function)
        result: int = await handler(args)
        return result

    return run


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "now", None):
        try:
            clock.set_today(date.fromisoformat(args.now))
        except ValueError:
            parser.error(f"--now ska vara ett datum ÅÅÅÅ-MM-DD, inte {args.now!r}")
    os.environ.setdefault("INSPEKTION_SCHEDULER", "1")
    try:
        if args.command == "serve":
            return _serve(args)
        handler: Command | None = {
            "init": _init, "letter": _letter,
            "map": _feature("inspektion.cli_map", "coverage_command"),
            "stats": _feature("inspektion.cli_stats", "stats_command"),
            "reminders": _feature("inspektion.scheduler.cli", "reminders_command"),
            "report": _feature("inspektion.cli_report", "report_command"),
            "generate": _feature("inspektion.generate.cli", "generate_command"),
        }.get(args.command)
        if args.command == "user":
            handler = _user_add
        if args.command == "grants":
            from inspektion.db.app_role import grants_command

            handler = grants_command
        if handler is None:
            parser.error(f"okänt kommando {args.command}")
        return asyncio.run(handler(args))
    except DomainError as exc:
        print(f"Fel: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
