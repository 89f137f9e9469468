"""A listener answers its request early and keeps running ("respond early, keep running").

`InteractionServer.responder(interaction)` writes the HTTP response the moment the listener
gives it, while the listener goes on in the request's task: on the built-in server (calling
the `AsgiAdapter` directly, and through plain ASGI) the client has its answer before the
listener returns, a keep-alive connection goes on serving the next requests (one after the
other, and pipelined) in order while the listener still runs, an exception after the answer
is logged and costs no 500, and closing the server cancels such a listener after the
shutdown timeout. Without a transport that can answer early there is no responder.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import typing

import anyio
import pytest

from anycord.interactions.asgi import AsgiAdapter
from anycord.interactions.builders import InteractionMessageBuilder, ResponseType
from anycord.interactions.http11 import serve_http11
from anycord.interactions.server import InteractionServer
from anycord.interactions.serving import bind_sockets
from tests.interactions.signing import (
    PUBLIC_KEY_HEX,
    FakeCommand,
    command_body,
    fake_decoder,
    signed_headers,
)
from tests.interactions.test_http11 import as_plain_asgi, good_request

if typing.TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from anyio.abc import ByteStream


class Listener:
    def __init__(self) -> None:
        self.server = InteractionServer(public_key=PUBLIC_KEY_HEX, decoder=fake_decoder)
        self.server.set_listener(FakeCommand, self)
        self.gate = anyio.Event()
        self.log: list[str] = []

    async def __call__(self, interaction: FakeCommand) -> InteractionMessageBuilder | None:
        name = interaction.payload["data"]["name"]
        if name == "ping":
            return _message("pong")
        responder = self.server.responder(interaction)
        assert responder is not None
        await responder.respond(_message(f"{name}: answered"))
        self.log.append(f"{name} answered")
        if name == "fail":
            raise RuntimeError("after the answer")
        try:
            await self.gate.wait()
        finally:
            self.log.append(f"{name} ended")
        return None


def _message(content: str) -> InteractionMessageBuilder:
    return InteractionMessageBuilder(ResponseType.MESSAGE_CREATE, content=content)


def _body(content: str) -> bytes:
    return b'{"type":4,"data":{"content":"%s"}}' % content.encode()


@contextlib.asynccontextmanager
async def connected(
    listener: Listener, plain_asgi: bool, shutdown_timeout: float = 5.0
) -> AsyncIterator[ByteStream]:
    """A connection to the built-in server serving `listener` (closed before the server)."""
    adapter = AsgiAdapter(listener.server)
    app: typing.Any = as_plain_asgi(adapter) if plain_asgi else adapter
    sockets = bind_sockets(host="127.0.0.1", port=0)
    stop = anyio.Event()
    async with (
        listener.server.run(shutdown_timeout=shutdown_timeout),
        anyio.create_task_group() as tg,
    ):
        await tg.start(
            functools.partial(
                serve_http11,
                app,
                sockets=sockets,
                shutdown_trigger=stop.wait,
                shutdown_timeout=shutdown_timeout,
            )
        )
        try:
            async with await anyio.connect_tcp("127.0.0.1", sockets[0].getsockname()[1]) as stream:
                yield stream
        finally:
            stop.set()


class Responses:
    """Responses read in order from one connection (Content-Length bodies)."""

    def __init__(self, stream: ByteStream) -> None:
        self.stream = stream
        self.buffer = b""

    async def next(self) -> bytes:
        with anyio.fail_after(5):
            while b"\r\n\r\n" not in self.buffer:
                self.buffer += await self.stream.receive()
            head, _, rest = self.buffer.partition(b"\r\n\r\n")
            assert head.startswith(b"HTTP/1.1 200 OK"), head
            assert b"connection: close" not in head
            length = int(head.lower().split(b"content-length: ")[1].split(b"\r\n")[0])
            while len(rest) < length:
                rest += await self.stream.receive()
            self.buffer = rest[length:]
            return rest[:length]


def request(name: str) -> bytes:
    return good_request(name)


@pytest.mark.parametrize("plain_asgi", [False, True], ids=["direct", "asgi"])
async def test_the_answer_comes_first_and_the_connection_serves_on_in_order(
    plain_asgi: bool,
) -> None:
    listener = Listener()
    async with connected(listener, plain_asgi) as stream:
        responses = Responses(stream)
        await stream.send(request("one"))
        assert await responses.next() == _body("one: answered")
        await stream.send(request("ping"))
        assert await responses.next() == _body("pong")
        await stream.send(request("two") + request("ping") + request("three"))
        assert await responses.next() == _body("two: answered")
        assert await responses.next() == _body("pong")
        assert await responses.next() == _body("three: answered")
        assert listener.log == ["one answered", "two answered", "three answered"]
        listener.gate.set()
        with anyio.fail_after(5):
            while len(listener.log) < 6:  # noqa: ASYNC110
                await anyio.sleep(0.01)
        await stream.send(request("ping"))
        assert await responses.next() == _body("pong")


@pytest.mark.parametrize("plain_asgi", [False, True], ids=["direct", "asgi"])
async def test_an_exception_after_the_answer_is_logged_and_costs_no_500(
    plain_asgi: bool, caplog: pytest.LogCaptureFixture
) -> None:
    listener = Listener()
    caplog.set_level(logging.ERROR, "anycord")
    async with connected(listener, plain_asgi) as stream:
        responses = Responses(stream)
        await stream.send(request("fail"))
        assert await responses.next() == _body("fail: answered")
        await stream.send(request("ping"))
        assert await responses.next() == _body("pong")
    assert any(
        r.exc_info is not None and str(r.exc_info[1]) == "after the answer" for r in caplog.records
    )
    assert listener.server.stats.responses == 2
    assert b"500" not in b"".join(r.getMessage().encode() for r in caplog.records)


@pytest.mark.parametrize("plain_asgi", [False, True], ids=["direct", "asgi"])
async def test_closing_cancels_a_listener_still_running_after_its_answer(
    plain_asgi: bool,
) -> None:
    listener = Listener()
    began = 0.0
    with anyio.fail_after(10):
        async with connected(listener, plain_asgi, shutdown_timeout=0.3) as stream:
            await stream.send(request("held"))
            assert await Responses(stream).next() == _body("held: answered")
            began = anyio.current_time()
    assert listener.log == ["held answered", "held ended"]
    assert anyio.current_time() - began >= 0.25  # the shutdown timeout was given first


async def test_a_transport_that_cannot_answer_early_gets_no_responder() -> None:
    seen: list[object] = []
    server = InteractionServer(public_key=PUBLIC_KEY_HEX, decoder=fake_decoder)

    async def listener(interaction: FakeCommand) -> InteractionMessageBuilder:
        seen.append(server.responder(interaction))
        return _message("plain")

    server.set_listener(FakeCommand, listener)
    body = command_body("x")
    headers = signed_headers(body)
    response = await server.on_interaction(
        body,
        bytes.fromhex(headers["x-signature-ed25519"]),
        headers["x-signature-timestamp"].encode(),
    )
    assert seen == [None]
    assert not response.early
    assert response.payload == _body("plain")
