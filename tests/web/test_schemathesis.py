"""Schemathesis against /api/v1/openapi.json: generated requests, valid and not, to every
operation. No answer may be a 500, every answer must be one the schema documents, in the
shape it documents (status code, content type, body, headers), and a request the schema
calls valid must not be refused (the schema names the values the codebook knows).

Bounded: a few examples per operation (SCHEMATHESIS_EXAMPLES, default 12), about a minute.
The API is called with an editor's API token, so that the writing operations are reached too,
on an atlas of its own.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from web_fixtures import build_atlas

schemathesis = pytest.importorskip("schemathesis")

from schemathesis import checks as st_checks  # noqa: E402

from planatlas.store import Atlas  # noqa: E402
from planatlas.web import create_app  # noqa: E402

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "12"))


def valid_requests_are_accepted(ctx: object, response: object, case: object) -> bool | None:
    """Schemathesis's own check, but for an upload whose file cannot be read: the request is
    valid, the file is not, and the answer is the documented 422 with the reader's error."""
    upload = case.operation.path == "/api/v1/upload"  # type: ignore[attr-defined]
    if upload and response.status_code == 422:  # type: ignore[attr-defined]
        body = response.json()  # type: ignore[attr-defined]
        if "result" in body:
            assert body["result"]["status"] == "error" and body["error"]["message"]
            return None
    result: bool | None = st_checks.positive_data_acceptance(ctx, response, case)  # type: ignore[arg-type]
    return result


CHECKS = [
    valid_requests_are_accepted,
    st_checks.not_a_server_error,
    st_checks.status_code_conformance,
    st_checks.content_type_conformance,
    st_checks.response_schema_conformance,
    st_checks.response_headers_conformance,
]


@pytest.fixture(scope="module")
def fuzzed_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    os.environ["PLANATLAS_RATE_LIMIT"] = "0"  # thousands of requests from one address
    app = create_app(build_atlas(Path(tmp_path_factory.mktemp("schemathesis"))))
    yield app
    app.state.jobs.close()
    os.environ.pop("PLANATLAS_RATE_LIMIT", None)


@pytest.fixture(scope="module")
def token(fuzzed_app: object) -> str:
    from planatlas.accounts import store as accounts

    atlas: Atlas = fuzzed_app.state.atlas  # type: ignore[attr-defined]
    found, _ = accounts.create_token(atlas, "kari", "schemathesis")
    return found


@pytest.fixture(scope="module")
def api_schema(fuzzed_app: object) -> object:
    return schemathesis.openapi.from_asgi("/api/v1/openapi.json", fuzzed_app)


@pytest.mark.parametrize("mode", ["positive", "negative"])
def test_the_api_answers_as_its_schema_says(api_schema: object, token: str, mode: str) -> None:
    from hypothesis import given
    from hypothesis.errors import Unsatisfiable

    generation = schemathesis.GenerationMode(mode)
    failures: list[str] = []
    ran = 0
    for found in api_schema.get_all_operations():  # type: ignore[attr-defined]
        operation = found.ok()

        @given(case=operation.as_strategy(generation_mode=generation))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def run(case: object) -> None:
            nonlocal ran
            ran += 1
            case.call_and_validate(  # type: ignore[attr-defined]
                headers={"Authorization": f"Bearer {token}"}, checks=CHECKS
            )

        try:
            run()
        except Unsatisfiable:  # no parameters to make invalid: nothing negative to send
            continue
        except (Exception, BaseExceptionGroup) as error:  # noqa: BLE001 - each one reported
            failures.append(f"{operation.label}: {str(error)[:1500]}")
    print(f"schemathesis ({mode}): {ran} requests over the operations, {len(failures)} failing")
    assert failures == [], "\n\n".join(failures)
