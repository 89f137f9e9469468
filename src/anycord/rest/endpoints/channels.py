"""REST endpoints: channels (fetch, edit, delete)."""

from __future__ import annotations

import typing

from anycord.rest.endpoints._base import EndpointBase
from anycord.rest.endpoints._payloads import sid
from anycord.rest.routes import Route
from anycord.serde.channels import decode_channel, encode_permission_overwrite
from anycord.undefined import UNDEFINED, UndefinedNoneOr, UndefinedOr

if typing.TYPE_CHECKING:
    from collections.abc import Sequence

    from anycord.models.channels import PartialChannel, PermissionOverwrite
    from anycord.snowflakes import SnowflakeishOr

__all__ = ["ChannelEndpoints"]

GET_CHANNEL = Route("GET", "/channels/{channel_id}")
PATCH_CHANNEL = Route("PATCH", "/channels/{channel_id}")
DELETE_CHANNEL = Route("DELETE", "/channels/{channel_id}")


class ChannelEndpoints(EndpointBase):
    """Channels and threads by ID."""

    __slots__ = ()

    async def fetch_channel(self, channel: SnowflakeishOr) -> PartialChannel:
        """A channel or thread of any type."""
        payload = await self._request(GET_CHANNEL.compile(channel_id=sid(channel)))
        return decode_channel(payload, self._app)

    async def edit_channel(
        self,
        channel: SnowflakeishOr,
        *,
        name: UndefinedOr[str] = UNDEFINED,
        position: UndefinedOr[int] = UNDEFINED,
        topic: UndefinedNoneOr[str] = UNDEFINED,
        nsfw: UndefinedOr[bool] = UNDEFINED,
        bitrate: UndefinedOr[int] = UNDEFINED,
        user_limit: UndefinedOr[int] = UNDEFINED,
        rate_limit_per_user: UndefinedOr[int] = UNDEFINED,
        region: UndefinedNoneOr[str] = UNDEFINED,
        permission_overwrites: UndefinedOr[
            Sequence[PermissionOverwrite | dict[str, typing.Any]]
        ] = UNDEFINED,
        parent_category: UndefinedNoneOr[SnowflakeishOr] = UNDEFINED,
        default_auto_archive_duration: UndefinedOr[int] = UNDEFINED,
        flags: UndefinedOr[int] = UNDEFINED,
        archived: UndefinedOr[bool] = UNDEFINED,
        locked: UndefinedOr[bool] = UNDEFINED,
        invitable: UndefinedOr[bool] = UNDEFINED,
        auto_archive_duration: UndefinedOr[int] = UNDEFINED,
        applied_tags: UndefinedOr[Sequence[SnowflakeishOr]] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> PartialChannel:
        """Change a channel's (or thread's) settings; only given fields are sent."""
        body: dict[str, typing.Any] = {}
        plain = {
            "name": name,
            "position": position,
            "topic": topic,
            "nsfw": nsfw,
            "bitrate": bitrate,
            "user_limit": user_limit,
            "rate_limit_per_user": rate_limit_per_user,
            "rtc_region": region,
            "default_auto_archive_duration": default_auto_archive_duration,
            "archived": archived,
            "locked": locked,
            "invitable": invitable,
            "auto_archive_duration": auto_archive_duration,
        }
        body.update({k: v for k, v in plain.items() if v is not UNDEFINED})
        if flags is not UNDEFINED:
            body["flags"] = int(flags)
        if permission_overwrites is not UNDEFINED:
            body["permission_overwrites"] = [
                o if isinstance(o, dict) else encode_permission_overwrite(o)
                for o in permission_overwrites
            ]
        if parent_category is not UNDEFINED:
            body["parent_id"] = None if parent_category is None else str(sid(parent_category))
        if applied_tags is not UNDEFINED:
            body["applied_tags"] = [str(sid(t)) for t in applied_tags]
        route = PATCH_CHANNEL.compile(channel_id=sid(channel))
        return decode_channel(await self._request(route, json=body, reason=reason), self._app)

    async def delete_channel(
        self, channel: SnowflakeishOr, reason: UndefinedOr[str] = UNDEFINED
    ) -> PartialChannel:
        """Delete a channel (or close a DM); returns what it was."""
        route = DELETE_CHANNEL.compile(channel_id=sid(channel))
        return decode_channel(await self._request(route, reason=reason), self._app)
