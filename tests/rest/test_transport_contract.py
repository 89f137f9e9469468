"""The transport's contract that the retry rule stands on (anycord.rest.retries).

`httpx.ConnectError` and `httpx.ConnectTimeout` are raised only when no byte of the request
was written; a failure after the first byte is some other `httpx.TransportError`. Checked
against the client `build_http_client()` makes, with real sockets on loopback and peers that
fail at each point a request can fail. A replacement transport must pass these too.
"""

from __future__ import annotations

import socket

import anyio
import httpx
import pytest

from anycord.config import HTTPSettings, HTTPTimeoutSettings
from anycord.rest import retries
from anycord.rest.transport import build_http_client
from tests.http_peer import HTTPPeer, PeerConnection, answer, reset_after_reading

BODY = b'{"name": "mods"}' * 64


@pytest.fixture(params=["asyncio", "trio"])
def anyio_backend(request: pytest.FixtureRequest) -> str:
    """Real time: these tests time real sockets (timeouts must not jump with virtual time)."""
    return str(request.param)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _post(url: str, *, read: float = 5.0) -> httpx.Response:
    settings = HTTPSettings(timeouts=HTTPTimeoutSettings(connect=2.0, read=read, write=2.0))
    async with build_http_client(settings) as http:
        return await http.post(url + "/api/v10/guilds/1/roles", content=BODY)


async def test_a_refused_connection_is_a_connect_error() -> None:
    with pytest.raises(httpx.ConnectError) as caught:
        await _post(f"http://127.0.0.1:{_closed_port()}")
    assert not retries.was_sent(caught.value)


async def _reset_after_first_byte(conn: PeerConnection) -> None:
    if await conn.receive_some():
        await conn.reset()


async def _close_after_reading(conn: PeerConnection) -> None:
    await conn.read_request()


async def _never_answer(conn: PeerConnection) -> None:
    await conn.read_request()
    await anyio.sleep_forever()


# httpx leaves its request-body async generator unfinished when a write fails part way; under
# Trio its finalisation is reported as an unraisable exception. That is httpx's bookkeeping,
# not the contract under test.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize(
    "behaviour",
    [_reset_after_first_byte, reset_after_reading, _close_after_reading, _never_answer],
    ids=["reset-after-first-byte", "reset-after-request", "close-after-request", "no-answer"],
)
async def test_a_failure_after_the_first_byte_is_not_a_connect_error(
    behaviour: object,
) -> None:
    peer = HTTPPeer(behaviour)  # type: ignore[arg-type]
    async with peer.running():
        with pytest.raises(httpx.TransportError) as caught:
            await _post(peer.url, read=0.5)
    assert peer.bytes_received > 0
    assert not isinstance(caught.value, retries.NOT_SENT_ERRORS)
    assert retries.was_sent(caught.value)


async def test_an_answer_is_not_an_error() -> None:
    peer = HTTPPeer(answer(502, b"bad gateway"))
    async with peer.running():
        response = await _post(peer.url)
    assert response.status_code == 502
    assert peer.requests[0].body == BODY
