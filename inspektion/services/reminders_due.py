"""Reading what is due: a handful of set-based queries, whatever the number of cases.

Each query pre-filters in SQL (answer dates near or past, activity long ago, deadlines
passed, decisions unserved); the rules in domain/reminder_rules.py decide the exact day.
The result is every reminder that should exist today, keyed by its unique key.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from piccolo.query.functions.aggregate import Count

from inspektion.db.queries_campaigns import archived_campaign_ids
from inspektion.db.tables import (
    Campaign,
    CampaignRegionTarget,
    Case,
    Decision,
    Document,
    Krav,
    User,
)
from inspektion.domain import reminder_rules as rules
from inspektion.domain.krav import KravState
from inspektion.domain.lifecycle import CaseStatus
from inspektion.domain.roles import Role

S = CaseStatus
log = logging.getLogger("inspektion.reminders")


def _skip(skipped: list[int], case_id: int, what: str) -> None:
    """A row the rules cannot judge (a date or text from before the input rules) is logged
    and counted, and the sweep goes on with every other case."""
    log.exception("påminnelsesvep: %s i ärende %s hoppades över", what, case_id)
    skipped.append(case_id)
# Looked up once per row: a dict is several times cheaper than calling the enum.
_STATUS = {s.value: s for s in CaseStatus}
_KRAV_STATE = {k.value: k for k in KravState}
Fanned = list[tuple[rules.Due, list[int]]]  # what is due, and to whom


# One reminder for one recipient as it should exist today: what is due, and to whom. A plain
# pair, because a sweep makes one for every open reminder and nearly all of them exist already.
Planned = tuple[rules.Due, int]


@dataclass
class _Recipients:
    active: set[int]
    jurists: list[int]
    samordnare: dict[str, list[int]]
    _pairs: dict[tuple[int | None, int | None], list[int]] = field(default_factory=dict)

    def inspectors(self, first: int | None, second: int | None) -> list[int]:
        """The case's active inspectors; the same few hundred pairs recur on every row."""
        pair = (first, second)
        found = self._pairs.get(pair)
        if found is None:
            found = self._pairs[pair] = sorted(
                {i for i in pair if i is not None and i in self.active})
        return found


async def _recipients() -> _Recipients:
    rows = await User.select(User.id, User.role, User.region.code.as_alias("region")
                             ).where(User.active == True)  # noqa: E712 (SQL, not Python)
    samordnare: dict[str, list[int]] = defaultdict(list)
    for r in rows:
        if r["role"] == Role.SAMORDNARE.value and r["region"]:
            samordnare[r["region"]].append(r["id"])
    return _Recipients(active={r["id"] for r in rows},
                       jurists=sorted(r["id"] for r in rows if r["role"] == Role.JURIST.value),
                       samordnare=dict(samordnare))


def _live(query: Any, campaign: Any, archived: list[int]) -> Any:
    """Leave out the cases of archived campaigns: they are a record, nobody's work."""
    return query.where(campaign.not_in(archived)) if archived else query


async def collect(today: date, th: rules.Thresholds, skipped: list[int] | None = None,
                  case_ids: list[int] | None = None) -> dict[str, Planned]:
    """Every reminder due today, by key. The reads run side by side: each is one query, and
    while the database answers one, the rows of another are being judged. A case whose row
    cannot be judged is left out and its id added to `skipped`.

    With `case_ids` only those cases' reminders (no digests), read one after the other: this
    runs inside a step's transaction, whose one connection takes one query at a time.
    """
    skipped = [] if skipped is None else skipped
    only = case_ids
    who = await _recipients()
    archived = await archived_campaign_ids()
    reads = [_case_level(today, th, who, archived, skipped, only),
             _krav_level(today, who, archived, skipped, only)]
    if who.jurists:
        reads += [_decisions(today, who, archived, skipped, only),
                  _unserved(today, th, who, archived, skipped, only)]
    if who.samordnare and only is None:
        reads.append(_digests(today, who, archived))
    results = (await asyncio.gather(*reads) if only is None
               else [await read for read in reads])
    out: dict[str, Planned] = {}
    for fanned in results:
        for due, to in fanned:
            stem = due.key_stem()
            for user_id in to:
                out[f"{stem}{user_id}"] = (due, user_id)
    return out


def _of(query: Any, column: Any, case_ids: list[int] | None) -> Any:
    return query if case_ids is None else query.where(column.is_in(case_ids))


async def _case_level(today: date, th: rules.Thresholds, who: _Recipients,
                      archived: list[int], skipped: list[int],
                      case_ids: list[int] | None = None) -> Fanned:
    waiting = [s.value for s in rules.WAITING_FOR_EMPLOYER]
    soon = today + timedelta(days=th.answer_due_days)
    quiet_since = today - timedelta(days=th.inactive_days)
    rows = await _of(_live(Case.select(
        Case.id, Case.diarienummer, Case.status, Case.svar_senast, Case.last_activity_on,
        Case.inspector1, Case.inspector2,
    ).where(Case.status != S.AVSLUTAD.value).where(
        (Case.status.is_in(waiting) & (Case.svar_senast <= soon))
        | (Case.last_activity_on <= quiet_since)), Case.campaign, archived), Case.id, case_ids)
    out: Fanned = []
    for r in rows:
        try:
            facts = rules.CaseFacts(r["id"], r["diarienummer"], _STATUS[r["status"]],
                                    r["svar_senast"], r["last_activity_on"])
            dues = rules.case_reminders(facts, today, th)
        except Exception:
            _skip(skipped, r["id"], "ärendets påminnelser")
            continue
        to = who.inspectors(r["inspector1"], r["inspector2"])
        out += [(due, to) for due in dues]
    return out


async def _krav_level(today: date, who: _Recipients, archived: list[int],
                      skipped: list[int], case_ids: list[int] | None = None) -> Fanned:
    rows = await _of(_live(Krav.select(
        Krav.id, Krav.case, Krav.number, Krav.state, Krav.deadline,
        Krav.case.diarienummer.as_alias("diarienummer"),
        Krav.case.status.as_alias("case_status"),
        Krav.case.inspector1.as_alias("i1"), Krav.case.inspector2.as_alias("i2"),
    ).where(Krav.state.is_in([KravState.OPPEN.value, KravState.KOMPLETTERING_BEGARD.value])
            ).where(Krav.deadline < today).where(
        Krav.case.status.not_in([S.AVSLUTAD.value, S.MEDDELANDE_SKICKAT.value])),
        Krav.case.campaign, archived), Krav.case, case_ids)
    out: Fanned = []
    for r in rows:
        try:
            facts = rules.KravFacts(r["id"], r["case"], r["diarienummer"],
                                    _STATUS[r["case_status"]], r["number"],
                                    _KRAV_STATE[r["state"]], r["deadline"])
            due = rules.krav_reminder(facts, today)
        except Exception:
            _skip(skipped, r["case"], f"krav {r['id']}")
            continue
        if due is not None:
            out.append((due, who.inspectors(r["i1"], r["i2"])))
    return out


async def _decisions(today: date, who: _Recipients, archived: list[int],
                     skipped: list[int], case_ids: list[int] | None = None) -> Fanned:
    rows = await _of(_live(Decision.select(
        Decision.id, Decision.case, Decision.kind, Decision.svar_senast, Decision.deadline,
        Decision.vite_sek, Decision.case.diarienummer.as_alias("diarienummer"),
        Decision.case.status.as_alias("case_status"),
    ).where(((Decision.kind == "underrattelse")
             & (Decision.case.status == S.UNDERRATTELSE_SKICKAD.value))
            | ((Decision.kind == "forelaggande")
               & (Decision.case.status == S.FORELAGGANDE_BESLUTAT.value))),
        Decision.case.campaign, archived), Decision.case, case_ids)
    latest: dict[tuple[int, str], dict[str, Any]] = {}
    for r in rows:
        slot = (r["case"], r["kind"])
        if slot not in latest or latest[slot]["id"] < r["id"]:
            latest[slot] = r
    covered: Counter[int] = Counter()
    if any(kind == "forelaggande" for _, kind in latest):
        for k in await _of(Krav.select(Krav.case).where(
                (Krav.state == KravState.I_FORELAGGANDE.value)
                & (Krav.case.status == S.FORELAGGANDE_BESLUTAT.value)), Krav.case, case_ids):
            covered[k["case"]] += 1
    out: Fanned = []
    for r in latest.values():
        try:
            facts = rules.DecisionFacts(r["case"], r["diarienummer"], _STATUS[r["case_status"]],
                                        r["kind"], r["svar_senast"], r["deadline"],
                                        r["vite_sek"], covered[r["case"]])
            due = rules.decision_reminder(facts, today)
        except Exception:
            _skip(skipped, r["case"], f"beslut {r['id']}")
            continue
        if due is not None:
            out.append((due, who.jurists))
    return out


async def _unserved(today: date, th: rules.Thresholds, who: _Recipients,
                    archived: list[int], skipped: list[int],
                    case_ids: list[int] | None = None) -> Fanned:
    rows = await _of(_live(Document.select(
        Document.id, Document.case, Document.number, Document.sent_on,
        Document.case.diarienummer.as_alias("diarienummer"),
    ).where((Document.kind == "forelaggande") & Document.served_on.is_null()
            & (Document.sent_on <= today - timedelta(days=th.unserved_days))
            & (Document.case.status != S.AVSLUTAD.value)), Document.case.campaign, archived),
        Document.case, case_ids)
    out: Fanned = []
    for r in rows:
        try:
            due = rules.unserved_reminder(r["id"], r["case"], r["diarienummer"], r["number"],
                                          r["sent_on"], today, th)
        except Exception:
            _skip(skipped, r["case"], f"dokument {r['id']}")
            continue
        if due is not None:
            out.append((due, who.jurists))
    return out


async def _digests(today: date, who: _Recipients, archived: list[int]) -> Fanned:
    per_status: dict[str, dict[CaseStatus, int]] = defaultdict(dict)
    for r in await _live(Case.select(Case.region.code.as_alias("region"), Case.status,
                                     Count(Case.id, alias="n")),
                         Case.campaign, archived).group_by(Case.region.code, Case.status):
        per_status[r["region"]][CaseStatus(r["status"])] = r["n"]
    overdue: Counter[str] = Counter()
    late = rules.overdue_if_due_before(today)  # the reminders' own rule, as a bound
    for r in await _live(Case.select(Case.region.code.as_alias("region"),
                                     Count(Case.id, alias="n")
                                     ).where(Case.status.is_in([s.value for s in
                                                                rules.WAITING_FOR_EMPLOYER])
                                             ).where(Case.svar_senast < late),
                         Case.campaign, archived).group_by(Case.region.code):
        overdue[r["region"]] = r["n"]
    progress = await _progress(today)
    return [(rules.digest(region, today, per_status.get(region, {}), overdue[region],
                          progress.get(region, [])), users)
            for region, users in sorted(who.samordnare.items())]


async def _progress(today: date) -> dict[str, list[rules.Progress]]:
    """Per region and running campaign: municipalities reached (past planning) of the target."""
    campaigns = await Campaign.select(Campaign.id, Campaign.name).where(
        (Campaign.start <= today) & (Campaign.end >= today)).order_by(Campaign.id)
    if not campaigns:
        return {}
    ids = [c["id"] for c in campaigns]
    targets = await CampaignRegionTarget.select(
        CampaignRegionTarget.campaign, CampaignRegionTarget.region.code.as_alias("region"),
        CampaignRegionTarget.target_kommuner).where(CampaignRegionTarget.campaign.is_in(ids))
    reached: Counter[tuple[int, str]] = Counter()
    for r in await Case.select(Case.campaign, Case.region.code.as_alias("region"), Case.kommun
                               ).where(Case.campaign.is_in(ids)).where(
                                   Case.status != S.PLANERAD.value).distinct():
        reached[(r["campaign"], r["region"])] += 1
    names = {c["id"]: c["name"] for c in campaigns}
    out: dict[str, list[rules.Progress]] = defaultdict(list)
    for t in sorted(targets, key=lambda t: (t["campaign"], t["region"])):
        out[t["region"]].append(rules.Progress(names[t["campaign"]],
                                               reached[(t["campaign"], t["region"])],
                                               t["target_kommuner"]))
    return dict(out)
