"""A handler's first answer goes out at once, and the handler keeps running after it.

Over HTTP the first answer is written as the HTTP response the moment it is given, while
the handler goes on in the request's own task (the built-in server and an ASGI server);
over the gateway it is posted over REST. Either way a later follow-up still arrives, an
exception after the answer reaches the user as the client's error message (never the
traceback), and on the built-in server a connection whose handler is still running goes on
serving the client's next request, answers in order.
"""

from __future__ import annotations

import logging
import time
import typing
import urllib.parse

import anyio
import orjson
import pytest

from anycord import commands
from tests.commands.harness import ALL_KINDS, HTTP_KINDS, running

if typing.TYPE_CHECKING:
    from anyio.abc import ByteStream

    from anycord.testing import FakeDiscord
    from anycord.testing.world import Payload


class Handlers:
    def __init__(self) -> None:
        self.client = commands.CommandClient()
        self.log: list[str] = []
        self.gate = anyio.Event()
        client, log = self.client, self.log

        @client.slash()
        async def work(ctx: commands.CommandContext) -> None:
            """Answer, then keep working."""
            await ctx.respond("first")
            log.append("answered")
            await self.gate.wait()
            await ctx.followup("later")
            log.append("done")

        @client.slash()
        async def fail(ctx: commands.CommandContext) -> None:
            """Answer, then fail."""
            await ctx.respond("first")
            raise RuntimeError("a secret detail from deep inside")

        @client.slash()
        async def quick(ctx: commands.CommandContext) -> None:
            """Answer and return."""
            await ctx.respond("quick")


@pytest.mark.parametrize("kind", ALL_KINDS)
async def test_the_first_answer_goes_out_while_the_handler_keeps_working(kind: str) -> None:
    handlers = Handlers()
    async with running(handlers.client, kind) as run:
        where = {"user": run.user, "channel_id": run.channel["id"]}
        work = await run.invoker.slash("work", **where)
        if kind in HTTP_KINDS:
            assert work.http is not None
            assert work.http.json == {"type": 4, "data": {"content": "first"}}
        assert work.content == "first"
        assert "done" not in handlers.log  # answered, and still running
        handlers.gate.set()
        await work.wait(lambda r: len(r.followups) == 1)
        assert work.followups[0]["content"] == "later"
        with anyio.fail_after(5):
            while handlers.log != ["answered", "done"]:  # noqa: ASYNC110
                await anyio.sleep(0.01)


@pytest.mark.parametrize("kind", ALL_KINDS)
async def test_an_exception_after_the_answer_reaches_the_user_without_its_traceback(
    kind: str, caplog: pytest.LogCaptureFixture
) -> None:
    handlers = Handlers()
    caplog.set_level(logging.ERROR, "anycord.commands")
    async with running(handlers.client, kind) as run:
        fail = await run.invoker.slash("fail", user=run.user, channel_id=run.channel["id"])
        if kind in HTTP_KINDS:
            assert fail.http is not None
            assert fail.http.status == 200  # the answer stands: no 500 after it
        assert fail.content == "first"
        await fail.wait(lambda r: len(r.followups) == 1)
        (told,) = fail.followups
        assert told["content"] == handlers.client.error_message
        assert told["flags"] & 64
        sent = orjson.dumps([fail.response, fail.message, told]).decode()
        assert "secret" not in sent
        assert "Traceback" not in sent
        assert any(
            r.exc_info is not None and "secret" in str(r.exc_info[1]) for r in caplog.records
        )


# -- keep-alive on the built-in server -----------------------------------------------------------


def _request(fake: FakeDiscord, payload: Payload) -> bytes:
    body = orjson.dumps(payload)
    stamp = str(int(time.time()))
    head = (
        "POST / HTTP/1.1\r\nhost: bot\r\ncontent-type: application/json\r\n"
        f"x-signature-ed25519: {fake.interactions.sign(stamp, body)}\r\n"
        f"x-signature-timestamp: {stamp}\r\ncontent-length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


class _Responses:
    """HTTP/1.1 responses read in order from one connection (Content-Length bodies)."""

    def __init__(self, stream: ByteStream) -> None:
        self.stream = stream
        self.buffer = b""

    async def next(self) -> typing.Any:
        while b"\r\n\r\n" not in self.buffer:
            self.buffer += await self.stream.receive()
        head, _, rest = self.buffer.partition(b"\r\n\r\n")
        lines = head.decode().split("\r\n")
        assert lines[0] == "HTTP/1.1 200 OK", lines
        headers = dict(line.lower().split(": ", 1) for line in lines[1:])
        assert "connection" not in headers  # the connection stays open
        length = int(headers["content-length"])
        while len(rest) < length:
            rest += await self.stream.receive()
        self.buffer = rest[length:]
        return orjson.loads(rest[:length])


def _content(payload: str) -> Payload:
    return {"type": 4, "data": {"content": payload}}


async def test_a_connection_serves_the_next_request_while_a_handler_still_runs() -> None:
    handlers = Handlers()
    async with running(handlers.client, "http", sync=True) as run:
        where = {"channel_id": run.channel["id"], "user": run.user}
        assert isinstance(run.invoker.target, str)
        address = urllib.parse.urlsplit(run.invoker.target)
        assert address.hostname is not None
        assert address.port is not None
        fake = run.fake
        async with await anyio.connect_tcp(address.hostname, address.port) as stream:
            responses = _Responses(stream)
            with anyio.fail_after(5):
                # One after the other: the second is answered while the first still runs.
                await stream.send(_request(fake, fake.interactions.command("work", **where)))
                assert await responses.next() == _content("first")
                await stream.send(_request(fake, fake.interactions.command("quick", **where)))
                assert await responses.next() == _content("quick")
                assert "done" not in handlers.log
                # Pipelined: both requests in one write, answered in their order.
                await stream.send(
                    _request(fake, fake.interactions.command("work", **where))
                    + _request(fake, fake.interactions.command("quick", **where))
                )
                assert await responses.next() == _content("first")
                assert await responses.next() == _content("quick")
                assert "done" not in handlers.log
            handlers.gate.set()
            with anyio.fail_after(5):
                while handlers.log.count("done") < 2:  # noqa: ASYNC110
                    await anyio.sleep(0.01)
            # And the connection still serves.
            await stream.send(_request(fake, fake.interactions.command("quick", **where)))
            with anyio.fail_after(5):
                assert await responses.next() == _content("quick")
