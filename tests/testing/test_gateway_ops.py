"""Op 43 (Request Channel Info) and the op 3 presence limit, driven by a bare wsproto client."""

from __future__ import annotations

import typing

import anyio
import pytest

from anycord.intents import Intents
from anycord.testing.gateway_ops import PresenceWindow, channel_info
from anycord.testing.world import World
from tests.testing.gateway_client import BareClient, running_gateway, spread_guilds
from tests.virtual_clock import virtual_time_backends

if typing.TYPE_CHECKING:
    from anycord.testing.gateway import FakeGateway


@pytest.fixture(params=virtual_time_backends())
def anyio_backend(request: pytest.FixtureRequest) -> object:
    return request.param


async def _ready(gw: FakeGateway, shard: list[int] | None = None) -> BareClient:
    client = await BareClient.connect(gw.url)
    await client.recv()
    await client.identify(gw.token, shard=shard, intents=int(Intents.GUILDS))
    await client.recv_until(0, "READY")
    return client


def _presence() -> dict[str, object]:
    return {"op": 3, "d": {"since": None, "activities": [], "status": "idle", "afk": False}}


async def test_channel_info_lists_voice_channels_on_the_owning_shard_only() -> None:
    world = World()
    guilds = spread_guilds(world, 2, per_shard=1)
    target = next(g for g in guilds if (int(g["id"]) >> 22) % 2 == 1)
    gid = target["id"]
    voice = world.add_channel(gid, name="v", type=2, status="jamming", voice_start_time=1700)
    stage = world.add_channel(gid, name="s", type=13)
    async with running_gateway(world, shard_count=2) as gw:
        shard0 = await _ready(gw, [0, 2])
        await anyio.sleep(5)  # max_concurrency 1: one identify per 5 s
        shard1 = await _ready(gw, [1, 2])
        # Asked on shard 0, answered on shard 1 (the guild's shard).
        await shard0.send({"op": 43, "d": {"guild_id": gid, "fields": ["status"]}})
        info = await shard1.recv_until(0, "CHANNEL_INFO")
        assert info["d"] == {
            "guild_id": gid,
            "channels": [
                {"id": voice["id"], "status": "jamming"},
                {"id": stage["id"], "status": None},
            ],
        }
        await shard1.send({"op": 43, "d": {"guild_id": gid}})
        info = await shard1.recv_until(0, "CHANNEL_INFO")
        assert info["d"]["channels"][0] == {
            "id": voice["id"],
            "status": "jamming",
            "voice_start_time": 1700,
        }
        await shard0.send({"op": 1, "d": None})
        await shard0.recv_until(11)
        sent0 = [p.get("t") for p in gw.live_connections(0)[0].sent]
        assert "CHANNEL_INFO" not in sent0
        await shard0.close()
        await shard1.close()


async def test_channel_info_ignores_unknown_guilds_and_needs_identify() -> None:
    world = World()
    world.add_guild(name="g", channels=1)
    async with running_gateway(world) as gw:
        client = await _ready(gw)
        await client.send({"op": 43, "d": {"guild_id": "1234"}})
        await client.send({"op": 43, "d": {"nope": 1}})
        await client.send({"op": 1, "d": None})
        await client.recv_until(11)
        assert "CHANNEL_INFO" not in [p.get("t") for p in gw.connections[0].sent]
        await client.close()
        late = await BareClient.connect(gw.url)
        await late.recv()
        await late.send({"op": 43, "d": {"guild_id": "1"}})
        assert await late.recv_close() == 4003


def test_channel_info_without_voice_channels_is_empty() -> None:
    world = World()
    guild = world.add_guild(name="g", channels=2)
    assert channel_info(world, {"guild_id": guild["id"]}) == {
        "guild_id": guild["id"],
        "channels": [],
    }


async def test_presence_updates_beyond_5_per_20_s_are_dropped_and_logged() -> None:
    async with running_gateway() as gw:
        client = await _ready(gw)
        for _ in range(7):
            await client.send(_presence())
        await client.send({"op": 1, "d": None})
        await client.recv_until(11)
        assert len(gw.dropped_presences) == 2
        assert {shard for _, shard in gw.dropped_presences} == {0}
        await anyio.sleep(20.01)
        for _ in range(5):
            await client.send(_presence())
        await client.send({"op": 1, "d": None})
        await client.recv_until(11)
        assert len(gw.dropped_presences) == 2  # a fresh window: all five accepted
        await client.send(_presence())
        await client.send({"op": 1, "d": None})
        await client.recv_until(11)
        assert len(gw.dropped_presences) == 3
        assert gw.connections[0].is_open  # dropped, never closed
        await client.close()
        assert gw.connections[0].close_code == 1000


def test_presence_window_slides() -> None:
    window = PresenceWindow()
    assert all(window.admit(t) for t in (0.0, 1.0, 2.0, 3.0, 4.0))
    assert not window.admit(19.9)
    assert window.admit(20.0)  # the update at 0.0 has left the window
    assert not window.admit(20.5)
    assert window.admit(21.0)
