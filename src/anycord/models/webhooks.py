"""Webhooks (resources/webhook.mdx): incoming, channel follower and application webhooks."""

from __future__ import annotations

import typing

import attrs

from anycord import enums, urls
from anycord.models import cdn
from anycord.models.base import Unique, require_app
from anycord.undefined import UNDEFINED

if typing.TYPE_CHECKING:
    from anycord.models.channels import PartialChannel
    from anycord.models.guilds import PartialGuild
    from anycord.models.message_options import WebhookMessageEditOptions, WebhookMessageOptions
    from anycord.models.messages import Message
    from anycord.models.users import User
    from anycord.snowflakes import Snowflake, SnowflakeishOr
    from anycord.traits import RESTAware
    from anycord.undefined import UndefinedOr

__all__ = [
    "ApplicationWebhook",
    "ChannelFollowerWebhook",
    "GuildWebhook",
    "IncomingWebhook",
    "PartialWebhook",
    "WebhookType",
]


class WebhookType(enums.IntEnum):
    """The kind of a webhook."""

    INCOMING = 1
    CHANNEL_FOLLOWER = 2
    APPLICATION = 3


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class PartialWebhook(Unique):
    """Any webhook (and the class of webhook types this release does not know)."""

    app: RESTAware | None = attrs.field(default=None, repr=False)
    type: WebhookType
    name: str | None = None
    avatar_hash: str | None = None
    application_id: Snowflake | None = None

    @property
    def mention(self) -> str:
        """`<@id>` (webhook messages mention like users)."""
        return f"<@{self.id}>"

    @property
    def avatar_url(self) -> str | None:
        """The avatar's URL (webhook avatars live with user avatars), or `None`."""
        return cdn.avatar_url(self.id, self.avatar_hash) if self.avatar_hash else None


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class GuildWebhook(PartialWebhook):
    """A webhook attached to a guild channel."""

    channel_id: Snowflake | None = None
    guild_id: Snowflake | None = None
    author: User | None = None
    """Who created it (absent when fetched by token)."""

    async def delete(self, *, reason: UndefinedOr[str] = UNDEFINED) -> None:
        """Delete the webhook (needs MANAGE_WEBHOOKS)."""
        app = require_app(self.app, "Webhook.delete")
        await app.rest.delete_webhook(self.id, reason=reason)

    async def edit(
        self,
        *,
        name: UndefinedOr[str] = UNDEFINED,
        channel: UndefinedOr[SnowflakeishOr] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> PartialWebhook:
        """Edit the webhook's `name` or `channel`; returns the updated one."""
        app = require_app(self.app, "Webhook.edit")
        return await app.rest.edit_webhook(self.id, name=name, channel=channel, reason=reason)


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class IncomingWebhook(GuildWebhook):
    """A webhook that posts messages with its token. The token never appears in reprs."""

    token: str | None = attrs.field(default=None, repr=False)

    @property
    def url(self) -> str | None:
        """The execute URL (contains the token; keep it secret), or `None` without a token."""
        if self.token is None:
            return None
        return f"{urls.REST_API_URL}/webhooks/{self.id}/{self.token}"

    async def execute(
        self,
        content: UndefinedOr[typing.Any] = UNDEFINED,
        **options: typing.Unpack[WebhookMessageOptions],
    ) -> Message:
        """Post a message (same arguments as `RESTClient.execute_webhook`); returns it."""
        app = require_app(self.app, "IncomingWebhook.execute")
        if self.token is None:
            msg = f"webhook {self.id} has no token (fetch it with its token or by a manager)"
            raise ValueError(msg)
        return await app.rest.execute_webhook(self.id, self.token, content, **options)

    async def edit_message(
        self,
        message: SnowflakeishOr,
        content: UndefinedOr[typing.Any] = UNDEFINED,
        **options: typing.Unpack[WebhookMessageEditOptions],
    ) -> Message:
        """Edit a message this webhook sent."""
        app = require_app(self.app, "IncomingWebhook.edit_message")
        if self.token is None:
            msg = f"webhook {self.id} has no token"
            raise ValueError(msg)
        return await app.rest.edit_webhook_message(self.id, self.token, message, content, **options)

    async def delete_message(self, message: SnowflakeishOr) -> None:
        """Delete a message this webhook sent."""
        app = require_app(self.app, "IncomingWebhook.delete_message")
        if self.token is None:
            msg = f"webhook {self.id} has no token"
            raise ValueError(msg)
        await app.rest.delete_webhook_message(self.id, self.token, message)


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class ChannelFollowerWebhook(GuildWebhook):
    """A webhook that crossposts from a followed announcement channel."""

    source_channel: PartialChannel | None = None
    source_guild: PartialGuild | None = None


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class ApplicationWebhook(PartialWebhook):
    """The webhook an application uses for interaction follow-ups."""
