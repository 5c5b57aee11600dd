"""The command line speaks Swedish, argparse's own texts included (issue 14)."""

from __future__ import annotations

import re

import pytest

from inspektion.cli import main

ENGLISH = re.compile(r"\b(usage|error|show this help|required|invalid|arguments|options|"
                     r"choose from|expected|unrecognized|positional)\b", re.IGNORECASE)


@pytest.mark.parametrize("argv", [
    ["--help"], [], ["letter"], ["letter", "--help"], ["stats", "--format", "xml"],
    ["serve", "--port", "abc"], ["bogus"], ["user", "add", "x"], ["init", "--bogus"],
    ["map", "coverage", "--out"], ["reminders", "run", "--now", "9999-99-99"],
])
def test_every_message_of_the_command_line_is_swedish(
        argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    out = capsys.readouterr()
    said = out.out + out.err
    assert said.strip()
    assert "användning: inspektion" in said
    assert not ENGLISH.findall(said.replace("--help", "")), said
    if argv != ["--help"] and argv != ["letter", "--help"]:
        assert stopped.value.code == 2 and "fel:" in out.err
    else:
        assert "visa den här hjälpen och avsluta" in out.out
