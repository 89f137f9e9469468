"""No server behaviour makes a shard reconnect in a tight loop (virtual time, both backends).

Every storm ends each connection before it becomes useful (see `tests.gateway.hostile_peers`).
The shard holds a resumable session, so no identify gate slows it down: only the backoff does.
"""

from __future__ import annotations

import random
import typing

import anyio
import pytest

from anycord.gateway import GatewayShard
from anycord.gateway.backoff import ReconnectBackoff
from tests.gateway.conftest import INTENTS
from tests.gateway.hostile_peers import STORMS, HostileGateway

if typing.TYPE_CHECKING:
    from tests.gateway.conftest import RecordingSink

MINUTE = 60.0
STORM_CAP = 50
"""Enough connections to prove a storm without waiting for hundreds of them."""


@pytest.mark.parametrize("storm", sorted(STORMS))
async def test_no_server_can_cause_a_reconnect_storm(sink: RecordingSink, storm: str) -> None:
    random.seed(16)
    async with HostileGateway(STORMS[storm]).running() as gateway:
        shard = GatewayShard(
            token="hostile." + "t" * 30,
            url=gateway.url,
            intents=INTENTS,
            sink=sink,
            compression=None,
        )
        async with anyio.create_task_group() as tg:
            with anyio.fail_after(30):
                await tg.start(shard.run)  # connection 0 is READY, then the storm begins
            start = anyio.current_time()
            with anyio.move_on_after(MINUTE):
                await gateway.wait_connections(STORM_CAP)
            await shard.close()
    opened = gateway.opened[1:]
    in_first_minute = sum(t < start + MINUTE for t in opened)
    # Delays of at least 0.5, 1, 2, 4, 8, 16 s: six reconnects fit in the first minute.
    assert in_first_minute <= 6, (storm, in_first_minute)
    gaps = [b - a for a, b in zip([start, *opened], opened, strict=False)]
    assert min(gaps) >= 0.5, (storm, gaps)  # so never more than 2 connections in a second
    assert gaps == sorted(gaps) or storm == "invalid-session-after-resume", gaps
    assert sink.connected == 1


def test_backoff_counts_every_connection_that_was_not_useful() -> None:
    backoff = ReconnectBackoff(base=1.0, cap=60.0, stable_after=30.0, rng=lambda: 0.0)
    nan = float("nan")
    # Never ready (op 7 after HELLO, timeouts, closes): doubling from half a second.
    delays = [backoff.connection_ended(ready_at=nan, now=t, new_session=False) for t in range(9)]
    assert delays == [0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0, 30.0]
    # Ready but dropped at once is no better.
    assert backoff.connection_ended(ready_at=100.0, now=101.0, new_session=False) == 30.0
    # Ready and stable for `stable_after`: the failures are forgiven, reconnect at once.
    assert backoff.connection_ended(ready_at=100.0, now=130.0, new_session=False) == 0.0
    assert backoff.failures == 0
    # A dropped session waits Discord's 1–5 s even after a healthy connection.
    assert backoff.connection_ended(ready_at=0.0, now=500.0, new_session=True) == 1.0
    top = ReconnectBackoff(rng=lambda: 0.999)
    assert 0.99 < top.connection_ended(ready_at=nan, now=0.0, new_session=False) < 1.0
    with pytest.raises(ValueError, match="base"):
        ReconnectBackoff(base=0.0)
