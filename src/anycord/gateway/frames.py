"""The server's websocket frames (RFC 6455 §5), read sans-IO: bytes in, whole messages out.

wsproto performs the opening handshake and frames everything anycord sends (masked, as a
client must); this reader takes over what the server sends once the handshake is done. It
exists for speed: the gateway's messages are small (a zlib-stream MESSAGE_CREATE is about 30
bytes on the wire) and wsproto's receive path costs 5-9 µs of Python per frame, more than
inflating and parsing the JSON; this one costs well under 1 µs.

Guarantees:

* `feed(data)` takes bytes split anywhere; `next()` returns the next whole data message
  (`str` for text, `bytes` for binary, fragments joined), a `Control` frame (close, ping,
  pong), or `None` when it needs more bytes.
* A message whose size would pass `max_message_size` raises `GatewayTransportError`
  ("websocket message over N bytes") as soon as the frame header announces it, before its
  payload is buffered.
* Anything RFC 6455 forbids a server to send (a masked frame, RSV bits without an extension,
  an unknown opcode, a fragmented or oversized control frame, a continuation without a start
  or a new message inside a fragmented one, text that is not UTF-8) raises
  `GatewayTransportError` naming the violation. Nothing else escapes.
"""

from __future__ import annotations

import typing

from anycord.errors import GatewayTransportError

__all__ = ["CLOSE", "PING", "PONG", "Control", "FrameReader"]

_CONTINUATION: typing.Final = 0
_TEXT: typing.Final = 1
_BINARY: typing.Final = 2
CLOSE: typing.Final = 8
PING: typing.Final = 9
PONG: typing.Final = 10
_MAX_CONTROL_PAYLOAD: typing.Final = 125


class Control(typing.NamedTuple):
    """A control frame: `opcode` is `CLOSE`, `PING` or `PONG`."""

    opcode: int
    payload: bytes


def _violation(what: str) -> GatewayTransportError:
    return GatewayTransportError(f"websocket protocol error: {what}")


class FrameReader:
    """Reassembles the messages a websocket server sends (module doc)."""

    __slots__ = ("_buffer", "_max", "_opcode", "_parts", "_pos", "_size")

    def __init__(self, max_message_size: int) -> None:
        self._buffer = bytearray()
        self._pos = 0  # start of the first unread frame in `_buffer`
        self._max = max_message_size
        self._opcode = 0  # opcode of the fragmented message in progress (0: none)
        self._parts: list[bytes] = []
        self._size = 0  # bytes of the fragmented message so far

    def feed(self, data: bytes) -> None:
        """Append bytes received from the server."""
        if self._pos:
            del self._buffer[: self._pos]
            self._pos = 0
        self._buffer += data

    def next(self) -> bytes | str | Control | None:
        """The next message or control frame, or `None` until more bytes are fed."""
        buffer = self._buffer
        while True:
            pos = self._pos
            available = len(buffer) - pos
            if available < 2:
                return None
            first = buffer[pos]
            length = buffer[pos + 1]
            if first & 0x70 or length & 0x80:
                raise _violation("reserved bits or a mask set by the server")
            header = 2
            if length == 126:  # a 16-bit length: most gateway frames over 125 bytes
                header = 4
                if available < 4:
                    return None
                length = buffer[pos + 2] << 8 | buffer[pos + 3]
            elif length == 127:
                header = 10
                if available < 10:
                    return None
                length = int.from_bytes(buffer[pos + 2 : pos + 10], "big")
            opcode = first & 0x0F
            final = first & 0x80
            if opcode >= CLOSE:
                if opcode > PONG or not final or length > _MAX_CONTROL_PAYLOAD:
                    raise _violation(f"bad control frame (opcode {opcode}, {length} bytes)")
            elif opcode > _BINARY:
                raise _violation(f"unknown opcode {opcode}")
            elif (opcode == _CONTINUATION) != bool(self._opcode):
                raise _violation("continuation frame out of place")
            elif self._size + length > self._max:
                msg = f"websocket message over {self._max} bytes"
                raise GatewayTransportError(msg)
            start = pos + header
            end = start + length
            if len(buffer) < end:
                return None
            self._pos = end
            if opcode >= CLOSE:
                return Control(opcode, bytes(buffer[start:end]))
            if final and opcode:
                if opcode == _BINARY:  # the zlib-stream frame: no call for it
                    return bytes(buffer[start:end])
                return self._finish(opcode, buffer[start:end])
            self._parts.append(bytes(buffer[start:end]))
            self._size += length
            if opcode:
                self._opcode = opcode
            elif final:
                opcode, self._opcode, self._size = self._opcode, 0, 0
                data = b"".join(self._parts)
                self._parts.clear()
                return self._finish(opcode, data)

    @staticmethod
    def _finish(opcode: int, data: bytes | bytearray) -> bytes | str:
        if opcode == _BINARY:
            return bytes(data)
        try:
            return data.decode()
        except UnicodeDecodeError:
            raise _violation("a text message that is not UTF-8") from None
