"""Settings from the environment.

Everything that differs between a laptop, CI and production is read here and nowhere else,
so a reader finds every knob in one place.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
# fixtures/ at the top of the checkout; inspektion/fixtures links to it and is what the wheel
# carries, so both a checkout and an installed package find it here.
DEFAULT_FIXTURES = PACKAGE_DIR / "fixtures"
DEFAULT_DATABASE_URL = "sqlite:///./inspektion.sqlite"


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise SystemExit(f"{name} måste vara ett heltal, inte {raw!r}") from exc


def _flag(name: str, default: bool) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in ("1", "true", "ja", "yes", "on"):
        return True
    if raw in ("0", "false", "nej", "no", "off"):
        return False
    raise SystemExit(f"{name} måste vara 1 eller 0, inte {raw!r}")


def _pairs(name: str) -> tuple[tuple[str, str], ...]:
    """'a=x,b=y' → (("a", "x"), ("b", "y")); a key may repeat (several groups per role)."""
    out: list[tuple[str, str]] = []
    for part in os.environ.get(name, "").split(","):
        if not part.strip():
            continue
        key, sep, value = part.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise SystemExit(f"{name}: {part.strip()!r} ska skrivas namn=grupp")
        out.append((key.strip(), value.strip()))
    return tuple(out)


@dataclass(frozen=True)
class OidcSettings:
    """The agency's OpenID provider; present only when INSPEKTION_OIDC_ISSUER is set.

    Roles and regions come from one claim (`role_claim`, e.g. "groups") whose values are
    mapped by `role_groups` (role → group) and `region_groups` (region code → group).
    """

    issuer: str
    client_id: str
    client_secret: str | None
    scopes: str
    role_claim: str
    role_groups: tuple[tuple[str, str], ...]
    region_groups: tuple[tuple[str, str], ...]
    redirect_uri: str | None  # default: this server's /logga-in/oidc/callback
    post_logout_uri: str | None  # default: this server's /logga-in?utloggad=1
    leeway_seconds: int  # clock skew allowed on exp/iat/nbf, at most 300
    api_audience: str | None  # accept the provider's JWTs as API bearer tokens for this aud
    username_claim: str


def _oidc() -> OidcSettings | None:
    issuer = (os.environ.get("INSPEKTION_OIDC_ISSUER") or "").strip().rstrip("/")
    if not issuer:
        return None
    client_id = (os.environ.get("INSPEKTION_OIDC_CLIENT_ID") or "").strip()
    if not client_id:
        raise SystemExit("INSPEKTION_OIDC_CLIENT_ID måste anges när INSPEKTION_OIDC_ISSUER är satt")
    leeway = _int("INSPEKTION_OIDC_LEEWAY_SECONDS", 60)
    if not 0 <= leeway <= 300:
        raise SystemExit("INSPEKTION_OIDC_LEEWAY_SECONDS måste vara 0–300 sekunder")
    return OidcSettings(
        issuer=issuer,
        client_id=client_id,
        client_secret=os.environ.get("INSPEKTION_OIDC_CLIENT_SECRET") or None,
        scopes=os.environ.get("INSPEKTION_OIDC_SCOPES", "openid profile email groups").strip(),
        role_claim=os.environ.get("INSPEKTION_OIDC_ROLE_CLAIM", "groups").strip(),
        role_groups=_pairs("INSPEKTION_OIDC_ROLE_GROUPS"),
        region_groups=_pairs("INSPEKTION_OIDC_REGION_GROUPS"),
        redirect_uri=os.environ.get("INSPEKTION_OIDC_REDIRECT_URI") or None,
        post_logout_uri=os.environ.get("INSPEKTION_OIDC_POST_LOGOUT_URI") or None,
        leeway_seconds=leeway,
        api_audience=os.environ.get("INSPEKTION_OIDC_API_AUDIENCE") or None,
        username_claim=os.environ.get("INSPEKTION_OIDC_USERNAME_CLAIM",
                                      "preferred_username").strip(),
    )


@dataclass(frozen=True)
class Settings:
    database_url: str
    fixtures_dir: Path
    min_group_size: int
    token_ttl_hours: int
    login_max_failures: int
    login_lock_minutes: int
    login_max_failures_per_address: int
    reminder_answer_due_days: int
    reminder_inactive_days: int
    reminder_unserved_days: int
    reminder_sweep_minutes: int
    smtp_host: str | None
    smtp_port: int
    smtp_sender: str
    tile_url: str | None
    scheduler_enabled: bool
    db_pool_size: int
    # Decisions (issue 12): förvaltningslagen 25 § and lagen om viten 2 § as numbers a legal
    # department can set — the law says "a chance to comment" and "a time to comply", not
    # how many days.
    max_file_mb: int
    krav_max_per_case: int = 200  # a letter with more is no letter a person can read
    # The employer's answer link (issue 18): valid this many days after the letter's answer
    # date; requests per client address and sends per link within a window of minutes.
    svarslank_days: int = 30
    svar_max_requests_per_address: int = 120
    svar_max_posts_per_link: int = 30
    svar_window_minutes: int = 10
    underrattelse_min_reply_days: int = 14
    forelaggande_min_days: int = 30
    delgivning_margin_days: int = 14
    oidc: OidcSettings | None = None  # sign-in through the agency's OpenID provider (issue 19)
    local_login: bool = True  # INSPEKTION_LOCAL_LOGIN=0: passwords only for break_glass_users
    break_glass_users: frozenset[str] = frozenset()

    @property
    def database_kind(self) -> str:
        """'sqlite' or 'postgresql', as /health reports it."""
        return "postgresql" if self.database_url.startswith("postgres") else "sqlite"


def load_settings() -> Settings:
    """Read the settings; called at start-up and whenever a test changes the environment."""
    return Settings(
        database_url=os.environ.get("INSPEKTION_DATABASE_URL", DEFAULT_DATABASE_URL),
        fixtures_dir=Path(os.environ.get("INSPEKTION_FIXTURES", str(DEFAULT_FIXTURES))),
        min_group_size=_int("INSPEKTION_MIN_GROUP_SIZE", 4),
        token_ttl_hours=_int("INSPEKTION_TOKEN_TTL_HOURS", 10),
        login_max_failures=_int("INSPEKTION_LOGIN_MAX_FAILURES", 5),
        login_lock_minutes=_int("INSPEKTION_LOGIN_LOCK_MINUTES", 15),
        login_max_failures_per_address=_int("INSPEKTION_LOGIN_MAX_FAILURES_PER_ADDRESS", 30),
        reminder_answer_due_days=_int("INSPEKTION_REMINDER_ANSWER_DUE_DAYS", 7),
        reminder_inactive_days=_int("INSPEKTION_REMINDER_INACTIVE_DAYS", 60),
        reminder_unserved_days=_int("INSPEKTION_REMINDER_UNSERVED_DAYS", 14),
        reminder_sweep_minutes=_int("INSPEKTION_REMINDER_SWEEP_MINUTES", 60),
        smtp_host=os.environ.get("INSPEKTION_SMTP_HOST") or None,
        smtp_port=_int("INSPEKTION_SMTP_PORT", 25),
        smtp_sender=os.environ.get("INSPEKTION_SMTP_SENDER", "inspektion@localhost"),
        tile_url=os.environ.get("INSPEKTION_TILE_URL") or None,
        scheduler_enabled=os.environ.get("INSPEKTION_SCHEDULER", "1") != "0",
        db_pool_size=_int("INSPEKTION_DB_POOL_SIZE", 10),
        underrattelse_min_reply_days=_int("INSPEKTION_UNDERRATTELSE_MIN_DAYS", 14),
        forelaggande_min_days=_int("INSPEKTION_FORELAGGANDE_MIN_DAYS", 30),
        delgivning_margin_days=_int("INSPEKTION_DELGIVNING_MARGIN_DAYS", 14),

        max_file_mb=_int("INSPEKTION_MAX_FILE_MB", 25),
        krav_max_per_case=_int("INSPEKTION_KRAV_MAX_PER_CASE", 200),
        svarslank_days=_int("INSPEKTION_SVARSLANK_DAGAR", 30),
        svar_max_requests_per_address=_int("INSPEKTION_SVAR_MAX_PER_ADDRESS", 120),
        svar_max_posts_per_link=_int("INSPEKTION_SVAR_MAX_POSTS_PER_LINK", 30),
        svar_window_minutes=_int("INSPEKTION_SVAR_WINDOW_MINUTES", 10),
        oidc=_oidc(),
        local_login=_flag("INSPEKTION_LOCAL_LOGIN", True),
        break_glass_users=frozenset(
            name.strip() for name in os.environ.get("INSPEKTION_BREAK_GLASS_USERS", "").split(",")
            if name.strip()),
    )
