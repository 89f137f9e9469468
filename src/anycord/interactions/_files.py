"""Reading an attachment for a multipart interaction response, whatever form it was given in.

Accepted: `anycord.files` resources (anything with a `filename` and an async `read()` or
`stream()`), objects with `filename` and `data` bytes, and filesystem paths (`str` or
`os.PathLike`, read in 64 KiB chunks without blocking the event loop).
"""

from __future__ import annotations

import contextlib
import mimetypes
import os
import typing

import anyio

if typing.TYPE_CHECKING:
    from collections.abc import AsyncIterator

__all__ = ["open_file"]

_CHUNK: typing.Final = 64 * 1024
_OCTET: typing.Final = "application/octet-stream"


def _guess(filename: str) -> str:
    return mimetypes.guess_type(filename)[0] or _OCTET


async def _once(data: bytes) -> AsyncIterator[bytes]:
    yield data


async def _from_path(path: anyio.Path) -> AsyncIterator[bytes]:
    async with await anyio.open_file(path, "rb") as handle:
        while chunk := await handle.read(_CHUNK):
            yield chunk


@contextlib.asynccontextmanager
async def open_file(file: object) -> AsyncIterator[tuple[str, str, AsyncIterator[bytes]]]:
    """`(filename, mimetype, chunks)` for one attachment (a path, or an object with a
    `filename` and its bytes as `data`, `stream()` or `read()`; anything else: `TypeError`)."""
    if isinstance(file, str) or hasattr(file, "__fspath__"):
        path = anyio.Path(os.fspath(typing.cast("str | os.PathLike[str]", file)))
        yield path.name, _guess(path.name), _from_path(path)
        return
    filename = getattr(file, "filename", None)
    if not isinstance(filename, str):
        msg = f"cannot upload {type(file).__name__}: it has no filename (use anycord.files.Bytes)"
        raise TypeError(msg)
    mimetype = (
        getattr(file, "mimetype", None) or getattr(file, "content_type", None) or _guess(filename)
    )
    data = getattr(file, "data", None)
    if isinstance(data, bytes | bytearray | memoryview):
        yield filename, mimetype, _once(bytes(data))
        return
    stream = getattr(file, "stream", None)
    if callable(stream):
        opened = stream()
        if hasattr(opened, "__aenter__"):
            async with opened as reader:
                mimetype = getattr(reader, "mimetype", None) or mimetype
                yield filename, mimetype, reader.__aiter__()
            return
        yield filename, mimetype, opened
        return
    read = getattr(file, "read", None)
    if callable(read):
        yield filename, mimetype, _once(bytes(await read()))
        return
    msg = f"cannot read {type(file).__name__} for upload"
    raise TypeError(msg)
