"""The server's websocket frames (RFC 6455 §5), read sans-IO: bytes in, whole messages out.

wsproto performs the opening handshake and frames everything anycord sends (masked, as a
client must); this reader takes over what the server sends once the handshake is done. It
exists for speed: the gateway's messages are small (a zlib-stream MESSAGE_CREATE is about 30
bytes on the wire) and wsproto's receive path costs 5-9 µs of Python per frame, more than
inflating and parsing the JSON; this one costs well under 1 µs.

Guarantees:

* `feed(data)` takes bytes split anywhere; `drain(out)` appends every whole data message
  buffered to `out` in order (`bytes` for binary; for text a `bytearray` of its UTF-8,
  fragments joined) and
  returns the first `Control` frame met (close, ping, pong; what follows it waits for the
  next call), or `None` when the rest needs more bytes.
* A message whose size would pass `max_message_size` raises `GatewayTransportError`
  ("websocket message over N bytes") as soon as the frame header announces it, before its
  payload is buffered.
* Anything RFC 6455 forbids a server to send (a masked frame, RSV bits without an extension,
  an unknown opcode, a fragmented or oversized control frame, a continuation without a start
  or a new message inside a fragmented one) raises `GatewayTransportError` naming the
  violation. Nothing else escapes.
* Text is not decoded here: the gateway's JSON decoder (`orjson.loads`) reads the UTF-8
  bytes directly and refuses invalid UTF-8 itself (`anycord.gateway.protocol` raises
  `GatewayTransportError` for it), which saves a decode and a copy per message.
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

    def drain(self, out: list[bytes | bytearray]) -> Control | None:
        """Append every whole data message the buffer holds to `out`, in order.

        Returns the first control frame met (the messages before it are in `out`, the ones
        after it stay buffered for the next call), or `None` once the rest needs more bytes.
        A violation raises `GatewayTransportError`; the messages before the bad frame are in
        `out` already. One call per socket read: the loop keeps its state in locals and the
        usual frame (final, unfragmented, text or binary) takes the first branch.
        """
        buffer = self._buffer
        size = len(buffer)
        pos = self._pos
        append = out.append
        try:
            while size - pos >= 2:
                first = buffer[pos]
                length = buffer[pos + 1]
                if length < 126:
                    start = pos + 2
                elif length == 126:  # a 16-bit length: most gateway frames over 125 bytes
                    if size - pos < 4:
                        return None
                    length = buffer[pos + 2] << 8 | buffer[pos + 3]
                    start = pos + 4
                elif length == 127:
                    if size - pos < 10:
                        return None
                    length = int.from_bytes(buffer[pos + 2 : pos + 10], "big")
                    start = pos + 10
                else:
                    raise _violation("reserved bits or a mask set by the server")
                end = start + length
                # 0x81, 0x82: a final text or binary frame, no RSV bits (a constant tuple)
                if first in (0x81, 0x82) and not self._opcode:
                    if length > self._max:
                        msg = f"websocket message over {self._max} bytes"
                        raise GatewayTransportError(msg)
                    if end > size:
                        return None
                    pos = end
                    # binary (the zlib-stream frame) as bytes; text as the bytearray slice
                    append(bytes(buffer[start:end]) if first == 0x82 else buffer[start:end])
                    continue
                self._check(first, length)
                if end > size:
                    return None
                pos = end
                control = self._consume(first, start, end, out)
                if control is not None:
                    return control
        finally:
            self._pos = pos
        return None

    def _check(self, first: int, length: int) -> None:
        """Refuse a frame off the usual path that RFC 6455 forbids, or an oversized one."""
        if first & 0x70:
            raise _violation("reserved bits or a mask set by the server")
        opcode = first & 0x0F
        if opcode >= CLOSE:
            if opcode > PONG or not first & 0x80 or length > _MAX_CONTROL_PAYLOAD:
                raise _violation(f"bad control frame (opcode {opcode}, {length} bytes)")
        elif opcode > _BINARY:
            raise _violation(f"unknown opcode {opcode}")
        elif (opcode == _CONTINUATION) != bool(self._opcode):
            raise _violation("continuation frame out of place")
        elif self._size + length > self._max:
            msg = f"websocket message over {self._max} bytes"
            raise GatewayTransportError(msg)

    def _consume(
        self, first: int, start: int, end: int, out: list[bytes | bytearray]
    ) -> Control | None:
        """A checked, whole frame off the usual path: a control frame (returned) or a
        fragment (kept; the joined message goes to `out` with the last one)."""
        opcode = first & 0x0F
        final = first & 0x80
        buffer = self._buffer
        if opcode >= CLOSE:
            return Control(opcode, bytes(buffer[start:end]))
        self._parts.append(bytes(buffer[start:end]))
        self._size += end - start
        if opcode:
            self._opcode = opcode
        elif final:
            opcode, self._opcode, self._size = self._opcode, 0, 0
            parts = self._parts
            out.append(b"".join(parts) if opcode == _BINARY else bytearray().join(parts))
            parts.clear()
        return None
