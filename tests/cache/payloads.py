"""Gateway payloads in the shapes the docs give (events/gateway-events.mdx, resources/*)."""

from __future__ import annotations

import typing

GUILD = "100000000000000001"
OTHER_GUILD = "100000000000000002"
ME = "200000000000000001"
TEXT = "300000000000000001"
VOICE = "300000000000000002"
THREAD = "300000000000000003"
ROLE = "400000000000000001"
EMOJI = "500000000000000001"
STICKER = "600000000000000001"


def user(uid: str, name: str = "user", **extra: typing.Any) -> dict[str, typing.Any]:
    return {
        "id": uid,
        "username": name,
        "discriminator": "0",
        "global_name": None,
        "avatar": None,
        **extra,
    }


def member(
    uid: str, name: str = "user", roles: tuple[str, ...] = (), **extra: typing.Any
) -> dict[str, typing.Any]:
    return {
        "user": user(uid, name),
        "nick": None,
        "roles": list(roles),
        "joined_at": "2021-06-01T10:00:00.123456+00:00",
        "premium_since": None,
        "deaf": False,
        "mute": False,
        "flags": 0,
        "pending": False,
        **extra,
    }


def role(rid: str, name: str = "role", position: int = 1) -> dict[str, typing.Any]:
    return {
        "id": rid,
        "name": name,
        "color": 0,
        "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
        "hoist": False,
        "icon": None,
        "unicode_emoji": None,
        "position": position,
        "permissions": "0",
        "managed": False,
        "mentionable": False,
        "flags": 0,
    }


def text_channel(
    cid: str = TEXT, name: str = "general", guild_id: str | None = None
) -> dict[str, typing.Any]:
    out: dict[str, typing.Any] = {
        "id": cid,
        "type": 0,
        "name": name,
        "position": 0,
        "permission_overwrites": [],
        "nsfw": False,
        "topic": None,
        "last_message_id": None,
        "parent_id": None,
        "rate_limit_per_user": 0,
    }
    if guild_id is not None:
        out["guild_id"] = guild_id
    return out


def thread(tid: str = THREAD, parent: str = TEXT, name: str = "a thread") -> dict[str, typing.Any]:
    return {
        "id": tid,
        "guild_id": GUILD,
        "parent_id": parent,
        "owner_id": ME,
        "name": name,
        "type": 11,
        "last_message_id": None,
        "message_count": 0,
        "member_count": 1,
        "rate_limit_per_user": 0,
        "thread_metadata": {
            "archived": False,
            "auto_archive_duration": 1440,
            "archive_timestamp": "2021-06-01T10:00:00+00:00",
            "locked": False,
        },
        "total_message_sent": 0,
        "flags": 0,
    }


def emoji(eid: str = EMOJI, name: str = "blob") -> dict[str, typing.Any]:
    return {
        "id": eid,
        "name": name,
        "roles": [],
        "require_colons": True,
        "managed": False,
        "animated": False,
        "available": True,
    }


def sticker(sid: str = STICKER, name: str = "sticker") -> dict[str, typing.Any]:
    return {
        "id": sid,
        "name": name,
        "tags": "x",
        "type": 2,
        "format_type": 1,
        "description": None,
        "available": True,
        "guild_id": GUILD,
    }


def presence(uid: str, status: str = "online") -> dict[str, typing.Any]:
    return {
        "user": {"id": uid},
        "guild_id": GUILD,
        "status": status,
        "activities": [],
        "client_status": {"desktop": status},
    }


def voice_state(uid: str, channel: str | None = VOICE) -> dict[str, typing.Any]:
    return {
        "guild_id": GUILD,
        "channel_id": channel,
        "user_id": uid,
        "session_id": "abc",
        "deaf": False,
        "mute": False,
        "self_deaf": False,
        "self_mute": False,
        "self_video": False,
        "suppress": False,
        "request_to_speak_timestamp": None,
    }


def guild_create(members: int = 3, *, unavailable_key: bool = True) -> dict[str, typing.Any]:
    out: dict[str, typing.Any] = {
        "id": GUILD,
        "name": "a guild",
        "icon": None,
        "splash": None,
        "discovery_splash": None,
        "owner_id": ME,
        "afk_channel_id": None,
        "afk_timeout": 300,
        "verification_level": 0,
        "default_message_notifications": 0,
        "explicit_content_filter": 0,
        "roles": [role(GUILD, "@everyone", 0), role(ROLE, "mods")],
        "emojis": [emoji()],
        "stickers": [sticker()],
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
        "large": False,
        "member_count": members,
        "voice_states": [voice_state(ME)],
        "members": [member(ME, "me", (ROLE,))]
        + [member(str(700000000000000000 + i), f"u{i}") for i in range(1, members)],
        "channels": [
            text_channel(),
            {**text_channel(VOICE, "voice"), "type": 2, "bitrate": 64000, "user_limit": 0},
        ],
        "threads": [thread()],
        "presences": [presence(ME)],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
    }
    if unavailable_key:
        out["unavailable"] = False
    return out


def ready(guild_ids: tuple[str, ...] = (GUILD,)) -> dict[str, typing.Any]:
    return {
        "v": 10,
        "user": {
            **user(ME, "bot"),
            "bot": True,
            "verified": True,
            "mfa_enabled": False,
            "flags": 0,
        },
        "guilds": [{"id": g, "unavailable": True} for g in guild_ids],
        "session_id": "session",
        "resume_gateway_url": "wss://gateway.example",
        "shard": [0, 1],
        "application": {"id": ME, "flags": 0},
    }


def message(
    mid: str, content: str = "hi", *, guild: bool = True, author: str = ME
) -> dict[str, typing.Any]:
    out: dict[str, typing.Any] = {
        "id": mid,
        "channel_id": TEXT,
        "author": user(author, "author"),
        "content": content,
        "timestamp": "2024-01-01T00:00:00+00:00",
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
    if guild:
        out["guild_id"] = GUILD
        out["member"] = {k: v for k, v in member(author).items() if k != "user"}
    return out


STAGE = "300000000000000004"
STAGE_INSTANCE = "800000000000000001"
SCHEDULED_EVENT = "800000000000000002"


def stage_instance(topic: str = "talk", sid: str = STAGE_INSTANCE) -> dict[str, typing.Any]:
    # resources/stage-instance.mdx "Stage Instance Object"
    return {
        "id": sid,
        "guild_id": GUILD,
        "channel_id": STAGE,
        "topic": topic,
        "privacy_level": 2,
        "discoverable_disabled": False,
        "guild_scheduled_event_id": None,
    }


def scheduled_event(
    status: int = 1, eid: str = SCHEDULED_EVENT, **extra: typing.Any
) -> dict[str, typing.Any]:
    # resources/guild-scheduled-event.mdx "Guild Scheduled Event Object" (a stage event)
    return {
        "id": eid,
        "guild_id": GUILD,
        "channel_id": STAGE,
        "creator_id": ME,
        "name": "town hall",
        "description": None,
        "scheduled_start_time": "2030-01-01T00:00:00+00:00",
        "scheduled_end_time": None,
        "privacy_level": 2,
        "status": status,
        "entity_type": 1,
        "entity_id": None,
        "entity_metadata": None,
        **extra,
    }


def thread_member(
    uid: str | None = None, tid: str | None = None, **extra: typing.Any
) -> dict[str, typing.Any]:
    # resources/channel.mdx "Thread Member Object": `id`/`user_id` omitted inside a thread.
    out: dict[str, typing.Any] = {"join_timestamp": "2024-01-01T00:00:00+00:00", "flags": 0}
    if tid is not None:
        out["id"] = tid
    if uid is not None:
        out["user_id"] = uid
    return {**out, **extra}


def reaction(
    name: str, user_id: str, *, emoji_id: str | None = None, burst: bool = False
) -> dict[str, typing.Any]:
    # events/gateway-events.mdx "Message Reaction Add"
    return {
        "user_id": user_id,
        "channel_id": TEXT,
        "message_id": "900000000000000001",
        "guild_id": GUILD,
        "emoji": {"id": emoji_id, "name": name},
        "burst": burst,
        "type": 1 if burst else 0,
    }


SOUND = "1106714396018884649"


def soundboard_sound(
    name: str = "Yay", sid: str = SOUND, guild_id: str | None = GUILD, **extra: typing.Any
) -> dict[str, typing.Any]:
    # resources/soundboard.mdx "Example Guild Soundboard Sound"
    out: dict[str, typing.Any] = {
        "name": name,
        "sound_id": sid,
        "volume": 1,
        "emoji_id": "989193655938064464",
        "emoji_name": None,
        "available": True,
        **extra,
    }
    if guild_id is not None:
        out["guild_id"] = guild_id
    return out
