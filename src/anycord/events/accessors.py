"""Cache accessors on events: `event.get_guild()`, `get_channel()`, `get_member()`,
`get_user()`, as hikari's event classes have them.

Each reads the bot's cache (`event.app.cache`) by the IDs the event carries and returns
`None` when the entity is not cached, when the cache does not keep that kind of entity, or
when the event has no bot with a cache (built by hand, or received by a REST-only app).
They never make a request: fetch with `event.app.rest.fetch_…` for that.
"""

from __future__ import annotations

import typing

if typing.TYPE_CHECKING:
    from anycord.models.channels import GuildChannel
    from anycord.models.guilds import GatewayGuild
    from anycord.models.members import Member
    from anycord.models.users import User

__all__ = ["ChannelAccessor", "GuildAccessor", "MemberAccessor", "UserAccessor"]


def _cache(event: object) -> typing.Any:
    return getattr(getattr(event, "app", None), "cache", None)


def _user_id(event: object) -> typing.Any:
    for name in ("author_id", "user_id"):
        value = getattr(event, name, None)
        if value is not None:
            return value
    message = getattr(event, "message", None)
    author = getattr(message, "author", None)
    return getattr(author, "id", None)


class GuildAccessor:
    """`get_guild()` for events with a `guild_id`."""

    __slots__ = ()

    def get_guild(self) -> GatewayGuild | None:
        """The event's guild from the cache (`None` when not cached)."""
        cache = _cache(self)
        guild_id = getattr(self, "guild_id", None)
        if cache is None or guild_id is None:
            return None
        return typing.cast("GatewayGuild | None", cache.get_guild(guild_id))


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
        return typing.cast("GuildChannel | None", found)


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
        return typing.cast("Member | None", cache.get_member(guild_id, user_id))


class UserAccessor:
    """`get_user()` for events about one user."""

    __slots__ = ()

    def get_user(self) -> User | None:
        """The user from the cache (`None` when not cached)."""
        cache = _cache(self)
        user_id = _user_id(self)
        if cache is None or user_id is None:
            return None
        return typing.cast("User | None", cache.get_user(user_id))
