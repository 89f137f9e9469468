"""REST rate-limit benchmark: the same bursts through anycord and hikari, side by side.

FakeDiscord's REST app is served with hypercorn on loopback (hikari needs a real socket),
with Discord's limits: 5 messages per 5 s per channel, 50 requests/s global. Each client
sends 100 messages to 10 channels at once, twice: with the bucket unknown (a fresh client)
and known (after one warm-up message per channel and a full window). The ideal time is 5 s.

Run: `python benchmarks/rest.py` (about a minute, real time; asyncio, as hikari needs it).
"""

from __future__ import annotations

import asyncio
import logging
import socket
import time

import anyio
from hypercorn.asyncio import serve
from hypercorn.config import Config

import anycord.rest
from anycord.testing.rest_app import FakeRestApp
from anycord.testing.world import World

IDEAL = 5.0
COUNT = 100
CHANNELS = 10
ROUTE = "/channels/{channel_id}/messages"
LIMIT = 20.0
"""Seconds a run may take before it is stopped and its progress reported."""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _fresh(app: FakeRestApp) -> None:
    app.ratelimits.reset()
    app.stats.reset()
    app.requests.clear()


async def _anycord(url: str, token: str, channels: list[str], warm: bool) -> float:
    async with anycord.rest.RESTApp(rest_url=url).acquire(token) as rest:
        if warm:
            for channel in channels:
                await rest.create_message(channel, "warm-up")
            await anyio.sleep(IDEAL + 0.2)
        start = time.monotonic()
        async with anyio.create_task_group() as tg:
            for i in range(COUNT):
                tg.start_soon(rest.create_message, channels[i % CHANNELS], f"m{i}")
        return time.monotonic() - start


async def _hikari(url: str, token: str, channels: list[str], warm: bool) -> float:
    import hikari

    app = hikari.RESTApp(url=url)
    await app.start()
    try:
        async with app.acquire(token, hikari.TokenType.BOT) as rest:
            if warm:
                for channel in channels:
                    await rest.create_message(int(channel), "warm-up")
                await asyncio.sleep(IDEAL + 0.2)
            start = time.monotonic()
            await asyncio.gather(
                *(rest.create_message(int(channels[i % CHANNELS]), f"m{i}") for i in range(COUNT))
            )
            return time.monotonic() - start
    finally:
        await app.close()


async def main() -> None:
    logging.getLogger("hikari").setLevel(logging.CRITICAL)
    world = World()
    app = FakeRestApp(world)
    app.limit("POST", ROUTE, limit=5, per=IDEAL)
    app.global_limit = 50
    guild = world.add_guild(name="bench")
    channels = [world.add_channel(guild["id"])["id"] for _ in range(CHANNELS)]
    port = _free_port()
    config = Config()
    config.bind = [f"127.0.0.1:{port}"]
    config.accesslog = None
    config.errorlog = None
    url = f"http://127.0.0.1:{port}/api/v10"
    shutdown = asyncio.Event()
    server = asyncio.ensure_future(serve(app, config, shutdown_trigger=shutdown.wait))  # type: ignore[arg-type]
    await asyncio.sleep(0.5)
    print(
        f"{COUNT} messages to {CHANNELS} channels, 5 per 5 s per channel, 50/s global; ideal {IDEAL:.1f} s"
    )
    print(
        f"{'client':<9} {'bucket':<8} {'time':>7} {'x ideal':>8} {'429s':>5} {'global':>6} {'into exhausted':>15}"
    )
    try:
        for name, run in (("anycord", _anycord), ("hikari", _hikari)):
            for warm in (False, True):
                _fresh(app)
                # Start each run in a fresh window.
                await asyncio.sleep(IDEAL + 0.2)
                _fresh(app)
                label = "known" if warm else "unknown"
                try:
                    elapsed = await asyncio.wait_for(run(url, world.token, channels, warm), LIMIT)
                except TimeoutError:
                    done = sum(
                        1 for r in app.requests if r.status == 200 and r.json["content"][0] == "m"
                    )
                    s = app.stats
                    print(
                        f"{name:<9} {label:<8} {'>' + str(int(LIMIT)) + 's':>7} {'-':>8} "
                        f"{s.too_many_requests:>5} {s.global_429s:>6} {s.exhausted_sends:>15}"
                        f"   only {done}/{COUNT} sent in {LIMIT:.0f} s"
                    )
                    continue
                s = app.stats
                print(
                    f"{name:<9} {label:<8} {elapsed:>6.2f}s {elapsed / IDEAL:>8.2f} "
                    f"{s.too_many_requests:>5} {s.global_429s:>6} {s.exhausted_sends:>15}"
                )
    finally:
        shutdown.set()
        await server


if __name__ == "__main__":
    asyncio.run(main())
