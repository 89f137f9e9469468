"""Sessions on the fake gateway: identify buckets, daily budget, resume, op 7/9, routing."""

from __future__ import annotations

import typing

import anyio
import pytest

from anycord.intents import Intents
from anycord.testing.world import World
from tests.testing.gateway_client import BareClient, running_gateway, spread_guilds
from tests.virtual_clock import virtual_time_backends

if typing.TYPE_CHECKING:
    from anycord.testing.gateway import FakeGateway


@pytest.fixture(params=virtual_time_backends())
def anyio_backend(request: pytest.FixtureRequest) -> object:
    return request.param


async def _ready(
    gw: FakeGateway,
    *,
    shard: list[int] | None = None,
    intents: int = int(Intents.ALL),
    url: str | None = None,
) -> tuple[BareClient, dict[str, object]]:
    client = await BareClient.connect(url or gw.url)
    await client.recv()
    await client.identify(gw.token, shard=shard, intents=intents)
    ready = await client.recv_until(0, "READY")
    return client, ready["d"]


async def test_max_concurrency_buckets_5_s_apart_else_op_9() -> None:
    async with running_gateway(shard_count=4, max_concurrency=2) as gw:
        start = anyio.current_time()
        clients = []
        for shard_id in (0, 1):  # different buckets: both at once
            client, _ = await _ready(gw, shard=[shard_id, 4])
            clients.append(client)
        # Shard 2 shares bucket 0 with shard 0, identified less than 5 s ago.
        client = await BareClient.connect(gw.url)
        await client.recv()
        await client.identify(gw.token, shard=[2, 4])
        assert (await client.recv()) == {"op": 9, "d": False, "s": None, "t": None}
        assert [(t - start, s) for t, s in gw.identify_rejections] == [(0.0, 2)]
        await anyio.sleep(4.9)
        await client.identify(gw.token, shard=[2, 4])
        assert (await client.next())["op"] == 9
        await anyio.sleep(0.1)
        await client.identify(gw.token, shard=[2, 4])  # 5 s after shard 0: admitted
        await client.recv_until(0, "READY")
        clients.append(client)
        assert [(round(t - start, 6), s) for t, s in gw.identify_log] == [(0, 0), (0, 1), (5.0, 2)]
        for c in clients:
            await c.close()


async def test_daily_session_budget_counts_down_and_refuses_at_zero() -> None:
    async with running_gateway(session_start_limit=2) as gw:
        assert gw.session_start_limit()["remaining"] == 2
        a, _ = await _ready(gw)
        assert gw.session_start_limit()["remaining"] == 1
        await anyio.sleep(5)
        b, _ = await _ready(gw)
        limit = gw.session_start_limit()
        assert limit["remaining"] == 0
        assert limit["max_concurrency"] == 1
        assert 86_390_000 <= limit["reset_after"] <= 86_400_000 - 5_000
        await anyio.sleep(5)
        client = await BareClient.connect(gw.url)
        await client.recv()
        await client.identify(gw.token)
        assert await client.recv_close() == 4004
        await anyio.sleep(86400)  # the budget is back after a day
        assert gw.session_start_limit()["remaining"] == 2
        c, _ = await _ready(gw)
        for x in (a, b, c):
            await x.close()
        assert gw.gateway_bot_payload()["url"] == gw.url
        assert gw.gateway_bot_payload()["shards"] == 1


async def test_resume_replays_missed_events_in_order_then_resumed() -> None:
    world = World()
    guild = world.add_guild(name="g", members=1, channels=1)
    async with running_gateway(world) as gw:
        client, ready = await _ready(gw)
        await client.recv_until(0, "GUILD_CREATE")
        assert await gw.dispatch("TYPING_START", {"guild_id": guild["id"], "n": 1}) == 1
        seen = await client.recv_until(0, "TYPING_START")
        assert seen["s"] == 3
        await client.drop()
        await gw.wait_until(lambda: not gw.connections[0].is_open)
        for n in (2, 3, 4):
            await gw.dispatch("TYPING_START", {"guild_id": guild["id"], "n": n})
        client = await BareClient.connect(str(ready["resume_gateway_url"]))
        await client.recv()
        await client.resume(gw.token, str(ready["session_id"]), 3)
        replayed = [await client.recv_until(0) for _ in range(4)]
        assert [(p["t"], p["s"]) for p in replayed] == [
            ("TYPING_START", 4),
            ("TYPING_START", 5),
            ("TYPING_START", 6),
            ("RESUMED", 7),
        ]
        assert [p["d"]["n"] for p in replayed[:3]] == [2, 3, 4]
        await gw.dispatch("TYPING_START", {"guild_id": guild["id"], "n": 5})
        assert (await client.recv_until(0))["s"] == 8
        conn = gw.connections[-1]
        assert conn.resumed
        assert conn.path == "/resume"
        assert conn.session_id == ready["session_id"]
        assert len(gw.identify_log) == 1  # RESUME is not a session start
        await client.close(4000)


async def test_resume_after_reconnect_op_7_loses_nothing() -> None:
    async with running_gateway() as gw:
        client, ready = await _ready(gw)
        await gw.reconnect(0)
        assert (await client.recv_until(7))["d"] is None
        await client.close(4900)  # not 1000/1001: the session stays
        await gw.dispatch("USER_UPDATE", {"id": "1"})
        client = await BareClient.connect(str(ready["resume_gateway_url"]))
        await client.recv()
        await client.resume(gw.token, str(ready["session_id"]), 1)
        assert (await client.recv_until(0))["t"] == "USER_UPDATE"
        assert (await client.recv_until(0))["t"] == "RESUMED"
        await client.close()


async def test_resume_rejections() -> None:
    async with running_gateway(resume_timeout=60) as gw:
        # Bad seq (ahead of the session): 4007, and the session is gone.
        client, ready = await _ready(gw)
        await client.drop()
        await gw.wait_until(lambda: not gw.connections[-1].is_open)
        client = await BareClient.connect(gw.url)
        await client.recv()
        await client.resume(gw.token, str(ready["session_id"]), 99)
        assert await client.recv_close() == 4007
        assert str(ready["session_id"]) not in gw.sessions
        # Expired: 4009.
        await anyio.sleep(5)
        client, ready = await _ready(gw)
        await client.drop()
        await anyio.sleep(61)
        client = await BareClient.connect(gw.url)
        await client.recv()
        await client.resume(gw.token, str(ready["session_id"]), 1)
        assert await client.recv_close() == 4009
        # Closed with 1000 by the client: the session ended, RESUME gets op 9 false.
        client, ready = await _ready(gw)
        await client.close(1000)
        client = await BareClient.connect(gw.url)
        await client.recv()
        await client.resume(gw.token, str(ready["session_id"]), 1)
        assert (await client.next())["op"] == 9
        # Wrong token: 4004.
        await client.resume("nope", "x", 1)
        assert await client.recv_close() == 4004


async def test_invalid_session_op_9_resumable_or_not() -> None:
    async with running_gateway() as gw:
        client, ready = await _ready(gw)
        await gw.invalidate_session(0, True)
        assert (await client.recv_until(9))["d"] is True
        assert str(ready["session_id"]) in gw.sessions
        await gw.invalidate_session(0, False)
        assert (await client.recv_until(9))["d"] is False
        assert str(ready["session_id"]) not in gw.sessions
        await anyio.sleep(5)
        await client.identify(gw.token)  # a new session on the same connection
        new_ready = await client.recv_until(0, "READY")
        assert new_ready["d"]["session_id"] != ready["session_id"]
        await client.close()


@pytest.mark.parametrize("code", [4000, 4008, 4900, 1001])
async def test_close_with_any_code(code: int) -> None:
    async with running_gateway() as gw:
        client, _ = await _ready(gw)
        with anyio.fail_after(10):
            await gw.close(0, code, "bye")
        assert await client.recv_close() == code
        assert client.close_reason == "bye"
        conn = gw.connections[0]
        assert (conn.close_code, conn.closed_by) == (code, "server")


async def test_world_changes_reach_only_the_right_shard_with_right_intents() -> None:
    world = World()
    async with running_gateway(world, shard_count=2) as gw:
        shard0, _ = await _ready(gw, shard=[0, 2])
        await anyio.sleep(5)
        shard1, _ = await _ready(gw, shard=[1, 2], intents=int(Intents.GUILDS))
        guilds = spread_guilds(world, 2)
        on = {s: [g for g in guilds if (int(g["id"]) >> 22) % 2 == s] for s in (0, 1)}
        for shard_id, client in ((0, shard0), (1, shard1)):
            got = [await client.recv_until(0, "GUILD_CREATE") for _ in on[shard_id]]
            assert [p["d"]["id"] for p in got] == [g["id"] for g in on[shard_id]]
        # Messages: shard 1 lacks GUILD_MESSAGES, so only shard 0's guilds produce events.
        for g in guilds:
            channel = next(c for c in world.channels.values() if c.get("guild_id") == g["id"])
            world.add_message(channel["id"], content="hello")
        for g in on[0]:
            message = await shard0.recv_until(0, "MESSAGE_CREATE")
            assert message["d"]["guild_id"] == g["id"]
            assert message["d"]["content"] == "hello"
        assert (
            await gw.dispatch("MESSAGE_CREATE", {"guild_id": on[1][0]["id"], "content": "x"}) == 0
        )
        # DMs and guildless events go to shard 0 only.
        assert await gw.dispatch("USER_UPDATE", world.bot_user) == 1
        assert (await shard0.recv_until(0, "USER_UPDATE"))["d"]["id"] == world.bot_user["id"]
        live = gw.live_connections(1)[0]
        assert [f["t"] for f in live.sent if f["op"] == 0].count("USER_UPDATE") == 0
        await shard0.close()
        await shard1.close()


async def test_message_content_is_stripped_without_the_intent() -> None:
    world = World()
    guild = world.add_guild(name="g", members=2, channels=1)
    async with running_gateway(world) as gw:
        client, _ = await _ready(gw, intents=int(Intents.GUILDS | Intents.GUILD_MESSAGES))
        channel = next(c for c in world.channels.values() if c.get("guild_id") == guild["id"])
        world.add_message(channel["id"], content="secret")
        message = await client.recv_until(0, "MESSAGE_CREATE")
        assert message["d"]["content"] == ""
        assert world.events[-1][1]["content"] == "secret"  # the world keeps the real content
        await client.close()


async def test_dispatch_keeps_sequence_order_and_waits_until_written() -> None:
    async with running_gateway() as gw:
        client, _ = await _ready(gw)
        for n in range(50):
            assert await gw.dispatch("USER_UPDATE", {"id": str(n)}) == 1
            assert gw.connections[0].sequence == n + 2
        got = [await client.recv_until(0, "USER_UPDATE") for _ in range(50)]
        assert [p["s"] for p in got] == list(range(2, 52))
        assert [p["d"]["id"] for p in got] == [str(n) for n in range(50)]
        await client.close()


async def test_request_guild_members_gets_chunks() -> None:
    world = World()
    guild = world.add_guild(name="g", members=5, channels=1)
    async with running_gateway(world) as gw:
        client, _ = await _ready(gw)
        await client.send(
            {"op": 8, "d": {"guild_id": guild["id"], "query": "", "limit": 0, "nonce": "abc"}}
        )
        chunk = await client.recv_until(0, "GUILD_MEMBERS_CHUNK")
        assert chunk["d"]["nonce"] == "abc"
        assert len(chunk["d"]["members"]) == len(world.members[int(guild["id"])])
        assert (chunk["d"]["chunk_index"], chunk["d"]["chunk_count"]) == (0, 1)
        assert gw.connections[0].received[-1]["op"] == 8
        await client.close()


async def test_dispatch_nowait_then_flush_keeps_order() -> None:
    async with running_gateway() as gw:
        client, _ = await _ready(gw)
        assert sum(gw.dispatch_nowait("USER_UPDATE", {"id": str(n)}) for n in range(300)) == 300
        await gw.flush()
        assert gw.connections[0].sequence == 301
        got = [await client.recv_until(0, "USER_UPDATE") for _ in range(300)]
        assert [p["d"]["id"] for p in got] == [str(n) for n in range(300)]
        assert [p["s"] for p in got] == list(range(2, 302))
        await client.close()


async def test_two_live_sessions_of_one_shard_are_recorded_as_an_overlap() -> None:
    async with running_gateway(shard_count=2, max_concurrency=2) as gw:
        first, ready = await _ready(gw, shard=[0, 2])
        other, _ = await _ready(gw, shard=[1, 2])  # another shard: no overlap
        assert gw.session_overlaps == []
        # The first session is still live: a second IDENTIFY of shard 0 is a second owner.
        await anyio.sleep(5)
        second, _ = await _ready(gw, shard=[0, 2])
        assert [s for _, s in gw.session_overlaps] == [0]
        await second.close()
        await gw.wait_until(lambda: len(gw.live_connections(0)) == 1)
        # Resuming the live session on a new connection replaces the old one: no overlap.
        resumed = await BareClient.connect(str(ready["resume_gateway_url"]))
        await resumed.recv()
        await resumed.resume(gw.token, str(ready["session_id"]), 1)
        await resumed.recv_until(0, "RESUMED")
        assert len(gw.session_overlaps) == 1
        # An IDENTIFY after the old session's connection ended is a hand-over, not an overlap.
        await resumed.close()
        await gw.wait_until(lambda: not gw.live_connections(0))
        await anyio.sleep(5)
        third, _ = await _ready(gw, shard=[0, 2])
        assert len(gw.session_overlaps) == 1
        for client in (first, other, third):
            await client.close()
