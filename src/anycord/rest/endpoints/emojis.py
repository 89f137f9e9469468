"""REST endpoints: guild emojis and application emojis.

Shapes from resources/emoji.mdx: names are 2-32 characters, images are data URIs (256 KiB max).
"""

from __future__ import annotations

import typing

from anycord.files import to_data_uri
from anycord.rest.endpoints._base import EndpointBase
from anycord.rest.endpoints._fields import check_len, id_list, put
from anycord.rest.endpoints._payloads import sid
from anycord.rest.routes import Route
from anycord.serde.emojis import decode_application_emoji, decode_known_custom_emoji
from anycord.undefined import UNDEFINED, UndefinedOr

if typing.TYPE_CHECKING:
    from collections.abc import Sequence

    from anycord.files import Resourceish
    from anycord.models.emojis import ApplicationEmoji, KnownCustomEmoji
    from anycord.snowflakes import SnowflakeishOr

__all__ = ["EmojiEndpoints"]

GET_GUILD_EMOJIS = Route("GET", "/guilds/{guild_id}/emojis")
POST_GUILD_EMOJI = Route("POST", "/guilds/{guild_id}/emojis")
GET_GUILD_EMOJI = Route("GET", "/guilds/{guild_id}/emojis/{emoji_id}")
PATCH_GUILD_EMOJI = Route("PATCH", "/guilds/{guild_id}/emojis/{emoji_id}")
DELETE_GUILD_EMOJI = Route("DELETE", "/guilds/{guild_id}/emojis/{emoji_id}")
GET_APP_EMOJIS = Route("GET", "/applications/{application_id}/emojis")
POST_APP_EMOJI = Route("POST", "/applications/{application_id}/emojis")
GET_APP_EMOJI = Route("GET", "/applications/{application_id}/emojis/{emoji_id}")
PATCH_APP_EMOJI = Route("PATCH", "/applications/{application_id}/emojis/{emoji_id}")
DELETE_APP_EMOJI = Route("DELETE", "/applications/{application_id}/emojis/{emoji_id}")


class EmojiEndpoints(EndpointBase):
    """Custom emojis of guilds and of the application."""

    __slots__ = ()

    async def fetch_guild_emojis(self, guild: SnowflakeishOr) -> list[KnownCustomEmoji]:
        """Every custom emoji of a guild."""
        guild_id = sid(guild)
        payload = await self._request(GET_GUILD_EMOJIS.compile(guild_id=guild_id))
        return [decode_known_custom_emoji(e, self._app, guild_id) for e in payload or ()]

    async def fetch_emoji(self, guild: SnowflakeishOr, emoji: SnowflakeishOr) -> KnownCustomEmoji:
        """One custom emoji of a guild."""
        guild_id = sid(guild)
        route = GET_GUILD_EMOJI.compile(guild_id=guild_id, emoji_id=sid(emoji))
        return decode_known_custom_emoji(await self._request(route), self._app, guild_id)

    async def create_emoji(
        self,
        guild: SnowflakeishOr,
        name: str,
        image: Resourceish,
        *,
        roles: UndefinedOr[Sequence[SnowflakeishOr]] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> KnownCustomEmoji:
        """Upload a custom emoji (name 2-32 characters; `roles` limit who may use it)."""
        check_len("emoji name", name, 2, 32)
        body = put({"name": name, "image": await to_data_uri(image)}, roles=id_list(roles))
        guild_id = sid(guild)
        route = POST_GUILD_EMOJI.compile(guild_id=guild_id)
        payload = await self._request(route, json=body, reason=reason)
        return decode_known_custom_emoji(payload, self._app, guild_id)

    async def edit_emoji(
        self,
        guild: SnowflakeishOr,
        emoji: SnowflakeishOr,
        *,
        name: UndefinedOr[str] = UNDEFINED,
        roles: UndefinedOr[Sequence[SnowflakeishOr]] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> KnownCustomEmoji:
        """Rename a custom emoji or change the roles that may use it."""
        check_len("emoji name", name, 2, 32)
        body = put({}, name=name, roles=id_list(roles))
        guild_id = sid(guild)
        route = PATCH_GUILD_EMOJI.compile(guild_id=guild_id, emoji_id=sid(emoji))
        payload = await self._request(route, json=body, reason=reason)
        return decode_known_custom_emoji(payload, self._app, guild_id)

    async def delete_emoji(
        self,
        guild: SnowflakeishOr,
        emoji: SnowflakeishOr,
        *,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> None:
        """Delete a custom emoji."""
        route = DELETE_GUILD_EMOJI.compile(guild_id=sid(guild), emoji_id=sid(emoji))
        await self._request(route, reason=reason)

    async def fetch_application_emojis(self, application: SnowflakeishOr) -> list[ApplicationEmoji]:
        """Every emoji owned by an application."""
        route = GET_APP_EMOJIS.compile(application_id=sid(application))
        payload = await self._request(route)
        return [decode_application_emoji(e, self._app) for e in payload.get("items", ())]

    async def fetch_application_emoji(
        self, application: SnowflakeishOr, emoji: SnowflakeishOr
    ) -> ApplicationEmoji:
        """One emoji owned by an application."""
        route = GET_APP_EMOJI.compile(application_id=sid(application), emoji_id=sid(emoji))
        return decode_application_emoji(await self._request(route), self._app)

    async def create_application_emoji(
        self, application: SnowflakeishOr, name: str, image: Resourceish
    ) -> ApplicationEmoji:
        """Upload an application emoji (name 2-32 characters)."""
        check_len("emoji name", name, 2, 32)
        body = {"name": name, "image": await to_data_uri(image)}
        route = POST_APP_EMOJI.compile(application_id=sid(application))
        return decode_application_emoji(await self._request(route, json=body), self._app)

    async def edit_application_emoji(
        self, application: SnowflakeishOr, emoji: SnowflakeishOr, *, name: str
    ) -> ApplicationEmoji:
        """Rename an application emoji."""
        check_len("emoji name", name, 2, 32)
        route = PATCH_APP_EMOJI.compile(application_id=sid(application), emoji_id=sid(emoji))
        payload = await self._request(route, json={"name": name})
        return decode_application_emoji(payload, self._app)

    async def delete_application_emoji(
        self, application: SnowflakeishOr, emoji: SnowflakeishOr
    ) -> None:
        """Delete an application emoji."""
        route = DELETE_APP_EMOJI.compile(application_id=sid(application), emoji_id=sid(emoji))
        await self._request(route)
