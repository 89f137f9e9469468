"""URL attachments are downloaded before the Discord request; a failed download says where.

FakeDiscord (over TCP) is Discord; a loopback HTTP peer serves the attachment, or fails to:
refused connection, an error status, a connection reset part way through the body. A failed
download raises `ResourceFetchError` naming the host (never the URL, which may carry a
credential) and Discord receives nothing: no request, no message, no empty file. On
today's main the refused connection gave "POST …/messages failed after 4 attempts" and three
POSTs, each with a 0-byte file, reached Discord.
"""

from __future__ import annotations

import socket
import typing

import pytest

from anycord import errors
from anycord.files import URL, Bytes, ensure_resource
from anycord.models.emojis import CustomEmoji
from anycord.rest.client import RESTClient
from anycord.snowflakes import Snowflake
from anycord.testing import FakeDiscord
from tests.http_peer import HTTPPeer, PeerConnection, answer

if typing.TYPE_CHECKING:
    from collections.abc import AsyncIterator

MESSAGES = "/channels/{channel_id}/messages"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40


@pytest.fixture(params=["asyncio", "trio"])
def anyio_backend(request: pytest.FixtureRequest) -> str:
    """Real time: downloads and Discord's emulator both use real sockets and timeouts."""
    return str(request.param)


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    async with FakeDiscord() as fake:
        fake.add_channel(fake.add_guild(name="g")["id"])
        yield fake


def _channel(fake: FakeDiscord) -> str:
    return str(next(iter(fake.world.channels)))


async def _send(fake: FakeDiscord, attachment: typing.Any) -> object:  # hostile values too
    async with RESTClient(fake.token, rest_url=fake.rest_url) as rest:
        return await rest.create_message(_channel(fake), "see file", attachment=attachment)


def _nothing_reached_discord(fake: FakeDiscord) -> None:
    assert fake.rest.requests_to("POST", MESSAGES) == []
    assert not any(fake.world.messages.get(int(c)) for c in fake.world.channels)


async def test_an_unreachable_host_is_named_and_nothing_is_sent(fake: FakeDiscord) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://user:hunter2secret@127.0.0.1:{port}/cat.png?token=signed-query-secret"
    with pytest.raises(errors.ResourceFetchError) as caught:
        await _send(fake, URL(url))
    text = str(caught.value)
    assert text.startswith(f"could not fetch 'cat.png' from 127.0.0.1:{port}: ConnectError")
    assert caught.value.host == f"127.0.0.1:{port}"
    for secret in ("hunter2secret", "signed-query-secret", "/cat.png"):
        assert secret not in text
        assert secret not in repr(URL(url))
    _nothing_reached_discord(fake)


async def test_an_error_status_is_named_and_nothing_is_sent(fake: FakeDiscord) -> None:
    peer = HTTPPeer(answer(404, b"gone"))
    async with peer.running():
        with pytest.raises(errors.ResourceFetchError) as caught:
            await _send(fake, f"{peer.url}/files/cat.png?sig=abcdef")
    assert caught.value.status == 404
    assert str(caught.value) == f"could not fetch 'cat.png' from 127.0.0.1:{peer.port}: HTTP 404"
    _nothing_reached_discord(fake)


async def _reset_in_the_body(conn: PeerConnection) -> None:
    await conn.read_request()
    await conn.stream.send(b"HTTP/1.1 200 OK\r\ncontent-length: 100000\r\n\r\n" + PNG[:100])
    await conn.reset()


async def test_a_download_cut_short_is_named_and_nothing_is_sent(fake: FakeDiscord) -> None:
    peer = HTTPPeer(_reset_in_the_body)
    async with peer.running():
        with pytest.raises(errors.ResourceFetchError, match=f"from 127.0.0.1:{peer.port}: "):
            await _send(fake, URL(f"{peer.url}/cat.png"))
    _nothing_reached_discord(fake)


async def test_a_download_is_sent_whole_and_fetched_once_across_retries(
    fake: FakeDiscord,
) -> None:
    peer = HTTPPeer(answer(200, PNG, {"content-type": "image/png"}))
    async with peer.running():
        fake.rest.fail_next(1, status="drop")  # the first POST fails before it is handled
        message = await _send(fake, URL(f"{peer.url}/cat.png"))
    attempts = fake.rest.requests_to("POST", MESSAGES)
    assert len(attempts) == 2
    assert [f.data for f in attempts[-1].files] == [PNG]
    assert [f.filename for f in attempts[-1].files] == ["cat.png"]
    assert len(peer.requests) == 1
    assert message is not None


def test_objects_served_from_a_url_are_uploadable() -> None:
    emoji = CustomEmoji(id=Snowflake(123), name="blob", is_animated=True)
    resource = ensure_resource(emoji)
    assert isinstance(resource, URL)
    assert resource.url == emoji.url
    assert resource.filename == "123.gif"


class _Member:
    id = 42  # has an ID, is not an attachment, cannot be uploaded


@pytest.mark.parametrize("thing", [_Member(), 42, 4.2, None])
async def test_what_cannot_be_uploaded_is_refused_before_any_request(
    fake: FakeDiscord, thing: object
) -> None:
    with pytest.raises(TypeError, match="cannot upload"):
        await _send(fake, thing)
    _nothing_reached_discord(fake)


async def test_bytes_and_urls_mix(fake: FakeDiscord) -> None:
    peer = HTTPPeer(answer(200, PNG))
    async with peer.running(), RESTClient(fake.token, rest_url=fake.rest_url) as rest:
        await rest.create_message(
            _channel(fake), attachments=[Bytes(b"hello", "a.txt"), f"{peer.url}/b.png"]
        )
    (sent,) = fake.rest.requests_to("POST", MESSAGES)
    assert [(f.filename, f.data) for f in sent.files] == [("a.txt", b"hello"), ("b.png", PNG)]
