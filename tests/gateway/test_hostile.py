"""Hypothesis: whatever a server sends, the protocol yields events or a GatewayTransportError."""

from __future__ import annotations

import contextlib
import zlib

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from anycord.errors import GatewayTransportError
from anycord.gateway.compression import ZlibStreamInflater, ZstdStreamInflater
from anycord.gateway.protocol import GatewayProtocol
from anycord.intents import Intents

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False)
    | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=10,
)
payloads = st.fixed_dictionaries(
    {},
    optional={
        "op": st.sampled_from([0, 1, 7, 9, 10, 11, 99, "0", None, 1.5, True]),
        "d": json_values,
        "s": st.one_of(st.none(), st.integers(-(2**63), 2**63 - 1), st.text(max_size=3)),
        "t": st.one_of(st.none(), st.sampled_from(["READY", "RESUMED", "X"]), st.integers(0, 9)),
    },
)


def fresh(compression: str | None) -> GatewayProtocol:
    proto = GatewayProtocol(token="t" * 20, intents=Intents.GUILDS, compression=compression)  # type: ignore[arg-type]
    proto.connection_made(0.0)
    return proto


@settings(max_examples=300, deadline=None)
@given(st.lists(payloads | json_values, min_size=1, max_size=6))
def test_wrong_shapes_never_escape_as_other_errors(frames: list[object]) -> None:
    proto = fresh(None)
    for frame in frames:
        try:
            proto.receive(orjson.dumps(frame), 1.0)
        except GatewayTransportError:
            return


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_garbage_bytes(data: bytes) -> None:
    for compression in (None, "zlib-stream", "zstd-stream"):
        proto = fresh(compression)
        try:
            proto.receive(data + b"\x00\x00\xff\xff", 0.0)
            proto.receive(data, 0.0)
        except GatewayTransportError:
            pass


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=60), st.integers(min_value=0, max_value=255))
def test_truncated_or_corrupted_zlib(cut: int, flip: int) -> None:
    deflater = zlib.compressobj()
    body = orjson.dumps({"op": 10, "d": {"heartbeat_interval": 41250}, "pad": "x" * 50})
    data = bytearray(deflater.compress(body) + deflater.flush(zlib.Z_SYNC_FLUSH))
    truncated = bytes(data[: max(len(data) - 4 - cut, 0)]) + b"\x00\x00\xff\xff"
    data[min(cut, len(data) - 5)] ^= flip
    for frame in (truncated, bytes(data)):
        proto = fresh("zlib-stream")
        with contextlib.suppress(GatewayTransportError):
            proto.receive(frame, 0.0)


def test_inflaters_bound_memory() -> None:
    deflater = zlib.compressobj()
    bomb = deflater.compress(b"{" + b" " * 5_000_000) + deflater.flush(zlib.Z_SYNC_FLUSH)
    inflater = ZlibStreamInflater(max_size=1_000_000)
    with pytest.raises(GatewayTransportError, match="1000000"):
        inflater.feed(bomb)
    unflushed = ZlibStreamInflater(max_size=100)
    unflushed.feed(b"x" * 60)
    with pytest.raises(GatewayTransportError):
        unflushed.feed(b"x" * 60)
    import zstandard

    compressor = zstandard.ZstdCompressor().compressobj()
    big = compressor.compress(b"a" * 2_000_000) + compressor.flush(
        zstandard.COMPRESSOBJ_FLUSH_BLOCK
    )
    with pytest.raises(GatewayTransportError):
        ZstdStreamInflater(max_size=1_000_000).feed(big)
