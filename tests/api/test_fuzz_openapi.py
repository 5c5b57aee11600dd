"""Schema-driven fuzzing of every endpoint: whatever is sent, no answer is a 500.

Two phases, both with a fixed seed so a run is repeatable and a failure can be replayed:
each operation on its own (schemathesis' generated and boundary values), then the stateful
phase, where schemathesis chains calls by the links it infers (open a case, then post to
its steps with the id it got). Bounded so it fits in CI; runs on SQLite and on PostgreSQL
(INSPEKTION_TEST_DATABASE_URL).
"""

from __future__ import annotations

from typing import Any, ClassVar

import pytest
import schemathesis
from hypothesis import HealthCheck, seed, settings
from schemathesis.checks import not_a_server_error

from inspektion.api.app import create_app
from tests.support import CAMPAIGN_ID, MALMO

SEED = 20261130
schema = schemathesis.openapi.from_asgi("/schema/openapi.json", create_app(bind=False))


async def _headers(username: str) -> dict[str, str]:
    """A token of its own: the fuzzer may well call logout with it."""
    from inspektion.services import users
    from tests.support import PASSWORD

    token = (await users.login(username, PASSWORD)).token
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
async def fuzz_headers(database: str) -> dict[str, str]:
    return await _headers("insp")


@pytest.fixture
async def samordnare_headers(database: str) -> dict[str, str]:
    return await _headers("samord")


@schema.parametrize()
@seed(SEED)
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck),
          database=None)
def test_no_endpoint_answers_500(case: Any, fuzz_headers: dict[str, str]) -> None:
    case.headers = {**(case.headers or {}), **fuzz_headers}  # over a generated one
    case.call_and_validate(checks=[not_a_server_error])


def test_no_sequence_of_calls_answers_500(fuzz_headers: dict[str, str],
                                          samordnare_headers: dict[str, str]) -> None:
    """The stateful phase: as an inspector (who may open cases and take steps), then as a
    samordnare, chains of calls built from what the earlier calls answered."""
    seen: list[tuple[str, str, int]] = []

    class Workflow(schema.as_state_machine()):  # type: ignore[misc]
        headers: ClassVar[dict[str, str]] = {}

        def before_call(self, case: Any) -> None:
            case.headers = {**(case.headers or {}), **self.headers}  # over a generated one
            if (case.method, case.path) == ("POST", "/api/cases"):
                # A case that can be opened, so the chain reaches steps on a real case (the
                # stateless phase fuzzes this body; here the later calls are the point).
                case.body = {"campaign_id": CAMPAIGN_ID[0], "kommunkod": MALMO,
                             "arbetsstalle": "Socialkontoret", "method": "fokusinspektion"}

        def after_call(self, response: Any, case: Any) -> None:
            seen.append((case.method, case.path, response.status_code))

        def validate_response(self, response: Any, case: Any,
                              additional_checks: Any = None, **kwargs: Any) -> None:
            case.validate_response(response, checks=[not_a_server_error],
                                   transport_kwargs=kwargs)

    for headers in (fuzz_headers, samordnare_headers):
        Workflow.headers = headers
        Workflow.run(settings=settings(max_examples=25, stateful_step_count=8, deadline=None,
                                       derandomize=True, database=None,
                                       suppress_health_check=list(HealthCheck)))
    chained = [s for s in seen if "{" in s[1] and s[2] < 300]
    assert len(seen) > 100 and chained, (len(seen), chained[:5])  # calls reached real ids
