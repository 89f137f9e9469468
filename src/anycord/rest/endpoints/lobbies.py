"""REST endpoints: lobbies of Discord's Social SDK (resources/lobby.mdx).

Lobbies have no model in `anycord.models` yet: every method returns the JSONObject objects Discord
sends (`id`, `application_id`, `metadata`, `members`, `linked_channel`, ...). hikari has none
of these. Limits from the spec: idle timeout 5-604800 s, at most 25 members per request,
secrets up to 250 characters, message content up to 4000.
"""

from __future__ import annotations

import typing

from anycord.rest.endpoints._base import EndpointBase
from anycord.rest.endpoints._fields import check_len, check_range, opt_id, put
from anycord.rest.endpoints._payloads import message_body, sid
from anycord.rest.routes import Route
from anycord.undefined import UNDEFINED, UndefinedNoneOr, UndefinedOr

if typing.TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from anycord.models.message_parts import Componentish, Embedish
    from anycord.serde._core import JSONObject
    from anycord.snowflakes import SnowflakeishOr

__all__ = ["LobbyEndpoints"]

PUT_LOBBY = Route("PUT", "/lobbies")
POST_LOBBY = Route("POST", "/lobbies")
GET_LOBBY = Route("GET", "/lobbies/{lobby_id}")
PATCH_LOBBY = Route("PATCH", "/lobbies/{lobby_id}")
DELETE_LOBBY = Route("DELETE", "/lobbies/{lobby_id}")
PATCH_CHANNEL_LINK = Route("PATCH", "/lobbies/{lobby_id}/channel-linking")
DELETE_MY_MEMBERSHIP = Route("DELETE", "/lobbies/{lobby_id}/members/@me")
POST_MY_INVITE = Route("POST", "/lobbies/{lobby_id}/members/@me/invites")
POST_BULK_MEMBERS = Route("POST", "/lobbies/{lobby_id}/members/bulk")
PUT_MEMBER = Route("PUT", "/lobbies/{lobby_id}/members/{user_id}")
DELETE_MEMBER = Route("DELETE", "/lobbies/{lobby_id}/members/{user_id}")
POST_MEMBER_INVITE = Route("POST", "/lobbies/{lobby_id}/members/{user_id}/invites")
GET_MESSAGES = Route("GET", "/lobbies/{lobby_id}/messages")
POST_MESSAGE = Route("POST", "/lobbies/{lobby_id}/messages")
PUT_MODERATION = Route("PUT", "/lobbies/{lobby_id}/messages/{message_id}/moderation-metadata")


def _members(
    members: UndefinedNoneOr[Sequence[Mapping[str, typing.Any]]],
) -> UndefinedNoneOr[list[JSONObject]]:
    if members is UNDEFINED or members is None:
        return members
    check_len("members", members, 0, 25)
    return [dict(m) for m in members]


class LobbyEndpoints(EndpointBase):
    """Social SDK lobbies."""

    __slots__ = ()

    async def create_lobby(
        self,
        *,
        members: UndefinedOr[Sequence[Mapping[str, typing.Any]]] = UNDEFINED,
        metadata: UndefinedNoneOr[Mapping[str, str]] = UNDEFINED,
        idle_timeout_seconds: UndefinedOr[int] = UNDEFINED,
        flags: UndefinedOr[int] = UNDEFINED,
    ) -> JSONObject:
        """Create a lobby (members as `{"id": ..., "metadata": ..., "flags": ...}`)."""
        check_range("idle_timeout_seconds", idle_timeout_seconds, 5, 604800)
        body = put(
            {},
            members=_members(members),
            metadata=metadata if metadata in (UNDEFINED, None) else dict(metadata),
            idle_timeout_seconds=idle_timeout_seconds,
            flags=flags,
        )
        return typing.cast("JSONObject", await self._request(POST_LOBBY.compile(), json=body))

    async def create_or_join_lobby(
        self,
        secret: str,
        *,
        lobby_metadata: UndefinedNoneOr[Mapping[str, str]] = UNDEFINED,
        member_metadata: UndefinedNoneOr[Mapping[str, str]] = UNDEFINED,
        idle_timeout_seconds: UndefinedOr[int] = UNDEFINED,
        flags: UndefinedOr[int] = UNDEFINED,
    ) -> JSONObject:
        """Join the lobby with this secret, creating it if needed (user token)."""
        check_len("secret", secret, 1, 250)
        check_range("idle_timeout_seconds", idle_timeout_seconds, 5, 604800)
        body = put(
            {"secret": secret},
            lobby_metadata=lobby_metadata,
            member_metadata=member_metadata,
            idle_timeout_seconds=idle_timeout_seconds,
            flags=flags,
        )
        return typing.cast("JSONObject", await self._request(PUT_LOBBY.compile(), json=body))

    async def fetch_lobby(self, lobby: SnowflakeishOr) -> JSONObject:
        """A lobby."""
        return typing.cast(
            "JSONObject", await self._request(GET_LOBBY.compile(lobby_id=sid(lobby)))
        )

    async def edit_lobby(
        self,
        lobby: SnowflakeishOr,
        *,
        members: UndefinedOr[Sequence[Mapping[str, typing.Any]]] = UNDEFINED,
        metadata: UndefinedNoneOr[Mapping[str, str]] = UNDEFINED,
        idle_timeout_seconds: UndefinedOr[int] = UNDEFINED,
        flags: UndefinedOr[int] = UNDEFINED,
    ) -> JSONObject:
        """Change a lobby (`members` replaces the member list)."""
        check_range("idle_timeout_seconds", idle_timeout_seconds, 5, 604800)
        body = put(
            {},
            members=_members(members),
            metadata=metadata,
            idle_timeout_seconds=idle_timeout_seconds,
            flags=flags,
        )
        route = PATCH_LOBBY.compile(lobby_id=sid(lobby))
        return typing.cast("JSONObject", await self._request(route, json=body))

    async def delete_lobby(self, lobby: SnowflakeishOr) -> None:
        """Delete a lobby."""
        await self._request(DELETE_LOBBY.compile(lobby_id=sid(lobby)))

    async def link_lobby_channel(
        self, lobby: SnowflakeishOr, channel: SnowflakeishOr | None
    ) -> JSONObject:
        """Link a lobby to a guild text channel, or unlink it with `None`."""
        route = PATCH_CHANNEL_LINK.compile(lobby_id=sid(lobby))
        body = {"channel_id": opt_id(channel)}
        return typing.cast("JSONObject", await self._request(route, json=body))

    async def leave_lobby(self, lobby: SnowflakeishOr) -> None:
        """Leave a lobby (user token)."""
        await self._request(DELETE_MY_MEMBERSHIP.compile(lobby_id=sid(lobby)))

    async def add_lobby_member(
        self,
        lobby: SnowflakeishOr,
        user: SnowflakeishOr,
        *,
        metadata: UndefinedNoneOr[Mapping[str, str]] = UNDEFINED,
        flags: UndefinedOr[int] = UNDEFINED,
    ) -> JSONObject:
        """Add a user to a lobby (or update their metadata and flags)."""
        body = put({}, metadata=metadata, flags=flags)
        route = PUT_MEMBER.compile(lobby_id=sid(lobby), user_id=sid(user))
        return typing.cast("JSONObject", await self._request(route, json=body))

    async def remove_lobby_member(self, lobby: SnowflakeishOr, user: SnowflakeishOr) -> None:
        """Remove a user from a lobby."""
        await self._request(DELETE_MEMBER.compile(lobby_id=sid(lobby), user_id=sid(user)))

    async def bulk_update_lobby_members(
        self, lobby: SnowflakeishOr, members: Sequence[Mapping[str, typing.Any]]
    ) -> list[JSONObject]:
        """Add, update or remove (`"remove_member": true`) up to 25 members at once."""
        check_len("members", members, 1, 25)
        route = POST_BULK_MEMBERS.compile(lobby_id=sid(lobby))
        return list(await self._request(route, json=[dict(m) for m in members]) or ())

    async def create_lobby_guild_invite(
        self, lobby: SnowflakeishOr, user: UndefinedOr[SnowflakeishOr] = UNDEFINED
    ) -> JSONObject:
        """An invite to the lobby's linked channel guild, for the current user or `user`."""
        if user is UNDEFINED:
            route = POST_MY_INVITE.compile(lobby_id=sid(lobby))
        else:
            route = POST_MEMBER_INVITE.compile(lobby_id=sid(lobby), user_id=sid(user))
        return typing.cast("JSONObject", await self._request(route))

    async def fetch_lobby_messages(
        self, lobby: SnowflakeishOr, *, limit: UndefinedOr[int] = UNDEFINED
    ) -> list[JSONObject]:
        """The latest messages of a lobby (at most 200)."""
        check_range("limit", limit, 1, 200)
        query = put({}, limit=limit)
        route = GET_MESSAGES.compile(lobby_id=sid(lobby))
        return list(await self._request(route, query=query) or ())

    async def create_lobby_message(
        self,
        lobby: SnowflakeishOr,
        content: UndefinedOr[str] = UNDEFINED,
        *,
        metadata: UndefinedOr[Mapping[str, str]] = UNDEFINED,
        embeds: UndefinedOr[Sequence[Embedish]] = UNDEFINED,
        components: UndefinedOr[Sequence[Componentish]] = UNDEFINED,
        flags: UndefinedOr[int] = UNDEFINED,
    ) -> JSONObject:
        """Send a message in a lobby (content up to 4000 characters)."""
        check_len("content", content, 0, 4000)
        body, _ = message_body(content=content, embeds=embeds, components=components, flags=flags)
        put(body, metadata=metadata if metadata is UNDEFINED else dict(metadata))
        route = POST_MESSAGE.compile(lobby_id=sid(lobby))
        return typing.cast("JSONObject", await self._request(route, json=body))

    async def set_lobby_message_moderation_metadata(
        self,
        lobby: SnowflakeishOr,
        message: SnowflakeishOr,
        metadata: Mapping[str, str],
    ) -> None:
        """Attach your moderation system's verdict to a lobby message."""
        route = PUT_MODERATION.compile(lobby_id=sid(lobby), message_id=sid(message))
        await self._request(route, json=dict(metadata))
