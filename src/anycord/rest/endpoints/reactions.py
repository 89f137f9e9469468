"""REST endpoints: reactions (add, remove, list who reacted).

An emoji is a Unicode string (`"👍"`), a custom emoji object, `"name:id"`, or a name with
`emoji_id=`; it is URL-quoted into the path as Discord expects.
"""

from __future__ import annotations

import typing

from anycord.rest.endpoints._base import EndpointBase
from anycord.rest.endpoints._payloads import sid
from anycord.rest.routes import Route
from anycord.serde.users import decode_user
from anycord.undefined import UNDEFINED, UndefinedOr

if typing.TYPE_CHECKING:
    from anycord.models.emojis import Emoji
    from anycord.models.users import User
    from anycord.rest.pagination import LazyIterator
    from anycord.rest.routes import CompiledRoute
    from anycord.snowflakes import Snowflake, SnowflakeishOr

__all__ = ["ReactionEndpoints", "emoji_path"]

_R = "/channels/{channel_id}/messages/{message_id}/reactions"
PUT_MY_REACTION = Route("PUT", _R + "/{emoji_name}/@me")
DELETE_MY_REACTION = Route("DELETE", _R + "/{emoji_name}/@me")
DELETE_USER_REACTION = Route("DELETE", _R + "/{emoji_name}/{user_id}")
GET_REACTIONS = Route("GET", _R + "/{emoji_name}")
DELETE_EMOJI_REACTIONS = Route("DELETE", _R + "/{emoji_name}")
DELETE_ALL_REACTIONS = Route("DELETE", _R)


def emoji_path(emoji: str | Emoji, emoji_id: UndefinedOr[SnowflakeishOr] = UNDEFINED) -> str:
    """The emoji as the path wants it: the Unicode character, or `name:id`."""
    if emoji_id is not UNDEFINED:
        return f"{emoji}:{sid(emoji_id)}"
    if isinstance(emoji, str):
        return emoji.strip("<>").removeprefix("a:").lstrip(":")
    name = getattr(emoji, "name", None)
    ident = getattr(emoji, "id", None)
    if ident is not None:
        return f"{name}:{int(ident)}"
    if name is not None:
        return str(name)
    msg = f"not an emoji: {emoji!r}"
    raise TypeError(msg)


class ReactionEndpoints(EndpointBase):
    """Reactions on messages."""

    __slots__ = ()

    async def add_reaction(
        self,
        channel: SnowflakeishOr,
        message: SnowflakeishOr,
        emoji: str | Emoji,
        emoji_id: UndefinedOr[SnowflakeishOr] = UNDEFINED,
    ) -> None:
        """React with `emoji` as the bot."""
        await self._request(_route(PUT_MY_REACTION, channel, message, emoji, emoji_id))

    async def delete_my_reaction(
        self,
        channel: SnowflakeishOr,
        message: SnowflakeishOr,
        emoji: str | Emoji,
        emoji_id: UndefinedOr[SnowflakeishOr] = UNDEFINED,
    ) -> None:
        """Remove the bot's own reaction."""
        await self._request(_route(DELETE_MY_REACTION, channel, message, emoji, emoji_id))

    async def delete_reaction(
        self,
        channel: SnowflakeishOr,
        message: SnowflakeishOr,
        user: SnowflakeishOr,
        emoji: str | Emoji,
        emoji_id: UndefinedOr[SnowflakeishOr] = UNDEFINED,
    ) -> None:
        """Remove a user's reaction (needs MANAGE_MESSAGES)."""
        route = _route(DELETE_USER_REACTION, channel, message, emoji, emoji_id, user_id=sid(user))
        await self._request(route)

    async def delete_all_reactions_for_emoji(
        self,
        channel: SnowflakeishOr,
        message: SnowflakeishOr,
        emoji: str | Emoji,
        emoji_id: UndefinedOr[SnowflakeishOr] = UNDEFINED,
    ) -> None:
        """Remove every reaction of one emoji."""
        await self._request(_route(DELETE_EMOJI_REACTIONS, channel, message, emoji, emoji_id))

    async def delete_all_reactions(self, channel: SnowflakeishOr, message: SnowflakeishOr) -> None:
        """Remove every reaction from a message."""
        route = DELETE_ALL_REACTIONS.compile(channel_id=sid(channel), message_id=sid(message))
        await self._request(route)

    def fetch_reactions_for_emoji(
        self,
        channel: SnowflakeishOr,
        message: SnowflakeishOr,
        emoji: str | Emoji,
        emoji_id: UndefinedOr[SnowflakeishOr] = UNDEFINED,
    ) -> LazyIterator[User]:
        """The users who reacted with `emoji`, by ID ascending."""
        route = _route(GET_REACTIONS, channel, message, emoji, emoji_id)
        app = self._app
        return self._paginate(route, lambda raw: decode_user(raw, app), page_size=100)


def _route(
    route: Route,
    channel: SnowflakeishOr,
    message: SnowflakeishOr,
    emoji: str | Emoji,
    emoji_id: UndefinedOr[SnowflakeishOr],
    **more: Snowflake,
) -> CompiledRoute:
    return route.compile(
        channel_id=sid(channel),
        message_id=sid(message),
        emoji_name=emoji_path(emoji, emoji_id),
        **more,
    )
