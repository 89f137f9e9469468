"""REST endpoints: users (the bot's own user, other users, DMs, the bot's guilds)."""

from __future__ import annotations

import typing

from anycord.files import to_data_uri
from anycord.rest.endpoints._base import EndpointBase
from anycord.rest.endpoints._fields import cursor
from anycord.rest.endpoints._payloads import sid
from anycord.rest.routes import Route
from anycord.serde.channels import decode_channel
from anycord.serde.guilds import decode_partial_guild
from anycord.serde.users import decode_own_user, decode_user
from anycord.undefined import UNDEFINED, UndefinedNoneOr, UndefinedOr

if typing.TYPE_CHECKING:
    from anycord.files import Resourceish
    from anycord.models.channels import DMChannel
    from anycord.models.guilds import PartialGuild
    from anycord.models.users import OwnUser, User
    from anycord.rest.pagination import LazyIterator
    from anycord.snowflakes import SnowflakeishOr

__all__ = ["UserEndpoints"]

GET_MY_USER = Route("GET", "/users/@me")
PATCH_MY_USER = Route("PATCH", "/users/@me")
GET_USER = Route("GET", "/users/{user_id}")
POST_DM = Route("POST", "/users/@me/channels")
GET_MY_GUILDS = Route("GET", "/users/@me/guilds")
DELETE_MY_GUILD = Route("DELETE", "/users/@me/guilds/{guild_id}")


class UserEndpoints(EndpointBase):
    """Users."""

    __slots__ = ()

    async def fetch_my_user(self) -> OwnUser:
        """The token's own user."""
        return decode_own_user(await self._request(GET_MY_USER.compile()), self._app)

    async def edit_my_user(
        self,
        *,
        username: UndefinedOr[str] = UNDEFINED,
        avatar: UndefinedNoneOr[Resourceish] = UNDEFINED,
        banner: UndefinedNoneOr[Resourceish] = UNDEFINED,
    ) -> OwnUser:
        """Change the bot's username, avatar or banner (`None` removes an image)."""
        body: dict[str, typing.Any] = {}
        if username is not UNDEFINED:
            body["username"] = username
        for key, value in (("avatar", avatar), ("banner", banner)):
            if value is not UNDEFINED:
                body[key] = None if value is None else await to_data_uri(value)
        return decode_own_user(await self._request(PATCH_MY_USER.compile(), json=body), self._app)

    async def fetch_user(self, user: SnowflakeishOr) -> User:
        """Any user by ID."""
        return decode_user(await self._request(GET_USER.compile(user_id=sid(user))), self._app)

    async def create_dm_channel(self, user: SnowflakeishOr) -> DMChannel:
        """The DM channel with a user (created if needed)."""
        payload = await self._request(POST_DM.compile(), json={"recipient_id": str(sid(user))})
        return typing.cast("DMChannel", decode_channel(payload, self._app))

    def fetch_my_guilds(
        self, *, newest_first: bool = False, start_at: UndefinedOr[SnowflakeishOr] = UNDEFINED
    ) -> LazyIterator[PartialGuild]:
        """The guilds the bot is in, 200 per request."""
        route = GET_MY_GUILDS.compile()
        app = self._app

        return self._paginate(
            route,
            lambda raw: decode_partial_guild(raw, app),
            page_size=200,
            direction="before" if newest_first else "after",
            first_cursor=cursor(start_at),
            sort_key=lambda raw: int(raw["id"]),
        )

    async def leave_guild(self, guild: SnowflakeishOr) -> None:
        """Leave a guild."""
        await self._request(DELETE_MY_GUILD.compile(guild_id=sid(guild)))
