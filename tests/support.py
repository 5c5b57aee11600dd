"""Shared test helpers: database preparation, users, and walking a case over HTTP."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from inspektion import clock
from inspektion.config import load_settings
from inspektion.db import append_only
from inspektion.db.engine import bind_database
from inspektion.db.setup import migrate
from inspektion.db.tables import AuthToken, Campaign, Case, User
from inspektion.services import campaigns, reference, users

PASSWORD = "hemligt-test"
USERS = [
    ("insp", "inspektor", "IRS-Syd"),
    ("insp_b", "inspektor", "IRS-Syd"),
    ("insp_nord", "inspektor", "IRN-Nord"),
    ("samord", "samordnare", "IRS-Syd"),
    ("samord_nord", "samordnare", "IRN-Nord"),
    ("jur", "jurist", None),
    ("adm", "admin", None),
]
ROLE_USER = {"inspektor": "insp", "samordnare": "samord", "jurist": "jur", "admin": "adm"}
CASE_TABLES = ["svar_inskick", "svarslank", "krav_assessment", "handling_file", "handling",
               "questionnaire_answer",
               "gruppsamtal_summary", "meeting", "decision", "document",
               "krav", "audit_event", "case_file", "workplace", "diarie_counter"]
# later features add theirs here
EXTRA_CASE_TABLES: list[str] = ["kommun_rollup", "case_rollup", "case_search", "reminder",
                                  "login_throttle", "planned_visit", "calendar_feed"]
CAMPAIGN_ID: list[int] = []
TEST_CAMPAIGN = "Testkampanj 2026"
MALMO, LUND, UMEA = "1280", "1281", "2480"


async def prepare_database(url: str) -> None:
    await migrate(url)
    bind_database(url)
    await _drop_everything_but_reference()
    await reference.load_reference(load_settings().fixtures_dir)
    for username, role, region in USERS:
        if not await User.exists().where(User.username == username):
            await users.add_user(username, PASSWORD, role, region, display_name=username.title(),
                                 title="Arbetsmiljöinspektör" if role == "inspektor" else "")
    name = TEST_CAMPAIGN
    row = await Campaign.select(Campaign.id).where(Campaign.name == name).first()
    if row is None:
        made = await campaigns.create_campaign(None, name, date(2026, 1, 1), date(2027, 12, 31),
                                               0.5)
        CAMPAIGN_ID[:] = [made.id]
    else:
        CAMPAIGN_ID[:] = [row["id"]]


async def _drop_everything_but_reference() -> None:
    """A PostgreSQL test database outlives the run: campaigns an earlier run's tests made
    (e.g. the admin page's "Vår 2027") would make the same test meet its own leftovers."""
    await clean_case_data()
    await Campaign.delete().where(Campaign.name != TEST_CAMPAIGN)


async def clean_case_data() -> None:
    """Remove case data; the append-only triggers are lifted for the cleaning only."""
    engine: Any = Case._meta.db
    tables = EXTRA_CASE_TABLES + CASE_TABLES
    if engine.engine_type == "sqlite":
        await engine.run_ddl("DROP TRIGGER IF EXISTS audit_event_no_update")
        await engine.run_ddl("DROP TRIGGER IF EXISTS audit_event_no_delete")
        for table in tables:
            await engine.run_ddl(f'DELETE FROM "{table}"')
        for statement in append_only.statements("sqlite"):
            await engine.run_ddl(statement)
    else:
        # The test database's owner may lift the no-TRUNCATE trigger; the app's role may not
        # (docs/deployment.md, tests/services/test_audit_role.py).
        await engine.run_ddl("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_truncate")
        try:
            await engine.run_ddl("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " CASCADE")
        finally:
            await engine.run_ddl("ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_truncate")
    await engine.run_ddl("DELETE FROM auth_token WHERE expires_at < CURRENT_TIMESTAMP")
    await _restore_users()


async def _restore_users() -> None:
    """Back to the session's users, as they were made. A user a test added (the role matrix
    adds a jurist) would otherwise be a recipient in every later test: reminders for all
    jurists would reach one more person, and only when the suite runs in full."""
    names = [username for username, _, _ in USERS]
    extra = [r["id"] for r in await User.select(User.id).where(User.username.not_in(names))]
    if extra:
        await AuthToken.delete().where(AuthToken.user.is_in(extra))
        await User.delete().where(User.id.is_in(extra))
    await User.update({User.active: True, User.email: "", User.failed_logins: 0,
                       User.locked_until: None}).where(User.username.is_in(names))


async def login_all() -> dict[str, str]:
    out = {}
    for username, _role, _ in USERS:
        out[username] = (await users.login(username, PASSWORD)).token
    for role, username in ROLE_USER.items():
        out[role] = out[username]
    return out


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


PARTICIPANTS = [{"role": "Socialchef", "name": "Eva Ström"},
                {"role": "Huvudskyddsombud", "name": "Jonas Ek"}]


def group(n: int, value: int = 2) -> list[dict[str, int]]:
    return [{str(q): value for q in range(1, 23)} for _ in range(n)]


class Walker:
    """Walks one case over HTTP, keeping its version; each method asserts success."""

    def __init__(self, client: Any, tokens: dict[str, str], campaign_id: int) -> None:
        self.client, self.tokens, self.campaign_id = client, tokens, campaign_id
        self.case_id = 0
        self.version = 0
        self.krav_ids: list[int] = []
        self.documents: list[dict[str, Any]] = []

    async def post(self, path: str, body: dict[str, Any], role: str = "inspektor",
                   expect: int = 201) -> dict[str, Any]:
        body = {"version": self.version, **body}
        r = await self.client.post(f"/api/cases/{self.case_id}/{path}", json=body,
                                   headers=bearer(self.tokens[role]))
        assert r.status_code == expect, (path, r.status_code, r.text)
        data: dict[str, Any] = r.json()
        if r.status_code < 300:
            self.version = data.get("version", self.version)
            if data.get("document"):
                self.documents.append(data["document"])
        return data

    async def open(self, kommunkod: str = MALMO, method: str = "fokusinspektion",
                   role: str = "inspektor") -> dict[str, Any]:
        r = await self.client.post("/api/cases", json={
            "campaign_id": self.campaign_id, "kommunkod": kommunkod,
            "arbetsstalle": {"name": "Socialkontoret", "address": "Storgatan 1"},
            "method": method}, headers=bearer(self.tokens[role]))
        assert r.status_code == 201, r.text
        data: dict[str, Any] = r.json()
        self.case_id, self.version = data["id"], data["version"]
        return data

    async def to_pagaende(self) -> None:
        await self.post("formote", {"date": clock.today().isoformat(),
                                    "participants": PARTICIPANTS})
        await self.post("gruppsamtal", {"date": clock.today().isoformat(),
                                        "arbetsomrade": "Barn och unga", "responses": group(5)})
        await self.post("aterkoppling", {"date": clock.today().isoformat(),
                                         "participants": PARTICIPANTS[1:]})

    async def add_krav(self, n: int = 2) -> None:
        slugs = ["arbetsbelastning-riskbedomning", "hot-vald-riskbedomning",
                 "introduktion-rutiner", "krisstod-rutiner"]
        for i in range(n):
            out = await self.post("krav", {"template_id": slugs[i % len(slugs)]})
            self.krav_ids.append(out["id"])

    async def to_meddelande(self, n_krav: int = 2, days: int = 30) -> None:
        await self.to_pagaende()
        await self.add_krav(n_krav)
        await self.post("inspektionsmeddelande",
                        {"svar_senast": (clock.today() + timedelta(days=days)).isoformat()})

    async def detail(self, role: str = "inspektor") -> dict[str, Any]:
        r = await self.client.get(f"/api/cases/{self.case_id}", headers=bearer(self.tokens[role]))
        assert r.status_code == 200, r.text
        data: dict[str, Any] = r.json()
        return data


def move_days(days: int) -> date:
    """Move the tool's clock forward and return the new today."""
    clock.set_today(clock.today() + timedelta(days=days))
    return clock.today()
