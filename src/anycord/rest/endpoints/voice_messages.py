"""REST endpoints: voice messages (a channel message, a webhook message, an interaction response).

A voice message is a message with the `IS_VOICE_MESSAGE` flag (`1 << 13`) and exactly one
audio attachment carrying `duration_secs` and `waveform`, and nothing else: no content,
embeds, components, stickers or poll (resources/message.mdx, "Voice Messages"). Discord takes
the attachment's metadata only when its `Content-Type` starts with `audio/`, so these methods
refuse anything else before sending (a `ValueError` naming the type), and they always set the
flag, whatever `flags` the caller adds. Discord answers a voice message's edit with 50162:
only an interaction's deferred response may still become one (`edit_interaction_voice_message_response`).

The waveform is Discord's client-side preview (base64, one byte per sample, at most 256
samples); its encoding is an implementation detail Discord may change, so it is sent as given.
Clients upload a 1-channel 48 kHz Opus stream in an OGG container (`audio/ogg`).
"""

from __future__ import annotations

import math
import typing

from anycord.files import Resource, ensure_resource
from anycord.models.messages import Attachment, MessageFlag
from anycord.rest.endpoints._base import EndpointBase
from anycord.rest.endpoints._payloads import message_body, sid
from anycord.rest.endpoints.interactions import POST_CALLBACK
from anycord.rest.endpoints.messages import POST_MESSAGE, new_nonce
from anycord.rest.endpoints.webhooks import PATCH_ORIGINAL, POST_EXECUTE
from anycord.serde.messages import decode_message
from anycord.undefined import UNDEFINED, UndefinedOr

if typing.TYPE_CHECKING:
    from anycord.files import Resourceish
    from anycord.models.messages import Message
    from anycord.snowflakes import SnowflakeishOr

__all__ = ["VoiceMessageEndpoints", "voice_message_body"]

_CHANNEL_MESSAGE_WITH_SOURCE = 4


def voice_message_body(
    attachment: Resourceish | Attachment,
    waveform: str,
    duration: float,
    flags: UndefinedOr[int] = UNDEFINED,
) -> tuple[dict[str, typing.Any], list[Resource]]:
    """The JSON body and the one file of a voice message.

    Raises `ValueError` when the upload is not audio (its content type must start with
    `audio/`), when `duration` is not a positive finite number or `waveform` is empty, and
    `TypeError` when `attachment` cannot be uploaded. An existing `Attachment` is kept by ID
    (an interaction's deferred response being edited into a voice message).
    """
    if not isinstance(waveform, str) or not waveform:
        msg = "a voice message needs its waveform (base64, one byte per sample)"
        raise ValueError(msg)
    seconds = float(duration)
    if not math.isfinite(seconds) or seconds <= 0:
        msg = f"a voice message's duration must be a positive number of seconds, not {duration!r}"
        raise ValueError(msg)
    meta: dict[str, typing.Any] = {"duration_secs": seconds, "waveform": waveform}
    files: list[Resource] = []
    if isinstance(attachment, Attachment):
        media_type = attachment.media_type or ""
        meta["id"] = str(attachment.id)
    else:
        resource = ensure_resource(attachment)
        media_type = resource.content_type
        meta.update(id=0, filename=resource.filename)
        files.append(resource)
    if not media_type.startswith("audio/"):
        msg = (
            "a voice message's attachment must be audio (a content type starting with 'audio/',"
            f" such as an .ogg file), not {media_type or 'an unknown type'!r}"
        )
        raise ValueError(msg)
    flag = int(MessageFlag.IS_VOICE_MESSAGE)
    body = {"flags": flag | (0 if flags is UNDEFINED else int(flags)), "attachments": [meta]}
    return body, files


class VoiceMessageEndpoints(EndpointBase):
    """Sending voice messages."""

    __slots__ = ()

    async def create_voice_message(
        self,
        channel: SnowflakeishOr,
        attachment: Resourceish,
        waveform: str,
        duration: float,
        *,
        reply: UndefinedOr[SnowflakeishOr] = UNDEFINED,
        reply_must_exist: UndefinedOr[bool] = UNDEFINED,
        mentions_reply: UndefinedOr[bool] = UNDEFINED,
        flags: UndefinedOr[int] = UNDEFINED,
    ) -> Message:
        """Send `attachment` (audio) as a voice message in `channel`.

        Like `create_message`, the body carries a fresh nonce with `enforce_nonce`, so a
        retried request cannot post the voice message twice.
        """
        body, files = voice_message_body(attachment, waveform, duration, flags)
        # The reply and its mention are built as for any message.
        reply_fields, _ = message_body(
            reply=reply, reply_must_exist=reply_must_exist, mentions_reply=mentions_reply
        )
        body.update(reply_fields)
        body["nonce"] = new_nonce()
        body["enforce_nonce"] = True
        route = POST_MESSAGE.compile(channel_id=sid(channel))
        payload = await self._request(route, json=body, files=files)
        return decode_message(payload, self._app)

    async def execute_webhook_voice_message(
        self,
        webhook: SnowflakeishOr,
        token: str,
        attachment: Resourceish,
        waveform: str,
        duration: float,
        *,
        thread: UndefinedOr[SnowflakeishOr] = UNDEFINED,
        username: UndefinedOr[str] = UNDEFINED,
        avatar_url: UndefinedOr[str] = UNDEFINED,
        flags: UndefinedOr[int] = UNDEFINED,
    ) -> Message:
        """Post a voice message through a webhook (or as an interaction follow-up); waits for
        the message. The token never reaches a log line (see `anycord.rest.routes`)."""
        body, files = voice_message_body(attachment, waveform, duration, flags)
        if username is not UNDEFINED:
            body["username"] = username
        if avatar_url is not UNDEFINED:
            body["avatar_url"] = str(avatar_url)
        query: dict[str, str | int | bool] = {"wait": True}
        if thread is not UNDEFINED:
            query["thread_id"] = str(sid(thread))
        route = POST_EXECUTE.compile(webhook_id=sid(webhook), webhook_token=token)
        payload = await self._request(route, query=query, json=body, files=files, auth=None)
        return decode_message(payload, self._app)

    async def create_interaction_voice_message_response(
        self,
        interaction: SnowflakeishOr,
        token: str,
        attachment: Resourceish,
        waveform: str,
        duration: float,
        *,
        flags: UndefinedOr[int] = UNDEFINED,
    ) -> None:
        """Answer an interaction with a voice message (a type 4 response)."""
        data, files = voice_message_body(attachment, waveform, duration, flags)
        body = {"type": _CHANNEL_MESSAGE_WITH_SOURCE, "data": data}
        route = POST_CALLBACK.compile(interaction_id=sid(interaction), interaction_token=token)
        await self._request(route, json=body, files=files, auth=None)

    async def edit_interaction_voice_message_response(
        self,
        application: SnowflakeishOr,
        token: str,
        attachment: Resourceish | Attachment,
        waveform: str,
        duration: float,
    ) -> Message:
        """Turn a deferred interaction response into a voice message."""
        body, files = voice_message_body(attachment, waveform, duration)
        route = PATCH_ORIGINAL.compile(webhook_id=sid(application), webhook_token=token)
        payload = await self._request(route, json=body, files=files, auth=None)
        return decode_message(payload, self._app)
