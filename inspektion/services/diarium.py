"""The case's diarium: every handling in and out, in date order, as the authority registers it.

Outgoing letters come from `document`; what came in from `handling` (and, for cases from
before handlingar existed, the answers and redovisningar kept as documents). One list, one
order — date, then the document number — for the page, the API and the printed summary.
"""

from __future__ import annotations

from typing import Any

from inspektion import clock
from inspektion.db.tables import Document
from inspektion.documents.diarium_view import Diarium, DiariumEntry, DiariumFile
from inspektion.domain.access import Actor
from inspektion.domain.kronor import kr
from inspektion.services import offload
from inspektion.services.cases import case_detail
from inspektion.services.handlingar import handlingar_of_case
from inspektion.services.step_frame import parse_date

DOCUMENT_LABELS = {
    "inspektionsmeddelande": "Inspektionsmeddelande", "tillsynsmeddelande": "Tillsynsmeddelande",
    "underrattelse": "Underrättelse om föreläggande", "forelaggande": "Föreläggande",
    "begaran_komplettering": "Begäran om komplettering",
    "ansokan_utdomande": "Ansökan om utdömande av vite",
    "svar": "Svar", "redovisning": "Redovisning",
}
INCOMING_DOCUMENTS = frozenset({"svar", "redovisning"})  # kept as documents before handlingar


def _describe(kind: str, payload: dict[str, Any]) -> str:
    parts = []
    if payload.get("svar_senast"):
        parts.append(f"svar senast {payload['svar_senast']}")
    if payload.get("deadline"):
        parts.append(f"åtgärdat senast {payload['deadline']}")
    if payload.get("vite_sek"):
        parts.append(f"vite {kr(int(payload['vite_sek']))}")
    if payload.get("notes"):
        parts.append(str(payload["notes"])[:200])
    label = DOCUMENT_LABELS.get(kind, kind)
    return label + (" – " + ", ".join(parts) if parts else "")


async def diarium_of(actor: Actor, case_id: int) -> Diarium:
    """Read by role and region like the case itself."""
    case = await case_detail(actor, case_id)
    employer = str(case.get("employer") or "Arbetsgivaren")
    entries: list[DiariumEntry] = []
    docs = await Document.select(Document.id, Document.kind, Document.number,
                                 Document.created_on, Document.sent_on, Document.payload
                                 ).where(Document.case == case_id).output(load_json=True)
    for d in docs:
        incoming = d["kind"] in INCOMING_DOCUMENTS
        payload = d["payload"] if isinstance(d["payload"], dict) else {}
        entries.append(DiariumEntry(
            number=d["number"], date=parse_date(d["sent_on"] or d["created_on"], "date"),
            direction="in" if incoming else "ut", kind=d["kind"],
            kind_label=DOCUMENT_LABELS.get(d["kind"], d["kind"]), counterpart=employer,
            description=_describe(d["kind"], payload),
            document_id=None if incoming else int(d["id"])))
    for h in await handlingar_of_case(case_id):
        entries.append(DiariumEntry(
            number=h["number"], date=h["received"], direction="in", kind=h["kind"],
            kind_label=h["kind_label"], counterpart=h["sender"], description=h["description"]
            + (f" (svar på {h['answers_number']})" if h["answers_number"] else ""),
            handling_id=int(h["id"]),
            files=tuple(DiariumFile(f["n"], f["name"], f["size"], f["sha256"])
                        for f in h["files"])))
    entries.sort(key=lambda e: (e.date, e.seq))
    return Diarium(case_id=case_id, diarienummer=case["diarienummer"], kommun=case["kommun"],
                   arbetsstalle=case["arbetsstalle"], employer=employer,
                   org_nr=str(case.get("org_nr") or ""), status_label=case["status_label"],
                   entries=entries, printed_on=clock.today())


def _render_summary(diarium: Diarium) -> bytes:
    from inspektion.documents.case_summary import render_case_summary

    return render_case_summary(diarium)


async def summary_pdf(actor: Actor, case_id: int) -> tuple[bytes, str]:
    """The printable case summary and its file name."""
    diarium = await diarium_of(actor, case_id)
    # ReportLab in a worker process, which alone imports it: on the event loop a long case's
    # summary held every other request for up to a second (services/offload.py).
    pdf = await offload.rendering(_render_summary, diarium)
    return pdf, f"diarium-{diarium.diarienummer.replace('/', '-')}.pdf"
