"""Users ↔ JSON."""

from __future__ import annotations

import typing

from anycord.colors import Color
from anycord.enums import try_enum
from anycord.models.users import (
    OwnUser,
    PartialUser,
    PremiumType,
    PrimaryGuild,
    User,
    UserFlag,
    build_user,
    user_shape,
)
from anycord.serde._core import JSONObject, put, register
from anycord.snowflakes import Snowflake
from anycord.undefined import UNDEFINED, UndefinedOr

if typing.TYPE_CHECKING:
    from anycord.traits import RESTAware

__all__ = ["decode_own_user", "decode_partial_user", "decode_user", "encode_user"]


_DISCRIMINATORS: dict[str, str] = {"0": "0", "0000": "0000"}


def decode_user(payload: JSONObject, app: RESTAware | None = None) -> User:
    """A user object.

    Hot path (every member of every guild, every message author): builds the user from its
    slots without `__init__`, and users without banner/accent/decoration share one interned
    `UserShape` per (app, discriminator, bot, system, flags).
    """
    get = payload.get
    accent = get("accent_color")
    discriminator: str = get("discriminator") or "0"
    return build_user(
        Snowflake(payload["id"]),
        payload["username"],
        get("global_name"),
        get("avatar"),
        user_shape(
            app,
            _DISCRIMINATORS.get(discriminator, discriminator),
            get("bot", False),
            get("system", False),
            get("public_flags") or 0,
            get("banner"),
            None if accent is None else Color(accent),
            get("avatar_decoration_data"),
            None if (tag := get("primary_guild")) is None else _primary_guild(tag),
        ),
    )


def _primary_guild(payload: JSONObject | None) -> PrimaryGuild | None:
    if payload is None:
        return None
    guild_id = payload.get("identity_guild_id")
    return PrimaryGuild(
        identity_guild_id=None if guild_id is None else Snowflake(guild_id),
        identity_enabled=payload.get("identity_enabled"),
        tag=payload.get("tag"),
        badge_hash=payload.get("badge"),
    )


def _encode_primary_guild(guild: PrimaryGuild) -> JSONObject:
    guild_id = guild.identity_guild_id
    return {
        "identity_guild_id": None if guild_id is None else str(guild_id),
        "identity_enabled": guild.identity_enabled,
        "tag": guild.tag,
        "badge": guild.badge_hash,
    }


def decode_own_user(payload: JSONObject, app: RESTAware | None = None) -> OwnUser:
    """The bot's own user (`GET /users/@me`, READY)."""
    accent = payload.get("accent_color")
    return OwnUser(
        id=Snowflake(payload["id"]),
        app=app,
        username=payload["username"],
        discriminator=payload.get("discriminator", "0"),
        global_name=payload.get("global_name"),
        avatar_hash=payload.get("avatar"),
        banner_hash=payload.get("banner"),
        accent_color=Color(accent) if accent is not None else None,
        is_bot=payload.get("bot", False),
        is_system=payload.get("system", False),
        flags=UserFlag(int(payload.get("public_flags", payload.get("flags", 0)) or 0)),
        avatar_decoration=payload.get("avatar_decoration_data"),
        primary_guild=_primary_guild(payload.get("primary_guild")),
        is_mfa_enabled=payload.get("mfa_enabled", False),
        locale=payload.get("locale"),
        is_verified=payload.get("verified"),
        email=payload.get("email"),
        premium_type=try_enum(PremiumType, payload.get("premium_type", 0)),
    )


def decode_partial_user(payload: JSONObject, app: RESTAware | None = None) -> PartialUser:
    """A partial user (as in USER_UPDATE-like partial payloads)."""
    return PartialUser(
        id=Snowflake(payload["id"]),
        app=app,
        username=payload.get("username", UNDEFINED),
        discriminator=payload.get("discriminator", UNDEFINED),
        global_name=payload.get("global_name", UNDEFINED),
        avatar_hash=payload.get("avatar", UNDEFINED),
        is_bot=payload.get("bot", UNDEFINED),
        is_system=payload.get("system", UNDEFINED),
        banner_hash=payload.get("banner", UNDEFINED),
        accent_color=_opt_color(payload.get("accent_color", UNDEFINED)),
        flags=_opt_flags(payload.get("public_flags", UNDEFINED)),
        avatar_decoration=payload.get("avatar_decoration_data", UNDEFINED),
        primary_guild=(
            UNDEFINED
            if "primary_guild" not in payload
            else _primary_guild(payload["primary_guild"])
        ),
    )


def _opt_color(value: typing.Any) -> UndefinedOr[Color | None]:  # noqa: ANN401 (raw JSON)
    return value if value is UNDEFINED or value is None else Color(value)


def _opt_flags(value: typing.Any) -> UndefinedOr[UserFlag]:  # noqa: ANN401 (raw JSON)
    return value if value is UNDEFINED else UserFlag(int(value or 0))


def encode_user(user: User) -> JSONObject:
    """A user (or own user) as Discord sends it."""
    out: JSONObject = {
        "id": str(user.id),
        "username": user.username,
        "discriminator": user.discriminator,
        "global_name": user.global_name,
        "avatar": user.avatar_hash,
        "banner": user.banner_hash,
        "accent_color": int(user.accent_color) if user.accent_color is not None else None,
        "bot": user.is_bot,
        "system": user.is_system,
        "public_flags": int(user.flags),
        "avatar_decoration_data": user.avatar_decoration,
    }
    if user.primary_guild is not None:
        out["primary_guild"] = _encode_primary_guild(user.primary_guild)
    if isinstance(user, OwnUser):
        out["mfa_enabled"] = user.is_mfa_enabled
        out["locale"] = user.locale
        out["verified"] = user.is_verified
        out["email"] = user.email
        out["premium_type"] = int(user.premium_type)
    return out


def encode_partial_user(user: PartialUser) -> JSONObject:
    """A partial user: only the known fields."""
    out: JSONObject = {"id": str(user.id)}
    put(out, "username", user.username)
    put(out, "discriminator", user.discriminator)
    put(out, "global_name", user.global_name)
    put(out, "avatar", user.avatar_hash)
    put(out, "bot", user.is_bot)
    put(out, "system", user.is_system)
    put(out, "banner", user.banner_hash)
    put(out, "accent_color", user.accent_color, int)
    put(out, "public_flags", user.flags, int)
    put(out, "avatar_decoration_data", user.avatar_decoration)
    put(out, "primary_guild", user.primary_guild, _encode_primary_guild)
    return out


register(User, decode=decode_user, encode=encode_user)
register(OwnUser, decode=decode_own_user, encode=encode_user)
register(PartialUser, decode=decode_partial_user, encode=encode_partial_user)
