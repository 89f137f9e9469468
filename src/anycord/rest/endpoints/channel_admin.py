"""REST endpoints: channel administration: creating guild channels, moving them, permission
overwrites, following announcement channels, group DM recipients, and the legacy pin routes.

Shapes from resources/channel.mdx and resources/guild.mdx ("Create Guild Channel", "Modify
Guild Channel Positions").
"""

from __future__ import annotations

import typing

from anycord.models.channels import ChannelFollow
from anycord.rest.endpoints._base import EndpointBase
from anycord.rest.endpoints._fields import check_len, check_range, opt_id, put
from anycord.rest.endpoints._payloads import sid
from anycord.rest.routes import Route
from anycord.serde.channels import decode_channel, encode_permission_overwrite
from anycord.serde.messages import decode_message
from anycord.snowflakes import Snowflake
from anycord.undefined import UNDEFINED, UndefinedNoneOr, UndefinedOr

if typing.TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from anycord.models.channels import PartialChannel, PermissionOverwrite
    from anycord.models.messages import Message
    from anycord.serde._core import JSONObject
    from anycord.snowflakes import SnowflakeishOr

__all__ = ["ChannelAdminEndpoints", "GuildChannelOptions"]

POST_GUILD_CHANNEL = Route("POST", "/guilds/{guild_id}/channels")
PATCH_GUILD_CHANNELS = Route("PATCH", "/guilds/{guild_id}/channels")
PUT_OVERWRITE = Route("PUT", "/channels/{channel_id}/permissions/{overwrite_id}")
DELETE_OVERWRITE = Route("DELETE", "/channels/{channel_id}/permissions/{overwrite_id}")
POST_FOLLOWERS = Route("POST", "/channels/{channel_id}/followers")
PUT_RECIPIENT = Route("PUT", "/channels/{channel_id}/recipients/{user_id}")
DELETE_RECIPIENT = Route("DELETE", "/channels/{channel_id}/recipients/{user_id}")
GET_LEGACY_PINS = Route("GET", "/channels/{channel_id}/pins")
PUT_LEGACY_PIN = Route("PUT", "/channels/{channel_id}/pins/{message_id}")
DELETE_LEGACY_PIN = Route("DELETE", "/channels/{channel_id}/pins/{message_id}")


class GuildChannelOptions(typing.TypedDict, total=False):
    """`create_guild_channel`'s keywords, which the per-type shortcuts
    (`create_guild_text_channel`, ...) forward: a misspelt keyword fails `mypy --strict`."""

    position: UndefinedOr[int]
    topic: UndefinedNoneOr[str]
    nsfw: UndefinedOr[bool]
    bitrate: UndefinedOr[int]
    user_limit: UndefinedOr[int]
    rate_limit_per_user: UndefinedOr[int]
    permission_overwrites: UndefinedOr[Sequence[PermissionOverwrite | JSONObject]]
    category: UndefinedNoneOr[SnowflakeishOr]
    region: UndefinedNoneOr[str]
    video_quality_mode: UndefinedOr[int]
    default_auto_archive_duration: UndefinedOr[int]
    default_reaction_emoji: UndefinedNoneOr[Mapping[str, typing.Any]]
    available_tags: UndefinedOr[Sequence[Mapping[str, typing.Any]]]
    default_sort_order: UndefinedNoneOr[int]
    default_forum_layout: UndefinedOr[int]
    default_thread_rate_limit_per_user: UndefinedOr[int]
    reason: UndefinedOr[str]


def _overwrites(
    values: UndefinedOr[Sequence[PermissionOverwrite | JSONObject]],
) -> UndefinedOr[list[JSONObject]]:
    if values is UNDEFINED:
        return values
    check_len("permission_overwrites", values, 0, 100)
    return [v if isinstance(v, dict) else encode_permission_overwrite(v) for v in values]


class ChannelAdminEndpoints(EndpointBase):
    """Creating and arranging guild channels."""

    __slots__ = ()

    async def create_guild_channel(
        self,
        guild: SnowflakeishOr,
        name: str,
        type: int = 0,
        *,
        position: UndefinedOr[int] = UNDEFINED,
        topic: UndefinedNoneOr[str] = UNDEFINED,
        nsfw: UndefinedOr[bool] = UNDEFINED,
        bitrate: UndefinedOr[int] = UNDEFINED,
        user_limit: UndefinedOr[int] = UNDEFINED,
        rate_limit_per_user: UndefinedOr[int] = UNDEFINED,
        permission_overwrites: UndefinedOr[Sequence[PermissionOverwrite | JSONObject]] = UNDEFINED,
        category: UndefinedNoneOr[SnowflakeishOr] = UNDEFINED,
        region: UndefinedNoneOr[str] = UNDEFINED,
        video_quality_mode: UndefinedOr[int] = UNDEFINED,
        default_auto_archive_duration: UndefinedOr[int] = UNDEFINED,
        default_reaction_emoji: UndefinedNoneOr[Mapping[str, typing.Any]] = UNDEFINED,
        available_tags: UndefinedOr[Sequence[Mapping[str, typing.Any]]] = UNDEFINED,
        default_sort_order: UndefinedNoneOr[int] = UNDEFINED,
        default_forum_layout: UndefinedOr[int] = UNDEFINED,
        default_thread_rate_limit_per_user: UndefinedOr[int] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> PartialChannel:
        """Create a channel of any guild type (0 text, 2 voice, 4 category, 5 news, 13 stage,
        15 forum, 16 media); name 1-100 characters, topic up to 4096, slow mode 0-21600 s."""
        check_len("channel name", name, 1, 100)
        check_len("topic", topic, 0, 4096)
        check_range("rate_limit_per_user", rate_limit_per_user, 0, 21600)
        check_len("available_tags", available_tags, 0, 20)
        body = put(
            {"name": name, "type": int(type)},
            position=position,
            topic=topic,
            nsfw=nsfw,
            bitrate=bitrate,
            user_limit=user_limit,
            rate_limit_per_user=rate_limit_per_user,
            permission_overwrites=_overwrites(permission_overwrites),
            parent_id=opt_id(category),
            rtc_region=region,
            video_quality_mode=video_quality_mode,
            default_auto_archive_duration=default_auto_archive_duration,
            default_reaction_emoji=default_reaction_emoji
            if default_reaction_emoji in (UNDEFINED, None)
            else dict(default_reaction_emoji),
            available_tags=available_tags
            if available_tags is UNDEFINED
            else [dict(t) for t in available_tags],
            default_sort_order=default_sort_order,
            default_forum_layout=default_forum_layout,
            default_thread_rate_limit_per_user=default_thread_rate_limit_per_user,
        )
        guild_id = sid(guild)
        route = POST_GUILD_CHANNEL.compile(guild_id=guild_id)
        payload = await self._request(route, json=body, reason=reason)
        return decode_channel(payload, self._app, guild_id)

    async def create_guild_text_channel(
        self, guild: SnowflakeishOr, name: str, **options: typing.Unpack[GuildChannelOptions]
    ) -> PartialChannel:
        """A text channel (`create_guild_channel` with type 0)."""
        return await self.create_guild_channel(guild, name, 0, **options)

    async def create_guild_voice_channel(
        self, guild: SnowflakeishOr, name: str, **options: typing.Unpack[GuildChannelOptions]
    ) -> PartialChannel:
        """A voice channel (type 2)."""
        return await self.create_guild_channel(guild, name, 2, **options)

    async def create_guild_category(
        self, guild: SnowflakeishOr, name: str, **options: typing.Unpack[GuildChannelOptions]
    ) -> PartialChannel:
        """A category (type 4)."""
        return await self.create_guild_channel(guild, name, 4, **options)

    async def create_guild_news_channel(
        self, guild: SnowflakeishOr, name: str, **options: typing.Unpack[GuildChannelOptions]
    ) -> PartialChannel:
        """An announcement channel (type 5)."""
        return await self.create_guild_channel(guild, name, 5, **options)

    async def create_guild_stage_channel(
        self, guild: SnowflakeishOr, name: str, **options: typing.Unpack[GuildChannelOptions]
    ) -> PartialChannel:
        """A stage channel (type 13)."""
        return await self.create_guild_channel(guild, name, 13, **options)

    async def create_guild_forum_channel(
        self, guild: SnowflakeishOr, name: str, **options: typing.Unpack[GuildChannelOptions]
    ) -> PartialChannel:
        """A forum channel (type 15)."""
        return await self.create_guild_channel(guild, name, 15, **options)

    async def create_guild_media_channel(
        self, guild: SnowflakeishOr, name: str, **options: typing.Unpack[GuildChannelOptions]
    ) -> PartialChannel:
        """A media channel (type 16)."""
        return await self.create_guild_channel(guild, name, 16, **options)

    async def reposition_channels(
        self,
        guild: SnowflakeishOr,
        positions: Mapping[int, SnowflakeishOr],
        *,
        lock_permissions: UndefinedOr[bool] = UNDEFINED,
        category: UndefinedNoneOr[SnowflakeishOr] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> None:
        """Move channels: `{position: channel}` (optionally into `category`)."""
        body = [
            put(
                {"id": str(sid(c)), "position": int(p)},
                lock_permissions=lock_permissions,
                parent_id=opt_id(category),
            )
            for p, c in positions.items()
        ]
        route = PATCH_GUILD_CHANNELS.compile(guild_id=sid(guild))
        await self._request(route, json=body, reason=reason)

    async def edit_permission_overwrite(
        self,
        channel: SnowflakeishOr,
        target: SnowflakeishOr,
        *,
        target_type: int,
        allow: UndefinedOr[int] = UNDEFINED,
        deny: UndefinedOr[int] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> None:
        """Set a role's (`target_type` 0) or member's (1) overwrite on a channel."""
        body = put(
            {"type": int(target_type)},
            allow=allow if allow is UNDEFINED else str(int(allow)),
            deny=deny if deny is UNDEFINED else str(int(deny)),
        )
        route = PUT_OVERWRITE.compile(channel_id=sid(channel), overwrite_id=sid(target))
        await self._request(route, json=body, reason=reason)

    async def delete_permission_overwrite(
        self,
        channel: SnowflakeishOr,
        target: SnowflakeishOr,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> None:
        """Remove a role's or member's overwrite."""
        route = DELETE_OVERWRITE.compile(channel_id=sid(channel), overwrite_id=sid(target))
        await self._request(route, reason=reason)

    async def follow_channel(
        self,
        news_channel: SnowflakeishOr,
        target_channel: SnowflakeishOr,
        *,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> ChannelFollow:
        """Relay an announcement channel's posts into `target_channel` (through a webhook)."""
        body = {"webhook_channel_id": str(sid(target_channel))}
        route = POST_FOLLOWERS.compile(channel_id=sid(news_channel))
        payload = await self._request(route, json=body, reason=reason)
        return ChannelFollow(
            app=self._app,
            channel_id=Snowflake(payload["channel_id"]),
            webhook_id=Snowflake(payload["webhook_id"]),
        )

    async def add_group_dm_recipient(
        self,
        channel: SnowflakeishOr,
        user: SnowflakeishOr,
        access_token: str,
        *,
        nickname: UndefinedOr[str] = UNDEFINED,
    ) -> PartialChannel | None:
        """Add a user (who granted `gdm.join`) to a group DM; returns the DM when created."""
        body = put({"access_token": access_token}, nick=nickname)
        route = PUT_RECIPIENT.compile(channel_id=sid(channel), user_id=sid(user))
        payload = await self._request(route, json=body)
        return None if payload is None else decode_channel(payload, self._app)

    async def remove_group_dm_recipient(
        self, channel: SnowflakeishOr, user: SnowflakeishOr
    ) -> None:
        """Remove a user from a group DM."""
        route = DELETE_RECIPIENT.compile(channel_id=sid(channel), user_id=sid(user))
        await self._request(route)

    async def fetch_pins_legacy(self, channel: SnowflakeishOr) -> list[Message]:
        """Pinned messages through the deprecated route (at most 50, no pagination).

        Prefer `fetch_pins`, which uses `/channels/{channel_id}/messages/pins`.
        """
        payload = await self._request(GET_LEGACY_PINS.compile(channel_id=sid(channel)))
        return [decode_message(m, self._app) for m in payload or ()]

    async def pin_message_legacy(
        self,
        channel: SnowflakeishOr,
        message: SnowflakeishOr,
        *,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> None:
        """Pin through the deprecated route (prefer `pin_message`)."""
        route = PUT_LEGACY_PIN.compile(channel_id=sid(channel), message_id=sid(message))
        await self._request(route, reason=reason)

    async def unpin_message_legacy(
        self,
        channel: SnowflakeishOr,
        message: SnowflakeishOr,
        *,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> None:
        """Unpin through the deprecated route (prefer `unpin_message`)."""
        route = DELETE_LEGACY_PIN.compile(channel_id=sid(channel), message_id=sid(message))
        await self._request(route, reason=reason)
