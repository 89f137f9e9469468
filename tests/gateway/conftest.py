"""Gateway tests run on virtual time under both backends (heartbeats, backoff, windows)."""

from __future__ import annotations

import contextlib
import typing

import anyio
import anyio.abc
import pytest

from anycord.gateway import GatewayShard
from anycord.intents import Intents
from anycord.testing import FakeDiscord
from tests.virtual_clock import virtual_time_backends

if typing.TYPE_CHECKING:
    from collections.abc import AsyncIterator

INTENTS = Intents.ALL_UNPRIVILEGED


@pytest.fixture(params=virtual_time_backends())
def anyio_backend(request: pytest.FixtureRequest) -> object:
    return request.param


class RecordingSink:
    """A `ShardEventSink` that records everything, optionally slowly."""

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.dispatches: list[tuple[str, int | None, dict[str, typing.Any]]] = []
        self.connected = 0
        self.disconnected = 0
        self.changed = anyio.Event()

    def _poke(self) -> None:
        self.changed.set()
        self.changed = anyio.Event()

    def deliver_dispatch(
        self, shard: GatewayShard, name: str, payload: dict[str, typing.Any]
    ) -> typing.Awaitable[None] | None:
        self.dispatches.append((name, shard.sequence, payload))
        self._poke()
        return anyio.sleep(self.delay) if self.delay else None

    async def on_shard_connected(self, shard: GatewayShard) -> None:
        self.connected += 1
        self._poke()

    async def on_shard_disconnected(self, shard: GatewayShard) -> None:
        self.disconnected += 1
        self._poke()

    def names(self) -> list[str]:
        return [name for name, _, _ in self.dispatches]

    def sequences(self) -> list[int]:
        return [seq for _, seq, _ in self.dispatches if seq is not None]

    async def wait_until(self, predicate: typing.Callable[[], bool]) -> None:
        while not predicate():
            await self.changed.wait()


@pytest.fixture
def sink() -> RecordingSink:
    return RecordingSink()


class Env(typing.NamedTuple):
    fake: FakeDiscord
    shard: GatewayShard
    sink: RecordingSink
    tg: anyio.abc.TaskGroup


def make_shard(fake: FakeDiscord, sink: RecordingSink, **kwargs: typing.Any) -> GatewayShard:
    kwargs.setdefault("intents", INTENTS)
    return GatewayShard(token=fake.token, url=fake.gateway.url, sink=sink, **kwargs)


@contextlib.asynccontextmanager
async def running(sink: RecordingSink, **kwargs: typing.Any) -> AsyncIterator[Env]:
    async with FakeDiscord(rest_over_tcp=False) as fake:
        fake.add_guild(name="g", members=3, channels=2)
        shard = make_shard(fake, sink, **kwargs)
        async with anyio.create_task_group() as tg:
            with anyio.fail_after(60):
                await tg.start(shard.run)
            yield Env(fake, shard, sink, tg)
            await shard.close()


@pytest.fixture
async def env(sink: RecordingSink) -> AsyncIterator[Env]:
    async with running(sink) as value:
        yield value


def guild_id(env: Env) -> str:
    return str(next(iter(env.fake.world.guilds)))
