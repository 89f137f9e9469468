from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.orchestrator.redis_server import redis_server
from tests.orchestrator.tls_certs import TLSFiles, load_tls_files

if TYPE_CHECKING:
    from collections.abc import Iterator


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    with redis_server() as url:
        yield url


@pytest.fixture(scope="session")
def tls_files() -> TLSFiles:
    return load_tls_files()


@pytest.fixture(scope="session")
def rediss_url(tls_files: TLSFiles) -> Iterator[str]:
    """A TLS-only redis-server that requires a client certificate."""
    with redis_server(tls_files) as url:
        yield url
