"""The built-in HTTP/1.1 server's request framing and head grammar, with no IO.

`split_head(buffer)` finds where the next request head ends in the bytes a connection has
received; `parse_head(head)` checks that head against the grammar and reads what the server
acts on (method, target, headers, body length, keep-alive). Both raise `Rejected` with the
status to answer. `serve_http11` calls exactly these two functions, and the parser test
drives them against h11 as an oracle.

Where this parser is stricter than RFC 9112 (and h11), on purpose (each rule is listed, with
its reason, in docs/security.md and tests/interactions/test_http11_oracle.py):

- a bare LF as a line end is **400** (RFC 9112 §2.2 lets a recipient accept it; proxies
  disagree about it, which is how requests are smuggled), and it is answered as soon as
  it arrives, not when the head would have ended;
- obsolete line folding is **400** (§5.2 allows either);
- `Transfer-Encoding` in any form is **411** (Discord sends `Content-Length` bodies; no
  chunked parser, no disagreement about where a body ends);
- `Content-Length` given twice, even with the same value, or as a list, is **400**;
  more than 18 digits is **400**;
- a control character other than HTAB in a field value is **400** (h11 accepts all but
  NUL, CR and LF); only HTTP/1.0 and HTTP/1.1 parse (h11 reads any `HTTP/d.d`);
- heads over 16 KiB or with more than 100 header lines are **431**;
- a first byte that cannot begin a method is **400** as soon as it arrives.

And where it is more lenient than h11: up to `MAX_EMPTY_LINES` empty lines (CRLF) before a
request line are skipped, as RFC 9112 §2.2 asks of a server (h11 refuses the first one), and
an HTTP/1.0 request with `Connection: keep-alive` keeps its connection (h11 closes it).
"""

from __future__ import annotations

import re
import typing

__all__ = [
    "MAX_EMPTY_LINES",
    "MAX_HEAD",
    "MAX_HEADERS",
    "Head",
    "Rejected",
    "parse_head",
    "split_head",
]

MAX_HEAD: typing.Final = 16 * 1024
"""The largest request head, in bytes (431 above it)."""
MAX_HEADERS: typing.Final = 100
"""The most header lines in one head (431 above it)."""
MAX_EMPTY_LINES: typing.Final = 8
"""Empty lines (CRLF) skipped before a request line; one more is 400."""

_TOKEN: typing.Final = rb"[-!#$%&'*+.^_`|~0-9A-Za-z]+"
_HEAD: typing.Final = re.compile(
    _TOKEN + rb" [\x21-\x7e]+ HTTP/1\.[01](?:\r\n" + _TOKEN + rb":[\t\x20-\x7e\x80-\xff]*)*"
)
"""request-line *( CRLF field-line ), RFC 9112 §2.1, without obsolete folding or CTLs."""
_TOKEN_BYTES: typing.Final = frozenset(
    b"-!#$%&'*+.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
)
"""The bytes a request line can begin with (a method is a token)."""
_SPECIAL: typing.Final = frozenset(
    {
        b"content-length",
        b"transfer-encoding",
        b"host",
        b"connection",
        b"expect",
        b"content-type",
        b"x-signature-ed25519",
        b"x-signature-timestamp",
    }
)
"""The header names the server itself acts on (or hands to `AsgiAdapter.check_head`)."""


class Rejected(Exception):
    """A request the server answers itself (`status`, `text`), then closes the connection."""

    def __init__(self, status: int, text: bytes) -> None:
        super().__init__(status)
        self.status = status
        self.text = text


def split_head(buffer: bytes) -> tuple[bytes, bytes] | None:
    """`(head, rest)` when `buffer` holds a whole request head, `None` while it may still come.

    `head` has no leading empty lines and no final CRLF CRLF; `rest` is what follows it (the
    body, then any pipelined requests). Raises `Rejected` for a bare LF line end or a first
    byte no method starts with (both at once, even in an unfinished head), too many leading
    empty lines, or a head over `MAX_HEAD`.
    """
    start = 0
    if buffer.startswith(b"\r\n"):
        while buffer.startswith(b"\r\n", start):
            start += 2
        if start > 2 * MAX_EMPTY_LINES:
            raise Rejected(400, b"Too many empty lines before the request line")
    end = buffer.find(b"\r\n\r\n", start)
    if end < 0:
        # An unfinished head: refuse what can never become valid now, rather than after
        # the request timeout (a bare LF, or one byte too many).
        if buffer.count(b"\n", start) != buffer.count(b"\r\n", start):
            raise Rejected(400, b"Line ends must be CRLF")
        if start < len(buffer) and buffer[start] not in _TOKEN_BYTES and buffer[start:] != b"\r":
            raise Rejected(400, b"Malformed request line")
        if len(buffer) - start > MAX_HEAD:
            raise Rejected(431, b"Request head too large")
        return None
    if end - start > MAX_HEAD:
        raise Rejected(431, b"Request head too large")
    return buffer[start:end], buffer[end + 4 :]


class Head:
    """One parsed request head: what the server and `AsgiAdapter.check_head` need.

    `length` is the declared body length (`-1` when there is no `Content-Length`); header
    names are lower-cased, values stripped of surrounding spaces and tabs.
    """

    __slots__ = (
        "content_type",
        "expect_continue",
        "headers",
        "keep_alive",
        "length",
        "method",
        "signature",
        "target",
        "timestamp",
        "version",
    )

    def __init__(
        self,
        method: bytes,
        target: bytes,
        version: bytes,
        headers: list[tuple[bytes, bytes]],
        length: int,
        keep_alive: bool,
        expect_continue: bool,
        content_type: bytes | None,
        signature: bytes | None,
        timestamp: bytes | None,
    ) -> None:
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.length = length
        self.keep_alive = keep_alive
        self.expect_continue = expect_continue
        self.content_type = content_type
        self.signature = signature
        self.timestamp = timestamp


def parse_head(head: bytes) -> Head:
    """Check `head` (from `split_head`) against the grammar and read it; `Rejected` if bad."""
    if _HEAD.fullmatch(head) is None:
        raise Rejected(400, b"Malformed request head")
    lines = head.split(b"\r\n")
    if len(lines) > MAX_HEADERS + 1:
        raise Rejected(431, b"Too many header fields")
    method, target, version = lines[0].split(b" ")
    headers: list[tuple[bytes, bytes]] = []
    length = -1
    hosts = 0
    keep_alive = version == b"HTTP/1.1"
    expect_continue = False
    content_type = signature = timestamp = None
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        name = name.lower()
        value = value.strip(b" \t")
        headers.append((name, value))
        if name not in _SPECIAL:
            continue
        if name == b"x-signature-ed25519":
            signature = value
        elif name == b"x-signature-timestamp":
            timestamp = value
        elif name == b"content-type":
            content_type = value
        elif name == b"content-length":
            if length >= 0:
                raise Rejected(400, b"More than one Content-Length")
            if not value.isdigit() or len(value) > 18:
                raise Rejected(400, b"Bad Content-Length")
            length = int(value)
        elif name == b"transfer-encoding":
            raise Rejected(411, b"Send a Content-Length body, without Transfer-Encoding")
        elif name == b"host":
            hosts += 1
        elif name == b"connection":
            tokens = {token.strip() for token in value.lower().split(b",")}
            if b"close" in tokens:
                keep_alive = False
            elif b"keep-alive" in tokens:
                keep_alive = True
        elif name == b"expect":
            expect_continue = value.lower() == b"100-continue"
    if hosts != 1 and (hosts or version == b"HTTP/1.1"):
        raise Rejected(400, b"An HTTP/1.1 request needs exactly one Host header")
    return Head(
        method,
        target,
        version,
        headers,
        length,
        keep_alive,
        expect_continue,
        content_type,
        signature,
        timestamp,
    )
