"""Benchmark: our PDF and DOCX letters against the same letter through WeasyPrint.

Run by hand (not part of the tests):

    .venv/bin/python bench/letters/bench_letters.py            # 50 runs each, 158-letter batch
    .venv/bin/python bench/letters/bench_letters.py --runs 20 --no-weasyprint

WeasyPrint is only a yardstick (the package renders no HTML); install it in the venv for
the bench with `pip install weasyprint` (Debian needs libpango-1.0-0 libpangoft2-1.0-0).
The HTML version is built from the same `Letter` model, so both print the same text.
"""

import argparse
import html
import io
import os
import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import replace
from importlib import metadata

from pypdf import PdfReader

from inspektion.documents import compose_letter, render_docx, render_pdf
from inspektion.documents.fonts import font_directory
from inspektion.documents.model import Bullets, Letter, NumberedItem, Paragraph
from inspektion.documents.samples import many_krav, sample_view
from inspektion.documents.view import LetterView

_CSS = """
@font-face { font-family: Vera; src: url("file://{fonts}/Vera.ttf"); }
@font-face { font-family: Vera; font-weight: bold; src: url("file://{fonts}/VeraBd.ttf"); }
@page { size: A4; margin: 32mm 20mm 28mm 25mm;
  @top-left { content: "Arbetsmiljöverket"; font: bold 15pt Vera; }
  @top-right { content: "{header}"; font: 8pt Vera; color: #595959; }
  @bottom-left { content: "{footer}"; font: 8pt Vera; color: #595959; white-space: pre; }
  @bottom-right { content: "Sida " counter(page) " av " counter(pages); font: 8pt Vera; } }
body { font: 10pt/14pt Vera; }
h1 { font-size: 16pt; margin: 10mm 0 3mm; } h2 { font-size: 11.5pt; margin: 3mm 0 1mm; }
table.top { width: 100%; } .ref td { font-size: 9pt; padding: 0 2mm 0 0; }
ol.krav > li { margin-bottom: 2mm; break-inside: avoid; } .detail { font-size: 9.5pt; }
"""


def letter_html(letter: Letter) -> str:
    """The letter as an HTML page, for the WeasyPrint comparison only."""
    e = html.escape
    css = (
        _CSS.replace("{fonts}", str(font_directory()))
        .replace("{header}", e(letter.header_right))
        .replace("{footer}", "\\A ".join(e(line) for line in letter.footer))
    )
    ref = "".join(f"<tr><td>{e(f.label)}</td><td>{e(f.value)}</td></tr>" for f in letter.reference)
    out = [
        f"<html lang='sv'><head><meta charset='utf-8'><style>{css}</style></head><body>",
        "<table class='top'><tr><td>" + "<br>".join(e(x) for x in letter.addressee) + "</td>",
        f"<td><table class='ref'>{ref}</table></td></tr></table>",
        f"<h1>{e(letter.title)}</h1>",
    ]
    for section in letter.sections:
        out.append(f"<h2>{e(section.heading)}</h2>")
        items: list[str] = []
        for block in section.blocks:
            if isinstance(block, Paragraph):
                tag = "b" if block.strong else "span"
                out.append(f"<p><{tag}>{e(block.text)}</{tag}></p>")
            elif isinstance(block, Bullets):
                out.append("<ul>" + "".join(f"<li>{e(i)}</li>" for i in block.items) + "</ul>")
            elif isinstance(block, NumberedItem):
                details = "".join(
                    f"<div class='detail'><b>{e(d.label)}:</b> {e(d.value)}</div>"
                    for d in block.details
                )
                items.append(f"<li value='{block.number}'>{e(block.text)}{details}</li>")
        if items:
            out.append("<ol class='krav'>" + "".join(items) + "</ol>")
    out.append(f"<p>{e(letter.closing)}</p>")
    out += [f"<p>{e(s.name)}<br>{e(s.role)}</p>" for s in letter.signatures]
    out += [f"<p>Kopia till: {e(c)}</p>" for c in letter.copies]
    return "".join(out) + "</body></html>"


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    """Milliseconds per call, after two untimed warm-up calls (fonts, imports, caches)."""
    for _ in range(2):
        fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def summary(name: str, samples: list[float]) -> str:
    q1, _, q3 = statistics.quantiles(samples, n=4)
    return (
        f"| {name} | {statistics.median(samples):.1f} | {q1:.1f}–{q3:.1f} | "
        f"{min(samples):.1f} | {max(samples):.1f} |"
    )


def batch_views(count: int) -> list[LetterView]:
    """`count` distinct letters with 5–10 krav each (the campaign averaged 7 per letter)."""
    base = sample_view("inspektionsmeddelande")
    return [
        replace(
            base,
            diarienummer=f"2016/{i + 1:06d}",
            document_number=f"2016/{i + 1:06d}-3",
            krav=many_krav(5 + i % 6),
        )
        for i in range(count)
    ]


def machine() -> str:
    cpu = "?"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info if "model name" in line)
    except (OSError, StopIteration):
        pass
    return (
        f"{cpu}, {os.cpu_count()} kärnor, Python {platform.python_version()}, "
        f"reportlab {metadata.version('reportlab')}, python-docx {metadata.version('python-docx')}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--batch", type=int, default=158)
    parser.add_argument("--no-weasyprint", action="store_true")
    args = parser.parse_args()

    view = sample_view("inspektionsmeddelande", krav_count=10)
    print(f"Maskin: {machine()}")
    print(f"Brev: inspektionsmeddelande med 10 krav, {args.runs} körningar per rad (ms)\n")
    print("| väg | median | IQR | min | max |\n|---|---|---|---|---|")
    pdf = timed(lambda: render_pdf(compose_letter(view)), args.runs)
    docx = timed(lambda: render_docx(compose_letter(view)), args.runs)
    print(summary("PDF (ReportLab)", pdf))
    print(summary("DOCX (python-docx)", docx))
    if not args.no_weasyprint:
        from weasyprint import HTML

        weasy = timed(lambda: HTML(string=letter_html(compose_letter(view))).write_pdf(), args.runs)
        print(summary(f"PDF (WeasyPrint {metadata.version('weasyprint')})", weasy))
        ratio = statistics.median(weasy) / statistics.median(pdf)
        print(f"\nWeasyPrint / ReportLab (median): {ratio:.1f}×")

    views = batch_views(args.batch)
    start = time.perf_counter()
    files = [render_pdf(compose_letter(v)) for v in views]
    pdf_batch = time.perf_counter() - start
    pages = sum(len(PdfReader(io.BytesIO(f)).pages) for f in files)
    start = time.perf_counter()
    for v in views:
        letter = compose_letter(v)
        render_pdf(letter)
        render_docx(letter)
    both_batch = time.perf_counter() - start
    print(f"\n{args.batch} brev, bara PDF: {pdf_batch:.2f} s ({pages} sidor)")
    print(f"{args.batch} brev, PDF + DOCX: {both_batch:.2f} s")


if __name__ == "__main__":
    main()
