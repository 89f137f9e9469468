"""Transport decompression for the gateway: `zlib-stream` and `zstd-stream`.

Both inflaters keep one decompression context for the whole connection, as Discord requires
(a context is never shared between connections: build a new inflater per connection).

* `ZlibStreamInflater` buffers binary frames until one ends with the Z_SYNC_FLUSH marker
  `00 00 ff ff`, then inflates the buffer. A frame that carries a whole message (the usual
  case) is inflated without copying it into the buffer first.
* `ZstdStreamInflater` feeds each binary message to one streaming zstd decompressor. Discord
  never ends the zstd frame, so each message yields exactly the bytes flushed so far.
  Available only when the `zstandard` package is installed (`anycord[zstd]`).

Both bound memory: a message that inflates to more than `max_size` bytes, or compressed
input that piles up without a flush marker beyond `max_size`, raises `GatewayTransportError`.
Corrupt input raises `GatewayTransportError` too; nothing else escapes.
"""

from __future__ import annotations

import typing
import zlib

from anycord.errors import GatewayTransportError

if typing.TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "DEFAULT_MAX_SIZE",
    "Inflater",
    "ZlibStreamInflater",
    "ZstdStreamInflater",
    "available_compressions",
    "make_inflater",
]

DEFAULT_MAX_SIZE: typing.Final[int] = 64 * 1024 * 1024
"""Largest inflated message accepted (a huge GUILD_CREATE is a few MiB)."""

_ZLIB_SUFFIX: typing.Final = b"\x00\x00\xff\xff"

Compression = typing.Literal["zlib-stream", "zstd-stream"]


class Inflater(typing.Protocol):
    """One connection's decompression context."""

    def feed(self, data: bytes) -> bytes | None:
        """Inflate one binary websocket message: the decoded payload, or None if incomplete."""
        ...


class ZlibStreamInflater:
    """`compress=zlib-stream`: one zlib context, messages end with `00 00 ff ff`."""

    __slots__ = ("_buffer", "_decompress", "_inflater", "_max_size")

    def __init__(self, *, max_size: int = DEFAULT_MAX_SIZE) -> None:
        self._inflater = zlib.decompressobj()
        self._decompress = self._inflater.decompress
        self._buffer = bytearray()
        self._max_size = max_size

    def feed(self, data: bytes) -> bytes | None:
        if self._buffer or not data.endswith(_ZLIB_SUFFIX):
            return self._feed_partial(data)
        # A whole message in one frame (the usual case): inflated in place, no extra call.
        try:
            out: bytes = self._decompress(data, self._max_size)
        except zlib.error as exc:
            msg = f"zlib-stream: corrupt data ({exc})"
            raise GatewayTransportError(msg) from None
        if self._inflater.unconsumed_tail:
            msg = f"zlib-stream: message inflates to more than {self._max_size} bytes"
            raise GatewayTransportError(msg)
        return out

    def _feed_partial(self, data: bytes) -> bytes | None:
        # The marker may itself be split across frames: look at the buffer's end.
        self._buffer += data
        if not self._buffer.endswith(_ZLIB_SUFFIX):
            if len(self._buffer) > self._max_size:
                self._buffer.clear()
                msg = f"zlib-stream: over {self._max_size} compressed bytes without a flush"
                raise GatewayTransportError(msg)
            return None
        whole = bytes(self._buffer)
        self._buffer.clear()
        return self._inflate(whole)

    def _inflate(self, data: bytes) -> bytes:
        try:
            out: bytes = self._decompress(data, self._max_size)
        except zlib.error as exc:
            msg = f"zlib-stream: corrupt data ({exc})"
            raise GatewayTransportError(msg) from None
        if self._inflater.unconsumed_tail:
            msg = f"zlib-stream: message inflates to more than {self._max_size} bytes"
            raise GatewayTransportError(msg)
        return out


class ZstdStreamInflater:
    """`compress=zstd-stream`: one zstd decompressor whose frame never ends."""

    __slots__ = ("_inflater", "_max_size")

    def __init__(self, *, max_size: int = DEFAULT_MAX_SIZE) -> None:
        try:
            import zstandard
        except ImportError:  # pragma: no cover - exercised only without the extra
            msg = "zstd-stream needs the zstandard package: pip install 'anycord[zstd]'"
            raise RuntimeError(msg) from None
        self._inflater = zstandard.ZstdDecompressor().decompressobj()
        self._max_size = max_size

    def feed(self, data: bytes) -> bytes | None:
        try:
            out: bytes = self._inflater.decompress(data)
        except Exception as exc:  # zstandard.ZstdError and friends
            msg = f"zstd-stream: corrupt data ({type(exc).__name__}: {exc})"
            raise GatewayTransportError(msg) from None
        if len(out) > self._max_size:
            msg = f"zstd-stream: message inflates to more than {self._max_size} bytes"
            raise GatewayTransportError(msg)
        return out or None


def _zstd_available() -> bool:
    try:
        import zstandard  # noqa: F401
    except ImportError:  # pragma: no cover
        return False
    return True


def available_compressions() -> tuple[Compression, ...]:
    """The transport compressions this installation can decode, best first."""
    if _zstd_available():
        return ("zstd-stream", "zlib-stream")
    return ("zlib-stream",)  # pragma: no cover


_FACTORIES: typing.Final[dict[str, Callable[..., Inflater]]] = {
    "zlib-stream": ZlibStreamInflater,
    "zstd-stream": ZstdStreamInflater,
}


def make_inflater(compression: str, *, max_size: int = DEFAULT_MAX_SIZE) -> Inflater:
    """A fresh inflater for one connection; `ValueError` for an unknown compression name."""
    try:
        factory = _FACTORIES[compression]
    except KeyError:
        msg = f"unknown gateway compression {compression!r}; expected one of {sorted(_FACTORIES)}"
        raise ValueError(msg) from None
    return factory(max_size=max_size)
