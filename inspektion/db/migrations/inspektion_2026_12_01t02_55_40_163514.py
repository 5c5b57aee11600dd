"""Sign-in through the agency's OpenID provider (issue 19).

`app_user.oidc_key` links a local user to the provider's account ("issuer subject"), unique
where set (a partial index in the next migration: SQLite cannot add a UNIQUE column, and
Piccolo runs raw steps before the columns); `app_user.oidc_disabled`
marks a user whose role the provider took away, so a returning role gives access back while
an administrator's own deactivation stays. `oidc_pending` holds each login started at the
provider until its callback uses it once (state, nonce, PKCE verifier).
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Boolean, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-01T02:55:40:163514"
VERSION = "1.38.0"
DESCRIPTION = "app_user.oidc_key, app_user.oidc_disabled; oidc_pending"


def _params(**extra: object) -> dict[str, object]:
    return {"null": False, "primary_key": False, "unique": False, "index": False,
            "index_method": IndexMethod.btree, "choices": None, "db_column_name": None,
            "secret": False, **extra}


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="inspektion", description=DESCRIPTION)
    manager.add_column(
        table_class_name="User", tablename="app_user", column_name="oidc_key",
        db_column_name="oidc_key", column_class_name="Varchar", column_class=Varchar,
        params=_params(length=600, default=None, null=True), schema=None)
    manager.add_column(
        table_class_name="User", tablename="app_user", column_name="oidc_disabled",
        db_column_name="oidc_disabled", column_class_name="Boolean", column_class=Boolean,
        params=_params(default=False), schema=None)

    manager.add_table(class_name="OidcPending", tablename="oidc_pending", schema=None,
                      columns=None)
    for name, length in (("state_hash", 64), ("nonce", 200), ("code_verifier", 200),
                         ("next_path", 1000)):
        manager.add_column(
            table_class_name="OidcPending", tablename="oidc_pending", column_name=name,
            db_column_name=name, column_class_name="Varchar", column_class=Varchar,
            params=_params(length=length, default="", unique=name == "state_hash"), schema=None)
    manager.add_column(
        table_class_name="OidcPending", tablename="oidc_pending", column_name="expires_at",
        db_column_name="expires_at", column_class_name="Timestamptz", column_class=Timestamptz,
        params=_params(default=TimestamptzNow(), index=True), schema=None)

    return manager
