"""Listener calls are timed only once metrics are installed: without them the dispatcher reads
no clock per call (`DispatcherStats.timed`), and the duration sum counts from `install` on."""

from __future__ import annotations

import anyio
from prometheus_client import CollectorRegistry

import anycord.metrics
from anycord.dispatch import EventManager
from anycord.events import Event


class Ping(Event):
    pass


async def test_listener_seconds_are_summed_only_after_install() -> None:
    manager = EventManager()

    async def slow(event: Ping) -> None:
        await anyio.sleep(0.01)

    manager.subscribe(Ping, slow)
    async with anyio.create_task_group() as tg:
        await tg.start(manager.run)
        await manager.dispatch(Ping(app=None))
        assert manager.stats.listener_calls == 1
        assert manager.stats.listener_seconds == 0.0
        assert not manager.stats.timed

        anycord.metrics.install(manager, CollectorRegistry())
        assert manager.stats.timed
        await manager.dispatch(Ping(app=None))
        assert manager.stats.listener_calls == 2
        assert manager.stats.listener_seconds >= 0.009
        await manager.aclose()
