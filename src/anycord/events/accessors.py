"""Accessors on events, as hikari's event classes have them: `get_guild()`, `get_channel()`,
`get_member()`, `get_user()` read the cache; `fetch_guild()`, `fetch_channel()`,
`fetch_member()`, `fetch_user()` (and the others) ask the REST API.

A `get_…` reads the bot's cache (`event.app.cache`) by the IDs the event carries and returns
`None` when the entity is not cached, when the cache does not keep that kind of entity, or
when the event has no bot with a cache (built by hand, or received by a REST-only app). It
never makes a request.

A `fetch_…` makes one request through `event.app.rest` and returns what it answers (the
REST client's own errors, e.g. `NotFoundError`, pass through). An event built by hand
without an `app` raises `RuntimeError` instead; one that lacks the ID the fetch needs (an
invite outside a guild) raises `ValueError`.
"""

from __future__ import annotations

import typing

from anycord.undefined import UNDEFINED

if typing.TYPE_CHECKING:
    from anycord.cache.cache import Cache
    from anycord.models.channels import GuildChannel, PartialChannel
    from anycord.models.guild_satellites import GuildPreview
    from anycord.models.guilds import GatewayGuild, RESTGuild
    from anycord.models.members import Member
    from anycord.models.users import User
    from anycord.rest.client import RESTClient
    from anycord.snowflakes import Snowflake

__all__ = [
    "ChannelAccessor",
    "ChannelFetcher",
    "GuildAccessor",
    "MemberAccessor",
    "UserAccessor",
    "rest_of",
]

_T = typing.TypeVar("_T")


def _cache(event: object) -> Cache | None:
    return getattr(getattr(event, "app", None), "cache", None)


def rest_of(event: object) -> RESTClient:
    """The REST client of the bot that received `event` (`RuntimeError` for a hand-built
    event without an `app`)."""
    app = getattr(event, "app", None)
    if app is None:
        msg = (
            f"this {type(event).__name__} has no app (it was built by hand), so it cannot "
            "fetch; call the REST client yourself"
        )
        raise RuntimeError(msg)
    rest: RESTClient = app.rest
    return rest


def _need(event: object, value: _T | None, what: str) -> _T:
    if value is None:
        msg = f"this {type(event).__name__} carries no {what} to fetch with"
        raise ValueError(msg)
    return value


def _user_id(event: object) -> Snowflake | None:
    for name in ("author_id", "user_id"):
        value = getattr(event, name, None)
        # An update's `author_id` is UNDEFINED when Discord did not send the author.
        if value is not None and value is not UNDEFINED:
            return typing.cast("Snowflake", value)  # both names are Snowflake fields
    # A ban carries its `user`; a message event its `message.author`.
    user = getattr(event, "user", None) or getattr(getattr(event, "message", None), "author", None)
    user_id: Snowflake | None = getattr(user, "id", None)
    return user_id


def _channel_id(event: object) -> Snowflake | None:
    # Thread events name their channel `thread_id`.
    found = getattr(event, "channel_id", None)
    return found if found is not None else getattr(event, "thread_id", None)


class GuildAccessor:
    """`get_guild()` for events with a `guild_id`."""

    __slots__ = ()

    def get_guild(self) -> GatewayGuild | None:
        """The event's guild from the cache (`None` when not cached)."""
        cache = _cache(self)
        guild_id = getattr(self, "guild_id", None)
        if cache is None or guild_id is None:
            return None
        return cache.get_guild(guild_id)

    async def fetch_guild(self) -> RESTGuild:
        """The event's guild, fetched (with its roles, emojis and stickers)."""
        guild_id = _need(self, getattr(self, "guild_id", None), "guild ID")
        return await rest_of(self).fetch_guild(guild_id)

    async def fetch_guild_preview(self) -> GuildPreview:
        """The event's guild's preview, fetched."""
        guild_id = _need(self, getattr(self, "guild_id", None), "guild ID")
        return await rest_of(self).fetch_guild_preview(guild_id)


class ChannelAccessor:
    """`get_channel()` for events with a `channel_id` in a guild."""

    __slots__ = ()

    def get_channel(self) -> GuildChannel | None:
        """The event's channel (or thread) from the cache (`None` when not cached)."""
        cache = _cache(self)
        channel_id = getattr(self, "channel_id", None)
        if cache is None or channel_id is None:
            return None
        found = cache.get_guild_channel(channel_id) or cache.get_thread(channel_id)
        return found


class ChannelFetcher:
    """`fetch_channel()` for events about one channel or thread, in a guild or a DM."""

    __slots__ = ()

    async def fetch_channel(self) -> PartialChannel:
        """The event's channel (or thread), fetched."""
        channel_id = _need(self, _channel_id(self), "channel ID")
        return await rest_of(self).fetch_channel(channel_id)


class MemberAccessor:
    """`get_member()` for guild events about one user (the author, the typing user)."""

    __slots__ = ()

    def get_member(self) -> Member | None:
        """The user's member object in the event's guild, from the cache."""
        cache = _cache(self)
        guild_id = getattr(self, "guild_id", None)
        user_id = _user_id(self)
        if cache is None or guild_id is None or user_id is None:
            return None
        return cache.get_member(guild_id, user_id)

    async def fetch_member(self) -> Member:
        """The user's member object in the event's guild, fetched."""
        guild_id = _need(self, getattr(self, "guild_id", None), "guild ID")
        user_id = _need(self, _user_id(self), "user ID")
        return await rest_of(self).fetch_member(guild_id, user_id)


class UserAccessor:
    """`get_user()` for events about one user."""

    __slots__ = ()

    def get_user(self) -> User | None:
        """The user from the cache (`None` when not cached)."""
        cache = _cache(self)
        user_id = _user_id(self)
        if cache is None or user_id is None:
            return None
        return cache.get_user(user_id)

    async def fetch_user(self) -> User:
        """The user, fetched."""
        user_id = _need(self, _user_id(self), "user ID")
        return await rest_of(self).fetch_user(user_id)
