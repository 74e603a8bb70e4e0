"""Property-based testing of the API against its own OpenAPI schema: no 5xx, ever.

Each operation gets generated inputs (paths, queries, bodies) from schemathesis, called
anonymously and with an admin token so the write endpoints run too. (Schemathesis's
pytest fixture integration does not work with pytest 9, so Hypothesis drives the
strategies directly.)
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings

from tests.web.conftest import token_for
from tocsin.config import Settings
from tocsin.store.db import Database
from tocsin.web.app import create_app


def test_api_never_fails_with_a_server_error(
    settings: Settings, sqlite_dashboard: Database
) -> None:
    app = create_app(settings, sqlite_dashboard)
    admin = token_for(sqlite_dashboard, "admin")
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    failures: list[str] = []

    for operation in operations:

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=15, deadline=None, database=None, suppress_health_check=list(HealthCheck)
        )
        def check(case: schemathesis.Case) -> None:
            for headers in (None, admin):
                response = case.call(headers=headers)
                if response.status_code >= 500:
                    failures.append(
                        f"{case.method} {case.formatted_path} {case.query}: {response.status_code}"
                    )

        check()
    assert not failures, "\n".join(failures[:20])
