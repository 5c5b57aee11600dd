"""Local users behind the identity provider (issue 19): created, updated, shut out, audited;
the pending logins used once; the provider's tokens checked; passwords switchable off."""

from __future__ import annotations

import base64
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from joserfc import jwt
from joserfc.jwk import KeySet, OctKey, RSAKey

from inspektion.config import OidcSettings
from inspektion.db.tables import AuditEvent, AuthToken, OidcPending, User
from inspektion.domain.errors import NotAuthenticated
from inspektion.services import oidc_flow, oidc_users, users
from inspektion.services.oidc_users import OidcRefused, sign_in

ISSUER = "https://login.example"
SETTINGS = OidcSettings(
    issuer=ISSUER, client_id="inspektion", client_secret=None, scopes="openid groups",
    role_claim="groups",
    role_groups=(("inspektor", "av-inspektor"), ("samordnare", "av-samordnare"),
                 ("admin", "av-admin")),
    region_groups=(("IRS-Syd", "av-region-syd"), ("IRN-Nord", "av-region-nord")),
    redirect_uri=None, post_logout_uri=None, leeway_seconds=60, api_audience="inspektion-api",
    username_claim="preferred_username")


def claims(sub: str, *groups: str, name: str = "") -> oidc_flow.Claims:
    return oidc_flow.read_claims(SETTINGS, {
        "sub": sub, "preferred_username": name or sub, "name": "Test Person",
        "groups": list(groups)})


async def events(action: str) -> list[dict[str, Any]]:
    return list(await AuditEvent.select(AuditEvent.username, AuditEvent.details).where(
        AuditEvent.action == action).order_by(AuditEvent.id).output(load_json=True))


async def user(sub: str) -> dict[str, Any] | None:
    return await User.select(User.username, User.role, User.active, User.oidc_disabled,
                             User.region.code.as_alias("region")).where(
        User.oidc_key == f"{ISSUER} {sub}").first()


async def test_first_sign_in_creates_the_user_and_a_working_session(db: str) -> None:
    signed = await sign_in(SETTINGS, claims("s-1", "av-inspektor", "av-region-syd",
                                            name="nyinsp"), "127.0.0.1")
    assert signed.created and signed.username == "nyinsp"
    actor = await users.actor_for_token(signed.token)
    assert (actor.role.value, actor.region) == ("inspektor", "IRS-Syd")
    assert (await events("user.oidc_create"))[-1]["details"]["sub"] == "s-1"
    assert (await events("user.oidc_login"))[-1]["username"] == "nyinsp"
    with pytest.raises(NotAuthenticated):  # no password to guess
        await users.login("nyinsp", "!oidc")


async def test_unknown_person_without_role_is_not_created(db: str) -> None:
    with pytest.raises(OidcRefused) as refused:
        await sign_in(SETTINGS, claims("s-2", "av-personal"))
    assert refused.value.reason == "no_role" and "ingen behörighet" in str(refused.value)
    assert await user("s-2") is None
    assert (await events("user.oidc_refused"))[-1]["details"]["reason"] == "no_role"


async def test_a_taken_name_gets_a_mark_and_never_links_by_name(db: str) -> None:
    # "insp" is a local test user; the provider's "insp" is someone else.
    signed = await sign_in(SETTINGS, claims("s-3", "av-admin", name="insp"))
    assert signed.username.startswith("insp-") and signed.username != "insp"
    local = await User.select(User.role, User.oidc_key).where(User.username == "insp").first()
    assert local is not None and local["oidc_key"] is None and local["role"] == "inspektor"


async def test_role_change_lost_and_regained(db: str) -> None:
    first = await sign_in(SETTINGS, claims("s-4", "av-inspektor", "av-region-syd"))
    await sign_in(SETTINGS, claims("s-4", "av-samordnare", "av-region-nord"))
    row = await user("s-4")
    assert row is not None and (row["role"], row["region"]) == ("samordnare", "IRN-Nord")
    change = (await events("user.oidc_role_change"))[-1]["details"]
    assert change["from"]["role"] == "inspektor" and change["to"]["region"] == "IRN-Nord"

    with pytest.raises(OidcRefused):
        await sign_in(SETTINGS, claims("s-4", "av-personal"))
    row = await user("s-4")
    assert row is not None and not row["active"] and row["oidc_disabled"]
    with pytest.raises(NotAuthenticated):  # the earlier session ended too
        await users.actor_for_token(first.token)
    assert (await events("user.oidc_role_change"))[-1]["details"]["to"]["active"] is False

    back = await sign_in(SETTINGS, claims("s-4", "av-inspektor", "av-region-syd"))
    assert not back.created and (await users.actor_for_token(back.token)).region == "IRS-Syd"


async def test_administrator_deactivation_outranks_the_provider(db: str) -> None:
    await sign_in(SETTINGS, claims("s-5", "av-inspektor", "av-region-syd"))
    await User.update({User.active: False}).where(User.oidc_key == f"{ISSUER} s-5")
    with pytest.raises(OidcRefused) as refused:
        await sign_in(SETTINGS, claims("s-5", "av-inspektor", "av-region-syd"))
    assert refused.value.reason == "inactive" and "inaktiverat" in str(refused.value)


async def test_region_unknown_here_is_refused(db: str) -> None:
    odd = replace(SETTINGS, region_groups=(("IRX-Ingenstans", "av-region-x"),))
    with pytest.raises(OidcRefused) as refused:
        await sign_in(odd, claims("s-6", "av-inspektor", "av-region-x"))
    assert refused.value.reason == "unknown_region"


async def test_api_subject_must_be_known_and_active(db: str) -> None:
    await sign_in(SETTINGS, claims("s-7", "av-admin"))
    assert (await oidc_users.actor_for_subject(SETTINGS, "s-7")).role.value == "admin"
    with pytest.raises(NotAuthenticated):
        await oidc_users.actor_for_subject(SETTINGS, "okand")


async def test_pending_login_is_used_once_and_expires(db: str) -> None:
    oidc_flow._providers[ISSUER] = oidc_flow._Provider({"authorization_endpoint":
                                                        f"{ISSUER}/auth"})
    try:
        started = await oidc_flow.start(SETTINGS, "http://127.0.0.1/cb", "/arenden")
    finally:
        oidc_flow._providers.pop(ISSUER)
    assert "code_challenge_method=S256" in started.url and "nonce=" in started.url
    pending = await oidc_flow.take_pending(started.state)
    assert pending.next_path == "/arenden" and len(pending.code_verifier) >= 43
    with pytest.raises(oidc_flow.OidcFailure) as again:
        await oidc_flow.take_pending(started.state)
    assert again.value.code == "state"
    await OidcPending.insert(OidcPending(
        state_hash=oidc_flow._hash("gammal"), nonce="n", code_verifier="v",
        expires_at=datetime.now(UTC) - timedelta(seconds=1)))
    with pytest.raises(oidc_flow.OidcFailure):
        await oidc_flow.take_pending("gammal")


@pytest.fixture
def signing_key() -> Any:
    key = RSAKey.generate_key(2048, parameters={"kid": "k1"})
    oidc_flow._providers[ISSUER] = oidc_flow._Provider(
        {"id_token_signing_alg_values_supported": ["RS256", "HS256", "none"]})
    oidc_flow._providers[ISSUER].keys = KeySet([RSAKey.import_key(key.as_dict(private=False))])
    yield key
    oidc_flow._providers.pop(ISSUER)


def token(key: Any, **changes: Any) -> str:
    now = int(time.time())
    payload = {"iss": ISSUER, "sub": "s", "aud": "inspektion", "iat": now, "exp": now + 300,
               "nonce": "n1", **changes}
    return jwt.encode({"alg": "RS256", "kid": "k1"}, payload, key)


async def test_id_token_checks(signing_key: Any) -> None:
    now = int(time.time())

    async def code(value: str, nonce: str | None = "n1") -> str:
        try:
            await oidc_flow.verify(SETTINGS, value, "inspektion", nonce=nonce)
        except oidc_flow.OidcFailure as exc:
            return exc.code
        return "ok"

    assert await code(token(signing_key)) == "ok"
    assert await code(token(signing_key, exp=now - 30)) == "ok"  # within the 60 s leeway
    assert await code(token(signing_key, exp=now - 90)) == "expired"
    assert await code(token(signing_key, iat=now + 600)) == "not_yet"
    assert await code(token(signing_key, aud="annan")) == "audience"
    assert await code(token(signing_key, aud=["inspektion", "annan"], azp="annan")) == "audience"
    assert await code(token(signing_key, iss="https://evil.example")) == "issuer"
    assert await code(token(signing_key, nonce="n2")) == "nonce"
    head, body, sig = token(signing_key).split(".")
    other = token(signing_key, sub="admin").split(".")[1]
    assert await code(f"{head}.{other}.{sig}") == "signature"
    # "none" and HMAC are never accepted, whatever the provider announces.
    none = base64.urlsafe_b64encode(b'{"alg":"none"}').rstrip(b"=").decode()
    assert await code(f"{none}.{body}.") == "malformed"
    hs = jwt.encode({"alg": "HS256"}, jwt.decode(token(signing_key), signing_key).claims,
                    OctKey.import_key("x" * 32))
    assert await code(hs) == "malformed"


async def test_verified_claims_are_typed_and_a_wrong_type_is_refused(signing_key: Any) -> None:
    claims = await oidc_flow.verify(SETTINGS, token(
        signing_key, preferred_username="ingrid", email="i@av.se", groups="av-admin, av-x"),
        "inspektion", nonce="n1")
    assert claims == oidc_flow.Claims(sub="s", email="i@av.se", username="ingrid",
                                      groups=frozenset({"av-admin", "av-x"}))
    for bad in ({"name": ["Ingrid"]}, {"email": 7}, {"preferred_username": {"a": 1}}):
        with pytest.raises(oidc_flow.OidcFailure) as refused:
            await oidc_flow.verify(SETTINGS, token(signing_key, **bad), "inspektion",
                                   nonce="n1")
        assert refused.value.code == "malformed" and "ofullständigt" in str(refused.value)


async def test_exchange_merges_userinfo_under_the_id_tokens_own_claims(
        signing_key: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    oidc_flow._providers[ISSUER].metadata.update({
        "token_endpoint": f"{ISSUER}/token", "userinfo_endpoint": f"{ISSUER}/userinfo"})
    info: dict[str, Any] = {"sub": "s", "groups": ["av-admin"], "name": "Från userinfo",
                            "email": "info@av.se"}

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/token":
            return httpx.Response(200, json={"id_token": token(signing_key, email="id@av.se"),
                                             "access_token": "a"})
        assert request.headers["Authorization"] == "Bearer a"
        return httpx.Response(200, json=info)

    real = httpx.AsyncClient
    monkeypatch.setattr(httpx, "AsyncClient", lambda **kw: real(
        transport=httpx.MockTransport(answer), **kw))
    pending = oidc_flow.Pending(nonce="n1", code_verifier="v", next_path="/")
    got = await oidc_flow.exchange(SETTINGS, "kod", "http://127.0.0.1/cb", pending)
    assert got == oidc_flow.Claims(sub="s", name="Från userinfo", email="id@av.se",
                                   groups=frozenset({"av-admin"}))
    info["sub"] = "någon annan"  # OIDC Core 5.3.2: another person's userinfo is not used
    got = await oidc_flow.exchange(SETTINGS, "kod", "http://127.0.0.1/cb", pending)
    assert got.groups == frozenset() and got.name is None
    info.update(sub="s", name=["inte text"])
    with pytest.raises(oidc_flow.OidcFailure) as refused:
        await oidc_flow.exchange(SETTINGS, "kod", "http://127.0.0.1/cb", pending)
    assert refused.value.code == "malformed"


def test_configured_claims_are_read_by_their_names() -> None:
    other = replace(SETTINGS, role_claim="roller", username_claim="upn")
    read = oidc_flow.read_claims(other, {"sub": "s", "upn": "ingrid@av", "roller": ["a", 3],
                                         "groups": ["ignored"], "preferred_username": "x"})
    assert (read.username, read.groups) == ("ingrid@av", frozenset({"a", "3"}))
    assert oidc_flow.read_claims(other, {"sub": "s"}).groups == frozenset()


async def test_password_login_switched_off_except_break_glass_admins(
        db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INSPEKTION_LOCAL_LOGIN", "0")
    monkeypatch.setenv("INSPEKTION_BREAK_GLASS_USERS", "adm,insp")
    with pytest.raises(NotAuthenticated, match="lösenord är avstängd"):
        await users.login("jur", "hemligt-test")
    with pytest.raises(NotAuthenticated, match="lösenord är avstängd"):
        await users.login("insp", "hemligt-test")  # listed, but not an administrator
    result = await users.login("adm", "hemligt-test")
    assert result.role == "admin"
    assert await AuthToken.exists().where(AuthToken.user == await _id("adm"))
    assert (await events("user.break_glass_login"))[-1]["username"] == "adm"


async def _id(username: str) -> int:
    row = await User.select(User.id).where(User.username == username).first()
    assert row is not None
    return int(row["id"])
