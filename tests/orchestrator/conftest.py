from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.orchestrator.redis_server import redis_server

if TYPE_CHECKING:
    from collections.abc import Iterator


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    with redis_server() as url:
        yield url
