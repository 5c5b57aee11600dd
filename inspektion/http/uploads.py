"""Reading a multipart form with files, for the API and the pages alike.

Only the routes for inkomna handlingar take files (see edge.FILE_ROUTES); their text fields
pass the same input rules as every other form here, and a file is read only up to the cap
plus one byte, so an oversized file is refused without being held in memory.
"""

from __future__ import annotations

from typing import Any

from litestar.datastructures import UploadFile

from inspektion.config import load_settings
from inspektion.domain.errors import InvalidInput
from inspektion.http.input_rules import check_param
from inspektion.services import handlingar
from inspektion.services.handlingar import IncomingFile

# The whole request may hold MAX_FILES files at the cap; one file above the cap is read only
# up to the cap and refused with 413 by the service, in Swedish.
BODY_LIMIT = handlingar.MAX_FILES * load_settings().max_file_mb * 1_000_000 + 1_000_000


def form_text(form: Any, name: str) -> str:
    """One text field; a field sent twice or as a file is a mistake, not a guess."""
    items = form.getall(name) if name in form else []
    if len(items) > 1 or any(not isinstance(i, str) for i in items):
        raise InvalidInput(f"{name}: ange fältet en gång, som text.", name)
    return check_param(name, items[0]) if items else ""  # the edge's text rules


async def read_files(raw: Any) -> tuple[IncomingFile, ...]:
    items = raw if isinstance(raw, list) else [raw] if raw else []
    cap = handlingar.max_file_bytes()
    out = []
    for item in items:
        if isinstance(item, str) and not item:
            continue  # a file input left empty: the browser sends a part with no file name
        if not isinstance(item, UploadFile):
            raise InvalidInput("file: skicka filerna som fildelar (multipart/form-data).", "file")
        data = await item.read(cap + 1)
        out.append(IncomingFile(item.filename or "", data))
        await item.close()
    return tuple(out)
