"""LazyIterator's hikari combinators, on a plain source and on the emulator's message pages."""

from __future__ import annotations

import types
from typing import TYPE_CHECKING

import anyio
import pytest

import anycord
from anycord.rest.pagination import LazyIterator
from anycord.testing import FakeDiscord

if TYPE_CHECKING:
    from collections.abc import AsyncGenerator


def numbers(n: int, pulled: list[int] | None = None) -> LazyIterator[int]:
    async def gen() -> AsyncGenerator[int, None]:
        for i in range(n):
            if pulled is not None:
                pulled.append(i)
            yield i

    return LazyIterator(gen)


async def test_shaping_combinators() -> None:
    it = numbers(10)
    assert await it.skip(7).collect() == [7, 8, 9]
    assert await it.take_while(lambda x: x < 3).collect() == [0, 1, 2]
    assert await it.take_until(lambda x: x == 3).collect() == [0, 1, 2]
    assert await it.skip_while(lambda x: x < 8).collect() == [8, 9]
    assert await it.skip_until(lambda x: x == 8).collect() == [8, 9]
    assert await it.enumerate(start=1).limit(2).collect() == [(1, 0), (2, 1)]
    assert await it.chunk(4).collect() == [(0, 1, 2, 3), (4, 5, 6, 7), (8, 9)]
    assert await it.reversed().limit(2).collect() == [9, 8]
    assert await it.limit(3).flat_map(lambda x: [x, x]).collect() == [0, 0, 1, 1, 2, 2]
    assert await it.chunk(5).flatten().collect() == list(range(10))
    assert await it.sort(reverse=True) == list(range(9, -1, -1))
    assert await it.collect(frozenset) == frozenset(range(10))
    assert await it == list(range(10))
    assert await it.last() == 9
    assert await it.count() == 10


async def test_attribute_predicates_and_string_maps() -> None:
    items = [
        types.SimpleNamespace(name=n, user=types.SimpleNamespace(id=i)) for i, n in enumerate("abc")
    ]

    async def gen() -> AsyncGenerator[types.SimpleNamespace, None]:
        for item in items:
            yield item

    it = LazyIterator(gen)
    assert await it.filter(("user.id", 1)).map("name").collect() == ["b"]
    assert await it.filter(user__id=2).map("name").collect() == ["c"]
    assert await it.filter(lambda x: x.name != "a", name="c").map("user.id").collect() == [2]
    with pytest.raises(TypeError, match="at least one"):
        it.filter()


async def test_next_advances_one_cursor_and_limit_pulls_no_further() -> None:
    pulled: list[int] = []
    it = numbers(3, pulled)
    assert [await it.next(), await it.next(), await it.next()] == [0, 1, 2]
    with pytest.raises(LookupError):
        await it.next()
    pulled.clear()
    assert await numbers(100, pulled).limit(2).collect() == [0, 1]
    assert pulled == [0, 1]
    with pytest.raises(LookupError):
        await numbers(0).last()


async def test_awaiting_items_that_are_awaitables() -> None:
    running = 0
    peaks: list[int] = []

    async def work(i: int) -> int:
        nonlocal running
        running += 1
        peaks.append(running)
        # Later items of a window finish first: the order must still hold.
        await anyio.sleep(0.002 * (3 - i % 3))
        running -= 1
        return i

    async def gen() -> AsyncGenerator[object, None]:
        for i in range(7):
            yield work(i)

    assert await LazyIterator(gen).awaiting(3).collect() == list(range(7))
    assert max(peaks) == 3


async def test_for_each_and_combinators_over_emulator_pages() -> None:
    async with FakeDiscord() as fake:
        guild = fake.add_guild(name="g", channels=1)
        channel_id = guild["channels"][0]["id"]
        for i in range(120):
            fake.add_message(channel_id, f"m{i}")
        async with anycord.RESTApp(rest_url=fake.rest_url).acquire(fake.token) as rest:
            seen: list[str] = []
            await (
                rest.fetch_messages(channel_id).limit(5).for_each(lambda m: seen.append(m.content))
            )
            assert seen == ["m119", "m118", "m117", "m116", "m115"]
            chunks = await rest.fetch_messages(channel_id).map("content").chunk(50).collect()
            assert [len(c) for c in chunks] == [50, 50, 20]
            assert await rest.fetch_messages(channel_id).skip(119).map("content").collect() == [
                "m0"
            ]
