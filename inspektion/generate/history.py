"""The history of one generated case: every step it took, as rows ready for a bulk write.

A case's fate is drawn in full (how many groups, which krav, whether the employer answers,
whether it is escalated), then walked forward in time; a step whose date has not come yet
does not happen, and the case keeps the status of the last step that did. So every case is
in a state the lifecycle could have reached, with the rows that got it there: a
föreläggande always follows an underrättelse, a closed case has only met krav.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from inspektion.domain.deadlines import next_working_day
from inspektion.domain.krav import KravState
from inspektion.domain.lifecycle import CaseStatus, Method
from inspektion.generate import pools
from inspektion.generate.catalogue import Pools, TemplateRef

S = CaseStatus
Row = tuple[Any, ...]


class _Stop(Exception):
    """The next step lies after today: the case stops where it is."""


@dataclass
class Rows:
    """The rows of one batch, per table, in the column order of columns.COLUMNS."""

    case_file: list[Row] = field(default_factory=list)
    meeting: list[Row] = field(default_factory=list)
    gruppsamtal_summary: list[Row] = field(default_factory=list)
    krav: list[Row] = field(default_factory=list)
    document: list[Row] = field(default_factory=list)
    decision: list[Row] = field(default_factory=list)

    def count(self) -> int:
        return sum(len(v) for v in vars(self).values())


@dataclass
class CaseRef:
    """What the builder needs to know about a case it writes."""

    id: int
    diarienummer: str
    method: Method
    opened: date
    campaign_id: int
    kommun_id: int
    region_id: int
    workplace_id: int
    inspector1: int
    inspector2: int
    jurist: int


@dataclass
class _Krav:
    id: int
    number: int
    template: TemplateRef
    written: date
    state: KravState = KravState.OPPEN
    deadline: date | None = None
    assessed_on: date | None = None


class CaseBuilder:
    """Builds cases into a Rows batch; ids come from the caller's counters."""

    def __init__(self, rng: random.Random, today: date, pools_: Pools,
                 next_ids: dict[str, int]) -> None:
        self.rng, self.today, self.pools, self.ids = rng, today, pools_, next_ids
        self.rows = Rows()
        # per case, reset by build()
        self.c: CaseRef | None = None
        self.status = S.PLANERAD
        self.version = 1
        self.doc_seq = 0
        self.last = date.min
        self.svar_senast: date | None = None
        self.closed_on: date | None = None
        self.krav: list[_Krav] = []
        self.areas: list[str] = []  # the areas of work of the case's first gruppsamtal

    # --- small helpers ----------------------------------------------------------------

    def _id(self, table: str) -> int:
        value = self.ids[table]
        self.ids[table] = value + 1
        return value

    def _days(self, lo: int, hi: int) -> timedelta:
        return timedelta(days=self.rng.randint(lo, hi))

    def _happen(self, day: date) -> date:
        """A step on `day`: refuse the future, keep time moving forward, bump the version."""
        day = max(day, self.last)
        if day > self.today:
            raise _Stop
        self.last = day
        self.version += 1
        return day

    def _people(self, roles: list[str]) -> str:
        rng = self.rng
        return json.dumps([{"role": r, "name": f"{rng.choice(pools.FIRST_NAMES)} "
                                               f"{rng.choice(pools.LAST_NAMES)}"}
                           for r in roles], ensure_ascii=False)

    def _meeting(self, kind: str, day: date, roles: list[str],
                 arbetsomrade: str | None = None) -> int:
        assert self.c is not None
        day = self._happen(day)
        meeting_id = self._id("meeting")
        notes = self.rng.choice(pools.MEETING_NOTES[kind]) if kind in pools.MEETING_NOTES else ""
        self.rows.meeting.append((meeting_id, self.c.id, kind, day, arbetsomrade,
                                  self._people(roles) if roles else "[]", notes))
        return meeting_id

    def _document(self, kind: str, day: date, payload: dict[str, Any],
                  served: tuple[date, str] | None = None) -> int:
        assert self.c is not None
        self.doc_seq += 1
        doc_id = self._id("document")
        payload = {**payload, "genererad": True}
        self.rows.document.append((
            doc_id, self.c.id, kind, f"{self.c.diarienummer}-{self.doc_seq}", day, day,
            served[0] if served else None, served[1] if served else None, None, None, "", "",
            json.dumps(payload, ensure_ascii=False)))
        return doc_id

    def _decision(self, kind: str, day: date, document: int | None, krav_ids: list[int],
                  vite: int | None, svar_senast: date | None, deadline: date | None,
                  decided_by: int, presented_by: int | None) -> None:
        assert self.c is not None
        self.rows.decision.append((
            self._id("decision"), self.c.id, kind, document, json.dumps(krav_ids), vite,
            svar_senast, deadline, day, decided_by, presented_by, ""))

    def _open_krav(self) -> list[_Krav]:
        return [k for k in self.krav if k.state is not KravState.UPPFYLLT]

    # --- the walk ---------------------------------------------------------------------

    def build(self, c: CaseRef) -> None:
        self.c, self.status, self.version, self.doc_seq = c, S.PLANERAD, 1, 0
        self.last, self.svar_senast, self.closed_on, self.krav = c.opened, None, None, []
        self.areas = []
        try:
            if c.method is Method.TILLSYNSMEDDELANDE:
                self._two_step()
            self._inspection()
        except _Stop:
            pass
        self._emit()

    def _two_step(self) -> None:
        day = self._happen(self.last + self._days(3, 20))
        due = next_working_day(day + timedelta(days=30))
        topics = ["arbetsbelastning-riskbedomning", "introduktion-rutiner",
                  "hot-vald-riskbedomning", "krisstod-rutiner"]
        self._document("tillsynsmeddelande", day, {"svar_senast": due.isoformat(),
                                                   "topics": topics})
        self.status, self.svar_senast = S.TILLSYNSMEDDELANDE_SKICKAT, due
        for round_ in range(2):
            got = self._happen(due + self._days(-10, 15))
            self._document("redovisning", got, {"received": got.isoformat(), "notes": ""})
            self.status, self.svar_senast = S.REDOVISNING_INKOMMEN, None
            if round_ == 1 or self.rng.random() > 0.35:
                return
            asked = self._happen(got + self._days(5, 15))
            due = next_working_day(asked + timedelta(days=30))
            note = self.rng.choice(pools.KOMPLETTERING_NOTES)
            self._document("begaran_komplettering", asked,
                           {"svar_senast": due.isoformat(), "notes": note})
            self.status, self.svar_senast = S.KOMPLETTERING_BEGARD, due

    def _inspection(self) -> None:
        assert self.c is not None
        rng = self.rng
        self._meeting("formote", self.last + self._days(7, 30), pools.FORMOTE_ROLES)
        self.status = S.PAGAENDE
        day = self.last + self._days(5, 20)
        for _ in range(rng.choice((2, 3, 3, 4))):
            day = self._group(day) + self._days(0, 6)
        self._meeting("aterkopplande_mote", self.last + self._days(3, 14),
                      pools.ATERKOPPLANDE_ROLES)
        n_krav = 0 if rng.random() < 0.03 else max(2, min(14, round(rng.gauss(8.1, 2.6))))
        for template in self.pools.draw_templates(rng, n_krav):
            written = self._happen(self.last + self._days(0, 2))
            self.krav.append(_Krav(self._id("krav"), len(self.krav) + 1, template, written))
        if not self.krav:
            self._close(self.last + self._days(1, 10))
            return
        sent = self._happen(self.last + self._days(5, 20))
        due = next_working_day(sent + self._days(30, 60))
        for k in self.krav:
            k.deadline = due
        self._document("inspektionsmeddelande", sent, {
            "svar_senast": due.isoformat(), "krav_ids": [k.id for k in self.krav]})
        self.status, self.svar_senast = S.MEDDELANDE_SKICKAT, due
        self._follow_up(due)

    def _group(self, day: date) -> date:
        assert self.c is not None
        area = self.rng.choices([a for a, _ in pools.ARBETSOMRADEN],
                                weights=[w for _, w in pools.ARBETSOMRADEN])[0]
        meeting_id = self._meeting("gruppsamtal", day, [], area)
        self.areas.append(area)
        respondents, summary, reason = self.pools.draw_summary(self.rng)
        self.rows.gruppsamtal_summary.append((
            self._id("gruppsamtal_summary"), meeting_id, self.c.id, area, respondents, summary,
            reason, None))
        self._meeting("aterkoppling", self.last, pools.ATERKOPPLING_ROLES)
        return self.last

    def _follow_up_groups(self) -> None:
        """The questionnaire again at the uppföljningsbesök, for most of the areas of work
        asked the first time and only at the first such visit. Drawn from the case's own
        generator, so adding them leaves every other drawn value of the run as it was."""
        assert self.c is not None
        if any(m[1] == self.c.id and m[2] == "gruppsamtal_uppfoljning"
               for m in self.rows.meeting[-8:]):
            return
        own = random.Random(self.c.id * 7919 + 17)
        for area in dict.fromkeys(self.areas):
            if own.random() < 0.8:
                meeting_id = self._meeting("gruppsamtal_uppfoljning", self.last, [], area)
                respondents, summary, reason = self.pools.draw_follow_up_summary(own)
                self.rows.gruppsamtal_summary.append((
                    self._id("gruppsamtal_summary"), meeting_id, self.c.id, area, respondents,
                    summary, reason, None))

    def _follow_up(self, due: date) -> None:
        rng = self.rng
        escalated = False
        for round_ in range(4):
            if rng.random() < (0.03 if round_ == 0 else 0.01):
                return  # the employer never answers; the reminders sweep will find it
            got = self._happen(due + self._days(-15, 20))
            p_met = 0.62 if round_ == 0 else 0.85
            self._svar(got, p_met, allow_ej=not escalated)
            if not self._open_krav():
                self._close(self.last + self._days(3, 30))
                return
            unmet = [k for k in self.krav if k.state is KravState.EJ_UPPFYLLT]
            if unmet and not escalated and rng.random() < 0.23:  # ~17 % get an underrättelse
                escalated = True
                due = self._escalate(unmet)
                continue
            if rng.random() < 0.25:
                self._meeting("uppfoljning", self.last + self._days(10, 40),
                              pools.UPPFOLJNING_ROLES)
                self._follow_up_groups()
            waiting = [k.deadline for k in self._open_krav() if k.deadline]
            due = min(waiting) if waiting else self.last + self._days(20, 45)

    def _svar(self, got: date, p_met: float, allow_ej: bool) -> None:
        changes = []
        more_by = next_working_day(got + timedelta(days=30))
        for k in self._open_krav():
            before = k.state
            roll = self.rng.random()
            if roll < p_met or (k.state is KravState.I_FORELAGGANDE and roll < 0.85):
                k.state = KravState.UPPFYLLT
            elif k.state is KravState.I_FORELAGGANDE:
                pass  # still covered by the decision
            elif allow_ej and roll < p_met + (1 - p_met) * 0.4:
                k.state = KravState.EJ_UPPFYLLT
            else:
                k.state, k.deadline = KravState.KOMPLETTERING_BEGARD, more_by
            k.assessed_on = got
            changes.append({"krav_id": k.id, "number": k.number, "before": before.value,
                            "after": k.state.value})
        self._document("svar", got, {"received": got.isoformat(), "assessments": changes})
        if self.status is S.MEDDELANDE_SKICKAT:
            self.status = S.UPPFOLJNING
        waiting = [k.deadline for k in self.krav
                   if k.state is KravState.KOMPLETTERING_BEGARD and k.deadline]
        self.svar_senast = min(waiting) if waiting else None

    def _escalate(self, unmet: list[_Krav]) -> date:
        """Underrättelse, usually a föreläggande with vite, service, sometimes utdömande."""
        assert self.c is not None
        rng, c = self.rng, self.c
        ids = [k.id for k in unmet]
        day = self._happen(self.last + self._days(10, 40))
        due = next_working_day(day + timedelta(days=21))
        intended = rng.choice(pools.VITE_SEK)
        by = c.jurist if rng.random() < 0.4 else c.inspector1
        doc = self._document("underrattelse", day, {
            "krav_ids": ids, "svar_senast": due.isoformat(), "vite_sek": intended})
        self._decision("underrattelse", day, doc, ids, intended, due, None, by, None)
        self.status, self.svar_senast = S.UNDERRATTELSE_SKICKAD, due
        if rng.random() < 0.3:
            return due  # the employer acts within the comment time
        day = self._happen(due + self._days(1, 20))
        until = next_working_day(day + self._days(60, 120))
        vite = intended if rng.random() < 0.8 else rng.choice(pools.VITE_SEK)
        served_on = day + self._days(2, 15)
        served = (served_on, rng.choice(pools.SERVICE_METHODS)) if served_on <= self.today else None
        doc = self._document("forelaggande", day, {
            "krav_ids": ids, "deadline": until.isoformat(), "vite_sek": vite}, served)
        self._decision("forelaggande", day, doc, ids, vite, None, until, c.jurist, c.inspector1)
        for k in unmet:
            k.state, k.deadline = KravState.I_FORELAGGANDE, until
        self.status, self.svar_senast = S.FORELAGGANDE_BESLUTAT, until
        if served:
            self._happen(served[0])  # the delgivning is a step of its own
            if rng.random() < 0.12:
                applied = self._happen(until + self._days(10, 40))
                self._decision("utdomande", applied, None, ids, vite, None, None, c.jurist, None)
                self.status = S.UTDOMANDE_ANSOKT
                return until + self._days(60, 200)
        return until

    def _close(self, day: date) -> None:
        self.closed_on = self._happen(day)
        self.status, self.svar_senast = S.AVSLUTAD, None

    # --- output -----------------------------------------------------------------------

    def _emit(self) -> None:
        c = self.c
        assert c is not None
        for k in self.krav:
            t = k.template
            self.rows.krav.append((
                k.id, c.id, k.number, t.text, t.brist, t.citations_for(k.written), t.effektmal,
                t.slug, k.deadline, k.state.value, k.assessed_on))
        self.rows.case_file.append((
            c.id, c.diarienummer, c.method.value, self.status.value, self.version,
            c.campaign_id, c.kommun_id, c.region_id, c.workplace_id, c.inspector1, c.inspector2,
            c.opened, self.closed_on, self.last, self.doc_seq, self.svar_senast))
