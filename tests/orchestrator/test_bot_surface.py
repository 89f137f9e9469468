"""The orchestrator's `Bot` holds a `GatewayBot` and offers its whole public API.

`Bot` is composed, not inherited: every public method and property a `GatewayBot` user calls
exists on `Bot` with the same signature and forwards to `bot.gateway_bot`. Plain functions of
the class (no backend involved), so they run once.
"""

from __future__ import annotations

import inspect

from anycord import GatewayBot
from anycord.events.lifetime import StartedEvent
from anycord.orchestrator import Bot
from anycord.orchestrator.coordinator import ShardPlan
from anycord.orchestrator.memory import MemoryCoordinator

_DUNDERS = ("__aenter__", "__aexit__")


def _public(cls: type) -> dict[str, object]:
    return {n: v for n, v in vars(cls).items() if not n.startswith("_") or n in _DUNDERS}


def _shape(function: object) -> list[tuple[str, object, object]]:
    params = inspect.signature(function).parameters.values()  # type: ignore[arg-type]
    return [(p.name, p.kind, p.default) for p in params]


def test_bot_is_not_a_gateway_bot_subclass() -> None:
    assert GatewayBot not in Bot.__mro__


def test_every_public_gateway_bot_member_is_on_bot_with_the_same_signature() -> None:
    theirs, ours = _public(GatewayBot), _public(Bot)
    assert sorted(set(theirs) - set(ours)) == []
    for name, member in theirs.items():
        mine = ours[name]
        assert type(mine) is type(member), name
        if isinstance(member, property):
            continue
        # Names, kinds and defaults (annotations are spelt with each module's aliases).
        assert _shape(mine) == _shape(member), name


def test_bot_forwards_to_the_gateway_bot_it_holds() -> None:
    coordinator = MemoryCoordinator(ShardPlan(shard_count=1, max_concurrency=1))
    bot = Bot(coordinator, "a.b.c", logs=None, banner=None, max_in_flight=7)
    inner = bot.gateway_bot
    assert isinstance(inner, GatewayBot)
    assert inner.shard_runner is bot.shard_runner
    assert bot.cache is inner.cache
    assert bot.rest is inner.rest
    assert bot.event_manager is inner.event_manager
    assert bot.coordinator is coordinator
    assert bot.is_alive is False
    assert bot.shard_count == 0
    assert dict(bot.shards) == {}

    async def on_event(event: object) -> None:
        del event

    bot.subscribe(StartedEvent, on_event)
    assert list(inner.get_listeners(StartedEvent)) == [on_event]
    bot.unsubscribe(StartedEvent, on_event)
    assert list(bot.get_listeners(StartedEvent)) == []
