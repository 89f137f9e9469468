"""The keyword arguments that model shortcuts forward to REST, as typed dictionaries.

`interaction.create_initial_response(..., **options)`, `edit_initial_response`, `execute`,
`message.respond`/`edit`, `channel.send`, `member.send` and the webhook shortcuts take
`**options: typing.Unpack[...]` of these (and `anycord.traits.ModelREST` declares the REST
methods with them), so a misspelt keyword (`compnent=`) or a value
of the wrong type fails `mypy --strict` instead of reaching the REST client.
tests/models/test_message_options.py checks each against the REST method it forwards to.
"""

from __future__ import annotations

import typing

if typing.TYPE_CHECKING:
    from collections.abc import Sequence

    from anycord.models.message_parts import Attachmentish, Componentish, Embedish, Pollish
    from anycord.snowflakes import SnowflakeishOr
    from anycord.undefined import UndefinedOr

__all__ = [
    "InteractionResponseOptions",
    "MessageCreateOptions",
    "MessageEditOptions",
    "MessageRespondOptions",
    "WebhookMessageEditOptions",
    "WebhookMessageOptions",
]


class _MessageParts(typing.TypedDict, total=False):
    attachment: UndefinedOr[Attachmentish]
    component: UndefinedOr[Componentish]
    embed: UndefinedOr[Embedish]
    mentions_everyone: UndefinedOr[bool]
    user_mentions: UndefinedOr[Sequence[SnowflakeishOr] | bool]
    role_mentions: UndefinedOr[Sequence[SnowflakeishOr] | bool]
    flags: UndefinedOr[int]


class MessageRespondOptions(_MessageParts, total=False):
    """`RESTClient.create_message`'s keywords but `reply` (`Message.respond` has its own)."""

    attachments: UndefinedOr[Sequence[Attachmentish]]
    components: UndefinedOr[Sequence[Componentish]]
    embeds: UndefinedOr[Sequence[Embedish]]
    poll: UndefinedOr[Pollish]
    sticker: UndefinedOr[SnowflakeishOr]
    stickers: UndefinedOr[Sequence[SnowflakeishOr]]
    tts: UndefinedOr[bool]
    reply_must_exist: UndefinedOr[bool]
    mentions_reply: UndefinedOr[bool]
    nonce: UndefinedOr[str | int]
    enforce_nonce: UndefinedOr[bool]


class MessageCreateOptions(MessageRespondOptions, total=False):
    """`RESTClient.create_message`'s keywords."""

    reply: UndefinedOr[SnowflakeishOr]


class MessageEditOptions(_MessageParts, total=False):
    """`RESTClient.edit_message`'s keywords."""

    attachments: UndefinedOr[Sequence[Attachmentish] | None]
    components: UndefinedOr[Sequence[Componentish] | None]
    embeds: UndefinedOr[Sequence[Embedish] | None]
    mentions_reply: UndefinedOr[bool]


class InteractionResponseOptions(_MessageParts, total=False):
    """`RESTClient.create_interaction_response`'s keywords."""

    tts: UndefinedOr[bool]
    attachments: UndefinedOr[Sequence[Attachmentish]]
    components: UndefinedOr[Sequence[Componentish]]
    embeds: UndefinedOr[Sequence[Embedish]]
    poll: UndefinedOr[Pollish]
    choices: UndefinedOr[Sequence[typing.Any]]
    title: UndefinedOr[str]
    custom_id: UndefinedOr[str]


class WebhookMessageEditOptions(_MessageParts, total=False):
    """`RESTClient.edit_webhook_message`'s keywords."""

    thread: UndefinedOr[SnowflakeishOr]
    attachments: UndefinedOr[Sequence[Attachmentish] | None]
    components: UndefinedOr[Sequence[Componentish] | None]
    embeds: UndefinedOr[Sequence[Embedish] | None]


class WebhookMessageOptions(_MessageParts, total=False):
    """`RESTClient.execute_webhook`'s keywords."""

    username: UndefinedOr[str]
    avatar_url: UndefinedOr[str]
    thread: UndefinedOr[SnowflakeishOr]
    thread_name: UndefinedOr[str]
    attachments: UndefinedOr[Sequence[Attachmentish]]
    components: UndefinedOr[Sequence[Componentish]]
    embeds: UndefinedOr[Sequence[Embedish]]
    poll: UndefinedOr[Pollish]
    tts: UndefinedOr[bool]
