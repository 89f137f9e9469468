"""Reading the remote files models point at: attachments, and embed images, thumbnails, video
and icons.

`Attachment`, `EmbedImage` and `EmbedVideo` mix in `Downloadable`: `read()` gives the whole
file, `stream()` its chunks, `save(path)` writes it to disk in chunks. Each downloads
`resource` (an `anycord.files.URL`) with httpx, so a failed download raises
`ResourceFetchError` naming the host, never the URL (signed CDN links carry a credential).
"""

from __future__ import annotations

import typing

import anyio

if typing.TYPE_CHECKING:
    import concurrent.futures
    import os
    import types
    from collections.abc import AsyncGenerator, AsyncIterator

    from anycord.files import URL

__all__ = ["Download", "Downloadable"]


class Download:
    """What `stream()` returns: an async context manager whose value iterates over the file's
    chunks (hikari's `async with x.stream() as reader: async for chunk in reader`), and itself
    an async iterable of them. The download starts when iteration does; leaving the `async
    with` block closes it. With `head_only`, it yields nothing (only `filename`/`mimetype`).
    """

    __slots__ = ("_chunks", "_head_only", "_resource")

    def __init__(self, resource: URL, *, head_only: bool = False) -> None:
        self._resource = resource
        self._head_only = head_only
        self._chunks: AsyncGenerator[bytes, None] | None = None

    @property
    def filename(self) -> str:
        """The file's name."""
        return self._resource.filename

    @property
    def mimetype(self) -> str:
        """The MIME type, guessed from the name."""
        return self._resource.content_type

    async def __aenter__(self) -> Download:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: types.TracebackType | None,
    ) -> None:
        if self._chunks is not None:
            await self._chunks.aclose()

    def __aiter__(self) -> AsyncIterator[bytes]:
        self._chunks = self._iterate()
        return self._chunks

    async def _iterate(self) -> AsyncGenerator[bytes, None]:
        if self._head_only:
            return
        async for chunk in self._resource.stream():
            yield chunk


class Downloadable:
    """Mixin: download the file at the model's `resource`."""

    __slots__ = ()

    @property
    def resource(self) -> URL:
        """The remote file (`ValueError` when the model has no URL)."""
        raise NotImplementedError

    def stream(
        self,
        *,
        executor: concurrent.futures.Executor | None = None,
        head_only: bool = False,
    ) -> Download:
        """The file's chunks (see `Download`). `executor` is accepted for hikari's callers:
        nothing here blocks (httpx downloads; AnyIO's threads write files)."""
        del executor
        return Download(self.resource, head_only=head_only)

    async def read(self, *, executor: concurrent.futures.Executor | None = None) -> bytes:
        """The whole file, in memory."""
        del executor
        return await self.resource.read()

    async def save(
        self,
        path: str | os.PathLike[str],
        *,
        executor: concurrent.futures.Executor | None = None,
        force: bool = False,
    ) -> None:
        """Write the file to `path` in chunks (into a directory under the file's own name).

        Raises `FileExistsError` when the file exists, unless `force` (then it is replaced).
        A failed download removes the file it was writing.
        """
        del executor
        resource = self.resource
        target = anyio.Path(path)
        if await target.is_dir():
            target = target / resource.filename
        async with await anyio.open_file(target, "wb" if force else "xb") as out:
            try:
                async for chunk in resource.stream():
                    await out.write(chunk)
            except BaseException:
                # No half-written file is left behind a failed or cancelled download.
                with anyio.CancelScope(shield=True):
                    await target.unlink(missing_ok=True)
                raise
