"""Inbound gateway throughput: anycord's protocol against hikari's shard transport, same frames.

Run: `python benchmarks/gateway.py [--messages N] [--rounds R]`.

The frames are built once: N realistic MESSAGE_CREATE dispatches (embeds, mentions, a member
object), compressed on one zlib-stream context exactly as Discord sends them (one sync flush
per message), and the same on one zstd-stream context. Every run replays those bytes from the
first frame with a fresh decompression context, as a new connection would.

What is compared, per frame:

* **anycord**: `GatewayProtocol.receive(frame, now)`: zlib-stream (or zstd-stream) inflate, orjson
  decode, payload shape checks, the state-machine step, sequence tracking and a `Dispatch`
  event. That is all the per-frame work the shard does before handing `d` to the sink.
* **hikari**: `_GatewayZlibStreamTransport.receive_json()` from `hikari/impl/shard.py`, driven with
  a stand-in for its aiohttp websocket that returns the same BINARY messages: its fast-path
  inflate (`zlib.decompressobj().decompress`) and `data_binding.default_json_loads` (orjson).
  hikari's shard then does its op/seq handling in `_poll_events`, which is not counted: hikari
  gets the cheaper half of the work.
* hikari's zstd transport needs `backports.zstd` (Python < 3.14); when that is missing only
  anycord's zstd number is printed.

* **floor**: a bare loop of `zlib.decompressobj().decompress` + `orjson.loads` per frame, with no
  checks at all: the cost neither library can go under. anycord's margin over it is its whole
  per-frame protocol work.

Measured on the 2-core dev box (`python benchmarks/gateway.py --rounds 7`, three runs): before the
short dispatch path anycord zlib-stream took 123–125 ms (0.94–0.99x hikari), after it 112–113 ms
(1.03–1.06x hikari; zstd-stream 98–103 ms), against a floor of ~84 ms.

Both sides run in the same asyncio event loop (hikari's transport is a coroutine; anycord's
protocol is a plain call). Best of R rounds is reported.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import time
import typing
import zlib

import orjson

from anycord.gateway.protocol import GatewayProtocol
from anycord.intents import Intents

try:
    import zstandard
except ImportError:  # pragma: no cover
    zstandard = None  # type: ignore[assignment]


def message_create(seq: int) -> dict[str, typing.Any]:
    author = {
        "id": str(80351110224678912 + seq % 500),
        "username": f"user{seq % 500}",
        "discriminator": "0",
        "global_name": f"User {seq % 500}",
        "avatar": "a_" + "0123456789abcdef" * 2,
        "public_flags": 64,
    }
    return {
        "op": 0,
        "t": "MESSAGE_CREATE",
        "s": seq,
        "d": {
            "id": str(1100000000000000000 + seq),
            "channel_id": "1000000000000000001",
            "guild_id": "1000000000000000000",
            "author": author,
            "member": {
                "roles": ["1000000000000000002"],
                "joined_at": "2021-01-01T00:00:00+00:00",
                "deaf": False,
                "mute": False,
                "flags": 0,
                "nick": None,
            },
            "content": f"message number {seq} with some words in it to look like chat " * 2,
            "timestamp": "2024-05-01T12:34:56.789000+00:00",
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [author] if seq % 7 == 0 else [],
            "mention_roles": [],
            "attachments": [],
            "embeds": [
                {"type": "rich", "title": "embed", "description": "d" * 80, "color": 0x5865F2}
            ]
            if seq % 5 == 0
            else [],
            "pinned": False,
            "type": 0,
            "flags": 0,
            "nonce": str(seq),
            "components": [],
        },
    }


def build_frames(count: int) -> tuple[bytes, list[bytes], list[bytes]]:
    hello = orjson.dumps({"op": 10, "d": {"heartbeat_interval": 41250}})
    ready = orjson.dumps(
        {
            "op": 0,
            "t": "READY",
            "s": 1,
            "d": {
                "v": 10,
                "session_id": "s",
                "resume_gateway_url": "wss://r",
                "user": {"id": "1"},
                "guilds": [],
            },
        }
    )
    raw = [hello, ready] + [orjson.dumps(message_create(seq)) for seq in range(2, count + 2)]
    zlib_ctx = zlib.compressobj()
    zlib_frames = [zlib_ctx.compress(r) + zlib_ctx.flush(zlib.Z_SYNC_FLUSH) for r in raw]
    zstd_frames: list[bytes] = []
    if zstandard is not None:
        zstd_ctx = zstandard.ZstdCompressor().compressobj()
        zstd_frames = [
            zstd_ctx.compress(r) + zstd_ctx.flush(zstandard.COMPRESSOBJ_FLUSH_BLOCK) for r in raw
        ]
    return hello, zlib_frames, zstd_frames


def run_anycord(frames: list[bytes], compression: str) -> float:
    proto = GatewayProtocol(token="x" * 24, intents=Intents.GUILDS, compression=compression)  # type: ignore[arg-type]
    proto.connection_made(0.0)
    receive = proto.receive
    start = time.perf_counter()
    receive(frames[0], 0.0)  # HELLO
    proto.identify()
    for frame in frames[1:]:
        receive(frame, 1.0)
    elapsed = time.perf_counter() - start
    assert proto.sequence == len(frames) - 1, proto.sequence
    return elapsed


def run_floor(frames: list[bytes]) -> float:
    decompress = zlib.decompressobj().decompress
    loads = orjson.loads
    start = time.perf_counter()
    for frame in frames:
        loads(decompress(frame))
    return time.perf_counter() - start


class _FakeAiohttpWS:
    """Just enough of aiohttp's ClientWebSocketResponse for hikari's receive path."""

    def __init__(self, frames: list[bytes]) -> None:
        import aiohttp

        self._messages = [aiohttp.WSMessage(aiohttp.WSMsgType.BINARY, f, None) for f in frames]
        self._index = 0

    async def receive(self) -> typing.Any:
        message = self._messages[self._index]
        self._index += 1
        return message


async def run_hikari(frames: list[bytes], kind: str) -> float:
    from hikari.impl import shard as hikari_shard
    from hikari.internal import data_binding

    cls = (
        hikari_shard._GatewayZlibStreamTransport
        if kind == "zlib"
        else hikari_shard._GatewayZstdStreamTransport
    )
    transport = cls(
        ws=_FakeAiohttpWS(frames),  # type: ignore[arg-type]
        exit_stack=contextlib.AsyncExitStack(),
        logger=logging.getLogger("bench.hikari"),
        log_filterer=lambda b: b,
        dumps=data_binding.default_json_dumps,
        loads=data_binding.default_json_loads,
    )
    receive = transport.receive_json
    start = time.perf_counter()
    last: dict[str, typing.Any] = {}
    for _ in range(len(frames)):
        last = await receive()
    elapsed = time.perf_counter() - start
    assert last["s"] == len(frames) - 1
    return elapsed


def hikari_zstd_available() -> bool:
    try:
        from backports import zstd
    except ImportError:
        try:
            from compression import zstd  # type: ignore[import-not-found,no-redef]  # noqa: F401
        except ImportError:
            return False
    return True


async def main(messages: int, rounds: int) -> None:
    _, zlib_frames, zstd_frames = build_frames(messages)
    size = sum(map(len, zlib_frames))
    print(
        f"{len(zlib_frames):,} frames ({messages:,} MESSAGE_CREATE), zlib-stream {size / 1e6:.1f} MB compressed"
    )
    results: dict[str, float] = {}
    for name, fn in (
        ("anycord zlib-stream", lambda: run_anycord(zlib_frames, "zlib-stream")),
        ("anycord zstd-stream", lambda: run_anycord(zstd_frames, "zstd-stream")),
    ):
        if "zstd" in name and not zstd_frames:
            continue
        results[name] = min(fn() for _ in range(rounds))
    results["floor zlib + orjson"] = min(run_floor(zlib_frames) for _ in range(rounds))
    results["hikari zlib-stream"] = min(
        [await run_hikari(zlib_frames, "zlib") for _ in range(rounds)]
    )
    if hikari_zstd_available():
        results["hikari zstd-stream"] = min(
            [await run_hikari(zstd_frames, "zstd") for _ in range(rounds)]
        )
    for name, seconds in results.items():
        print(f"{name:22} {seconds * 1000:8.1f} ms   {len(zlib_frames) / seconds:12,.0f} frames/s")
    ratio = results["hikari zlib-stream"] / results["anycord zlib-stream"]
    print(
        f"zlib-stream: anycord is {ratio:.2f}x hikari's speed (anycord does the protocol work too)"
    )
    if "hikari zstd-stream" in results:
        ratio = results["hikari zstd-stream"] / results["anycord zstd-stream"]
        print(f"zstd-stream: anycord is {ratio:.2f}x hikari's speed")
    else:
        print(
            "zstd-stream: hikari's zstd transport needs backports.zstd (not installed); not compared"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=30_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    asyncio.run(main(args.messages, args.rounds))
