"""Emojis ↔ JSON."""

from __future__ import annotations

import typing

from anycord.models.emojis import ApplicationEmoji, CustomEmoji, KnownCustomEmoji, UnicodeEmoji
from anycord.serde._core import JSONObject, register
from anycord.serde.users import decode_user, encode_user
from anycord.snowflakes import Snowflake

if typing.TYPE_CHECKING:
    from anycord.traits import RESTAware

__all__ = [
    "decode_application_emoji",
    "decode_custom_emoji",
    "decode_emoji",
    "decode_known_custom_emoji",
    "decode_unicode_emoji",
    "encode_emoji",
    "encode_known_custom_emoji",
]


def decode_emoji(payload: JSONObject, app: RESTAware | None = None) -> UnicodeEmoji | CustomEmoji:
    """A reaction-style emoji: custom when it has an `id`, Unicode otherwise."""
    emoji_id = payload.get("id")
    if emoji_id is None:
        return UnicodeEmoji(name=payload["name"])
    return CustomEmoji(
        id=Snowflake(emoji_id), name=payload.get("name"), is_animated=payload.get("animated", False)
    )


def decode_unicode_emoji(payload: JSONObject, app: RESTAware | None = None) -> UnicodeEmoji:
    """A Unicode emoji (`{"id": null, "name": "🔥"}`)."""
    return UnicodeEmoji(name=payload["name"])


def decode_custom_emoji(payload: JSONObject, app: RESTAware | None = None) -> CustomEmoji:
    """A custom emoji as reactions carry it."""
    return CustomEmoji(
        id=Snowflake(payload["id"]),
        name=payload.get("name"),
        is_animated=payload.get("animated", False),
    )


def decode_known_custom_emoji(
    payload: JSONObject, app: RESTAware | None = None, guild_id: Snowflake | None = None
) -> KnownCustomEmoji:
    """A guild's emoji with all its details."""
    user = payload.get("user")
    raw_guild = payload.get("guild_id")
    if guild_id is None and raw_guild is not None:
        guild_id = Snowflake(raw_guild)
    return KnownCustomEmoji(
        id=Snowflake(payload["id"]),
        app=app,
        name=payload.get("name"),
        is_animated=payload.get("animated", False),
        guild_id=guild_id,
        role_ids=tuple(map(Snowflake, payload.get("roles", ()))),
        user=decode_user(user, app) if user is not None else None,
        is_colons_required=payload.get("require_colons", True),
        is_managed=payload.get("managed", False),
        is_available=payload.get("available", True),
    )


def decode_application_emoji(payload: JSONObject, app: RESTAware | None = None) -> ApplicationEmoji:
    """An application's emoji."""
    user = payload.get("user")
    return ApplicationEmoji(
        id=Snowflake(payload["id"]),
        app=app,
        name=payload.get("name"),
        is_animated=payload.get("animated", False),
        user=decode_user(user, app) if user is not None else None,
        is_colons_required=payload.get("require_colons", True),
        is_managed=payload.get("managed", False),
        is_available=payload.get("available", True),
    )


def encode_emoji(emoji: UnicodeEmoji | CustomEmoji) -> JSONObject:
    """An emoji as reactions and components take it (`{"id", "name", "animated"}`)."""
    if isinstance(emoji, UnicodeEmoji):
        return {"id": None, "name": emoji.name}
    return {"id": str(emoji.id), "name": emoji.name, "animated": emoji.is_animated}


def encode_known_custom_emoji(emoji: KnownCustomEmoji | ApplicationEmoji) -> JSONObject:
    """A guild or application emoji as Discord sends it."""
    out = encode_emoji(emoji)
    out["require_colons"] = emoji.is_colons_required
    out["managed"] = emoji.is_managed
    out["available"] = emoji.is_available
    if emoji.user is not None:
        out["user"] = encode_user(emoji.user)
    if isinstance(emoji, KnownCustomEmoji):
        out["roles"] = [str(r) for r in emoji.role_ids]
        if emoji.guild_id is not None:
            out["guild_id"] = str(emoji.guild_id)
    return out


register(UnicodeEmoji, decode=decode_unicode_emoji, encode=encode_emoji)
register(CustomEmoji, decode=decode_custom_emoji, encode=encode_emoji)
register(KnownCustomEmoji, decode=decode_known_custom_emoji, encode=encode_known_custom_emoji)
register(ApplicationEmoji, decode=decode_application_emoji, encode=encode_known_custom_emoji)
