"""Invites ↔ JSON."""

from __future__ import annotations

import datetime
import typing

from anycord.enums import try_enum
from anycord.models.guild_enums import GuildFeature, GuildNSFWLevel, GuildVerificationLevel
from anycord.models.invites import (
    Invite,
    InviteFlag,
    InviteGuild,
    InviteType,
    InviteWithMetadata,
    TargetType,
)
from anycord.serde._core import JSONObject, opt_snowflake, register
from anycord.serde.channels import decode_partial_channel
from anycord.serde.guilds import decode_welcome_screen, encode_welcome_screen
from anycord.serde.roles import decode_partial_role, encode_partial_role
from anycord.serde.scheduled_events import decode_scheduled_event, encode_scheduled_event
from anycord.serde.users import decode_user, encode_user
from anycord.snowflakes import Snowflake

if typing.TYPE_CHECKING:
    from anycord.traits import RESTAware

__all__ = ["decode_invite", "decode_invite_with_metadata", "encode_invite"]


def _opt_iso(value: str | None) -> datetime.datetime | None:
    return datetime.datetime.fromisoformat(value) if value is not None else None


def _invite_fields(payload: JSONObject, app: RESTAware | None) -> dict[str, typing.Any]:
    guild_payload = payload.get("guild")
    guild = None
    if guild_payload is not None:
        welcome = guild_payload.get("welcome_screen")
        guild = InviteGuild(
            id=Snowflake(guild_payload["id"]),
            app=app,
            name=guild_payload["name"],
            icon_hash=guild_payload.get("icon"),
            features=tuple(try_enum(GuildFeature, f) for f in guild_payload.get("features", ())),
            splash_hash=guild_payload.get("splash"),
            banner_hash=guild_payload.get("banner"),
            description=guild_payload.get("description"),
            verification_level=try_enum(
                GuildVerificationLevel, guild_payload.get("verification_level") or 0
            ),
            vanity_url_code=guild_payload.get("vanity_url_code"),
            welcome_screen=decode_welcome_screen(welcome) if welcome is not None else None,
            nsfw_level=try_enum(GuildNSFWLevel, guild_payload.get("nsfw_level") or 0),
            premium_subscription_count=guild_payload.get("premium_subscription_count"),
        )
    channel_payload = payload.get("channel")
    channel = decode_partial_channel(channel_payload, app) if channel_payload is not None else None
    inviter = payload.get("inviter")
    target_user = payload.get("target_user")
    target_type = payload.get("target_type")
    event = payload.get("guild_scheduled_event")
    roles = [decode_partial_role(r, app) for r in payload.get("roles") or ()]
    role_ids = payload.get("role_ids")
    return {
        "app": app,
        "code": payload["code"],
        "type": try_enum(InviteType, payload.get("type", 0)),
        "guild": guild,
        "guild_id": guild.id if guild is not None else opt_snowflake(payload.get("guild_id")),
        "channel": channel,
        "channel_id": channel.id
        if channel is not None
        else opt_snowflake(payload.get("channel_id")),
        "inviter": decode_user(inviter, app) if inviter is not None else None,
        "target_type": try_enum(TargetType, target_type) if target_type is not None else None,
        "target_user": decode_user(target_user, app) if target_user is not None else None,
        "target_application": payload.get("target_application"),
        "approximate_member_count": payload.get("approximate_member_count"),
        "approximate_active_member_count": payload.get("approximate_presence_count"),
        "expires_at": _opt_iso(payload.get("expires_at")),
        "flags": InviteFlag(payload.get("flags", 0)),
        "guild_scheduled_event": decode_scheduled_event(event, app) if event is not None else None,
        "roles": tuple(roles),
        "role_ids": tuple(Snowflake(r) for r in role_ids)
        if role_ids
        else tuple(r.id for r in roles),
    }


def decode_invite(payload: JSONObject, app: RESTAware | None = None) -> Invite:
    """An invite (`GET /invites/{code}`)."""
    return Invite(**_invite_fields(payload, app))


def decode_invite_with_metadata(
    payload: JSONObject, app: RESTAware | None = None
) -> InviteWithMetadata:
    """An invite with its usage (guild and channel invite lists, INVITE_CREATE)."""
    return InviteWithMetadata(
        **_invite_fields(payload, app),
        uses=payload.get("uses", 0),
        max_uses=payload.get("max_uses", 0),
        max_age=payload.get("max_age", 0),
        is_temporary=payload.get("temporary", False),
        created_at=_opt_iso(payload.get("created_at")),
    )


def encode_invite(invite: Invite) -> JSONObject:
    """An invite as Discord sends it."""
    out: JSONObject = {"code": invite.code, "type": int(invite.type), "flags": int(invite.flags)}
    if invite.guild is not None:
        g = invite.guild
        guild: JSONObject = {
            "id": str(g.id),
            "name": g.name,
            "icon": g.icon_hash,
            "features": [str(f) for f in g.features],
            "splash": g.splash_hash,
            "banner": g.banner_hash,
            "description": g.description,
            "verification_level": int(g.verification_level),
            "vanity_url_code": g.vanity_url_code,
            "nsfw_level": int(g.nsfw_level),
            "premium_subscription_count": g.premium_subscription_count,
        }
        if g.welcome_screen is not None:
            guild["welcome_screen"] = encode_welcome_screen(g.welcome_screen)
        out["guild"] = guild
    elif invite.guild_id is not None:
        out["guild_id"] = str(invite.guild_id)
    if invite.channel is not None:
        c = invite.channel
        out["channel"] = {"id": str(c.id), "name": c.name, "type": int(c.type)}
    elif invite.channel_id is not None:
        out["channel_id"] = str(invite.channel_id)
    if invite.inviter is not None:
        out["inviter"] = encode_user(invite.inviter)
    if invite.target_type is not None:
        out["target_type"] = int(invite.target_type)
    if invite.target_user is not None:
        out["target_user"] = encode_user(invite.target_user)
    if invite.target_application is not None:
        out["target_application"] = invite.target_application
    if invite.approximate_member_count is not None:
        out["approximate_member_count"] = invite.approximate_member_count
    if invite.approximate_active_member_count is not None:
        out["approximate_presence_count"] = invite.approximate_active_member_count
    if invite.expires_at is not None:
        out["expires_at"] = invite.expires_at.isoformat()
    if invite.guild_scheduled_event is not None:
        out["guild_scheduled_event"] = encode_scheduled_event(invite.guild_scheduled_event)
    if invite.roles:
        out["roles"] = [encode_partial_role(r) for r in invite.roles]
    elif invite.role_ids:
        out["role_ids"] = [str(r) for r in invite.role_ids]
    if isinstance(invite, InviteWithMetadata):
        out["uses"] = invite.uses
        out["max_uses"] = invite.max_uses
        out["max_age"] = invite.max_age
        out["temporary"] = invite.is_temporary
        out["created_at"] = invite.created_at.isoformat() if invite.created_at is not None else None
    return out


register(Invite, decode=decode_invite, encode=encode_invite)
register(InviteWithMetadata, decode=decode_invite_with_metadata, encode=encode_invite)
