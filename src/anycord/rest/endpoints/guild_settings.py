"""REST endpoints: guild widget, welcome screen and onboarding (resources/guild.mdx).

Onboarding bodies are built by `anycord.rest.builders` (prompt and option limits checked
before sending). The widget image is a PNG served without a token, so
`guild_widget_image_url` returns its URL for embedding rather than fetching bytes.
"""

from __future__ import annotations

import typing
import urllib.parse

from anycord import urls
from anycord.rest.builders import build_onboarding
from anycord.rest.endpoints._base import EndpointBase
from anycord.rest.endpoints._fields import check_len, check_one_of, opt_id, put
from anycord.rest.endpoints._payloads import sid
from anycord.rest.routes import Route
from anycord.serde.guilds import (
    decode_guild_onboarding,
    decode_guild_widget,
    decode_guild_widget_info,
    decode_welcome_screen,
)
from anycord.undefined import UNDEFINED, UndefinedNoneOr, UndefinedOr

if typing.TYPE_CHECKING:
    from collections.abc import Sequence

    from anycord.models.guild_satellites import (
        GuildOnboarding,
        GuildWidget,
        GuildWidgetInfo,
        WelcomeChannel,
        WelcomeScreen,
    )
    from anycord.rest.builders import OnboardingPromptBuilder
    from anycord.snowflakes import SnowflakeishOr

__all__ = ["WIDGET_STYLES", "GuildSettingsEndpoints"]

GET_WIDGET_SETTINGS = Route("GET", "/guilds/{guild_id}/widget")
PATCH_WIDGET_SETTINGS = Route("PATCH", "/guilds/{guild_id}/widget")
GET_WIDGET = Route("GET", "/guilds/{guild_id}/widget.json")
GET_WIDGET_PNG = Route("GET", "/guilds/{guild_id}/widget.png")
GET_WELCOME_SCREEN = Route("GET", "/guilds/{guild_id}/welcome-screen")
PATCH_WELCOME_SCREEN = Route("PATCH", "/guilds/{guild_id}/welcome-screen")
GET_ONBOARDING = Route("GET", "/guilds/{guild_id}/onboarding")
PUT_ONBOARDING = Route("PUT", "/guilds/{guild_id}/onboarding")

WIDGET_STYLES: typing.Final = ("shield", "banner1", "banner2", "banner3", "banner4")
"""The styles of the widget image."""


def _welcome_channel(channel: WelcomeChannel | dict[str, typing.Any]) -> dict[str, typing.Any]:
    if isinstance(channel, dict):
        return channel
    check_len("welcome channel description", channel.description, 1, 50)
    return {
        "channel_id": str(channel.channel_id),
        "description": channel.description,
        "emoji_id": None if channel.emoji_id is None else str(channel.emoji_id),
        "emoji_name": channel.emoji_name,
    }


class GuildSettingsEndpoints(EndpointBase):
    """Widget, welcome screen and onboarding."""

    __slots__ = ()

    async def fetch_widget(self, guild: SnowflakeishOr) -> GuildWidget:
        """The widget settings (enabled, invite channel)."""
        payload = await self._request(GET_WIDGET_SETTINGS.compile(guild_id=sid(guild)))
        return decode_guild_widget(payload, self._app)

    async def edit_widget(
        self,
        guild: SnowflakeishOr,
        *,
        channel: UndefinedNoneOr[SnowflakeishOr] = UNDEFINED,
        enabled: UndefinedOr[bool] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> GuildWidget:
        """Turn the widget on or off, or change its invite channel."""
        body = put({}, channel_id=opt_id(channel), enabled=enabled)
        route = PATCH_WIDGET_SETTINGS.compile(guild_id=sid(guild))
        payload = await self._request(route, json=body, reason=reason)
        return decode_guild_widget(payload, self._app)

    async def fetch_widget_info(self, guild: SnowflakeishOr) -> GuildWidgetInfo:
        """The public widget JSON: name, instant invite, online members, voice channels."""
        payload = await self._request(GET_WIDGET.compile(guild_id=sid(guild)), auth=None)
        return decode_guild_widget_info(payload, self._app)

    def guild_widget_image_url(self, guild: SnowflakeishOr, *, style: str = "shield") -> str:
        """The URL of the widget PNG (`GET /guilds/{guild_id}/widget.png`), for embedding."""
        check_one_of("style", style, WIDGET_STYLES)
        base = str(getattr(self, "rest_url", urls.REST_API_URL)).rstrip("/")
        path = GET_WIDGET_PNG.compile(guild_id=sid(guild)).path
        return f"{base}{path}?{urllib.parse.urlencode({'style': style})}"

    async def fetch_welcome_screen(self, guild: SnowflakeishOr) -> WelcomeScreen:
        """The welcome screen of a community guild."""
        payload = await self._request(GET_WELCOME_SCREEN.compile(guild_id=sid(guild)))
        return decode_welcome_screen(payload, self._app)

    async def edit_welcome_screen(
        self,
        guild: SnowflakeishOr,
        *,
        description: UndefinedNoneOr[str] = UNDEFINED,
        enabled: UndefinedOr[bool] = UNDEFINED,
        channels: UndefinedNoneOr[Sequence[WelcomeChannel | dict[str, typing.Any]]] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> WelcomeScreen:
        """Change the welcome screen (description up to 140 characters, at most 5 channels)."""
        check_len("welcome screen description", description, 0, 140)
        check_len("welcome channels", channels, 0, 5)
        body = put({}, description=description, enabled=enabled)
        if channels is not UNDEFINED:
            body["welcome_channels"] = (
                None if channels is None else [_welcome_channel(c) for c in channels]
            )
        route = PATCH_WELCOME_SCREEN.compile(guild_id=sid(guild))
        payload = await self._request(route, json=body, reason=reason)
        return decode_welcome_screen(payload, self._app)

    async def fetch_guild_onboarding(self, guild: SnowflakeishOr) -> GuildOnboarding:
        """The onboarding flow of a guild."""
        payload = await self._request(GET_ONBOARDING.compile(guild_id=sid(guild)))
        return decode_guild_onboarding(payload, self._app)

    async def edit_guild_onboarding(
        self,
        guild: SnowflakeishOr,
        *,
        prompts: UndefinedOr[Sequence[OnboardingPromptBuilder | dict[str, typing.Any]]] = UNDEFINED,
        default_channels: UndefinedOr[Sequence[SnowflakeishOr]] = UNDEFINED,
        enabled: UndefinedOr[bool] = UNDEFINED,
        mode: UndefinedOr[int] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> GuildOnboarding:
        """Replace the onboarding flow (at most 15 prompts of 1-50 options each)."""
        body = build_onboarding(prompts, default_channels, enabled, mode)
        route = PUT_ONBOARDING.compile(guild_id=sid(guild))
        payload = await self._request(route, json=body, reason=reason)
        return decode_guild_onboarding(payload, self._app)
