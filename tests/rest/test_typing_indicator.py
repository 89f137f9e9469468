"""`trigger_typing`: awaited it sends one request; entered it keeps typing every 9 s in a task
group of its own until the block ends (virtual time, both backends)."""

from __future__ import annotations

import typing

import anyio
import pytest

from anycord.errors import ComponentStateConflictError, NotFoundError
from anycord.rest.typing_indicator import TYPING_REFRESH

if typing.TYPE_CHECKING:
    from anycord.rest.client import RESTClient
    from tests.rest.conftest import Fake


def typing_times(fake: Fake) -> list[float]:
    times: list[float] = []

    def listener(name: str, payload: object, guild_id: int | None) -> None:
        if name == "TYPING_START":
            times.append(anyio.current_time())

    fake.world.listeners.append(listener)
    return times


async def test_awaited_sends_one_request(fake: Fake, rest: RESTClient) -> None:
    times = typing_times(fake)
    await rest.trigger_typing(fake.channels[0]["id"])
    await anyio.sleep(30)
    assert len(times) == 1


async def test_async_with_keeps_typing_until_exit_and_stops_after(
    fake: Fake, rest: RESTClient
) -> None:
    times = typing_times(fake)
    start = anyio.current_time()
    async with rest.trigger_typing(fake.channels[0]["id"]):
        await anyio.sleep(20)
    # Sent on entry, then at 9 s and 18 s.
    assert [round(t - start) for t in times] == [0, 9, 18]
    await anyio.sleep(60)
    assert len(times) == 3
    assert TYPING_REFRESH == 9.0


async def test_an_error_in_the_block_propagates_and_ends_the_typing(
    fake: Fake, rest: RESTClient
) -> None:
    times = typing_times(fake)

    async def fail_while_typing() -> None:
        async with rest.trigger_typing(fake.channels[0]["id"]):
            await anyio.sleep(10)
            raise KeyError("boom")

    with pytest.raises(KeyError):
        await fail_while_typing()
    await anyio.sleep(60)
    assert len(times) == 2


async def test_cancelling_the_block_ends_the_typing(fake: Fake, rest: RESTClient) -> None:
    times = typing_times(fake)
    with anyio.move_on_after(5):
        async with rest.trigger_typing(fake.channels[0]["id"]):
            await anyio.sleep(100)
    await anyio.sleep(60)
    assert len(times) == 1


async def test_a_missing_channel_raises_on_entry(rest: RESTClient) -> None:
    with pytest.raises(NotFoundError):
        async with rest.trigger_typing(123):
            pytest.fail("the block must not run")


async def test_one_indicator_cannot_be_entered_twice_at_once(fake: Fake, rest: RESTClient) -> None:
    indicator = rest.trigger_typing(fake.channels[0]["id"])
    async with indicator:
        with pytest.raises(ComponentStateConflictError):
            async with indicator:
                pass
