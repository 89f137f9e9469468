"""The gateway's hops one by one, per MESSAGE_CREATE: frames, protocol, socket to sink.

Run: `python benchmarks/gateway_hops.py [--messages N] [--rounds R] [--baseline SRC]`.

The frames are recorded once: N MESSAGE_CREATE dispatches shaped as `benchmarks/events.py`
sends them (`bot.message_payload`), framed as a server sends them (unmasked, one frame per
message), as plain JSON text frames and as zlib-stream binary frames (one context, a sync
flush per message). Measured, in µs of CPU per message (best of R rounds):

* **frames**: `FrameReader` over the bytes in 64 KiB reads (what one network read holds).
* **protocol**: `GatewayProtocol.receive_dispatch` (`receive` before it) on each message:
  inflate, `orjson.loads`, checks, sequence.
* **socket to sink**: a child process writes every frame to a loopback TCP socket at once;
  this process reads them with `WebSocketClient.receive_many`, hands each message to the
  protocol and awaits a no-op sink per dispatch, as the shard's reader does. The CPU time of
  this process alone, from the first read to the last message.
* **floor**: `orjson.loads` (after inflating, for zlib-stream) of the same messages: what no
  client can go under.

`--baseline SRC` (the `src/` of another anycord checkout) runs the same hops against it in a
child process, interleaved round by round, and prints the ratios. The reader and protocol API
of the checkout before `FrameReader.drain`/`GatewayProtocol.receive_dispatch` is driven too.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import typing
import zlib

import anyio
import anyio.abc
import orjson
from wsproto import ConnectionType, WSConnection

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bot import message_payload  # benchmarks/bot.py: what events.py sends

from anycord.gateway.frames import FrameReader
from anycord.gateway.protocol import Dispatch, GatewayProtocol
from anycord.gateway.websocket import WebSocketClient
from anycord.intents import Intents

READ = 64 * 1024  # what WebSocketClient asks for per network read
AUTHOR = {"id": "1", "username": "u", "discriminator": "0", "global_name": "U", "avatar": None}
HELLO = orjson.dumps({"op": 10, "d": {"heartbeat_interval": 41250}})
READY = orjson.dumps(
    {
        "op": 0,
        "t": "READY",
        "s": 1,
        "d": {"v": 10, "session_id": "s", "resume_gateway_url": "wss://r", "guilds": []},
    }
)
WRITER = (
    "import socket, sys, time\n"
    "s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))\n"
    "data = open(sys.argv[2], 'rb').read()\n"
    "time.sleep(0.2)\n"
    "s.sendall(data)\n"
    "s.close()\n"
)


def frame(opcode: int, payload: bytes) -> bytes:
    """One final, unmasked server frame."""
    size = len(payload)
    if size < 126:
        return bytes([0x80 | opcode, size]) + payload
    if size < 65536:
        return bytes([0x80 | opcode, 126]) + size.to_bytes(2, "big") + payload
    return bytes([0x80 | opcode, 127]) + size.to_bytes(8, "big") + payload


class Recording:
    """The handshake messages and the framed dispatches, for one transport."""

    def __init__(self, count: int, compression: str | None) -> None:
        raw = [
            orjson.dumps(
                {
                    "op": 0,
                    "t": "MESSAGE_CREATE",
                    "s": s,
                    "d": message_payload(s, "10", "11", AUTHOR),
                }
            )
            for s in range(2, count + 2)
        ]
        self.count = count
        self.compression = compression
        if compression is None:
            self.handshake: list[bytes | bytearray] = [bytearray(HELLO), bytearray(READY)]
            self.raw = raw
            self.wire = b"".join(frame(1, r) for r in raw)
            return
        deflater = zlib.compressobj()
        self.handshake = [
            deflater.compress(r) + deflater.flush(zlib.Z_SYNC_FLUSH) for r in (HELLO, READY)
        ]
        compressed = [deflater.compress(r) + deflater.flush(zlib.Z_SYNC_FLUSH) for r in raw]
        self.raw = compressed
        self.wire = b"".join(frame(2, c) for c in compressed)

    def protocol(self) -> GatewayProtocol:
        """A protocol on a connected session, sequence 1 (READY) seen."""
        proto = GatewayProtocol(
            token="x" * 24,
            intents=Intents.GUILDS,
            compression=self.compression,  # type: ignore[arg-type]
        )
        proto.connection_made(0.0)
        proto.receive(self.handshake[0], 0.0)  # type: ignore[arg-type]  # bytes | str before
        proto.identify()
        proto.receive(self.handshake[1], 0.0)  # type: ignore[arg-type]
        return proto


def pull(reader: typing.Any) -> list[typing.Any]:
    """Every whole message buffered (`drain`, or `next` on checkouts before it)."""
    out: list[typing.Any] = []
    if hasattr(reader, "drain"):
        while reader.drain(out) is not None:
            pass
        return out
    while (item := reader.next()) is not None:
        out.append(item)
    return out


def hop_frames(rec: Recording) -> float:
    reads = [rec.wire[i : i + READ] for i in range(0, len(rec.wire), READ)]
    reader = FrameReader(1 << 26)
    got = 0
    start = time.process_time()
    for data in reads:
        reader.feed(data)
        got += len(pull(reader))
    elapsed = time.process_time() - start
    assert got == rec.count, got
    return elapsed


def hop_protocol(rec: Recording) -> float:
    reader = FrameReader(1 << 26)
    reader.feed(rec.wire)
    messages = pull(reader)
    proto = rec.protocol()
    receive = getattr(proto, "receive_dispatch", proto.receive)  # what the reader calls
    start = time.process_time()
    for message in messages:
        receive(message, 1.0)
    return time.process_time() - start


def hop_floor(rec: Recording) -> float:
    loads = orjson.loads
    if rec.compression is None:
        start = time.process_time()
        for message in rec.raw:
            loads(message)
        return time.process_time() - start
    decompress = zlib.decompressobj().decompress
    for message in rec.handshake:
        decompress(message)
    start = time.process_time()
    for message in rec.raw:
        loads(decompress(message))
    return time.process_time() - start


class NoSink:
    def __init__(self) -> None:
        self.count = 0

    def deliver_dispatch(self, shard: object, name: str, data: object) -> None:
        self.count += 1


async def hop_socket(rec: Recording) -> float:
    proto = rec.protocol()
    sink = NoSink()
    deliver = sink.deliver_dispatch
    fast = getattr(proto, "receive_dispatch", None)
    receive = proto.receive
    with tempfile.NamedTemporaryFile(suffix=".bin") as wire:
        wire.write(rec.wire)
        wire.flush()
        listener = await anyio.create_tcp_listener(local_host="127.0.0.1", local_port=0)
        async with listener:
            port = listener.extra(anyio.abc.SocketAttribute.local_port)
            # Popen returns at once; the writer must be running before accept().
            writer = subprocess.Popen(  # noqa: ASYNC220
                [sys.executable, "-c", WRITER, str(port), wire.name]
            )
            stream = await listener.listeners[0].accept()  # type: ignore[attr-defined]
            ws = WebSocketClient(
                stream, WSConnection(ConnectionType.CLIENT), max_message_size=1 << 26
            )
            cpu = None
            while sink.count < rec.count:
                messages = await ws.receive_many()
                if cpu is None:
                    cpu = time.process_time()
                now = ws.received_at
                for message in messages:
                    if fast is not None:
                        events = fast(message, now)
                        if events.__class__ is Dispatch:
                            wait = deliver(None, events[0], events[2])
                            if wait is not None:
                                await wait
                            continue
                    else:
                        events = receive(message, now)
                    for event in events:
                        if event.__class__ is Dispatch:
                            wait = deliver(None, event.name, event.data)
                            if wait is not None:
                                await wait
            assert cpu is not None
            elapsed = time.process_time() - cpu
            await ws.abort()
            writer.wait()
    return elapsed


HOPS = ("frames", "protocol", "socket to sink", "floor")


def one_round(count: int) -> dict[str, float]:
    """µs per message, this process, one round of every hop and transport."""
    out: dict[str, float] = {}
    for compression in (None, "zlib-stream"):
        rec = Recording(count, compression)
        label = "plain JSON" if compression is None else "zlib-stream"
        times = {
            "frames": hop_frames(rec),
            "protocol": hop_protocol(rec),
            "socket to sink": anyio.run(hop_socket, rec),
            "floor": hop_floor(rec),
        }
        for hop, seconds in times.items():
            out[f"{label}: {hop}"] = seconds / count * 1e6
    return out


def child(count: int, pythonpath: str) -> dict[str, float]:
    command = [sys.executable, __file__, "--json", "--rounds", "1", "--messages", str(count)]
    env = {**os.environ, "PYTHONPATH": pythonpath}
    result = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    rows: dict[str, float] = json.loads(result.stdout)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=30_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--baseline", default="", help="src/ of another anycord to compare")
    parser.add_argument("--json", action="store_true", help="print one round as JSON")
    args = parser.parse_args()
    if args.json:
        print(json.dumps(one_round(args.messages)))
        return
    rounds: list[dict[str, float]] = []
    baseline: list[dict[str, float]] = []
    load = os.getloadavg()[0]
    for _ in range(args.rounds):
        rounds.append(one_round(args.messages))
        if args.baseline:
            baseline.append(child(args.messages, args.baseline))
    print(
        f"{args.messages:,} MESSAGE_CREATE per hop, µs of CPU per message, best of "
        f"{args.rounds}; load average {load:.2f} before, {os.getloadavg()[0]:.2f} after"
    )
    header = f"{'':34}{'this':>8}"
    print(header + (f"{'baseline':>10}{'ratio':>8}" if baseline else ""))
    for key in rounds[0]:
        best = min(r[key] for r in rounds)
        line = f"{key:34}{best:8.2f}"
        if baseline:
            old = min(r[key] for r in baseline)
            line += f"{old:10.2f}{best / old:8.2f}"
        print(line)


if __name__ == "__main__":
    main()
