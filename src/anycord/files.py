"""Uploadable resources: attachments, avatars, icons.

A `Resource` is something with a filename that can be streamed as bytes, any number of
times (a request may be retried, and each attempt streams the body again):

* `Bytes`: bytes held in memory;
* `File`: a path on disk, read in chunks through AnyIO's thread pool (never blocking the loop);
* `URL`: a remote file, streamed with httpx when the request is sent (never held whole);
* `AsyncIteratorResource`: any async iterable of bytes; the first stream is passed through
  and remembered, so a retried request sends the same bytes again.

`ensure_resource()` turns what users pass (`Resourceish`: a resource, a path, an `http(s)://`
URL string, a `data:` URI, or bytes) into a `Resource`. `to_data_uri()` builds the
`data:<mime>;base64,...` string that image fields (avatars, icons) take.
"""

from __future__ import annotations

import abc
import base64
import mimetypes
import os
import pathlib
import typing
import urllib.parse

import anyio
import httpx

if typing.TYPE_CHECKING:
    from collections.abc import AsyncIterable, AsyncIterator

__all__ = [
    "URL",
    "AsyncIteratorResource",
    "Bytes",
    "File",
    "Resource",
    "Resourceish",
    "ensure_resource",
    "to_data_uri",
]

DEFAULT_CHUNK_SIZE: typing.Final[int] = 64 * 1024
"""Bytes read per chunk when streaming a resource."""

_SPOILER = "SPOILER_"


def _guess_type(filename: str) -> str:
    return mimetypes.guess_type(filename)[0] or "application/octet-stream"


def _spoilered(filename: str, spoiler: bool) -> str:
    if spoiler and not filename.startswith(_SPOILER):
        return _SPOILER + filename
    return filename


class Resource(abc.ABC):
    """Something that can be uploaded: a filename, a MIME type, and a re-readable byte stream."""

    __slots__ = ()

    @property
    @abc.abstractmethod
    def filename(self) -> str:
        """The name Discord shows (prefixed `SPOILER_` when the resource is a spoiler)."""

    @property
    def content_type(self) -> str:
        """The MIME type, guessed from the filename unless given."""
        return _guess_type(self.filename)

    @property
    def url(self) -> str:
        """How a message refers to this upload in embeds: `attachment://<filename>`."""
        return f"attachment://{self.filename}"

    @abc.abstractmethod
    def stream(self, chunk_size: int = DEFAULT_CHUNK_SIZE) -> AsyncIterator[bytes]:
        """Yield the content in chunks; may be called again for a fresh stream."""

    async def read(self) -> bytes:
        """The whole content."""
        return b"".join([chunk async for chunk in self.stream()])


class Bytes(Resource):
    """In-memory bytes (or text, encoded as UTF-8)."""

    __slots__ = ("_content_type", "_filename", "data")

    def __init__(
        self,
        data: bytes | bytearray | memoryview | str,
        filename: str,
        *,
        mimetype: str | None = None,
        spoiler: bool = False,
    ) -> None:
        if isinstance(data, str):
            data = data.encode()
        self.data = bytes(data)
        self._filename = _spoilered(filename, spoiler)
        self._content_type = mimetype

    @property
    def filename(self) -> str:
        return self._filename

    @property
    def content_type(self) -> str:
        return self._content_type or _guess_type(self._filename)

    @classmethod
    def from_data_uri(cls, uri: str, filename: str | None = None) -> Bytes:
        """Decode a `data:<mime>;base64,<payload>` URI; raises `ValueError` if it is not one."""
        if not uri.startswith("data:") or "," not in uri:
            msg = f"not a data URI: {uri[:40]!r}"
            raise ValueError(msg)
        header, payload = uri[5:].split(",", 1)
        mime, _, encoding = header.partition(";")
        data = (
            base64.b64decode(payload)
            if encoding == "base64"
            else urllib.parse.unquote_to_bytes(payload)
        )
        mime = mime or "application/octet-stream"
        ext = mimetypes.guess_extension(mime) or ""
        return cls(data, filename or f"file{ext}", mimetype=mime)

    async def stream(self, chunk_size: int = DEFAULT_CHUNK_SIZE) -> AsyncIterator[bytes]:
        for start in range(0, len(self.data), chunk_size):
            yield self.data[start : start + chunk_size]

    async def read(self) -> bytes:
        return self.data

    def __repr__(self) -> str:
        return f"Bytes(filename={self._filename!r}, size={len(self.data)})"


class File(Resource):
    """A file on disk, read through AnyIO (in a worker thread) each time it is streamed."""

    __slots__ = ("_filename", "path")

    def __init__(
        self, path: str | os.PathLike[str], filename: str | None = None, *, spoiler: bool = False
    ) -> None:
        self.path = pathlib.Path(path)
        self._filename = _spoilered(filename or self.path.name, spoiler)

    @property
    def filename(self) -> str:
        return self._filename

    async def stream(self, chunk_size: int = DEFAULT_CHUNK_SIZE) -> AsyncIterator[bytes]:
        async with await anyio.open_file(self.path, "rb") as fp:
            while chunk := await fp.read(chunk_size):
                yield chunk

    def __repr__(self) -> str:
        return f"File(path={str(self.path)!r}, filename={self._filename!r})"


class URL(Resource):
    """A remote file, downloaded in chunks with httpx while the upload is sent.

    Raises `httpx.HTTPStatusError` from the stream when the server answers with an error.
    """

    __slots__ = ("_filename", "_http", "_url")

    def __init__(
        self,
        url: str,
        filename: str | None = None,
        *,
        spoiler: bool = False,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        parsed = urllib.parse.urlsplit(url)
        if parsed.scheme not in ("http", "https"):
            msg = f"URL resources must be http(s) URLs, not {url!r}"
            raise ValueError(msg)
        self._url = url
        self._http = http_client
        name = filename or pathlib.PurePosixPath(urllib.parse.unquote(parsed.path)).name or "file"
        self._filename = _spoilered(name, spoiler)

    @property
    def filename(self) -> str:
        return self._filename

    @property
    def url(self) -> str:
        """The remote URL itself (Discord accepts it directly in embeds)."""
        return self._url

    async def stream(self, chunk_size: int = DEFAULT_CHUNK_SIZE) -> AsyncIterator[bytes]:
        if self._http is not None:
            async with self._http.stream("GET", self._url) as response:
                response.raise_for_status()
                async for chunk in response.aiter_bytes(chunk_size):
                    yield chunk
            return
        async with (
            httpx.AsyncClient(follow_redirects=True) as client,
            client.stream("GET", self._url) as response,
        ):
            response.raise_for_status()
            async for chunk in response.aiter_bytes(chunk_size):
                yield chunk

    def __repr__(self) -> str:
        return f"URL(url={self._url!r}, filename={self._filename!r})"


class AsyncIteratorResource(Resource):
    """Bytes from an async iterable (a generator, a response body, a pipe).

    The iterable is consumed once; its chunks are kept so a retried request can send them again.
    """

    __slots__ = ("_chunks", "_content_type", "_done", "_filename", "_source")

    def __init__(
        self,
        source: AsyncIterable[bytes],
        filename: str,
        *,
        mimetype: str | None = None,
        spoiler: bool = False,
    ) -> None:
        self._source: AsyncIterable[bytes] | None = source
        self._chunks: list[bytes] = []
        self._done = False
        self._filename = _spoilered(filename, spoiler)
        self._content_type = mimetype

    @property
    def filename(self) -> str:
        return self._filename

    @property
    def content_type(self) -> str:
        return self._content_type or _guess_type(self._filename)

    async def stream(self, chunk_size: int = DEFAULT_CHUNK_SIZE) -> AsyncIterator[bytes]:
        for chunk in list(self._chunks):
            yield chunk
        if self._done or self._source is None:
            return
        # A stream interrupted part way leaves the kept chunks valid; the next stream resumes.
        async for chunk in self._source:
            data = bytes(chunk)
            self._chunks.append(data)
            yield data
        self._done = True
        self._source = None

    def __repr__(self) -> str:
        return f"AsyncIteratorResource(filename={self._filename!r})"


Resourceish = Resource | str | os.PathLike[str] | bytes | bytearray | memoryview
"""What upload arguments accept: a `Resource`, a path, an `http(s)://` URL, a `data:` URI, bytes."""


def ensure_resource(value: Resourceish, filename: str | None = None) -> Resource:
    """Turn `value` into a `Resource`; raises `TypeError` naming the value when it cannot.

    Strings are URLs when they start with `http://`/`https://`, data URIs when they start
    with `data:`, and paths otherwise. Bare bytes are named `filename` (default `file`).
    """
    if isinstance(value, Resource):
        return value
    if isinstance(value, (bytes, bytearray, memoryview)):
        return Bytes(value, filename or "file")
    if isinstance(value, str):
        if value.startswith(("http://", "https://")):
            return URL(value, filename)
        if value.startswith("data:"):
            return Bytes.from_data_uri(value, filename)
        return File(value, filename)
    if isinstance(value, os.PathLike):
        return File(value, filename)
    msg = f"cannot upload {value!r}: expected a Resource, path, URL, data URI or bytes"
    raise TypeError(msg)


async def to_data_uri(value: Resourceish) -> str:
    """The resource as a `data:<mime>;base64,...` URI (what avatar and icon fields take)."""
    resource = ensure_resource(value)
    data = await resource.read()
    return f"data:{resource.content_type};base64,{base64.b64encode(data).decode('ascii')}"


Rawish = bytes | bytearray | memoryview
"""Raw bytes a `Bytes` resource accepts."""
Pathish = str | os.PathLike[str]
"""A file path a `File` resource accepts."""
