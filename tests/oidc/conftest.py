"""A real OpenID provider (oidc-provider on Node, tests/oidc/provider/) and the app signed in to
it, both on 127.0.0.1, for the sign-in tests in this folder.

Without node or the provider's node_modules (`npm ci --prefix tests/oidc/provider`) the tests
skip, except where INSPEKTION_REQUIRE_BROWSER=1 (CI), where they fail.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.web.browser import (
    ARGS,
    CHROMIUM,
    Server,
    free_port,
    missing,
    require_browser,
    running_server,
)

PROVIDER_DIR = Path(__file__).parent / "provider"
CLIENT_ID = "inspektion"
API_AUDIENCE = "inspektion-api"



@dataclass(frozen=True)
class Provider:
    url: str

    def next_token(self, mode: str) -> None:
        """The provider's next ID token comes out changed (server.js: aud, expired, tampered)."""
        httpx.post(f"{self.url}/test/next-token", params={"mode": mode}).raise_for_status()

    def set_groups(self, login: str, groups: list[str]) -> None:
        httpx.post(f"{self.url}/test/groups",
                   params={"login": login, "groups": ",".join(groups)}).raise_for_status()

    def signed(self, sub: str, aud: str, exp_offset: int = 0) -> str:
        r = httpx.get(f"{self.url}/test/sign",
                      params={"sub": sub, "aud": aud, "exp_offset": exp_offset})
        r.raise_for_status()
        return r.text


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        missing("node saknas (apt-get install -y nodejs npm)")
    version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout
    if int(version.strip().lstrip("v").split(".")[0] or 0) < 20:
        missing(f"oidc-provider behöver Node.js 20 eller senare, inte {version.strip()}")
    if not (PROVIDER_DIR / "node_modules" / "oidc-provider").is_dir():
        missing("oidc-provider saknas (npm ci --prefix tests/oidc/provider)")
    assert node is not None
    return node


@dataclass(frozen=True)
class Setup:
    provider: Provider
    app: Server
    db_path: Path


@pytest.fixture(scope="module")
def oidc() -> Iterator[Setup]:
    """The provider, then the app configured to use it (client, role and region groups,
    API audience); both stopped at the end of the module."""
    require_browser()
    node = _node()
    op_port, app_port = free_port(), free_port()
    op_url, app_url = f"http://127.0.0.1:{op_port}", f"http://127.0.0.1:{app_port}"
    log = tempfile.NamedTemporaryFile("w+", prefix="oidc-provider-", suffix=".log")  # noqa: SIM115
    proc = subprocess.Popen([node, "server.js"], cwd=PROVIDER_DIR, stdout=log,
                            stderr=subprocess.STDOUT,
                            env={**os.environ, "PORT": str(op_port), "RP_URL": app_url})
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{op_url}/.well-known/openid-configuration",
                             timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise RuntimeError("the OpenID provider did not start: " + log.read())
            time.sleep(0.2)  # polling for start-up, not waiting in a test
        env = {
            "INSPEKTION_OIDC_ISSUER": op_url,
            "INSPEKTION_OIDC_CLIENT_ID": CLIENT_ID,
            "INSPEKTION_OIDC_CLIENT_SECRET": "inspektion-test-hemlighet",
            "INSPEKTION_OIDC_ROLE_GROUPS": ("inspektor=av-inspektor,samordnare=av-samordnare,"
                                            "jurist=av-jurist,admin=av-admin"),
            "INSPEKTION_OIDC_REGION_GROUPS": "IRS-Syd=av-region-syd,IRN-Nord=av-region-nord",
            "INSPEKTION_OIDC_API_AUDIENCE": API_AUDIENCE,
        }
        with running_server(env, port=app_port) as app:
            db_path = Path(app.env["INSPEKTION_DATABASE_URL"].removeprefix("sqlite:///"))
            yield Setup(Provider(op_url), app, db_path)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def browser(oidc: Setup) -> Iterator[Any]:
    """Headless Chromium, started after the servers (module scope, as in tests/web)."""
    sync_playwright = require_browser()
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield chromium
        chromium.close()
