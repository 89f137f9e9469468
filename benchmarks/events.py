"""The event path end to end: anycord, hikari, discord.py and a bare client, one emulator, one run.

Run: `python benchmarks/events.py [--messages N] [--guilds G] [--members M] [--rounds R]`.

Each client in turn connects to a fresh FakeDiscord in a child process (`benchmarks/bot.py
--serve`; the gateway URL comes from the fake's GET /gateway/bot, REST is pointed at the fake),
receives G guilds x M members in GUILD_CREATE, then N MESSAGE_CREATE dispatches queued in one
burst, with one listener that counts them. Measured per client:

* **guilds s**: from the start call until the G-th guild is cached (its available event).
* **events/s**: (N - 1) / (last listener call - first), the steady-state wall rate, and N per
  CPU second of the client's own process during the burst (on a shared machine the wall rate
  is bounded by whichever process gets the CPU; the CPU rate is the one to compare).
* **close ms**: `await close()` once the burst is over (idle shards, the cache still full);
  for anycord that is `GatewayBot.close()` (target <= 10 ms), which clears the cache.

The clients:

* **anycord** `GatewayBot` (default cache), zlib-stream and plain JSON;
* **hikari** `GatewayBot` (zlib-stream, its only transport compression);
* **discord.py** `Client` (zlib-stream: its zstd context is swapped for a zlib one, since
  `zstandard` is installed here; `chunk_guilds_at_startup=False`);
* **anycord (plain JSON; no message cache)**: the same bot with `CacheSettings(max_messages=0)`
  (guilds, members and users still cached), which prices the message cache;
* **anycord shard** (plain JSON): a bare `GatewayShard` whose sink only counts MESSAGE_CREATE
  and GUILD_CREATE (no cache, no events, no listeners): anycord's own socket, frame reader
  and protocol against the bare client's aiohttp + orjson, so the printed ratio
  separates the gateway layer from the dispatcher (the cache update, the event, the
  listener call);
* **bare**: an aiohttp websocket that identifies, inflates each frame (zlib-stream) and
  `orjson.loads` it, and counts dispatches; no state, no cache, no events. Its rate is the
  ceiling: the ratios anycord / bare are printed (targets: >= 0.8 zlib-stream, >= 0.7 plain).

* **B/member**: the growth of the client's RSS (`/proc/self/statm`, after `gc.collect()`)
  from before `start` (its library imported) until the G-th guild is cached, divided by
  G x M: what caching a member costs the process, fragmentation included (target <= 470 B
  for anycord; the ratio to the target is printed).

Every client runs each round in a fresh child process of its own (this script with `--json
--only NAME`), so no client's RSS or heap carries another's garbage. Medians of R rounds are
printed, with the load average before and after. Auto-chunking is
off everywhere (the members come in GUILD_CREATE).

`--baseline SRC` (the `src/` directory of another anycord checkout, say the previous main)
also runs that anycord in a child process in every round, interleaved with the others, and
prints this anycord's rates against it. `--only NAMES` (comma-separated client names) runs
those clients only; `--json` prints the rounds as JSON instead of the table (what
`--baseline` reads from its child).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import importlib
import json
import logging
import os
import statistics
import subprocess
import sys
import time
import typing
import zlib

import anyio
import orjson

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bot import Fake  # benchmarks/bot.py: FakeDiscord in a child process

INTENT_NAMES = ("GUILDS", "GUILD_MEMBERS", "GUILD_MESSAGES", "MESSAGE_CONTENT")
ZLIB_SUFFIX = b"\x00\x00\xff\xff"


class Run:
    """What one client measured in one round."""

    def __init__(self) -> None:
        self.times: list[float] = []
        self.guilds = 0
        self.guilds_done = anyio.Event()
        self.messages_done = anyio.Event()
        self.expected_guilds = 0
        self.expected_messages = 0

    def guild(self) -> None:
        self.guilds += 1
        if self.guilds == self.expected_guilds:
            self.guilds_done.set()

    def message(self) -> None:
        self.times.append(time.perf_counter())
        if len(self.times) == self.expected_messages:
            self.messages_done.set()


class Client(typing.Protocol):
    name: str

    async def start(self, fake: Fake, run: Run) -> None: ...
    async def close(self) -> None: ...


class AnycordClient:
    def __init__(
        self, compression: typing.Literal["zlib-stream"] | None, *, message_cache: bool = True
    ) -> None:
        self.compression = compression
        self.message_cache = message_cache
        self.name = "anycord" if compression else "anycord (plain JSON)"
        if not message_cache:
            self.name = self.name[:-1] + "; no message cache)"

    async def start(self, fake: Fake, run: Run) -> None:
        import anycord

        flags = anycord.Intents.NONE
        for name in INTENT_NAMES:
            flags |= anycord.Intents[name]
        self.bot = anycord.GatewayBot(
            fake.info["token"],
            rest_url=fake.info["rest_url"],
            intents=flags,
            banner=None,
            logs=None,
            auto_chunk_members=False,
            gateway_compression=self.compression,
            cache_settings=anycord.CacheSettings(max_messages=300 if self.message_cache else 0),
        )

        async def on_guild(event: anycord.GuildAvailableEvent) -> None:
            run.guild()

        async def on_message(event: anycord.GuildMessageCreateEvent) -> None:
            run.message()

        self.bot.subscribe(anycord.GuildAvailableEvent, on_guild)
        self.bot.subscribe(anycord.GuildMessageCreateEvent, on_message)
        self.tg = anyio.create_task_group()
        await self.tg.__aenter__()
        await self.tg.start(self.bot.start)

    async def close(self) -> None:
        await self.bot.close()
        await self.tg.__aexit__(None, None, None)


class ShardSink:
    """Counts what a bare `GatewayShard` delivers; nothing is cached or decoded."""

    def __init__(self, run: Run) -> None:
        self.run = run

    def deliver_dispatch(self, shard: object, name: str, payload: object) -> None:
        if name == "MESSAGE_CREATE":
            self.run.message()
        elif name == "GUILD_CREATE":
            self.run.guild()

    async def on_shard_connected(self, shard: object) -> None:
        pass

    async def on_shard_disconnected(self, shard: object) -> None:
        pass


class AnycordShardClient:
    """A `GatewayShard` alone (plain JSON): the gateway layer without the dispatcher."""

    name = "anycord shard (plain JSON)"

    async def start(self, fake: Fake, run: Run) -> None:
        import httpx

        import anycord
        from anycord.gateway.shard import GatewayShard

        token = fake.info["token"]
        async with httpx.AsyncClient() as http:
            got = await http.get(
                fake.info["rest_url"] + "/gateway/bot", headers={"Authorization": f"Bot {token}"}
            )
        flags = anycord.Intents.NONE
        for name in INTENT_NAMES:
            flags |= anycord.Intents[name]
        shard = GatewayShard(
            token=token,
            url=got.json()["url"],
            intents=flags,
            sink=ShardSink(run),
            compression=None,
        )
        self.tg = anyio.create_task_group()
        await self.tg.__aenter__()
        await self.tg.start(shard.run)

    async def close(self) -> None:
        self.tg.cancel_scope.cancel()
        await self.tg.__aexit__(None, None, None)


class HikariClient:
    name = "hikari"

    async def start(self, fake: Fake, run: Run) -> None:
        import hikari

        flags = hikari.Intents.NONE
        for name in INTENT_NAMES:
            flags |= hikari.Intents[name]
        self.bot = hikari.GatewayBot(
            fake.info["token"],
            rest_url=fake.info["rest_url"],
            intents=flags,
            banner=None,
            logs=None,
            auto_chunk_members=False,
        )

        async def on_guild(event: hikari.GuildAvailableEvent) -> None:
            run.guild()

        async def on_message(event: hikari.GuildMessageCreateEvent) -> None:
            run.message()

        self.bot.subscribe(hikari.GuildAvailableEvent, on_guild)
        self.bot.subscribe(hikari.GuildMessageCreateEvent, on_message)
        await self.bot.start(check_for_updates=False)

    async def close(self) -> None:
        await self.bot.close()


class _ZlibContext:
    """discord.py's decompression seam with zlib-stream (its default is zstd when installed)."""

    COMPRESSION_TYPE = "zlib-stream"

    def __init__(self) -> None:
        self.inflater = zlib.decompressobj()
        self.pending = bytearray()

    def decompress(self, data: bytes, /) -> str | None:
        self.pending += data
        if not self.pending.endswith(ZLIB_SUFFIX):
            return None
        text = self.inflater.decompress(self.pending).decode()
        self.pending.clear()
        return text


class DiscordPyClient:
    name = "discord.py"

    async def start(self, fake: Fake, run: Run) -> None:
        import discord
        import discord.gateway
        import discord.http
        import discord.utils
        import yarl

        discord.http.Route.BASE = fake.info["rest_url"]
        discord.utils._ActiveDecompressionContext = _ZlibContext  # type: ignore[assignment]
        intents = discord.Intents.none()
        intents.guilds = True
        intents.members = True
        intents.guild_messages = True
        intents.message_content = True
        self.client = discord.Client(intents=intents, chunk_guilds_at_startup=False)

        @self.client.event
        async def on_guild_available(guild: object) -> None:
            run.guild()

        @self.client.event
        async def on_message(message: object) -> None:
            run.message()

        await self.client.login(fake.info["token"])
        # A non-sharded discord.py client connects to its built-in gateway URL: point it at
        # the one the fake announces.
        _, url, _ = await self.client.http.get_bot_gateway()
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(url)
        self.task = asyncio.get_running_loop().create_task(self.client.connect(reconnect=False))

    async def close(self) -> None:
        await self.client.close()
        with contextlib.suppress(Exception):
            await self.task


class BareClient:
    """Identify, then inflate and decode every frame; count what arrives."""

    def __init__(self, compression: bool) -> None:
        self.compression = compression
        self.name = "bare" if compression else "bare (plain JSON)"

    async def start(self, fake: Fake, run: Run) -> None:
        import aiohttp

        self.session = aiohttp.ClientSession()
        token = fake.info["token"]
        async with self.session.get(
            fake.info["rest_url"] + "/gateway/bot", headers={"Authorization": f"Bot {token}"}
        ) as response:
            url = (await response.json())["url"]
        query = "?v=10&encoding=json" + ("&compress=zlib-stream" if self.compression else "")
        self.ws = await self.session.ws_connect(url + query, max_msg_size=0, autoping=True)
        self.task = asyncio.get_running_loop().create_task(self.read(token, run))

    async def read(self, token: str, run: Run) -> None:
        import aiohttp

        inflater = zlib.decompressobj()
        pending = bytearray()
        loads = orjson.loads
        intents = (1 << 0) | (1 << 1) | (1 << 9) | (1 << 15)
        while True:
            message = await self.ws.receive()
            if message.type is aiohttp.WSMsgType.BINARY:
                pending += message.data
                if not pending.endswith(ZLIB_SUFFIX):
                    continue
                payload = loads(inflater.decompress(pending))
                pending.clear()
            elif message.type is aiohttp.WSMsgType.TEXT:
                payload = loads(message.data)
            else:
                return
            name = payload["t"]
            if name == "MESSAGE_CREATE":
                run.message()
            elif name == "GUILD_CREATE":
                run.guild()
            elif payload["op"] == 10:
                await self.ws.send_bytes(
                    orjson.dumps(
                        {
                            "op": 2,
                            "d": {
                                "token": token,
                                "intents": intents,
                                "properties": {"os": "linux", "browser": "b", "device": "b"},
                            },
                        }
                    )
                )

    async def close(self) -> None:
        await self.ws.close()
        await self.session.close()
        with contextlib.suppress(Exception):
            await self.task


Result = tuple[float, float, float, float, float]
"""(seconds until every guild is cached, events/s wall, events per CPU second, close ms,
RSS growth per cached member in bytes)"""
LIBRARIES = {"anycord": "anycord", "hikari": "hikari", "discord.py": "discord", "bare": "aiohttp"}


def rss_bytes() -> int:
    """This process's resident set size, after a full collection."""
    gc.collect()
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


async def measure(client: Client, guilds: int, members: int, messages: int) -> Result:
    """(seconds until every guild is cached, events/s wall, events per CPU second, close ms,
    RSS bytes per cached member)."""
    importlib.import_module(LIBRARIES[client.name.split(" ")[0]])
    fake = Fake(guilds, members)
    run = Run()
    run.expected_guilds = guilds
    run.expected_messages = messages
    try:
        rss = rss_bytes()
        began = time.perf_counter()
        await client.start(fake, run)
        with anyio.fail_after(600):
            await run.guilds_done.wait()
        cached = time.perf_counter() - began
        per_member = (rss_bytes() - rss) / (guilds * members)
        cpu = time.process_time()
        fake.burst(messages)
        with anyio.fail_after(600):
            await run.messages_done.wait()
        cpu = time.process_time() - cpu
        closing = time.perf_counter()
        await client.close()
        closing = (time.perf_counter() - closing) * 1000
    finally:
        fake.close()
    wall = (messages - 1) / (run.times[-1] - run.times[0])
    return cached, wall, messages / cpu, closing, per_member


def child_round(
    args: argparse.Namespace, names: list[str], pythonpath: str = ""
) -> dict[str, Result]:
    """One round of the clients `names`, each in a fresh child process (with `pythonpath`, say
    another checkout's `src/`, when given)."""
    found: dict[str, Result] = {}
    for name in names:
        command = [sys.executable, __file__, "--rounds", "1", "--json", "--only", name]
        command += ["--guilds", str(args.guilds), "--members", str(args.members)]
        command += ["--messages", str(args.messages)]
        env = {**os.environ, "PYTHONPATH": pythonpath} if pythonpath else None
        out = subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout
        rounds: dict[str, list[list[float]]] = json.loads(out)
        found[name] = typing.cast("Result", tuple(rounds[name][0]))
    return found


async def main(args: argparse.Namespace) -> None:
    logging.disable(logging.WARNING)
    clients: list[Client] = [
        AnycordClient("zlib-stream"),
        BareClient(compression=True),
        AnycordClient(None),
        BareClient(compression=False),
        AnycordShardClient(),
        AnycordClient(None, message_cache=False),
    ]
    if not args.quick:
        clients += [HikariClient(), DiscordPyClient()]
    if args.only:
        wanted = set(args.only.split(","))
        clients = [c for c in clients if c.name in wanted]
    results: dict[str, list[Result]] = {c.name: [] for c in clients}
    load_before = os.getloadavg()
    for _ in range(args.rounds):
        if args.json:  # a child: measure here
            for client in clients:
                results[client.name].append(
                    await measure(client, args.guilds, args.members, args.messages)
                )
            continue
        for name, row in child_round(args, [c.name for c in clients]).items():
            results[name].append(row)
        if args.baseline:
            names = ["anycord", "anycord (plain JSON)"]
            for name, row in child_round(args, names, args.baseline).items():
                results.setdefault(f"{name} [baseline]", []).append(row)
    if args.json:
        print(json.dumps(results))
        return
    load_after = os.getloadavg()
    medians = {
        name: tuple(statistics.median(r[i] for r in rows) for i in range(5))
        for name, rows in results.items()
    }
    print(
        f"{args.guilds} guilds x {args.members:,} members, then {args.messages:,} MESSAGE_CREATE,"
        f" one listener; medians of {args.rounds} round(s); load average"
        f" {load_before[0]:.2f} before, {load_after[0]:.2f} after ({os.cpu_count()} CPUs)\n"
    )
    print(
        f"{'':40}{'guilds s':>10}{'events/s':>12}{'ev/CPU-s':>12}{'close ms':>10}{'B/member':>10}"
    )
    for name, (cached, wall, per_cpu, closing, per_member) in medians.items():
        print(
            f"{name:40}{cached:10.2f}{wall:12,.0f}{per_cpu:12,.0f}{closing:10.1f}{per_member:10,.0f}"
        )

    def ratio(a: str, b: str) -> str:
        (_, wa, ca, _, _), (_, wb, cb, _, _) = medians[a], medians[b]
        return f"{wa / wb:.2f}x events/s, {ca / cb:.2f}x per CPU second"

    print()
    if "anycord" in medians and "bare" in medians:
        print(f"anycord / bare, zlib-stream (target >= 0.80): {ratio('anycord', 'bare')}")
    if "anycord (plain JSON)" in medians and "bare (plain JSON)" in medians:
        print(
            "anycord / bare, plain JSON (target >= 0.70): "
            f"{ratio('anycord (plain JSON)', 'bare (plain JSON)')}"
        )
    if "anycord shard (plain JSON)" in medians and "bare (plain JSON)" in medians:
        print(
            "anycord shard alone / bare, plain JSON (the gateway layer): "
            f"{ratio('anycord shard (plain JSON)', 'bare (plain JSON)')}"
        )
    nocache = "anycord (plain JSON; no message cache)"
    if nocache in medians and "bare (plain JSON)" in medians:
        print(f"{nocache} / bare: {ratio(nocache, 'bare (plain JSON)')}")
    if "anycord" in medians:
        ours = medians["anycord"]
        print(
            "anycord RSS per cached member / 470 B target (target <= 1.00): "
            f"{ours[4] / 470:.2f} ({ours[4]:,.0f} B)"
        )
        print(f"anycord close() / 10 ms target (target <= 1.00): {ours[3] / 10:.2f}")
    for other in ("hikari", "discord.py"):
        if other in medians and "anycord" in medians:
            per_member = medians["anycord"][4] / medians[other][4]
            print(f"anycord / {other}: {ratio('anycord', other)}, {per_member:.2f}x RSS per member")
    for name in ("anycord", "anycord (plain JSON)"):
        if f"{name} [baseline]" in medians and name in medians:
            print(f"{name} / baseline: {ratio(name, f'{name} [baseline]')}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=30_000)
    parser.add_argument("--guilds", type=int, default=100)
    parser.add_argument("--members", type=int, default=1_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="anycord and bare only")
    parser.add_argument("--only", default="", help="comma-separated client names to run")
    parser.add_argument("--json", action="store_true", help="print the rounds as JSON")
    parser.add_argument("--baseline", default="", help="src/ of another anycord to compare")
    os.environ.setdefault("PYTHONHASHSEED", "0")
    asyncio.run(main(parser.parse_args()))
