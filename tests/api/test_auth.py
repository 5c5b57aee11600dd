"""Login: hashed passwords, slowed and limited failures, tokens that expire."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from inspektion.db.tables import AuthToken, User
from inspektion.services import users
from tests.support import bearer


async def test_login_gives_a_token_that_works(client: Any) -> None:
    r = await client.post("/api/auth/login", json={"username": "insp", "password": "hemligt-test"})
    assert r.status_code == 200
    body = r.json()
    assert body["role"] == "inspektor" and body["region"] == "IRS-Syd"
    assert (await client.get("/api/kommuner", headers=bearer(body["token"]))).status_code == 200
    out = await client.post("/api/auth/logout", headers=bearer(body["token"]))
    assert out.status_code == 200
    assert (await client.get("/api/kommuner", headers=bearer(body["token"]))).status_code == 401


async def test_passwords_are_stored_as_argon2_hashes(db: str) -> None:
    row = await User.select(User.password_hash).where(User.username == "insp").first()
    assert row is not None and row["password_hash"].startswith("$argon2")
    assert "hemligt-test" not in row["password_hash"]


async def test_wrong_password_is_refused_and_repeated_failures_lock(client: Any) -> None:
    await users.add_user("lasbar", "rätt-lösen", "jurist")
    for _ in range(5):
        r = await client.post("/api/auth/login", json={"username": "lasbar", "password": "fel"})
        assert r.status_code == 401
        assert r.json()["detail"] == "Fel användarnamn eller lösenord."
    locked = await client.post("/api/auth/login", json={"username": "lasbar",
                                                        "password": "rätt-lösen"})
    assert locked.status_code == 401 and "För många" in locked.json()["detail"]
    await User.delete().where(User.username == "lasbar")


async def test_unknown_user_gets_the_same_answer(client: Any) -> None:
    r = await client.post("/api/auth/login", json={"username": "ingen", "password": "x"})
    assert r.status_code == 401 and r.json()["detail"] == "Fel användarnamn eller lösenord."


async def test_expired_token_is_refused(client: Any) -> None:
    token = (await users.login("jur", "hemligt-test")).token
    await AuthToken.update({AuthToken.expires_at: datetime.now(UTC) - timedelta(minutes=1)}
                           ).where(AuthToken.token_hash == users._token_hash(token))
    r = await client.get("/api/kommuner", headers=bearer(token))
    assert r.status_code == 401 and "gått ut" in r.json()["detail"]


async def test_admin_adds_a_user_and_others_may_not(client: Any, tokens: dict[str, str]) -> None:
    body = {"username": "nyinspektor", "password": "hemligt1", "role": "inspektor",
            "region": "IRV-Väst"}
    assert (await client.post("/api/users", json=body,
                              headers=bearer(tokens["samordnare"]))).status_code == 403
    r = await client.post("/api/users", json=body, headers=bearer(tokens["admin"]))
    assert r.status_code == 201
    again = await client.post("/api/users", json=body, headers=bearer(tokens["admin"]))
    assert again.status_code == 409
    bad = await client.post("/api/users", json={**body, "username": "x2", "region": "Mars"},
                            headers=bearer(tokens["admin"]))
    assert bad.status_code == 400 and bad.json()["field"] == "region"
    await User.delete().where(User.username == "nyinspektor")


async def test_jurist_verifies_a_paragraph_with_its_source(client: Any,
                                                           tokens: dict[str, str]) -> None:
    r = await client.post("/api/regulations/verify", headers=bearer(tokens["jurist"]), json={
        "citation": "AFS 2015:4 5 §", "source": "AFS 2015:4 i tryckt utgåva, s. 7"})
    assert r.status_code == 200
    regs = (await client.get("/api/regulations", headers=bearer(tokens["jurist"]))).json()
    para = next(p for reg in regs if reg["id"] == "AFS 2015:4" for p in reg["paragraphs"]
                if p["number"] == "5 §")
    assert para["verified"] is True and para["source"].startswith("AFS 2015:4")
    from inspektion.db.tables import AuditEvent, RegulationParagraph

    assert await AuditEvent.exists().where(AuditEvent.action == "catalogue.verify")
    from inspektion.config import load_settings
    from inspektion.services.reference import load_reference

    await load_reference(load_settings().fixtures_dir)  # `inspektion init` again
    kept = await RegulationParagraph.select().where(
        (RegulationParagraph.regulation_id == "AFS 2015:4")
        & (RegulationParagraph.number == "5 §")).first()
    assert kept is not None and kept["verified"] and kept["source"].startswith("AFS 2015:4")
    await RegulationParagraph.update({RegulationParagraph.verified: False}).where(
        (RegulationParagraph.regulation_id == "AFS 2015:4")
        & (RegulationParagraph.number == "5 §"))
