"""A server that never finishes the handshake cannot leave a shard hanging (virtual time).

HELLO is due `hello_timeout` (20 s) after connecting; READY/RESUMED `ready_timeout` (60 s)
after IDENTIFY/RESUME or after the last replayed event. Each timeout logs one warning and
counts as a failed connection for the backoff; the shard then tries again.
"""

from __future__ import annotations

import contextlib
import logging
import math
import random
import typing

import anyio
import anyio.abc
import pytest

from anycord.gateway import GatewayShard
from anycord.gateway.protocol import GatewayProtocol
from tests.gateway.conftest import INTENTS
from tests.gateway.hostile_peers import (
    HostileGateway,
    PeerConnection,
    honest,
    no_ready,
    scripted,
    silent,
)
from tests.gateway.twin import ServerTwin

if typing.TYPE_CHECKING:
    from tests.gateway.conftest import RecordingSink
    from tests.gateway.hostile_peers import Script


def make(gateway: HostileGateway, sink: RecordingSink, **kwargs: typing.Any) -> GatewayShard:
    return GatewayShard(
        token="hostile." + "t" * 30,
        url=gateway.url,
        intents=INTENTS,
        sink=sink,
        compression=None,
        **kwargs,
    )


async def start_through(
    script: Script, sink: RecordingSink, **kwargs: typing.Any
) -> tuple[HostileGateway, float]:
    """Run a shard against `script` until READY; return the peer and how long start() took."""
    random.seed(16)
    async with HostileGateway(script).running() as gateway:
        shard = make(gateway, sink, **kwargs)
        async with anyio.create_task_group() as tg:
            began = anyio.current_time()
            with anyio.fail_after(600):
                await tg.start(shard.run)
            took = anyio.current_time() - began
            await shard.close()
    return gateway, took


def warnings_about(caplog: pytest.LogCaptureFixture, text: str) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.levelno == logging.WARNING and text in r.getMessage()
    ]


async def test_no_hello_times_out_then_reconnects(
    sink: RecordingSink, caplog: pytest.LogCaptureFixture
) -> None:
    gateway, took = await start_through(scripted(silent, silent, honest), sink)
    first, second, third = gateway.opened
    # 20 s of silence, then a backoff of 0.5–1 s, then 1–2 s after the second timeout.
    assert 20.5 <= second - first <= 21.0
    assert 21.0 <= third - second <= 22.0
    assert took == pytest.approx(third - first, abs=0.1)
    assert (
        warnings_about(caplog, "no HELLO within 20s of connecting")
        == ["shard 0: no HELLO within 20s of connecting; reconnecting"] * 2
    )


async def test_hello_timeout_is_configurable(sink: RecordingSink) -> None:
    gateway, _ = await start_through(scripted(silent, honest), sink, hello_timeout=3.0)
    first, second = gateway.opened
    assert 3.5 <= second - first <= 4.0


async def test_no_ready_times_out_then_identifies_again(
    sink: RecordingSink, caplog: pytest.LogCaptureFixture
) -> None:
    gateway, _ = await start_through(scripted(no_ready, honest), sink, ready_timeout=45.0)
    first, second = gateway.connections
    identified_at = first.opened_at  # HELLO and IDENTIFY take no virtual time
    assert 45.5 <= second.opened_at - identified_at <= 46.0
    assert [p["op"] for p in first.received if p["op"] != 1] == [2]
    assert [p["op"] for p in second.received if p["op"] != 1][:1] == [2]
    assert len(warnings_about(caplog, "no READY within 45s of IDENTIFY")) == 1


async def _ready_then_lose(peer: PeerConnection, index: int) -> None:
    await honest(peer, index)
    for n in range(3):
        await peer.dispatch("TYPING_START", {"user_id": str(n)})
    await peer.close(4000)


async def run_until_resumed(script: Script, sink: RecordingSink) -> HostileGateway:
    """Start a shard against `script`, wait for its second READY/RESUMED, close it."""
    async with HostileGateway(script).running() as gateway:
        shard = make(gateway, sink)
        async with anyio.create_task_group() as tg:
            await tg.start(shard.run)
            with anyio.fail_after(600):
                await sink.wait_until(lambda: sink.connected == 2)
            await shard.close()
    return gateway


async def _resume_never_answered(peer: PeerConnection, index: int) -> None:
    del index
    await peer.hello()
    await peer.expect(6)


async def test_no_resumed_times_out_then_resumes_again(
    sink: RecordingSink, caplog: pytest.LogCaptureFixture
) -> None:
    gateway = await run_until_resumed(
        scripted(_ready_then_lose, _resume_never_answered, honest), sink
    )
    _, second, third = gateway.connections
    assert 60.5 <= third.opened_at - second.opened_at <= 61.5
    assert [p["op"] for p in third.received if p["op"] != 1][:1] == [6]  # still resumable
    assert len(warnings_about(caplog, "no RESUMED within 60s")) == 1


async def test_a_slow_replay_is_not_cut(sink: RecordingSink) -> None:
    # Discord replays the missed events before RESUMED. Here they trickle in 40 s apart, 200 s
    # in all: far past ready_timeout (60 s) in total, but never 60 s of silence.
    async def slow_replay(peer: PeerConnection, index: int) -> None:
        del index
        await peer.hello()
        resume = await peer.expect(6)
        if resume is None:
            return
        peer.seq = resume["d"]["seq"]
        for n in range(5):
            await anyio.sleep(40)
            await peer.dispatch("TYPING_START", {"user_id": f"missed-{n}"})
        await peer.resumed()

    gateway = await run_until_resumed(scripted(_ready_then_lose, slow_replay), sink)
    assert len(gateway.connections) == 2
    users = [p["user_id"] for name, _, p in sink.dispatches if name == "TYPING_START"]
    assert users == ["0", "1", "2"] + [f"missed-{n}" for n in range(5)]
    assert sink.names()[-1] == "RESUMED"
    assert sink.sequences() == list(range(1, len(sink.dispatches) + 1))


async def test_a_websocket_upgrade_never_answered_times_out(
    sink: RecordingSink, caplog: pytest.LogCaptureFixture
) -> None:
    accepted: list[float] = []

    async def mute(stream: anyio.abc.ByteStream) -> None:
        accepted.append(anyio.current_time())
        async with stream:
            with contextlib.suppress(anyio.EndOfStream, anyio.BrokenResourceError):
                while await stream.receive():
                    pass

    random.seed(16)
    listener = await anyio.create_tcp_listener(local_host="127.0.0.1")
    port = listener.extra(anyio.abc.SocketAttribute.local_port)
    async with listener, anyio.create_task_group() as tg:
        tg.start_soon(listener.serve, mute)
        shard = GatewayShard(
            token="hostile." + "t" * 30,
            url=f"ws://127.0.0.1:{port}/",
            intents=INTENTS,
            sink=sink,
            compression=None,
        )
        tg.start_soon(shard.run)
        await anyio.sleep(30)
        await shard.close()
        tg.cancel_scope.cancel()
    assert len(accepted) == 2
    assert 20.5 <= accepted[1] - accepted[0] <= 21.0
    assert len(warnings_about(caplog, "the websocket did not open within 20s")) == 1


def test_protocol_deadlines_follow_the_handshake() -> None:
    twin = ServerTwin(compress=None)
    proto = GatewayProtocol(token="t" * 20, intents=INTENTS, compression=None, ready_timeout=30.0)
    assert proto.handshake_deadline == math.inf
    proto.connection_made(100.0)
    assert (proto.handshake_deadline, proto.awaiting) == (120.0, "HELLO")
    proto.receive(twin.hello(), 101.0)
    assert proto.handshake_deadline == math.inf  # the identify gate may take its time
    frames = twin.handle(proto.identify(now=110.0))
    assert (proto.handshake_deadline, proto.awaiting) == (140.0, "READY")
    proto.receive(frames[0], 111.0)
    assert proto.handshake_deadline == math.inf
    twin.dispatch("TYPING_START", {})
    twin.dispatch("TYPING_START", {})
    proto.connection_lost(4000)
    twin.new_connection()
    proto.connection_made(200.0)
    proto.receive(twin.hello(), 200.0)
    replay_then_resumed = twin.handle(proto.resume(now=201.0))
    assert (proto.handshake_deadline, proto.awaiting) == (231.0, "RESUMED")
    proto.receive(replay_then_resumed[0], 225.0)  # a replayed event restarts the wait
    assert proto.handshake_deadline == 255.0
    proto.receive(replay_then_resumed[-1], 250.0)
    assert proto.handshake_deadline == math.inf
    with pytest.raises(ValueError, match="hello_timeout"):
        GatewayProtocol(token="t" * 20, intents=INTENTS, hello_timeout=0.0)
