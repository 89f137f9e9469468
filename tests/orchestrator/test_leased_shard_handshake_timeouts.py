"""The orchestrator's `Bot` gives its leased shards the handshake timeouts it was given.

A gateway that accepts the websocket and never sends HELLO, then one that never answers
IDENTIFY, is served to a one-shard fleet on the memory coordinator in virtual time: each
connection is dropped after the bot's own `gateway_hello_timeout`/`gateway_ready_timeout`
(not the 20 s/60 s defaults), and the third connection reaches READY.
"""

from __future__ import annotations

import pytest

from anycord.orchestrator import Bot, MemoryCoordinator, ShardPlan
from anycord.testing import FakeDiscord
from tests.gateway.hostile_peers import HostileGateway, honest, no_ready, scripted, silent
from tests.orchestrator.scenarios import INTENTS
from tests.virtual_clock import virtual_time_backends


@pytest.fixture(params=virtual_time_backends())
def anyio_backend(request: pytest.FixtureRequest) -> object:
    # Seconds of silence and backoff: instant in virtual time.
    return request.param


async def test_leased_shards_use_the_bots_handshake_timeouts() -> None:
    gateway = HostileGateway(scripted(silent, no_ready, honest))
    async with FakeDiscord() as fake, gateway.running():
        plan = ShardPlan(shard_count=1, intents=int(INTENTS), gateway_url=gateway.url)
        bot = Bot(
            MemoryCoordinator(plan, remaining_sessions=10),
            fake.token,
            rest_url=fake.rest_url,
            gateway_compression=None,
            gateway_hello_timeout=7.0,
            gateway_ready_timeout=9.0,
            logs=None,
            banner=None,
        )
        async with bot:
            await gateway.wait_connections(3)
            (shard,) = bot.shards.values()
            assert (shard.protocol.hello_timeout, shard.protocol.ready_timeout) == (7.0, 9.0)
        first, second, third = gateway.opened
        # 7 s without HELLO, then the first backoff (0.5-1 s).
        assert 7.5 <= second - first <= 8.0
        # HELLO at once, IDENTIFY unanswered for 9 s, then the second backoff (1-2 s); the
        # identify window (5.25 s) may come first. The default would take over 60 s.
        assert 10.0 <= third - second <= 9.0 + 2.0 + plan.identify_window + 0.1


def test_handshake_timeouts_are_checked_when_the_bot_is_made() -> None:
    coordinator = MemoryCoordinator(ShardPlan(shard_count=1))
    for hello, ready in ((0.0, 60.0), (20.0, -1.0)):
        with pytest.raises(ValueError, match="must be > 0"):
            Bot(
                coordinator,
                "t" * 30,
                gateway_hello_timeout=hello,
                gateway_ready_timeout=ready,
                logs=None,
                banner=None,
            )
