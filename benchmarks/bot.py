"""End to end: anycord's GatewayBot against hikari's, on the same FakeDiscord, in one run.

Run: `python benchmarks/bot.py [--messages N] [--guilds G] [--members M]`.

FakeDiscord runs in a child process of its own (this script with `--serve`), so the bot
process only runs the bot under test; the parent runs each bot in turn on one asyncio loop
(hikari needs asyncio; anycord runs there through AnyIO). Every measurement gets a fresh fake,
so no bot inherits another's session or identify window. Both bots are pointed at the fake the
same way: `rest_url=`; the gateway URL comes from the fake's GET /gateway/bot.

Measured, for each bot:

* **events/s**: N MESSAGE_CREATE dispatches (zlib-stream, one listener that counts them),
  queued by the fake in one burst; the wall rate is (N - 1) / (time of the last listener call -
  time of the first), the bot's steady-state throughput, not the fake's queueing. On a busy
  machine the wall rate is bounded by whichever process gets the CPU, so the rate per CPU
  second of the bot's own process (N / its CPU time during the burst) is printed too: it is
  the one to compare.
* **start-up**: from `start()` until G guilds × M members are cached (the G-th guild
  available event, then the cache's member count is checked). Members come in GUILD_CREATE
  (`auto_chunk_members=False` for both, so neither asks for them again).
* **bytes per cached member**: tracemalloc during a second start-up; the memory the cache
  releases when it is cleared, divided by the number of cached members (users included).
* **close()**: the time `await bot.close()` takes once the bot is up with that cache.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import logging
import os
import subprocess
import sys
import time
import tracemalloc
import typing

import anyio

MESSAGE_INTENTS_NAMES = ("GUILDS", "GUILD_MESSAGES", "MESSAGE_CONTENT")
MEMBER_INTENTS_NAMES = ("GUILDS", "GUILD_MEMBERS")


# -- the fake, in its own process -----------------------------------------------------------


def message_payload(
    n: int, guild_id: str, channel_id: str, author: dict[str, typing.Any]
) -> dict[str, typing.Any]:
    return {
        "id": str(1100000000000000000 + n),
        "channel_id": channel_id,
        "guild_id": guild_id,
        "author": author,
        "member": {
            "roles": [],
            "joined_at": "2021-01-01T00:00:00+00:00",
            "deaf": False,
            "mute": False,
            "flags": 0,
        },
        "content": f"message number {n} with some words in it to look like chat",
        "timestamp": "2024-05-01T12:34:56.789000+00:00",
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": [],
        "pinned": False,
        "type": 0,
        "flags": 0,
        "nonce": str(n),
        "components": [],
    }


async def serve(guilds: int, members: int) -> None:
    from anycord.testing import FakeDiscord

    async with FakeDiscord(gateway_options={"replay_limit": 1_000_000}) as fake:
        created = [fake.add_guild(name=f"g{n}", members=members, channels=1) for n in range(guilds)]
        guild = created[0]
        author = dict(
            next(m for m in guild["members"] if m["user"]["id"] != fake.bot_user["id"])["user"]
        )
        info = {"rest_url": fake.rest_url, "token": fake.token}
        print(json.dumps(info), flush=True)
        while True:
            line = await anyio.to_thread.run_sync(sys.stdin.readline)
            if not line:
                return
            command, _, argument = line.partition(" ")
            if command == "burst":
                gid, cid = guild["id"], guild["channels"][0]["id"]
                for n in range(int(argument)):
                    fake.gateway.dispatch_nowait(
                        "MESSAGE_CREATE", message_payload(n, gid, cid, author)
                    )
                await fake.gateway.flush()
                print("done", flush=True)


class Fake:
    """A FakeDiscord child process; `info` has its REST URL and token."""

    def __init__(self, guilds: int, members: int) -> None:
        self.proc = subprocess.Popen(
            [
                sys.executable,
                __file__,
                "--serve",
                "--guilds",
                str(guilds),
                "--members",
                str(members),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        self.info = json.loads(self.proc.stdout.readline())

    def burst(self, count: int) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(f"burst {count}\n")
        self.proc.stdin.flush()

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


# -- the two bots behind one interface -------------------------------------------------------


class Side(typing.Protocol):
    name: str

    async def start(
        self, fake: Fake, intents: tuple[str, ...], listener: typing.Any, event: str
    ) -> None: ...
    async def close(self) -> None: ...
    def cached_members(self) -> int: ...
    def clear_cache(self) -> None: ...


class AnycordSide:
    name = "anycord"

    async def start(
        self, fake: Fake, intents: tuple[str, ...], listener: typing.Any, event: str
    ) -> None:
        import anycord

        flags = anycord.Intents.NONE
        for name in intents:
            flags |= anycord.Intents[name]
        self.bot = anycord.GatewayBot(
            fake.info["token"],
            rest_url=fake.info["rest_url"],
            intents=flags,
            banner=None,
            logs=None,
            auto_chunk_members=False,
        )
        self.bot.subscribe(getattr(anycord, event), listener)
        self._tg = anyio.create_task_group()
        await self._tg.__aenter__()
        await self._tg.start(self.bot.start)

    async def close(self) -> None:
        await self.bot.close()
        await self._tg.__aexit__(None, None, None)

    def cached_members(self) -> int:
        return sum(len(m) for m in self.bot.cache.get_members_view().values())

    def clear_cache(self) -> None:
        self.bot.cache.clear()


class HikariSide:
    name = "hikari"

    async def start(
        self, fake: Fake, intents: tuple[str, ...], listener: typing.Any, event: str
    ) -> None:
        import hikari

        flags = hikari.Intents.NONE
        for name in intents:
            flags |= hikari.Intents[name]
        self.bot = hikari.GatewayBot(
            fake.info["token"],
            rest_url=fake.info["rest_url"],
            intents=flags,
            banner=None,
            logs=None,
            auto_chunk_members=False,
        )
        self.bot.subscribe(getattr(hikari, event), listener)
        await self.bot.start(check_for_updates=False)

    async def close(self) -> None:
        await self.bot.close()

    def cached_members(self) -> int:
        return sum(len(m) for m in self.bot.cache.get_members_view().values())

    def clear_cache(self) -> None:
        self.bot.cache.clear()  # type: ignore[attr-defined]


# -- the measurements -------------------------------------------------------------------------


async def events_per_second(side: Side, messages: int) -> tuple[float, float]:
    """(events per wall-clock second, events per CPU second of the bot's process)."""
    fake = Fake(1, 2)
    times: list[float] = []
    done = anyio.Event()

    async def on_message(event: object) -> None:
        times.append(time.perf_counter())
        if len(times) == messages:
            done.set()

    try:
        await side.start(fake, MESSAGE_INTENTS_NAMES, on_message, "GuildMessageCreateEvent")
        cpu = time.process_time()
        fake.burst(messages)
        with anyio.fail_after(300):
            await done.wait()
        cpu = time.process_time() - cpu
        await side.close()
    finally:
        fake.close()
    return (messages - 1) / (times[-1] - times[0]), messages / cpu


async def start_up(
    side: Side, guilds: int, members: int, *, trace: bool
) -> tuple[float, float, int, float]:
    """(start-up seconds, bytes per cached member, members cached, close seconds)."""
    fake = Fake(guilds, members)
    available = anyio.Event()
    seen = [0]

    async def on_guild(event: object) -> None:
        seen[0] += 1
        if seen[0] == guilds:
            available.set()

    try:
        gc.collect()
        if trace:
            tracemalloc.start()
        began = time.perf_counter()
        await side.start(fake, MEMBER_INTENTS_NAMES, on_guild, "GuildAvailableEvent")
        with anyio.fail_after(300):
            await available.wait()
        startup = time.perf_counter() - began
        cached = side.cached_members()
        per_member = 0.0
        if trace:
            gc.collect()
            before = tracemalloc.get_traced_memory()[0]
            side.clear_cache()
            gc.collect()
            per_member = (before - tracemalloc.get_traced_memory()[0]) / max(cached, 1)
            tracemalloc.stop()
        began = time.perf_counter()
        await side.close()
        closing = time.perf_counter() - began
    finally:
        fake.close()
    return startup, per_member, cached, closing


async def main(args: argparse.Namespace) -> None:
    logging.disable(logging.WARNING)
    sides: list[Side] = [AnycordSide(), HikariSide()]
    rates = {s.name: await events_per_second(s, args.messages) for s in sides}
    boots = {s.name: await start_up(s, args.guilds, args.members, trace=False) for s in sides}
    memory = {s.name: await start_up(s, args.guilds, args.members, trace=True) for s in sides}
    want = args.guilds * (args.members + 1)
    print(
        f"{args.messages:,} MESSAGE_CREATE (zlib-stream), {args.guilds} guilds x {args.members:,} members\n"
    )
    print(
        f"{'':10}{'events/s':>10}{'ev/CPU-s':>10}{'start-up s':>12}{'B/member':>10}"
        f"{'close() ms':>12}{'cached':>10}"
    )
    for name in rates:
        startup, _, cached, closing = boots[name]
        print(
            f"{name:10}{rates[name][0]:10,.0f}{rates[name][1]:10,.0f}{startup:12.2f}"
            f"{memory[name][1]:10,.0f}{closing * 1000:12.1f}{cached:10,}"
        )
        assert cached == want, f"{name} cached {cached} members, not {want}"
    a, h = "anycord", "hikari"
    print(
        f"\nanycord/hikari: events/s {rates[a][0] / rates[h][0]:.2f}x wall, "
        f"{rates[a][1] / rates[h][1]:.2f}x per CPU second (target >= 2), "
        f"start-up {boots[a][0] / boots[h][0]:.2f}x, "
        f"memory per member {memory[a][1] / memory[h][1]:.2f}x (target <= 0.5), "
        f"close() {boots[a][3] * 1000:.1f} ms vs {boots[h][3] * 1000:.1f} ms (target <= 50 ms)"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=30_000)
    parser.add_argument("--guilds", type=int, default=100)
    parser.add_argument("--members", type=int, default=1_000)
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.serve:
        anyio.run(serve, arguments.guilds, arguments.members)
    else:
        os.environ.setdefault("PYTHONHASHSEED", "0")
        asyncio.run(main(arguments))
