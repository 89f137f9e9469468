"""Which limit ends a REST attempt: the per-attempt `total` timeout or a phase's own.

`HTTPTimeoutSettings.total` bounds one attempt (waiting for a pooled connection, connecting,
sending, reading); `connect`, `pool`, `write` and `read` bound their phases, the read
timeout counting from the last byte received. Whichever ends first decides the error: the
total's is `TimeoutError` ("no answer within the total timeout"), a phase's is its httpx
timeout. Checked on anycord's own transport, which times an attempt in one cancel scope,
against a loopback peer that hangs or trickles its answer (virtual time, both backends).
"""

from __future__ import annotations

import typing

import anyio
import httpx
import pytest

from anycord import errors
from anycord.config import HTTPSettings, HTTPTimeoutSettings
from anycord.rest.client import RESTClient
from anycord.rest.endpoints.users import GET_USER
from anycord.rest.transport import AnycordTransport
from tests.http_peer import HTTPPeer, PeerConnection

if typing.TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

BODY = b'{"id": "1", "name": "r"}'
ANSWER = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: %d\r\n\r\n%s" % (
    len(BODY),
    BODY,
)
ROUTE = GET_USER.compile(user_id=1)


async def _hang(conn: PeerConnection) -> None:
    await conn.read_request()
    await anyio.sleep_forever()


def _trickle(pause: float) -> Callable[[PeerConnection], Awaitable[None]]:
    """Answer each request in pieces of 20 bytes, `pause` seconds apart."""

    async def behaviour(conn: PeerConnection) -> None:
        while await conn.read_request() is not None:
            for start in range(0, len(ANSWER), 20):
                await anyio.sleep(pause)
                await conn.stream.send(ANSWER[start : start + 20])

    return behaviour


def _client(peer: HTTPPeer, **timeouts: float | None) -> RESTClient:
    settings = HTTPSettings(timeouts=HTTPTimeoutSettings(**timeouts))
    return RESTClient(
        "t" * 20, rest_url=peer.url + "/api/v10", http_settings=settings, max_retries=0
    )


async def _failure(peer: HTTPPeer, **timeouts: float | None) -> tuple[str, float]:
    async with peer.running(), _client(peer, **timeouts) as rest:
        assert rest._fast is not None  # anycord's transport, not httpx's general path
        start = anyio.current_time()
        with pytest.raises(errors.HTTPError) as caught:
            await rest.fetch_user(1)
        return str(caught.value), anyio.current_time() - start


async def test_the_total_timeout_ends_an_attempt_the_read_timeout_would_not() -> None:
    text, took = await _failure(HTTPPeer(_hang), read=100.0, total=1.0)
    assert text.endswith("TimeoutError: no answer within the total timeout (1.0s) per attempt")
    assert 1.0 <= took < 1.5


async def test_the_read_timeout_ends_an_attempt_before_the_total() -> None:
    text, took = await _failure(HTTPPeer(_hang), read=1.0, total=100.0)
    assert text.endswith("ReadTimeout: no answer within the read timeout (1.0s)")
    assert 1.0 <= took < 1.5


async def test_equal_read_and_total_timeouts_end_as_the_total() -> None:
    # The defaults (30 s each): the total started first, so it ends first.
    text, _ = await _failure(HTTPPeer(_hang), read=1.0, total=1.0)
    assert "TimeoutError: no answer within the total timeout (1.0s)" in text


async def test_the_read_timeout_counts_from_the_last_byte() -> None:
    # Two pieces 0.6 s apart: never 1 s without a byte, though the answer takes 1.2 s.
    peer = HTTPPeer(_trickle(0.6))
    async with peer.running(), _client(peer, read=1.0, total=None) as rest:
        user = await rest._request(ROUTE)
    assert user == {"id": "1", "name": "r"}


async def test_the_total_timeout_ends_an_answer_that_keeps_trickling() -> None:
    # A byte every 0.6 s keeps the read timeout from ending it; the total still does.
    text, took = await _failure(HTTPPeer(_trickle(0.6)), read=1.0, total=2.0)
    assert text.endswith("TimeoutError: no answer within the total timeout (2.0s) per attempt")
    assert 2.0 <= took < 2.5


async def test_without_limits_a_slow_answer_is_waited_for() -> None:
    peer = HTTPPeer(_trickle(2.0))
    async with peer.running(), _client(peer, read=None, write=None, total=None) as rest:
        assert await rest._request(ROUTE) == {"id": "1", "name": "r"}


@pytest.mark.parametrize(
    ("pool", "deadline", "error"),
    [(100.0, 1.0, TimeoutError), (1.0, 100.0, httpx.PoolTimeout)],
    ids=["deadline-first", "pool-timeout-first"],
)
async def test_the_earlier_of_deadline_and_pool_timeout_ends_the_wait_for_a_connection(
    pool: float, deadline: float, error: type[Exception]
) -> None:
    peer = HTTPPeer(_hang)
    settings = HTTPSettings(max_connections=1, timeouts=HTTPTimeoutSettings(pool=pool))
    async with (
        peer.running(),
        AnycordTransport(settings) as transport,
        anyio.create_task_group() as tg,
    ):
        tg.start_soon(transport.request, "GET", peer.url + "/a")
        await anyio.sleep(0.1)
        start = anyio.current_time()
        with pytest.raises(error):
            await transport.request("GET", peer.url + "/b", deadline=start + deadline)
        assert 1.0 <= anyio.current_time() - start < 1.5
        assert transport.pool.active == 1  # the waiter left without taking the slot
        tg.cancel_scope.cancel()
