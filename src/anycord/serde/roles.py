"""Roles ↔ JSON."""

from __future__ import annotations

import typing

from anycord.colors import Color
from anycord.models.roles import PartialRole, Role, RoleColors, RoleFlag, RoleTags
from anycord.permissions import Permissions
from anycord.serde._core import JSONObject, register
from anycord.snowflakes import Snowflake

if typing.TYPE_CHECKING:
    from anycord.traits import RESTAware

__all__ = [
    "decode_partial_role",
    "decode_role",
    "decode_role_tags",
    "encode_role",
    "encode_role_tags",
]


def decode_role_tags(payload: JSONObject) -> RoleTags:
    """Role tags; the boolean tags are `True` when their key is present (Discord sends `null`)."""
    bot_id = payload.get("bot_id")
    integration_id = payload.get("integration_id")
    listing_id = payload.get("subscription_listing_id")
    return RoleTags(
        bot_id=Snowflake(bot_id) if bot_id is not None else None,
        integration_id=Snowflake(integration_id) if integration_id is not None else None,
        subscription_listing_id=Snowflake(listing_id) if listing_id is not None else None,
        is_premium_subscriber="premium_subscriber" in payload,
        is_available_for_purchase="available_for_purchase" in payload,
        is_guild_linked="guild_connections" in payload,
    )


def encode_role_tags(tags: RoleTags) -> JSONObject:
    """Role tags as Discord sends them."""
    out: JSONObject = {}
    if tags.bot_id is not None:
        out["bot_id"] = str(tags.bot_id)
    if tags.integration_id is not None:
        out["integration_id"] = str(tags.integration_id)
    if tags.subscription_listing_id is not None:
        out["subscription_listing_id"] = str(tags.subscription_listing_id)
    if tags.is_premium_subscriber:
        out["premium_subscriber"] = None
    if tags.is_available_for_purchase:
        out["available_for_purchase"] = None
    if tags.is_guild_linked:
        out["guild_connections"] = None
    return out


def _flag(value: int) -> RoleFlag:
    member = RoleFlag._value2member_map_.get(value)
    return member if member is not None else RoleFlag(value)  # type: ignore[return-value]


def decode_role(
    payload: JSONObject, app: RESTAware | None = None, guild_id: Snowflake | None = None
) -> Role:
    """A role. `guild_id` comes from the argument, else from the payload (role events)."""
    if guild_id is None:
        guild_id = Snowflake(payload["guild_id"])
    colors_payload = payload.get("colors")
    colors = None
    if colors_payload is not None:
        secondary = colors_payload.get("secondary_color")
        tertiary = colors_payload.get("tertiary_color")
        colors = RoleColors(
            primary=Color(colors_payload.get("primary_color", 0)),
            secondary=Color(secondary) if secondary is not None else None,
            tertiary=Color(tertiary) if tertiary is not None else None,
        )
    tags = payload.get("tags")
    return Role(
        id=Snowflake(payload["id"]),
        app=app,
        guild_id=guild_id,
        name=payload["name"],
        color=Color(payload.get("color", 0)),
        colors=colors,
        is_hoisted=payload.get("hoist", False),
        icon_hash=payload.get("icon"),
        unicode_emoji=payload.get("unicode_emoji"),
        position=payload.get("position", 0),
        permissions=Permissions(int(payload.get("permissions", 0))),
        is_managed=payload.get("managed", False),
        is_mentionable=payload.get("mentionable", False),
        tags=decode_role_tags(tags) if tags is not None else None,
        flags=_flag(payload.get("flags", 0)),
    )


def encode_role(role: Role) -> JSONObject:
    """A role as Discord sends it (plus `guild_id`, as role events carry it)."""
    out: JSONObject = {
        "id": str(role.id),
        "guild_id": str(role.guild_id),
        "name": role.name,
        "color": int(role.color),
        "hoist": role.is_hoisted,
        "icon": role.icon_hash,
        "unicode_emoji": role.unicode_emoji,
        "position": role.position,
        "permissions": str(int(role.permissions)),
        "managed": role.is_managed,
        "mentionable": role.is_mentionable,
        "flags": int(role.flags),
    }
    if role.colors is not None:
        c = role.colors
        out["colors"] = {
            "primary_color": int(c.primary),
            "secondary_color": int(c.secondary) if c.secondary is not None else None,
            "tertiary_color": int(c.tertiary) if c.tertiary is not None else None,
        }
    if role.tags is not None:
        out["tags"] = encode_role_tags(role.tags)
    return out


def decode_partial_role(payload: JSONObject, app: RESTAware | None = None) -> PartialRole:
    """A role of which only ID and name are used."""
    return PartialRole(id=Snowflake(payload["id"]), app=app, name=payload["name"])


def encode_partial_role(role: PartialRole) -> JSONObject:
    """`{"id", "name"}`."""
    return {"id": str(role.id), "name": role.name}


register(Role, decode=decode_role, encode=encode_role)
register(PartialRole, decode=decode_partial_role, encode=encode_partial_role)
register(RoleTags, decode=lambda p, _app: decode_role_tags(p), encode=encode_role_tags)
