"""REST endpoints: guild members (fetch, iterate, edit, roles, kick)."""

from __future__ import annotations

import typing

from anycord.rest.endpoints._base import EndpointBase
from anycord.rest.endpoints._payloads import sid
from anycord.rest.routes import Route
from anycord.serde._core import to_iso
from anycord.serde.members import decode_member
from anycord.undefined import UNDEFINED, UndefinedNoneOr, UndefinedOr

if typing.TYPE_CHECKING:
    import datetime
    from collections.abc import Sequence

    from anycord.models.members import Member
    from anycord.rest.pagination import LazyIterator
    from anycord.snowflakes import SnowflakeishOr

__all__ = ["MemberEndpoints"]

GET_MEMBER = Route("GET", "/guilds/{guild_id}/members/{user_id}")
GET_MEMBERS = Route("GET", "/guilds/{guild_id}/members")
SEARCH_MEMBERS = Route("GET", "/guilds/{guild_id}/members/search")
PATCH_MEMBER = Route("PATCH", "/guilds/{guild_id}/members/{user_id}")
PATCH_MY_MEMBER = Route("PATCH", "/guilds/{guild_id}/members/@me")
DELETE_MEMBER = Route("DELETE", "/guilds/{guild_id}/members/{user_id}")
PUT_MEMBER_ROLE = Route("PUT", "/guilds/{guild_id}/members/{user_id}/roles/{role_id}")
DELETE_MEMBER_ROLE = Route("DELETE", "/guilds/{guild_id}/members/{user_id}/roles/{role_id}")


class MemberEndpoints(EndpointBase):
    """Guild members."""

    __slots__ = ()

    async def fetch_member(self, guild: SnowflakeishOr, user: SnowflakeishOr) -> Member:
        """One member."""
        guild_id = sid(guild)
        payload = await self._request(GET_MEMBER.compile(guild_id=guild_id, user_id=sid(user)))
        return decode_member(payload, self._app, guild_id)

    def fetch_members(self, guild: SnowflakeishOr) -> LazyIterator[Member]:
        """Every member (needs the GUILD_MEMBERS intent), 1000 per request, by user ID."""
        guild_id = sid(guild)
        route = GET_MEMBERS.compile(guild_id=guild_id)
        app = self._app

        return self._paginate(
            route,
            lambda raw: decode_member(raw, app, guild_id),
            page_size=1000,
            next_cursor=lambda raw: str(raw["user"]["id"]),
        )

    async def search_members(
        self, guild: SnowflakeishOr, name: str, *, limit: int = 1000
    ) -> list[Member]:
        """Members whose username or nickname starts with `name`."""
        guild_id = sid(guild)
        route = SEARCH_MEMBERS.compile(guild_id=guild_id)
        payload = await self._request(route, query={"query": name, "limit": limit})
        return [decode_member(p, self._app, guild_id) for p in payload]

    async def edit_member(
        self,
        guild: SnowflakeishOr,
        user: SnowflakeishOr,
        *,
        nickname: UndefinedNoneOr[str] = UNDEFINED,
        nick: UndefinedNoneOr[str] = UNDEFINED,
        roles: UndefinedOr[Sequence[SnowflakeishOr]] = UNDEFINED,
        mute: UndefinedOr[bool] = UNDEFINED,
        deaf: UndefinedOr[bool] = UNDEFINED,
        voice_channel: UndefinedNoneOr[SnowflakeishOr] = UNDEFINED,
        communication_disabled_until: UndefinedNoneOr[datetime.datetime] = UNDEFINED,
        flags: UndefinedOr[int] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> Member:
        """Change a member; `None` clears nickname, voice channel or timeout."""
        if nickname is not UNDEFINED and nick is not UNDEFINED:
            msg = "pass either nickname or nick, not both"
            raise ValueError(msg)
        body: dict[str, typing.Any] = {}
        chosen = nickname if nickname is not UNDEFINED else nick
        if chosen is not UNDEFINED:
            body["nick"] = chosen
        if roles is not UNDEFINED:
            body["roles"] = [str(sid(r)) for r in roles]
        if mute is not UNDEFINED:
            body["mute"] = mute
        if deaf is not UNDEFINED:
            body["deaf"] = deaf
        if voice_channel is not UNDEFINED:
            body["channel_id"] = None if voice_channel is None else str(sid(voice_channel))
        if communication_disabled_until is not UNDEFINED:
            until = communication_disabled_until
            body["communication_disabled_until"] = None if until is None else to_iso(until)
        if flags is not UNDEFINED:
            body["flags"] = int(flags)
        guild_id = sid(guild)
        route = PATCH_MEMBER.compile(guild_id=guild_id, user_id=sid(user))
        payload = await self._request(route, json=body, reason=reason)
        return decode_member(payload, self._app, guild_id)

    async def edit_my_member(
        self,
        guild: SnowflakeishOr,
        *,
        nickname: UndefinedNoneOr[str] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> Member:
        """Change the bot's own nickname."""
        body = {} if nickname is UNDEFINED else {"nick": nickname}
        guild_id = sid(guild)
        route = PATCH_MY_MEMBER.compile(guild_id=guild_id)
        return decode_member(
            await self._request(route, json=body, reason=reason), self._app, guild_id
        )

    async def add_role_to_member(
        self,
        guild: SnowflakeishOr,
        user: SnowflakeishOr,
        role: SnowflakeishOr,
        *,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> None:
        """Give a member a role."""
        route = PUT_MEMBER_ROLE.compile(guild_id=sid(guild), user_id=sid(user), role_id=sid(role))
        await self._request(route, reason=reason)

    async def remove_role_from_member(
        self,
        guild: SnowflakeishOr,
        user: SnowflakeishOr,
        role: SnowflakeishOr,
        *,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> None:
        """Take a role from a member."""
        route = DELETE_MEMBER_ROLE.compile(
            guild_id=sid(guild), user_id=sid(user), role_id=sid(role)
        )
        await self._request(route, reason=reason)

    async def kick_user(
        self, guild: SnowflakeishOr, user: SnowflakeishOr, *, reason: UndefinedOr[str] = UNDEFINED
    ) -> None:
        """Remove a member from the guild."""
        route = DELETE_MEMBER.compile(guild_id=sid(guild), user_id=sid(user))
        await self._request(route, reason=reason)

    kick_member = kick_user
