"""Dispatch and cache benchmark: anycord against hikari, in one run.

1. 30,000 MESSAGE_CREATE payloads decoded and dispatched to one listener (both libraries
   with their default cache settings, so the message cache is fed too). JSON parsing is the
   shard's job in both libraries and is done before timing.
2. A GUILD_CREATE of 100 guilds x 1,000 members fed to each cache; memory measured with
   tracemalloc from the raw JSON bytes onward (what the cache keeps after the payloads are
   dropped), divided by the member count.

Run: `python benchmarks/dispatch.py` (add `--quick` for a smaller, faster run).
Prints events/s, bytes per cached member, and the ratios against hikari.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import random
import sys
import time
import tracemalloc
import typing

import anyio
import orjson

from anycord.cache import Cache
from anycord.dispatch import EventManager
from anycord.events import MessageCreateEvent

logging.disable(logging.CRITICAL)

N_MESSAGES = 30_000
N_GUILDS = 100
N_MEMBERS = 1_000
ROUNDS = 3
HIKARI_TOKEN = "ODAzNTExMTAyMjQ2Nzg5MTI=.Xx.Yy"  # the base64 of a snowflake, as hikari insists


def message_payload(i: int) -> dict[str, typing.Any]:
    return {
        "type": 0,
        "tts": False,
        "timestamp": "2024-05-01T12:00:00.000000+00:00",
        "pinned": False,
        "nonce": str(i),
        "mentions": [],
        "mention_roles": [],
        "mention_everyone": False,
        "member": {
            "roles": ["41771983423143936"],
            "premium_since": None,
            "pending": False,
            "nick": None,
            "mute": False,
            "joined_at": "2020-01-01T00:00:00.000000+00:00",
            "flags": 0,
            "deaf": False,
            "avatar": None,
        },
        "id": str(1_100_000_000_000_000_000 + i),
        "flags": 0,
        "embeds": [],
        "edited_timestamp": None,
        "content": f"hello world {i}",
        "components": [],
        "channel_id": "41771983423143937",
        "guild_id": "41771983423143938",
        "author": {
            "username": "someone",
            "public_flags": 0,
            "id": "80351110224678912",
            "global_name": "Some One",
            "discriminator": "0",
            "avatar": "a_d5efa99b3eeaa7dd43acca82f5692432",
            "avatar_decoration_data": None,
        },
        "attachments": [],
    }


def guild_payload(g: int, rng: random.Random) -> bytes:
    guild_id = str(81_000_000_000_000_000 + g)
    roles = [str(82_000_000_000_000_000 + g * 10 + r) for r in range(5)]
    members: list[dict[str, typing.Any]] = []
    for m in range(N_MEMBERS):
        uid = str(83_000_000_000_000_000 + g * N_MEMBERS + m)
        members.append(
            {
                "user": {
                    "id": uid,
                    "username": f"user{rng.randrange(10**6)}",
                    "global_name": f"User {m}" if rng.random() < 0.5 else None,
                    "avatar": f"{rng.getrandbits(128):032x}" if rng.random() < 0.7 else None,
                    "discriminator": "0",
                    "public_flags": 0,
                    "bot": False,
                },
                "nick": f"nick{m}" if rng.random() < 0.1 else None,
                "roles": rng.sample(roles[1:], rng.randrange(3)),
                "joined_at": f"2021-{1 + m % 12:02d}-{1 + m % 28:02d}T10:{m % 60:02d}:00.{m:06d}+00:00",
                "premium_since": None,
                "deaf": False,
                "mute": False,
                "flags": 0,
                "pending": False,
            }
        )
    payload: dict[str, typing.Any] = {
        "id": guild_id,
        "name": f"guild {g}",
        "icon": None,
        "splash": None,
        "discovery_splash": None,
        "owner_id": members[0]["user"]["id"],
        "afk_channel_id": None,
        "afk_timeout": 300,
        "verification_level": 0,
        "default_message_notifications": 0,
        "explicit_content_filter": 0,
        "roles": [
            {"id": r, "name": f"role{i}", "color": 0, "hoist": False, "position": i, "permissions": "0",
             "managed": False, "mentionable": False, "flags": 0, "icon": None, "unicode_emoji": None}
            for i, r in enumerate(roles)
        ],
        "emojis": [],
        "stickers": [],
        "features": [],
        "mfa_level": 0,
        "application_id": None,
        "system_channel_id": None,
        "system_channel_flags": 0,
        "rules_channel_id": None,
        "vanity_url_code": None,
        "description": None,
        "banner": None,
        "premium_tier": 0,
        "preferred_locale": "en-US",
        "public_updates_channel_id": None,
        "nsfw_level": 0,
        "premium_progress_bar_enabled": False,
        "joined_at": "2021-06-01T10:00:00+00:00",
        "large": True,
        "unavailable": False,
        "member_count": N_MEMBERS,
        "voice_states": [],
        "members": members,
        "channels": [
            {"id": str(84_000_000_000_000_000 + g * 10 + c), "type": 0, "name": f"ch{c}", "position": c,
             "permission_overwrites": [], "nsfw": False, "topic": None, "parent_id": None, "rate_limit_per_user": 0}
            for c in range(3)
        ],
        "threads": [],
        "presences": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
    }  # fmt: skip
    return orjson.dumps(payload)


# -- events/s --------------------------------------------------------------------------------


async def anycord_events(payloads: list[dict[str, typing.Any]]) -> float:
    manager = EventManager(cache=Cache())
    count = 0

    async def listener(event: MessageCreateEvent) -> None:
        nonlocal count
        count += 1

    manager.subscribe(MessageCreateEvent, listener)
    async with anyio.create_task_group() as tg:
        await tg.start(manager.run)
        dispatch = manager.on_shard_dispatch
        start = time.perf_counter()
        for payload in payloads:
            await dispatch(None, "MESSAGE_CREATE", payload)
        await manager.wait_idle()
        elapsed = time.perf_counter() - start
        await manager.aclose()
    assert count == len(payloads), count
    return len(payloads) / elapsed


async def hikari_events(payloads: list[dict[str, typing.Any]]) -> float:
    import hikari

    bot = hikari.GatewayBot(
        HIKARI_TOKEN, logs=None, banner=None, suppress_optimization_warning=True
    )
    count = 0
    done = asyncio.Event()

    async def listener(event: hikari.MessageCreateEvent) -> None:
        nonlocal count
        count += 1
        if count == len(payloads):
            done.set()

    bot.event_manager.subscribe(hikari.MessageCreateEvent, listener)
    consume = bot.event_manager.consume_raw_event
    shard = typing.cast("typing.Any", _FakeHikariShard())
    start = time.perf_counter()
    for i, payload in enumerate(payloads):
        consume("MESSAGE_CREATE", shard, payload)
        if i % 256 == 0:
            await asyncio.sleep(0)  # let listener tasks run, as a shard's reads would
    await done.wait()
    return len(payloads) / (time.perf_counter() - start)


class _FakeHikariShard:
    id = 0
    shard_count = 1

    def get_user_id(self) -> int:
        return 80351110224678912


# -- bytes per member ------------------------------------------------------------------------


def measure(feed: typing.Callable[[dict[str, typing.Any]], None], raws: list[bytes]) -> float:
    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    for raw in raws:
        payload = orjson.loads(raw)
        feed(payload)
        del payload
    gc.collect()
    used = tracemalloc.get_traced_memory()[0] - base
    tracemalloc.stop()
    return used / (len(raws) * N_MEMBERS)


def anycord_cache_bytes(raws: list[bytes], warm_up: bytes) -> tuple[float, int]:
    # Warm up on a throw-away cache so lazy imports are not counted as cache memory.
    anyio.run(
        EventManager(cache=Cache()).on_shard_dispatch, None, "GUILD_CREATE", orjson.loads(warm_up)
    )
    manager = EventManager(cache=Cache())
    holder: list[typing.Any] = [manager]

    def feed(payload: dict[str, typing.Any]) -> None:
        anyio.run(manager.on_shard_dispatch, None, "GUILD_CREATE", payload)

    per_member = measure(feed, raws)
    cache = manager.cache
    assert cache is not None
    members = sum(len(cache.get_members_view_for_guild(g)) for g in cache.get_guilds_view())
    holder.clear()
    return per_member, members


def hikari_cache_bytes(raws: list[bytes], warm_up: bytes) -> tuple[float, int]:
    import hikari

    def make() -> typing.Any:
        return hikari.GatewayBot(
            HIKARI_TOKEN,
            logs=None,
            banner=None,
            suppress_optimization_warning=True,
            auto_chunk_members=False,
        )

    shard = typing.cast("typing.Any", _FakeHikariShard())
    make().event_manager.consume_raw_event("GUILD_CREATE", shard, orjson.loads(warm_up))
    bot = make()

    def feed(payload: dict[str, typing.Any]) -> None:
        bot.event_manager.consume_raw_event("GUILD_CREATE", shard, payload)

    per_member = measure(feed, raws)
    members = sum(len(bot.cache.get_members_view_for_guild(g)) for g in bot.cache.get_guilds_view())
    return per_member, members


def main() -> None:
    global N_MESSAGES, N_GUILDS, ROUNDS
    if "--quick" in sys.argv:
        N_MESSAGES, N_GUILDS, ROUNDS = 5_000, 10, 1
    payloads = [message_payload(i) for i in range(N_MESSAGES)]
    ours_asyncio = max(
        anyio.run(anycord_events, payloads, backend="asyncio") for _ in range(ROUNDS)
    )
    ours_trio = max(anyio.run(anycord_events, payloads, backend="trio") for _ in range(ROUNDS))
    theirs = max(asyncio.run(hikari_events(payloads)) for _ in range(ROUNDS))
    print(f"MESSAGE_CREATE x {N_MESSAGES:,}, one listener (best of {ROUNDS}):")
    print(
        f"  anycord (asyncio) {ours_asyncio:10,.0f} events/s   {ours_asyncio / theirs:.2f}x hikari"
    )
    print(f"  anycord (trio)    {ours_trio:10,.0f} events/s   {ours_trio / theirs:.2f}x hikari")
    print(f"  hikari  (asyncio) {theirs:10,.0f} events/s")

    rng = random.Random(8)
    raws = [guild_payload(g, rng) for g in range(N_GUILDS)]
    warm_up = guild_payload(N_GUILDS, rng)
    ours_bytes, ours_members = anycord_cache_bytes(raws, warm_up)
    theirs_bytes, theirs_members = hikari_cache_bytes(raws, warm_up)
    print(
        f"GUILD_CREATE {N_GUILDS} guilds x {N_MEMBERS:,} members cached (tracemalloc, from raw JSON):"
    )
    print(
        f"  anycord {ours_bytes:8,.0f} bytes/member ({ours_members:,} members)   "
        f"{ours_bytes / theirs_bytes:.2f}x hikari"
    )
    print(f"  hikari  {theirs_bytes:8,.0f} bytes/member ({theirs_members:,} members)")


if __name__ == "__main__":
    main()
