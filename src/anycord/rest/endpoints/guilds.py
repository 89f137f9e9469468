"""REST endpoints: guilds (fetch, edit) and bans."""

from __future__ import annotations

import typing

from anycord.rest.endpoints._base import EndpointBase
from anycord.rest.endpoints._payloads import sid
from anycord.rest.routes import Route
from anycord.serde.channels import decode_channel
from anycord.serde.guilds import decode_rest_guild
from anycord.undefined import UNDEFINED, UndefinedOr

if typing.TYPE_CHECKING:
    from anycord.models.channels import PartialChannel
    from anycord.models.guild_edits import GuildEditFields
    from anycord.models.guilds import RESTGuild
    from anycord.snowflakes import SnowflakeishOr

__all__ = ["GuildEndpoints"]

GET_GUILD = Route("GET", "/guilds/{guild_id}")
PATCH_GUILD = Route("PATCH", "/guilds/{guild_id}")
GET_GUILD_CHANNELS = Route("GET", "/guilds/{guild_id}/channels")
PUT_BAN = Route("PUT", "/guilds/{guild_id}/bans/{user_id}")
DELETE_BAN = Route("DELETE", "/guilds/{guild_id}/bans/{user_id}")


class GuildEndpoints(EndpointBase):
    """Guilds."""

    __slots__ = ()

    async def fetch_guild(self, guild: SnowflakeishOr, *, with_counts: bool = True) -> RESTGuild:
        """A guild with its roles, emojis and stickers (and approximate counts)."""
        route = GET_GUILD.compile(guild_id=sid(guild))
        payload = await self._request(route, query={"with_counts": with_counts})
        return decode_rest_guild(payload, self._app)

    async def edit_guild(
        self,
        guild: SnowflakeishOr,
        *,
        name: UndefinedOr[str] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
        **fields: typing.Unpack[GuildEditFields],
    ) -> RESTGuild:
        """Change a guild's settings: `name`, or any field of Modify Guild by its JSON name."""
        body: dict[str, object] = {k: v for k, v in fields.items() if v is not UNDEFINED}
        if name is not UNDEFINED:
            body["name"] = name
        route = PATCH_GUILD.compile(guild_id=sid(guild))
        return decode_rest_guild(await self._request(route, json=body, reason=reason), self._app)

    async def fetch_guild_channels(self, guild: SnowflakeishOr) -> list[PartialChannel]:
        """A guild's channels (threads excluded)."""
        guild_id = sid(guild)
        payload = await self._request(GET_GUILD_CHANNELS.compile(guild_id=guild_id))
        return [decode_channel(p, self._app, guild_id) for p in payload]

    async def ban_user(
        self,
        guild: SnowflakeishOr,
        user: SnowflakeishOr,
        *,
        delete_message_seconds: UndefinedOr[int] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> None:
        """Ban a user, optionally deleting up to 7 days (604800 s) of their messages."""
        body: dict[str, typing.Any] = {}
        if delete_message_seconds is not UNDEFINED:
            if not 0 <= delete_message_seconds <= 604800:
                msg = f"delete_message_seconds must be 0..604800, not {delete_message_seconds}"
                raise ValueError(msg)
            body["delete_message_seconds"] = delete_message_seconds
        route = PUT_BAN.compile(guild_id=sid(guild), user_id=sid(user))
        await self._request(route, json=body, reason=reason)

    async def unban_user(
        self, guild: SnowflakeishOr, user: SnowflakeishOr, *, reason: UndefinedOr[str] = UNDEFINED
    ) -> None:
        """Lift a ban."""
        route = DELETE_BAN.compile(guild_id=sid(guild), user_id=sid(user))
        await self._request(route, reason=reason)

    ban_member = ban_user
    """hikari's other name for `ban_user`."""
    unban_member = unban_user
    """hikari's other name for `unban_user`."""
