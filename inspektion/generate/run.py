"""One generation run: people, campaigns, workplaces, then the cases in batches.

Everything goes through one Writer (one transaction). Diarienummer are taken from the
year's counter in one atomic step per year, so the counter ends at the highest number
used and cases opened later by real users continue the sequence.
"""

from __future__ import annotations

import math
import random
import re
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from datetime import date

from inspektion.db import queries_generator as q
from inspektion.db.bulk import Writer
from inspektion.db.tables import (
    Campaign,
    CampaignRegionTarget,
    Case,
    Decision,
    Document,
    GruppsamtalSummary,
    Krav,
    Meeting,
    User,
    Workplace,
)
from inspektion.domain.diarienummer import format_case
from inspektion.domain.questionnaire import Question
from inspektion.generate import pools
from inspektion.generate.catalogue import Pools
from inspektion.generate.columns import COLUMNS, TABLES
from inspektion.generate.history import CaseBuilder, CaseRef
from inspektion.generate.plan import (
    KommunRef,
    campaign_plans,
    skeletons,
    workplace_plans,
)

BATCH = 2_000
INSPECTORS_PER_REGION = 12
JURISTS = 4
UNUSABLE_PASSWORD = "!genererad-anvandare-kan-inte-logga-in"
Progress = Callable[[str], None]


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "", plain.lower().split("-")[-1])


async def _kommuner(w: Writer) -> list[KommunRef]:
    rows = await q.kommuner(w)
    if not rows:
        raise SystemExit("Databasen saknar referensdata; kör `inspektion init` först.")
    return [KommunRef(r["id"], r["kommunkod"], r["namn"], r["region_id"], r["region_code"],
                      r["juridiskt_namn"], r["organisationsnummer"]) for r in rows]


async def _people(w: Writer, rng: random.Random, kommuner: list[KommunRef],
                  ids: dict[str, int]) -> tuple[dict[int, list[int]], list[int]]:
    """Generated inspectors per region and jurists; they exist but cannot log in."""
    regions = sorted({(k.region_id, k.region_code) for k in kommuner})
    wanted: list[tuple[str, str, int | None]] = []
    for region, code in regions:
        wanted += [(f"gen.{_slug(code)}.inspektor{n:02d}", "inspektor", region)
                   for n in range(1, INSPECTORS_PER_REGION + 1)]
        wanted.append((f"gen.{_slug(code)}.samordnare", "samordnare", region))
    wanted += [(f"gen.jurist{n}", "jurist", None) for n in range(1, JURISTS + 1)]
    have = await q.generated_users(w)
    rows = []
    for username, role, region_or_none in wanted:
        if username in have:
            continue
        name = f"{rng.choice(pools.FIRST_NAMES)} {rng.choice(pools.LAST_NAMES)}"
        have[username] = ids["app_user"]
        ids["app_user"] += 1
        title = {"inspektor": "Arbetsmiljöinspektör", "samordnare": "Regional samordnare",
                 "jurist": "Jurist"}[role]
        rows.append((have[username], username, name, title, "", "", role, region_or_none,
                     UNUSABLE_PASSWORD, True, 0, None))
    await w.copy(COLUMNS[User], rows)
    inspectors: dict[int, list[int]] = {}
    for username, role, in_region in wanted:
        if role == "inspektor" and in_region is not None:
            inspectors.setdefault(in_region, []).append(have[username])
    return inspectors, [have[u] for u, role, _ in wanted if role == "jurist"]


async def _campaigns(w: Writer, today: date, kommuner: list[KommunRef],
                     ids: dict[str, int]) -> list[int]:
    plans = campaign_plans(today)
    have = await q.campaigns_by_name(w)
    per_region = Counter(k.region_id for k in kommuner)
    campaigns, targets = [], []
    for plan in plans:
        if plan.name in have:
            continue
        have[plan.name] = ids["campaign"]
        ids["campaign"] += 1
        campaigns.append((have[plan.name], plan.name, plan.start, plan.end, plan.target_share))
        for region_id, total in sorted(per_region.items()):
            targets.append((ids["campaign_region_target"], have[plan.name], region_id,
                            math.ceil(total * plan.target_share)))
            ids["campaign_region_target"] += 1
    await w.copy(COLUMNS[Campaign], campaigns)
    await w.copy(COLUMNS[CampaignRegionTarget], targets)
    return [have[p.name] for p in plans]


async def _workplaces(w: Writer, kommuner: list[KommunRef], ids: dict[str, int]
                      ) -> tuple[list[int], list[int]]:
    plans = workplace_plans(kommuner)
    have = await q.workplaces_by_kommun_and_name(w)
    out, rows = [], []
    for p in plans:
        key = (kommuner[p.kommun_index].id, p.name)
        if key not in have:
            have[key] = ids["workplace"]
            ids["workplace"] += 1
            rows.append((have[key], p.name, p.address, key[0], p.employer, p.org_nr))
        out.append(have[key])
    await w.copy(COLUMNS[Workplace], rows)
    return out, [p.kommun_index for p in plans]


async def _reserve_numbers(w: Writer, years: Counter[int]) -> dict[int, int]:
    """The first sequence number of each year's block, taken atomically from the counter."""
    first = {}
    for year, n in sorted(years.items()):
        last = await q.take_numbers(w, year, n)
        first[year] = last - n + 1
        if last > 999_999:
            raise SystemExit(f"År {year} skulle få fler än 999 999 diarienummer; generera färre.")
    return first


async def generate(w: Writer, n: int, seed: int, today: date, questions: tuple[Question, ...],
                   min_group_size: int, progress: Progress) -> dict[str, int]:
    """Write n cases with their history; returns how many rows went into each table."""
    rng = random.Random(seed)
    started = time.perf_counter()
    ids = {t._meta.tablename: await w.next_id(t) for t in TABLES}
    first_ids = dict(ids)
    kommuner = await _kommuner(w)
    templates = await q.krav_templates(w)
    inspectors, jurists = await _people(w, rng, kommuner, ids)
    campaign_ids = await _campaigns(w, today, kommuner, ids)
    workplace_ids, _ = await _workplaces(w, kommuner, ids)
    pools_ = Pools(templates, questions, min_group_size, rng)
    plan = skeletons(rng, n, campaign_plans(today), kommuner,
                     workplace_plans(kommuner), today)
    first_number = await _reserve_numbers(w, Counter(s.opened.year for s in plan))
    next_number = dict(first_number)
    builder = CaseBuilder(rng, today, pools_, ids)
    totals: Counter[str] = Counter()
    step = max(BATCH, n // 10)
    for start in range(0, n, BATCH):
        for s in plan[start:start + BATCH]:
            k = kommuner[s.kommun_index]
            first, second = rng.sample(inspectors[k.region_id], 2)
            year = s.opened.year
            seq, next_number[year] = next_number[year], next_number[year] + 1
            case_id = ids["case_file"]
            ids["case_file"] += 1
            builder.build(CaseRef(
                case_id, format_case(year, seq), s.method, s.opened,
                campaign_ids[s.campaign_index], k.id, k.region_id,
                workplace_ids[s.workplace_index], first, second, rng.choice(jurists)))
        rows = builder.rows
        for table in (Case, Meeting, GruppsamtalSummary, Krav, Document, Decision):
            name = table._meta.tablename
            batch = getattr(rows, name)
            await w.copy(COLUMNS[table], batch)
            totals[name] += len(batch)
        builder.rows = type(rows)()
        done = min(n, start + BATCH)
        if done % step < BATCH or done == n:
            progress(f"  {done:>9,} av {n:,} ärenden  ({time.perf_counter() - started:5.1f} s)"
                     .replace(",", " "))
    for written in TABLES:
        name = written._meta.tablename
        if ids[name] > first_ids[name]:
            await w.move_sequence(written, ids[name] - 1)
    # The new cases' search documents and share of the rollup, in the same transaction.
    await q.index_new_cases(w, first_ids["case_file"])
    totals["app_user"] = ids["app_user"] - first_ids["app_user"]
    totals["campaign"] = ids["campaign"] - first_ids["campaign"]
    totals["workplace"] = ids["workplace"] - first_ids["workplace"]
    return dict(totals)
