"""Channels ↔ JSON. `decode_channel` picks the class from `type` and never raises for a type
this release does not know (it decodes a `GuildChannel` in a guild, a `PartialChannel` else)."""

from __future__ import annotations

import datetime
import typing

from anycord.enums import try_enum
from anycord.models.channels import (
    ChannelFlag,
    ChannelType,
    DMChannel,
    ForumLayoutType,
    ForumSortOrderType,
    ForumTag,
    GroupDMChannel,
    GuildCategory,
    GuildChannel,
    GuildForumChannel,
    GuildMediaChannel,
    GuildNewsChannel,
    GuildStageChannel,
    GuildTextChannel,
    GuildThreadHostChannel,
    GuildVoiceChannel,
    PartialChannel,
    PermissibleGuildChannel,
    PermissionOverwrite,
    PermissionOverwriteType,
    PrivateChannel,
    VideoQualityMode,
)
from anycord.models.threads import GuildThreadChannel
from anycord.permissions import Permissions
from anycord.serde._core import JSONObject, opt_snowflake, register
from anycord.serde.threads import decode_thread, encode_thread
from anycord.serde.users import decode_user, encode_user
from anycord.snowflakes import Snowflake

if typing.TYPE_CHECKING:
    from collections.abc import Callable

    from anycord.traits import RESTAware

__all__ = [
    "decode_channel",
    "decode_forum_tag",
    "decode_partial_channel",
    "decode_permission_overwrite",
    "encode_channel",
    "encode_forum_tag",
    "encode_permission_overwrite",
]

_fromiso = datetime.datetime.fromisoformat


def _opt_iso(value: str | None) -> datetime.datetime | None:
    return _fromiso(value) if value is not None else None


def _iso(value: datetime.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _sf(value: Snowflake | None) -> str | None:
    return str(value) if value is not None else None


def decode_permission_overwrite(
    payload: JSONObject, app: RESTAware | None = None
) -> PermissionOverwrite:
    """One permission overwrite."""
    return PermissionOverwrite(
        id=Snowflake(payload["id"]),
        type=try_enum(PermissionOverwriteType, int(payload["type"])),
        allow=Permissions(int(payload.get("allow", 0))),
        deny=Permissions(int(payload.get("deny", 0))),
    )


def encode_permission_overwrite(overwrite: PermissionOverwrite) -> JSONObject:
    """An overwrite exactly as Discord takes it (`allow`/`deny` as strings)."""
    return {
        "id": str(overwrite.id),
        "type": int(overwrite.type),
        "allow": str(int(overwrite.allow)),
        "deny": str(int(overwrite.deny)),
    }


def decode_forum_tag(payload: JSONObject, app: RESTAware | None = None) -> ForumTag:
    """A forum/media tag."""
    return ForumTag(
        id=opt_snowflake(payload.get("id")),
        name=payload["name"],
        moderated=payload.get("moderated", False),
        emoji_id=opt_snowflake(payload.get("emoji_id")),
        emoji_name=payload.get("emoji_name"),
    )


def encode_forum_tag(tag: ForumTag) -> JSONObject:
    """A forum tag exactly as Discord takes it (no `id` for a new tag)."""
    out: JSONObject = {
        "name": tag.name,
        "moderated": tag.moderated,
        "emoji_id": _sf(tag.emoji_id),
        "emoji_name": tag.emoji_name,
    }
    if tag.id is not None:
        out["id"] = str(tag.id)
    return out


def decode_partial_channel(payload: JSONObject, app: RESTAware | None = None) -> PartialChannel:
    """A channel's ID, name and type (mentions, invites, resolved data)."""
    return PartialChannel(
        id=Snowflake(payload["id"]),
        app=app,
        name=payload.get("name"),
        type=try_enum(ChannelType, payload.get("type", 0)),
    )


def _guild_base(
    payload: JSONObject, app: RESTAware | None, guild_id: Snowflake | None
) -> dict[str, typing.Any]:
    raw_overwrites = payload.get("permission_overwrites", ())
    overwrites = {}
    for raw in raw_overwrites:
        ow = decode_permission_overwrite(raw)
        overwrites[ow.id] = ow
    return {
        "id": Snowflake(payload["id"]),
        "app": app,
        "name": payload.get("name"),
        "type": try_enum(ChannelType, payload["type"]),
        "guild_id": guild_id if guild_id is not None else Snowflake(payload["guild_id"]),
        "parent_id": opt_snowflake(payload.get("parent_id")),
        "position": payload.get("position", 0),
        "flags": ChannelFlag(payload.get("flags", 0)),
        "application_id": opt_snowflake(payload.get("application_id")),
        "is_nsfw": payload.get("nsfw", False),
        "permission_overwrites": overwrites,
    }


def _text_like(payload: JSONObject, base: dict[str, typing.Any]) -> dict[str, typing.Any]:
    base["topic"] = payload.get("topic")
    base["last_message_id"] = opt_snowflake(payload.get("last_message_id"))
    base["last_pin_timestamp"] = _opt_iso(payload.get("last_pin_timestamp"))
    base["rate_limit_per_user"] = payload.get("rate_limit_per_user", 0)
    base["default_auto_archive_duration"] = payload.get("default_auto_archive_duration", 1440)
    base["default_thread_rate_limit_per_user"] = payload.get(
        "default_thread_rate_limit_per_user", 0
    )
    return base


def _voice_like(payload: JSONObject, base: dict[str, typing.Any]) -> dict[str, typing.Any]:
    base["bitrate"] = payload.get("bitrate", 64000)
    base["user_limit"] = payload.get("user_limit", 0)
    base["region"] = payload.get("rtc_region")
    base["video_quality_mode"] = try_enum(VideoQualityMode, payload.get("video_quality_mode", 1))
    base["last_message_id"] = opt_snowflake(payload.get("last_message_id"))
    base["rate_limit_per_user"] = payload.get("rate_limit_per_user", 0)
    return base


def _thread_host(payload: JSONObject, base: dict[str, typing.Any]) -> dict[str, typing.Any]:
    reaction = payload.get("default_reaction_emoji") or {}
    sort_order = payload.get("default_sort_order")
    base["topic"] = payload.get("topic")
    base["last_thread_id"] = opt_snowflake(payload.get("last_message_id"))
    base["rate_limit_per_user"] = payload.get("rate_limit_per_user", 0)
    base["default_thread_rate_limit_per_user"] = payload.get(
        "default_thread_rate_limit_per_user", 0
    )
    base["default_auto_archive_duration"] = payload.get("default_auto_archive_duration", 1440)
    base["available_tags"] = tuple(decode_forum_tag(t) for t in payload.get("available_tags", ()))
    base["default_reaction_emoji_id"] = opt_snowflake(reaction.get("emoji_id"))
    base["default_reaction_emoji_name"] = reaction.get("emoji_name")
    base["default_sort_order"] = (
        try_enum(ForumSortOrderType, sort_order) if sort_order is not None else None
    )
    base["default_layout"] = try_enum(ForumLayoutType, payload.get("default_forum_layout", 0))
    return base


def _decode_text(p: JSONObject, app: RESTAware | None, g: Snowflake | None) -> GuildChannel:
    return GuildTextChannel(**_text_like(p, _guild_base(p, app, g)))


def _decode_news(p: JSONObject, app: RESTAware | None, g: Snowflake | None) -> GuildChannel:
    return GuildNewsChannel(**_text_like(p, _guild_base(p, app, g)))


def _decode_voice(p: JSONObject, app: RESTAware | None, g: Snowflake | None) -> GuildChannel:
    return GuildVoiceChannel(**_voice_like(p, _guild_base(p, app, g)))


def _decode_stage(p: JSONObject, app: RESTAware | None, g: Snowflake | None) -> GuildChannel:
    base = _voice_like(p, _guild_base(p, app, g))
    base["topic"] = p.get("topic")
    return GuildStageChannel(**base)


def _decode_category(p: JSONObject, app: RESTAware | None, g: Snowflake | None) -> GuildChannel:
    return GuildCategory(**_guild_base(p, app, g))


def _decode_forum(p: JSONObject, app: RESTAware | None, g: Snowflake | None) -> GuildChannel:
    return GuildForumChannel(**_thread_host(p, _guild_base(p, app, g)))


def _decode_media(p: JSONObject, app: RESTAware | None, g: Snowflake | None) -> GuildChannel:
    return GuildMediaChannel(**_thread_host(p, _guild_base(p, app, g)))


def _decode_unknown_guild(
    p: JSONObject, app: RESTAware | None, g: Snowflake | None
) -> GuildChannel:
    base = _guild_base(p, app, g)
    return PermissibleGuildChannel(**base)


_GUILD_DECODERS: dict[
    int, Callable[[JSONObject, RESTAware | None, Snowflake | None], GuildChannel]
] = {
    0: _decode_text,
    2: _decode_voice,
    4: _decode_category,
    5: _decode_news,
    10: decode_thread,
    11: decode_thread,
    12: decode_thread,
    13: _decode_stage,
    14: _decode_unknown_guild,
    15: _decode_forum,
    16: _decode_media,
}


def _decode_dm(payload: JSONObject, app: RESTAware | None) -> DMChannel:
    recipients = payload.get("recipients") or ()
    return DMChannel(
        id=Snowflake(payload["id"]),
        app=app,
        name=payload.get("name"),
        type=ChannelType.DM,
        last_message_id=opt_snowflake(payload.get("last_message_id")),
        last_pin_timestamp=_opt_iso(payload.get("last_pin_timestamp")),
        recipient=decode_user(recipients[0], app) if recipients else None,
    )


def _decode_group_dm(payload: JSONObject, app: RESTAware | None) -> GroupDMChannel:
    recipients = {}
    for raw in payload.get("recipients") or ():
        user = decode_user(raw, app)
        recipients[user.id] = user
    return GroupDMChannel(
        id=Snowflake(payload["id"]),
        app=app,
        name=payload.get("name"),
        type=ChannelType.GROUP_DM,
        last_message_id=opt_snowflake(payload.get("last_message_id")),
        last_pin_timestamp=_opt_iso(payload.get("last_pin_timestamp")),
        owner_id=opt_snowflake(payload.get("owner_id")),
        icon_hash=payload.get("icon"),
        application_id=opt_snowflake(payload.get("application_id")),
        recipients=recipients,
        is_managed=payload.get("managed", False),
    )


def decode_channel(
    payload: JSONObject, app: RESTAware | None = None, guild_id: Snowflake | None = None
) -> PartialChannel:
    """Any channel, by `type`. Guild channels need `guild_id` (argument or payload)."""
    raw_type = payload["type"]
    if raw_type == 1:
        return _decode_dm(payload, app)
    if raw_type == 3:
        return _decode_group_dm(payload, app)
    decoder = _GUILD_DECODERS.get(raw_type)
    if decoder is not None:
        return decoder(payload, app, guild_id)
    if guild_id is not None or "guild_id" in payload:
        return _decode_unknown_guild(payload, app, guild_id)
    return decode_partial_channel(payload, app)


def decode_guild_channel(
    payload: JSONObject, app: RESTAware | None = None, guild_id: Snowflake | None = None
) -> GuildChannel:
    """A guild channel (DM types are rejected with `TypeError`)."""
    channel = decode_channel(payload, app, guild_id)
    if not isinstance(channel, GuildChannel):
        msg = f"channel {payload.get('id')} of type {payload.get('type')} is not a guild channel"
        raise TypeError(msg)
    return channel


def encode_channel(channel: PartialChannel) -> JSONObject:
    """A channel as Discord sends it (only the fields its class holds)."""
    if isinstance(channel, GuildThreadChannel):
        return encode_thread(channel)
    out: JSONObject = {"id": str(channel.id), "type": int(channel.type), "name": channel.name}
    if isinstance(channel, PrivateChannel):
        out["last_message_id"] = _sf(channel.last_message_id)
        out["last_pin_timestamp"] = _iso(channel.last_pin_timestamp)
        if isinstance(channel, DMChannel):
            out["recipients"] = (
                [encode_user(channel.recipient)] if channel.recipient is not None else []
            )
        elif isinstance(channel, GroupDMChannel):
            out["recipients"] = [encode_user(u) for u in channel.recipients.values()]
            out["owner_id"] = _sf(channel.owner_id)
            out["icon"] = channel.icon_hash
            out["application_id"] = _sf(channel.application_id)
            out["managed"] = channel.is_managed
        return out
    if not isinstance(channel, GuildChannel):
        return out
    out["guild_id"] = str(channel.guild_id)
    out["parent_id"] = _sf(channel.parent_id)
    out["position"] = channel.position
    out["flags"] = int(channel.flags)
    if channel.application_id is not None:
        out["application_id"] = str(channel.application_id)
    if isinstance(channel, PermissibleGuildChannel):
        out["nsfw"] = channel.is_nsfw
        out["permission_overwrites"] = [
            encode_permission_overwrite(o) for o in channel.permission_overwrites.values()
        ]
    if isinstance(channel, GuildTextChannel | GuildNewsChannel):
        out["topic"] = channel.topic
        out["last_message_id"] = _sf(channel.last_message_id)
        out["last_pin_timestamp"] = _iso(channel.last_pin_timestamp)
        out["rate_limit_per_user"] = channel.rate_limit_per_user
        out["default_auto_archive_duration"] = channel.default_auto_archive_duration
        out["default_thread_rate_limit_per_user"] = channel.default_thread_rate_limit_per_user
    elif isinstance(channel, GuildVoiceChannel | GuildStageChannel):
        out["bitrate"] = channel.bitrate
        out["user_limit"] = channel.user_limit
        out["rtc_region"] = channel.region
        out["video_quality_mode"] = int(channel.video_quality_mode)
        out["last_message_id"] = _sf(channel.last_message_id)
        out["rate_limit_per_user"] = channel.rate_limit_per_user
        if isinstance(channel, GuildStageChannel):
            out["topic"] = channel.topic
    elif isinstance(channel, GuildThreadHostChannel):
        out["topic"] = channel.topic
        out["last_message_id"] = _sf(channel.last_thread_id)
        out["rate_limit_per_user"] = channel.rate_limit_per_user
        out["default_thread_rate_limit_per_user"] = channel.default_thread_rate_limit_per_user
        out["default_auto_archive_duration"] = channel.default_auto_archive_duration
        out["available_tags"] = [encode_forum_tag(t) for t in channel.available_tags]
        if (
            channel.default_reaction_emoji_id is not None
            or channel.default_reaction_emoji_name is not None
        ):
            out["default_reaction_emoji"] = {
                "emoji_id": _sf(channel.default_reaction_emoji_id),
                "emoji_name": channel.default_reaction_emoji_name,
            }
        else:
            out["default_reaction_emoji"] = None
        out["default_sort_order"] = (
            int(channel.default_sort_order) if channel.default_sort_order is not None else None
        )
        out["default_forum_layout"] = int(channel.default_layout)
    return out


register(PartialChannel, decode=decode_channel, encode=encode_channel)
register(GuildChannel, decode=decode_guild_channel, encode=encode_channel)
for _cls in (
    PermissibleGuildChannel,
    GuildTextChannel,
    GuildNewsChannel,
    GuildVoiceChannel,
    GuildStageChannel,
    GuildCategory,
    GuildForumChannel,
    GuildMediaChannel,
):
    register(_cls, decode=decode_guild_channel)
register(DMChannel, decode=lambda p, app: _decode_dm(p, app))
register(GroupDMChannel, decode=lambda p, app: _decode_group_dm(p, app))
register(
    PermissionOverwrite, decode=decode_permission_overwrite, encode=encode_permission_overwrite
)
register(ForumTag, decode=decode_forum_tag, encode=encode_forum_tag)
