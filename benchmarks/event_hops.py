"""MESSAGE_CREATE through a `GatewayBot`'s dispatcher, hop by hop, in one process.

Run: `python benchmarks/event_hops.py [--backend asyncio|trio] [--guilds G] [--rounds R]`.
Compare two checkouts by running it alternately with `PYTHONPATH=<their src>`.

G guilds x 1,000 members are cached first (`Cache.apply_guild_create`, default cache
settings, so the message cache keeps its 300 most recent payloads), then 30,000 JSON-encoded
MESSAGE_CREATE payloads (the shape `benchmarks/bot.py` sends) go through each hop R times.
Printed per hop, µs of CPU per event, best and median of R:

* **loads**: `orjson.loads` alone (the bare client's work, freeing each payload at once);
* **cache update**: `Cache.apply_message_create` of decoded payloads (nothing evicted is freed
  here: the payload list still holds them);
* **event**: the registry row's decoder (`REGISTRY["MESSAGE_CREATE"].decode`, the lazy event);
* **sink, nobody listening**: `orjson.loads` + `EventManager.deliver_dispatch` (cache update,
  evicted payloads freed, no event);
* **sink + listener**: the same with one `GuildMessageCreateEvent` listener that counts, until
  every call has finished: loads, cache, event, scheduling, the worker and the listener.

`sink + listener - loads` is the dispatcher's share of the shard's per-event CPU.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import statistics
import sys
import time
import typing

import anyio
import orjson

import anycord
from anycord.events.registry import REGISTRY

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bot import message_payload as bot_message_payload  # what the fake sends in a burst

N = 30_000
MEMBERS = 1_000
GUILD = 900_000_000_000_000_000
Payload = dict[str, typing.Any]


def user(uid: int) -> Payload:
    return {
        "id": str(uid),
        "username": f"u{uid % 10_000}",
        "discriminator": "0",
        "global_name": None,
        "avatar": None,
        "bot": False,
    }


def member(uid: int) -> Payload:
    return {
        "user": user(uid),
        "roles": [],
        "joined_at": "2021-01-01T00:00:00+00:00",
        "deaf": False,
        "mute": False,
        "flags": 0,
    }


def guild_payload(n: int) -> Payload:
    gid = GUILD + n * 10_000
    members = [member(800_000_000_000_000_000 + n * 100_000 + m) for m in range(MEMBERS)]
    everyone = {"id": str(gid), "name": "@everyone", "permissions": "0", "position": 0}
    channel = {"id": str(gid + 1), "type": 0, "name": "c", "position": 0}
    return {
        "id": str(gid),
        "name": f"g{n}",
        "owner_id": members[0]["user"]["id"],
        "roles": [{**everyone, "color": 0, "hoist": False, "managed": False, "mentionable": False}],
        "emojis": [],
        "stickers": [],
        "features": [],
        "member_count": MEMBERS,
        "members": members,
        "channels": [{**channel, "permission_overwrites": []}],
        "threads": [],
        "voice_states": [],
        "presences": [],
        "unavailable": False,
        "large": False,
        "joined_at": "2021-01-01T00:00:00+00:00",
    }


def message_payload(n: int) -> bytes:
    author = user(800_000_000_000_000_001)
    return orjson.dumps(bot_message_payload(n, str(GUILD), str(GUILD + 1), author))


async def measure(guilds: int, rounds: int) -> dict[str, list[float]]:
    intents = anycord.Intents.ALL_UNPRIVILEGED | anycord.Intents.GUILD_MEMBERS
    bot = anycord.GatewayBot(
        "MTA.x.y",
        intents=intents | anycord.Intents.MESSAGE_CONTENT,
        banner=None,
        logs=None,
        auto_chunk_members=False,
    )
    cache, events = bot.cache, bot.event_manager
    for n in range(guilds):
        cache.apply_guild_create(guild_payload(n))
    gc.collect()
    data = [message_payload(n) for n in range(N)]
    loads, decode = orjson.loads, REGISTRY["MESSAGE_CREATE"].decode
    calls = 0

    async def on_message(event: anycord.GuildMessageCreateEvent) -> None:
        nonlocal calls
        calls += 1

    found: dict[str, list[float]] = {}

    def timed(hop: str, began: float) -> None:
        found.setdefault(hop, []).append((time.process_time() - began) / N * 1e6)

    async with anyio.create_task_group() as tg:
        await tg.start(events.run)
        deliver = events.deliver_dispatch
        for _ in range(rounds):
            began = time.process_time()
            for raw in data:
                loads(raw)
            timed("loads", began)
            payloads = [loads(raw) for raw in data]
            began = time.process_time()
            for payload in payloads:
                cache.apply_message_create(payload)
            timed("cache update", began)
            payloads = [loads(raw) for raw in data]
            began = time.process_time()
            for payload in payloads:
                decode(bot, None, payload, None)
            timed("event", began)
            del payloads
            began = time.process_time()
            for raw in data:
                wait = deliver(None, "MESSAGE_CREATE", loads(raw))
                if wait is not None:
                    await wait
            timed("sink, nobody listening", began)
            events.subscribe(anycord.GuildMessageCreateEvent, on_message)
            began = time.process_time()
            for raw in data:
                wait = deliver(None, "MESSAGE_CREATE", loads(raw))
                if wait is not None:
                    await wait
            await events.wait_idle()
            timed("sink + listener", began)
            events.unsubscribe(anycord.GuildMessageCreateEvent, on_message)
        await events.aclose()
    assert calls == N * rounds
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", default="asyncio", choices=("asyncio", "trio"))
    parser.add_argument("--guilds", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)
    found = anyio.run(measure, args.guilds, args.rounds, backend=args.backend)
    print(
        f"MESSAGE_CREATE, {args.guilds} guilds x {MEMBERS:,} members cached, {args.backend};"
        f" µs of CPU per event, best / median of {args.rounds} x {N:,}"
    )
    for hop, values in found.items():
        print(f"  {hop:26}{min(values):7.3f} / {statistics.median(values):.3f}")
    share = statistics.median(found["sink + listener"]) - statistics.median(found["loads"])
    print(f"  {'dispatcher (sink - loads)':26}{share:7.3f} (medians)")


if __name__ == "__main__":
    main()
