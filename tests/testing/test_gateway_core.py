"""The fake gateway's rules as pure state: windows, identify buckets, sessions, compression."""

from __future__ import annotations

import typing
import zlib

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from anycord.intents import Intents
from anycord.testing.gateway_core import (
    GatewaySession,
    IdentifyGate,
    SendWindow,
    ZlibStreamDeflater,
    ZstdStreamDeflater,
    check_identify,
    event_intent,
    make_deflater,
    strip_message_content,
)

_times = st.lists(st.floats(min_value=0, max_value=1000, allow_nan=False), max_size=400).map(sorted)


@given(_times)
def test_send_window_refuses_exactly_when_a_60_s_span_holds_more_than_120(
    times: list[float],
) -> None:
    window = SendWindow(120, 60.0)
    accepted: list[float] = []
    for now in times:
        expected = sum(1 for t in [*accepted, now] if t > now - 60.0) <= 120
        assert window.record(now) is expected
        accepted.append(now)


@given(
    st.integers(min_value=1, max_value=16),
    st.lists(
        st.tuples(st.integers(min_value=0, max_value=63), st.floats(min_value=0, max_value=30)),
        max_size=60,
    ),
)
def test_identify_gate_one_per_bucket_per_5_s(
    max_concurrency: int, attempts: list[tuple[int, float]]
) -> None:
    gate = IdentifyGate(max_concurrency=max_concurrency, total=10_000)
    admitted: list[tuple[float, int]] = []
    now = 0.0
    for shard_id, gap in attempts:
        now += gap
        verdict = gate.admit(shard_id, now)
        bucket = shard_id % max_concurrency
        clash = any(b == bucket and now - t < 5.0 for t, b in admitted)
        assert verdict == ("rate_limited" if clash else "ok")
        if verdict == "ok":
            admitted.append((now, bucket))
    assert gate.remaining == 10_000 - len(admitted)


def test_identify_gate_budget_resets_a_day_after_the_first_start() -> None:
    gate = IdentifyGate(max_concurrency=1, total=2)
    assert gate.admit(0, 0.0) == "ok"
    assert gate.admit(0, 10.0) == "ok"
    assert gate.admit(0, 20.0) == "exhausted"
    assert gate.session_start_limit(20.0) == {
        "total": 2,
        "remaining": 0,
        "reset_after": 86_380_000,
        "max_concurrency": 1,
    }
    assert gate.admit(0, 86_399.0) == "exhausted"
    assert gate.admit(0, 86_400.0) == "ok"
    assert gate.remaining == 1


def test_session_replay_buffer_is_bounded_and_skips_the_handshake() -> None:
    session = GatewaySession(session_id="s", shard_id=0, shard_count=1, intents=0, replay_limit=5)
    session.push("READY", b"{}")
    for n in range(3):
        session.push("X", str(n).encode())
    assert [s for s, _ in session.frames_after(1)] == [2, 3, 4]
    assert [s for s, _ in session.frames_after(0, replay_until=4)] == [2, 3, 4]
    assert [s for s, _ in session.frames_after(0)] == [1, 2, 3, 4]
    frame = orjson.loads(session.frames_after(3)[0][1])
    assert frame == {"op": 0, "t": "X", "s": 4, "d": 2}
    for _ in range(4):
        session.push("X", b"null")
    assert session.seq == 8
    assert [s for s, _, _ in session.frames] == [4, 5, 6, 7, 8]
    assert session.can_replay_from(3)
    assert not session.can_replay_from(2)  # event 3 is gone
    assert not session.can_replay_from(9)  # the future
    assert session.can_replay_from(8)


def test_session_expiry() -> None:
    session = GatewaySession(session_id="s", shard_id=0, shard_count=1, intents=0)
    assert not session.expired(1e9, 300)
    session.disconnected_at = 100.0
    assert not session.expired(400.0, 300)
    assert session.expired(400.5, 300)


@pytest.mark.parametrize("deflater_type", [ZlibStreamDeflater, ZstdStreamDeflater])
def test_each_message_decodes_at_once_from_one_shared_context(deflater_type: type) -> None:
    import zstandard

    deflater = deflater_type()
    inflate: typing.Callable[[bytes], bytes]
    if deflater_type is ZlibStreamDeflater:
        inflate = zlib.decompressobj().decompress
    else:
        inflate = zstandard.ZstdDecompressor().decompressobj().decompress
    messages = [orjson.dumps({"op": 0, "n": n, "pad": "abc" * n}) for n in range(50)]
    for message in messages:
        data = deflater.compress(message)
        if deflater_type is ZlibStreamDeflater:
            assert data.endswith(b"\x00\x00\xff\xff")
        assert inflate(data) == message
    # Shared context: repeated content compresses far better the second time.
    again = deflater.compress(messages[-1])
    assert len(again) < len(messages[-1]) // 3


def test_our_gateway_inflaters_read_the_fake_output() -> None:
    compression = pytest.importorskip("anycord.gateway.compression")
    for name, deflater in (
        ("zlib-stream", ZlibStreamDeflater()),
        ("zstd-stream", ZstdStreamDeflater()),
    ):
        inflater = compression.make_inflater(name)
        for n in range(20):
            message = orjson.dumps({"op": 0, "d": {"n": n}})
            assert inflater.feed(deflater.compress(message)) == message


def test_make_deflater_names_a_bad_value() -> None:
    assert make_deflater(None) is None
    with pytest.raises(ValueError, match="'gzip'"):
        make_deflater("gzip")


_OK = {"token": "t", "intents": 1, "properties": {"os": "a", "browser": "b", "device": "c"}}


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({}, None),
        ({"token": "u"}, 4004),
        ({"shard": [1, 1]}, 4010),
        ({"shard": [0, 0]}, 4010),
        ({"shard": [True, 2]}, 4010),
        ({"intents": 1 << 30}, 4013),
        ({"intents": -1}, 4013),
        ({"intents": True}, 4013),
        ({"intents": int(Intents.GUILD_MEMBERS)}, 4014),
        ({"properties": None}, 4002),
        ({"compress": "yes"}, 4002),
        ({"large_threshold": 251}, 4002),
        ({"intents": "513"}, None),
    ],
)
def test_check_identify_codes(change: dict[str, object], code: int | None) -> None:
    rejection, *_ = check_identify({**_OK, **change}, token="t", enabled_privileged=0)
    assert (rejection.code if rejection else None) == code


def test_sharding_required_past_2500_guilds_on_a_shard() -> None:
    guilds = [(n << 22) for n in range(2501)]
    rejection, *_ = check_identify(_OK, token="t", enabled_privileged=0, guild_ids=guilds)
    assert rejection is not None
    assert rejection.code == 4011
    ok, *_ = check_identify(
        {**_OK, "shard": [0, 2]}, token="t", enabled_privileged=0, guild_ids=guilds
    )
    assert ok is None


def test_event_intents() -> None:
    assert event_intent("MESSAGE_CREATE", in_guild=True) == Intents.GUILD_MESSAGES
    assert event_intent("MESSAGE_CREATE", in_guild=False) == Intents.DIRECT_MESSAGES
    assert event_intent("GUILD_MEMBER_ADD", in_guild=True) == Intents.GUILD_MEMBERS
    assert event_intent("MESSAGE_DELETE_BULK", in_guild=False) is None
    assert event_intent("INTERACTION_CREATE", in_guild=True) == 0
    assert event_intent("READY", in_guild=False) == 0


def test_strip_message_content_keeps_own_and_mentioning_messages() -> None:
    message = {"content": "x", "embeds": [{}], "author": {"id": "5"}, "mentions": [], "poll": {}}
    stripped = strip_message_content(message, bot_id=9)
    assert stripped["content"] == ""
    assert stripped["embeds"] == []
    assert "poll" not in stripped
    assert message["content"] == "x"
    assert strip_message_content({**message, "author": {"id": "9"}}, bot_id=9)["content"] == "x"
    mentioning = {**message, "mentions": [{"id": "9"}]}
    assert strip_message_content(mentioning, bot_id=9)["content"] == "x"
