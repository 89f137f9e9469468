"""REST endpoints: soundboard sounds (resources/soundboard.mdx).

Names are 2-32 characters, volume 0-1, sounds are MP3 or OGG data URIs (512 KiB max).
hikari has none of these.
"""

from __future__ import annotations

import typing

from anycord.files import to_data_uri
from anycord.rest.endpoints._base import EndpointBase
from anycord.rest.endpoints._fields import check_len, check_range, opt_id, put
from anycord.rest.endpoints._payloads import sid
from anycord.rest.routes import Route
from anycord.serde.soundboard import decode_soundboard_sound
from anycord.undefined import UNDEFINED, UndefinedNoneOr, UndefinedOr

if typing.TYPE_CHECKING:
    from anycord.files import Resourceish
    from anycord.models.soundboard import SoundboardSound
    from anycord.snowflakes import SnowflakeishOr

__all__ = ["SoundboardEndpoints"]

POST_SEND_SOUND = Route("POST", "/channels/{channel_id}/send-soundboard-sound")
GET_DEFAULT_SOUNDS = Route("GET", "/soundboard-default-sounds")
GET_GUILD_SOUNDS = Route("GET", "/guilds/{guild_id}/soundboard-sounds")
POST_GUILD_SOUND = Route("POST", "/guilds/{guild_id}/soundboard-sounds")
GET_GUILD_SOUND = Route("GET", "/guilds/{guild_id}/soundboard-sounds/{sound_id}")
PATCH_GUILD_SOUND = Route("PATCH", "/guilds/{guild_id}/soundboard-sounds/{sound_id}")
DELETE_GUILD_SOUND = Route("DELETE", "/guilds/{guild_id}/soundboard-sounds/{sound_id}")


def _check(
    name: UndefinedOr[str], volume: UndefinedNoneOr[float], emoji_name: UndefinedNoneOr[str]
) -> None:
    check_len("sound name", name, 2, 32)
    check_range("volume", volume, 0.0, 1.0)
    check_len("emoji_name", emoji_name, 1, 32)


class SoundboardEndpoints(EndpointBase):
    """Soundboard sounds."""

    __slots__ = ()

    async def send_soundboard_sound(
        self,
        channel: SnowflakeishOr,
        sound: SnowflakeishOr,
        *,
        source_guild: UndefinedOr[SnowflakeishOr] = UNDEFINED,
    ) -> None:
        """Play a sound in the voice channel the bot is connected to."""
        body = put({"sound_id": str(sid(sound))}, source_guild_id=opt_id(source_guild))
        await self._request(POST_SEND_SOUND.compile(channel_id=sid(channel)), json=body)

    async def fetch_default_soundboard_sounds(self) -> list[SoundboardSound]:
        """The sounds every user can play."""
        payload = await self._request(GET_DEFAULT_SOUNDS.compile())
        return [decode_soundboard_sound(s, self._app) for s in payload]

    async def fetch_guild_soundboard_sounds(self, guild: SnowflakeishOr) -> list[SoundboardSound]:
        """Every soundboard sound of a guild."""
        payload = await self._request(GET_GUILD_SOUNDS.compile(guild_id=sid(guild)))
        return [decode_soundboard_sound(s, self._app) for s in payload.get("items", ())]

    async def fetch_guild_soundboard_sound(
        self, guild: SnowflakeishOr, sound: SnowflakeishOr
    ) -> SoundboardSound:
        """One soundboard sound of a guild."""
        route = GET_GUILD_SOUND.compile(guild_id=sid(guild), sound_id=sid(sound))
        return decode_soundboard_sound(await self._request(route), self._app)

    async def create_guild_soundboard_sound(
        self,
        guild: SnowflakeishOr,
        name: str,
        sound: Resourceish,
        *,
        volume: UndefinedNoneOr[float] = UNDEFINED,
        emoji_id: UndefinedNoneOr[SnowflakeishOr] = UNDEFINED,
        emoji_name: UndefinedNoneOr[str] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> SoundboardSound:
        """Upload a sound (MP3 or OGG, at most 512 KiB and 5.2 s)."""
        _check(name, volume, emoji_name)
        body = put(
            {"name": name, "sound": await to_data_uri(sound)},
            volume=volume,
            emoji_id=opt_id(emoji_id),
            emoji_name=emoji_name,
        )
        route = POST_GUILD_SOUND.compile(guild_id=sid(guild))
        payload = await self._request(route, json=body, reason=reason)
        return decode_soundboard_sound(payload, self._app)

    async def edit_guild_soundboard_sound(
        self,
        guild: SnowflakeishOr,
        sound: SnowflakeishOr,
        *,
        name: UndefinedOr[str] = UNDEFINED,
        volume: UndefinedNoneOr[float] = UNDEFINED,
        emoji_id: UndefinedNoneOr[SnowflakeishOr] = UNDEFINED,
        emoji_name: UndefinedNoneOr[str] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> SoundboardSound:
        """Change a sound's name, volume or emoji."""
        _check(name, volume, emoji_name)
        body = put({}, name=name, volume=volume, emoji_id=opt_id(emoji_id), emoji_name=emoji_name)
        route = PATCH_GUILD_SOUND.compile(guild_id=sid(guild), sound_id=sid(sound))
        payload = await self._request(route, json=body, reason=reason)
        return decode_soundboard_sound(payload, self._app)

    async def delete_guild_soundboard_sound(
        self,
        guild: SnowflakeishOr,
        sound: SnowflakeishOr,
        *,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> None:
        """Delete a guild's sound."""
        route = DELETE_GUILD_SOUND.compile(guild_id=sid(guild), sound_id=sid(sound))
        await self._request(route, reason=reason)
