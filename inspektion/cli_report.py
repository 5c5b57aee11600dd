"""`inspektion report --campaign C --out rapport.docx`: the campaign report to a file.

The format follows the file's extension (.docx or .pdf)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from inspektion.services.reports import write_report


async def report_command(args: argparse.Namespace) -> int:
    out = Path(args.out)
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in ("docx", "pdf"):
        print(f"Fel: {out.name} ska sluta på .docx eller .pdf.", file=sys.stderr)
        return 2
    data = await write_report(args.campaign, fmt)
    out.write_bytes(data)
    print(f"Skrev {out} ({len(data) // 1024} kB).")
    return 0
