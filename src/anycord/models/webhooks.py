"""Webhooks (resources/webhook.mdx): incoming, channel follower and application webhooks."""

from __future__ import annotations

import typing

import attrs

from anycord import enums, urls
from anycord.models import cdn
from anycord.models.base import Unique, require_app
from anycord.undefined import UNDEFINED

if typing.TYPE_CHECKING:
    from anycord.files import Resourceish
    from anycord.models.channels import PartialChannel
    from anycord.models.guilds import PartialGuild
    from anycord.models.message_options import WebhookMessageEditOptions, WebhookMessageOptions
    from anycord.models.messages import Message
    from anycord.models.users import User
    from anycord.snowflakes import Snowflake, SnowflakeishOr
    from anycord.traits import RESTAware
    from anycord.undefined import UndefinedNoneOr, UndefinedOr

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

    @property
    def default_avatar_url(self) -> str:
        """The avatar Discord shows for a webhook without one (the first default avatar)."""
        return f"{urls.CDN_URL}/embed/avatars/0.png"

    def make_avatar_url(
        self,
        *,
        ext: str | None = None,
        size: int | None = None,
        **fmt: typing.Unpack[cdn.FormatOptions],
    ) -> str | None:
        """The avatar's URL in a chosen format and size, or `None` without an avatar."""
        if self.avatar_hash is None:
            return None
        return cdn.avatar_url(self.id, self.avatar_hash, ext=ext, size=size, **fmt)


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
        avatar: UndefinedNoneOr[Resourceish] = UNDEFINED,
        channel: UndefinedOr[SnowflakeishOr] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> PartialWebhook:
        """Edit the webhook's `name`, `avatar` (`None` clears it) or `channel` with the bot's
        authorization (needs MANAGE_WEBHOOKS); returns the updated one."""
        app = require_app(self.app, "Webhook.edit")
        return await app.rest.edit_webhook(
            self.id, name=name, avatar=avatar, channel=channel, reason=reason
        )

    async def fetch_channel(self) -> PartialChannel:
        """Fetch the channel the webhook posts in."""
        app = require_app(self.app, "Webhook.fetch_channel")
        if self.channel_id is None:
            msg = f"webhook {self.id} has no channel ID to fetch"
            raise ValueError(msg)
        return await app.rest.fetch_channel(self.channel_id)

    async def fetch_self(self) -> PartialWebhook:
        """Fetch this webhook again (needs MANAGE_WEBHOOKS)."""
        app = require_app(self.app, "Webhook.fetch_self")
        return await app.rest.fetch_webhook(self.id)


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class IncomingWebhook(GuildWebhook):
    """A webhook that posts messages with its token. The token never appears in reprs."""

    token: str | None = attrs.field(default=None, repr=False)

    @property
    def webhook_id(self) -> Snowflake:
        """The ID messages are executed through (this webhook's own)."""
        return self.id

    def _token_for(self, use_token: UndefinedOr[bool]) -> str | None:
        # hikari's rule: True needs the token, UNDEFINED uses it when known, False never does.
        if use_token is True and self.token is None:
            msg = f"webhook {self.id} has no token to use (use_token=True)"
            raise ValueError(msg)
        return None if use_token is False else self.token

    async def fetch_self(self, *, use_token: UndefinedOr[bool] = UNDEFINED) -> PartialWebhook:
        """Fetch this webhook again: with its token when known (or `use_token=True`), else
        with the bot's authorization (`use_token=False`; needs MANAGE_WEBHOOKS)."""
        app = require_app(self.app, "IncomingWebhook.fetch_self")
        token = self._token_for(use_token)
        if token is None:
            return await app.rest.fetch_webhook(self.id)
        return await app.rest.fetch_webhook_with_token(self.id, token)

    async def delete(
        self, *, use_token: UndefinedOr[bool] = UNDEFINED, reason: UndefinedOr[str] = UNDEFINED
    ) -> None:
        """Delete the webhook: with its token when known (or `use_token=True`), else with the
        bot's authorization (`use_token=False`; needs MANAGE_WEBHOOKS)."""
        app = require_app(self.app, "IncomingWebhook.delete")
        token = self._token_for(use_token)
        if token is None:
            await app.rest.delete_webhook(self.id, reason=reason)
        else:
            await app.rest.delete_webhook_with_token(self.id, token, reason=reason)

    async def edit(
        self,
        *,
        name: UndefinedOr[str] = UNDEFINED,
        avatar: UndefinedNoneOr[Resourceish] = UNDEFINED,
        channel: UndefinedOr[SnowflakeishOr] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
        use_token: UndefinedOr[bool] = UNDEFINED,
    ) -> PartialWebhook:
        """Edit the webhook: with its token when known (or `use_token=True`), else with the
        bot's authorization. A token cannot move a webhook: `channel` with a token is a
        `ValueError` (pass `use_token=False`)."""
        app = require_app(self.app, "IncomingWebhook.edit")
        token = self._token_for(use_token)
        if token is None:
            return await super().edit(name=name, avatar=avatar, channel=channel, reason=reason)
        if channel is not UNDEFINED:
            msg = "a webhook token cannot move a webhook; edit with use_token=False"
            raise ValueError(msg)
        return await app.rest.edit_webhook_with_token(
            self.id, token, name=name, avatar=avatar, reason=reason
        )

    async def fetch_message(self, message: SnowflakeishOr) -> Message:
        """Fetch a message this webhook sent (needs its token)."""
        app = require_app(self.app, "IncomingWebhook.fetch_message")
        if self.token is None:
            msg = f"webhook {self.id} has no token"
            raise ValueError(msg)
        return await app.rest.fetch_webhook_message(self.id, self.token, message)

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
