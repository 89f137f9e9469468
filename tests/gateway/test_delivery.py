"""Commands across a closing connection: at least once, in order, never silently lost.

The fake gateway, like Discord, stops reading a connection once it has sent its close frame:
a command written after that is discarded by the server even though our write succeeded.
"""

from __future__ import annotations

import typing

import anyio
import pytest

from anycord.gateway import commands
from tests.gateway.conftest import guild_id

if typing.TYPE_CHECKING:
    from anycord.testing.gateway_connection import FakeGatewayConnection
    from tests.gateway.conftest import Env


def ops(conn: FakeGatewayConnection, op: int) -> list[typing.Any]:
    return [p["d"] for p in conn.received if isinstance(p, dict) and p.get("op") == op]


async def close_under_a_paused_reader(env: Env, code: int = 4000) -> FakeGatewayConnection:
    """Pause the shard's reader in the sink, then have the server close: the close frame sits
    unread, so the shard still believes the connection is open."""
    gateway = env.fake.gateway
    (first,) = gateway.connections
    env.sink.delay = 2.0
    await gateway.dispatch("TYPING_START", {"guild_id": guild_id(env), "user_id": "1"})
    with anyio.fail_after(10):
        await env.sink.wait_until(lambda: "TYPING_START" in env.sink.names())
    env.tg.start_soon(gateway.close, 0, code)
    with anyio.fail_after(10):
        await gateway.wait_until(lambda: first.close_code == code)
    await anyio.sleep(0.01)  # the close frame is on the wire
    return first


async def test_command_written_into_a_server_close_is_sent_again(env: Env) -> None:
    gateway = env.fake.gateway
    first = await close_under_a_paused_reader(env)
    assert env.shard.is_connected  # the reader has not seen the close yet
    with anyio.fail_after(10):
        await env.shard.update_presence(status="idle")
        await env.shard.update_voice_state(guild_id(env), None, self_mute=True)
    with anyio.fail_after(120):
        await gateway.wait_until(
            lambda: len(gateway.connections) == 2 and len(ops(gateway.connections[1], 4)) == 1
        )
    second = gateway.connections[1]
    assert second.resumed
    # Written on the first connection, discarded there by the closing server ...
    assert ops(first, 3) == []
    assert ops(first, 4) == []
    # ... and delivered on the next one, once each and in the original order.
    assert [p["op"] for p in second.received if p["op"] in (3, 4)] == [3, 4]
    assert ops(second, 3)[0]["status"] == "idle"


async def test_commands_queued_meanwhile_go_after_the_resent_ones(env: Env) -> None:
    gateway = env.fake.gateway
    await close_under_a_paused_reader(env)
    with anyio.fail_after(10):
        await env.shard.update_presence(status="idle")
    with anyio.fail_after(10):
        await env.sink.wait_until(lambda: not env.shard.is_connected)
    # Issued while disconnected: must not overtake the older, resent presence.
    with anyio.fail_after(120):
        await env.shard.update_presence(status="dnd")
        await gateway.wait_until(lambda: len(ops(gateway.connections[-1], 3)) == 2)
    assert [d["status"] for d in ops(gateway.connections[-1], 3)] == ["idle", "dnd"]


async def test_confirmed_commands_are_not_sent_again(env: Env) -> None:
    gateway = env.fake.gateway
    first = gateway.connections[0]
    with anyio.fail_after(10):
        await env.shard.update_presence(status="idle")
    beats = first.heartbeats
    with anyio.fail_after(200):
        # A heartbeat written after the command, and its ACK, prove the server read it.
        await gateway.wait_until(lambda: first.heartbeats >= beats + 1)
        await anyio.sleep(1)
    await gateway.close(0, 4000)
    with anyio.fail_after(120):
        await env.sink.wait_until(lambda: env.sink.connected == 2)
        await anyio.sleep(5)
    assert len(ops(first, 3)) == 1
    assert ops(gateway.connections[-1], 3) == []


async def test_unconfirmed_commands_survive_several_lost_connections(env: Env) -> None:
    gateway = env.fake.gateway
    gateway.zombie(0, True)  # no ACKs: nothing is ever confirmed on these connections
    with anyio.fail_after(10):
        await env.shard.update_presence(status="idle")
    with anyio.fail_after(300):
        await gateway.wait_until(lambda: len(gateway.connections) >= 3)
    gateway.zombie(0, False)
    with anyio.fail_after(300):
        await gateway.wait_until(
            lambda: gateway.connections[-1].heartbeats >= 1 and gateway.connections[-1].is_ready
        )
    # At least once: on every connection that came after, until one could confirm it.
    assert len(ops(gateway.connections[0], 3)) == 1
    for conn in gateway.connections[1:]:
        assert conn.resumed
        assert [d["status"] for d in ops(conn, 3)] == ["idle"]


async def test_request_channel_info(env: Env) -> None:
    gid = guild_id(env)
    with anyio.fail_after(10):
        await env.shard.request_channel_info(gid, ["voice_start_time", "status", "status"])
    conn = env.fake.gateway.connections[0]
    with anyio.fail_after(10):
        await env.fake.gateway.wait_until(lambda: bool(ops(conn, 43)))
    assert ops(conn, 43) == [{"guild_id": gid, "fields": ["voice_start_time", "status"]}]
    before = len(conn.received)
    with pytest.raises(ValueError, match="'topic'"):
        await env.shard.request_channel_info(gid, ["status", "topic"])
    with pytest.raises(ValueError, match="at least one"):
        await env.shard.request_channel_info(gid, [])
    with pytest.raises(TypeError, match="string"):
        await env.shard.request_channel_info(gid, "status")
    assert len(conn.received) == before


def test_request_channel_info_payload() -> None:
    assert commands.request_channel_info_payload(613425648685547541, ("status",)) == {
        "guild_id": "613425648685547541",
        "fields": ["status"],
    }
    assert commands.CHANNEL_INFO_FIELDS == ("status", "voice_start_time")
    with pytest.raises(ValueError, match="1"):
        commands.request_channel_info_payload(1, [1])  # type: ignore[list-item]
