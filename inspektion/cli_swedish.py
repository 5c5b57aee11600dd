"""argparse in Swedish: usage, help and every error the command line can print.

argparse looks its texts up through the module-level `_` and `ngettext` (gettext) each time
it needs one, so giving it ours before the parser is built makes every message Swedish,
the ones it builds itself ("the following arguments are required") included. Only the
`inspektion` command calls `install`; nothing else in the process parses arguments.
"""

from __future__ import annotations

import argparse

SWEDISH: dict[str, str] = {
    "usage: ": "användning: ",
    "positional arguments": "argument",
    "options": "flaggor",
    "optional arguments": "flaggor",
    "subcommands": "underkommandon",
    "show this help message and exit": "visa den här hjälpen och avsluta",
    "show program's version number and exit": "visa programmets version och avsluta",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fel: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argumentet %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "de här argumenten saknas: %s",
    "one of the arguments %s is required": "ett av argumenten %s krävs",
    "unrecognized arguments: %s": "okända argument: %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "ogiltigt val: %(value)r (välj bland %(choices)s)",
    "invalid %(type)s value: %(value)r": "ogiltigt värde: %(value)r",
    "expected one argument": "ett värde behövs",
    "expected at most one argument": "högst ett värde får anges",
    "expected at least one argument": "minst ett värde behövs",
    "not allowed with argument %s": "får inte användas tillsammans med %s",
    "ignored explicit argument %r": "argumentet %r ignorerades",
    "ambiguous option: %(option)s could match %(matches)s":
        "flaggan %(option)s är tvetydig; den kan betyda %(matches)s",
    "unexpected option string: %s": "oväntad flagga: %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "okänt kommando %(parser_name)r (välj bland %(choices)s)",
    "can't open '%(filename)s': %(error)s": "kan inte öppna '%(filename)s': %(error)s",
    "cannot have multiple subparser arguments": "bara ett underkommando får anges",
}
PLURALS: dict[str, tuple[str, str]] = {
    "expected %s argument": ("%s värde behövs", "%s värden behövs"),
}


def gettext(message: str) -> str:
    return SWEDISH.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    swedish = PLURALS.get(singular)
    if swedish is None:
        return singular if n == 1 else plural
    return swedish[0] if n == 1 else swedish[1]


def install() -> None:
    argparse._ = gettext  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
