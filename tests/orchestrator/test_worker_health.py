"""Health of orchestrator bots (in process, memory coordinator, virtual time): a bot is ready
when the shards it holds leases on are connected; a spare holding none is ready; a bot adopting
shards is not ready until they are; a closing bot is not ready. Both backends."""

from __future__ import annotations

import typing

import anyio
import httpx
import orjson
import pytest

from anycord.bots.health_server import HealthServer
from anycord.events.lifetime import StoppingEvent
from anycord.orchestrator import Bot, MemoryCoordinator
from anycord.testing import FakeDiscord
from tests.orchestrator import scenarios
from tests.orchestrator.test_fleet import TIMING
from tests.virtual_clock import virtual_time_backends

if typing.TYPE_CHECKING:
    from anycord.gateway.shard import GatewayShard


@pytest.fixture(params=virtual_time_backends())
def anyio_backend(request: pytest.FixtureRequest) -> object:
    return request.param


async def readyz(server: HealthServer) -> tuple[int, dict[str, typing.Any]]:
    async with httpx.AsyncClient(base_url=server.addresses[0]) as client:
        response = await client.get("/readyz")
    return response.status_code, orjson.loads(response.content)


def leased_bot(
    coord: MemoryCoordinator, fake: FakeDiscord, owner: str, server: HealthServer
) -> Bot:
    return Bot(
        coord,
        fake.token,
        local_shard_count=2,
        owner=owner,
        lease_ttl=TIMING.ttl,
        status_interval=TIMING.status_interval,
        rest_url=fake.rest_url,
        logs=None,
        banner=None,
        health_server=server,
    )


async def test_leased_shards_decide_a_workers_readiness() -> None:
    async with FakeDiscord(shard_count=2) as fake:
        coord = MemoryCoordinator(
            scenarios.plan_for(fake, TIMING, shard_count=2), remaining_sessions=1000
        )
        first_server, spare_server = HealthServer(0), HealthServer(0)
        first = leased_bot(coord, fake, "first", first_server)
        spare = leased_bot(coord, fake, "spare", spare_server)
        adopting: list[tuple[int, dict[str, typing.Any]]] = []
        closing: list[tuple[int, dict[str, typing.Any]]] = []

        async def on_ready(shard: GatewayShard | None, payload: dict[str, typing.Any]) -> None:
            # The spare's shard has READY in but is not marked connected until this returns.
            adopting.append(await readyz(spare_server))

        async def on_stopping(event: StoppingEvent) -> None:
            closing.append(await readyz(first_server))

        first.subscribe(StoppingEvent, on_stopping)
        with anyio.fail_after(TIMING.deadline):
            async with anyio.create_task_group() as tg:
                await tg.start(first.start)
                assert sorted(first.leases) == [0, 1]
                await tg.start(spare.start)
                assert spare.leases == {}
                assert await readyz(first_server) == (
                    200,
                    {"status": "ready", "state": "running", "shards": {"ready": 2, "total": 2}},
                )
                assert await readyz(spare_server) == (
                    200,
                    {"status": "ready", "state": "running", "shards": {"ready": 0, "total": 0}},
                )
                spare.event_manager.subscribe_raw("READY", on_ready)
                await first.close()
                await fake.gateway.wait_until(
                    lambda: (
                        sorted(spare.leases) == [0, 1]
                        and all(s.is_connected for s in spare.shards.values())
                        and len(spare.shards) == 2
                    )
                )
                after = await readyz(spare_server)
                await spare.close()
    ((status, body),) = closing
    assert status == 503
    assert body["reasons"][0] == "the bot is closing"
    assert len(adopting) == 2
    for status, body in adopting:
        assert status == 503
        assert body["state"] == "running"
        assert any(reason.startswith("shard ") for reason in body["reasons"])
    assert after == (
        200,
        {"status": "ready", "state": "running", "shards": {"ready": 2, "total": 2}},
    )
