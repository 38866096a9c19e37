"""The service the read-only HTTP tests share: one `oncokg serve` of the session's build per worker."""

import httpx
import pytest

from web_service import web_service


@pytest.fixture(scope="session")
def base(built, built_project, tmp_path_factory) -> str:
    """The base URL of the real service on a free loopback port (10 s per query, two workers)."""
    with web_service(built_project.root, tmp_path_factory.mktemp("service"), timeout=10, workers=2) as (url, _):
        yield url


@pytest.fixture
def http(base):
    """An HTTP client of that service."""
    with httpx.Client(base_url=base, timeout=60) as client:
        yield client
