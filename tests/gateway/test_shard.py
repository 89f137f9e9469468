"""GatewayShard against FakeDiscord's gateway, on virtual time, under both backends."""

from __future__ import annotations

import random
import typing

import anyio
import pytest

from anycord.errors import GatewayFatalCloseError
from anycord.gateway import GatewayShard, LocalIdentifyGate
from anycord.testing import FakeDiscord
from tests.gateway.conftest import INTENTS, Env, guild_id, make_shard, running

if typing.TYPE_CHECKING:
    from tests.gateway.conftest import RecordingSink


async def test_identify_fields_and_ready(env: Env) -> None:
    (conn,) = env.fake.gateway.connections
    identify = conn.received[0]
    assert identify["op"] == 2
    d = identify["d"]
    assert d["token"] == env.fake.token
    assert d["intents"] == int(INTENTS)
    assert d["shard"] == [0, 1]
    assert d["large_threshold"] == 250
    assert set(d["properties"]) == {"os", "browser", "device"}
    assert d["presence"]["activities"] == []
    assert "game" not in d["presence"]
    assert conn.compress == "zlib-stream"
    with anyio.fail_after(10):
        await env.sink.wait_until(lambda: len(env.sink.dispatches) >= 2)
    assert env.sink.names()[:2] == ["READY", "GUILD_CREATE"]
    assert env.shard.is_connected
    assert env.sink.connected == 1
    assert env.shard.session_id == conn.session_id
    assert env.fake.token not in repr(env.shard)


async def test_first_heartbeat_is_jittered(sink: RecordingSink) -> None:
    random.seed(1234)  # the shard draws its jitter from `random`
    offsets = []
    for _ in range(3):
        async with running(sink) as env:
            (conn,) = env.fake.gateway.connections

            def beat(c: typing.Any = conn) -> bool:
                return bool(c.heartbeats >= 1)

            with anyio.fail_after(60):
                await env.fake.gateway.wait_until(beat)
            offsets.append(conn.last_heartbeat_at - conn.opened_at)
    interval = 41.25
    assert all(0 < offset < interval for offset in offsets), offsets
    assert len({round(offset, 3) for offset in offsets}) == 3  # random, not fixed


async def test_heartbeats_are_acked_and_latency_measured(env: Env) -> None:
    await anyio.sleep(100)
    (conn,) = env.fake.gateway.connections
    assert conn.heartbeats >= 2
    assert env.shard.heartbeat_latency >= 0.0
    assert conn.is_open


async def test_zombie_reconnects_and_resumes(env: Env) -> None:
    gateway = env.fake.gateway
    gateway.zombie(0, True)
    first = gateway.connections[0]
    with anyio.fail_after(200):
        await first.closed.wait()
    gateway.zombie(0, False)
    with anyio.fail_after(60):
        await gateway.wait_until(lambda: len(gateway.live_connections(0)) == 1)
    assert first.closed_by == "client"
    assert first.close_code not in (1000, 1001)
    second = gateway.connections[-1]
    assert second.resumed
    assert second.received[0]["op"] == 6
    assert len(gateway.identify_log) == 1


async def test_reconnect_mid_burst_loses_and_duplicates_nothing(env: Env) -> None:
    gateway = env.fake.gateway
    gid = guild_id(env)
    with anyio.fail_after(10):
        await env.sink.wait_until(lambda: "GUILD_CREATE" in env.sink.names())
    before = env.shard.sequence
    assert before == 2
    total = 300

    async def burst() -> None:
        for i in range(total):
            await gateway.dispatch(
                "TYPING_START",
                {"guild_id": gid, "channel_id": "1", "user_id": str(i), "timestamp": 0},
            )

    async with anyio.create_task_group() as tg:
        tg.start_soon(burst)
        await env.sink.wait_until(lambda: len(env.sink.dispatches) > 100)
        await gateway.reconnect(0)
    with anyio.fail_after(60):
        # RESUMED is numbered too, so the last number is one more than the burst.
        await env.sink.wait_until(lambda: env.sink.sequences()[-1] >= before + total + 1)
    assert env.sink.sequences() == list(range(1, before + total + 2))
    assert [c.resumed for c in gateway.connections] == [False, True]
    assert gateway.connections[0].close_code not in (1000, 1001)
    assert env.sink.names().count("RESUMED") == 1


@pytest.mark.parametrize("resumable", [True, False])
async def test_invalid_session(env: Env, resumable: bool) -> None:
    gateway = env.fake.gateway
    start = anyio.current_time()
    await gateway.invalidate_session(0, resumable)
    with anyio.fail_after(60):
        await gateway.wait_until(
            lambda: (
                len(gateway.live_connections(0)) == 1
                and gateway.connections[-1] is not gateway.connections[0]
            )
        )
        await env.sink.wait_until(lambda: env.sink.connected == 2)
    second = gateway.connections[-1]
    assert second.resumed is resumable
    assert len(gateway.identify_log) == (1 if resumable else 2)
    if not resumable:
        waited = gateway.identify_log[-1][0] - start
        assert 1.0 <= waited <= 6.0
        assert env.sink.names().count("READY") == 2
    assert gateway.connections[0].close_code not in (1000, 1001)


@pytest.mark.parametrize("code", [4004, 4010, 4011, 4012, 4013, 4014])
async def test_fatal_close_codes_end_run(sink: RecordingSink, code: int) -> None:
    async with FakeDiscord(rest_over_tcp=False) as fake:
        shard = make_shard(fake, sink)
        caught: list[GatewayFatalCloseError] = []
        try:
            async with anyio.create_task_group() as tg:
                with anyio.fail_after(60):
                    await tg.start(shard.run)
                await fake.gateway.close(0, code, "bye")
                await anyio.sleep(3600)
        except* GatewayFatalCloseError as group:
            caught.extend(typing.cast("list[GatewayFatalCloseError]", list(group.exceptions)))
        (error,) = caught
        assert error.code == code
        assert not error.can_reconnect
        assert not shard.is_alive
        assert len(fake.gateway.connections) == 1


async def test_bad_token_fails_start(sink: RecordingSink) -> None:
    async with FakeDiscord(rest_over_tcp=False) as fake:
        shard = GatewayShard(
            token="bad." + "x" * 30, url=fake.gateway.url, intents=INTENTS, sink=sink
        )
        with anyio.fail_after(60), pytest.raises(GatewayFatalCloseError) as info:
            await shard.run()
        assert info.value.code == 4004
        assert "x" * 30 not in str(info.value)


@pytest.mark.parametrize("code", [4007, 4009])
async def test_session_dropping_codes_identify_again(env: Env, code: int) -> None:
    gateway = env.fake.gateway
    await gateway.close(0, code)
    with anyio.fail_after(60):
        await env.sink.wait_until(lambda: env.sink.connected == 2)
    assert len(gateway.identify_log) == 2
    assert not gateway.connections[-1].resumed


async def test_other_server_close_resumes(env: Env) -> None:
    gateway = env.fake.gateway
    await gateway.close(0, 4000)
    with anyio.fail_after(120):
        await env.sink.wait_until(lambda: env.sink.connected == 2)
    assert gateway.connections[-1].resumed
    assert env.sink.disconnected == 1


async def test_burst_of_500_presence_updates_never_hits_4008(env: Env) -> None:
    async def update(i: int) -> None:
        await env.shard.update_presence(status="idle" if i % 2 else "online")

    start = anyio.current_time()
    with anyio.fail_after(600):
        async with anyio.create_task_group() as tg:
            for i in range(500):
                tg.start_soon(update, i)
    elapsed = anyio.current_time() - start
    gateway = env.fake.gateway
    assert all(c.close_code != 4008 for c in gateway.connections)
    assert len(gateway.connections) == 1
    sent = [p for p in gateway.connections[0].received if p["op"] == 3]
    assert len(sent) == 500
    assert elapsed > 4 * 60  # it had to wait for windows: ~117 per minute


async def test_slow_consumer_is_not_a_zombie(sink: RecordingSink) -> None:
    async with running(sink) as env:
        sink.delay = 100.0  # each dispatch takes over two heartbeat intervals
        gateway = env.fake.gateway
        gid = guild_id(env)
        for i in range(6):
            await gateway.dispatch(
                "TYPING_START",
                {"guild_id": gid, "channel_id": "1", "user_id": str(i), "timestamp": 0},
            )
        with anyio.fail_after(3600):
            await sink.wait_until(lambda: sink.names().count("TYPING_START") == 6)
        assert len(gateway.connections) == 1
        assert gateway.connections[0].is_open
        assert gateway.connections[0].heartbeats >= 10


@pytest.mark.parametrize("compression", ["zlib-stream", "zstd-stream", None])
async def test_compressions(sink: RecordingSink, compression: str | None) -> None:
    async with running(sink, compression=compression) as env:
        (conn,) = env.fake.gateway.connections
        assert conn.compress == compression
        await env.fake.gateway.dispatch(
            "TYPING_START",
            {"guild_id": guild_id(env), "channel_id": "1", "user_id": "2", "timestamp": 0},
        )
        with anyio.fail_after(10):
            await sink.wait_until(lambda: "TYPING_START" in sink.names())


async def test_close_sends_1001_and_cancellation_closes_promptly(sink: RecordingSink) -> None:
    async with FakeDiscord(rest_over_tcp=False) as fake:
        shard = make_shard(fake, sink)
        async with anyio.create_task_group() as tg:
            await tg.start(shard.run)
            tg.cancel_scope.cancel()
        (conn,) = fake.gateway.connections
        with anyio.fail_after(1):
            await conn.closed.wait()
        assert conn.close_code == 1001
        assert conn.closed_by == "client"
        assert not shard.is_alive


async def test_oversized_payload_is_refused_before_sending(env: Env) -> None:
    class Big:
        name = "x" * 5000
        type = 0
        url = None
        state = None

    before = len(env.fake.gateway.connections[0].received)
    with pytest.raises(ValueError, match="4096"):
        await env.shard.update_presence(activity=Big())
    assert len(env.fake.gateway.connections[0].received) == before


async def test_commands_wait_for_the_next_connection(env: Env) -> None:
    gateway = env.fake.gateway
    await gateway.close(0, 4000)
    with anyio.fail_after(10):
        await env.sink.wait_until(lambda: env.sink.disconnected == 1)
    # Sent while disconnected: it goes out on the resumed connection, not dropped.
    with anyio.fail_after(120):
        await env.shard.update_voice_state(guild_id(env), None, self_mute=True)
    second = gateway.connections[-1]
    assert second.resumed
    with anyio.fail_after(10):
        await gateway.wait_until(lambda: any(p["op"] == 4 for p in second.received))
    ops = [p for p in second.received if p["op"] == 4]
    assert ops == [
        {
            "op": 4,
            "d": {
                "guild_id": guild_id(env),
                "channel_id": None,
                "self_mute": True,
                "self_deaf": False,
            },
        }
    ]


async def test_request_guild_members_round_trip(env: Env) -> None:
    await env.shard.request_guild_members(guild_id(env), query="", limit=10, nonce="abc")
    with anyio.fail_after(10):
        await env.sink.wait_until(lambda: "GUILD_MEMBERS_CHUNK" in env.sink.names())
    chunk = next(p for n, _, p in env.sink.dispatches if n == "GUILD_MEMBERS_CHUNK")
    assert chunk["nonce"] == "abc"
    await env.shard.request_soundboard_sounds([guild_id(env)])
    conn = env.fake.gateway.connections[0]
    with anyio.fail_after(10):
        await env.fake.gateway.wait_until(lambda: conn.received[-1]["op"] == 31)
    assert conn.received[-1]["d"] == {"guild_ids": [guild_id(env)]}


async def test_reidentify_goes_through_the_gate(sink: RecordingSink) -> None:
    calls: list[tuple[float, int]] = []

    class Gate:
        def __init__(self) -> None:
            self.inner = LocalIdentifyGate()

        async def acquire(self, shard_id: int) -> None:
            await self.inner.acquire(shard_id)
            calls.append((anyio.current_time(), shard_id))

    async with running(sink, identify_gate=Gate()) as env:
        await env.fake.gateway.invalidate_session(0, False)
        with anyio.fail_after(60):
            await sink.wait_until(lambda: sink.connected == 2)
        await env.fake.gateway.reconnect(0)  # a resume does not use the gate
        with anyio.fail_after(60):
            await sink.wait_until(lambda: sink.connected == 3)
    assert [shard_id for _, shard_id in calls] == [0, 0]


async def test_session_hand_over_to_another_shard_object(sink: RecordingSink) -> None:
    # What the orchestrator does when a shard moves between processes: the old owner closes
    # resumably, the new one RESUMEs from the stored (session, sequence, url) and Discord
    # replays what happened in between.
    async with FakeDiscord(rest_over_tcp=False) as fake:
        gid = fake.add_guild(name="g", channels=1)["id"]
        old = make_shard(fake, sink)
        async with anyio.create_task_group() as tg:
            await tg.start(old.run)
            await fake.gateway.dispatch("TYPING_START", {"guild_id": gid, "user_id": "1"})
            await sink.wait_until(lambda: "TYPING_START" in sink.names())
            session = (old.session_id, old.sequence, old.resume_gateway_url)
            await old.close(resumable=True)
        assert fake.gateway.connections[0].close_code == 4900
        # Meanwhile, events keep happening on the session.
        for n in range(3):
            await fake.gateway.dispatch("TYPING_START", {"guild_id": gid, "user_id": str(10 + n)})
        session_id, sequence, url = session
        assert session_id is not None
        assert sequence is not None
        assert url is not None
        new_sink = type(sink)()
        new = make_shard(fake, new_sink, resume=(session_id, sequence, url))
        async with anyio.create_task_group() as tg:
            await tg.start(new.run)
            await new_sink.wait_until(lambda: new_sink.names().count("TYPING_START") == 3)
            await new.close()
        last = fake.gateway.connections[-1]
        assert last.resumed
        assert len(fake.gateway.identify_log) == 1  # the hand-over did not identify again
        replayed = [p["user_id"] for name, _, p in new_sink.dispatches if name == "TYPING_START"]
        assert replayed == ["10", "11", "12"]
        assert new_sink.sequences()[0] == sequence + 1
