"""Decode speed and member memory: anycord's serde against hikari's entity factory.

Run: `python benchmarks/serde.py [--rounds N]`. Both libraries decode the same payloads in
one process: a GUILD_CREATE with 1,000 members (plus roles, channels, emojis) and a
MESSAGE_CREATE with embeds. Memory per member is what `tracemalloc` sees retained after
decoding 1,000 members (member + user + everything they own) divided by 1,000.
Targets: anycord ≥ 1.5× hikari's speed, ≤ 0.5× its memory per member.
"""

from __future__ import annotations

import argparse
import copy
import gc
import random
import time
import tracemalloc
import typing

import hikari
from hikari.impl import entity_factory as hikari_entity_factory

from anycord.serde import guilds as guild_serde
from anycord.serde import members as member_serde
from anycord.snowflakes import Snowflake

GUILD_ID = 290926798626357999
SPEED_TARGET = 1.5
MEMORY_TARGET = 0.5
_rng = random.Random(1234)


def _sf() -> str:
    return str(_rng.randrange(1 << 50, 1 << 60))


def _hash() -> str:
    return "".join(_rng.choice("0123456789abcdef") for _ in range(32))


def _iso(day: int) -> str:
    return (
        f"2020-{1 + day % 12:02d}-{1 + day % 28:02d}T{day % 24:02d}:13:14.{day % 1000:03d}000+00:00"
    )


def build_guild_create(n_members: int = 1000) -> dict[str, typing.Any]:
    roles = [
        {
            "id": str(GUILD_ID) if i == 0 else _sf(),
            "name": "@everyone" if i == 0 else f"role {i}",
            "color": _rng.randrange(1 << 24),
            "hoist": i % 3 == 0,
            "icon": None,
            "unicode_emoji": None,
            "position": i,
            "permissions": "104324673",
            "managed": False,
            "mentionable": i % 2 == 0,
            "flags": 0,
        }
        for i in range(20)
    ]
    role_ids = [r["id"] for r in roles[1:]]
    channels = []
    for i in range(50):
        channel_type = (0, 2, 4, 5, 15)[i % 5]
        channel: dict[str, typing.Any] = {
            "id": _sf(),
            "type": channel_type,
            "name": f"channel-{i}",
            "position": i,
            "parent_id": None,
            "nsfw": False,
            "permission_overwrites": [
                {"id": role_ids[i % 19], "type": 0, "allow": "1024", "deny": "2048"},
                {"id": _sf(), "type": 1, "allow": "0", "deny": "1024"},
            ],
        }
        if channel_type in (0, 5):
            channel |= {"topic": "talk here", "last_message_id": _sf(), "rate_limit_per_user": 0}
        if channel_type == 2:
            channel |= {
                "bitrate": 64000,
                "user_limit": 0,
                "rtc_region": None,
                "last_message_id": None,
                "video_quality_mode": 1,
                "rate_limit_per_user": 0,
            }
        if channel_type == 15:
            channel |= {
                "topic": None,
                "last_message_id": None,
                "rate_limit_per_user": 0,
                "default_thread_rate_limit_per_user": 0,
                "default_auto_archive_duration": 1440,
                "default_reaction_emoji": None,
                "default_sort_order": None,
                "default_forum_layout": 0,
                "flags": 0,
                "available_tags": [
                    {
                        "id": _sf(),
                        "name": "help",
                        "moderated": False,
                        "emoji_id": None,
                        "emoji_name": "❓",
                    }
                ],
            }
        channels.append(channel)
    emojis = [
        {
            "id": _sf(),
            "name": f"emoji_{i}",
            "roles": [],
            "require_colons": True,
            "managed": False,
            "animated": i % 4 == 0,
            "available": True,
        }
        for i in range(50)
    ]
    members: list[dict[str, typing.Any]] = []
    for i in range(n_members):
        user: dict[str, typing.Any] = {
            "id": _sf(),
            "username": f"user{i}_{_rng.randrange(10**6)}",
            "discriminator": "0",
            "global_name": f"User {i}" if i % 2 else None,
            "avatar": _hash() if i % 3 else None,
            "public_flags": 0 if i % 5 else 64,
            "bot": i % 50 == 0,
        }
        members.append(
            {
                "user": user,
                "nick": f"nick {i}" if i % 4 == 0 else None,
                "avatar": None,
                "roles": _rng.sample(role_ids, k=(0, 1, 1, 2, 3)[i % 5]) if i % 7 else [],
                "joined_at": _iso(i),
                "premium_since": _iso(i + 3) if i % 40 == 0 else None,
                "deaf": False,
                "mute": False,
                "pending": False,
                "flags": 0,
                "communication_disabled_until": None,
            }
        )
    return {
        "id": str(GUILD_ID),
        "name": "Benchmark Guild",
        "icon": _hash(),
        "splash": None,
        "discovery_splash": None,
        "owner_id": members[0]["user"]["id"],
        "afk_channel_id": None,
        "afk_timeout": 300,
        "verification_level": 1,
        "default_message_notifications": 1,
        "explicit_content_filter": 2,
        "features": ["COMMUNITY", "NEWS", "ANIMATED_ICON"],
        "mfa_level": 0,
        "application_id": None,
        "system_channel_id": channels[0]["id"],
        "system_channel_flags": 0,
        "rules_channel_id": None,
        "vanity_url_code": None,
        "description": None,
        "banner": None,
        "premium_tier": 2,
        "premium_subscription_count": 7,
        "preferred_locale": "en-US",
        "public_updates_channel_id": None,
        "nsfw_level": 0,
        "premium_progress_bar_enabled": False,
        "joined_at": _iso(5),
        "large": True,
        "unavailable": False,
        "member_count": n_members,
        "roles": roles,
        "emojis": emojis,
        "stickers": [],
        "channels": channels,
        "threads": [],
        "members": members,
        "presences": [],
        "voice_states": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
    }


def build_message_create() -> dict[str, typing.Any]:
    author = {
        "id": _sf(),
        "username": "poster",
        "discriminator": "0",
        "global_name": "Poster",
        "avatar": _hash(),
        "public_flags": 0,
    }
    embed = {
        "type": "rich",
        "title": "Release notes",
        "description": "x" * 300,
        "url": "https://example.com/notes",
        "timestamp": "2024-01-02T03:04:05.678000+00:00",
        "color": 0x5865F2,
        "footer": {"text": "footer", "icon_url": "https://example.com/f.png"},
        "image": {"url": "https://example.com/i.png", "width": 640, "height": 480},
        "thumbnail": {"url": "https://example.com/t.png", "width": 64, "height": 64},
        "author": {
            "name": "author",
            "url": "https://example.com",
            "icon_url": "https://example.com/a.png",
        },
        "fields": [
            {"name": f"field {i}", "value": "value " * 5, "inline": i % 2 == 0} for i in range(6)
        ],
    }
    return {
        "id": _sf(),
        "channel_id": _sf(),
        "guild_id": str(GUILD_ID),
        "author": author,
        "member": {"roles": [], "joined_at": _iso(1), "deaf": False, "mute": False, "flags": 0},
        "content": "hello <@80351110224678912> see the notes",
        "timestamp": "2024-01-02T03:04:05.678000+00:00",
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": [
            {
                "id": "80351110224678912",
                "username": "Nelly",
                "discriminator": "0",
                "avatar": None,
                "public_flags": 0,
            }
        ],
        "mention_roles": [],
        "attachments": [],
        "embeds": [embed, copy.deepcopy(embed), copy.deepcopy(embed)],
        "reactions": [
            {
                "count": 2,
                "count_details": {"burst": 0, "normal": 2},
                "me": False,
                "me_burst": False,
                "emoji": {"id": None, "name": "🔥"},
                "burst_colors": [],
            }
        ],
        "pinned": False,
        "type": 0,
        "flags": 0,
        "components": [],
    }


class _App:
    """The least an entity factory needs: an object to hang on models."""

    rest: typing.Any = None
    cache: typing.Any = None
    shard_count = 1


def _bench_pair(
    first: typing.Callable[[], object],
    second: typing.Callable[[], object],
    rounds: int,
    repeats: int = 9,
) -> tuple[float, float]:
    """Best time per call of each, measured in alternation so that load on a shared machine
    hits both alike."""
    first()
    second()
    best = [float("inf"), float("inf")]
    for _ in range(repeats):
        for i, fn in enumerate((first, second)):
            start = time.perf_counter()
            for _ in range(rounds):
                fn()
            best[i] = min(best[i], (time.perf_counter() - start) / rounds)
    return best[0], best[1]


def _retained(fn: typing.Callable[[], object]) -> tuple[int, object]:
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    result = fn()
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return after - before, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--members", type=int, default=1000)
    args = parser.parse_args()

    guild_payload = build_guild_create(args.members)
    message_payload = build_message_create()
    app = _App()
    factory = hikari_entity_factory.EntityFactoryImpl(app=app)  # type: ignore[arg-type]
    me = hikari.Snowflake(1)

    def anycord_guild() -> object:
        return guild_serde.decode_gateway_guild_definition(guild_payload, app)

    def hikari_guild() -> object:
        definition = factory.deserialize_gateway_guild(guild_payload, user_id=me)
        return (
            definition.guild(),
            definition.roles(),
            definition.emojis(),
            definition.stickers(),
            definition.channels(),
            definition.threads(),
            definition.members(),
            definition.presences(),
            definition.voice_states(),
        )

    results: list[tuple[str, float, float]] = []
    a, h = _bench_pair(anycord_guild, hikari_guild, args.rounds)
    results.append((f"GUILD_CREATE ({args.members} members)", a, h))

    try:
        from anycord.serde import messages as message_serde

        decode_message = message_serde.decode_message
    except (ImportError, AttributeError):
        decode_message = None
    if decode_message is not None:
        a, h = _bench_pair(
            lambda: decode_message(message_payload, app),
            lambda: factory.deserialize_message(message_payload),
            args.rounds * 50,
        )
        results.append(("MESSAGE_CREATE (3 embeds)", a, h))
    else:
        print("MESSAGE_CREATE: anycord.serde.messages.decode_message is not available yet")

    print(f"{'payload':<32}{'anycord':>12}{'hikari':>12}{'speed-up':>10}  target ≥ 1.5×")
    for name, a, h in results:
        verdict = "met" if h / a >= SPEED_TARGET else "NOT met"
        print(f"{name:<32}{a * 1e6:>10.1f}µs{h * 1e6:>10.1f}µs{h / a:>9.2f}×  {verdict}")

    raw_members = guild_payload["members"]
    gid = Snowflake(GUILD_ID)
    hgid = hikari.Snowflake(GUILD_ID)
    a_bytes, a_keep = _retained(lambda: member_serde.decode_members(raw_members, gid, app))
    h_bytes, h_keep = _retained(
        lambda: {
            m.user.id: m
            for m in (factory.deserialize_member(p, guild_id=hgid) for p in raw_members)
        }
    )
    n = len(raw_members)
    ratio = a_bytes / h_bytes
    verdict = "met" if ratio <= MEMORY_TARGET else "NOT met"
    print(
        f"{'memory per member':<32}{a_bytes / n:>10.0f} B{h_bytes / n:>10.0f} B{ratio:>9.3f}×  "
        f"target ≤ 0.5× (anycord / hikari, lower is better): {verdict}"
    )
    del a_keep, h_keep


if __name__ == "__main__":
    main()
