"""Helpers shared by the fleet tests: a partitionable coordinator and identify-rule checks."""

from __future__ import annotations

import itertools
import typing
from collections import defaultdict

import anyio

if typing.TYPE_CHECKING:
    from collections.abc import Iterable

# The fake enforces this window; the fleet's plan uses a slightly longer one, the margin a real
# deployment also needs, because an IDENTIFY reaches the gateway a few ms after it was granted
# and those delays differ between connections.
FAKE_WINDOW = 0.1
PLAN_WINDOW = 0.6


class Partitionable:
    """A coordinator whose link can be cut, like a network partition (a fake, not a mock).

    While `cut` is set, every call raises `OSError`, as a dropped Redis connection would.
    """

    def __init__(self, inner: typing.Any) -> None:
        self.inner = inner
        self.cut = False

    def __getattr__(self, name: str) -> typing.Any:
        attr = getattr(self.inner, name)
        if name == "commands" or not callable(attr):
            return attr

        async def call(*args: typing.Any, **kwargs: typing.Any) -> typing.Any:
            if self.cut:
                msg = "partitioned from the coordinator"
                raise OSError(msg)
            return await attr(*args, **kwargs)

        return call


def identify_gaps(log: Iterable[tuple[float, int]], max_concurrency: int) -> list[float]:
    """The time between consecutive IDENTIFYs of each bucket, all buckets together."""
    by_bucket: dict[int, list[float]] = defaultdict(list)
    for when, shard_id in log:
        by_bucket[shard_id % max_concurrency].append(when)
    gaps: list[float] = []
    for times in by_bucket.values():
        times.sort()
        gaps += [b - a for a, b in itertools.pairwise(times)]
    return gaps


async def poll(predicate: typing.Callable[[], bool], interval: float = 0.05) -> None:
    """Wait until `predicate()` holds, checking every `interval` seconds.

    Polling is the honest tool here: the state lives in other processes, files and stores.
    """
    while not predicate():  # noqa: ASYNC110
        await anyio.sleep(interval)
