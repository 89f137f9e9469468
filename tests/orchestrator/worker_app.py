"""The entry point the subprocess tests give their workers: log every test dispatch.

Each worker appends `shard n owner` lines to `$ANYCORD_TEST_LOG` (small O_APPEND writes from
several processes do not interleave), and its owner name to `$ANYCORD_TEST_LOG.started` once
its bot has started (every slot has claimed a shard or found none free and now polls).
"""

from __future__ import annotations

import os
import typing

from anycord.events.lifetime import StartedEvent
from anycord.events.shard import ShardPayloadEvent

if typing.TYPE_CHECKING:
    from anycord.orchestrator import Bot


def _append(path: str, line: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, line.encode())
    finally:
        os.close(fd)


def setup(bot: Bot) -> None:
    path = os.environ["ANYCORD_TEST_LOG"]

    async def record(event: ShardPayloadEvent) -> None:
        if event.name == "ANYCORD_TEST" and event.shard is not None:
            _append(path, f"{event.shard.id} {event.payload['n']} {bot.owner}\n")

    async def started(_: StartedEvent) -> None:
        _append(path + ".started", f"{bot.owner}\n")

    bot.subscribe(ShardPayloadEvent, record)
    bot.subscribe(StartedEvent, started)


def fail(bot: Bot) -> None:
    """An entry point that fails: the worker must exit with the fatal status."""
    msg = f"refusing to start {bot.owner}"
    raise RuntimeError(msg)


def read_log(path: str) -> set[tuple[int, int]]:
    try:
        with open(path) as file:
            return {(int(a), int(b)) for a, b, _ in (line.split() for line in file if line.strip())}
    except FileNotFoundError:
        return set()


def read_started(path: str) -> list[str]:
    """The owners whose bots have started, in order."""
    try:
        with open(path + ".started") as file:
            return [line.strip() for line in file if line.strip()]
    except FileNotFoundError:
        return []
