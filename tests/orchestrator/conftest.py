from __future__ import annotations

import gc
import sys
import warnings
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


@pytest.fixture(autouse=True)
def _collect_coredis_leftovers() -> Iterator[None]:
    """Collect what coredis leaves behind here, after the test, instead of in a later one.

    coredis 6.9 creates three anyio memory-stream pairs in every `Connection.__init__` and
    closes them only on its normal path: a connection whose connect or handshake was cut off
    (a renewal deadline cancelling it on a loaded machine, a refused TLS handshake) keeps them
    open in a reference cycle. anyio warns when such a stream is collected, and the collector
    may run at any later point, failing an unrelated test under `-W error`. Our own streams
    are checked with the in-memory coordinator, where nothing is filtered.
    """
    yield
    if "coredis" in sys.modules:
        with warnings.catch_warnings():
            warnings.filterwarnings(
                "ignore", r"Unclosed <MemoryObject(Send|Receive)Stream", ResourceWarning
            )
            gc.collect()
