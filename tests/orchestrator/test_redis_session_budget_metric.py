"""`anycord.metrics.install(RedisCoordinator)` exports the daily session budget, the same
family with the same help text as `MemoryCoordinator`, against a real redis-server.

The supervisor's coordinator and a bot's coordinator share one namespace: each exports the
budget as it last saw the shared counter (its own identifies, its own reads), and no sample
once the counter expired (the daily reset: unknown until the supervisor re-reads Discord).
"""

from __future__ import annotations

import itertools
import os

import anyio
import pytest
from prometheus_client import CollectorRegistry

import anycord.metrics
from anycord.errors import SessionBudgetExhaustedError
from anycord.orchestrator import MemoryCoordinator, RedisCoordinator, connect_redis
from anycord.orchestrator.coordinator import ShardPlan
from tests.metrics.scrape import Scrape

BUDGET = "anycord_orchestrator_session_budget_remaining"
PLAN = ShardPlan(shard_count=3, max_concurrency=3, identify_window=0.01)
_namespaces = itertools.count()


def budget(registry: CollectorRegistry) -> float | None:
    scrape = Scrape(registry)
    assert f"# TYPE {BUDGET} gauge" in scrape.text  # the family is there, sample or not
    return scrape.samples.get((BUDGET, frozenset()))


def family_lines(registry: CollectorRegistry) -> list[str]:
    text = Scrape(registry).text
    return [line for line in text.splitlines() if line.startswith("#") and BUDGET in line]


async def test_the_redis_coordinator_exports_the_budget_it_last_saw(redis_url: str) -> None:
    namespace = f"budget{os.getpid()}-{next(_namespaces)}"
    async with connect_redis(redis_url) as redis:
        supervisor = RedisCoordinator(redis, namespace)
        bot = RedisCoordinator(redis, namespace)
        registries = {"supervisor": CollectorRegistry(), "bot": CollectorRegistry()}
        anycord.metrics.install(supervisor, registries["supervisor"])
        anycord.metrics.install(bot, registries["bot"])
        try:
            assert budget(registries["supervisor"]) is None  # nothing seen yet
            await supervisor.publish_plan(PLAN, remaining_sessions=2, reset_after=60)
            assert budget(registries["supervisor"]) == 2
            assert budget(registries["bot"]) is None  # this process has not looked yet

            await bot.acquire_identify(0)
            assert budget(registries["bot"]) == 1  # its own identify said what is left
            assert budget(registries["supervisor"]) == 2  # until the supervisor looks again
            assert await supervisor.remaining_sessions() == 1
            assert budget(registries["supervisor"]) == 1

            await bot.acquire_identify(1)
            assert budget(registries["bot"]) == 0
            with pytest.raises(SessionBudgetExhaustedError):
                await bot.acquire_identify(2)
            assert budget(registries["bot"]) == 0

            # The daily reset: the counter expires, the budget is unknown until re-read.
            await redis.pexpire(f"anycord:{{{namespace}}}:budget", 1)
            await anyio.sleep(0.05)
            assert await supervisor.remaining_sessions() is None
            assert budget(registries["supervisor"]) is None
            await bot.acquire_identify(2)  # no counter: identifies are not counted
            assert budget(registries["bot"]) is None
        finally:
            await supervisor.forget_fleet()


def test_both_coordinators_export_one_definition_of_the_family() -> None:
    memory = MemoryCoordinator(PLAN, remaining_sessions=5)
    registries = [CollectorRegistry(), CollectorRegistry()]
    anycord.metrics.install(memory, registries[0])
    # Not connected: building a coordinator and collecting its view sends nothing to Redis.
    redis = connect_redis("redis://127.0.0.1:1/0")
    anycord.metrics.install(RedisCoordinator(redis, "unused"), registries[1])
    assert family_lines(registries[0]) == family_lines(registries[1])
    assert len(family_lines(registries[0])) == 2  # HELP and TYPE
