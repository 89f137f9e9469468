"""Every attachment input uploads alike through REST and an HTTP interaction response.

One table of inputs, two callers: `RESTClient.create_message` against FakeDiscord, and an
`InteractionServer` answering the initial response inline with the file (multipart). Both
turn an input into a resource with `anycord.files.ensure_resource`, check and download it
with `prefetch`, and write it with one multipart encoder, so each input gives the same part
(filename, content type, bytes) and the same `attachments` entry, and each refusal the same
error and message before anything is sent.

On main before the two paths were unified they disagreed: the interaction server refused
bare bytes, read `data:` URIs and URL strings as paths (a 200 whose body stopped part way),
could not read objects served from a URL, and REST refused `filename` + `data` objects; a
missing path made REST retry four times (three POSTs reached Discord) and cut the
interaction server's 200 short.
"""

from __future__ import annotations

import logging
import typing

import anyio
import attrs
import hypothesis
import hypothesis.strategies as st
import pytest

import anycord
from anycord import errors
from anycord.interactions import InteractionMessageBuilder, InteractionServer
from anycord.interactions.builders import ResponseType
from anycord.testing import FakeDiscord
from tests.http_peer import HTTPPeer, PeerConnection

from .both_paths import (
    MESSAGES,
    answered_by_server,
    fake_with_a_channel,
    logged_error,
    real_time_backend,
    sent_by_rest,
)

if typing.TYPE_CHECKING:
    import pathlib
    from collections.abc import AsyncIterator, Callable

    from anycord.testing.interactions import InteractionResponse

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40
TEXT = b"all green\n" * 1000


anyio_backend = pytest.fixture(params=["asyncio", "trio"])(real_time_backend)
fake = pytest.fixture(fake_with_a_channel)


@attrs.frozen
class Named:
    """An object holding its bytes under a name (`anycord.files.NamedBytes`)."""

    filename: str
    data: bytes
    content_type: str | None = None


@attrs.frozen
class Served:
    """An object served from a URL (`anycord.files.ServedFromURL`), like a custom emoji."""

    url: str


async def _chunks() -> AsyncIterator[bytes]:
    yield b"first,"
    yield b"second"


@attrs.frozen
class Env:
    tmp: pathlib.Path
    url: str

    @property
    def report(self) -> pathlib.Path:
        path = self.tmp / "report.txt"
        path.write_bytes(TEXT)
        return path


Case = tuple[str, "Callable[[Env], object]", tuple[str, str, bytes]]

ACCEPTED: list[Case] = [
    ("Bytes", lambda e: anycord.Bytes(b"a,b\n", "data.csv"), ("data.csv", "text/csv", b"a,b\n")),
    (
        "Bytes with a mimetype",
        lambda e: anycord.Bytes(b"x", "blob", mimetype="image/png"),
        ("blob", "image/png", b"x"),
    ),
    (
        "Bytes from str",
        lambda e: anycord.Bytes("hé", "a.txt"),
        ("a.txt", "text/plain", "hé".encode()),
    ),
    (
        "a name with a space",
        lambda e: anycord.Bytes(b"x", "a b.png"),
        ("a b.png", "image/png", b"x"),
    ),
    ("File", lambda e: anycord.File(e.report), ("report.txt", "text/plain", TEXT)),
    (
        "File renamed, spoiler",
        lambda e: anycord.File(e.report, "r.md", spoiler=True),
        ("SPOILER_r.md", "text/markdown", TEXT),
    ),
    ("path as str", lambda e: str(e.report), ("report.txt", "text/plain", TEXT)),
    ("pathlib.Path", lambda e: e.report, ("report.txt", "text/plain", TEXT)),
    ("bare bytes", lambda e: b"\x00\x01", ("file", "application/octet-stream", b"\x00\x01")),
    ("bytearray", lambda e: bytearray(b"ab"), ("file", "application/octet-stream", b"ab")),
    ("memoryview", lambda e: memoryview(b"ab"), ("file", "application/octet-stream", b"ab")),
    ("data: URI", lambda e: "data:text/plain;base64,aGk=", ("file.txt", "text/plain", b"hi")),
    ("filename + data", lambda e: Named("n.png", PNG), ("n.png", "image/png", PNG)),
    (
        "filename + data + content_type",
        lambda e: Named("n", b"{}", "application/json"),
        ("n", "application/json", b"{}"),
    ),
    ("URL string", lambda e: f"{e.url}/files/cat.png", ("cat.png", "image/png", PNG)),
    ("anycord.URL", lambda e: anycord.URL(f"{e.url}/dog.png"), ("dog.png", "image/png", PNG)),
    ("served from a URL", lambda e: Served(f"{e.url}/emoji/1.png"), ("1.png", "image/png", PNG)),
    (
        "AsyncIteratorResource",
        lambda e: anycord.AsyncIteratorResource(_chunks(), "log.txt"),
        ("log.txt", "text/plain", b"first,second"),
    ),
]

_EXPECTED_TYPES = "expected a Resource (anycord.Bytes, File, URL), a path, an http(s) URL"

REFUSED: list[tuple[str, Callable[[Env], object], type[Exception], str]] = [
    ("an int", lambda e: 3, TypeError, f"cannot upload 3 (int): {_EXPECTED_TYPES}"),
    ("None", lambda e: None, TypeError, f"cannot upload None (NoneType): {_EXPECTED_TYPES}"),
    (
        "a name without bytes",
        lambda e: Named("n.txt", typing.cast("bytes", "text")),
        TypeError,
        # The value is named through `reprlib`: bounded, never dumped whole.
        "cannot upload Named(filenam...ent_type=None) (Named): expected a Resource",
    ),
    (
        "a missing path",
        lambda e: str(e.tmp / "missing.txt"),
        FileNotFoundError,
        "cannot upload 'missing.txt': no file at ",
    ),
    ("a directory", lambda e: e.tmp, FileNotFoundError, "cannot upload '{tmp}': no file at "),
    (
        "a URL that answers 404",
        lambda e: f"{e.url}/404/gone.png",
        errors.ResourceFetchError,
        "could not fetch 'gone.png' from 127.0.0.1:",
    ),
]


async def _peer(conn: PeerConnection) -> None:
    while (request := await conn.read_request()) is not None:
        if request.target.startswith("/404/"):
            await conn.respond(404, b"gone")
        else:
            await conn.respond(200, PNG)


@pytest.fixture
async def env(tmp_path: pathlib.Path) -> AsyncIterator[Env]:
    peer = HTTPPeer(_peer)
    async with peer.running():
        yield Env(tmp_path, peer.url)


async def _rest(fake: FakeDiscord, value: object) -> tuple[list[typing.Any], list[typing.Any]]:
    sent = await sent_by_rest(fake, content="see file", attachment=value)
    return sent.json["attachments"], sent.files


async def _interaction(fake: FakeDiscord, value: typing.Any) -> InteractionResponse:
    def make() -> InteractionMessageBuilder:
        builder = InteractionMessageBuilder(ResponseType.MESSAGE_CREATE, content="see file")
        return builder.add_attachment(value)

    return await answered_by_server(fake, make)


@pytest.mark.parametrize(("kind", "make", "expected"), ACCEPTED, ids=[c[0] for c in ACCEPTED])
async def test_rest_and_interaction_upload_every_input_alike(
    fake: FakeDiscord,
    env: Env,
    kind: str,
    make: Callable[[Env], object],
    expected: tuple[str, str, bytes],
) -> None:
    listed, files = await _rest(fake, make(env))
    answer = await _interaction(fake, make(env))
    assert answer.status == 200, kind
    name = expected[0]
    assert listed == answer.json["data"]["attachments"] == [{"id": 0, "filename": name}]
    rest_parts = [(f.field, f.filename, f.content_type, f.data) for f in files]
    served_parts = [(f.field, f.filename, f.content_type, f.data) for f in answer.files]
    assert rest_parts == served_parts == [("files[0]", *expected)]


@pytest.mark.parametrize(("kind", "make", "error", "message"), REFUSED, ids=[c[0] for c in REFUSED])
async def test_rest_and_interaction_refuse_alike_before_sending(
    fake: FakeDiscord,
    env: Env,
    caplog: pytest.LogCaptureFixture,
    kind: str,
    make: Callable[[Env], object],
    error: type[Exception],
    message: str,
) -> None:
    message = message.replace("{tmp}", env.tmp.name)
    with pytest.raises(error) as refused:
        await _rest(fake, make(env))
    assert str(refused.value).startswith(message), kind
    assert fake.rest.requests_to("POST", MESSAGES) == []

    with caplog.at_level(logging.ERROR, logger="anycord.interactions"):
        answer = await _interaction(fake, make(env))
    # A 500 with no multipart body: nothing of the response was written before the refusal.
    assert answer.status == 500
    assert answer.files == []
    logged = logged_error(caplog)
    assert type(logged) is error
    assert str(logged) == str(refused.value)


def test_an_existing_attachment_is_kept_by_id_on_both_paths() -> None:
    kept = anycord.Attachment(
        id=anycord.Snowflake(42), filename="a.png", size=1, url="https://x/a.png", proxy_url=""
    )
    builder = InteractionMessageBuilder(ResponseType.MESSAGE_UPDATE).add_attachment(kept)
    builder.add_attachment(b"new")
    payload, files = builder.build()
    assert payload["data"]["attachments"] == [{"id": "42"}, {"id": 0, "filename": "file"}]
    assert files[0] is kept
    response = InteractionServer.build_response(builder)
    assert [f.filename for f in response.files] == ["file"]


@pytest.mark.parametrize("backend", ["asyncio", "trio"])
@hypothesis.settings(
    max_examples=60, deadline=None, phases=tuple(set(hypothesis.Phase) - {hypothesis.Phase.explain})
)
@hypothesis.given(
    name=st.text(min_size=1, max_size=40).filter(lambda n: "\x00" not in n),
    data=st.binary(max_size=300),
)
def test_a_hostile_filename_cannot_split_or_add_a_part(
    backend: str, name: str, data: bytes
) -> None:
    builder = InteractionMessageBuilder(ResponseType.MESSAGE_CREATE).add_attachment(
        anycord.Bytes(data, name)
    )

    async def main() -> InteractionResponse:
        return await answered_by_server(FakeDiscord(), lambda: builder)

    answer = anyio.run(main, backend=backend)
    assert answer.status == 200
    assert answer.json["data"]["attachments"] == [{"id": 0, "filename": name}]
    (part,) = answer.files
    assert (part.field, part.data) == ("files[0]", data)
    assert "\r" not in part.filename
    assert "\n" not in part.filename
