"""REST endpoints: invites (channel and guild listings, create, resolve, revoke, target users).

Shapes from resources/invite.mdx and resources/channel.mdx ("Create Channel Invite").
"""

from __future__ import annotations

import typing

from anycord.files import ensure_resource
from anycord.rest.endpoints._base import EndpointBase
from anycord.rest.endpoints._fields import check_range, id_list, opt_id, put
from anycord.rest.endpoints._payloads import sid
from anycord.rest.routes import Route
from anycord.serde.invites import decode_invite, decode_invite_with_metadata
from anycord.undefined import UNDEFINED, UndefinedOr

if typing.TYPE_CHECKING:
    from collections.abc import Sequence

    from anycord.files import Resourceish
    from anycord.models.invites import Invite, InviteWithMetadata
    from anycord.snowflakes import SnowflakeishOr

__all__ = ["InviteEndpoints"]

GET_CHANNEL_INVITES = Route("GET", "/channels/{channel_id}/invites")
POST_CHANNEL_INVITE = Route("POST", "/channels/{channel_id}/invites")
GET_GUILD_INVITES = Route("GET", "/guilds/{guild_id}/invites")
GET_INVITE = Route("GET", "/invites/{code}")
DELETE_INVITE = Route("DELETE", "/invites/{code}")
GET_TARGET_USERS = Route("GET", "/invites/{code}/target-users")
PUT_TARGET_USERS = Route("PUT", "/invites/{code}/target-users")
GET_TARGET_USERS_JOB = Route("GET", "/invites/{code}/target-users/job-status")


def _code(invite: str | Invite) -> str:
    return invite if isinstance(invite, str) else str(invite.code)


class InviteEndpoints(EndpointBase):
    """Invites."""

    __slots__ = ()

    async def fetch_channel_invites(self, channel: SnowflakeishOr) -> list[InviteWithMetadata]:
        """The invites of a channel (needs Manage Channels)."""
        payload = await self._request(GET_CHANNEL_INVITES.compile(channel_id=sid(channel)))
        return [decode_invite_with_metadata(i, self._app) for i in payload or ()]

    async def fetch_guild_invites(self, guild: SnowflakeishOr) -> list[InviteWithMetadata]:
        """The invites of a guild (needs Manage Guild)."""
        payload = await self._request(GET_GUILD_INVITES.compile(guild_id=sid(guild)))
        return [decode_invite_with_metadata(i, self._app) for i in payload or ()]

    async def create_invite(
        self,
        channel: SnowflakeishOr,
        *,
        max_age: UndefinedOr[int] = UNDEFINED,
        max_uses: UndefinedOr[int] = UNDEFINED,
        temporary: UndefinedOr[bool] = UNDEFINED,
        unique: UndefinedOr[bool] = UNDEFINED,
        target_type: UndefinedOr[int] = UNDEFINED,
        target_user: UndefinedOr[SnowflakeishOr] = UNDEFINED,
        target_application: UndefinedOr[SnowflakeishOr] = UNDEFINED,
        roles: UndefinedOr[Sequence[SnowflakeishOr]] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> InviteWithMetadata:
        """Create an invite; `max_age` 0-604800 s (0: never expires), `max_uses` 0-100."""
        check_range("max_age", max_age, 0, 604800)
        check_range("max_uses", max_uses, 0, 100)
        body = put(
            {},
            max_age=max_age,
            max_uses=max_uses,
            temporary=temporary,
            unique=unique,
            target_type=target_type if target_type is UNDEFINED else int(target_type),
            target_user_id=opt_id(target_user),
            target_application_id=opt_id(target_application),
            role_ids=id_list(roles),
        )
        route = POST_CHANNEL_INVITE.compile(channel_id=sid(channel))
        payload = await self._request(route, json=body, reason=reason)
        return decode_invite_with_metadata(payload, self._app)

    async def fetch_invite(
        self,
        invite: str | Invite,
        *,
        with_counts: bool = True,
        scheduled_event: UndefinedOr[SnowflakeishOr] = UNDEFINED,
    ) -> Invite:
        """Resolve an invite code (with approximate member counts by default)."""
        query = put(
            {"with_counts": with_counts},
            guild_scheduled_event_id=opt_id(scheduled_event),
        )
        payload = await self._request(GET_INVITE.compile(code=_code(invite)), query=query)
        return decode_invite(payload, self._app)

    async def delete_invite(
        self, invite: str | Invite, reason: UndefinedOr[str] = UNDEFINED
    ) -> Invite:
        """Revoke an invite; returns what it was."""
        payload = await self._request(DELETE_INVITE.compile(code=_code(invite)), reason=reason)
        return decode_invite(payload, self._app)

    async def fetch_invite_target_users(self, invite: str | Invite) -> str:
        """The CSV of user IDs an invite is restricted to (Discord answers `text/csv`)."""
        payload = await self._request(GET_TARGET_USERS.compile(code=_code(invite)), raw=True)
        return bytes(payload).decode("utf-8")

    async def set_invite_target_users(self, invite: str | Invite, users: Resourceish) -> None:
        """Restrict an invite to the users listed in a CSV file (one user ID per line)."""
        resource = ensure_resource(users, "target_users.csv")
        route = PUT_TARGET_USERS.compile(code=_code(invite))
        await self._request(route, files={"target_users_file": resource})

    async def fetch_invite_target_users_job_status(
        self, invite: str | Invite
    ) -> dict[str, typing.Any]:
        """Progress of the last `set_invite_target_users` upload (`status`, counts, errors)."""
        payload = await self._request(GET_TARGET_USERS_JOB.compile(code=_code(invite)))
        return typing.cast("dict[str, typing.Any]", payload)
