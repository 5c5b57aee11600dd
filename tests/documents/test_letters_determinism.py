"""A stored letter is verified by its hash, so the same view must give the same bytes."""

import hashlib
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from inspektion.documents import RenderedLetter, render_letter
from inspektion.documents.samples import sample_view

_CHILD = """
from inspektion.documents import render_letter
from inspektion.documents.samples import sample_view
r = render_letter(sample_view("forelaggande"))
print(r.pdf_sha256, r.docx_sha256)
"""


def test_rendering_twice_gives_identical_bytes(rendered: dict[str, RenderedLetter]) -> None:
    again = render_letter(sample_view("forelaggande"))
    first = rendered["forelaggande"]
    assert again.pdf == first.pdf
    assert again.docx == first.docx


def test_hashes_are_sha256_of_the_bytes(rendered: dict[str, RenderedLetter]) -> None:
    for letter in rendered.values():
        assert letter.pdf_sha256 == hashlib.sha256(letter.pdf).hexdigest()
        assert letter.docx_sha256 == hashlib.sha256(letter.docx).hexdigest()


def test_another_process_renders_the_same_bytes(rendered: dict[str, RenderedLetter]) -> None:
    """Hash seeds and build-time settings differ between processes; bytes must not."""
    env = {**os.environ, "PYTHONHASHSEED": "12345", "SOURCE_DATE_EPOCH": "1700000000"}
    out = subprocess.run(
        [sys.executable, "-c", _CHILD],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
    ).stdout.split()
    first = rendered["forelaggande"]
    assert out == [first.pdf_sha256, first.docx_sha256]


def test_a_changed_view_gives_a_different_letter(rendered: dict[str, RenderedLetter]) -> None:
    changed = render_letter(replace(sample_view("forelaggande"), vite_sek=75_000))
    assert changed.pdf_sha256 != rendered["forelaggande"].pdf_sha256
    assert changed.docx_sha256 != rendered["forelaggande"].docx_sha256
