"""`inspektion stats`: a campaign's figures as a plain table, CSV or JSON.

The table is for reading in a terminal (Swedish headings, report figures beside ours where a
final report exists); CSV is long format (one figure per line) so a spreadsheet can pivot it;
JSON is the same read model as `GET /api/stats`.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from datetime import date
from typing import Literal

from inspektion.services.stats import (
    MEETING_KINDS,
    AreaFigures,
    CampaignFigures,
    campaign_figures,
)

DASH = "–"
# A table cell before formatting: a name, a count, a share (0–1) or nothing (a dash).
Cell = str | int | float | None
# The per-area figures written to CSV, in this order.
AreaKey = Literal["kommuner", "target", "reached", "reported_reached", "cases",
                  "inspektionsmeddelanden", "krav", "tillsynsmeddelanden", "underrattelser",
                  "forelagganden", "forelagganden_med_vite", "answers_overdue",
                  "reported_visits"]
CSV_KEYS: tuple[AreaKey, ...] = (
    "kommuner", "target", "reached", "reported_reached", "cases", "inspektionsmeddelanden",
    "krav", "tillsynsmeddelanden", "underrattelser", "forelagganden", "forelagganden_med_vite",
    "answers_overdue", "reported_visits")


def _fmt(value: Cell) -> str:
    if value is None:
        return DASH
    if isinstance(value, float):
        return f"{value * 100:.1f} %".replace(".", ",")
    return str(value)


def _table(headers: list[str], rows: list[list[Cell]]) -> str:
    cells = [headers] + [[_fmt(v) for v in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = []
    for n, row in enumerate(cells):
        lines.append("  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                               for i, (c, w) in enumerate(zip(row, widths, strict=True))))
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _areas(figures: CampaignFigures) -> list[AreaFigures]:
    return [*figures["regions"], figures["national"]]


def render_table(figures: CampaignFigures) -> str:
    c = figures["campaign"]
    out = [f"{c['name']} ({c['start']} – {c['end']}), läget {figures['as_of']}", ""]
    out += ["Kommuner nådda mot mål", _table(
        ["Region", "Kommuner", "Mål", "Nådda", "Andel av mål", "Rapporterat"],
        [[a["region"], a["kommuner"], a["target"], a["reached"],
          a["reached"] / a["target"] if a["target"] else None, a["reported_reached"]]
         for a in _areas(figures)]), ""]
    out += ["Arbetsställebesök", _table(
        ["Region", *MEETING_KINDS.values(), "Totalt", "Rapporterat"],
        [[a["region"], *[a["visits"].get(k, 0) for k in MEETING_KINDS], a["visits"]["total"],
          a["reported_visits"]] for a in _areas(figures)]), ""]
    rows: list[list[Cell]] = [
        [a["region"], a["inspektionsmeddelanden"], a["krav"], a["tillsynsmeddelanden"],
         a["underrattelser"], a["forelagganden_med_vite"], a["answers_overdue"]]
        for a in _areas(figures)]
    reported = figures["national"].get("reported")
    if reported:
        rows.append(["Rapporterat", reported["inspektionsmeddelanden"], reported["krav"],
                     reported["tillsynsmeddelanden"], reported["underrattelser"],
                     reported["forelagganden_med_vite"], None])
    out += ["Brev och beslut", _table(
        ["Region", "Inspektionsmeddelanden", "Krav", "Tillsynsmeddelanden", "Underrättelser",
         "Förelägganden med vite", "Försenade svar"], rows), ""]
    out += ["Kommuner nådda per län", _table(
        ["Län", "Region", "Kommuner", "Nådda", "Rapporterat", "Rapp. − data"],
        [[r["namn"], r["region"], r["kommuner"], r["reached"], r["reported_reached"],
          None if r["reported_reached"] is None or r["reported_reached"] == r["reached"]
          else f"{r['reported_reached'] - r['reached']:+d}"] for r in figures["lan"]]), ""]
    out += ["Krav per föreskrift (ett krav räknas en gång per föreskrift det hänvisar till)",
            _table(["Föreskrift", "Titel", "Krav", "Andel av kraven"],
                   [[r["regulation"], r["title"], r["krav"], r["share"]]
                    for r in figures["krav_by_regulation"]])]
    note = figures["note"]
    if note:
        out += ["", "Anmärkning: " + note]
    return "\n".join(out) + "\n"


def render_csv(figures: CampaignFigures) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["avsnitt", "omrade", "matt", "varde"])
    for a in _areas(figures):
        for key in CSV_KEYS:
            w.writerow(["region", a["region"], key, "" if a[key] is None else a[key]])
        for kind, n in a["visits"].items():
            w.writerow(["besok", a["region"], kind, n])
    for r in figures["lan"]:
        w.writerow(["lan", r["namn"], "kommuner", r["kommuner"]])
        w.writerow(["lan", r["namn"], "reached", r["reached"]])
        w.writerow(["lan", r["namn"], "reported_reached",
                    "" if r["reported_reached"] is None else r["reported_reached"]])
    for g in figures["krav_by_regulation"]:
        w.writerow(["foreskrift", g["regulation"], "krav", g["krav"]])
        w.writerow(["foreskrift", g["regulation"], "share", g["share"]])
    return buf.getvalue()


def _default(value: object) -> str:
    """What json cannot write itself: the dates (ISO), anything else as text."""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def render_json(figures: CampaignFigures) -> str:
    return json.dumps(figures, ensure_ascii=False, indent=2, default=_default) + "\n"


async def _check(rebuild: bool) -> int:
    """`--rebuild` and `--check`: 0 when the rollup equals the plain queries, else 1."""
    from inspektion.services import rollup_check

    if rebuild:
        await rollup_check.rebuild_all()
        print("Sammanställningen är omskriven från tabellerna.")
    found = await rollup_check.check_all()
    for campaign_id, lines in found.items():
        for line in lines:
            print(f"Kampanj {campaign_id}: {line}")
    if found:
        print("Sammanställningen stämmer inte; kör inspektion stats --rebuild.")
        return 1
    print("Sammanställningen stämmer med tabellerna för alla kampanjer.")
    return 0


async def stats_command(args: argparse.Namespace) -> int:
    if getattr(args, "check", False) or getattr(args, "rebuild", False):
        return await _check(bool(getattr(args, "rebuild", False)))
    figures = await campaign_figures(getattr(args, "campaign", None))
    fmt = getattr(args, "format", "table") or "table"
    render = {"table": render_table, "csv": render_csv, "json": render_json}[fmt]
    print(render(figures), end="")
    return 0
