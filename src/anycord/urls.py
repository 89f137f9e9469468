"""Base URLs of Discord's services."""

from __future__ import annotations

import typing

__all__ = ["API_VERSION", "BASE_URL", "CDN_URL", "MEDIA_PROXY_URL", "REST_API_URL"]

API_VERSION: typing.Final[int] = 10
"""The REST and gateway API version anycord speaks."""

BASE_URL: typing.Final[str] = "https://discord.com"
"""Discord's web origin (OAuth2 authorize, invites)."""

REST_API_URL: typing.Final[str] = f"{BASE_URL}/api/v{API_VERSION}"
"""The REST base URL; override it per client with `rest_url=` (e.g. to point at FakeDiscord)."""

CDN_URL: typing.Final[str] = "https://cdn.discordapp.com"
"""Where avatars, icons, banners, emojis and attachments live."""

MEDIA_PROXY_URL: typing.Final[str] = "https://media.discordapp.net"
"""Discord's resizing media proxy."""
