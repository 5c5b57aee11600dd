"""Schema-driven fuzzing of every endpoint: whatever is sent, no answer is a 500.

Bounded (few examples per operation, no deadline) so it fits in CI; runs on the test database.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from inspektion.api.app import create_app
from tests.conftest import TEST_URL

pytestmark = pytest.mark.skipif(TEST_URL.startswith("postgres"),
                                reason="the fuzz run is bounded to SQLite in CI")

schema = schemathesis.openapi.from_asgi("/schema/openapi.json", create_app(bind=False))


@pytest.fixture
async def fuzz_headers(database: str) -> dict[str, str]:
    """A token of its own: the fuzzer may well call logout with it."""
    from inspektion.services import users
    from tests.support import PASSWORD

    token = (await users.login("insp", PASSWORD))["token"]
    return {"Authorization": f"Bearer {token}"}


@schema.parametrize()
@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_no_endpoint_answers_500(case: Any, fuzz_headers: dict[str, str]) -> None:
    case.call_and_validate(headers=fuzz_headers, checks=[not_a_server_error])
