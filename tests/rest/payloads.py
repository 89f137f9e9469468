"""Minimal Discord-shaped response bodies (as documented in resources/*.mdx) for stubs."""

from __future__ import annotations

import typing

TS = "2024-01-01T00:00:00+00:00"
GUILD = "100"
CHANNEL = "200"
USER = "300"
MESSAGE = "400"
APP = "500"


def user(user_id: str = USER, **extra: typing.Any) -> dict[str, typing.Any]:
    return {"id": user_id, "username": "u", "discriminator": "0", "avatar": None, **extra}


def member(user_id: str = USER) -> dict[str, typing.Any]:
    return {"user": user(user_id), "roles": [], "joined_at": TS, "deaf": False, "mute": False}


def thread(thread_id: str = "11", archived_at: str = TS) -> dict[str, typing.Any]:
    return {
        "id": thread_id,
        "type": 11,
        "guild_id": GUILD,
        "parent_id": CHANNEL,
        "name": "t",
        "thread_metadata": {
            "archived": True,
            "auto_archive_duration": 60,
            "archive_timestamp": archived_at,
            "locked": False,
        },
    }


def thread_member(user_id: str = USER, thread_id: str = "11") -> dict[str, typing.Any]:
    return {"id": thread_id, "user_id": user_id, "join_timestamp": TS, "flags": 0}


def channel(channel_id: str = CHANNEL, kind: int = 0) -> dict[str, typing.Any]:
    return {"id": channel_id, "type": kind, "guild_id": GUILD, "name": "c", "position": 0}


def message(message_id: str = MESSAGE, channel_id: str = CHANNEL) -> dict[str, typing.Any]:
    return {
        "id": message_id,
        "channel_id": channel_id,
        "author": user(),
        "content": "hi",
        "timestamp": TS,
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": [],
        "pinned": False,
        "type": 0,
    }


def emoji(emoji_id: str = "600", **extra: typing.Any) -> dict[str, typing.Any]:
    return {
        "id": emoji_id,
        "name": "blob",
        "roles": [],
        "require_colons": True,
        "managed": False,
        "animated": False,
        "available": True,
        **extra,
    }


def sticker(sticker_id: str = "700", guild: bool = True) -> dict[str, typing.Any]:
    out: dict[str, typing.Any] = {
        "id": sticker_id,
        "name": "s",
        "description": "d",
        "tags": "smile",
        "type": 2 if guild else 1,
        "format_type": 1,
    }
    if guild:
        out.update(guild_id=GUILD, available=True)
    else:
        out.update(pack_id="800", sort_value=1)
    return out


def sticker_pack() -> dict[str, typing.Any]:
    return {
        "id": "800",
        "stickers": [sticker(guild=False)],
        "name": "p",
        "sku_id": "801",
        "description": "d",
    }


def invite(code: str = "abc") -> dict[str, typing.Any]:
    return {
        "type": 0,
        "code": code,
        "guild": {
            "id": GUILD,
            "name": "g",
            "splash": None,
            "banner": None,
            "icon": None,
            "description": None,
            "features": [],
            "verification_level": 0,
            "vanity_url_code": None,
            "nsfw_level": 0,
            "premium_subscription_count": 0,
        },
        "channel": {"id": CHANNEL, "name": "c", "type": 0},
        "approximate_member_count": 3,
        "approximate_presence_count": 1,
    }


def invite_with_metadata(code: str = "abc") -> dict[str, typing.Any]:
    return {
        **invite(code),
        "uses": 0,
        "max_uses": 0,
        "max_age": 86400,
        "temporary": False,
        "created_at": TS,
    }


def audit_log(entry_ids: tuple[str, ...] = ("900",)) -> dict[str, typing.Any]:
    return {
        "audit_log_entries": [
            {"id": i, "user_id": USER, "target_id": None, "action_type": 1, "changes": []}
            for i in entry_ids
        ],
        "users": [user()],
        "threads": [],
        "webhooks": [],
        "integrations": [],
        "application_commands": [],
        "auto_moderation_rules": [],
        "guild_scheduled_events": [],
    }


def auto_mod_rule() -> dict[str, typing.Any]:
    return {
        "id": "950",
        "guild_id": GUILD,
        "name": "no spam",
        "creator_id": USER,
        "event_type": 1,
        "trigger_type": 1,
        "trigger_metadata": {"keyword_filter": ["bad"], "regex_patterns": [], "allow_list": []},
        "actions": [{"type": 1, "metadata": {}}],
        "enabled": True,
        "exempt_roles": [],
        "exempt_channels": [],
    }


def scheduled_event(kind: int = 3) -> dict[str, typing.Any]:
    return {
        "id": "960",
        "guild_id": GUILD,
        "channel_id": None if kind == 3 else CHANNEL,
        "creator_id": USER,
        "name": "party",
        "description": None,
        "scheduled_start_time": TS,
        "scheduled_end_time": "2024-01-02T00:00:00+00:00",
        "privacy_level": 2,
        "status": 1,
        "entity_type": kind,
        "entity_id": None,
        "entity_metadata": {"location": "park"} if kind == 3 else None,
        "user_count": 3,
    }


def scheduled_event_user(user_id: str = USER) -> dict[str, typing.Any]:
    return {"guild_scheduled_event_id": "960", "user": user(user_id)}


def stage_instance() -> dict[str, typing.Any]:
    return {
        "id": "970",
        "guild_id": GUILD,
        "channel_id": CHANNEL,
        "topic": "talk",
        "privacy_level": 2,
        "discoverable_disabled": False,
        "guild_scheduled_event_id": None,
    }


def template() -> dict[str, typing.Any]:
    return {
        "code": "tmpl",
        "name": "t",
        "description": None,
        "usage_count": 0,
        "creator_id": USER,
        "creator": user(),
        "created_at": TS,
        "updated_at": TS,
        "source_guild_id": GUILD,
        "serialized_source_guild": {},
        "is_dirty": None,
    }


def sound(sound_id: str = "980") -> dict[str, typing.Any]:
    return {
        "name": "boom",
        "sound_id": sound_id,
        "volume": 1.0,
        "emoji_id": None,
        "emoji_name": None,
        "guild_id": GUILD,
        "available": True,
    }


def voice_state() -> dict[str, typing.Any]:
    return {
        "guild_id": GUILD,
        "channel_id": CHANNEL,
        "user_id": USER,
        "session_id": "s",
        "deaf": False,
        "mute": False,
        "self_deaf": False,
        "self_mute": False,
        "self_video": False,
        "suppress": False,
        "request_to_speak_timestamp": None,
    }


def voice_region() -> dict[str, typing.Any]:
    return {"id": "us", "name": "US", "optimal": True, "deprecated": False, "custom": False}


def application() -> dict[str, typing.Any]:
    return {
        "id": APP,
        "name": "app",
        "icon": None,
        "description": "d",
        "bot_public": True,
        "bot_require_code_grant": False,
        "verify_key": "k",
        "flags": 0,
    }


def role_connection_metadata() -> dict[str, typing.Any]:
    return {"type": 7, "key": "level", "name": "Level", "description": "Player level"}


def activity_instance() -> dict[str, typing.Any]:
    return {
        "application_id": APP,
        "instance_id": "i-1",
        "launch_id": "1",
        "location": {"id": "gc-1", "kind": "gc", "channel_id": CHANNEL, "guild_id": GUILD},
        "users": [USER],
    }


def entitlement(entitlement_id: str = "990") -> dict[str, typing.Any]:
    return {
        "id": entitlement_id,
        "sku_id": "991",
        "application_id": APP,
        "user_id": USER,
        "type": 8,
        "deleted": False,
        "consumed": False,
    }


def subscription(subscription_id: str = "995") -> dict[str, typing.Any]:
    return {
        "id": subscription_id,
        "user_id": USER,
        "sku_ids": ["991"],
        "entitlement_ids": ["990"],
        "current_period_start": TS,
        "current_period_end": "2024-02-01T00:00:00+00:00",
        "status": 0,
        "canceled_at": None,
    }


def role(role_id: str = "1000") -> dict[str, typing.Any]:
    return {
        "id": role_id,
        "name": "r",
        "color": 0,
        "hoist": False,
        "position": 1,
        "permissions": "0",
        "managed": False,
        "mentionable": False,
    }


def webhook() -> dict[str, typing.Any]:
    return {
        "id": "1100",
        "type": 1,
        "channel_id": CHANNEL,
        "guild_id": GUILD,
        "name": "w",
        "avatar": None,
        "token": "tok",
        "application_id": None,
    }


def command_permissions() -> dict[str, typing.Any]:
    return {
        "id": "1200",
        "application_id": APP,
        "guild_id": GUILD,
        "permissions": [{"id": "1000", "type": 1, "permission": True}],
    }
