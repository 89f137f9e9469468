"""REST endpoints: webhooks (fetch, edit, delete, execute, and their messages).

Webhook tokens are secrets: they live in the path but never in logs, reprs, errors or
rate-limit keys (see `anycord.rest.routes`). Token-authenticated routes send no
`Authorization` header and are not bound by the global limit.
"""

from __future__ import annotations

import typing

from anycord.files import to_data_uri
from anycord.rest.endpoints._base import EndpointBase
from anycord.rest.endpoints._payloads import message_body_from, sid
from anycord.rest.routes import Route
from anycord.serde.messages import decode_message
from anycord.serde.webhooks import decode_webhook
from anycord.undefined import UNDEFINED, UndefinedNoneOr, UndefinedOr

if typing.TYPE_CHECKING:
    from collections.abc import Sequence

    from anycord.files import Resourceish
    from anycord.models.message_parts import Attachmentish, Componentish, Embedish, Pollish
    from anycord.models.messages import Message
    from anycord.models.webhooks import PartialWebhook
    from anycord.rest.endpoints._base import QueryValue
    from anycord.rest.routes import CompiledRoute
    from anycord.snowflakes import SnowflakeishOr

__all__ = ["WebhookEndpoints"]

_W = "/webhooks/{webhook_id}/{webhook_token}"
GET_WEBHOOK = Route("GET", "/webhooks/{webhook_id}")
PATCH_WEBHOOK = Route("PATCH", "/webhooks/{webhook_id}")
DELETE_WEBHOOK = Route("DELETE", "/webhooks/{webhook_id}")
GET_CHANNEL_WEBHOOKS = Route("GET", "/channels/{channel_id}/webhooks")
POST_CHANNEL_WEBHOOK = Route("POST", "/channels/{channel_id}/webhooks")
POST_EXECUTE = Route("POST", _W, global_limit=False)
GET_WEBHOOK_MESSAGE = Route("GET", _W + "/messages/{message_id}", global_limit=False)
PATCH_WEBHOOK_MESSAGE = Route("PATCH", _W + "/messages/{message_id}", global_limit=False)
DELETE_WEBHOOK_MESSAGE = Route("DELETE", _W + "/messages/{message_id}", global_limit=False)
GET_ORIGINAL = Route("GET", _W + "/messages/@original", global_limit=False)
PATCH_ORIGINAL = Route("PATCH", _W + "/messages/@original", global_limit=False)
DELETE_ORIGINAL = Route("DELETE", _W + "/messages/@original", global_limit=False)


class WebhookEndpoints(EndpointBase):
    """Webhooks."""

    __slots__ = ()

    async def fetch_webhook(self, webhook: SnowflakeishOr) -> PartialWebhook:
        """A webhook (with the bot's token)."""
        payload = await self._request(GET_WEBHOOK.compile(webhook_id=sid(webhook)))
        return decode_webhook(payload, self._app)

    async def fetch_channel_webhooks(self, channel: SnowflakeishOr) -> list[PartialWebhook]:
        """A channel's webhooks."""
        payload = await self._request(GET_CHANNEL_WEBHOOKS.compile(channel_id=sid(channel)))
        return [decode_webhook(p, self._app) for p in payload]

    async def create_webhook(
        self, channel: SnowflakeishOr, name: str, *, reason: UndefinedOr[str] = UNDEFINED
    ) -> PartialWebhook:
        """Create an incoming webhook in a channel."""
        route = POST_CHANNEL_WEBHOOK.compile(channel_id=sid(channel))
        payload = await self._request(route, json={"name": name}, reason=reason)
        return decode_webhook(payload, self._app)

    async def edit_webhook(
        self,
        webhook: SnowflakeishOr,
        *,
        name: UndefinedOr[str] = UNDEFINED,
        avatar: UndefinedNoneOr[Resourceish] = UNDEFINED,
        channel: UndefinedOr[SnowflakeishOr] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> PartialWebhook:
        """Rename a webhook, change its avatar (`None` clears it) or move it."""
        body: dict[str, typing.Any] = {}
        if name is not UNDEFINED:
            body["name"] = name
        if avatar is not UNDEFINED:
            body["avatar"] = None if avatar is None else await to_data_uri(avatar)
        if channel is not UNDEFINED:
            body["channel_id"] = str(sid(channel))
        route = PATCH_WEBHOOK.compile(webhook_id=sid(webhook))
        return decode_webhook(await self._request(route, json=body, reason=reason), self._app)

    async def delete_webhook(
        self, webhook: SnowflakeishOr, *, reason: UndefinedOr[str] = UNDEFINED
    ) -> None:
        """Delete a webhook."""
        await self._request(DELETE_WEBHOOK.compile(webhook_id=sid(webhook)), reason=reason)

    async def execute_webhook(
        self,
        webhook: SnowflakeishOr,
        token: str,
        content: UndefinedOr[typing.Any] = UNDEFINED,
        *,
        username: UndefinedOr[str] = UNDEFINED,
        avatar_url: UndefinedOr[str] = UNDEFINED,
        thread: UndefinedOr[SnowflakeishOr] = UNDEFINED,
        thread_name: UndefinedOr[str] = UNDEFINED,
        attachment: UndefinedOr[Attachmentish] = UNDEFINED,
        attachments: UndefinedOr[Sequence[Attachmentish]] = UNDEFINED,
        component: UndefinedOr[Componentish] = UNDEFINED,
        components: UndefinedOr[Sequence[Componentish]] = UNDEFINED,
        embed: UndefinedOr[Embedish] = UNDEFINED,
        embeds: UndefinedOr[Sequence[Embedish]] = UNDEFINED,
        poll: UndefinedOr[Pollish] = UNDEFINED,
        tts: UndefinedOr[bool] = UNDEFINED,
        mentions_everyone: UndefinedOr[bool] = UNDEFINED,
        user_mentions: UndefinedOr[Sequence[SnowflakeishOr] | bool] = UNDEFINED,
        role_mentions: UndefinedOr[Sequence[SnowflakeishOr] | bool] = UNDEFINED,
        flags: UndefinedOr[int] = UNDEFINED,
    ) -> Message:
        """Post through a webhook (also interaction follow-ups); waits for the message."""
        body, files = message_body_from(locals(), "username", "avatar_url", "thread_name")
        query: dict[str, QueryValue] = {"wait": True, **_in_thread(thread)}
        route = POST_EXECUTE.compile(webhook_id=sid(webhook), webhook_token=token)
        payload = await self._request(route, query=query, json=body, files=files, auth=None)
        return decode_message(payload, self._app)

    async def fetch_webhook_message(
        self,
        webhook: SnowflakeishOr,
        token: str,
        message: SnowflakeishOr | str,
        *,
        thread: UndefinedOr[SnowflakeishOr] = UNDEFINED,
    ) -> Message:
        """A message sent by the webhook (`message="@original"` for an interaction response)."""
        route = _message_route(GET_WEBHOOK_MESSAGE, GET_ORIGINAL, webhook, token, message)
        payload = await self._request(route, query=_in_thread(thread), auth=None)
        return decode_message(payload, self._app)

    async def edit_webhook_message(
        self,
        webhook: SnowflakeishOr,
        token: str,
        message: SnowflakeishOr | str,
        content: UndefinedOr[typing.Any] = UNDEFINED,
        *,
        thread: UndefinedOr[SnowflakeishOr] = UNDEFINED,
        attachment: UndefinedOr[Attachmentish] = UNDEFINED,
        attachments: UndefinedOr[Sequence[Attachmentish] | None] = UNDEFINED,
        component: UndefinedOr[Componentish] = UNDEFINED,
        components: UndefinedOr[Sequence[Componentish] | None] = UNDEFINED,
        embed: UndefinedOr[Embedish] = UNDEFINED,
        embeds: UndefinedOr[Sequence[Embedish] | None] = UNDEFINED,
        mentions_everyone: UndefinedOr[bool] = UNDEFINED,
        user_mentions: UndefinedOr[Sequence[SnowflakeishOr] | bool] = UNDEFINED,
        role_mentions: UndefinedOr[Sequence[SnowflakeishOr] | bool] = UNDEFINED,
        flags: UndefinedOr[int] = UNDEFINED,
    ) -> Message:
        """Edit a message sent by the webhook; only given fields change."""
        body, files = message_body_from(locals())
        route = _message_route(PATCH_WEBHOOK_MESSAGE, PATCH_ORIGINAL, webhook, token, message)
        query = _in_thread(thread)
        payload = await self._request(route, query=query, json=body, files=files, auth=None)
        return decode_message(payload, self._app)

    async def delete_webhook_message(
        self,
        webhook: SnowflakeishOr,
        token: str,
        message: SnowflakeishOr | str,
        *,
        thread: UndefinedOr[SnowflakeishOr] = UNDEFINED,
    ) -> None:
        """Delete a message sent by the webhook."""
        route = _message_route(DELETE_WEBHOOK_MESSAGE, DELETE_ORIGINAL, webhook, token, message)
        await self._request(route, query=_in_thread(thread), auth=None)


def _message_route(
    by_id: Route,
    original: Route,
    webhook: SnowflakeishOr,
    token: str,
    message: SnowflakeishOr | str,
) -> CompiledRoute:
    if message == "@original":
        return original.compile(webhook_id=sid(webhook), webhook_token=token)
    return by_id.compile(webhook_id=sid(webhook), webhook_token=token, message_id=sid(message))


def _in_thread(thread: UndefinedOr[SnowflakeishOr]) -> dict[str, str]:
    return {} if thread is UNDEFINED else {"thread_id": str(sid(thread))}
