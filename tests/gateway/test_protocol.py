"""GatewayProtocol with no sockets: a client protocol against the server twin, clock by hand."""

from __future__ import annotations

import math
import zlib

import orjson
import pytest

from anycord.errors import GatewayTransportError
from anycord.gateway.protocol import (
    CloseAction,
    Dispatch,
    GatewayEvent,
    GatewayProtocol,
    HandshakeComplete,
    HeartbeatAck,
    HeartbeatRequested,
    Hello,
    InvalidSession,
    ReconnectRequested,
    close_action,
)
from anycord.gateway.state import ShardState
from anycord.intents import Intents
from tests.gateway.twin import ServerTwin

TOKEN = "Nzk5.token.for-tests-only"


def client(compression: str | None = "zlib-stream", rng: float = 0.5) -> GatewayProtocol:
    return GatewayProtocol(
        token=TOKEN,
        intents=Intents.GUILDS,
        shard_id=1,
        shard_count=4,
        compression=compression,  # type: ignore[arg-type]
        rng=lambda: rng,
    )


def connect(proto: GatewayProtocol, twin: ServerTwin, now: float = 0.0) -> list[GatewayEvent]:
    twin.new_connection()
    proto.connection_made(now)
    return list(proto.receive(twin.hello(), now))


def identify(proto: GatewayProtocol, twin: ServerTwin, now: float = 0.0) -> list[GatewayEvent]:
    events = connect(proto, twin, now)
    assert events == [Hello(41.25, resume=False)]
    out: list[GatewayEvent] = []
    for frame in twin.handle(proto.identify({"status": "online"})):
        out += proto.receive(frame, now)
    return out


@pytest.mark.parametrize("compression", ["zlib-stream", "zstd-stream", None])
def test_identify_handshake(compression: str | None) -> None:
    proto, twin = client(compression), ServerTwin(compression)
    events = identify(proto, twin)
    assert [type(e) for e in events] == [Dispatch, HandshakeComplete]
    assert proto.state is ShardState.CONNECTED
    assert proto.session_id == "sess-1"
    assert proto.resume_gateway_url == "wss://resume.example"
    sent = twin.received[0]["d"]
    assert sent["shard"] == [1, 4]
    assert sent["intents"] == int(Intents.GUILDS)
    assert sent["token"] == TOKEN
    assert sent["presence"] == {"status": "online"}
    assert set(sent["properties"]) == {"os", "browser", "device"}
    events = proto.receive(twin.dispatch("MESSAGE_CREATE", {"id": "5"}), 1.0)
    assert events == [Dispatch("MESSAGE_CREATE", 2, {"id": "5"})]
    assert proto.sequence == 2


def test_connect_url_adds_query_and_uses_resume_url() -> None:
    proto, twin = client(), ServerTwin()
    assert proto.connect_url("wss://gateway.discord.gg") == (
        "wss://gateway.discord.gg/?v=10&encoding=json&compress=zlib-stream"
    )
    identify(proto, twin)
    assert proto.connect_url("wss://gateway.discord.gg").startswith("wss://resume.example/?v=10")
    assert client(None).connect_url("ws://h:1/?compress=x") == "ws://h:1/?v=10&encoding=json"


def test_first_heartbeat_is_jittered_then_every_interval() -> None:
    proto, twin = client(rng=0.25), ServerTwin()
    connect(proto, twin, now=100.0)
    assert proto.next_heartbeat_at == pytest.approx(100.0 + 0.25 * 41.25)
    assert orjson.loads(proto.heartbeat(110.0)) == {"op": 1, "d": None}
    assert proto.next_heartbeat_at == pytest.approx(110.0 + 41.25)
    # A beat requested by the server (op 1) does not move the schedule.
    proto.heartbeat(120.0, scheduled=False)
    assert proto.next_heartbeat_at == pytest.approx(110.0 + 41.25)


def test_ack_gives_latency_and_heartbeat_carries_sequence() -> None:
    proto, twin = client(), ServerTwin()
    identify(proto, twin)
    assert math.isnan(proto.heartbeat_latency)
    frame = proto.heartbeat(10.0)
    assert orjson.loads(frame) == {"op": 1, "d": 1}
    (ack,) = twin.handle(frame)
    assert proto.receive(ack, 10.25) == [HeartbeatAck(0.25)]
    assert proto.heartbeat_latency == pytest.approx(0.25)
    assert proto.unacked_heartbeats == 0
    # An unsolicited ACK is harmless.
    assert proto.receive(twin.frame(11), 11.0) == []


def test_zombie_needs_a_missed_ack_and_an_idle_reader() -> None:
    proto, twin = client(), ServerTwin()
    identify(proto, twin)
    proto.heartbeat(0.0)
    assert not proto.heartbeat_check(41.25, reader_idle=False)  # ACK may sit unread
    assert proto.heartbeat_check(41.25, reader_idle=True)
    proto2 = client()
    identify(proto2, ServerTwin())
    assert not proto2.heartbeat_check(41.25, reader_idle=True)  # nothing outstanding
    proto2.heartbeat(40.0, scheduled=False)
    assert not proto2.heartbeat_check(41.25, reader_idle=True)  # too recent to judge


def test_resume_replays_without_duplicates() -> None:
    proto, twin = client(), ServerTwin()
    identify(proto, twin)
    for i in range(5):
        proto.receive(twin.dispatch("MESSAGE_CREATE", {"i": i}), 1.0)
    assert proto.sequence == 6
    assert proto.receive(twin.frame(7), 2.0) == [ReconnectRequested()]
    assert proto.state is ShardState.CLOSING
    # The server produced more while we were away.
    twin.dispatch("MESSAGE_CREATE", {"i": 5})
    twin.dispatch("MESSAGE_CREATE", {"i": 6})
    assert proto.connection_lost(None) is CloseAction.RESUME
    assert proto.state.name == "DISCONNECTED"  # (mypy narrows the enum after the first check)
    hello = connect(proto, twin, 3.0)
    assert hello == [Hello(41.25, resume=True)]
    resume = proto.resume()
    assert orjson.loads(resume)["d"] == {"token": TOKEN, "session_id": "sess-1", "seq": 6}
    events = [e for f in twin.handle(resume) for e in proto.receive(f, 3.0)]
    seqs = [e.sequence for e in events if isinstance(e, Dispatch)]
    assert seqs == [7, 8, 9]
    assert events[-1] == HandshakeComplete(resumed=True)
    # A replayed frame we already saw is dropped, so no number is delivered twice.
    old = twin._out({"op": 0, "t": "MESSAGE_CREATE", "s": 8, "d": {}})
    assert proto.receive(old, 4.0) == []


@pytest.mark.parametrize("resumable", [True, False])
def test_invalid_session(resumable: bool) -> None:
    proto, twin = client(), ServerTwin()
    identify(proto, twin)
    assert proto.receive(twin.frame(9, resumable), 1.0) == [InvalidSession(resumable)]
    assert proto.can_resume is resumable
    proto.connection_lost(None)
    assert connect(proto, twin, 2.0) == [Hello(41.25, resume=resumable)]


def test_close_policy() -> None:
    for code in (4004, 4010, 4011, 4012, 4013, 4014):
        assert close_action(code) is CloseAction.FATAL
    for code in (4007, 4009):
        assert close_action(code) is CloseAction.NEW_SESSION
    resumable: tuple[int | None, ...] = (
        None,
        1000,
        1001,
        1006,
        4000,
        4001,
        4002,
        4003,
        4005,
        4008,
        4900,
        4999,
    )
    for maybe in resumable:
        assert close_action(maybe) is CloseAction.RESUME


def test_new_session_close_clears_session_and_fatal_is_terminal() -> None:
    proto, twin = client(), ServerTwin()
    identify(proto, twin)
    assert proto.connection_lost(4009) is CloseAction.NEW_SESSION
    assert not proto.can_resume
    assert proto.connect_url("wss://g").startswith("wss://g/")
    connect(proto, twin)
    assert proto.connection_lost(4014) is CloseAction.FATAL
    assert proto.state is ShardState.CLOSED


def test_server_ops() -> None:
    proto, twin = client(), ServerTwin()
    identify(proto, twin)
    assert proto.receive(twin.frame(1), 1.0) == [HeartbeatRequested()]
    assert proto.receive(twin.frame(99, {"x": 1}), 1.0) == []  # unknown ops are ignored


def test_payload_over_4096_bytes_is_refused() -> None:
    proto = client()
    assert len(proto.encode(3, {"x": "a" * 4000})) <= 4096
    with pytest.raises(ValueError, match="4096"):
        proto.encode(3, {"x": "a" * 4096})


@pytest.mark.parametrize(
    "payload",
    [
        {"op": 0, "t": "X", "s": 1, "d": {}},  # dispatch before HELLO
        {"op": 10, "d": {"heartbeat_interval": "soon"}},
        {"op": 10, "d": {"heartbeat_interval": -5}},
        {"op": 10, "d": None},
        {"op": "0"},
        [1, 2],
    ],
)
def test_bad_frames_are_transport_errors(payload: object) -> None:
    proto = client(None)
    proto.connection_made(0.0)
    with pytest.raises(GatewayTransportError):
        proto.receive(orjson.dumps(payload), 0.0)


def test_second_hello_is_a_protocol_violation() -> None:
    proto, twin = client(), ServerTwin()
    connect(proto, twin)
    with pytest.raises(GatewayTransportError, match="HELLO"):
        proto.receive(twin.hello(), 0.0)


def test_zlib_message_split_across_frames() -> None:
    proto = client()
    proto.connection_made(0.0)
    deflater = zlib.compressobj()
    data = deflater.compress(b'{"op":10,"d":{"heartbeat_interval":1000}}') + deflater.flush(
        zlib.Z_SYNC_FLUSH
    )
    assert proto.receive(data[:5], 0.0) == []
    assert proto.receive(data[5:-1], 0.0) == []
    # The flush marker itself is split: the last frame is one byte.
    assert proto.receive(data[-1:], 0.0) == [Hello(1.0, resume=False)]


@pytest.mark.parametrize(
    ("payload", "match"),
    [
        ({"op": False, "t": "X", "s": 3, "d": {}}, "op must be an int"),
        ({"op": 0.0, "t": "X", "s": 3, "d": {}}, "op must be an int"),
        ({"op": 0, "t": 5, "s": 3, "d": {}}, "t must be a string"),
        ({"op": 0, "t": "X", "s": "3", "d": {}}, "s must be an int"),
        ({"op": 0, "t": "X", "s": True, "d": {}}, "s must be an int"),
        ({"op": 0, "t": "X", "s": 3, "d": []}, "d must be an object"),
        ({"op": 0, "t": "READY", "s": 3, "d": {"session_id": "s"}}, "READY"),
        ({"op": 0, "t": "RESUMED", "s": 3, "d": {}}, "RESUMED"),
    ],
)
def test_short_path_keeps_every_check(payload: dict[str, object], match: str) -> None:
    # A connected session at sequence 2: each frame would be the next one (s=3) if well formed.
    proto, twin = client(None), ServerTwin(None)
    identify(proto, twin)
    proto.receive(twin.dispatch("MESSAGE_CREATE", {"id": "5"}), 1.0)
    assert proto.sequence == 2
    with pytest.raises(GatewayTransportError, match=match):
        proto.receive(orjson.dumps(payload), 2.0)
    assert proto.sequence == 2


def test_short_path_sequence_rules(caplog: pytest.LogCaptureFixture) -> None:
    proto, twin = client(), ServerTwin()
    identify(proto, twin)  # READY is 1
    frame = twin.dispatch("MESSAGE_CREATE", {"id": "5"})
    assert proto.receive(frame, 1.0) == [Dispatch("MESSAGE_CREATE", 2, {"id": "5"})]
    replay = {"op": 0, "t": "MESSAGE_CREATE", "s": 2, "d": {"id": "5"}}
    plain = client(None)
    plain_twin = ServerTwin(None)
    identify(plain, plain_twin)
    assert plain.receive(orjson.dumps({**replay, "s": 2}), 1.0) != []
    assert plain.receive(orjson.dumps(replay), 1.0) == []  # a replay is dropped
    with caplog.at_level("WARNING", logger="anycord.gateway"):
        jumped = plain.receive(orjson.dumps({**replay, "s": 9}), 1.0)
        limited = plain.receive(
            orjson.dumps({"op": 0, "t": "RATE_LIMITED", "s": 10, "d": {"opcode": 8}}), 1.0
        )
    assert jumped == [Dispatch("MESSAGE_CREATE", 9, {"id": "5"})]
    assert limited == [Dispatch("RATE_LIMITED", 10, {"opcode": 8})]
    assert plain.sequence == 10
    messages = [r.getMessage() for r in caplog.records]
    assert any("jumped from 2 to 9" in m for m in messages)
    # A null sequence is allowed and leaves the number alone.
    assert plain.receive(orjson.dumps({**replay, "s": None}), 1.0) == [
        Dispatch("MESSAGE_CREATE", None, {"id": "5"})
    ]
    assert plain.sequence == 10


@pytest.mark.parametrize("compression", ["zlib-stream", None])
def test_text_is_parsed_from_its_utf8_and_invalid_utf8_is_refused(compression: str | None) -> None:
    # The frame reader hands text over undecoded (a bytearray): orjson checks the UTF-8.
    proto, twin = client(compression), ServerTwin(compression)
    identify(proto, twin)  # READY is 1
    with pytest.raises(GatewayTransportError, match="frame is not UTF-8 text"):
        proto.receive(bytearray(b'{"op":0,"t":"X","s":2,"d":{"a":"\xc3\x28"}}'), 1.0)
    assert proto.sequence == 1
    good = bytearray('{"op":0,"t":"X","s":2,"d":{"a":"é"}}'.encode())
    assert proto.receive(good, 1.0) == [Dispatch("X", 2, {"a": "é"})]
    with pytest.raises(GatewayTransportError, match="not valid JSON"):
        proto.receive(bytearray(b'{"op":0,'), 1.0)


def test_an_inflated_message_that_is_not_utf8_is_refused() -> None:
    proto = client()
    proto.connection_made(0.0)
    deflater = zlib.compressobj()
    data = deflater.compress(b'{"op":10,"d":"\xff"}') + deflater.flush(zlib.Z_SYNC_FLUSH)
    with pytest.raises(GatewayTransportError, match="frame is not UTF-8 text"):
        proto.receive(data, 0.0)


@pytest.mark.parametrize("compression", ["zlib-stream", None])
def test_receive_dispatch_returns_the_short_path_bare_and_the_rest_as_receive_does(
    compression: str | None,
) -> None:
    proto, twin = client(compression), ServerTwin(compression)
    twin.new_connection()
    proto.connection_made(0.0)
    assert proto.receive_dispatch(twin.hello(), 0.0) == [Hello(41.25, resume=False)]
    (ready,) = twin.handle(proto.identify())
    events = proto.receive_dispatch(ready, 0.0)
    assert isinstance(events, list)
    assert [type(e) for e in events] == [Dispatch, HandshakeComplete]
    frame = twin.dispatch("MESSAGE_CREATE", {"id": "5"})
    assert proto.receive_dispatch(frame, 1.0) == Dispatch("MESSAGE_CREATE", 2, {"id": "5"})
    assert type(proto.receive_dispatch(twin.dispatch("X", {}), 1.0)) is Dispatch
    assert proto.stats.events["MESSAGE_CREATE"] == 1
    replay = orjson.dumps({"op": 0, "t": "X", "s": 3, "d": {}})
    if compression is None:
        assert proto.receive_dispatch(replay, 1.0) == []  # dropped: already seen
    assert proto.sequence == 3
