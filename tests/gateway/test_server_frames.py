"""Reading a server's websocket frames: whatever the split, the same messages as wsproto
frames them; anything RFC 6455 forbids, or an oversized message, is a GatewayTransportError."""

from __future__ import annotations

import contextlib
import typing

import pytest
from hypothesis import given
from hypothesis import strategies as st
from wsproto.frame_protocol import FrameProtocol

from anycord.errors import GatewayTransportError
from anycord.gateway.frames import CLOSE, PING, PONG, Control, FrameReader

Item = typing.Union[bytes, str, Control]  # noqa: UP007 - a runtime alias, read by isinstance
Read = typing.Union[bytes, bytearray, Control]  # noqa: UP007 - what the reader gives back
messages = st.lists(
    st.one_of(
        st.binary(max_size=300),
        st.text(max_size=100),
        st.binary(max_size=125).map(lambda b: Control(PING, b)),
    ),
    max_size=12,
)


def server_bytes(items: list[Item], fragment: int) -> bytes:
    """`items` framed by wsproto's server side, data messages cut into frames of `fragment`
    bytes (or characters)."""
    server = FrameProtocol(client=False, extensions=[])
    out = bytearray()
    for item in items:
        if isinstance(item, Control):
            out += server.ping(item.payload)
            continue
        chunks = [item[i : i + fragment] for i in range(0, len(item), fragment)] or [item]
        for index, chunk in enumerate(chunks):
            out += server.send_data(chunk, fin=index == len(chunks) - 1)
    return bytes(out)


def typed(items: typing.Sequence[Item | Read]) -> list[tuple[type, object]]:
    """Items as the reader returns them, with their types (`bytearray(b"a") == b"a"`, so
    a plain comparison would not tell text from binary): text is a bytearray of UTF-8."""
    read = [bytearray(i.encode()) if isinstance(i, str) else i for i in items]
    return [(type(i), i) for i in read]


def read_all(reader: FrameReader, data: bytes, cuts: list[int]) -> list[Read]:
    got: list[Read] = []
    start = 0
    for cut in [*sorted(c % (len(data) + 1) for c in cuts), len(data)]:
        reader.feed(data[start:cut])
        start = max(start, cut)
        got.extend(next_items(reader))
    return got


def next_items(reader: FrameReader) -> list[Read]:
    """Everything `drain` returns until it needs more bytes, control frames in place."""
    got: list[Read] = []
    while True:
        out: list[bytes | bytearray] = []
        control = reader.drain(out)
        got += out
        if control is None:
            return got
        got.append(control)


def drain(reader: FrameReader) -> None:
    next_items(reader)


@given(messages, st.integers(1, 400), st.lists(st.integers(0, 10_000), max_size=8))
def test_any_split_gives_the_messages_back(
    items: list[Item], fragment: int, cuts: list[int]
) -> None:
    data = server_bytes(items, fragment)
    assert typed(read_all(FrameReader(1 << 20), data, cuts)) == typed(items)


@given(st.binary(max_size=200), st.lists(st.integers(0, 300), max_size=4))
def test_garbage_is_messages_or_a_transport_error(data: bytes, cuts: list[int]) -> None:
    with contextlib.suppress(GatewayTransportError):
        read_all(FrameReader(1000), data, cuts)


def test_an_oversized_message_is_refused_from_its_header() -> None:
    reader = FrameReader(100)
    # A binary frame announcing 2**40 bytes: refused before any payload arrives.
    reader.feed(bytes([0x82, 127]) + (1 << 40).to_bytes(8, "big"))
    with pytest.raises(GatewayTransportError, match="over 100 bytes"):
        drain(reader)
    fragments = FrameReader(100)
    fragments.feed(server_bytes([b"x" * 101], fragment=60))
    with pytest.raises(GatewayTransportError, match="over 100 bytes"):
        drain(fragments)


@pytest.mark.parametrize(
    "frame",
    [
        bytes([0x82 | 0x40, 0]),  # RSV1 without an extension
        bytes([0x82, 0x80, 1, 2, 3, 4]),  # masked by the server
        bytes([0x83, 0]),  # opcode 3 is reserved
        bytes([0x80, 0]),  # a continuation with no message started
        bytes([0x01, 1, 65, 0x81, 0]),  # a new message inside a fragmented one
        bytes([0x09, 0]),  # a fragmented ping
        bytes([0x89, 126, 0, 126]) + b"x" * 126,  # a ping over 125 bytes
    ],
)
def test_frames_a_server_may_not_send(frame: bytes) -> None:
    reader = FrameReader(1000)
    reader.feed(frame)
    with pytest.raises(GatewayTransportError, match="protocol error"):
        drain(reader)


def test_close_and_pong_frames_are_returned_as_control() -> None:
    server = FrameProtocol(client=False, extensions=[])
    reader = FrameReader(1000)
    reader.feed(bytes(server.pong(b"p")) + bytes(server.close(4004, "auth")))
    out: list[bytes | bytearray] = []
    assert reader.drain(out) == Control(PONG, b"p")
    assert reader.drain(out) == Control(CLOSE, (4004).to_bytes(2, "big") + b"auth")
    assert reader.drain(out) is None
    assert out == []


def test_drain_stops_at_a_control_frame_and_keeps_what_follows() -> None:
    server = FrameProtocol(client=False, extensions=[])
    reader = FrameReader(1000)
    reader.feed(
        bytes(server.send_data(b"one", fin=True))
        + bytes(server.ping(b"p"))
        + bytes(server.send_data("two", fin=True))
        + bytes(server.send_data(b"thr", fin=True))[:3]
    )
    out: list[bytes | bytearray] = []
    assert reader.drain(out) == Control(PING, b"p")
    assert typed(out) == typed([b"one"])
    assert reader.drain(out) is None
    assert typed(out) == typed([b"one", "two"])
    reader.feed(bytes(server.send_data(b"thr", fin=True))[3:])
    assert reader.drain(out) is None
    assert typed(out) == typed([b"one", "two", b"thr"])


def test_text_is_handed_over_undecoded_whole_or_fragmented() -> None:
    # Invalid UTF-8 too: the JSON decoder refuses it (tests/gateway/test_protocol.py).
    reader = FrameReader(1000)
    reader.feed(bytes([0x81, 2, 0xC3, 0x28]) + bytes([0x01, 1, 0xC3, 0x80, 1, 0xA9]))
    assert typed(next_items(reader)) == typed([bytearray(b"\xc3\x28"), bytearray(b"\xc3\xa9")])
