"""The fake gateway, driven by a bare wsproto client: handshake, validation, heartbeats, limits."""

from __future__ import annotations

import typing

import anyio
import orjson
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


def _world_with_guilds(count: int) -> World:
    world = World()
    for n in range(count):
        world.add_guild(name=f"g{n}", members=2, channels=1)
    return world


@pytest.mark.parametrize("compress", [None, "zlib-stream", "zstd-stream"])
async def test_hello_identify_ready_then_guild_create_per_guild(compress: str | None) -> None:
    world = World()
    spread_guilds(world, 2)
    async with running_gateway(world, shard_count=2) as gw:
        with anyio.fail_after(30):
            shard_guilds: dict[int, set[str]] = {}
            for shard_id in (0, 1):
                if shard_id:
                    await anyio.sleep(5)  # max_concurrency 1: one identify per 5 s
                client = await BareClient.connect(gw.url, compress=compress)
                hello = await client.recv()
                assert hello == {"op": 10, "d": {"heartbeat_interval": 41250}, "s": None, "t": None}
                await client.identify(gw.token, shard=[shard_id, 2])
                ready = await client.recv_until(0, "READY")
                d = ready["d"]
                assert ready["s"] == 1
                assert d["v"] == 10
                assert d["user"]["id"] == world.bot_user["id"]
                assert d["shard"] == [shard_id, 2]
                assert d["resume_gateway_url"] == gw.url + "/resume"
                assert len(d["session_id"]) >= 16
                expected = {str(g) for g in world.guilds if (g >> 22) % 2 == shard_id}
                assert {g["id"] for g in d["guilds"]} == expected
                assert all(g["unavailable"] for g in d["guilds"])
                creates = [await client.recv_until(0, "GUILD_CREATE") for _ in expected]
                assert {c["d"]["id"] for c in creates} == expected
                assert [c["s"] for c in creates] == list(range(2, 2 + len(expected)))
                assert all(c["d"]["members"] and c["d"]["channels"] for c in creates)
                shard_guilds[shard_id] = expected
                if compress is None:
                    assert client.binary_frames == 0
                else:
                    assert client.text_frames == 0
                await client.close()
            assert shard_guilds[0]
            assert shard_guilds[1]
            assert shard_guilds[0] | shard_guilds[1] == {str(g) for g in world.guilds}
            assert not shard_guilds[0] & shard_guilds[1]
            assert [c.compress for c in gw.connections] == [compress, compress]


async def test_zlib_stream_shares_one_context_across_messages() -> None:
    # A later message must not decode with a fresh inflater: the context is shared.
    import zlib

    async with running_gateway(_world_with_guilds(2)) as gw:
        client = await BareClient.connect(gw.url, compress="zlib-stream")
        await client.recv()
        await client.identify(gw.token)
        await client.recv_until(0, "READY")
        await client.recv_until(0, "GUILD_CREATE")
        conn = gw.connections[0]
        frames = conn.sent_frames
        assert len(frames) >= 3
        # The same bytes compressed in one stream: the second message alone is not decodable.
        stream = zlib.compressobj()
        first = stream.compress(frames[0]) + stream.flush(zlib.Z_SYNC_FLUSH)
        second = stream.compress(frames[1]) + stream.flush(zlib.Z_SYNC_FLUSH)
        assert zlib.decompressobj().decompress(first + second) == frames[0] + frames[1]
        with pytest.raises(zlib.error):
            zlib.decompressobj().decompress(second)
        await client.close()


async def test_fragmented_frames_reassemble() -> None:
    async with running_gateway(_world_with_guilds(1), frame_size=64) as gw:
        client = await BareClient.connect(gw.url, compress="zlib-stream")
        await client.recv()
        await client.identify(gw.token)
        create = await client.recv_until(0, "GUILD_CREATE")
        assert create["d"]["name"] == "g0"
        await client.close()


async def _expect_close(
    gw: FakeGateway, *payloads: object, code: int, identify: bool = False
) -> BareClient:
    client = await BareClient.connect(gw.url)
    await client.recv()
    if identify:
        await client.identify(gw.token)
        await client.recv_until(0, "READY")
    for payload in payloads:
        if isinstance(payload, str):
            await client.send_text(payload)
        else:
            await client.send(payload)
    with anyio.fail_after(10):
        assert await client.recv_close() == code
    assert gw.connections[-1].close_code == code
    assert gw.connections[-1].closed_by == "server"
    return client


def _identify(token: str, **overrides: object) -> dict[str, object]:
    d: dict[str, object] = {
        "token": token,
        "intents": int(Intents.ALL_UNPRIVILEGED),
        "properties": {"os": "linux", "browser": "x", "device": "x"},
    }
    d.update(overrides)
    return {"op": 2, "d": d}


async def test_identify_validation_close_codes() -> None:
    async with running_gateway() as gw:
        token = gw.token
        await _expect_close(gw, _identify("not-the-token"), code=4004)
        await _expect_close(gw, _identify(token, shard=[2, 2]), code=4010)
        await _expect_close(gw, _identify(token, shard=[0]), code=4010)
        await _expect_close(gw, _identify(token, shard=[-1, 2]), code=4010)
        await _expect_close(gw, _identify(token, intents=1 << 17), code=4013)
        await _expect_close(gw, _identify(token, intents="lots"), code=4013)
        await _expect_close(gw, _identify(token, properties={"os": "linux"}), code=4002)
        await _expect_close(gw, _identify(token, large_threshold=10), code=4002)
        await _expect_close(gw, "{not json", code=4002)
        await _expect_close(gw, {"d": None}, code=4002)
        await _expect_close(gw, {"op": 2, "d": {"token": token, "pad": "x" * 4100}}, code=4002)
        await _expect_close(gw, {"op": 3, "d": {"status": "online"}}, code=4003)
        await _expect_close(gw, {"op": 8, "d": {"guild_id": "1"}}, code=4003)
        await _expect_close(gw, {"op": 99, "d": None}, code=4001)
        await _expect_close(gw, _identify(token), code=4005, identify=True)
        assert len(gw.identify_log) == 1  # only the valid one started a session


async def test_a_payload_of_exactly_4096_bytes_is_accepted() -> None:
    async with running_gateway() as gw:
        client = await BareClient.connect(gw.url)
        await client.recv()
        base = orjson.dumps({"op": 1, "d": None, "x": ""})
        text = orjson.dumps({"op": 1, "d": None, "x": "y" * (4096 - len(base))}).decode()
        assert len(text.encode()) == 4096
        await client.send_text(text)
        assert (await client.next())["op"] == 11
        await client.send_text(text.replace('"x":"', '"x":"z', 1))  # 4097 bytes
        assert await client.recv_close() == 4002


async def test_privileged_intents_not_enabled_close_4014() -> None:
    async with running_gateway(enabled_privileged_intents=Intents.GUILD_MEMBERS) as gw:
        await _expect_close(
            gw, _identify(gw.token, intents=int(Intents.GUILD_PRESENCES)), code=4014
        )
        await _expect_close(
            gw, _identify(gw.token, intents=int(Intents.MESSAGE_CONTENT)), code=4014
        )
        client = await BareClient.connect(gw.url)
        await client.recv()
        await client.identify(gw.token, intents=int(Intents.GUILDS | Intents.GUILD_MEMBERS))
        await client.recv_until(0, "READY")
        await client.close()


async def test_bad_query_closes_with_documented_codes() -> None:
    async with running_gateway() as gw:
        client = await BareClient.connect(gw.url, query="v=9&encoding=json")
        assert await client.recv_close() == 4012
        client = await BareClient.connect(gw.url, query="v=10&encoding=etf")
        assert await client.recv_close() == 4002


async def test_heartbeats_are_acked_and_logged() -> None:
    async with running_gateway() as gw:
        client = await BareClient.connect(gw.url)
        await client.recv()
        for seq in (None, None, None):
            await client.send({"op": 1, "d": seq})
            assert await client.recv() == {"op": 11, "d": None, "s": None, "t": None}
        conn = gw.connections[0]
        assert conn.heartbeats == 3
        assert conn.received == [{"op": 1, "d": None}] * 3
        await client.close()
        assert conn.close_code == 1000
        assert conn.closed_by == "client"


async def test_server_requests_a_heartbeat_with_op_1() -> None:
    async with running_gateway() as gw:
        client = await BareClient.connect(gw.url)
        await client.recv()
        await client.identify(gw.token)
        await client.recv_until(0, "READY")
        await gw.request_heartbeat(0)
        assert (await client.recv_until(1))["d"] is None
        await client.close()


async def test_zombie_mode_stops_acks_until_turned_off() -> None:
    async with running_gateway() as gw:
        client = await BareClient.connect(gw.url)
        await client.recv()
        await client.identify(gw.token)
        await client.recv_until(0, "READY")
        gw.zombie(0, True)
        await client.send({"op": 1, "d": 1})
        with anyio.move_on_after(10) as scope:
            await client.recv()
        assert scope.cancelled_caught  # no ACK came
        gw.zombie(0, False)
        await client.send({"op": 1, "d": 1})
        assert (await client.next())["op"] == 11
        await client.close()


async def test_silent_connection_is_closed_after_interval_times_1_5() -> None:
    async with running_gateway(heartbeat_interval=10.0) as gw:
        client = await BareClient.connect(gw.url)
        start = anyio.current_time()
        await client.recv()
        await anyio.sleep(14)
        await client.send({"op": 1, "d": None})  # resets the deadline to now + 15
        assert (await client.next())["op"] == 11
        beat = anyio.current_time()
        assert await client.recv_close() == 4009
        assert anyio.current_time() - beat == pytest.approx(15, abs=0.01)
        assert anyio.current_time() - start == pytest.approx(29, abs=0.01)


async def test_send_limit_120_per_60_s_closes_4008() -> None:
    async with running_gateway(heartbeat_interval=1000.0) as gw:
        client = await BareClient.connect(gw.url)
        await client.recv()
        for _ in range(120):
            await client.send({"op": 1, "d": None})
            await client.recv()
        await anyio.sleep(59)
        await client.send({"op": 1, "d": None})  # 121 within 60 s
        assert await client.recv_close() == 4008


async def test_send_limit_is_a_sliding_window() -> None:
    async with running_gateway(heartbeat_interval=1000.0) as gw:
        client = await BareClient.connect(gw.url)
        await client.recv()
        for _ in range(3):
            for _ in range(120):
                await client.send({"op": 1, "d": None})
                assert (await client.next())["op"] == 11
            await anyio.sleep(60.01)
        await client.close()
        assert gw.connections[0].close_code == 1000
