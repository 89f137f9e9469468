"""What guild methods send: the fields of Modify Guild (resources/guild.mdx) and the
conversions from hikari-style arguments (intervals, images, forum tags, channels) to the
values `RESTClient` takes."""

from __future__ import annotations

import datetime
import typing

from anycord import files
from anycord.models.channels import ForumTag, PartialChannel
from anycord.models.emojis import CustomEmoji, Emoji
from anycord.snowflakes import to_snowflake
from anycord.undefined import UNDEFINED

if typing.TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from anycord.files import Resourceish
    from anycord.snowflakes import Snowflake, Snowflakeish, SnowflakeishOr
    from anycord.undefined import UndefinedNoneOr, UndefinedOr

__all__ = [
    "GuildEditFields",
    "expect_channel",
    "forum_tags",
    "guild_edit_fields",
    "reaction_emoji",
    "seconds",
]

_C = typing.TypeVar("_C", bound=PartialChannel)


class GuildEditFields(typing.TypedDict, total=False):
    """`edit_guild`'s other fields, by their JSON names in Modify Guild (resources/guild.mdx).

    Values go into the body as given: IDs, images as data URIs (`anycord.files.to_data_uri`),
    enums as their integers; `None` clears a field.
    """

    description: UndefinedNoneOr[str]
    region: UndefinedNoneOr[str]
    icon: UndefinedNoneOr[str]
    splash: UndefinedNoneOr[str]
    discovery_splash: UndefinedNoneOr[str]
    banner: UndefinedNoneOr[str]
    home_header: UndefinedNoneOr[str]
    owner_id: UndefinedOr[Snowflakeish]
    verification_level: UndefinedNoneOr[int]
    default_message_notifications: UndefinedNoneOr[int]
    explicit_content_filter: UndefinedNoneOr[int]
    preferred_locale: UndefinedNoneOr[str]
    afk_timeout: UndefinedNoneOr[int]
    afk_channel_id: UndefinedNoneOr[Snowflakeish]
    system_channel_id: UndefinedNoneOr[Snowflakeish]
    system_channel_flags: UndefinedNoneOr[int]
    rules_channel_id: UndefinedNoneOr[Snowflakeish]
    public_updates_channel_id: UndefinedNoneOr[Snowflakeish]
    safety_alerts_channel_id: UndefinedNoneOr[Snowflakeish]
    features: UndefinedNoneOr[Sequence[str]]
    premium_progress_bar_enabled: UndefinedNoneOr[bool]


def seconds(value: UndefinedOr[float | datetime.timedelta]) -> UndefinedOr[int]:
    """An interval (seconds or a `timedelta`, as hikari's `Intervalish`) in whole seconds."""
    if value is UNDEFINED:
        return UNDEFINED
    if isinstance(value, datetime.timedelta):
        return int(value.total_seconds())
    return int(value)


def _id(value: UndefinedNoneOr[SnowflakeishOr]) -> UndefinedNoneOr[Snowflake]:
    return value if value is UNDEFINED or value is None else to_snowflake(value)


async def _image(value: UndefinedNoneOr[Resourceish]) -> UndefinedNoneOr[str]:
    return value if value is UNDEFINED or value is None else await files.to_data_uri(value)


async def guild_edit_fields(
    *,
    verification_level: UndefinedOr[int] = UNDEFINED,
    default_message_notifications: UndefinedOr[int] = UNDEFINED,
    explicit_content_filter_level: UndefinedOr[int] = UNDEFINED,
    afk_channel: UndefinedOr[SnowflakeishOr] = UNDEFINED,
    afk_timeout: UndefinedOr[float | datetime.timedelta] = UNDEFINED,
    icon: UndefinedNoneOr[Resourceish] = UNDEFINED,
    owner: UndefinedOr[SnowflakeishOr] = UNDEFINED,
    splash: UndefinedNoneOr[Resourceish] = UNDEFINED,
    banner: UndefinedNoneOr[Resourceish] = UNDEFINED,
    system_channel: UndefinedNoneOr[SnowflakeishOr] = UNDEFINED,
    rules_channel: UndefinedNoneOr[SnowflakeishOr] = UNDEFINED,
    public_updates_channel: UndefinedNoneOr[SnowflakeishOr] = UNDEFINED,
    preferred_locale: UndefinedOr[str] = UNDEFINED,
    features: UndefinedOr[Sequence[str]] = UNDEFINED,
) -> GuildEditFields:
    """hikari's `Guild.edit` keywords as Modify Guild fields (images read into data URIs)."""
    fields: GuildEditFields = {
        "verification_level": verification_level,
        "default_message_notifications": default_message_notifications,
        "explicit_content_filter": explicit_content_filter_level,
        "afk_channel_id": _id(afk_channel),
        "afk_timeout": seconds(afk_timeout),
        "icon": await _image(icon),
        "owner_id": owner if owner is UNDEFINED else to_snowflake(owner),
        "splash": await _image(splash),
        "banner": await _image(banner),
        "system_channel_id": _id(system_channel),
        "rules_channel_id": _id(rules_channel),
        "public_updates_channel_id": _id(public_updates_channel),
        "preferred_locale": preferred_locale,
        "features": features if features is UNDEFINED else [str(f) for f in features],
    }
    return typing.cast("GuildEditFields", {k: v for k, v in fields.items() if v is not UNDEFINED})


def forum_tags(
    tags: UndefinedOr[Sequence[ForumTag | Mapping[str, typing.Any]]],
) -> UndefinedOr[list[Mapping[str, typing.Any]]]:
    """Forum tags as Discord's tag objects (`ForumTag`s or mappings already in that shape)."""
    if tags is UNDEFINED:
        return UNDEFINED
    out: list[Mapping[str, typing.Any]] = []
    for tag in tags:
        if not isinstance(tag, ForumTag):
            out.append(tag)
            continue
        body: dict[str, typing.Any] = {"name": tag.name, "moderated": tag.moderated}
        if tag.id is not None:
            body["id"] = str(tag.id)
        if tag.emoji_id is not None:
            body["emoji_id"] = str(tag.emoji_id)
        if tag.emoji_name is not None:
            body["emoji_name"] = tag.emoji_name
        out.append(body)
    return out


def reaction_emoji(
    emoji: UndefinedNoneOr[str | Emoji | Snowflakeish | Mapping[str, typing.Any]],
) -> UndefinedNoneOr[Mapping[str, typing.Any]]:
    """A forum's default reaction: a Unicode string, a custom emoji (or its ID), or the
    `{"emoji_id"|"emoji_name": …}` object itself."""
    if emoji is UNDEFINED or emoji is None:
        return emoji
    if isinstance(emoji, CustomEmoji):
        return {"emoji_id": str(emoji.id)}
    if isinstance(emoji, Emoji):
        return {"emoji_name": emoji.url_name}
    if isinstance(emoji, str):
        return {"emoji_name": emoji}
    if isinstance(emoji, int):
        return {"emoji_id": str(emoji)}
    return emoji


def expect_channel(channel: PartialChannel, kind: type[_C]) -> _C:
    """`channel` as `kind`, or a `TypeError` naming what Discord answered instead."""
    if not isinstance(channel, kind):
        msg = f"expected a {kind.__name__}, Discord answered a {type(channel).__name__}"
        raise TypeError(msg)
    return channel
