"""The built-in server's request parser against h11 (server role) as an oracle.

Hypothesis builds byte streams of one to three pipelined requests (valid, borderline and
hostile: odd whitespace, obsolete folding, repeated or conflicting `Content-Length`,
`Transfer-Encoding` variants, bad tokens, control characters, huge values, bare CR and LF,
empty lines, bodies of any length) and runs both parsers over them at the sans-IO level:
`http11_head.split_head` / `parse_head` exactly as `serve_http11` calls them, and
`h11.Connection(h11.SERVER)`. They must agree on which requests are accepted, on each one's
method, target, version, headers, body and whether the connection stays open, and on where
the stream is rejected, except where the built-in server is deliberately different. Each
such rule is below (`STRICTER`, `LENIENT`) with its reason, and in docs/security.md:

Stricter (the built-in server refuses, h11 accepts):

- `bare-lf`: a bare LF line end is 400, at once (RFC 9112 §2.2 lets a recipient accept it;
  parsers that disagree about line ends are how requests are smuggled past proxies);
- `obs-fold`: obsolete line folding is 400 (RFC 9112 §5.2 allows rejecting it; nothing
  Discord sends folds);
- `transfer-encoding`: any `Transfer-Encoding` is 411 (Discord sends `Content-Length`
  bodies; without a chunked parser no one can disagree with us about where a body ends);
- `repeated-length`: `Content-Length` twice or as a list is 400, even with equal values
  (h11 merges equal ones; a repeated length is a smuggling probe, never a real client);
- `long-length`: a `Content-Length` over 18 digits is 400 (no body that large is accepted
  anyway, and the number stays a machine integer);
- `control-character`: a control character other than HTAB in a field value is 400
  (RFC 9110 §5.5 lets a recipient reject them; h11 accepts all but NUL, CR and LF);
- `version`: only HTTP/1.0 and HTTP/1.1 parse (h11 reads any `HTTP/d.d`);
- `big-head`: a head over 16 KiB or with more than 100 header lines is 431 (h11 limits
  only an unfinished head to 16 KiB);
- `first-byte`: a head whose first byte cannot begin a method (not a token character) is
  400 as soon as that byte arrives (h11 refuses early only bytes below 0x21, and the rest
  once the head is whole).

More lenient (the built-in server accepts, h11 refuses):

- `empty-lines`: up to 8 empty lines (CRLF) before a request line are skipped, as RFC 9112
  §2.2 asks of a server (h11 refuses even one); the oracle is given the stream without them;
- `http10-keep-alive`: an HTTP/1.0 request with `Connection: keep-alive` keeps the
  connection open (RFC 9112 §9.3; h11 closes every HTTP/1.0 connection).

A disagreement found here and fixed in the parser: a request line that cannot begin a
request (a first byte that is not a token character, e.g. a space or a control character)
is now refused as soon as it arrives, as h11 does, instead of when the head would have ended.
"""

from __future__ import annotations

import re

import h11
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from anycord.interactions.http11_head import (
    MAX_EMPTY_LINES,
    Rejected,
    parse_head,
    split_head,
)

Request = tuple[bytes, bytes, bytes, list[tuple[bytes, bytes]], bytes, bool]
"""method, target, version, headers, body, keep-alive."""
Outcome = tuple[list[Request], str]
"""The requests accepted, then how the stream ends: "incomplete", "closed" or "reject"."""

_EMPTY_LINES = re.compile(rb"(?:\r\n){0,%d}" % MAX_EMPTY_LINES)


def ours(data: bytes) -> tuple[list[Request], str, bytes]:
    """What `serve_http11` makes of `data`: its requests, its ending, and the bytes it refused."""
    requests: list[Request] = []
    rest = data
    while True:
        try:
            split = split_head(rest)
            if split is None:
                return requests, "incomplete", b""
            head = parse_head(split[0])
        except Rejected:
            return requests, "reject", rest
        length = max(head.length, 0)
        body, rest = split[1][:length], split[1][length:]
        if len(body) < length:
            return requests, "incomplete", b""
        requests.append(
            (head.method, head.target, head.version[5:], head.headers, body, head.keep_alive)
        )
        if not head.keep_alive:
            return requests, "closed", b""


def theirs(data: bytes) -> Outcome:
    """What h11 makes of `data`, each request on a fresh connection state (no empty lines)."""
    requests: list[Request] = []
    rest = data
    while True:
        rest = rest[_EMPTY_LINES.match(rest).end() :]  # type: ignore[union-attr]
        if not rest:  # (h11 takes no bytes as the end of the stream)
            return requests, "incomplete"
        connection = h11.Connection(h11.SERVER)
        connection.receive_data(rest)
        request: h11.Request | None = None
        body = bytearray()
        try:
            while True:
                event = connection.next_event()
                if event is h11.NEED_DATA or event is h11.PAUSED:
                    return requests, "incomplete"
                if isinstance(event, h11.Request):
                    request = event
                elif isinstance(event, h11.Data):
                    body += event.data
                elif isinstance(event, h11.EndOfMessage):
                    break
        except h11.RemoteProtocolError:
            return requests, "reject"
        assert request is not None
        keep_alive = connection.their_state is not h11.MUST_CLOSE and h11._connection._keep_alive(
            request
        )
        requests.append(
            (
                request.method,
                request.target,
                request.http_version,
                list(request.headers),  # names lower-cased, as ours
                bytes(body),
                keep_alive,
            )
        )
        if not keep_alive:
            return requests, "closed"
        rest = connection.trailing_data[0]


# -- the documented differences ----------------------------------------------------------------

_HEAD_END = re.compile(rb"\r?\n\r?\n")
_CTL_IN_VALUE = re.compile(rb"^[^:\r\n]*:[^\r\n]*[\x01-\x08\x0b-\x1f\x7f]", re.MULTILINE)


def _head_of(rest: bytes) -> bytes:
    rest = rest[_EMPTY_LINES.match(rest).end() :]  # type: ignore[union-attr]
    end = _HEAD_END.search(rest)
    return rest if end is None else rest[: end.end()]


def stricter_rules(refused: bytes) -> set[str]:
    """The documented rules under which the built-in server may refuse this head alone."""
    head = _head_of(refused)
    rules: set[str] = set()
    if re.search(rb"(?<!\r)\n", head):
        rules.add("bare-lf")
    if re.search(rb"\n[ \t]", head.rstrip(b"\r\n")):
        rules.add("obs-fold")
    names = [m.group(1).lower() for m in re.finditer(rb"\n([^:\r\n]*):", head)]
    if b"transfer-encoding" in names:
        rules.add("transfer-encoding")
    lengths = re.findall(rb"(?im)^content-length:[ \t]*([^\r\n]*)", head)
    if len(lengths) > 1 or any(b"," in value for value in lengths):
        rules.add("repeated-length")
    if any(len(value.strip()) > 18 for value in lengths):
        rules.add("long-length")
    if _CTL_IN_VALUE.search(head):
        rules.add("control-character")
    first = head.split(b"\n", 1)[0]
    if re.fullmatch(rb"\S+ \S+ HTTP/\d\.\d\r?", first) and not re.search(rb"HTTP/1\.[01]", first):
        rules.add("version")
    if len(head) > 16 * 1024 or head.count(b"\n") > 102:
        rules.add("big-head")
    if head and not re.match(rb"[-!#$%&'*+.^_`|~0-9A-Za-z]", head):
        rules.add("first-byte")
    return rules


def lenient_rules(request: Request) -> set[str]:
    _, _, version, _, _, keep_alive = request
    if version == b"1.0" and keep_alive:
        return {"http10-keep-alive"}
    return set()


def check(data: bytes) -> None:
    mine, ending, refused = ours(data)
    oracle, oracle_ending = theirs(data)
    if ending == "reject" and (oracle_ending != "reject" or len(oracle) > len(mine)):
        # Only a documented stricter rule may refuse what h11 takes, and only from where we
        # refused: everything before it must be the same.
        assert stricter_rules(refused), (data, refused)
        assert oracle[: len(mine)] == mine
        return
    for index, (a, b) in enumerate(zip(mine, oracle, strict=False)):
        if a != b:
            # HTTP/1.0 keep-alive: we keep the connection, h11 closes it; the rest differs.
            assert a[:5] == b[:5], (data, a, b)
            assert lenient_rules(a), (data, a, b)
            assert index == len(oracle) - 1
            return
    assert mine == oracle, data
    assert ending == oracle_ending, (data, ending, oracle_ending)


# -- strategies ------------------------------------------------------------------------------

METHODS = st.sampled_from(
    [b"POST", b"GET", b"post", b"PO ST", b"", b"P\x00ST", b"M-SEARCH", b"\x80"]
)
SPACES = st.sampled_from([b" ", b" ", b" ", b"  ", b"\t"])
TARGETS = st.sampled_from(
    [b"/", b"/interactions", b"/x?y=1", b"*", b"/\x7f", b"/a\x80", b"http://h/"]
)
VERSIONS = st.sampled_from(
    [b"HTTP/1.1", b"HTTP/1.1", b"HTTP/1.0", b"HTTP/2.0", b"HTTP/1.10", b"http/1.1", b"HTTP/1.1 "]
)
NAMES = st.sampled_from(
    [
        b"host",
        b"Host",
        b"content-length",
        b"Content-Length",
        b"transfer-encoding",
        b"Transfer-Encoding",
        b"connection",
        b"content-type",
        b"x-signature-ed25519",
        b"x-signature-timestamp",
        b"expect",
        b"x",
        b"bad name",
        b"x\x00",
        b"",
        b"x@y",
        b"X-Custom_1",
    ]
)
VALUES = st.one_of(
    st.sampled_from(
        [
            b"a",
            b"",
            b"0",
            b"5",
            b"5, 5",
            b"5,6",
            b"+5",
            b"-1",
            b"0x5",
            b"1e3",
            b"007",
            b"9" * 19,
            b"9" * 18,
            b"chunked",
            b"gzip, chunked",
            b"identity",
            b"close",
            b"keep-alive",
            b"Keep-Alive, Upgrade",
            b"100-continue",
            b"application/json",
            b"a\tb",
            b"a  b ",
            b"\x80\xff",
            b"a\x7fb",
            b"a\x01b",
            b"a\x00b",
            b"a\rb",
            b"a\x0bb",
            b"y" * 5000,
        ]
    ),
    st.binary(max_size=12),
)
SEPARATORS = st.sampled_from([b": ", b": ", b":", b":\t", b" : ", b" :", b":  "])
ENDINGS = st.sampled_from([b"\r\n"] * 12 + [b"\n", b"\r", b"\r\r\n"])
FIELDS = st.tuples(NAMES, SEPARATORS, VALUES, ENDINGS, st.sampled_from([b""] * 8 + [b" ", b"\t"]))


@st.composite
def requests(draw: st.DrawFn) -> bytes:
    line = draw(METHODS) + draw(SPACES) + draw(TARGETS) + draw(SPACES) + draw(VERSIONS)
    head = line + draw(ENDINGS)
    if draw(st.booleans()):
        head += b"host: bot" + draw(ENDINGS)
    body = draw(st.binary(max_size=20) | st.sampled_from([b"hello", b"{}", b"\r\n\r\n"]))
    if draw(st.integers(0, 3)) > 0:
        head += b"content-length: %d\r\n" % (len(body) + draw(st.sampled_from([0, 0, 0, -1, 1])))
    for name, separator, value, ending, fold in draw(st.lists(FIELDS, max_size=6)):
        head += fold + name + separator + value + ending
    return head + draw(ENDINGS) + body


STREAMS = st.tuples(
    st.integers(0, MAX_EMPTY_LINES + 2), st.lists(requests(), min_size=1, max_size=3)
).map(lambda t: b"\r\n" * t[0] + b"".join(t[1]))


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(STREAMS)
@example(b"POST / HTTP/1.1\r\nhost: a\r\ncontent-length: 5\r\n\r\nhello")
@example(b"\r\n\r\nPOST / HTTP/1.1\r\nhost: a\r\ncontent-length: 0\r\n\r\n")
@example(b"POST / HTTP/1.1\nhost: a\n\n")
@example(b"POST / HTTP/1.1\r\nhost: a\r\ncontent-length: 5, 5\r\n\r\nhello")
@example(b"POST / HTTP/1.1\r\nhost: a\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n")
@example(b"POST / HTTP/1.0\r\nconnection: keep-alive\r\n\r\nPOST / HTTP/1.0\r\n\r\n")
@example(b" POST / HTTP/1.1\r\n")
def test_the_parser_agrees_with_h11(data: bytes) -> None:
    check(data)


def test_the_documented_rules_are_the_ones_the_parser_applies() -> None:
    # Each rule, alone, on an otherwise valid request: we refuse, h11 accepts.
    valid = b"POST / HTTP/1.1\r\nhost: a\r\n%s\r\n"
    cases = {
        "bare-lf": b"POST / HTTP/1.1\nhost: a\n\n",
        "obs-fold": valid % b"x: a\r\n b\r\n",
        "transfer-encoding": valid % b"transfer-encoding: chunked\r\n" + b"0\r\n\r\n",
        "repeated-length": valid % b"content-length: 0\r\ncontent-length: 0\r\n",
        "long-length": valid % (b"content-length: " + b"0" * 19 + b"\r\n"),
        "control-character": valid % b"x: a\x7fb\r\n",
        "version": b"POST / HTTP/2.0\r\nhost: a\r\n\r\n",
        "big-head": valid % b"".join(b"x%d: y\r\n" % i for i in range(101)),
    }
    for rule, data in cases.items():
        mine, ending, refused = ours(data)
        oracle, _ = theirs(data)
        assert (mine, ending) == ([], "reject"), rule
        assert len(oracle) == 1, rule
        assert rule in stricter_rules(refused), rule
    # And the lenient ones: we accept, h11 refuses or closes.
    assert ours(b"\r\n" * 8 + valid % b"")[1] == "incomplete"
    h11_itself = h11.Connection(h11.SERVER)
    h11_itself.receive_data(b"\r\n" + valid % b"")
    with pytest.raises(h11.RemoteProtocolError):
        h11_itself.next_event()  # hence the oracle is given the stream without empty lines
    mine, _, _ = ours(b"POST / HTTP/1.0\r\nconnection: keep-alive\r\n\r\n")
    assert mine[0][5] is True
    assert theirs(b"POST / HTTP/1.0\r\nconnection: keep-alive\r\n\r\n")[0][0][5] is False


def test_an_impossible_first_byte_is_refused_at_once() -> None:
    for start in (b" ", b"\t", b"\x00", b"\x16\x03\x01", b"\r\r"):
        assert ours(start)[1] == "reject", start
        assert theirs(start)[1] == "reject", start
    for start in (b":", b"\x80"):  # h11 waits for the whole head to refuse these
        assert ours(start)[1] == "reject", start
        assert theirs(start)[1] == "incomplete", start
    assert ours(b"\r\n\r")[1] == "incomplete"  # an empty line may still be arriving
