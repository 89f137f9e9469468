"""Uploadable resources: attachments, avatars, icons.

A `Resource` is something with a filename that can be streamed as bytes, any number of
times (a request may be retried, and each attempt streams the body again):

* `Bytes`: bytes held in memory;
* `File`: a path on disk, read in chunks through AnyIO's thread pool (never blocking the loop);
* `URL`: a remote file, downloaded with httpx before the request that uploads it
  (`prefetch()`), so a failed download raises `ResourceFetchError` naming the host and
  Discord never receives a request with a missing or empty file;
* `AsyncIteratorResource`: any async iterable of bytes; the first stream is passed through
  and remembered, so a retried request sends the same bytes again.

`ensure_resource()` turns what users pass (`Resourceish`: a resource, a path, an `http(s)://`
URL string, a `data:` URI, bytes, an object holding its bytes under a name (`NamedBytes`), or
an object served from a URL such as a custom emoji, a sticker or an attachment) into a
`Resource`, and refuses anything else with `TypeError`. It is the one place that decides how
an upload is named, typed and read: REST requests and the interaction server's multipart
answers both go through it. `prefetch()` runs before a request that uploads: it checks every
`File` exists and downloads every `URL`, so nothing is sent with a missing file.
`to_data_uri()` builds the `data:<mime>;base64,...` string that image fields (avatars,
icons) take.
"""

from __future__ import annotations

import abc
import base64
import contextlib
import mimetypes
import os
import pathlib
import reprlib
import typing
import urllib.parse
from collections.abc import Mapping

import anyio
import httpx

from anycord import errors

if typing.TYPE_CHECKING:
    import concurrent.futures
    from collections.abc import AsyncIterable, AsyncIterator, Sequence

__all__ = [
    "URL",
    "AsyncIteratorResource",
    "Bytes",
    "File",
    "NamedBytes",
    "Resource",
    "Resourceish",
    "ServedFromURL",
    "ensure_resource",
    "prefetch",
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

    @property
    def mimetype(self) -> str:
        """hikari's name for `content_type`."""
        return self.content_type

    @property
    def extension(self) -> str | None:
        """The filename's extension (without the dot), if it has one."""
        _, dot, ext = self.filename.rpartition(".")
        return ext if dot else None

    @property
    def is_spoiler(self) -> bool:
        """Whether Discord shows it as a spoiler (its name starts with `SPOILER_`)."""
        return self.filename.startswith(_SPOILER)

    @abc.abstractmethod
    def stream(self, chunk_size: int = DEFAULT_CHUNK_SIZE) -> AsyncIterator[bytes]:
        """Yield the content in chunks; may be called again for a fresh stream."""

    async def read(self, *, executor: concurrent.futures.Executor | None = None) -> bytes:
        """The whole content. `executor` is accepted for hikari's callers: nothing here
        blocks the event loop (files are read in AnyIO's worker threads)."""
        del executor
        return b"".join([chunk async for chunk in self.stream()])

    async def save(
        self,
        path: str | os.PathLike[str],
        *,
        executor: concurrent.futures.Executor | None = None,
        force: bool = False,
    ) -> None:
        """Write the content to `path` in chunks (into a directory under its own name).

        Raises `FileExistsError` when the file exists, unless `force` (then it is replaced).
        A failed read or download removes the file it was writing. `executor`: as `read`.
        """
        del executor
        target = anyio.Path(path)
        if await target.is_dir():
            target = target / self.filename
        async with await anyio.open_file(target, "wb" if force else "xb") as out:
            try:
                async for chunk in self.stream():
                    await out.write(chunk)
            except BaseException:
                # No half-written file is left behind a failed or cancelled read.
                with anyio.CancelScope(shield=True):
                    await target.unlink(missing_ok=True)
                raise


class _Named(Resource):
    """A resource named when it is made: the one place a name is spoiler-prefixed and a
    content type is taken as given or guessed from the name."""

    __slots__ = ("_content_type", "_filename")

    def __init__(self, filename: str, mimetype: str | None, spoiler: bool) -> None:
        self._filename = _spoilered(filename, spoiler)
        self._content_type = mimetype

    @property
    def filename(self) -> str:
        return self._filename

    @property
    def content_type(self) -> str:
        return self._content_type or _guess_type(self._filename)


class Bytes(_Named):
    """In-memory bytes (or text, encoded as UTF-8)."""

    __slots__ = ("data",)

    def __init__(
        self,
        data: bytes | bytearray | memoryview | str,
        filename: str,
        *,
        mimetype: str | None = None,
        spoiler: bool = False,
    ) -> None:
        super().__init__(filename, mimetype, spoiler)
        if isinstance(data, str):
            data = data.encode()
        self.data = bytes(data)

    @classmethod
    def from_data_uri(cls, data_uri: str, filename: str | None = None) -> Bytes:
        """Decode a `data:<mime>;base64,<payload>` URI; raises `ValueError` if it is not one."""
        if not data_uri.startswith("data:") or "," not in data_uri:
            msg = f"not a data URI: {data_uri[:40]!r}"
            raise ValueError(msg)
        header, payload = data_uri[5:].split(",", 1)
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

    async def read(self, *, executor: concurrent.futures.Executor | None = None) -> bytes:
        return self.data

    def __repr__(self) -> str:
        return f"Bytes(filename={self._filename!r}, size={len(self.data)})"


class File(_Named):
    """A file on disk, read through AnyIO (in a worker thread) each time it is streamed."""

    __slots__ = ("path",)

    def __init__(
        self, path: str | os.PathLike[str], filename: str | None = None, *, spoiler: bool = False
    ) -> None:
        self.path = pathlib.Path(path)
        super().__init__(filename or self.path.name, None, spoiler)

    async def stream(self, chunk_size: int = DEFAULT_CHUNK_SIZE) -> AsyncIterator[bytes]:
        async with await anyio.open_file(self.path, "rb") as fp:
            while chunk := await fp.read(chunk_size):
                yield chunk

    def __repr__(self) -> str:
        return f"File(path={str(self.path)!r}, filename={self._filename!r})"


class URL(_Named):
    """A remote file, downloaded in chunks with httpx.

    A failed download (no connection, an error status, a connection lost part way) raises
    `ResourceFetchError` naming the host. Uploads download it whole before the request
    (`prefetch()`); `stream()` streams it.
    """

    __slots__ = ("_http", "_url")

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
        super().__init__(name, None, spoiler)

    @property
    def url(self) -> str:
        """The remote URL itself (Discord accepts it directly in embeds)."""
        return self._url

    @property
    def host(self) -> str:
        """The host (and port, if given) the file is fetched from: what errors name."""
        parsed = urllib.parse.urlsplit(self._url)
        host = parsed.hostname or ""
        return host if parsed.port is None else f"{host}:{parsed.port}"

    async def stream(self, chunk_size: int = DEFAULT_CHUNK_SIZE) -> AsyncIterator[bytes]:
        try:
            async with contextlib.AsyncExitStack() as stack:
                client = self._http
                if client is None:
                    client = httpx.AsyncClient(follow_redirects=True)
                    await stack.enter_async_context(client)
                response = await stack.enter_async_context(client.stream("GET", self._url))
                if not response.is_success:
                    detail = f"HTTP {response.status_code} {response.reason_phrase}".rstrip()
                    raise errors.ResourceFetchError(
                        self._filename, self.host, detail, response.status_code
                    )
                async for chunk in response.aiter_bytes(chunk_size):
                    yield chunk
        except httpx.HTTPError as exc:
            # Never `str(exc)` alone for status errors: httpx puts the whole URL in it.
            detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            detail = detail.replace(self._url, self.host)
            raise errors.ResourceFetchError(self._filename, self.host, detail) from None

    def __repr__(self) -> str:
        # The path and query of a URL may carry a credential (signed links): host only.
        return f"URL(host={self.host!r}, filename={self._filename!r})"


class AsyncIteratorResource(_Named):
    """Bytes from an async iterable (a generator, a response body, a pipe).

    The iterable is consumed once; its chunks are kept so a retried request can send them again.
    """

    __slots__ = ("_chunks", "_done", "_source")

    def __init__(
        self,
        source: AsyncIterable[bytes],
        filename: str,
        *,
        mimetype: str | None = None,
        spoiler: bool = False,
    ) -> None:
        super().__init__(filename, mimetype, spoiler)
        self._source: AsyncIterable[bytes] | None = source
        self._chunks: list[bytes] = []
        self._done = False

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


class ServedFromURL(typing.Protocol):
    """An object whose content is at an http(s) URL: a custom emoji, a sticker, an attachment."""

    @property
    def url(self) -> str:
        """Where the content is served."""
        ...


class NamedBytes(typing.Protocol):
    """A file held in memory under a name: any object with a `filename` and its bytes as `data`.

    A `mimetype` or `content_type` string attribute, when the object has one, is the part's
    content type; otherwise it is guessed from the filename.
    """

    @property
    def filename(self) -> str:
        """The name Discord shows (and `attachment://name` refers to)."""
        ...

    @property
    def data(self) -> bytes | bytearray | memoryview:
        """The file's content."""
        ...


Resourceish = (
    Resource | str | os.PathLike[str] | bytes | bytearray | memoryview | NamedBytes | ServedFromURL
)
"""What upload arguments accept: a `Resource`, a path, an `http(s)://` URL, a `data:` URI,
bytes, an object with a `filename` and `data` bytes (`NamedBytes`), or an object served from
an http(s) URL (`ServedFromURL`)."""

_RAW = (bytes, bytearray, memoryview)


def ensure_resource(value: Resourceish, filename: str | None = None) -> Resource:
    """Turn `value` into a `Resource`; raises `TypeError` naming the value when it cannot.

    Strings are URLs when they start with `http://`/`https://`, data URIs when they start
    with `data:`, and paths otherwise. Bare bytes are named `filename` (default `file`). An
    object with a `filename` and `data` bytes uploads those bytes under that name; one with
    an http(s) `url` (an emoji, a sticker, an attachment) uploads what the URL serves.
    """
    if isinstance(value, Resource):
        return value
    if isinstance(value, _RAW):
        return Bytes(value, filename or "file")
    if isinstance(value, str):
        if value.startswith(("http://", "https://")):
            return URL(value, filename)
        if value.startswith("data:"):
            return Bytes.from_data_uri(value, filename)
        return File(value, filename)
    if isinstance(value, os.PathLike):
        return File(value, filename)
    name = filename or getattr(value, "filename", None)
    data = getattr(value, "data", None)
    if isinstance(name, str) and isinstance(data, _RAW):
        mimetype = getattr(value, "mimetype", None) or getattr(value, "content_type", None)
        return Bytes(data, name, mimetype=mimetype if isinstance(mimetype, str) else None)
    # Objects served from a URL (custom emojis, stickers, attachments) upload what it serves.
    url = getattr(value, "url", None)
    if isinstance(url, str) and url.startswith(("http://", "https://")):
        return URL(url, name if isinstance(name, str) else None)
    # `reprlib` bounds the repr: the value is named, never dumped whole into the message.
    msg = (
        f"cannot upload {reprlib.repr(value)} ({type(value).__name__}): expected a Resource "
        "(anycord.Bytes, File, URL), a path, an http(s) URL, a data: URI, bytes, an object "
        "with a `filename` and `data` bytes, or an object with an http(s) `url` (an emoji, "
        "sticker, attachment)"
    )
    raise TypeError(msg)


_Files = typing.TypeVar("_Files", bound="Sequence[Resource] | Mapping[str, Resource]")


async def prefetch(files: _Files) -> _Files:
    """`files` checked and with every `URL` downloaded into `Bytes` (the rest as they are).

    Called before a request that uploads them (a REST request, an interaction server's
    multipart answer): a `File` whose path is not a file raises `FileNotFoundError` naming it,
    and a download that fails raises `ResourceFetchError`, both before anything is sent; a
    retried request sends the same bytes without downloading again.
    """
    resources = list(files.values() if isinstance(files, Mapping) else files)
    for resource in resources:
        if isinstance(resource, File) and not await anyio.Path(resource.path).is_file():
            msg = f"cannot upload {resource.filename!r}: no file at {str(resource.path)!r}"
            raise FileNotFoundError(msg)
    if not any(isinstance(r, URL) for r in resources):
        return files

    async def fetched(resource: Resource) -> Resource:
        if not isinstance(resource, URL):
            return resource
        return Bytes(await resource.read(), resource.filename, mimetype=resource.content_type)

    if isinstance(files, Mapping):
        return typing.cast("_Files", {name: await fetched(r) for name, r in files.items()})
    return typing.cast("_Files", [await fetched(r) for r in files])


async def to_data_uri(value: Resourceish) -> str:
    """The resource as a `data:<mime>;base64,...` URI (what avatar and icon fields take)."""
    resource = ensure_resource(value)
    data = await resource.read()
    return f"data:{resource.content_type};base64,{base64.b64encode(data).decode('ascii')}"


Rawish = bytes | bytearray | memoryview
"""Raw bytes a `Bytes` resource accepts."""
Pathish = str | os.PathLike[str]
"""A file path a `File` resource accepts."""
