"""Webhooks ↔ JSON. Unknown webhook types decode as `PartialWebhook`."""

from __future__ import annotations

import typing

from anycord.enums import try_enum
from anycord.models.channels import ChannelType, PartialChannel
from anycord.models.guilds import PartialGuild
from anycord.models.webhooks import (
    ApplicationWebhook,
    ChannelFollowerWebhook,
    GuildWebhook,
    IncomingWebhook,
    PartialWebhook,
    WebhookType,
)
from anycord.serde._core import JSONObject, opt_snowflake, register
from anycord.serde.users import decode_user, encode_user
from anycord.snowflakes import Snowflake

if typing.TYPE_CHECKING:
    from anycord.traits import RESTAware

__all__ = ["decode_webhook", "encode_webhook"]


def decode_webhook(payload: JSONObject, app: RESTAware | None = None) -> PartialWebhook:
    """A webhook of any type."""
    raw_type = payload.get("type", 1)
    common: dict[str, typing.Any] = {
        "id": Snowflake(payload["id"]),
        "app": app,
        "type": try_enum(WebhookType, raw_type),
        "name": payload.get("name"),
        "avatar_hash": payload.get("avatar"),
        "application_id": opt_snowflake(payload.get("application_id")),
    }
    if raw_type == 3:
        return ApplicationWebhook(**common)
    if raw_type not in (1, 2):
        return PartialWebhook(**common)
    user = payload.get("user")
    common["channel_id"] = opt_snowflake(payload.get("channel_id"))
    common["guild_id"] = opt_snowflake(payload.get("guild_id"))
    common["author"] = decode_user(user, app) if user is not None else None
    if raw_type == 1:
        return IncomingWebhook(**common, token=payload.get("token"))
    source_channel = payload.get("source_channel")
    source_guild = payload.get("source_guild")
    return ChannelFollowerWebhook(
        **common,
        source_channel=PartialChannel(
            id=Snowflake(source_channel["id"]),
            app=app,
            name=source_channel.get("name"),
            # Only announcement channels can be followed; Discord omits the type here.
            type=try_enum(ChannelType, source_channel.get("type", 5)),
        )
        if source_channel is not None
        else None,
        source_guild=PartialGuild(
            id=Snowflake(source_guild["id"]),
            app=app,
            name=source_guild["name"],
            icon_hash=source_guild.get("icon"),
        )
        if source_guild is not None
        else None,
    )


def encode_webhook(webhook: PartialWebhook) -> JSONObject:
    """A webhook as Discord sends it (the token included: keep the result secret)."""
    out: JSONObject = {
        "id": str(webhook.id),
        "type": int(webhook.type),
        "name": webhook.name,
        "avatar": webhook.avatar_hash,
        "application_id": str(webhook.application_id)
        if webhook.application_id is not None
        else None,
    }
    if isinstance(webhook, GuildWebhook):
        out["channel_id"] = str(webhook.channel_id) if webhook.channel_id is not None else None
        out["guild_id"] = str(webhook.guild_id) if webhook.guild_id is not None else None
        if webhook.author is not None:
            out["user"] = encode_user(webhook.author)
    if isinstance(webhook, IncomingWebhook) and webhook.token is not None:
        out["token"] = webhook.token
    if isinstance(webhook, ChannelFollowerWebhook):
        if webhook.source_channel is not None:
            out["source_channel"] = {
                "id": str(webhook.source_channel.id),
                "name": webhook.source_channel.name,
            }
        if webhook.source_guild is not None:
            g = webhook.source_guild
            out["source_guild"] = {"id": str(g.id), "name": g.name, "icon": g.icon_hash}
    return out


for _cls in (PartialWebhook, IncomingWebhook, ChannelFollowerWebhook, ApplicationWebhook):
    register(_cls, decode=decode_webhook, encode=encode_webhook)
