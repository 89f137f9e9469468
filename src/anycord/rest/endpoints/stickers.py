"""REST endpoints: stickers, sticker packs and guild stickers.

Shapes from resources/sticker.mdx: names 2-30 characters, tags 1-200, descriptions up to 100
(or empty). A new sticker is a multipart form (`name`, `description`, `tags`, `file`).
"""

from __future__ import annotations

import typing

from anycord.files import ensure_resource
from anycord.rest.endpoints._base import EndpointBase
from anycord.rest.endpoints._fields import check_len, put
from anycord.rest.endpoints._payloads import sid
from anycord.rest.routes import Route
from anycord.serde.stickers import decode_guild_sticker, decode_sticker, decode_sticker_pack
from anycord.undefined import UNDEFINED, UndefinedNoneOr, UndefinedOr

if typing.TYPE_CHECKING:
    from anycord.files import Resourceish
    from anycord.models.stickers import GuildSticker, StandardSticker, StickerPack
    from anycord.snowflakes import SnowflakeishOr

__all__ = ["StickerEndpoints"]

GET_STICKER_PACKS = Route("GET", "/sticker-packs")
GET_STICKER_PACK = Route("GET", "/sticker-packs/{pack_id}")
GET_STICKER = Route("GET", "/stickers/{sticker_id}")
GET_GUILD_STICKERS = Route("GET", "/guilds/{guild_id}/stickers")
POST_GUILD_STICKER = Route("POST", "/guilds/{guild_id}/stickers")
GET_GUILD_STICKER = Route("GET", "/guilds/{guild_id}/stickers/{sticker_id}")
PATCH_GUILD_STICKER = Route("PATCH", "/guilds/{guild_id}/stickers/{sticker_id}")
DELETE_GUILD_STICKER = Route("DELETE", "/guilds/{guild_id}/stickers/{sticker_id}")


def _check(
    name: UndefinedOr[str], tag: UndefinedOr[str], description: UndefinedNoneOr[str]
) -> None:
    check_len("sticker name", name, 2, 30)
    check_len("sticker tag", tag, 1, 200)
    if description:
        check_len("sticker description", description, 2, 100)


class StickerEndpoints(EndpointBase):
    """Stickers."""

    __slots__ = ()

    async def fetch_available_sticker_packs(self) -> list[StickerPack]:
        """The sticker packs available to every user."""
        payload = await self._request(GET_STICKER_PACKS.compile())
        return [decode_sticker_pack(p, self._app) for p in payload.get("sticker_packs", ())]

    async def fetch_sticker_pack(self, pack: SnowflakeishOr) -> StickerPack:
        """One sticker pack."""
        payload = await self._request(GET_STICKER_PACK.compile(pack_id=sid(pack)))
        return decode_sticker_pack(payload, self._app)

    async def fetch_sticker(self, sticker: SnowflakeishOr) -> StandardSticker | GuildSticker:
        """A sticker by ID (standard or guild)."""
        payload = await self._request(GET_STICKER.compile(sticker_id=sid(sticker)))
        return decode_sticker(payload, self._app)

    async def fetch_guild_stickers(self, guild: SnowflakeishOr) -> list[GuildSticker]:
        """Every sticker of a guild."""
        guild_id = sid(guild)
        payload = await self._request(GET_GUILD_STICKERS.compile(guild_id=guild_id))
        return [decode_guild_sticker(s, self._app, guild_id) for s in payload]

    async def fetch_guild_sticker(
        self, guild: SnowflakeishOr, sticker: SnowflakeishOr
    ) -> GuildSticker:
        """One sticker of a guild."""
        guild_id = sid(guild)
        route = GET_GUILD_STICKER.compile(guild_id=guild_id, sticker_id=sid(sticker))
        return decode_guild_sticker(await self._request(route), self._app, guild_id)

    async def create_sticker(
        self,
        guild: SnowflakeishOr,
        name: str,
        tag: str,
        image: Resourceish,
        *,
        description: str = "",
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> GuildSticker:
        """Upload a sticker (PNG, APNG, GIF or Lottie JSON, 512 KiB max) as a multipart form.

        Discord reads `name`, `tags` and `description` as plain form fields and the image
        from the part named `file`.
        """
        _check(name, tag, description)
        guild_id = sid(guild)
        form = {"name": name, "tags": tag, "description": description}
        route = POST_GUILD_STICKER.compile(guild_id=guild_id)
        payload = await self._request(
            route, form=form, files={"file": ensure_resource(image)}, reason=reason
        )
        return decode_guild_sticker(payload, self._app, guild_id)

    async def edit_sticker(
        self,
        guild: SnowflakeishOr,
        sticker: SnowflakeishOr,
        *,
        name: UndefinedOr[str] = UNDEFINED,
        description: UndefinedNoneOr[str] = UNDEFINED,
        tag: UndefinedOr[str] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> GuildSticker:
        """Change a guild sticker's name, description or tag."""
        _check(name, tag, description)
        body = put({}, name=name, description=description, tags=tag)
        guild_id = sid(guild)
        route = PATCH_GUILD_STICKER.compile(guild_id=guild_id, sticker_id=sid(sticker))
        payload = await self._request(route, json=body, reason=reason)
        return decode_guild_sticker(payload, self._app, guild_id)

    async def delete_sticker(
        self,
        guild: SnowflakeishOr,
        sticker: SnowflakeishOr,
        *,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> None:
        """Delete a guild sticker."""
        route = DELETE_GUILD_STICKER.compile(guild_id=sid(guild), sticker_id=sid(sticker))
        await self._request(route, reason=reason)
