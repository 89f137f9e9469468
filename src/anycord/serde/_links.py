"""Where M2's families (messages, interactions, audit logs …) reach into M1's (emojis,
members, channels, roles, stickers …): every cross-family decode/encode goes through this
one module, so the seam between the two halves of the codec is in one place.
"""

from __future__ import annotations

import typing

from anycord.models.channels import ChannelType
from anycord.serde.channels import decode_channel as _decode_channel
from anycord.serde.channels import encode_channel as encode_channel
from anycord.serde.emojis import decode_emoji as _decode_emoji
from anycord.serde.emojis import encode_emoji as _encode_emoji
from anycord.serde.members import decode_interaction_member as decode_interaction_member
from anycord.serde.members import decode_member as _decode_member
from anycord.serde.members import decode_partial_member as decode_partial_member
from anycord.serde.members import encode_member as _encode_member
from anycord.serde.members import encode_partial_member as encode_partial_member
from anycord.serde.roles import decode_role as decode_role
from anycord.serde.roles import encode_role as encode_role
from anycord.serde.stickers import decode_partial_sticker as decode_partial_sticker
from anycord.serde.stickers import encode_sticker as encode_partial_sticker
from anycord.serde.users import decode_user as decode_user
from anycord.serde.users import encode_user as encode_user

if typing.TYPE_CHECKING:
    from anycord.models.channels import PartialChannel
    from anycord.models.emojis import CustomEmoji, Emoji, UnicodeEmoji
    from anycord.models.members import InteractionMember, Member
    from anycord.models.users import User
    from anycord.serde._core import JSONObject
    from anycord.snowflakes import Snowflake
    from anycord.traits import RESTAware

__all__ = [
    "channel_type",
    "decode_channel",
    "decode_interaction_member",
    "decode_member",
    "decode_partial_emoji",
    "decode_partial_member",
    "decode_partial_sticker",
    "decode_resolved_member",
    "decode_role",
    "decode_user",
    "encode_channel",
    "encode_member",
    "encode_partial_emoji",
    "encode_partial_member",
    "encode_partial_sticker",
    "encode_role",
    "encode_user",
]


def decode_partial_emoji(payload: JSONObject) -> UnicodeEmoji | CustomEmoji:
    """A partial emoji (`id`, `name`, `animated`) as in components, reactions and polls."""
    return _decode_emoji(payload)


def encode_partial_emoji(emoji: Emoji) -> JSONObject:
    """A partial emoji as sent (`{"id", "name", "animated"}`; Unicode emojis have a null `id`)."""
    return _encode_emoji(typing.cast("UnicodeEmoji | CustomEmoji", emoji))


def channel_type(value: int) -> ChannelType:
    """A channel type enum member (unknown values tolerated)."""
    return ChannelType(value)


def decode_member(
    payload: JSONObject, app: RESTAware | None, *, guild_id: Snowflake, user: User
) -> Member:
    """A guild member whose user is given separately (message `member` + `author`)."""
    return _decode_member(payload, app, guild_id, user=user)


def decode_resolved_member(
    payload: JSONObject, app: RESTAware | None, *, guild_id: Snowflake, user: User
) -> InteractionMember:
    """A member of interaction `resolved` data (sent without its user, with `permissions`)."""
    return decode_interaction_member({**payload, "user": encode_user(user)}, app, guild_id)


def encode_member(member: Member) -> JSONObject:
    """A member without `user`/`guild_id` (as nested in a message)."""
    out = _encode_member(member)
    out.pop("user", None)
    out.pop("guild_id", None)
    return out


def decode_channel(
    payload: JSONObject, app: RESTAware | None = None, guild_id: Snowflake | None = None
) -> PartialChannel:
    """Any channel or thread, by type."""
    return _decode_channel(payload, app, guild_id)
