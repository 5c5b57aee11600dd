"""Half a year of one case, one sweep a day (`inspektion reminders run --now DAY`).

The case goes the long way: weeks of planning, a late answer, a krav left unassessed, a
komplettering that is late, an underrättelse, a föreläggande served late, its time running
out, and at last every krav met. Every reminder must appear on its day, to the right people,
once — and disappear when its cause is done.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from typing import Any

import pytest

from inspektion import clock
from inspektion.scheduler.cli import reminders_command
from tests.services.reminder_support import (
    all_reminders,
    seen,
    sweep_audit_counts,
)
from tests.support import PARTICIPANTS, Walker, bearer

D = date
START, END = D(2026, 11, 23), D(2027, 5, 24)   # 183 days, Monday to Monday
INSPECTORS = ("insp", "insp_b")

# (kind, created, resolved) for each inspector; the jurist's own; the digests come weekly.
EXPECTED_INSPEKTOR = [
    ("inaktivt", D(2027, 1, 22), D(2027, 1, 25)),
    ("svar_snart", D(2027, 2, 17), D(2027, 2, 25)),
    ("svar_forsenat", D(2027, 2, 25), D(2027, 3, 1)),
    ("krav_obedomt", D(2027, 3, 1), D(2027, 3, 5)),
    ("komplettering_forsenad", D(2027, 3, 16), D(2027, 3, 19)),
]
EXPECTED_JURIST = [
    ("yttrandetid_ute", D(2027, 3, 18), D(2027, 3, 22)),
    ("delgivning_saknas", D(2027, 4, 5), D(2027, 4, 8)),
    ("forelaggande_forfallet", D(2027, 5, 1), D(2027, 5, 10)),
]


async def _queue(w: Walker) -> list[dict[str, Any]]:
    r = await w.client.get("/api/escalation-queue", headers=bearer(w.tokens["jurist"]))
    assert r.status_code == 200, r.text
    return [row for row in r.json() if row["case_id"] == w.case_id]


async def _open(w: Walker, user: str) -> list[str]:
    r = await w.client.get("/api/reminders", headers=bearer(w.tokens[user]))
    assert r.status_code == 200, r.text
    return [x["kind"] for x in r.json()]


def _actions(w: Walker) -> dict[date, Callable[[], Awaitable[None]]]:
    k = w.krav_ids

    async def open_case() -> None:
        await w.open()
        await w.post("assign", {"inspektor1": "insp", "inspektor2": "insp_b"},
                     role="samordnare", expect=200)

    async def inspect() -> None:
        await w.to_meddelande(n_krav=3, days=30)            # answer due 2027-02-24

    async def dismiss_late_answer() -> None:
        mine = (await w.client.get("/api/reminders", headers=bearer(w.tokens["insp_b"]))).json()
        late = next(x for x in mine if x["kind"] == "svar_forsenat")
        r = await w.client.post(f"/api/reminders/{late['id']}/dismiss",
                                headers=bearer(w.tokens["insp_b"]))
        assert r.status_code == 200, r.text

    async def answer() -> None:                             # krav 3 is left unassessed
        await w.post("svar", {"received": "2027-03-01", "assessments": [
            {"krav_id": k[0], "outcome": "uppfyllt"}, {"krav_id": k[1], "outcome": "ej_uppfyllt",
         "motivering": "Åtgärden är inte vidtagen."}]})
        queue = await _queue(w)
        assert [x["number"] for x in queue[0]["krav"]] == [2, 3]
        assert queue[0]["proposal"] == "underrattelse" and queue[0]["days_overdue"] == 5

    async def underrattelse() -> None:
        await w.post("underrattelse", {"krav_ids": [k[1]], "svar_senast": "2027-03-17",
                                       "deadline": "2027-04-30", "vite_sek": 50_000},
                     role="jurist")

    async def komplettering() -> None:
        await w.post("svar", {"received": "2027-03-05", "komplettering_senast": "2027-03-15",
                              "assessments": [{"krav_id": k[2], "outcome": "komplettering"}]})

    async def komplettering_in() -> None:
        await w.post("svar", {"received": "2027-03-19",
                              "assessments": [{"krav_id": k[2], "outcome": "uppfyllt"}]})

    async def forelaggande() -> None:
        await w.post("forelaggande", {"krav_ids": [k[1]], "deadline": "2027-04-30",
                                      "vite_sek": 50_000}, role="jurist")

    async def delgivning() -> None:
        doc = next(d for d in w.documents if d["kind"] == "forelaggande")
        await w.post("delgivning", {"document_id": doc["id"], "date": "2027-04-07",
                                    "method": "vanlig"}, role="jurist")

    async def met_and_closed() -> None:
        await w.post("uppfoljning", {"date": "2027-05-10", "participants": PARTICIPANTS})
        await w.post("svar", {"received": "2027-05-10",
                              "assessments": [{"krav_id": k[1], "outcome": "uppfyllt"}]})
        await w.post("close", {}, expect=200)
        assert await _queue(w) == []

    return {D(2026, 11, 23): open_case, D(2027, 1, 25): inspect,
            D(2027, 2, 26): dismiss_late_answer, D(2027, 3, 1): answer,
            D(2027, 3, 3): underrattelse, D(2027, 3, 5): komplettering,
            D(2027, 3, 19): komplettering_in, D(2027, 3, 22): forelaggande,
            D(2027, 4, 8): delgivning, D(2027, 5, 10): met_and_closed}


def _expected_digests(user: str) -> list[tuple[str, str, date | None, date | None]]:
    mondays = [START + timedelta(weeks=i) for i in range((END - START).days // 7 + 1)]
    return [(user, "veckosammanstallning", m, m + timedelta(weeks=1) if m < END else None)
            for m in mondays]


async def test_half_year_of_one_case_reminds_each_role_on_the_right_days_once(
        client: Any, tokens: dict[str, str], campaign_id: int,
        capsys: pytest.CaptureFixture[str]) -> None:
    w = Walker(client, tokens, campaign_id)
    actions = _actions(w)
    day = START
    while day <= END:
        clock.set_today(day)
        if day in actions:
            await actions[day]()
        assert await reminders_command(argparse.Namespace(reminders_command="run",
                                                          now=day.isoformat())) == 0
        if day == D(2027, 2, 26):   # dismissed by insp_b, still there for insp
            assert "svar_forsenat" in await _open(w, "insp")
            assert "svar_forsenat" not in await _open(w, "insp_b")
        if day == D(2027, 4, 6):
            assert await _open(w, "jurist") == ["delgivning_saknas"]
            assert (await _queue(w))[0]["proposal"] == "delgivning"
        day += timedelta(days=1)

    expected = sorted(
        [(u, kind, made, gone) for u in INSPECTORS for kind, made, gone in EXPECTED_INSPEKTOR]
        + [("jur", kind, made, gone) for kind, made, gone in EXPECTED_JURIST]
        + _expected_digests("samord") + _expected_digests("samord_nord"))
    assert await seen() == expected

    rows = await all_reminders()
    assert len({r["key"] for r in rows}) == len(rows)      # none twice
    assert [r["user"] for r in rows if r["dismissed"]] == ["insp_b"]
    assert await sweep_audit_counts() == (len(rows), len(rows) - 2)   # two digests still open
    out = capsys.readouterr().out
    assert "Påminnelser 2027-05-01: 1 nya" in out and "Föreläggandets tid har gått ut" in out
    _print_table(rows)


def _print_table(rows: list[dict[str, Any]]) -> None:
    """The half-year as each role saw it (shown with `pytest -s`)."""
    digests = Counter(r["user"] for r in rows if r["kind"] == "veckosammanstallning")
    print("\nmottagare | påminnelse | skapad | löst | avfärdad")
    for r in rows:
        if r["kind"] != "veckosammanstallning":
            print(f"{r['user']} | {r['kind']} | {r['created']} | {r['resolved']} | "
                  f"{r['dismissed'] or ''}")
    for user, n in sorted(digests.items()):
        print(f"{user} | veckosammanstallning ×{n} | varje måndag | nästa måndag | ")
