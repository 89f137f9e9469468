"""Hypothesis round trips for the core entity families: Discord-shaped payload → decode → encode → decode
gives the same fields."""

from __future__ import annotations

import datetime
import typing

from hypothesis import given, settings
from hypothesis import strategies as st

from anycord import models, serde
from anycord.serde import channels as channel_serde
from anycord.serde import guilds as guild_serde
from tests.models._compare import same_fields

snowflakes = st.integers(min_value=1 << 22, max_value=(1 << 63) - 1).map(str)
names = st.text(min_size=1, max_size=20)
hashes = st.none() | st.from_regex(r"(a_)?[0-9a-f]{32}", fullmatch=True)
timestamps = st.datetimes(
    min_value=datetime.datetime(2015, 1, 1),
    max_value=datetime.datetime(2035, 1, 1),
    timezones=st.just(datetime.UTC),
).map(lambda d: d.isoformat())
opt = st.none


def optional(strategy: st.SearchStrategy[typing.Any]) -> st.SearchStrategy[typing.Any]:
    return st.none() | strategy


users = st.fixed_dictionaries(
    {
        "id": snowflakes,
        "username": names,
        "discriminator": st.sampled_from(["0", "0001", "1234"]),
        "global_name": optional(names),
        "avatar": hashes,
        "bot": st.booleans(),
        "public_flags": st.integers(0, 1 << 23),
    }
)

roles = st.fixed_dictionaries(
    {
        "id": snowflakes,
        "guild_id": snowflakes,
        "name": names,
        "color": st.integers(0, 0xFFFFFF),
        "hoist": st.booleans(),
        "icon": hashes,
        "unicode_emoji": optional(st.just("🔥")),
        "position": st.integers(0, 250),
        "permissions": st.integers(0, (1 << 53) - 1).map(str),
        "managed": st.booleans(),
        "mentionable": st.booleans(),
        "flags": st.integers(0, 3),
    },
    optional={
        "tags": st.fixed_dictionaries(
            {},
            optional={
                "bot_id": snowflakes,
                "integration_id": snowflakes,
                "premium_subscriber": st.none(),
                "available_for_purchase": st.none(),
            },
        ),
        "colors": st.fixed_dictionaries(
            {
                "primary_color": st.integers(0, 0xFFFFFF),
                "secondary_color": optional(st.integers(0, 0xFFFFFF)),
                "tertiary_color": optional(st.integers(0, 0xFFFFFF)),
            }
        ),
    },
)

members = st.fixed_dictionaries(
    {
        "user": users,
        "guild_id": snowflakes,
        "nick": optional(names),
        "roles": st.lists(snowflakes, max_size=5),
        "joined_at": optional(timestamps),
        "premium_since": optional(timestamps),
        "flags": st.integers(0, 1 << 11),
        "communication_disabled_until": optional(timestamps),
        "avatar": hashes,
        "banner": hashes,
    },
    optional={"deaf": st.booleans(), "mute": st.booleans(), "pending": st.booleans()},
)

overwrites = st.fixed_dictionaries(
    {
        "id": snowflakes,
        "type": st.sampled_from([0, 1]),
        "allow": st.integers(0, (1 << 50) - 1).map(str),
        "deny": st.integers(0, (1 << 50) - 1).map(str),
    }
)

_guild_channel_base: dict[str, st.SearchStrategy[typing.Any]] = {
    "id": snowflakes,
    "guild_id": snowflakes,
    "name": names,
    "position": st.integers(0, 500),
    "parent_id": optional(snowflakes),
    "nsfw": st.booleans(),
    "permission_overwrites": st.lists(overwrites, max_size=3, unique_by=lambda o: o["id"]),
    "flags": st.sampled_from([0, 2, 16]),
}
text_channels = st.fixed_dictionaries(
    _guild_channel_base
    | {
        "type": st.sampled_from([0, 5]),
        "topic": optional(names),
        "last_message_id": optional(snowflakes),
        "rate_limit_per_user": st.integers(0, 21600),
        "last_pin_timestamp": optional(timestamps),
    }
)
voice_channels = st.fixed_dictionaries(
    _guild_channel_base
    | {
        "type": st.sampled_from([2, 13]),
        "bitrate": st.integers(8000, 384000),
        "user_limit": st.integers(0, 99),
        "rtc_region": optional(st.sampled_from(["brazil", "rotterdam"])),
        "video_quality_mode": st.sampled_from([1, 2, 7]),
    }
)
forum_channels = st.fixed_dictionaries(
    _guild_channel_base
    | {
        "type": st.sampled_from([15, 16]),
        "topic": optional(names),
        "available_tags": st.lists(
            st.fixed_dictionaries(
                {
                    "id": snowflakes,
                    "name": names,
                    "moderated": st.booleans(),
                    "emoji_id": optional(snowflakes),
                    "emoji_name": optional(st.just("❓")),
                }
            ),
            max_size=3,
        ),
        "default_sort_order": optional(st.sampled_from([0, 1])),
        "default_reaction_emoji": optional(
            st.fixed_dictionaries({"emoji_id": optional(snowflakes), "emoji_name": st.just("👍")})
        ),
    }
)
categories = st.fixed_dictionaries(_guild_channel_base | {"type": st.just(4)})
unknown_guild_channels = st.fixed_dictionaries(
    _guild_channel_base | {"type": st.integers(17, 1000)}
)
threads = st.fixed_dictionaries(
    {
        "id": snowflakes,
        "guild_id": snowflakes,
        "parent_id": snowflakes,
        "owner_id": snowflakes,
        "name": names,
        "type": st.sampled_from([10, 11, 12]),
        "last_message_id": optional(snowflakes),
        "message_count": st.integers(0, 10_000),
        "member_count": st.integers(0, 50),
        "rate_limit_per_user": st.integers(0, 21600),
        "flags": st.sampled_from([0, 2]),
        "total_message_sent": st.integers(0, 10_000),
        "applied_tags": st.lists(snowflakes, max_size=5),
        "thread_metadata": st.fixed_dictionaries(
            {
                "archived": st.booleans(),
                "auto_archive_duration": st.sampled_from([60, 1440, 4320, 10080]),
                "archive_timestamp": timestamps,
                "locked": st.booleans(),
            },
            optional={"invitable": st.booleans(), "create_timestamp": timestamps},
        ),
    }
)
dm_channels = st.fixed_dictionaries(
    {
        "id": snowflakes,
        "type": st.just(1),
        "last_message_id": optional(snowflakes),
        "recipients": st.lists(users, min_size=1, max_size=1),
    }
)
group_dms = st.fixed_dictionaries(
    {
        "id": snowflakes,
        "type": st.just(3),
        "name": optional(names),
        "icon": hashes,
        "owner_id": snowflakes,
        "recipients": st.lists(users, max_size=4, unique_by=lambda u: u["id"]),
    }
)
channels = (
    text_channels
    | voice_channels
    | forum_channels
    | categories
    | unknown_guild_channels
    | threads
    | dm_channels
    | group_dms
)

emojis = st.fixed_dictionaries(
    {
        "id": snowflakes,
        "name": names,
        "roles": st.lists(snowflakes, max_size=3),
        "require_colons": st.booleans(),
        "managed": st.booleans(),
        "animated": st.booleans(),
        "available": st.booleans(),
        "guild_id": snowflakes,
    },
    optional={"user": users},
)
stickers = st.fixed_dictionaries(
    {
        "id": snowflakes,
        "name": names,
        "format_type": st.sampled_from([1, 2, 3, 4, 9]),
        "description": optional(names),
        "tags": names,
    }
).flatmap(
    lambda base: st.one_of(
        st.just(base | {"type": 1}),
        st.builds(
            lambda g, a: base | {"type": 2, "guild_id": g, "available": a},
            snowflakes,
            st.booleans(),
        ),
    )
)
activities = st.fixed_dictionaries(
    {"name": names, "type": st.integers(0, 9)},
    optional={
        "url": optional(st.just("https://twitch.tv/x")),
        "state": names,
        "details": names,
        "created_at": st.integers(1_420_070_400_000, 2_000_000_000_000),
        "application_id": snowflakes,
        "timestamps": st.fixed_dictionaries(
            {}, optional={"start": st.integers(0, 2_000_000_000_000)}
        ),
        "party": st.fixed_dictionaries(
            {"id": names, "size": st.tuples(st.integers(1, 5), st.integers(5, 9)).map(list)}
        ),
        "assets": st.fixed_dictionaries({}, optional={"large_image": names, "small_text": names}),
        "secrets": st.fixed_dictionaries({}, optional={"join": names, "match": names}),
        "instance": st.booleans(),
        "flags": st.integers(0, 511),
        "buttons": st.lists(names, max_size=2),
        "emoji": st.fixed_dictionaries({"name": st.just("🎮")}),
    },
)
statuses = st.sampled_from(["online", "idle", "dnd", "offline", "streaming-ish"])
presences = st.fixed_dictionaries(
    {
        "user": st.fixed_dictionaries({"id": snowflakes}),
        "guild_id": snowflakes,
        "status": statuses,
        "activities": st.lists(activities, max_size=3),
        "client_status": st.fixed_dictionaries(
            {}, optional={"desktop": statuses, "mobile": statuses, "web": statuses}
        ),
    }
)
voice_states = st.fixed_dictionaries(
    {
        "guild_id": snowflakes,
        "channel_id": optional(snowflakes),
        "user_id": snowflakes,
        "session_id": st.from_regex(r"[0-9a-f]{32}", fullmatch=True),
        "deaf": st.booleans(),
        "mute": st.booleans(),
        "self_deaf": st.booleans(),
        "self_mute": st.booleans(),
        "self_video": st.booleans(),
        "suppress": st.booleans(),
        "request_to_speak_timestamp": optional(timestamps),
    }
)
invites = st.fixed_dictionaries(
    {
        "code": st.from_regex(r"[A-Za-z0-9]{6,10}", fullmatch=True),
        "type": st.integers(0, 5),
        "guild": st.fixed_dictionaries(
            {
                "id": snowflakes,
                "name": names,
                "icon": hashes,
                "features": st.lists(st.sampled_from(["NEWS", "NEW_THING"])),
            }
        ),
        "channel": st.fixed_dictionaries(
            {"id": snowflakes, "name": names, "type": st.integers(0, 20)}
        ),
        "uses": st.integers(0, 100),
        "max_uses": st.integers(0, 100),
        "max_age": st.integers(0, 604800),
        "temporary": st.booleans(),
        "created_at": timestamps,
    },
    optional={"inviter": users, "target_type": st.integers(1, 3), "expires_at": timestamps},
)
webhooks = st.fixed_dictionaries(
    {
        "id": snowflakes,
        "type": st.integers(1, 5),
        "name": optional(names),
        "avatar": hashes,
        "application_id": optional(snowflakes),
        "channel_id": snowflakes,
        "guild_id": snowflakes,
    },
    optional={"user": users, "token": st.from_regex(r"[A-Za-z0-9_-]{20}", fullmatch=True)},
)
_guild_fields: dict[str, st.SearchStrategy[typing.Any]] = {
    "id": snowflakes,
    "name": names,
    "icon": hashes,
    "owner_id": snowflakes,
    "features": st.lists(st.sampled_from(["COMMUNITY", "NEWS", "SOMETHING_NEW"]), unique=True),
    "verification_level": st.integers(0, 9),
    "default_message_notifications": st.integers(0, 1),
    "explicit_content_filter": st.integers(0, 2),
    "mfa_level": st.integers(0, 1),
    "nsfw_level": st.integers(0, 3),
    "premium_tier": st.integers(0, 3),
    "system_channel_flags": st.integers(0, 63),
    "afk_timeout": st.sampled_from([60, 300, 3600]),
    "preferred_locale": st.sampled_from(["en-US", "fr"]),
    "roles": st.lists(roles, max_size=3, unique_by=lambda r: r["id"]),
    "emojis": st.lists(emojis, max_size=3, unique_by=lambda e: str(e["id"])),
}
_guild_optional: dict[str, st.SearchStrategy[typing.Any]] = {
    "joined_at": timestamps,
    "large": st.booleans(),
    "member_count": st.integers(1, 10**6),
}
guilds = st.fixed_dictionaries(_guild_fields, optional=_guild_optional)


def roundtrip(model: type, payload: dict[str, typing.Any]) -> None:
    first: typing.Any = serde.decode(model, payload)
    second: typing.Any = serde.decode(model, serde.encode(first))
    same_fields(first, second)


@settings(max_examples=25)
@given(users)
def test_user_roundtrip(payload: dict[str, typing.Any]) -> None:
    roundtrip(models.User, payload)


@settings(max_examples=25)
@given(roles)
def test_role_roundtrip(payload: dict[str, typing.Any]) -> None:
    roundtrip(models.Role, payload)


@settings(max_examples=25)
@given(members)
def test_member_roundtrip(payload: dict[str, typing.Any]) -> None:
    roundtrip(models.Member, payload)


@settings(max_examples=25)
@given(channels)
def test_channel_roundtrip(payload: dict[str, typing.Any]) -> None:
    first: typing.Any = channel_serde.decode_channel(payload)
    second: typing.Any = channel_serde.decode_channel(serde.encode(first))
    same_fields(first, second)
    assert first.type == payload["type"]


@settings(max_examples=25)
@given(emojis)
def test_emoji_roundtrip(payload: dict[str, typing.Any]) -> None:
    roundtrip(models.KnownCustomEmoji, payload)


@settings(max_examples=25)
@given(stickers)
def test_sticker_roundtrip(payload: dict[str, typing.Any]) -> None:
    model = models.GuildSticker if payload["type"] == 2 else models.StandardSticker
    roundtrip(model, payload)


@settings(max_examples=25)
@given(presences)
def test_presence_roundtrip(payload: dict[str, typing.Any]) -> None:
    roundtrip(models.MemberPresence, payload)


@settings(max_examples=25)
@given(voice_states)
def test_voice_state_roundtrip(payload: dict[str, typing.Any]) -> None:
    roundtrip(models.VoiceState, payload)


@settings(max_examples=25)
@given(invites)
def test_invite_roundtrip(payload: dict[str, typing.Any]) -> None:
    roundtrip(models.InviteWithMetadata, payload)


@settings(max_examples=25)
@given(webhooks)
def test_webhook_roundtrip(payload: dict[str, typing.Any]) -> None:
    roundtrip(models.PartialWebhook, payload)


@settings(max_examples=12)
@given(guilds)
def test_guild_roundtrip(payload: dict[str, typing.Any]) -> None:
    roundtrip(models.RESTGuild, payload)
    gateway = guild_serde.decode_gateway_guild(payload)
    same_fields(gateway, guild_serde.decode_gateway_guild(serde.encode(gateway)))
