"""Real headless Chromium against the real server (uvicorn in a subprocess, demo data).

Needs Debian's `chromium` (/usr/bin/chromium) and the `playwright` package from PyPI; the
browser download of `playwright install` is never used. Without either the tests skip.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

CHROMIUM = os.environ.get("INSPEKTION_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENS = Path(os.environ.get("INSPEKTION_SCREENS",
                              str(Path(tempfile.gettempdir()) / "inspektion-screens")))
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
SWEDISH = {"locale": "sv-SE", "timezone_id": "Europe/Stockholm"}  # as the users' browsers
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True, **SWEDISH}
DESKTOP = {"viewport": {"width": 1280, "height": 900}, **SWEDISH}
# No list hides columns behind a sideways scroll of its own box (true or false in the page).
NOTHING_SCROLLS_SIDEWAYS = """() => [...document.querySelectorAll('.table-scroll')]
  .every(e => e.scrollWidth <= e.clientWidth + 1)"""


def missing(reason: str) -> None:
    """Skip on a developer's machine; fail where INSPEKTION_REQUIRE_BROWSER=1 (CI), so a
    missing install step cannot pass as green."""
    if os.environ.get("INSPEKTION_REQUIRE_BROWSER") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


def require_browser() -> Any:
    if not Path(CHROMIUM).exists():
        missing(f"{CHROMIUM} saknas (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("playwright saknas (pip install playwright)")
    return sync_playwright


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, url: str, env: dict[str, str]) -> None:
        self.url, self.env = url, env

    def api(self, username: str) -> httpx.Client:
        """A Bearer client for checking what the server stored."""
        r = httpx.post(f"{self.url}/api/auth/login",
                       json={"username": username, "password": "demo"})
        r.raise_for_status()
        return httpx.Client(base_url=self.url,
                            headers={"Authorization": f"Bearer {r.json()['token']}"})


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    require_browser()
    with running_server() as started:
        yield started


def free_port() -> int:
    return _free_port()


@contextmanager
def running_server(extra_env: dict[str, str] | None = None,
                   port: int | None = None) -> Iterator[Server]:
    """The app under uvicorn on 127.0.0.1 with a fresh SQLite database of demo data;
    `extra_env` adds settings (the sign-in tests give it the identity provider's)."""
    tmp = tempfile.mkdtemp(prefix="inspektion-browser-")
    env = {k: v for k, v in os.environ.items()
           if k not in ("INSPEKTION_TODAY", "INSPEKTION_TEST_DATABASE_URL")}
    env.update(INSPEKTION_DATABASE_URL=f"sqlite:///{tmp}/browser.sqlite", INSPEKTION_SCHEDULER="0",
               INSPEKTION_COOKIE_SECURE="auto", **(extra_env or {}))
    subprocess.run([sys.executable, "-m", "inspektion.cli", "init", "--demo"], env=env,
                   check=True, capture_output=True, timeout=300)
    subprocess.run([sys.executable, "-m", "inspektion.cli", "reminders", "run"], env=env,
                   check=True, capture_output=True, timeout=300)  # so the pages show some
    port = port or _free_port()
    log = open(Path(tmp) / "server.log", "w")  # noqa: SIM115 - closed below
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "inspektion.asgi:app", "--host",
                             "127.0.0.1", "--port", str(port), "--log-level", "warning"],
                            env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180  # a busy CI machine imports slowly
        while True:
            try:
                if httpx.get(f"{url}/health", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the server did not start: "
                                   + (Path(tmp) / "server.log").read_text())
            time.sleep(0.2)  # polling for start-up, not waiting in a test
        yield Server(url, env)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="module")
def browser(server: Server) -> Iterator[Any]:
    """Module scope: the sync API runs its own event loop, which must be gone before the
    async page tests run on the session loop."""
    sync_playwright = require_browser()
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield chromium
        chromium.close()


NETWORK_SCHEMES = ("http:", "https:", "ws:", "wss:", "ftp:")


@contextmanager
def own_origin_only(browser: Any, server: Server, **options: Any) -> Iterator[Any]:
    """A browser context that fails the test if any page asks the network for anything
    outside the app's own origin.

    Every request of every page and frame (the map iframe included) is recorded; fonts,
    scripts and tiles from elsewhere would show up here. Such a request is also aborted, so
    a test never depends on the network outside this machine. The browser's own resources
    (data:, blob:, chrome: and the built-in PDF viewer's chrome-extension:) never leave it.
    """
    ctx = browser.new_context(**options)
    foreign: list[str] = []
    own = server.url + "/"

    def outside(url: str) -> bool:
        return url.startswith(NETWORK_SCHEMES) and not url.startswith(own)

    def watch(request: Any) -> None:
        if outside(request.url):
            foreign.append(request.url)

    def refuse(route: Any) -> None:
        route.abort()

    ctx.on("request", watch)
    ctx.route(outside, refuse)
    try:
        yield ctx
    finally:
        ctx.close()
    assert not foreign, f"requests outside {server.url}: {foreign[:10]}"


def login(page: Any, server: Server, username: str) -> None:
    page.goto(f"{server.url}/logga-in")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill("demo")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(lambda url: "/logga-in" not in url)


def shot(page: Any, name: str, full_page: bool = True) -> Path:
    SCREENS.mkdir(parents=True, exist_ok=True)
    path = SCREENS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def axe_problems(page: Any, exclude: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Every WCAG 2.1 A/AA violation axe-core finds on the page, whatever its impact.

    `exclude` takes CSS selectors: the pages leave out the map iframe, whose document is
    the maps package's (/api/maps/coverage), not one of these pages. The page's CSP forbids
    injected scripts, so the context must be opened with bypass_csp=True.
    """
    page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = page.evaluate("""async (exclude) => await axe.run(
        {include: [['html']], exclude: exclude.map(s => [s])},
        {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})""",
                                           list(exclude))
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"][:5]]}
            for v in result["violations"]]
