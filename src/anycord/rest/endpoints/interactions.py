"""REST endpoints: interaction responses and follow-ups.

The initial response goes to `POST /interactions/{id}/{token}/callback`; the original
response and follow-ups are webhook messages of the application (`/webhooks/{application_id}
/{token}/...`). None of these count against the global limit, and none sends the bot token.
"""

from __future__ import annotations

import typing

from anycord.rest.endpoints._base import EndpointBase
from anycord.rest.endpoints._payloads import message_body_from, sid
from anycord.rest.endpoints.webhooks import WebhookEndpoints
from anycord.rest.routes import Route
from anycord.serde.commands import encode_choice
from anycord.undefined import UNDEFINED, UndefinedNoneOr, UndefinedOr

if typing.TYPE_CHECKING:
    from collections.abc import Sequence

    from anycord.models.message_options import WebhookMessageEditOptions, WebhookMessageOptions
    from anycord.models.message_parts import Attachmentish, Componentish, Embedish, Pollish
    from anycord.models.messages import Message
    from anycord.snowflakes import SnowflakeishOr

__all__ = ["InteractionEndpoints"]

POST_CALLBACK = Route(
    "POST", "/interactions/{interaction_id}/{interaction_token}/callback", global_limit=False
)

_MESSAGE_TYPES = frozenset({4, 7})


class InteractionEndpoints(WebhookEndpoints, EndpointBase):
    """Responding to interactions."""

    __slots__ = ()

    async def create_interaction_response(
        self,
        interaction: SnowflakeishOr,
        token: str,
        response_type: int,
        content: UndefinedOr[typing.Any] = UNDEFINED,
        *,
        flags: UndefinedOr[int] = UNDEFINED,
        tts: UndefinedOr[bool] = UNDEFINED,
        attachment: UndefinedOr[Attachmentish] = UNDEFINED,
        attachments: UndefinedOr[Sequence[Attachmentish]] = UNDEFINED,
        component: UndefinedOr[Componentish] = UNDEFINED,
        components: UndefinedOr[Sequence[Componentish]] = UNDEFINED,
        embed: UndefinedOr[Embedish] = UNDEFINED,
        embeds: UndefinedOr[Sequence[Embedish]] = UNDEFINED,
        poll: UndefinedOr[Pollish] = UNDEFINED,
        mentions_everyone: UndefinedOr[bool] = UNDEFINED,
        user_mentions: UndefinedOr[Sequence[SnowflakeishOr] | bool] = UNDEFINED,
        role_mentions: UndefinedOr[Sequence[SnowflakeishOr] | bool] = UNDEFINED,
        choices: UndefinedOr[Sequence[typing.Any]] = UNDEFINED,
        title: UndefinedOr[str] = UNDEFINED,
        custom_id: UndefinedOr[str] = UNDEFINED,
    ) -> None:
        """The initial response (`response_type`: 4 message, 5 deferred, 6 deferred update,
        7 update, 8 autocomplete `choices`, 9 modal with `title`, `custom_id`, `components`)."""
        kind = int(response_type)
        data, files = message_body_from(locals(), "title", "custom_id")
        if choices is not UNDEFINED:
            data["choices"] = [c if isinstance(c, dict) else encode_choice(c) for c in choices]
        body: dict[str, typing.Any] = {"type": kind}
        if data:
            body["data"] = data
        route = POST_CALLBACK.compile(interaction_id=sid(interaction), interaction_token=token)
        await self._request(route, json=body, files=files, auth=None)

    async def fetch_interaction_response(self, application: SnowflakeishOr, token: str) -> Message:
        """The original response message."""
        return await self.fetch_webhook_message(application, token, "@original")

    async def edit_interaction_response(
        self,
        application: SnowflakeishOr,
        token: str,
        content: UndefinedNoneOr[typing.Any] = UNDEFINED,
        **options: typing.Unpack[WebhookMessageEditOptions],
    ) -> Message:
        """Edit the original response (the arguments of `edit_webhook_message`)."""
        return await self.edit_webhook_message(application, token, "@original", content, **options)

    async def delete_interaction_response(self, application: SnowflakeishOr, token: str) -> None:
        """Delete the original response."""
        await self.delete_webhook_message(application, token, "@original")

    async def execute_followup(
        self,
        application: SnowflakeishOr,
        token: str,
        content: UndefinedOr[typing.Any] = UNDEFINED,
        **options: typing.Unpack[WebhookMessageOptions],
    ) -> Message:
        """Send a follow-up message (the arguments of `execute_webhook`)."""
        return await self.execute_webhook(application, token, content, **options)
