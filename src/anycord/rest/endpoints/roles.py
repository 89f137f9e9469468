"""REST endpoints: guild roles (fetch, create, edit, delete)."""

from __future__ import annotations

import typing

from anycord.files import to_data_uri
from anycord.rest.endpoints._base import EndpointBase
from anycord.rest.endpoints._payloads import sid
from anycord.rest.routes import Route
from anycord.serde.roles import decode_role
from anycord.undefined import UNDEFINED, UndefinedNoneOr, UndefinedOr

if typing.TYPE_CHECKING:
    from anycord.files import Resourceish
    from anycord.models.roles import Role
    from anycord.snowflakes import SnowflakeishOr

__all__ = ["RoleEndpoints"]

GET_ROLES = Route("GET", "/guilds/{guild_id}/roles")
GET_ROLE = Route("GET", "/guilds/{guild_id}/roles/{role_id}")
POST_ROLE = Route("POST", "/guilds/{guild_id}/roles")
PATCH_ROLE = Route("PATCH", "/guilds/{guild_id}/roles/{role_id}")
DELETE_ROLE = Route("DELETE", "/guilds/{guild_id}/roles/{role_id}")


async def _role_body(
    name: UndefinedNoneOr[str],
    permissions: UndefinedOr[int],
    color: UndefinedNoneOr[int],
    hoist: UndefinedOr[bool],
    icon: UndefinedNoneOr[Resourceish],
    unicode_emoji: UndefinedNoneOr[str],
    mentionable: UndefinedOr[bool],
) -> dict[str, typing.Any]:
    body: dict[str, typing.Any] = {}
    if name is not UNDEFINED:
        body["name"] = name
    if permissions is not UNDEFINED:
        body["permissions"] = str(int(permissions))
    if color is not UNDEFINED:
        body["color"] = 0 if color is None else int(color)
    if hoist is not UNDEFINED:
        body["hoist"] = hoist
    if icon is not UNDEFINED:
        body["icon"] = None if icon is None else await to_data_uri(icon)
    if unicode_emoji is not UNDEFINED:
        body["unicode_emoji"] = unicode_emoji
    if mentionable is not UNDEFINED:
        body["mentionable"] = mentionable
    return body


def _color(color: UndefinedNoneOr[int], colour: UndefinedNoneOr[int]) -> UndefinedNoneOr[int]:
    """`color`, or hikari's spelling `colour`; giving both is an error."""
    if colour is UNDEFINED:
        return color
    if color is not UNDEFINED:
        msg = "give color or colour, not both"
        raise TypeError(msg)
    return colour


class RoleEndpoints(EndpointBase):
    """Guild roles."""

    __slots__ = ()

    async def fetch_roles(self, guild: SnowflakeishOr) -> list[Role]:
        """Every role of a guild."""
        guild_id = sid(guild)
        payload = await self._request(GET_ROLES.compile(guild_id=guild_id))
        return [decode_role(p, self._app, guild_id) for p in payload]

    async def fetch_role(self, guild: SnowflakeishOr, role: SnowflakeishOr) -> Role:
        """One role."""
        guild_id = sid(guild)
        payload = await self._request(GET_ROLE.compile(guild_id=guild_id, role_id=sid(role)))
        return decode_role(payload, self._app, guild_id)

    async def create_role(
        self,
        guild: SnowflakeishOr,
        *,
        name: UndefinedNoneOr[str] = UNDEFINED,
        permissions: UndefinedOr[int] = UNDEFINED,
        color: UndefinedNoneOr[int] = UNDEFINED,
        colour: UndefinedNoneOr[int] = UNDEFINED,
        hoist: UndefinedOr[bool] = UNDEFINED,
        icon: UndefinedNoneOr[Resourceish] = UNDEFINED,
        unicode_emoji: UndefinedNoneOr[str] = UNDEFINED,
        mentionable: UndefinedOr[bool] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> Role:
        """Create a role."""
        body = await _role_body(
            name, permissions, _color(color, colour), hoist, icon, unicode_emoji, mentionable
        )
        guild_id = sid(guild)
        route = POST_ROLE.compile(guild_id=guild_id)
        return decode_role(
            await self._request(route, json=body, reason=reason), self._app, guild_id
        )

    async def edit_role(
        self,
        guild: SnowflakeishOr,
        role: SnowflakeishOr,
        *,
        name: UndefinedNoneOr[str] = UNDEFINED,
        permissions: UndefinedOr[int] = UNDEFINED,
        color: UndefinedNoneOr[int] = UNDEFINED,
        colour: UndefinedNoneOr[int] = UNDEFINED,
        hoist: UndefinedOr[bool] = UNDEFINED,
        icon: UndefinedNoneOr[Resourceish] = UNDEFINED,
        unicode_emoji: UndefinedNoneOr[str] = UNDEFINED,
        mentionable: UndefinedOr[bool] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> Role:
        """Change a role; only given fields are sent."""
        body = await _role_body(
            name, permissions, _color(color, colour), hoist, icon, unicode_emoji, mentionable
        )
        guild_id = sid(guild)
        route = PATCH_ROLE.compile(guild_id=guild_id, role_id=sid(role))
        return decode_role(
            await self._request(route, json=body, reason=reason), self._app, guild_id
        )

    async def delete_role(
        self, guild: SnowflakeishOr, role: SnowflakeishOr, reason: UndefinedOr[str] = UNDEFINED
    ) -> None:
        """Delete a role."""
        await self._request(
            DELETE_ROLE.compile(guild_id=sid(guild), role_id=sid(role)), reason=reason
        )
