"""Browser fixtures (a real server and headless Chromium) for the tests in this folder."""

from tests.web.browser import browser, server

__all__ = ["browser", "server"]
