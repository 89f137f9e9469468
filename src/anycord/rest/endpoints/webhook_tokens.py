"""REST endpoints: webhooks addressed by ID and token (no bot token needed), and the
Slack- and GitHub-compatible execute routes (resources/webhook.mdx)."""

from __future__ import annotations

import typing

from anycord.files import to_data_uri
from anycord.rest.endpoints._base import EndpointBase
from anycord.rest.endpoints._fields import check_len, put
from anycord.rest.endpoints._payloads import sid
from anycord.rest.routes import Route
from anycord.serde.messages import decode_message
from anycord.serde.webhooks import decode_webhook
from anycord.undefined import UNDEFINED, UndefinedNoneOr, UndefinedOr

if typing.TYPE_CHECKING:
    from collections.abc import Mapping

    from anycord.files import Resourceish
    from anycord.models.messages import Message
    from anycord.models.webhooks import PartialWebhook
    from anycord.snowflakes import SnowflakeishOr

__all__ = ["WebhookTokenEndpoints"]

_W = "/webhooks/{webhook_id}/{webhook_token}"
GET_WEBHOOK_TOKEN = Route("GET", _W, global_limit=False)
PATCH_WEBHOOK_TOKEN = Route("PATCH", _W, global_limit=False)
DELETE_WEBHOOK_TOKEN = Route("DELETE", _W, global_limit=False)
POST_SLACK = Route("POST", _W + "/slack", global_limit=False)
POST_GITHUB = Route("POST", _W + "/github", global_limit=False)


def _query(wait: bool, thread: UndefinedOr[SnowflakeishOr]) -> dict[str, typing.Any]:
    return put({"wait": wait}, thread_id=UNDEFINED if thread is UNDEFINED else str(sid(thread)))


class WebhookTokenEndpoints(EndpointBase):
    """Webhooks by token."""

    __slots__ = ()

    async def fetch_webhook_with_token(self, webhook: SnowflakeishOr, token: str) -> PartialWebhook:
        """A webhook, authenticated by its token only (no `Authorization` header is sent)."""
        route = GET_WEBHOOK_TOKEN.compile(webhook_id=sid(webhook), webhook_token=token)
        return decode_webhook(await self._request(route, auth=None), self._app)

    async def edit_webhook_with_token(
        self,
        webhook: SnowflakeishOr,
        token: str,
        *,
        name: UndefinedOr[str] = UNDEFINED,
        avatar: UndefinedNoneOr[Resourceish] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> PartialWebhook:
        """Rename a webhook or change its avatar, by token (it cannot change channel)."""
        check_len("webhook name", name, 1, 80)
        body = put({}, name=name)
        if avatar is not UNDEFINED:
            body["avatar"] = None if avatar is None else await to_data_uri(avatar)
        route = PATCH_WEBHOOK_TOKEN.compile(webhook_id=sid(webhook), webhook_token=token)
        payload = await self._request(route, json=body, reason=reason, auth=None)
        return decode_webhook(payload, self._app)

    async def delete_webhook_with_token(
        self, webhook: SnowflakeishOr, token: str, *, reason: UndefinedOr[str] = UNDEFINED
    ) -> None:
        """Delete a webhook by token."""
        route = DELETE_WEBHOOK_TOKEN.compile(webhook_id=sid(webhook), webhook_token=token)
        await self._request(route, reason=reason, auth=None)

    async def execute_slack_webhook(
        self,
        webhook: SnowflakeishOr,
        token: str,
        payload: Mapping[str, typing.Any],
        *,
        wait: bool = False,
        thread: UndefinedOr[SnowflakeishOr] = UNDEFINED,
    ) -> Message | None:
        """Post a Slack-format payload (`text`, `username`, `icon_url`, `attachments`);
        with `wait`, returns the created message."""
        route = POST_SLACK.compile(webhook_id=sid(webhook), webhook_token=token)
        result = await self._request(
            route, query=_query(wait, thread), json=dict(payload), auth=None
        )
        return decode_message(result, self._app) if isinstance(result, dict) else None

    async def execute_github_webhook(
        self,
        webhook: SnowflakeishOr,
        token: str,
        payload: Mapping[str, typing.Any],
        *,
        wait: bool = False,
        thread: UndefinedOr[SnowflakeishOr] = UNDEFINED,
    ) -> Message | None:
        """Post a GitHub webhook event payload; with `wait`, returns the created message."""
        route = POST_GITHUB.compile(webhook_id=sid(webhook), webhook_token=token)
        result = await self._request(
            route, query=_query(wait, thread), json=dict(payload), auth=None
        )
        return decode_message(result, self._app) if isinstance(result, dict) else None
