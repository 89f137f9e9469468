"""REST benchmarks, anycord side by side with its peers. Two scenarios:

**burst** (rate limits): FakeDiscord's REST app is served with hypercorn on loopback (hikari
needs a real socket), with Discord's limits: 5 messages per 5 s per channel, 50 requests/s
global. Each client sends 100 messages to 10 channels at once, twice: with the bucket unknown
(a fresh client) and known (after one warm-up message per channel and a full window). The ideal
time is 5 s; anycord must send 0 requests into exhausted buckets and get 0 429s.

**overhead** (client CPU per request): anycord (asyncio and Trio), hikari, discord.py, a bare
httpx client and a bare aiohttp session against one canned loopback server (a minimal asyncio
HTTP/1.1 server in a process of its own, answering canned JSON with Discord-shaped rate-limit
headers), server and client pinned to separate cores where the machine has two. For GET
(`fetch_message`) and POST (`create_message`) at concurrency 1, 10 and 50 it prints the client
process's CPU time per request, requests per second, the connections the server accepted
over each client session (warm-up included), and the ratios to hikari and discord.py
(medians of `--rounds`).
anycord runs with its proactive global limit raised out of the way (the peers have none).
The held runs (also alone: `held`) print #17's target as stated, per backend: CPU per
request at the default 50/s global limit divided by the unthrottled figure, both GET with 50
callers over the same count, each measured from a clear global window to its last answer.
Beside it, the same pattern (50 requests at once each second) made by the driver with the
limit out of the way, and a bare aiohttp session unthrottled and in those bursts: idling
~1 s between bursts makes the same work dearer (cold caches on a shared VM), apart from any
waiting, and the bare client shows how much on this machine.
Each round runs every contender once per cell, in turn, so a shared machine's noise falls
on all alike.
`anycord-via-httpx` runs anycord's transport behind a plain `httpx.AsyncClient` (the path
clients built elsewhere take), which prices httpx's own per-request machinery.

Run: `python benchmarks/rest.py [burst|overhead|held|all] [--rounds 3] [--scale 1.0]
[--clients anycord-asyncio,anycord-trio,anycord-via-httpx,hikari,discord.py,httpx,aiohttp]` (all by default:
about a minute for the burst, a few minutes for the overhead; real time). On a shared machine,
take the medians of several rounds.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import gc
import logging
import multiprocessing
import os
import socket
import statistics
import time
import typing

import anyio
import attrs
import httpx
import orjson
from hypercorn.asyncio import serve
from hypercorn.config import Config

import anycord
import anycord.rest
from anycord.testing.rest_app import FakeRestApp
from anycord.testing.world import World

if typing.TYPE_CHECKING:
    from collections.abc import AsyncIterator

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


async def burst() -> None:
    """The burst scenario (see the module docstring)."""
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


# -- overhead scenario -------------------------------------------------------------------------

CHANNEL = "1578695445264338947"
MESSAGE = "1578695445264338949"
TOKEN = "MTA.bench.token"
CLIENTS = (
    "anycord-asyncio",
    "anycord-trio",
    "anycord-via-httpx",
    "hikari",
    "discord.py",
    "httpx",
    "aiohttp",
)
CONCURRENCY = (1, 10, 50)
METHODS = ("GET", "POST")
UNTHROTTLED = 1_000_000
"""anycord's global limit in the overhead runs: the peers have no proactive one."""

HELD_MODES: typing.Final = {
    "unthrottled": (UNTHROTTLED, False),
    "limit": (50, False),
    "bursts": (UNTHROTTLED, True),
}
"""The held runs (GET, 50 callers, the same count each): unthrottled, at the real 50/s
global limit, and the limit's burst pattern made by the driver with the limit out of the way
(what idling between bursts costs on this machine, apart from any waiting)."""
HELD_REFERENCE: typing.Final = "aiohttp"
"""A bare client run unthrottled and in bursts too: the machine's price of idling, alone."""


def _canned_bodies() -> tuple[bytes, bytes, bytes]:
    world = World()
    guild = world.add_guild(name="bench")
    channel = world.add_channel(guild["id"])
    message = world.add_message(channel["id"], content="hello world", emit=False)
    message = {**message, "id": MESSAGE, "channel_id": CHANNEL}
    return (
        orjson.dumps(message),
        orjson.dumps(world.bot_user),
        orjson.dumps({**world.application, "owner": world.bot_user}),
    )


class _Canned(asyncio.Protocol):
    """One connection of the canned server: HTTP/1.1 keep-alive, canned JSON, a bucket."""

    def __init__(self, server: _CannedServer) -> None:
        self.server = server
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]
        self.server.accepts.value += 1

    def data_received(self, data: bytes) -> None:
        buffer = self.buffer + data
        out: list[bytes] = []
        while True:
            end = buffer.find(b"\r\n\r\n")
            if end < 0:
                break
            head = buffer[:end]
            length = 0
            lower = head.lower()
            at = lower.find(b"\r\ncontent-length:")
            if at >= 0:
                stop = lower.find(b"\r\n", at + 2)
                length = int(lower[at + 17 : stop if stop >= 0 else None])
            if len(buffer) < end + 4 + length:
                break
            out.append(self.server.answer(head[: head.find(b" ")], head.split(b" ", 2)[1]))
            buffer = buffer[end + 4 + length :]
        self.buffer = buffer
        if out and self.transport is not None:
            self.transport.write(b"".join(out))


class _CannedServer:
    """Answers every route with canned JSON and Discord-shaped rate-limit headers.

    The bucket allows 100,000 requests per one-second fixed window, so the headers are real
    (remaining counts down, reset-after counts to the window's end) without ever holding a
    client back: the scenario measures the client's cost, not rate limiting.
    """

    LIMIT = 100_000

    def __init__(self, accepts: typing.Any) -> None:
        self.accepts = accepts
        self.message, self.user, self.application = _canned_bodies()
        self.window_end = 0.0
        self.count = 0

    def answer(self, method: bytes, target: bytes) -> bytes:
        now = time.time()
        if now >= self.window_end:
            self.window_end = now + 1.0
            self.count = 0
        self.count += 1
        body = self.message
        if target.endswith(b"/users/@me"):
            body = self.user
        elif target.endswith(b"/applications/@me"):
            body = self.application
        reset_after = self.window_end - now
        return (
            b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
            b"content-length: %d\r\nx-ratelimit-bucket: 80c17d2f203122d936070c88c8d10f33\r\n"
            b"x-ratelimit-limit: %d\r\nx-ratelimit-remaining: %d\r\n"
            b"x-ratelimit-reset: %.3f\r\nx-ratelimit-reset-after: %.3f\r\n\r\n%s"
        ) % (
            len(body),
            self.LIMIT,
            self.LIMIT - self.count,
            self.window_end,
            reset_after,
            body,
        )


def _serve_canned(port: int, accepts: typing.Any, ready: typing.Any, core: int | None) -> None:
    if core is not None:
        os.sched_setaffinity(0, {core})

    async def main() -> None:
        server = _CannedServer(accepts)
        loop = asyncio.get_running_loop()
        listener = await loop.create_server(
            lambda: _Canned(server), "127.0.0.1", port, backlog=1024
        )
        ready.set()
        async with listener:
            await listener.serve_forever()

    asyncio.run(main())


Call = typing.Callable[[], typing.Awaitable[object]]


@contextlib.asynccontextmanager
async def _anycord_calls(url: str, method: str, global_limit: int) -> AsyncIterator[Call]:
    settings = anycord.HTTPSettings(global_rate_limit=global_limit)
    async with anycord.rest.RESTApp(rest_url=url, http_settings=settings).acquire(TOKEN) as rest:
        if method == "GET":
            yield functools.partial(rest.fetch_message, CHANNEL, MESSAGE)
        else:
            yield functools.partial(rest.create_message, CHANNEL, "hello world")


@contextlib.asynccontextmanager
async def _anycord_via_httpx_calls(url: str, method: str, global_limit: int) -> AsyncIterator[Call]:
    """anycord's transport behind an ordinary `httpx.AsyncClient`: the general path a
    client built elsewhere takes; the difference to anycord-asyncio is httpx's own
    per-request cost (request building, cookies, hooks, URL merging, response objects)."""
    from anycord.rest.transport import USER_AGENT, AnycordTransport

    settings = anycord.HTTPSettings(global_rate_limit=global_limit)
    http = httpx.AsyncClient(
        transport=AnycordTransport(settings), headers={"User-Agent": USER_AGENT}
    )
    async with (
        http,
        anycord.RESTClient(TOKEN, rest_url=url, http_settings=settings, http_client=http) as rest,
    ):
        if method == "GET":
            yield functools.partial(rest.fetch_message, CHANNEL, MESSAGE)
        else:
            yield functools.partial(rest.create_message, CHANNEL, "hello world")


@contextlib.asynccontextmanager
async def _hikari_calls(url: str, method: str, global_limit: int) -> AsyncIterator[Call]:
    import hikari

    del global_limit
    app = hikari.RESTApp(url=url)
    await app.start()
    try:
        async with app.acquire(TOKEN, hikari.TokenType.BOT) as rest:
            if method == "GET":
                yield functools.partial(rest.fetch_message, int(CHANNEL), int(MESSAGE))
            else:
                yield functools.partial(rest.create_message, int(CHANNEL), "hello world")
    finally:
        await app.close()


@contextlib.asynccontextmanager
async def _discord_py_calls(url: str, method: str, global_limit: int) -> AsyncIterator[Call]:
    import discord
    import discord.http

    del global_limit
    discord.http.Route.BASE = url
    client = discord.Client(intents=discord.Intents.none())
    await client.login(TOKEN)
    try:
        channel = client.get_partial_messageable(int(CHANNEL))
        if method == "GET":
            yield functools.partial(channel.fetch_message, int(MESSAGE))
        else:
            yield functools.partial(channel.send, "hello world")
    finally:
        await client.close()


@contextlib.asynccontextmanager
async def _httpx_calls(url: str, method: str, global_limit: int) -> AsyncIterator[Call]:
    del global_limit
    headers = {"Authorization": f"Bot {TOKEN}"}
    async with httpx.AsyncClient(headers=headers) as client:
        target = f"{url}/channels/{CHANNEL}/messages"

        async def get() -> object:
            response = await client.get(f"{target}/{MESSAGE}")
            return orjson.loads(response.content)

        async def post() -> object:
            response = await client.post(target, content=b'{"content":"hello world"}')
            return orjson.loads(response.content)

        yield get if method == "GET" else post


@contextlib.asynccontextmanager
async def _aiohttp_calls(url: str, method: str, global_limit: int) -> AsyncIterator[Call]:
    import aiohttp

    del global_limit
    headers = {"Authorization": f"Bot {TOKEN}", "Content-Type": "application/json"}
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(headers=headers, connector=connector) as session:
        target = f"{url}/channels/{CHANNEL}/messages"

        async def get() -> object:
            async with session.get(f"{target}/{MESSAGE}") as response:
                return orjson.loads(await response.read())

        async def post() -> object:
            async with session.post(target, data=b'{"content":"hello world"}') as response:
                return orjson.loads(await response.read())

        yield get if method == "GET" else post


_CALLS: dict[str, typing.Callable[[str, str, int], typing.AsyncContextManager[Call]]] = {
    "anycord-asyncio": _anycord_calls,
    "anycord-trio": _anycord_calls,
    "anycord-via-httpx": _anycord_via_httpx_calls,
    "hikari": _hikari_calls,
    "discord.py": _discord_py_calls,
    "httpx": _httpx_calls,
    "aiohttp": _aiohttp_calls,
}


@attrs.frozen
class Sample:
    """One measured run: client CPU per request, throughput, and the connections the server
    accepted over the client's whole session (warm-up included: with reuse, at most the
    concurrency; without, one per request)."""

    cpu_us: float
    rps: float
    connections: int


async def _drive(call: Call, concurrency: int, count: int) -> None:
    left = count

    async def worker() -> None:
        nonlocal left
        while left > 0:
            left -= 1
            await call()

    async with anyio.create_task_group() as tg:
        for _ in range(concurrency):
            tg.start_soon(worker)


async def _drive_bursts(call: Call, concurrency: int, count: int) -> None:
    """`concurrency` workers send one request each at every whole second, `count` in all:
    the pattern the 50/s global limit imposes on 50 callers, made by the driver instead.
    Returns when the last burst is answered (no idle second after it)."""
    left = count
    tick = anyio.Event()

    async def worker() -> None:
        nonlocal left
        while True:
            # The tick current when the worker is ready: after a request, the next one.
            this = tick
            await this.wait()
            if left <= 0:
                return
            left -= 1
            await call()

    ticks = -(-count // concurrency)
    async with anyio.create_task_group() as tg:
        for _ in range(concurrency):
            tg.start_soon(worker)
        for index in range(ticks):
            this, tick = tick, anyio.Event()
            this.set()
            if index < ticks - 1:
                await anyio.sleep(1.0)
        tick.set()  # lets the workers see that nothing is left


async def _measure(
    client: str,
    url: str,
    method: str,
    concurrency: int,
    count: int,
    accepts: typing.Any,
    global_limit: int = UNTHROTTLED,
    bursts: bool = False,
    settle: float = 0.0,
) -> Sample:
    before = accepts.value
    drive = _drive_bursts if bursts else _drive
    async with _CALLS[client](url, method, global_limit) as call:
        await drive(call, concurrency, min(count, 4 * concurrency))
        gc.collect()
        # Held runs start once the warm-up's sends have left the global window, so the
        # clock does not run over a start-up wait that one mode has and another has not.
        await anyio.sleep(settle)
        cpu, wall = time.process_time(), time.perf_counter()
        await drive(call, concurrency, count)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        return Sample(cpu / count * 1e6, count / wall, accepts.value - before)


def _run_one(client: str, *args: typing.Any) -> Sample:
    backend = "trio" if client.endswith("-trio") else "asyncio"
    return anyio.run(_measure, client, *args, backend=backend)


def _cores() -> tuple[int | None, int | None]:
    """(server core, client core): separate cores where the machine allows."""
    available = sorted(os.sched_getaffinity(0))
    if len(available) < 2:
        return None, None
    return available[0], available[1]


def _median(samples: list[Sample]) -> Sample:
    return Sample(
        statistics.median(s.cpu_us for s in samples),
        statistics.median(s.rps for s in samples),
        int(statistics.median(s.connections for s in samples)),
    )


def overhead(
    rounds: int, scale: float, clients: typing.Sequence[str], *, held_only: bool = False
) -> None:
    """The overhead scenario: every client against one canned server, medians of rounds
    (`held_only`: only the runs held by the global limit and their references)."""
    server_core, client_core = _cores()
    context = multiprocessing.get_context("spawn")
    accepts = context.Value("q", 0)
    ready = context.Event()
    port = _free_port()
    server = context.Process(
        target=_serve_canned, args=(port, accepts, ready, server_core), daemon=True
    )
    server.start()
    ready.wait(10)
    if client_core is not None:
        os.sched_setaffinity(0, {client_core})
    url = f"http://127.0.0.1:{port}/api/v10"
    logging.getLogger("hikari").setLevel(logging.CRITICAL)
    logging.getLogger("discord").setLevel(logging.CRITICAL)
    where = (
        f"server on core {server_core}, client on core {client_core}"
        if client_core is not None
        else "server and client share the only core"
    )
    load = os.getloadavg()
    print(f"\nOverhead: canned loopback server ({where}); medians of {rounds} rounds")
    results: dict[tuple[str, str, int], list[Sample]] = {}
    held: dict[tuple[str, str], list[Sample]] = {}
    anycords = [c for c in ("anycord-asyncio", "anycord-trio") if c in clients]
    held_clients = [(c, mode) for c in anycords for mode in HELD_MODES]
    if HELD_REFERENCE in clients:
        held_clients += [(HELD_REFERENCE, "unthrottled"), (HELD_REFERENCE, "bursts")]
    try:
        # Round-major, every contender once per cell in turn: noise from the shared machine
        # falls on all of them alike.
        for _ in range(rounds):
            for method in () if held_only else METHODS:
                for concurrency in CONCURRENCY:
                    count = int(scale * (1000 if concurrency == 1 else 3000))
                    for client in clients:
                        sample = _run_one(client, url, method, concurrency, count, accepts)
                        results.setdefault((client, method, concurrency), []).append(sample)
            count = int(scale * 400)
            for client, mode in held_clients:
                global_limit, bursts = HELD_MODES[mode]
                sample = _run_one(client, url, "GET", 50, count, accepts, global_limit, bursts, 1.0)
                held.setdefault((client, mode), []).append(sample)
    finally:
        server.kill()
    if results:
        _print_overhead(results, clients)
    if held:
        _print_held(held, anycords, int(scale * 400), (load, os.getloadavg()))


def _print_held(
    held: dict[tuple[str, str], list[Sample]],
    anycords: typing.Sequence[str],
    count: int,
    loads: tuple[tuple[float, float, float], tuple[float, float, float]],
) -> None:
    """#17's target as it is stated: CPU per request at the 50/s global limit divided by the
    unthrottled figure, per backend (both GET, 50 callers, `count` requests, measured alike),
    then where the difference goes: the same bursts without the limiter (idling between
    bursts) and the limiter's own share; a bare client's bursts price the machine alone."""
    print(
        f"\nHeld by the global limit: GET, 50 concurrent callers, {count} requests per run, "
        "each run measured\nfrom a clear global window to its last answer; load average "
        + " -> ".join(", ".join(f"{x:.2f}" for x in load) for load in loads)
    )
    for client in anycords:
        free = _median(held[client, "unthrottled"])
        limit, bursts = _median(held[client, "limit"]), _median(held[client, "bursts"])
        print(
            f"  {client:<17} CPU/request at 50/s / unthrottled: {limit.cpu_us / free.cpu_us:.2f}x "
            f"({limit.cpu_us:.0f} / {free.cpu_us:.0f} us); {limit.rps:.1f} requests/s, "
            f"{limit.connections} connections\n"
            f"  {'':<17}   same bursts without the limiter: {bursts.cpu_us:.0f} us "
            f"({bursts.cpu_us / free.cpu_us:.2f}x unthrottled); the limiter's own share "
            f"{limit.cpu_us / bursts.cpu_us:.2f}x"
        )
    if (HELD_REFERENCE, "bursts") in held:
        free = _median(held[HELD_REFERENCE, "unthrottled"])
        bursts = _median(held[HELD_REFERENCE, "bursts"])
        print(
            f"  {HELD_REFERENCE + ' (bare)':<17} same bursts / unthrottled: "
            f"{bursts.cpu_us / free.cpu_us:.2f}x ({bursts.cpu_us:.0f} / {free.cpu_us:.0f} us): "
            "the machine's price of idling ~1 s between bursts"
        )


def _print_overhead(
    results: dict[tuple[str, str, int], list[Sample]], clients: typing.Sequence[str]
) -> None:
    print(
        f"{'client':<17} {'method':<6} {'conc':>4} {'cpu us/req':>10} {'req/s':>8} "
        f"{'conns':>9} {'x hikari':>8} {'x discord.py':>12}"
    )
    for method in METHODS:
        for concurrency in CONCURRENCY:
            hikari = results.get(("hikari", method, concurrency))
            dpy = results.get(("discord.py", method, concurrency))
            for client in clients:
                m = _median(results[client, method, concurrency])
                vs_h = f"{m.cpu_us / _median(hikari).cpu_us:.2f}" if hikari else "-"
                vs_d = f"{m.cpu_us / _median(dpy).cpu_us:.2f}" if dpy else "-"
                print(
                    f"{client:<17} {method:<6} {concurrency:>4} {m.cpu_us:>10.0f} "
                    f"{m.rps:>8.0f} {m.connections:>9} {vs_h:>8} {vs_d:>12}"
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "scenario", nargs="?", choices=("all", "burst", "overhead", "held"), default="all"
    )
    parser.add_argument("--rounds", type=int, default=3, help="overhead rounds (medians)")
    parser.add_argument("--scale", type=float, default=1.0, help="overhead request counts x")
    parser.add_argument("--clients", default=",".join(CLIENTS), help="overhead clients")
    args = parser.parse_args()
    if args.scenario in ("all", "burst"):
        asyncio.run(burst())
    if args.scenario in ("all", "overhead", "held"):
        overhead(
            args.rounds, args.scale, args.clients.split(","), held_only=args.scenario == "held"
        )


if __name__ == "__main__":
    main()
