"""Inkomna handlingar: what may come in, which files we keep, and how they are named.

A file's type is decided by its bytes, never by its name or by the content type the browser
sent: a page of HTML named `svar.pdf` is refused, so nothing we later serve can be a page
that runs in a colleague's browser. Only five types are kept (PDF, DOCX, XLSX, JPEG, PNG);
DOCX and XLSX are ZIP packages, told apart by the main part that their `[Content_Types].xml`
declares (a macro-enabled .docm/.xlsm declares another and is refused).
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import quote

from inspektion.domain.errors import InvalidInput, TooLarge
from inspektion.domain.letters import LETTER_KINDS


class HandlingKind(StrEnum):
    SVAR = "svar"
    YTTRANDE = "yttrande"
    REDOVISNING = "redovisning"
    KOMPLETTERING = "komplettering"
    DELGIVNINGSKVITTO = "delgivningskvitto"
    OVRIGT = "ovrigt"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    HandlingKind.SVAR: "Svar",
    HandlingKind.YTTRANDE: "Yttrande",
    HandlingKind.REDOVISNING: "Redovisning",
    HandlingKind.KOMPLETTERING: "Komplettering",
    HandlingKind.DELGIVNINGSKVITTO: "Delgivningskvitto",
    HandlingKind.OVRIGT: "Övrig handling",
}

# Which outgoing letters a handling of each kind answers. A handling dated before the letter
# it answers cannot be right (an answer cannot come before the question).
ANSWERS: dict[HandlingKind, tuple[str, ...]] = {
    HandlingKind.SVAR: ("inspektionsmeddelande",),
    HandlingKind.YTTRANDE: ("underrattelse",),
    HandlingKind.REDOVISNING: ("tillsynsmeddelande", "begaran_komplettering"),
    HandlingKind.KOMPLETTERING: ("begaran_komplettering", "inspektionsmeddelande",
                                 "tillsynsmeddelande"),
    HandlingKind.DELGIVNINGSKVITTO: LETTER_KINDS,
    HandlingKind.OVRIGT: (),
}

# The kinds the svar step may assess.
ASSESSABLE = (HandlingKind.SVAR, HandlingKind.KOMPLETTERING)

# The diarium's description of an answer registered only by assessing it (no file, nothing
# typed): a note for the register, not what the answer says, so no decision quotes it.
ASSESSED_ANSWER_DESCRIPTION = "Arbetsgivarens svar (registrerat när det bedömdes)"


def parse_kind(raw: str) -> HandlingKind:
    value = (raw or "").strip().lower().replace("ö", "o")
    try:
        return HandlingKind(value)
    except ValueError:
        allowed = ", ".join(k.value for k in HandlingKind)
        raise InvalidInput(f"kind: okänd sorts handling {raw!r}; välj {allowed}.", "kind") from None


@dataclass(frozen=True)
class FileType:
    key: str
    label: str
    content_type: str
    extensions: tuple[str, ...]


PDF = FileType("pdf", "PDF-dokument", "application/pdf", (".pdf",))
DOCX = FileType("docx", "Word-dokument (DOCX)",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                (".docx",))
XLSX = FileType("xlsx", "Excel-arbetsbok (XLSX)",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",))
JPEG = FileType("jpeg", "JPEG-bild", "image/jpeg", (".jpg", ".jpeg"))
PNG = FileType("png", "PNG-bild", "image/png", (".png",))
FILE_TYPES = (PDF, DOCX, XLSX, JPEG, PNG)
_BY_CONTENT_TYPE = {t.content_type: t for t in FILE_TYPES}

_DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
_MAX_CONTENT_TYPES_XML = 1_000_000  # the part lists a few dozen types; more is not an OOXML file
ACCEPTED = "PDF, DOCX, XLSX, JPEG eller PNG"


def type_of_content_type(content_type: str) -> FileType | None:
    return _BY_CONTENT_TYPE.get(content_type)


def _ooxml_kind(data: bytes) -> FileType | None:
    """DOCX or XLSX by the main part `[Content_Types].xml` declares; None for other ZIPs."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            info = package.getinfo("[Content_Types].xml")
            if info.file_size > _MAX_CONTENT_TYPES_XML:
                return None
            declared = package.read(info).decode("utf-8", errors="replace")
            names = set(package.namelist())
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, ValueError, EOFError,
            NotImplementedError):
        return None
    if _DOCX_MAIN in declared and "word/document.xml" in names:
        return DOCX
    if _XLSX_MAIN in declared and "xl/workbook.xml" in names:
        return XLSX
    return None


def sniff(data: bytes) -> FileType | None:
    """The type the bytes are, or None when they are none of the five we keep."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"PK\x03\x04"):
        return _ooxml_kind(data)
    return None


MAX_NAME = 120
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*;]')


def safe_filename(raw: str, kind: FileType, position: int) -> str:
    """The name kept and offered on download: no path, no control or shell characters, at most
    MAX_NAME characters, ending in the extension of what the file is."""
    name = unicodedata.normalize("NFC", raw or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE.sub("_", name)
    name = " ".join(name.split()).strip(" .")
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    ext = "." + ext.lower() if ext else ""
    if ext not in kind.extensions:
        stem = name  # no extension, or one that says something else: keep it in the stem
        ext = kind.extensions[0]
    stem = stem.strip(" .")[: MAX_NAME - len(ext)].rstrip(" .")
    return f"{stem or f'fil-{position}'}{ext}"


def check_name_matches(raw: str, kind: FileType) -> None:
    """A name whose extension says one of our types while the bytes are another is refused:
    someone is mistaken about what they are sending."""
    base = (raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    _stem, dot, ext = base.rpartition(".")
    if not dot:
        return
    ext = "." + ext.lower().strip()
    claimed = next((t for t in FILE_TYPES if ext in t.extensions), None)
    if claimed is not None and claimed is not kind:
        raise InvalidInput(f"file: {base[:MAX_NAME]!r} heter {ext} men innehållet är "
                           f"av typen {kind.label}; byt namn eller välj rätt fil.", "file")


def check_file(raw_name: str, data: bytes, max_bytes: int, position: int) -> tuple[FileType, str]:
    """The type and safe name of one uploaded file, or a refusal a person understands."""
    # The name as the sender gave it (made safe): "svar.pdf" stays "svar.pdf" in a refusal.
    shown = safe_filename(raw_name, PDF, position)
    if not (raw_name or "").rstrip(" .").lower().endswith(".pdf"):
        shown = shown.removesuffix(".pdf")
    if len(data) > max_bytes:
        raise TooLarge(f"Filen {shown!r} är större än {max_bytes // 1_000_000} MB, som är "
                       "största tillåtna storlek per fil. Dela upp den eller förminska den.")
    if not data:
        raise InvalidInput(f"file: filen {shown!r} är tom.", "file")
    kind = sniff(data)
    if kind is None:
        raise InvalidInput(f"file: filen {shown!r} är inte {ACCEPTED} (typen avgörs av "
                           "innehållet, inte av namnet).", "file")
    check_name_matches(raw_name, kind)
    return kind, safe_filename(raw_name, kind, position)


def _ascii_fallback(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    folded = re.sub(r'[^A-Za-z0-9._ -]', "_", folded).strip() or "fil"
    return folded


def content_disposition(name: str) -> str:
    """`attachment` always, with an ASCII name and the exact name by RFC 5987 (å, ä, ö)."""
    return (f'attachment; filename="{_ascii_fallback(name)}"; '
            f"filename*=UTF-8''{quote(name, safe='')}")
