"""Sending one message two ways, for tests that prove REST and interaction responses agree.

`sent_by_rest` sends it with `RESTClient.create_message` to FakeDiscord and returns the
request the emulator recorded; `answered_by_server` has an `InteractionServer` (through
`AsgiAdapter`, no socket) answer a command with a builder and returns the answer as Discord
read it. `logged_error` is the exception the server logged when a listener's answer failed.
"""

from __future__ import annotations

import typing

from anycord.interactions import AsgiAdapter, InteractionServer
from anycord.rest.client import RESTClient
from anycord.testing import FakeDiscord

from .signing import FakeCommand, fake_decoder

if typing.TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable

    import pytest

    from anycord.interactions import InteractionMessageBuilder
    from anycord.testing import RecordedRequest
    from anycord.testing.interactions import InteractionResponse

__all__ = [
    "MESSAGES",
    "answered_by_server",
    "fake_with_a_channel",
    "logged_error",
    "real_time_backend",
    "sent_by_rest",
]

MESSAGES = "/channels/{channel_id}/messages"


def real_time_backend(request: pytest.FixtureRequest) -> str:
    """The `anyio_backend` fixture's body for these tests: real time on both backends (the
    REST client, the emulator and any download peer use real sockets)."""
    return str(request.param)


async def fake_with_a_channel() -> AsyncIterator[FakeDiscord]:
    """The `fake` fixture's body: FakeDiscord with one guild and one text channel."""
    async with FakeDiscord() as fake:
        fake.add_channel(fake.add_guild(name="g")["id"])
        yield fake


async def sent_by_rest(fake: FakeDiscord, **arguments: typing.Any) -> RecordedRequest:
    """The one `POST /channels/{id}/messages` that `create_message(**arguments)` made."""
    channel = str(next(iter(fake.world.channels)))
    async with RESTClient(fake.token, rest_url=fake.rest_url) as rest:
        await rest.create_message(channel, **arguments)
    (sent,) = fake.rest.requests_to("POST", MESSAGES)
    return sent


async def answered_by_server(
    fake: FakeDiscord, make: Callable[[], InteractionMessageBuilder]
) -> InteractionResponse:
    """The server's answer to a command whose listener returns `make()` (checks off: a 500 is
    an answer too)."""
    server = InteractionServer(public_key=fake.public_key, decoder=fake_decoder)

    async def listener(interaction: FakeCommand) -> InteractionMessageBuilder:
        return make()

    server.set_listener(FakeCommand, listener)
    command = fake.interactions.command("send")
    return await fake.interactions.send(AsgiAdapter(server), command, check=False)


def logged_error(caplog: pytest.LogCaptureFixture) -> BaseException:
    """The one exception logged with a traceback (the listener's, on a 500)."""
    (record,) = [r for r in caplog.records if r.exc_info]
    assert record.exc_info is not None
    error = record.exc_info[1]
    assert error is not None
    return error
