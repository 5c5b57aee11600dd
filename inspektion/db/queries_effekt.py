"""Read queries behind the effect per effektmål and the campaign report.

Plain SQL for both SQLite and PostgreSQL. The answers are read as each gruppsamtal's compiled
summary (per question: how many answered and how many gave each value), never row by row: that
is all the effect needs, a question answered by too few is already without figures there, and a
national campaign's millions of stored values stay in the database.
"""

from __future__ import annotations

from datetime import date
from typing import Any, TypedDict

from inspektion.db.tables import Case

FOLLOW_UP_KIND = "gruppsamtal_uppfoljning"
FIRST_KIND = "gruppsamtal"
CHUNK = 500


async def _raw(sql: str, *args: Any) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = await Case.raw(sql, *args)
    return rows


def day(value: Any) -> date | None:
    """A date; SQLite hands some dates back as text."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


class GroupConversation(TypedDict):
    """A gruppsamtal of the campaign with its workplace and region; `kind` is FIRST_KIND or
    FOLLOW_UP_KIND, `has_answers` 1 when it has a compiled summary, else 0."""

    summary_id: int
    respondents: int
    arbetsomrade: str
    kind: str
    date: date
    case_id: int
    workplace_id: int
    workplace: str
    kommun: str
    region: str
    has_answers: int


def _meeting_day(value: Any) -> date:
    """A meeting's date (never null in the table); SQLite hands it back as text."""
    got = day(value)
    if got is None:
        raise ValueError("Ett gruppsamtal saknar datum.")
    return got


async def group_conversations(campaign_id: int) -> list[GroupConversation]:
    """Every gruppsamtal of the campaign (first and follow-up) with its workplace and region, and
    whether it has a compiled summary (none below the minimum, none in imported history)."""
    rows = await _raw(
        'SELECT g.id AS summary_id, g.respondents AS respondents, g.arbetsomrade AS arbetsomrade, '
        'm.kind AS kind, m.date AS date, c.id AS case_id, c.workplace AS workplace_id, '
        'w.name AS workplace, k.namn AS kommun, r.code AS region, '
        'CASE WHEN g.summary IS NULL THEN 0 ELSE 1 END AS has_answers '
        'FROM gruppsamtal_summary g JOIN meeting m ON m.id = g.meeting '
        'JOIN case_file c ON c.id = g."case" JOIN workplace w ON w.id = c.workplace '
        'JOIN kommun k ON k.id = c.kommun JOIN region r ON r.id = c.region '
        "WHERE c.campaign = {} AND m.kind IN ('gruppsamtal', 'gruppsamtal_uppfoljning') "
        'ORDER BY g.id', campaign_id)
    return [GroupConversation(
        summary_id=int(r["summary_id"]), respondents=int(r["respondents"]),
        arbetsomrade=str(r["arbetsomrade"]), kind=str(r["kind"]), date=_meeting_day(r["date"]),
        case_id=int(r["case_id"]), workplace_id=int(r["workplace_id"]),
        workplace=str(r["workplace"]), kommun=str(r["kommun"]), region=str(r["region"]),
        has_answers=int(r["has_answers"])) for r in rows]


class SummaryText(TypedDict):
    summary_id: int
    summary: str | None  # JSON text; null below the minimum and in imported history


class KravFactRow(TypedDict):
    id: int
    case_id: int
    effektmal: int | None
    state: str
    assessed_on: date | None
    region: str
    letter_sent_on: date | None
    first_follow_up_on: date | None


class MetAssessment(TypedDict):
    krav_id: int
    source: str
    date: date | None


class ForelaggandeKrav(TypedDict):
    case_id: int
    krav_ids: str | None  # JSON text of the krav ids


class TemplateCount(TypedDict):
    effektmal: int | None
    slug: str | None  # None: krav written without a template
    n: int
    title: str | None
    brist: str | None


def _int_or_none(value: Any) -> int | None:
    return None if value is None else int(value)


def _text_or_none(value: Any) -> str | None:
    return None if value is None else str(value)


async def summaries(summary_ids: list[int]) -> list[SummaryText]:
    """The compiled summaries (JSON text) of some gruppsamtal."""
    out: list[SummaryText] = []
    ids = sorted(set(int(i) for i in summary_ids))
    for start in range(0, len(ids), CHUNK):
        part = ", ".join(str(i) for i in ids[start:start + CHUNK])
        out += [SummaryText(summary_id=int(r["summary_id"]),
                            summary=_text_or_none(r["summary"])) for r in await _raw(
            'SELECT g.id AS summary_id, CAST(g.summary AS TEXT) AS summary '
            f'FROM gruppsamtal_summary g WHERE g.id IN ({part})')]
    return out


async def krav_facts(campaign_id: int) -> list[KravFactRow]:
    """Each krav with its effektmål, state, the day it was judged, its case's first letter and
    first uppföljningsbesök, and the case's region."""
    rows = await _raw(
        'SELECT k.id AS id, k."case" AS case_id, k.effektmal AS effektmal, k.state AS state, '
        'k.assessed_on AS assessed_on, r.code AS region, l.sent_on AS letter_sent_on, '
        'u.first_on AS first_follow_up_on '
        'FROM krav k JOIN case_file c ON c.id = k."case" JOIN region r ON r.id = c.region '
        'LEFT JOIN (SELECT d."case" AS case_id, MIN(d.sent_on) AS sent_on FROM document d '
        'JOIN case_file dc ON dc.id = d."case" WHERE dc.campaign = {} '
        "AND d.kind IN ('inspektionsmeddelande', 'tillsynsmeddelande') GROUP BY d.\"case\") l "
        'ON l.case_id = k."case" '
        'LEFT JOIN (SELECT m."case" AS case_id, MIN(m.date) AS first_on FROM meeting m '
        'JOIN case_file mc ON mc.id = m."case" WHERE mc.campaign = {} '
        "AND m.kind = 'uppfoljning' GROUP BY m.\"case\") u ON u.case_id = k.\"case\" "
        'WHERE c.campaign = {}', campaign_id, campaign_id, campaign_id)
    return [KravFactRow(
        id=int(r["id"]), case_id=int(r["case_id"]), effektmal=_int_or_none(r["effektmal"]),
        state=str(r["state"]), assessed_on=day(r["assessed_on"]), region=str(r["region"]),
        letter_sent_on=day(r["letter_sent_on"]), first_follow_up_on=day(r["first_follow_up_on"]))
        for r in rows]


async def met_assessments(campaign_id: int) -> list[MetAssessment]:
    """Every assessment that found a krav met: from an answer or at a follow-up visit, dated
    the day of what was assessed (services/assessments.py)."""
    rows = await _raw(
        'SELECT a.krav AS krav_id, a.source AS source, a.date AS date FROM krav_assessment a '
        'JOIN case_file c ON c.id = a."case" WHERE c.campaign = {} '
        "AND a.outcome = 'uppfyllt' ORDER BY a.date, a.id", campaign_id)
    return [MetAssessment(krav_id=int(r["krav_id"]), source=str(r["source"]),
                          date=day(r["date"])) for r in rows]


async def forelaggande_krav(campaign_id: int) -> list[ForelaggandeKrav]:
    """The krav ids each föreläggande of the campaign covered (JSON text, parsed by the caller)."""
    rows = await _raw(
        'SELECT d."case" AS case_id, CAST(d.krav_ids AS TEXT) AS krav_ids FROM decision d '
        "JOIN case_file c ON c.id = d.\"case\" WHERE c.campaign = {} AND d.kind = 'forelaggande'",
        campaign_id)
    return [ForelaggandeKrav(case_id=int(r["case_id"]), krav_ids=_text_or_none(r["krav_ids"]))
            for r in rows]


async def krav_by_template(campaign_id: int) -> list[TemplateCount]:
    """How often each krav template was used per effektmål, with its title and brist text;
    krav written without a template are one row per effektmål with no slug."""
    rows = await _raw(
        'SELECT k.effektmal AS effektmal, k.template_slug AS slug, COUNT(*) AS n, '
        'MIN(t.title) AS title, MIN(t.brist) AS brist '
        'FROM krav k JOIN case_file c ON c.id = k."case" '
        'LEFT JOIN krav_template t ON t.slug = k.template_slug '
        'WHERE c.campaign = {} GROUP BY k.effektmal, k.template_slug', campaign_id)
    return [TemplateCount(effektmal=_int_or_none(r["effektmal"]), slug=_text_or_none(r["slug"]),
                          n=int(r["n"]), title=_text_or_none(r["title"]),
                          brist=_text_or_none(r["brist"])) for r in rows]


async def case_count(campaign_id: int) -> int:
    rows = await _raw('SELECT COUNT(*) AS n FROM case_file c WHERE c.campaign = {}', campaign_id)
    return int(rows[0]["n"]) if rows else 0
