"""The PDF as a reader sees it: Swedish text, embedded font, page numbers, draft marking."""

import io
from dataclasses import replace
from typing import Any

import pypdf
from reportlab.pdfbase import pdfmetrics

from inspektion.documents import RenderedLetter, render_letter
from inspektion.documents.fonts import REQUIRED_CHARACTERS, register_fonts
from inspektion.documents.samples import sample_view

SWEDISH = "Åsa Öberg på Ängsvägen – é § « citat »"


def _pdf(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def test_swedish_characters_round_trip_through_text_extraction(reader: Any) -> None:
    view = replace(
        sample_view("inspektionsmeddelande"),
        workplace=f"Socialkontoret, {SWEDISH}",
        employer="Ängelholms kommun",
    )
    text = reader.pdf_text(render_letter(view).pdf)
    assert SWEDISH in text
    assert "Ängelholms kommun" in text
    assert "Arbetsmiljöverket" in text


def test_the_font_covers_every_character_a_letter_uses() -> None:
    register_fonts()
    for name in ("InspektionSans", "InspektionSans-Bold"):
        glyphs = pdfmetrics.getFont(name).face.charToGlyph
        assert [c for c in REQUIRED_CHARACTERS if ord(c) not in glyphs] == []


def test_every_font_that_draws_text_is_an_embedded_truetype_subset(
    rendered: dict[str, RenderedLetter],
) -> None:
    pdf = _pdf(rendered["forelaggande"].pdf)
    for page in pdf.pages:
        resources: Any = page["/Resources"]
        fonts = resources["/Font"]
        operations = pypdf.generic.ContentStream(page.get_contents(), pdf).operations
        used = {str(operands[0]) for operands, op in operations if op == b"Tf"}
        assert used
        for key in used:
            font = fonts[key].get_object()
            assert "+" in str(font["/BaseFont"])  # subset tag, e.g. AAAAAA+BitstreamVeraSans
            assert "/FontFile2" in font["/FontDescriptor"]


def test_forty_krav_flow_over_pages_each_marked_sida_n_av_m(
    long_final: RenderedLetter, reader: Any
) -> None:
    pages = reader.pdf_pages(long_final.pdf)
    total = len(pages)
    assert total >= 3
    for number, text in enumerate(pages, start=1):
        assert f"Sida {number} av {total}" in text
        assert f"Sida {number + 1} av" not in text
    everything = " ".join(pages)
    view = sample_view("inspektionsmeddelande", krav_count=40)
    lost = [k.number for k in view.krav if " ".join(k.text.split()) not in everything]
    assert lost == []


def test_draft_is_marked_utkast_on_every_page_and_final_on_none(
    long_draft: RenderedLetter, long_final: RenderedLetter, reader: Any
) -> None:
    draft_pages = reader.pdf_pages(long_draft.pdf)
    assert len(draft_pages) >= 3
    assert all("UTKAST" in text for text in draft_pages)
    assert not any("UTKAST" in text for text in reader.pdf_pages(long_final.pdf))


def test_pdf_is_a4_in_swedish_dated_by_the_letter(rendered: dict[str, RenderedLetter]) -> None:
    pdf = _pdf(rendered["inspektionsmeddelande"].pdf)
    box = pdf.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    root: Any = pdf.trailer["/Root"]
    assert root["/Lang"] == "sv-SE"
    info: Any = pdf.metadata
    assert str(info["/CreationDate"]).startswith("D:20261123")
    assert str(info["/Title"]) == "Inspektionsmeddelande 2026/000123-3"


def test_a_krav_longer_than_a_page_is_split_without_losing_text(reader: Any) -> None:
    view = sample_view("inspektionsmeddelande")
    words = " ".join(f"ord{i}" for i in range(1200))
    long_krav = replace(view.krav[0], text=f"Början {words} slutet.")
    result = render_letter(replace(view, krav=(long_krav, *view.krav[1:])))
    assert len(reader.pdf_pages(result.pdf)) >= 4
    assert long_krav.text in reader.pdf_text(result.pdf)


NAMES = ["Wiśniewski", "Łukasz Żółć", "Nguyễn Thị Hương", "Áŋŋel Đuođđa", "Ǩiõll Sääʹmǩiõl",
         "Παπαδόπουλος", "Ahmadi Jönsson", "Őry Čapek", "Мельникова"]


def test_names_from_all_over_europe_print_and_copy_out(reader: Any) -> None:
    """Vera (Latin-1 only) printed "Wiśniewski" as "Wi niewski"; every name must survive."""
    from inspektion.documents.view import Person

    base = sample_view("inspektionsmeddelande")
    view = replace(base, inspectors=tuple(Person(n, "Arbetsmiljöinspektör") for n in NAMES[:3]),
                   contact=Person(NAMES[3], "Arbetsmiljöinspektör"),
                   workplace="Socialkontoret, " + ", ".join(NAMES[4:]),
                   safety_representative=f"{NAMES[0]}, huvudskyddsombud")
    pdf = render_letter(view).pdf
    text = reader.pdf_text(pdf)
    missing = [n for n in NAMES if n not in text]
    assert missing == []
    fonts = {str(font.get_object()["/BaseFont"]) for page in _pdf(pdf).pages
             for font in page["/Resources"]["/Font"].values()}
    assert all("DejaVuSans" in f for f in fonts), fonts


def test_the_font_files_ship_inside_the_package_with_their_licence() -> None:
    from inspektion.documents.fonts import _FILES, font_directory

    directory = font_directory()
    assert "site-packages/reportlab" not in str(directory)
    assert not str(directory).startswith("/usr/share")
    for filename in _FILES.values():
        assert (directory / filename).stat().st_size > 100_000
    assert "Bitstream" in (directory / "LICENSE.txt").read_text(encoding="utf-8")
