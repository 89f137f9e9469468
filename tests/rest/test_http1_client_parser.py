"""The client's HTTP/1.1 response parser agrees with h11, and refuses hostile input cleanly.

h11 serializes random responses (any status, headers, body, Content-Length or chunked
framing, split at random points); `anycord.rest.http1` must read back exactly what h11 wrote.
Random bytes must either parse or raise `ProtocolError`, never anything else.
"""

from __future__ import annotations

import contextlib

import h11
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from anycord.rest import http1

_names = st.from_regex(r"[A-Za-z][A-Za-z0-9\-]{0,20}", fullmatch=True).filter(
    lambda n: n.lower() not in ("content-length", "transfer-encoding", "connection")
)
_values = st.from_regex(r"[!-~]([ -~]{0,40}[!-~])?", fullmatch=True)


def _h11_response(
    status: int, headers: list[tuple[str, str]], body: bytes, chunks: list[int] | None
) -> bytes:
    conn = h11.Connection(h11.SERVER)
    conn.receive_data(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    conn.next_event()
    conn.next_event()
    if chunks is None:
        headers = [*headers, ("Content-Length", str(len(body)))]
    else:
        headers = [*headers, ("Transfer-Encoding", "chunked")]
    out = conn.send(h11.Response(status_code=status, headers=headers)) or b""
    if chunks is None:
        out += conn.send(h11.Data(data=body)) or b"" if body else b""
    else:
        at = 0
        for size in chunks:
            piece = body[at : at + size]
            at += size
            if piece:
                out += conn.send(h11.Data(data=piece)) or b""
        if at < len(body):
            out += conn.send(h11.Data(data=body[at:])) or b""
    out += conn.send(h11.EndOfMessage()) or b""
    return out


def _read(wire: bytes, cuts: list[int]) -> tuple[http1.ResponseHead, bytes, bytes]:
    """Parse one response the way the pool does, fed in pieces at `cuts`."""
    pieces = [wire[a:b] for a, b in zip([0, *cuts], [*cuts, len(wire)], strict=True)]
    buffer = b""
    while (end := buffer.find(b"\r\n\r\n")) < 0:
        buffer += pieces.pop(0)
    head = http1.parse_head(buffer[:end])
    rest = buffer[end + 4 :] + b"".join(pieces)
    framing = http1.framing(head, b"GET")
    if framing.chunked:
        decoder = http1.ChunkedDecoder()
        body = b""
        for i in range(0, len(rest), 7):
            body += decoder.feed(rest[i : i + 7])
        assert decoder.done
        return head, body, decoder.leftover
    assert framing.length is not None
    return head, rest[: framing.length], rest[framing.length :]


@settings(max_examples=300, deadline=None)
@given(
    status=st.integers(200, 599).filter(lambda s: s not in (204, 304)),
    headers=st.lists(st.tuples(_names, _values), max_size=12),
    body=st.binary(max_size=3000),
    chunks=st.none() | st.lists(st.integers(1, 700), max_size=8),
    data=st.data(),
)
def test_reads_back_what_h11_writes(
    status: int,
    headers: list[tuple[str, str]],
    body: bytes,
    chunks: list[int] | None,
    data: st.DataObject,
) -> None:
    wire = _h11_response(status, headers, body, chunks)
    cuts = sorted(set(data.draw(st.lists(st.integers(1, max(1, len(wire) - 1)), max_size=5))))
    cuts = [c for c in cuts if 0 < c < len(wire)]
    head, got, leftover = _read(wire, cuts)
    assert head.status == status
    assert head.http_minor == 1
    sent = [(n.lower().encode(), v.encode()) for n, v in headers]
    assert head.headers[: len(sent)] == sent
    assert got == body
    assert leftover == b""


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=400))
def test_hostile_heads_raise_protocol_error_only(raw: bytes) -> None:
    try:
        head = http1.parse_head(raw)
        http1.framing(head, b"GET")
    except http1.ProtocolError:
        pass


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=400))
def test_hostile_chunked_bodies_raise_protocol_error_only(raw: bytes) -> None:
    decoder = http1.ChunkedDecoder()
    with contextlib.suppress(http1.ProtocolError):
        decoder.feed(raw)


@pytest.mark.parametrize(
    "head",
    [
        b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6",
        b"HTTP/1.1 200 OK\r\nContent-Length: -1",
        b"HTTP/1.1 200 OK\r\nContent-Length: 1e3",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 5",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, chunked",
        b"HTTP/1.1 200 OK\r\nX-A: 1\r\n folded",
        b"HTTP/1.1 200 OK\r\nBad Name: 1",
        b"HTTP/1.1 200 OK\r\nX-A: a\x00b",
        b"HTTP/2 200 OK",
        b"HTTP/1.1 20 OK",
        b"ICY 200 OK",
    ],
)
def test_smuggling_shapes_are_refused(head: bytes) -> None:
    with pytest.raises(http1.ProtocolError):
        http1.framing(http1.parse_head(head), b"GET")


def test_framing_rules() -> None:
    def frame(head: bytes, method: bytes = b"GET") -> http1.Framing:
        return http1.framing(http1.parse_head(head), method)

    assert frame(b"HTTP/1.1 204 No Content") == http1.Framing(0, False, True)
    assert frame(b"HTTP/1.1 200 OK\r\nContent-Length: 9", b"HEAD").length == 0
    assert frame(b"HTTP/1.1 200 OK") == http1.Framing(None, False, False)
    assert frame(b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2").keep_alive is False
    assert frame(b"HTTP/1.0 200 OK\r\nContent-Length: 2").keep_alive is False
    assert frame(b"HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2").keep_alive
    assert frame(b"HTTP/1.1 200 OK\r\nContent-Length: 3, 3").length == 3


def test_oversized_heads_are_refused() -> None:
    with pytest.raises(http1.ProtocolError):
        http1.parse_head(b"HTTP/1.1 200 OK\r\n" + b"X-A: b\r\n" * 200)
    with pytest.raises(http1.ProtocolError):
        http1.parse_head(b"HTTP/1.1 200 OK\r\nX-A: " + b"b" * http1.MAX_HEAD)


@pytest.mark.parametrize(
    ("target", "headers"),
    [
        ("/a b", []),
        ("/a\r\nX-Evil: 1", []),
        ("/é", []),
        ("/", [("X-A", "v\r\nX-Evil: 1")]),
        ("/", [("X A", "v")]),
        ("/", [("X-A", "☃")]),
    ],
)
def test_request_heads_cannot_be_injected(target: str, headers: list[tuple[str, str]]) -> None:
    with pytest.raises(http1.ProtocolError):
        http1.request_head("GET", target, "h", headers)


def test_request_head_is_what_h11_reads() -> None:
    head = http1.request_head(
        "POST", "/api/v10/x?a=1", "example.com", [("Content-Length", "2"), ("X-A", "b c")]
    )
    conn = h11.Connection(h11.SERVER)
    conn.receive_data(head + b"{}")
    event = conn.next_event()
    assert isinstance(event, h11.Request)
    assert event.method == b"POST"
    assert event.target == b"/api/v10/x?a=1"
    assert (b"host", b"example.com") in list(event.headers)
    assert (b"x-a", b"b c") in list(event.headers)
