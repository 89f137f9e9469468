"""Building message-like request bodies (messages, webhooks, interaction responses).

`message_body()` turns hikari-style arguments (`content`, `attachment(s)`, `embed(s)`,
`component(s)`, mentions, ...) into the JSON body and the list of files to upload. Each part
is encoded by `anycord.models.message_parts` (attachments, embeds, components, polls) and
`build_allowed_mentions` (mentions): the same encoders an interaction response builder uses,
so a part is accepted, refused or encoded alike on every path. New uploads get
`attachments[n] = {"id": n, "filename": ...}` matching the `files[n]` parts; existing
attachments (`Attachment` models, when editing) are kept by ID. Only arguments that were
given reach the body.

Endpoints whose signatures repeat these arguments call `message_body_from(locals())`, so the
mapping from arguments to body lives here once.
"""

from __future__ import annotations

import inspect
import typing

from anycord.models.message_parts import (
    encode_attachment_parts,
    encode_component_part,
    encode_embed_part,
    encode_poll_part,
)
from anycord.models.response_builders import build_allowed_mentions
from anycord.snowflakes import Snowflake, to_snowflake
from anycord.undefined import UNDEFINED, UndefinedOr

if typing.TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from anycord.files import Resource
    from anycord.models.message_parts import Attachmentish, Componentish, Embedish, Pollish
    from anycord.snowflakes import SnowflakeishOr

__all__ = ["message_body", "message_body_from", "one_or_many", "sid"]

_T = typing.TypeVar("_T")


def sid(value: SnowflakeishOr) -> Snowflake:
    """The snowflake of an object or ID (a clear `TypeError` otherwise)."""
    return to_snowflake(value)


def one_or_many(
    name: str, one: UndefinedOr[_T], many: UndefinedOr[Iterable[_T] | None]
) -> UndefinedOr[list[_T]]:
    """`[one]`, `list(many)`, or `UNDEFINED`; both given is a `ValueError` naming them."""
    if one is not UNDEFINED and many is not UNDEFINED:
        msg = f"pass either {name} or {name}s, not both"
        raise ValueError(msg)
    if one is not UNDEFINED:
        return [one]
    if many is not UNDEFINED:
        return [] if many is None else [*many]
    nothing: UndefinedOr[list[_T]] = UNDEFINED
    return nothing


def message_body(
    *,
    content: UndefinedOr[typing.Any] = UNDEFINED,
    attachment: UndefinedOr[Attachmentish] = UNDEFINED,
    attachments: UndefinedOr[Sequence[Attachmentish] | None] = UNDEFINED,
    component: UndefinedOr[Componentish] = UNDEFINED,
    components: UndefinedOr[Sequence[Componentish] | None] = UNDEFINED,
    embed: UndefinedOr[Embedish] = UNDEFINED,
    embeds: UndefinedOr[Sequence[Embedish] | None] = UNDEFINED,
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
    extra: dict[str, typing.Any] | None = None,
) -> tuple[dict[str, typing.Any], list[Resource]]:
    """The JSON body and the files of a message-like request (see the module docstring)."""
    body: dict[str, typing.Any] = {}
    files: list[Resource] = []
    if content is not UNDEFINED:
        body["content"] = None if content is None else str(content)
    found = one_or_many("attachment", attachment, attachments)
    if found is not UNDEFINED:
        body["attachments"], files = encode_attachment_parts(found)
    found_components = one_or_many("component", component, components)
    if found_components is not UNDEFINED:
        body["components"] = [encode_component_part(c) for c in found_components]
    found_embeds = one_or_many("embed", embed, embeds)
    if found_embeds is not UNDEFINED:
        body["embeds"] = [encode_embed_part(e) for e in found_embeds]
    if poll is not UNDEFINED:
        body["poll"] = encode_poll_part(poll)
    found_stickers = one_or_many("sticker", sticker, stickers)
    if found_stickers is not UNDEFINED:
        body["sticker_ids"] = [str(sid(s)) for s in found_stickers]
    if tts is not UNDEFINED:
        body["tts"] = tts
    if reply is not UNDEFINED:
        reference: dict[str, typing.Any] = {"message_id": str(sid(reply))}
        if reply_must_exist is not UNDEFINED:
            reference["fail_if_not_exists"] = reply_must_exist
        body["message_reference"] = reference
    if flags is not UNDEFINED:
        body["flags"] = int(flags)
    if nonce is not UNDEFINED:
        body["nonce"] = nonce
    if enforce_nonce is not UNDEFINED:
        body["enforce_nonce"] = enforce_nonce
    mentions = build_allowed_mentions(
        mentions_everyone=mentions_everyone,
        mentions_reply=mentions_reply,
        user_mentions=user_mentions,
        role_mentions=role_mentions,
    )
    if mentions is not None:
        body["allowed_mentions"] = mentions
    if extra:
        body.update({k: v for k, v in extra.items() if v is not UNDEFINED})
    return body, files


_MESSAGE_ARGUMENTS = frozenset(inspect.signature(message_body).parameters) - {"extra"}


def message_body_from(
    arguments: Mapping[str, typing.Any], *extra: str
) -> tuple[dict[str, typing.Any], list[Resource]]:
    """`message_body()` of the message arguments among `arguments` (an endpoint's `locals()`).

    Names in `extra` go into the body under the same name when given (a webhook's
    `username`, a modal's `title`); other names (`self`, IDs, `reason`) are ignored.
    """
    given = {k: v for k, v in arguments.items() if k in _MESSAGE_ARGUMENTS}
    return message_body(**given, extra={name: arguments[name] for name in extra})
