"""Gateway tests run on virtual time under both backends (heartbeats, backoff, windows)."""

from __future__ import annotations

import typing

import anyio
import pytest

from tests.virtual_clock import virtual_time_backends

if typing.TYPE_CHECKING:
    from anycord.gateway.shard import GatewayShard


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

    async def on_shard_dispatch(
        self, shard: GatewayShard, name: str, payload: dict[str, typing.Any]
    ) -> None:
        self.dispatches.append((name, shard.sequence, payload))
        self._poke()
        if self.delay:
            await anyio.sleep(self.delay)

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
