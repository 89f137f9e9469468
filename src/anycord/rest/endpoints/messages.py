"""REST endpoints: messages (send, edit, delete, fetch, iterate, bulk delete, pins, crosspost).

Shapes from resources/message.mdx; every ID argument takes an object with `.id` or an ID.

`create_message` (and `forward_message`) is idempotent under retries: unless the caller passes `nonce` or
`enforce_nonce` itself, each call sends a fresh random `nonce` (a decimal string of at most
19 digits, within Discord's 25-character limit) with `enforce_nonce: true`. The body is built
once per call, so every retry the client makes (after a dropped connection, a timeout or a
5xx) carries the same nonce, and Discord answers a retry of a message it already created with
that message instead of creating a second one (resources/message.mdx, Create Message). Two
separate calls never share a nonce.
"""

from __future__ import annotations

import datetime
import secrets
import typing

from anycord.errors import BulkDeleteError
from anycord.rest.endpoints._base import EndpointBase
from anycord.rest.endpoints._payloads import message_body_from, sid
from anycord.rest.pagination import LazyIterator
from anycord.rest.routes import Route
from anycord.rest.typing_indicator import TypingIndicator
from anycord.serde.messages import decode_message
from anycord.snowflakes import Snowflake
from anycord.undefined import UNDEFINED, UndefinedOr

if typing.TYPE_CHECKING:
    from collections.abc import Sequence

    from anycord.models.message_parts import Attachmentish, Componentish, Embedish, Pollish
    from anycord.models.messages import Message
    from anycord.snowflakes import SearchableSnowflakeish, SnowflakeishOr

__all__ = ["MessageEndpoints", "new_nonce"]

GET_MESSAGES = Route("GET", "/channels/{channel_id}/messages")
POST_MESSAGE = Route("POST", "/channels/{channel_id}/messages")
GET_MESSAGE = Route("GET", "/channels/{channel_id}/messages/{message_id}")
PATCH_MESSAGE = Route("PATCH", "/channels/{channel_id}/messages/{message_id}")
DELETE_MESSAGE = Route("DELETE", "/channels/{channel_id}/messages/{message_id}")
POST_BULK_DELETE = Route("POST", "/channels/{channel_id}/messages/bulk-delete")
POST_CROSSPOST = Route("POST", "/channels/{channel_id}/messages/{message_id}/crosspost")
GET_PINS = Route("GET", "/channels/{channel_id}/messages/pins")
PUT_PIN = Route("PUT", "/channels/{channel_id}/messages/pins/{message_id}")
DELETE_PIN = Route("DELETE", "/channels/{channel_id}/messages/pins/{message_id}")
POST_TYPING = Route("POST", "/channels/{channel_id}/typing")

_PAGE = 100
_NONCE_BITS = 63
"""Random bits of an automatic nonce: a positive int64 prints as at most 19 digits."""


def new_nonce() -> str:
    """A fresh random message nonce (a decimal string of at most 19 digits)."""
    return str(secrets.randbits(_NONCE_BITS))


def _bound(value: SearchableSnowflakeish) -> str:
    if isinstance(value, datetime.datetime):
        return str(Snowflake.from_datetime(value))
    return str(int(value))


class MessageEndpoints(EndpointBase):
    """Messages in channels."""

    __slots__ = ()

    async def create_message(
        self,
        channel: SnowflakeishOr,
        content: UndefinedOr[typing.Any] = UNDEFINED,
        *,
        attachment: UndefinedOr[Attachmentish] = UNDEFINED,
        attachments: UndefinedOr[Sequence[Attachmentish]] = UNDEFINED,
        component: UndefinedOr[Componentish] = UNDEFINED,
        components: UndefinedOr[Sequence[Componentish]] = UNDEFINED,
        embed: UndefinedOr[Embedish] = UNDEFINED,
        embeds: UndefinedOr[Sequence[Embedish]] = UNDEFINED,
        poll: UndefinedOr[Pollish] = UNDEFINED,
        sticker: UndefinedOr[SnowflakeishOr] = UNDEFINED,
        stickers: UndefinedOr[Sequence[SnowflakeishOr]] = UNDEFINED,
        tts: UndefinedOr[bool] = UNDEFINED,
        reply: UndefinedOr[SnowflakeishOr] = UNDEFINED,
        reply_must_exist: UndefinedOr[bool] = UNDEFINED,
        mentions_everyone: UndefinedOr[bool] = UNDEFINED,
        mentions_reply: UndefinedOr[bool] = UNDEFINED,
        user_mentions: UndefinedOr[Sequence[SnowflakeishOr] | bool] = UNDEFINED,
        role_mentions: UndefinedOr[Sequence[SnowflakeishOr] | bool] = UNDEFINED,
        flags: UndefinedOr[int] = UNDEFINED,
        nonce: UndefinedOr[str | int] = UNDEFINED,
        enforce_nonce: UndefinedOr[bool] = UNDEFINED,
    ) -> Message:
        """Send a message; attachments are streamed as `files[n]` of a multipart body.

        Without `nonce` and `enforce_nonce`, the body gets a fresh random `nonce` with
        `enforce_nonce: true`, so a retried request cannot create a duplicate message (see the
        module docstring). Given either, the caller's values are sent as they are and nothing
        is added (`enforce_nonce=False` opts out of the deduplication).
        """
        body, files = message_body_from(locals())
        if nonce is UNDEFINED and enforce_nonce is UNDEFINED:
            body["nonce"] = new_nonce()
            body["enforce_nonce"] = True
        route = POST_MESSAGE.compile(channel_id=sid(channel))
        payload = await self._request(route, json=body, files=files)
        return decode_message(payload, self._app)

    async def forward_message(
        self,
        channel: SnowflakeishOr,
        message: SnowflakeishOr,
        from_channel: SnowflakeishOr,
        *,
        guild: UndefinedOr[SnowflakeishOr] = UNDEFINED,
    ) -> Message:
        """Forward `message` (in `from_channel`) to `channel` (with an automatic nonce, so a
        retry cannot forward it twice)."""
        reference: dict[str, typing.Any] = {
            "type": 1,
            "message_id": str(sid(message)),
            "channel_id": str(sid(from_channel)),
        }
        if guild is not UNDEFINED:
            reference["guild_id"] = str(sid(guild))
        route = POST_MESSAGE.compile(channel_id=sid(channel))
        body = {"message_reference": reference, "nonce": new_nonce(), "enforce_nonce": True}
        payload = await self._request(route, json=body)
        return decode_message(payload, self._app)

    async def edit_message(
        self,
        channel: SnowflakeishOr,
        message: SnowflakeishOr,
        content: UndefinedOr[typing.Any] = UNDEFINED,
        *,
        attachment: UndefinedOr[Attachmentish] = UNDEFINED,
        attachments: UndefinedOr[Sequence[Attachmentish] | None] = UNDEFINED,
        component: UndefinedOr[Componentish] = UNDEFINED,
        components: UndefinedOr[Sequence[Componentish] | None] = UNDEFINED,
        embed: UndefinedOr[Embedish] = UNDEFINED,
        embeds: UndefinedOr[Sequence[Embedish] | None] = UNDEFINED,
        mentions_everyone: UndefinedOr[bool] = UNDEFINED,
        mentions_reply: UndefinedOr[bool] = UNDEFINED,
        user_mentions: UndefinedOr[Sequence[SnowflakeishOr] | bool] = UNDEFINED,
        role_mentions: UndefinedOr[Sequence[SnowflakeishOr] | bool] = UNDEFINED,
        flags: UndefinedOr[int] = UNDEFINED,
    ) -> Message:
        """Edit a message: only given fields change; `None` clears `content`, `[]` clears lists.

        Existing attachments to keep are passed (as `Attachment` objects) with new uploads.
        """
        body, files = message_body_from(locals())
        route = PATCH_MESSAGE.compile(channel_id=sid(channel), message_id=sid(message))
        payload = await self._request(route, json=body, files=files)
        return decode_message(payload, self._app)

    async def delete_message(
        self,
        channel: SnowflakeishOr,
        message: SnowflakeishOr,
        *,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> None:
        """Delete a message."""
        route = DELETE_MESSAGE.compile(channel_id=sid(channel), message_id=sid(message))
        await self._request(route, reason=reason)

    async def delete_messages(
        self,
        channel: SnowflakeishOr,
        messages: Sequence[SnowflakeishOr],
        *,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> None:
        """Delete many messages: bulk delete in chunks of 100 (single deletes for a lone one).

        Raises `BulkDeleteError` with what was deleted when a chunk fails part way.
        """
        ids = list(dict.fromkeys(sid(m) for m in messages))
        deleted: list[int] = []
        for start in range(0, len(ids), 100):
            chunk = ids[start : start + 100]
            try:
                if len(chunk) == 1:
                    await self.delete_message(channel, chunk[0], reason=reason)
                else:
                    route = POST_BULK_DELETE.compile(channel_id=sid(channel))
                    body = {"messages": [str(i) for i in chunk]}
                    await self._request(route, json=body, reason=reason)
            except Exception as exc:
                raise BulkDeleteError(deleted, ids[start:], exc) from exc
            deleted.extend(chunk)

    async def fetch_message(self, channel: SnowflakeishOr, message: SnowflakeishOr) -> Message:
        """One message."""
        route = GET_MESSAGE.compile(channel_id=sid(channel), message_id=sid(message))
        return decode_message(await self._request(route), self._app)

    def fetch_messages(
        self,
        channel: SnowflakeishOr,
        *,
        before: UndefinedOr[SearchableSnowflakeish] = UNDEFINED,
        after: UndefinedOr[SearchableSnowflakeish] = UNDEFINED,
        around: UndefinedOr[SearchableSnowflakeish] = UNDEFINED,
    ) -> LazyIterator[Message]:
        """A channel's history: newest first (default, or `before=`), oldest first with
        `after=`; `around=` gives the single page of up to 100 around a message."""
        given = [x for x in (before, after, around) if x is not UNDEFINED]
        if len(given) > 1:
            msg = "pass at most one of before, after and around"
            raise ValueError(msg)
        channel_id = sid(channel)
        route = GET_MESSAGES.compile(channel_id=channel_id)
        app = self._app

        if around is not UNDEFINED:
            center = _bound(around)

            async def around_page(cursor: str | None, size: int) -> Sequence[typing.Any]:
                del cursor
                return typing.cast(
                    "Sequence[typing.Any]",
                    await self._request(route, query={"around": center, "limit": size}),
                )

            async def one_page() -> typing.AsyncGenerator[Message, None]:
                for raw in await around_page(None, _PAGE):
                    yield decode_message(raw, app)

            return LazyIterator(one_page)

        direction = "after" if after is not UNDEFINED else "before"
        start = after if after is not UNDEFINED else before

        return self._paginate(
            route,
            lambda raw: decode_message(raw, app),
            page_size=_PAGE,
            direction=direction,
            first_cursor=None if start is UNDEFINED else _bound(start),
            # Discord returns newest first even with `after`; reverse to walk forwards.
            reverse_pages=direction == "after",
        )

    async def crosspost_message(self, channel: SnowflakeishOr, message: SnowflakeishOr) -> Message:
        """Publish a message of an announcement channel to its followers."""
        route = POST_CROSSPOST.compile(channel_id=sid(channel), message_id=sid(message))
        return decode_message(await self._request(route), self._app)

    async def pin_message(
        self,
        channel: SnowflakeishOr,
        message: SnowflakeishOr,
        *,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> None:
        """Pin a message."""
        route = PUT_PIN.compile(channel_id=sid(channel), message_id=sid(message))
        await self._request(route, reason=reason)

    async def unpin_message(
        self,
        channel: SnowflakeishOr,
        message: SnowflakeishOr,
        *,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> None:
        """Unpin a message."""
        route = DELETE_PIN.compile(channel_id=sid(channel), message_id=sid(message))
        await self._request(route, reason=reason)

    async def fetch_pins(self, channel: SnowflakeishOr, *, limit: int = 50) -> list[Message]:
        """The most recently pinned messages (up to `limit`, at most 50 per request)."""
        route = GET_PINS.compile(channel_id=sid(channel))
        payload = await self._request(route, query={"limit": limit})
        items = payload.get("items", []) if isinstance(payload, dict) else payload
        return [decode_message(i.get("message", i), self._app) for i in items]

    def trigger_typing(self, channel: SnowflakeishOr) -> TypingIndicator:
        """Show the typing indicator: `await` it for one request (about 10 seconds of typing),
        or `async with` it to keep typing until the block ends (see `TypingIndicator`)."""
        route = POST_TYPING.compile(channel_id=sid(channel))

        async def send() -> None:
            await self._request(route)

        return TypingIndicator(send)
