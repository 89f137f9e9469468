"""The interaction server's seams for work that outlives a plain listener: `start_soon` runs
it in the server's task group, `notify_sent` tells it when the response went out."""

from __future__ import annotations

import anyio
import pytest

from anycord.errors import ComponentStateConflictError
from anycord.interactions import InteractionMessageBuilder, ResponseType
from anycord.interactions.server import InteractionServer, Response
from tests.interactions.signing import PUBLIC_KEY_HEX, FakeCommand, command_body, fake_decoder, sign


async def call(server: InteractionServer, body: bytes) -> Response:
    signature, timestamp = sign(body)
    return await server.on_interaction(body, bytes.fromhex(signature), timestamp.encode())


async def test_a_task_started_by_a_listener_learns_when_the_response_was_sent() -> None:
    server = InteractionServer(public_key=PUBLIC_KEY_HEX, decoder=fake_decoder)
    steps: list[str] = []

    async def later(sent: anyio.Event) -> None:
        await sent.wait()
        steps.append("after the response")

    async def listener(interaction: FakeCommand) -> InteractionMessageBuilder:
        sent = anyio.Event()
        server.start_soon(later, sent)
        server.notify_sent(interaction, sent)
        return InteractionMessageBuilder(ResponseType.MESSAGE_CREATE, content="hi")

    server.set_listener(FakeCommand, listener)
    with pytest.raises(ComponentStateConflictError, match="run"):
        server.start_soon(anyio.sleep, 0)
    async with server.run(shutdown_timeout=1):
        response = await call(server, command_body())
        assert response.status_code == 200
        await anyio.sleep(0.05)
        assert steps == []
        response.mark_sent()
        with anyio.fail_after(1):
            while not steps:  # noqa: ASYNC110  (the task appends when it ran)
                await anyio.sleep(0.01)


async def test_a_failing_listener_still_releases_the_waiting_task() -> None:
    server = InteractionServer(public_key=PUBLIC_KEY_HEX, decoder=fake_decoder)
    sent = anyio.Event()

    async def listener(interaction: FakeCommand) -> InteractionMessageBuilder:
        server.notify_sent(interaction, sent)
        raise RuntimeError("broken")

    server.set_listener(FakeCommand, listener)
    async with server.run(shutdown_timeout=1):
        response = await call(server, command_body())
        assert response.status_code == 500
        assert sent.is_set()
