"""REST endpoints: voice regions, voice states and voice channel status (resources/voice.mdx)."""

from __future__ import annotations

import datetime
import typing

from anycord.rest.endpoints._base import EndpointBase
from anycord.rest.endpoints._fields import check_len, iso, opt_id, put
from anycord.rest.endpoints._payloads import sid
from anycord.rest.routes import Route
from anycord.serde.voices import decode_voice_region, decode_voice_state
from anycord.undefined import UNDEFINED, UndefinedNoneOr, UndefinedOr

if typing.TYPE_CHECKING:
    from anycord.models.voices import VoiceRegion, VoiceState
    from anycord.snowflakes import SnowflakeishOr

__all__ = ["VoiceEndpoints"]

GET_REGIONS = Route("GET", "/voice/regions")
GET_GUILD_REGIONS = Route("GET", "/guilds/{guild_id}/regions")
GET_MY_VOICE_STATE = Route("GET", "/guilds/{guild_id}/voice-states/@me")
PATCH_MY_VOICE_STATE = Route("PATCH", "/guilds/{guild_id}/voice-states/@me")
GET_VOICE_STATE = Route("GET", "/guilds/{guild_id}/voice-states/{user_id}")
PATCH_VOICE_STATE = Route("PATCH", "/guilds/{guild_id}/voice-states/{user_id}")
PUT_VOICE_STATUS = Route("PUT", "/channels/{channel_id}/voice-status")


class VoiceEndpoints(EndpointBase):
    """Voice regions and states."""

    __slots__ = ()

    async def fetch_voice_regions(self) -> list[VoiceRegion]:
        """Every voice region."""
        payload = await self._request(GET_REGIONS.compile())
        return [decode_voice_region(r, self._app) for r in payload or ()]

    async def fetch_guild_voice_regions(self, guild: SnowflakeishOr) -> list[VoiceRegion]:
        """The voice regions of a guild (VIP servers when the guild has the feature)."""
        payload = await self._request(GET_GUILD_REGIONS.compile(guild_id=sid(guild)))
        return [decode_voice_region(r, self._app) for r in payload or ()]

    async def fetch_my_voice_state(self, guild: SnowflakeishOr) -> VoiceState:
        """The current user's voice state in a guild."""
        guild_id = sid(guild)
        payload = await self._request(GET_MY_VOICE_STATE.compile(guild_id=guild_id))
        return decode_voice_state(payload, self._app, guild_id)

    async def fetch_voice_state(self, guild: SnowflakeishOr, user: SnowflakeishOr) -> VoiceState:
        """A member's voice state."""
        guild_id = sid(guild)
        route = GET_VOICE_STATE.compile(guild_id=guild_id, user_id=sid(user))
        return decode_voice_state(await self._request(route), self._app, guild_id)

    async def edit_my_voice_state(
        self,
        guild: SnowflakeishOr,
        channel: SnowflakeishOr,
        *,
        suppress: UndefinedOr[bool] = UNDEFINED,
        request_to_speak: UndefinedNoneOr[bool | datetime.datetime] = UNDEFINED,
    ) -> None:
        """Change the bot's state on a stage: `suppress`, or ask to speak (`True`: now)."""
        when: typing.Any = request_to_speak
        if request_to_speak is True:
            when = datetime.datetime.now(datetime.UTC)
        elif request_to_speak is False:
            when = None
        body = put(
            {"channel_id": str(sid(channel))},
            suppress=suppress,
            request_to_speak_timestamp=iso(when),
        )
        await self._request(PATCH_MY_VOICE_STATE.compile(guild_id=sid(guild)), json=body)

    async def edit_voice_state(
        self,
        guild: SnowflakeishOr,
        channel: SnowflakeishOr,
        user: SnowflakeishOr,
        *,
        suppress: UndefinedOr[bool] = UNDEFINED,
    ) -> None:
        """Invite a member to speak on a stage (`suppress=False`) or move them to the audience."""
        body = put({"channel_id": opt_id(channel)}, suppress=suppress)
        route = PATCH_VOICE_STATE.compile(guild_id=sid(guild), user_id=sid(user))
        await self._request(route, json=body)

    async def set_voice_channel_status(
        self,
        channel: SnowflakeishOr,
        status: str | None,
        *,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> None:
        """Set (or clear with `None`) the status text of a voice channel (500 characters max)."""
        check_len("voice channel status", status, 0, 500)
        route = PUT_VOICE_STATUS.compile(channel_id=sid(channel))
        await self._request(route, json={"status": status}, reason=reason)
