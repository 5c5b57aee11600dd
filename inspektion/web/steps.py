"""One form per step of the lifecycle: what it shows, what it sends to which service.

The case page lists the steps `case_detail` offers; each links to its form here. The form's
defaults are suggestions (today, an answer time in weeks from `domain.deadlines`); whether
the step is allowed and whether the values are acceptable is for the service to say.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from inspektion import clock
from inspektion.config import load_settings
from inspektion.domain.access import Actor
from inspektion.domain.deadlines import weeks_after
from inspektion.domain.handlingar import ASSESSABLE
from inspektion.domain.krav import EFFEKTMAL, KravState
from inspektion.domain.lifecycle import Step
from inspektion.domain.roles import Role
from inspektion.services import (
    cases,
    escalation,
    handlingar,
    krav,
    letters,
    meetings,
    reference,
    svarslankar,
    tvasteg,
    users,
)
from inspektion.services.assessments import AssessmentIn
from inspektion.services.cases import CasePage, KravItem
from inspektion.services.escalation_labels import SERVICE_METHODS
from inspektion.services.step_frame import parse_date
from inspektion.web.forms import (
    FormValues,
    int_list,
    optional_date,
    optional_int,
    participants,
    text,
    version,
)
from inspektion.web.views import latest_decision, servable_documents

PARTICIPANT_ROWS = 6
Context = Callable[[Actor, CasePage, dict[str, str]], Awaitable[dict[str, Any]]]
Submit = Callable[..., Awaitable[object]]  # (actor, case_id, values[, rehearse=])
# Decisions are previewed and then confirmed: the first submit rehearses the step (every rule
# checked, nothing written) and shows what will be sent; only the second sends it.
CONFIRMED_STEPS = frozenset({"underrattelse", "forelaggande", "utdomande"})


@dataclass(frozen=True)
class StepForm:
    step: str
    template: str
    title: str
    notice: str
    fields: frozenset[str]
    context: Context
    submit: Submit | None         # None: the step has a page of its own
    preview: str | None = None   # letter kind that can be previewed as a draft
    path: str | None = None      # a page of its own (the gruppsamtal form)

    def href(self, case_id: int) -> str:
        return (self.path or "/arenden/{id}/steg/" + self.step).format(id=case_id)


def _today() -> str:
    return clock.today().isoformat()


def _in_weeks(weeks: int) -> str:
    return weeks_after(clock.today(), weeks).isoformat()


def _open_krav(case: CasePage) -> list[KravItem]:
    return [k for k in case["krav"] if KravState(k["state"]).is_open]


async def _meeting_ctx(actor: Actor, case: CasePage, q: dict[str, str]) -> dict[str, Any]:
    return {"values": {"date": _today()}, "rows": PARTICIPANT_ROWS}


def _meeting_submit(step: Step) -> Submit:
    async def submit(actor: Actor, case_id: int, v: FormValues) -> meetings.MeetingRecorded:
        return await meetings.record_meeting(actor, meetings.RecordMeeting(
            case_id, step, version(v), optional_date(v, "date"),
            tuple(meetings.Participant(p["role"], p["name"])
                  for p in participants(v, PARTICIPANT_ROWS)),
            text(v, "notes"), text(v, "arbetsomrade") or None))
    return submit


async def citable_groups() -> dict[str, dict[str, Any]]:
    """The paragraphs a krav may cite today, grouped by regulation, for a checkbox list."""
    catalogue = await reference.catalogue()
    groups: dict[str, dict[str, Any]] = {}
    for para in catalogue.citable_on(clock.today()):
        reg = catalogue.regulation(para.regulation_id)
        group = groups.setdefault(para.regulation_id, {
            "id": para.regulation_id, "title": reg.title if reg else "", "paragraphs": []})
        group["paragraphs"].append(para)
    return groups


async def _krav_ctx(actor: Actor, case: CasePage, q: dict[str, str]) -> dict[str, Any]:
    templates = await reference.krav_templates()
    groups = await citable_groups()
    values: dict[str, Any] = {"citations": []}
    dropped: list[str] = []
    chosen = next((t for t in templates if t["id"] == q.get("mall")), None)
    if chosen:
        # A template may cite a paragraph repealed since it was written: never pre-checked
        # (it is not offered at all), but named, so the inspector picks its successor.
        citable = {p.citation for g in groups.values() for p in g["paragraphs"]}
        dropped = [c for c in chosen["citations"] if c not in citable]
        values = {"template_id": chosen["id"], "text": chosen["text"], "brist": chosen["brist"],
                  "citations": [c for c in chosen["citations"] if c in citable],
                  "effektmal": str(chosen["effektmal"] or "")}
    return {"templates": templates, "regulations": list(groups.values()), "values": values,
            "effektmal": EFFEKTMAL, "chosen": chosen, "dropped_citations": dropped}


async def _krav_submit(actor: Actor, case_id: int, v: FormValues) -> krav.KravWritten:
    return await krav.add_krav(actor, krav.AddKrav(
        case_id, version(v), text(v, "text") or None, text(v, "template_id") or None,
        tuple(v.get("citations") or []), optional_int(v, "effektmal", "Effektmål"),
        text(v, "brist") or None))


def _letter_ctx(weeks: int) -> Context:
    async def ctx(actor: Actor, case: CasePage, q: dict[str, str]) -> dict[str, Any]:
        return {"values": {"svar_senast": _in_weeks(weeks)}, "open_krav": _open_krav(case)}
    return ctx


async def _svar_ctx(actor: Actor, case: CasePage, q: dict[str, str]) -> dict[str, Any]:
    answers = [h for h in await handlingar.handlingar_of_case(case["id"])
               if h["kind"] in {k.value for k in ASSESSABLE}]
    chosen = q.get("handling", "")
    if not chosen and answers:
        chosen = str(answers[-1]["id"])
    return {"values": {"received": _today(), "handling_id": chosen},
            "open_krav": _open_krav(case),
            "answers": [(str(h["id"]), f"{h['number']} – {h['kind_label']} inkom "
                         f"{h['received'].isoformat()} från {h['sender']}"
                         + (f" ({len(h['files'])} filer)" if h["files"] else ""))
                        for h in answers],
            "employer_answers": await svarslankar.answers_by_krav(case["id"]),
            "outcomes": [("", "Ingen bedömning nu"), ("uppfyllt", "Uppfyllt"),
                         ("delvis", "Delvis uppfyllt"), ("ej_uppfyllt", "Ej uppfyllt"),
                         ("komplettering", "Komplettering begärd")]}


async def _svar_submit(actor: Actor, case_id: int, v: FormValues) -> dict[str, Any]:
    assessments = [AssessmentIn(int(key.removeprefix("bedomning_")), value,
                                text(v, "motivering_" + key.removeprefix("bedomning_")))
                   for key, value in v.items()
                   if key.startswith("bedomning_") and key[10:].isdecimal() and value]
    handling_id = optional_int(v, "handling_id", "Svaret")
    received = text(v, "received") if handling_id is None else ""
    # The date for a komplettering is read only when one is asked for, as the service would.
    more_by = text(v, "komplettering_senast") if any(
        a.outcome == "komplettering" for a in assessments) else ""
    out = await krav.register_svar(actor, krav.RegisterSvar(
        case_id, version(v), tuple(assessments),
        parse_date(received, "received") if received else None,
        parse_date(more_by, "komplettering_senast") if more_by else None, handling_id))
    return asdict(out)


async def _received_ctx(actor: Actor, case: CasePage, q: dict[str, str]) -> dict[str, Any]:
    return {"values": {"received": _today()}}


def _limits() -> dict[str, int]:
    settings = load_settings()
    return {"min_reply_days": settings.underrattelse_min_reply_days,
            "min_deadline_days": settings.forelaggande_min_days}


async def _underrattelse_ctx(actor: Actor, case: CasePage, q: dict[str, str]
                             ) -> dict[str, Any]:
    unmet = [k["id"] for k in case["krav"] if k["state"] == KravState.EJ_UPPFYLLT.value]
    return {"values": {"svar_senast": _in_weeks(3), "deadline": _in_weeks(10),
                       "krav_ids": [str(i) for i in unmet], "immediate": "nej"},
            "all_krav": case["krav"], **_limits()}


async def _forelaggande_ctx(actor: Actor, case: CasePage, q: dict[str, str]
                            ) -> dict[str, Any]:
    under = latest_decision(case, "underrattelse")
    values: dict[str, Any] = {"deadline": _in_weeks(8), "immediate": "nej"}
    shown = None
    if under:
        numbers = {k["id"]: k["number"] for k in case["krav"]}
        terms = escalation.announced_terms(under["terms"], under["krav_ids"], under["vite_sek"])
        dates = {a.deadline.as_text() for a in terms.atgarder}
        first = terms.atgarder[0].deadline
        values = {"krav_ids": [str(i) for i in under["krav_ids"]],
                  "vite_sek": str(terms.vite_sek or "") if terms.vite_mode.value != "per_atgard"
                  else "", "immediate": "nej",
                  "deadline": first.on.isoformat() if first.on else "",
                  "deadline_days": str(first.days_after_service or "")}
        shown = {**under, "krav_numbers": [numbers.get(k, k) for k in under["krav_ids"]],
                 "deadline_text": " / ".join(sorted(dates)) if under.get("terms") else ""}
    return {"values": values, "all_krav": case["krav"], "underrattelse": shown, **_limits()}


DECISION_FIELDS = {"krav_ids", "deadline", "deadline_days", "vite_sek", "vite_mode",
                   "vite_reason"}


def decision_in(v: FormValues) -> escalation.DecisionIn:
    """The decision's terms from the form: one deadline (date or days) and one vite for all."""
    return escalation.DecisionIn(
        krav_ids=int_list(v, "krav_ids"), deadline=optional_date(v, "deadline"),
        deadline_days=optional_int(v, "deadline_days", "Antal dagar"),
        vite_sek=optional_int(v, "vite_sek", "Vitesbeloppet"),
        vite_mode=text(v, "vite_mode") or None, vite_reason=text(v, "vite_reason"),
        immediate=text(v, "immediate") == "ja")


async def _utdomande_ctx(actor: Actor, case: CasePage, q: dict[str, str]
                         ) -> dict[str, Any]:
    fore = latest_decision(case, "forelaggande")
    ids = [str(i) for i in (fore["krav_ids"] if fore else [])]
    return {"values": {"krav_ids": ids, "amount_sek": str(fore["vite_sek"] or "") if fore
                       else ""},
            "all_krav": [k for k in case["krav"] if str(k["id"]) in ids]}


async def _dom_ctx(actor: Actor, case: CasePage, q: dict[str, str]) -> dict[str, Any]:
    applied = latest_decision(case, "utdomande")
    return {"values": {"date": _today(), "outcome": "bifall",
                       "amount_sek": str(applied["vite_sek"] or "") if applied else ""},
            "outcomes": [("bifall", "Bifall"), ("delvis_bifall", "Delvis bifall"),
                         ("avslag", "Avslag")]}


async def _delgivning_ctx(actor: Actor, case: CasePage, q: dict[str, str]
                          ) -> dict[str, Any]:
    docs = servable_documents(case)
    return {"values": {"date": _today(), "method": "vanlig",
                       "document_id": str(docs[-1]["id"]) if docs else ""},
            "documents": docs, "methods": SERVICE_METHODS}


async def _assign_ctx(actor: Actor, case: CasePage, q: dict[str, str]) -> dict[str, Any]:
    people = [u for u in await users.list_users(actor)
              if u.role == Role.INSPEKTOR.value and u.active]
    return {"values": {"inspektor1": case["inspektor1"] or "",
                       "inspektor2": case["inspektor2"] or ""}, "people": people}


async def _proposal_ctx(actor: Actor, case: CasePage, q: dict[str, str]
                       ) -> dict[str, Any]:
    return {"values": {"text": case.get("inspector_proposal") or ""}}


async def _nothing(actor: Actor, case: CasePage, q: dict[str, str]) -> dict[str, Any]:
    return {"values": {}}


def _spec(step: Step, template: str, title: str, notice: str, fields: set[str],
          context: Context, submit: Submit | None, preview: str | None = None,
          path: str | None = None) -> StepForm:
    return StepForm(step.value, template, title, notice, frozenset(fields | {"version"}),
                    context, submit, preview, path)


MEETING_FIELDS = {"date", "participants", "notes", "arbetsomrade"}
STEP_FORMS: dict[str, StepForm] = {s.step: s for s in [
    _spec(Step.FORMOTE, "steg_mote.html", "Registrera förmöte", "Förmötet är registrerat.",
          MEETING_FIELDS, _meeting_ctx, _meeting_submit(Step.FORMOTE)),
    _spec(Step.ATERKOPPLING, "steg_mote.html", "Registrera återkoppling",
          "Återkopplingen är registrerad.", MEETING_FIELDS, _meeting_ctx,
          _meeting_submit(Step.ATERKOPPLING)),
    _spec(Step.ATERKOPPLANDE_MOTE, "steg_mote.html", "Registrera återkopplande möte",
          "Det återkopplande mötet är registrerat.", MEETING_FIELDS, _meeting_ctx,
          _meeting_submit(Step.ATERKOPPLANDE_MOTE)),
    _spec(Step.UPPFOLJNING, "steg_mote.html", "Registrera uppföljningsbesök",
          "Uppföljningsbesöket är registrerat.", MEETING_FIELDS, _meeting_ctx,
          _meeting_submit(Step.UPPFOLJNING)),
    _spec(Step.GRUPPSAMTAL, "gruppsamtal.html", "Registrera gruppsamtal",
          "Gruppsamtalet är registrerat.", set(), _nothing, None,
          path="/arenden/{id}/gruppsamtal"),
    _spec(Step.KRAV, "steg_krav.html", "Skriv krav", "Kravet är sparat.",
          {"text", "citations", "effektmal", "brist", "template_id"}, _krav_ctx, _krav_submit),
    _spec(Step.INSPEKTIONSMEDDELANDE, "steg_brev.html", "Skicka inspektionsmeddelande",
          "Inspektionsmeddelandet är skickat och registrerat.", {"svar_senast"},
          _letter_ctx(4), lambda a, c, v: letters.issue_inspektionsmeddelande(
              a, letters.IssueInspektionsmeddelande(c, version(v),
                                                    optional_date(v, "svar_senast"))),
          preview="inspektionsmeddelande"),
    _spec(Step.SVAR, "steg_svar.html", "Bedöm arbetsgivarens svar",
          "Svaret är bedömt krav för krav.",
          {"received", "assessments", "komplettering_senast", "motivering", "handling_id"},
          _svar_ctx, _svar_submit),
    _spec(Step.TILLSYNSMEDDELANDE, "steg_brev.html", "Skicka tillsynsmeddelande",
          "Tillsynsmeddelandet är skickat och registrerat.", {"svar_senast"}, _letter_ctx(6),
          lambda a, c, v: tvasteg.send_tillsynsmeddelande(a, tvasteg.SendTillsynsmeddelande(
              c, version(v), optional_date(v, "svar_senast"))),
          preview="tillsynsmeddelande"),
    _spec(Step.REDOVISNING, "steg_tvasteg.html", "Registrera redovisning",
          "Redovisningen är registrerad.", {"received", "notes"}, _received_ctx,
          lambda a, c, v: tvasteg.register_redovisning(a, tvasteg.RegisterRedovisning(
              c, version(v), optional_date(v, "received"), text(v, "notes")))),
    _spec(Step.KOMPLETTERING, "steg_tvasteg.html", "Begär komplettering",
          "Begäran om komplettering är registrerad.", {"svar_senast", "notes"},
          _letter_ctx(3), lambda a, c, v: tvasteg.request_komplettering(
              a, tvasteg.RequestKomplettering(c, version(v), optional_date(v, "svar_senast"),
                                              text(v, "notes")))),
    _spec(Step.UNDERRATTELSE, "steg_beslut.html", "Skicka underrättelse om föreläggande",
          "Underrättelsen är skickad och registrerad.",
          {"svar_senast", "immediate", *DECISION_FIELDS},
          _underrattelse_ctx, lambda a, c, v, rehearse=False: escalation.send_underrattelse(
              a, escalation.SendUnderrattelse(c, version(v), optional_date(v, "svar_senast"),
                                              decision_in(v)), rehearse),
          preview="underrattelse"),
    _spec(Step.FORELAGGANDE, "steg_beslut.html", "Besluta föreläggande",
          "Föreläggandet är beslutat och registrerat. Glöm inte att registrera delgivningen.",
          {"immediate", *DECISION_FIELDS}, _forelaggande_ctx,
          lambda a, c, v, rehearse=False: escalation.decide_forelaggande(
              a, escalation.DecideForelaggande(c, version(v), decision_in(v)), rehearse),
          preview="forelaggande"),
    _spec(Step.DELGIVNING, "steg_delgivning.html", "Registrera delgivning",
          "Delgivningen är registrerad.", {"document_id", "date", "method"}, _delgivning_ctx,
          lambda a, c, v: escalation.record_delgivning(a, escalation.RecordDelgivning(
              c, version(v), optional_int(v, "document_id", "Dokument") or 0,
              optional_date(v, "date"), text(v, "method")))),
    _spec(Step.UTDOMANDE, "steg_utdomande.html", "Ansök om utdömande av vite",
          "Ansökan om utdömande av vite är skickad och registrerad.",
          {"krav_ids", "amount_sek", "motivering"}, _utdomande_ctx,
          lambda a, c, v, rehearse=False: escalation.apply_utdomande(
              a, escalation.ApplyUtdomande(
                  c, version(v), tuple(int_list(v, "krav_ids")),
                  optional_int(v, "amount_sek", "Beloppet"), text(v, "motivering")), rehearse),
          preview="ansokan_utdomande"),
    _spec(Step.DOM, "steg_dom.html", "Registrera förvaltningsrättens dom",
          "Domen är registrerad.", {"date", "outcome", "amount_sek", "laga_kraft"}, _dom_ctx,
          lambda a, c, v: escalation.record_dom(a, escalation.RecordDom(
              c, version(v), optional_date(v, "date"), text(v, "outcome"),
              optional_int(v, "amount_sek", "Beloppet") or 0,
              optional_date(v, "laga_kraft")))),
    _spec(Step.ASSIGN, "steg_tilldela.html", "Tilldela inspektörer",
          "Inspektörerna är tilldelade.", {"inspektor1", "inspektor2"}, _assign_ctx,
          lambda a, c, v: cases.assign(a, cases.Assign(c, version(v), text(v, "inspektor1"),
                                                       text(v, "inspektor2") or None))),
    _spec(Step.FORSLAG, "steg_enkel.html", "Föreslå nästa steg för juristen",
          "Förslaget är sparat och syns i juristernas eskaleringskö.", {"text"}, _proposal_ctx,
          lambda a, c, v: cases.propose_to_jurist(a, cases.ProposeToJurist(
              c, version(v), text(v, "text")))),
    _spec(Step.HANDLING, "steg_handling.html", "Registrera inkommen handling",
          "Handlingen är registrerad i diariet.", set(), _nothing, None,
          path="/arenden/{id}/handlingar/ny"),
    _spec(Step.CLOSE, "steg_enkel.html", "Avsluta ärendet", "Ärendet är avslutat.", set(),
          _nothing, lambda a, c, v: cases.close_case(a, cases.CloseCase(c, version(v)))),
]}

NOTICES: dict[str, str] = {"oppnat": "Ärendet är öppnat. Börja med förmötet.",
                           "planering": "De planerade datumen är sparade.",
                           "krav_andrat": "Kravet är ändrat.",
                           "krav_tillbakadraget": "Kravet är tillbakadraget; kraven efter det "
                                                  "har fått nya nummer.",
                           "mote_andrat": "Mötet är ändrat.",
                           "mote_tillbakadraget": "Mötet är tillbakadraget.",
                           "arbetsgivare": "Arbetsgivaren är sparad.",
                           "hanvisningar": "Kravets hänvisningar är ändrade.",
                           **{k: s.notice for k, s in STEP_FORMS.items()}}


# --- every error at once -----------------------------------------------------------------
# The services stop at the first wrong field; a form checks the shape of all its fields
# first, so a person sees every mistake in one round trip. The rules stay in the services.

DATE_FIELDS: dict[str, bool] = {"date": True, "received": True, "svar_senast": True,
                                "deadline": True, "komplettering_senast": False}


def _date_error(raw: str, required: bool) -> str | None:
    if not raw:
        return "Ange ett datum (ÅÅÅÅ-MM-DD)." if required else None
    try:
        date.fromisoformat(raw)
    except ValueError:
        return f"”{raw[:40]}” är inget datum; skriv det som ÅÅÅÅ-MM-DD."
    return None


def precheck_dates(v: FormValues, fields: dict[str, bool]) -> dict[str, str]:
    """Each date field (name → required) that is missing or not a date, by field."""
    errors: dict[str, str] = {}
    for name, required in fields.items():
        problem = _date_error(text(v, name), required)
        if problem:
            errors[name] = problem
    return errors


def precheck(step: str, v: FormValues) -> dict[str, str]:
    """The shape errors of every field of a step's form, by field."""
    spec = STEP_FORMS[step]
    dates = {k: r for k, r in DATE_FIELDS.items() if k in spec.fields}
    if step == Step.SVAR.value and text(v, "handling_id"):
        dates.pop("received", None)  # the registered handling carries its date
    errors = precheck_dates(v, dates)
    if step == Step.KRAV.value:
        template = text(v, "template_id")
        if not text(v, "text") and not template:
            errors["text"] = "Skriv kravets text eller hämta ett standardkrav."
        if not v.get("citations") and not template:
            errors["citations"] = "Välj minst en paragraf att hänvisa till."
    for name, label in (("vite_sek", "Vitesbeloppet"), ("effektmal", "Effektmål")):
        raw = text(v, name).replace(" ", "").replace("\u00a0", "")
        if name in spec.fields and raw and not raw.isdecimal():
            errors[name] = f"{label} ska vara ett heltal (bara siffror)."
    if "krav_ids" in spec.fields and not v.get("krav_ids"):
        errors["krav_ids"] = "Välj minst ett krav."
    if step == Step.ASSIGN.value and not text(v, "inspektor1"):
        errors["inspektor1"] = "Välj ansvarig inspektör."
    return errors


async def fill_from_template(v: FormValues) -> tuple[FormValues, dict[str, Any] | None]:
    """"Hämta standardkravet" without losing typed text: the template fills the fields that
    are empty; a typed text stays, and the template's text is offered beside it
    ("Ersätt min text") instead of overwriting it."""
    templates = {t["id"]: t for t in await reference.krav_templates()}
    chosen = templates.get(text(v, "mall"))
    if chosen is None:
        return {**v, "template_id": ""}, None
    catalogue = await reference.catalogue()
    citable = {p.citation for p in catalogue.citable_on(clock.today())}
    out: FormValues = {**v, "template_id": chosen["id"]}
    replace = "_ersatt" in v
    if replace or not text(v, "text"):
        out["text"] = chosen["text"]
    if replace or not text(v, "brist"):
        out["brist"] = chosen["brist"]
    if not v.get("citations"):
        out["citations"] = [c for c in chosen["citations"] if c in citable]
    if not text(v, "effektmal"):
        out["effektmal"] = str(chosen["effektmal"] or "")
    kept = not replace and text(v, "text") and text(v, "text") != chosen["text"]
    return out, ({"title": chosen["title"], "text": chosen["text"]} if kept else None)
