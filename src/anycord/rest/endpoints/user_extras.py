"""REST endpoints: the current user's connections and guild membership (Bearer token).

Shapes from resources/user.mdx. Connections have no model yet: they are returned as the JSON
objects Discord sends (`type`, `id`, `name`, `verified`, `visibility`, ...).
"""

from __future__ import annotations

import typing

from anycord.rest.endpoints._base import EndpointBase
from anycord.rest.endpoints._payloads import sid
from anycord.rest.routes import Route
from anycord.serde.members import decode_member

if typing.TYPE_CHECKING:
    from anycord.models.members import Member
    from anycord.snowflakes import SnowflakeishOr

__all__ = ["UserExtraEndpoints"]

GET_MY_CONNECTIONS = Route("GET", "/users/@me/connections")
GET_MY_GUILD_MEMBER = Route("GET", "/users/@me/guilds/{guild_id}/member")


class UserExtraEndpoints(EndpointBase):
    """Current-user routes that need an OAuth2 Bearer token."""

    __slots__ = ()

    async def fetch_my_connections(self) -> list[dict[str, typing.Any]]:
        """The current user's linked accounts (Bearer token with `connections`)."""
        return list(await self._request(GET_MY_CONNECTIONS.compile()) or ())

    async def fetch_my_member(self, guild: SnowflakeishOr) -> Member:
        """The current user's membership of a guild (Bearer token with `guilds.members.read`)."""
        guild_id = sid(guild)
        payload = await self._request(GET_MY_GUILD_MEMBER.compile(guild_id=guild_id))
        return decode_member(payload, self._app, guild_id)
