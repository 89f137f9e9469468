"""HTTP/1.1 for a client, sans-IO: request heads out, response heads and bodies in.

Made for the REST hot path (`pool.py`), where h11's general state machine costs more than
the rest of a request; it is proven against h11 in tests (h11 serializes, this parses).
Only what a client needs: no request parsing, no pipelining, no upgrades.

`parse_head()` reads a response head (status line and header lines, without the blank
line that ends it); `framing()` says how its body ends (RFC 9112 §6.3); `ChunkedDecoder`
decodes a chunked body incrementally. They are strict where a lax reading could let the
server (or anything between) make the client misread where one response ends and the next
begins: the head is bounded, header names must be tokens, obsolete line folding and bare
control characters are refused, `Content-Length` must be digits (repeats must agree), and
`Transfer-Encoding` together with `Content-Length` is refused. Every refusal raises
`ProtocolError`; the connection must not be reused after it.
"""

from __future__ import annotations

import re
import typing

__all__ = [
    "MAX_HEAD",
    "MAX_HEADERS",
    "ChunkedDecoder",
    "Framing",
    "ProtocolError",
    "ResponseHead",
    "framing",
    "parse_head",
    "raw_request_head",
    "request_head",
]

MAX_HEAD: typing.Final = 64 * 1024
"""The longest response head accepted, in bytes."""
MAX_HEADERS: typing.Final = 128
"""The most header lines accepted in one response head."""

_STATUS_LINE = re.compile(rb"HTTP/1\.([01]) ([0-9]{3})(?: ([\t !-~\x80-\xff]*))?")
_TOKEN = re.compile(rb"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_BAD_VALUE = re.compile(rb"[\x00-\x08\x0a-\x1f\x7f]")
_HEADER_LINE_PATTERN = rb"[!#$%&'*+\-.^_`|~0-9A-Za-z]+:[\t\x20-\x7e\x80-\xff]*"
_HEADER_LINE = re.compile(_HEADER_LINE_PATTERN)
_HEADER_BLOCK = re.compile(rb"%s(?:\n%s)*" % (_HEADER_LINE_PATTERN, _HEADER_LINE_PATTERN))
_CHUNK_SIZE = re.compile(rb"([0-9A-Fa-f]{1,16})[ \t]*(?:;[^\r\n]*)?")
_UNSAFE_TARGET = re.compile(r"[^!-~]")
_UNSAFE_RAW_TARGET = re.compile(rb"[^!-~]")
_UNSAFE_VALUE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
_NAME = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")


class ProtocolError(Exception):
    """The peer (or the caller, for a request) broke HTTP/1.1; the connection is unusable."""


class ResponseHead(typing.NamedTuple):
    """A parsed response head. Header names are lower-cased; values keep their bytes."""

    http_minor: int
    status: int
    reason: bytes
    headers: list[tuple[bytes, bytes]]


def parse_head(head: bytes) -> ResponseHead:
    """Parse a response head: everything before the blank line, without it.

    Lines end with CRLF (a bare LF is accepted, as RFC 9112 allows a recipient to).
    """
    if len(head) > MAX_HEAD:
        msg = f"response head over {MAX_HEAD} bytes"
        raise ProtocolError(msg)
    lines = head.replace(b"\r\n", b"\n").split(b"\n")
    if len(lines) > MAX_HEADERS + 1:
        msg = f"more than {MAX_HEADERS} header lines"
        raise ProtocolError(msg)
    match = _STATUS_LINE.fullmatch(lines[0])
    if match is None:
        msg = f"malformed status line {lines[0][:80]!r}"
        raise ProtocolError(msg)
    del lines[0]
    # One pass over the whole block checks every line's grammar (C speed), so the loop
    # below only splits: a token name, a colon, a value with no control character. This
    # also refuses obsolete line folding (a line starting with whitespace).
    if lines and _HEADER_BLOCK.fullmatch(b"\n".join(lines)) is None:
        for line in lines:
            if _HEADER_LINE.fullmatch(line) is None:
                msg = f"malformed header line {line[:80]!r}"
                raise ProtocolError(msg)
    headers = [
        (name.lower(), value.strip(b" \t"))
        for name, _, value in (line.partition(b":") for line in lines)
    ]
    return ResponseHead(int(match[1]), int(match[2]), match[3] or b"", headers)


class Framing(typing.NamedTuple):
    """How a response body ends: `length` bytes, `chunked`, or at connection close."""

    length: int | None
    chunked: bool
    keep_alive: bool
    """Whether the connection may carry another request after this response."""


def framing(head: ResponseHead, method: bytes) -> Framing:
    """RFC 9112 §6.3 for a response to `method`, plus whether the connection stays open."""
    length: int | None = None
    chunked = False
    keep_alive = head.http_minor == 1
    seen_length = False
    for name, value in head.headers:
        if name == b"content-length":
            for part in value.split(b","):
                part = part.strip(b" \t")
                if not part.isdigit() or not part.isascii() or len(part) > 18:
                    msg = f"invalid Content-Length {value[:40]!r}"
                    raise ProtocolError(msg)
                number = int(part)
                if seen_length and number != length:
                    msg = "conflicting Content-Length values"
                    raise ProtocolError(msg)
                length, seen_length = number, True
        elif name == b"transfer-encoding":
            codings = [c.strip(b" \t").lower() for c in value.split(b",")]
            if codings[-1] != b"chunked" or b"chunked" in codings[:-1] or chunked:
                msg = f"unsupported Transfer-Encoding {value[:40]!r}"
                raise ProtocolError(msg)
            chunked = True
        elif name == b"connection":
            options = {o.strip(b" \t").lower() for o in value.split(b",")}
            if b"close" in options:
                keep_alive = False
            elif b"keep-alive" in options:
                keep_alive = True
    status = head.status
    if method == b"HEAD" or status in (204, 304) or 100 <= status < 200:
        return Framing(0, False, keep_alive)
    if chunked and seen_length:
        msg = "both Transfer-Encoding and Content-Length"
        raise ProtocolError(msg)
    if chunked:
        return Framing(None, True, keep_alive)
    if seen_length:
        return Framing(length, False, keep_alive)
    return Framing(None, False, False)


class ChunkedDecoder:
    """Decodes a chunked body: `feed()` bytes as they arrive, until `done`.

    `feed` returns the body bytes decoded so far from that input; once `done`, `leftover`
    holds bytes received past the body's end (a well-behaved server sends none).
    """

    __slots__ = ("_buffer", "_remaining", "_state", "done", "leftover")

    _MAX_LINE: typing.Final = 4096

    def __init__(self) -> None:
        self._buffer = b""
        self._remaining = 0
        self._state = "size"
        self.done = False
        self.leftover = b""

    def feed(self, data: bytes) -> bytes:
        """Decode `data`; returns the body bytes it completed."""
        buffer = self._buffer + data
        out: list[bytes] = []
        while buffer:
            if self._state == "data":
                take = buffer[: self._remaining]
                out.append(take)
                self._remaining -= len(take)
                buffer = buffer[len(take) :]
                if self._remaining == 0:
                    self._state = "crlf"
                continue
            end = buffer.find(b"\n")
            if end < 0:
                if len(buffer) > self._MAX_LINE:
                    msg = "chunked body line too long"
                    raise ProtocolError(msg)
                break
            line = buffer[:end].removesuffix(b"\r")
            buffer = buffer[end + 1 :]
            if self._state == "size":
                match = _CHUNK_SIZE.fullmatch(line)
                if match is None:
                    msg = f"malformed chunk size line {line[:40]!r}"
                    raise ProtocolError(msg)
                self._remaining = int(match[1], 16)
                self._state = "data" if self._remaining else "trailer"
            elif self._state == "crlf":
                if line:
                    msg = "chunk data longer than its size"
                    raise ProtocolError(msg)
                self._state = "size"
            elif not line:
                self.done = True
                self.leftover = buffer
                buffer = b""
                break
        self._buffer = buffer
        return b"".join(out)


def request_head(
    method: str, target: str, host: str, headers: typing.Iterable[tuple[str, str]]
) -> bytes:
    """A request head (with its blank line), checked so that nothing can inject a line.

    Raises `ProtocolError` for a target or header value with a control character or a
    space in the target, and `UnicodeEncodeError` is turned into one too (header values are
    Latin-1, targets ASCII: percent-encode first).
    """
    if _UNSAFE_TARGET.search(target) is not None:
        msg = "request target with a space, a control or a non-ASCII character"
        raise ProtocolError(msg)
    parts = [method, " ", target, " HTTP/1.1\r\nHost: ", host, "\r\n"]
    for name, value in headers:
        if _UNSAFE_VALUE.search(value) is not None or _NAME.fullmatch(name) is None:
            msg = f"invalid request header {name[:40]!r}"
            raise ProtocolError(msg)
        parts += (name, ": ", value, "\r\n")
    parts.append("\r\n")
    try:
        return "".join(parts).encode("latin-1")
    except UnicodeEncodeError:
        msg = "request header outside Latin-1"
        raise ProtocolError(msg) from None


def raw_request_head(
    method: str, raw_target: bytes, headers: typing.Iterable[tuple[bytes, bytes]]
) -> bytes:
    """A request head from bytes already encoded (httpx's), checked as `request_head` is."""
    if _UNSAFE_RAW_TARGET.search(raw_target) is not None or _NAME.fullmatch(method) is None:
        msg = "request target with a space, a control or a non-ASCII character"
        raise ProtocolError(msg)
    lines = [b"%s %s HTTP/1.1\r\n" % (method.encode("ascii"), raw_target)]
    for name, value in headers:
        if _BAD_VALUE.search(value) is not None or _TOKEN.fullmatch(name) is None:
            msg = f"invalid request header {name[:40]!r}"
            raise ProtocolError(msg)
        lines.append(b"%s: %s\r\n" % (name, value))
    lines.append(b"\r\n")
    return b"".join(lines)
