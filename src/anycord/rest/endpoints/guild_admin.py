"""REST endpoints: guild administration: bans, bulk bans, prune, integrations, vanity URL,
incident actions, preview, role member counts and positions, join requests, member welcome,
adding users with an OAuth2 token, and message search.

Shapes from resources/guild.mdx and the spec. Join requests, incident data, the new-member
welcome and search results have no model yet: they are returned as the JSON Discord sends.
"""

from __future__ import annotations

import typing

from anycord.rest.endpoints._base import EndpointBase
from anycord.rest.endpoints._fields import check_len, check_range, cursor, id_list, iso, put
from anycord.rest.endpoints._payloads import sid
from anycord.rest.routes import Route
from anycord.serde.guilds import (
    decode_guild_ban,
    decode_guild_preview,
    decode_integration,
    decode_vanity_url,
)
from anycord.serde.members import decode_member
from anycord.serde.roles import decode_role
from anycord.serde.webhooks import decode_webhook
from anycord.undefined import UNDEFINED, UndefinedNoneOr, UndefinedOr

if typing.TYPE_CHECKING:
    import datetime
    from collections.abc import Mapping, Sequence

    from anycord.models.guild_satellites import GuildBan, GuildPreview, Integration, VanityURL
    from anycord.models.members import Member
    from anycord.models.roles import Role
    from anycord.models.webhooks import PartialWebhook
    from anycord.rest.pagination import LazyIterator
    from anycord.snowflakes import SnowflakeishOr

__all__ = ["BulkBanResult", "GuildAdminEndpoints"]

GET_BANS = Route("GET", "/guilds/{guild_id}/bans")
GET_BAN = Route("GET", "/guilds/{guild_id}/bans/{user_id}")
POST_BULK_BAN = Route("POST", "/guilds/{guild_id}/bulk-ban")
GET_PRUNE = Route("GET", "/guilds/{guild_id}/prune")
POST_PRUNE = Route("POST", "/guilds/{guild_id}/prune")
GET_INTEGRATIONS = Route("GET", "/guilds/{guild_id}/integrations")
DELETE_INTEGRATION = Route("DELETE", "/guilds/{guild_id}/integrations/{integration_id}")
GET_VANITY = Route("GET", "/guilds/{guild_id}/vanity-url")
PUT_INCIDENT_ACTIONS = Route("PUT", "/guilds/{guild_id}/incident-actions")
GET_PREVIEW = Route("GET", "/guilds/{guild_id}/preview")
GET_ROLE_COUNTS = Route("GET", "/guilds/{guild_id}/roles/member-counts")
PATCH_ROLES = Route("PATCH", "/guilds/{guild_id}/roles")
GET_JOIN_REQUESTS = Route("GET", "/guilds/{guild_id}/requests")
PATCH_JOIN_REQUEST = Route("PATCH", "/guilds/{guild_id}/requests/{request_id}")
GET_NEW_MEMBER_WELCOME = Route("GET", "/guilds/{guild_id}/new-member-welcome")
PUT_MEMBER = Route("PUT", "/guilds/{guild_id}/members/{user_id}")
GET_MESSAGE_SEARCH = Route("GET", "/guilds/{guild_id}/messages/search")
GET_GUILD_WEBHOOKS = Route("GET", "/guilds/{guild_id}/webhooks")


class BulkBanResult(typing.NamedTuple):
    """Who `bulk_ban_users` banned, and who it could not (or who was already banned)."""

    banned: list[int]
    failed: list[int]


class GuildAdminEndpoints(EndpointBase):
    """Guild moderation and administration."""

    __slots__ = ()

    def fetch_bans(
        self,
        guild: SnowflakeishOr,
        *,
        newest_first: bool = False,
        start_at: UndefinedOr[SnowflakeishOr] = UNDEFINED,
    ) -> LazyIterator[GuildBan]:
        """A guild's bans, 1000 per request, by user ID (ascending unless `newest_first`)."""
        route = GET_BANS.compile(guild_id=sid(guild))
        app = self._app
        first = cursor(start_at)
        if first is None and newest_first:
            # Without a cursor Discord pages from the oldest ban whatever the direction.
            first = str(2**63 - 1)
        return self._paginate(
            route,
            lambda raw: decode_guild_ban(raw, app),
            page_size=1000,
            direction="before" if newest_first else "after",
            first_cursor=first,
            next_cursor=lambda raw: str(raw["user"]["id"]),
            sort_key=lambda raw: int(raw["user"]["id"]),
        )

    async def fetch_guild_webhooks(self, guild: SnowflakeishOr) -> list[PartialWebhook]:
        """Every webhook of a guild (needs Manage Webhooks)."""
        payload = await self._request(GET_GUILD_WEBHOOKS.compile(guild_id=sid(guild)))
        return [decode_webhook(w, self._app) for w in payload or ()]

    async def fetch_ban(self, guild: SnowflakeishOr, user: SnowflakeishOr) -> GuildBan:
        """One ban."""
        route = GET_BAN.compile(guild_id=sid(guild), user_id=sid(user))
        return decode_guild_ban(await self._request(route), self._app)

    async def bulk_ban_users(
        self,
        guild: SnowflakeishOr,
        users: Sequence[SnowflakeishOr],
        *,
        delete_message_seconds: UndefinedOr[int] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> BulkBanResult:
        """Ban up to 200 users at once, optionally deleting up to 7 days of their messages."""
        check_len("users", users, 1, 200)
        check_range("delete_message_seconds", delete_message_seconds, 0, 604800)
        body = put({"user_ids": id_list(users)}, delete_message_seconds=delete_message_seconds)
        route = POST_BULK_BAN.compile(guild_id=sid(guild))
        payload = await self._request(route, json=body, reason=reason)
        return BulkBanResult(
            [int(u) for u in payload.get("banned_users", ())],
            [int(u) for u in payload.get("failed_users", ())],
        )

    async def estimate_guild_prune_count(
        self,
        guild: SnowflakeishOr,
        *,
        days: UndefinedOr[int] = UNDEFINED,
        include_roles: UndefinedOr[Sequence[SnowflakeishOr]] = UNDEFINED,
    ) -> int:
        """How many members a prune would remove (inactive for `days`, 1-30, default 7)."""
        check_range("days", days, 1, 30)
        query = put(
            {},
            days=days,
            include_roles=UNDEFINED
            if include_roles is UNDEFINED
            else ",".join(str(sid(r)) for r in include_roles),
        )
        payload = await self._request(GET_PRUNE.compile(guild_id=sid(guild)), query=query)
        return int(payload["pruned"])

    async def begin_guild_prune(
        self,
        guild: SnowflakeishOr,
        *,
        days: UndefinedOr[int] = UNDEFINED,
        compute_prune_count: UndefinedOr[bool] = UNDEFINED,
        include_roles: UndefinedOr[Sequence[SnowflakeishOr]] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> int | None:
        """Remove inactive members; returns how many (None with `compute_prune_count=False`)."""
        check_range("days", days, 1, 30)
        body = put(
            {},
            days=days,
            compute_prune_count=compute_prune_count,
            include_roles=id_list(include_roles),
        )
        route = POST_PRUNE.compile(guild_id=sid(guild))
        payload = await self._request(route, json=body, reason=reason)
        pruned = payload.get("pruned")
        return None if pruned is None else int(pruned)

    async def fetch_integrations(self, guild: SnowflakeishOr) -> list[Integration]:
        """A guild's integrations (bots, Twitch, YouTube, ...)."""
        guild_id = sid(guild)
        payload = await self._request(GET_INTEGRATIONS.compile(guild_id=guild_id))
        return [decode_integration(i, self._app, guild_id) for i in payload or ()]

    async def delete_integration(
        self,
        guild: SnowflakeishOr,
        integration: SnowflakeishOr,
        *,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> None:
        """Remove an integration (and kick its bot, if any)."""
        route = DELETE_INTEGRATION.compile(guild_id=sid(guild), integration_id=sid(integration))
        await self._request(route, reason=reason)

    async def fetch_vanity_url(self, guild: SnowflakeishOr) -> VanityURL:
        """The guild's vanity invite code and its use count."""
        payload = await self._request(GET_VANITY.compile(guild_id=sid(guild)))
        return decode_vanity_url(payload, self._app)

    async def set_guild_incident_actions(
        self,
        guild: SnowflakeishOr,
        *,
        invites_disabled_until: UndefinedNoneOr[datetime.datetime] = UNDEFINED,
        dms_disabled_until: UndefinedNoneOr[datetime.datetime] = UNDEFINED,
    ) -> dict[str, typing.Any]:
        """Pause invites or DMs (up to 24 hours ahead); `None` lifts a pause."""
        body = put(
            {},
            invites_disabled_until=iso(invites_disabled_until),
            dms_disabled_until=iso(dms_disabled_until),
        )
        route = PUT_INCIDENT_ACTIONS.compile(guild_id=sid(guild))
        return typing.cast("dict[str, typing.Any]", await self._request(route, json=body))

    async def fetch_guild_preview(self, guild: SnowflakeishOr) -> GuildPreview:
        """A discoverable guild's public preview."""
        payload = await self._request(GET_PREVIEW.compile(guild_id=sid(guild)))
        return decode_guild_preview(payload, self._app)

    async def fetch_role_member_counts(self, guild: SnowflakeishOr) -> dict[int, int]:
        """How many members have each role (role ID to count)."""
        payload = await self._request(GET_ROLE_COUNTS.compile(guild_id=sid(guild)))
        return {int(k): int(v) for k, v in payload.items()}

    async def reposition_roles(
        self,
        guild: SnowflakeishOr,
        positions: Mapping[int, SnowflakeishOr],
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> list[Role]:
        """Move roles: `{position: role}`; returns every role of the guild."""
        body = [{"id": str(sid(r)), "position": int(p)} for p, r in positions.items()]
        guild_id = sid(guild)
        route = PATCH_ROLES.compile(guild_id=guild_id)
        payload = await self._request(route, json=body, reason=reason)
        return [decode_role(r, self._app, guild_id) for r in payload]

    async def fetch_guild_join_requests(
        self,
        guild: SnowflakeishOr,
        *,
        status: UndefinedOr[str] = UNDEFINED,
        limit: UndefinedOr[int] = UNDEFINED,
        before: UndefinedOr[SnowflakeishOr] = UNDEFINED,
        after: UndefinedOr[SnowflakeishOr] = UNDEFINED,
    ) -> dict[str, typing.Any]:
        """One page of membership-screening join requests (`SUBMITTED`, `APPROVED`, ...)."""
        check_range("limit", limit, 1, 100)
        query = put(
            {},
            status=status,
            limit=limit,
            before=UNDEFINED if before is UNDEFINED else str(sid(before)),
            after=UNDEFINED if after is UNDEFINED else str(sid(after)),
        )
        route = GET_JOIN_REQUESTS.compile(guild_id=sid(guild))
        return typing.cast("dict[str, typing.Any]", await self._request(route, query=query))

    async def action_guild_join_request(
        self,
        guild: SnowflakeishOr,
        request: SnowflakeishOr,
        action: str,
        *,
        rejection_reason: UndefinedNoneOr[str] = UNDEFINED,
    ) -> dict[str, typing.Any]:
        """Approve (`"APPROVED"`) or reject (`"REJECTED"`) a join request."""
        check_len("rejection_reason", rejection_reason, 0, 160)
        body = put({"action": action}, rejection_reason=rejection_reason)
        route = PATCH_JOIN_REQUEST.compile(guild_id=sid(guild), request_id=sid(request))
        return typing.cast("dict[str, typing.Any]", await self._request(route, json=body))

    async def fetch_guild_new_member_welcome(
        self, guild: SnowflakeishOr
    ) -> dict[str, typing.Any] | None:
        """The guild's home-page welcome settings, or None when it has none."""
        payload = await self._request(GET_NEW_MEMBER_WELCOME.compile(guild_id=sid(guild)))
        return typing.cast("dict[str, typing.Any] | None", payload)

    async def add_user_to_guild(
        self,
        access_token: str,
        guild: SnowflakeishOr,
        user: SnowflakeishOr,
        *,
        nickname: UndefinedOr[str] = UNDEFINED,
        roles: UndefinedOr[Sequence[SnowflakeishOr]] = UNDEFINED,
        mute: UndefinedOr[bool] = UNDEFINED,
        deaf: UndefinedOr[bool] = UNDEFINED,
    ) -> Member | None:
        """Add a user who authorised the `guilds.join` scope; None if already a member."""
        check_len("nickname", nickname, 1, 32)
        body = put(
            {"access_token": access_token},
            nick=nickname,
            roles=id_list(roles),
            mute=mute,
            deaf=deaf,
        )
        guild_id = sid(guild)
        route = PUT_MEMBER.compile(guild_id=guild_id, user_id=sid(user))
        payload = await self._request(route, json=body)
        return None if payload is None else decode_member(payload, self._app, guild_id)

    async def search_guild_messages(
        self,
        guild: SnowflakeishOr,
        *,
        content: UndefinedOr[str] = UNDEFINED,
        authors: UndefinedOr[Sequence[SnowflakeishOr]] = UNDEFINED,
        channels: UndefinedOr[Sequence[SnowflakeishOr]] = UNDEFINED,
        mentions: UndefinedOr[Sequence[SnowflakeishOr]] = UNDEFINED,
        has: UndefinedOr[Sequence[str]] = UNDEFINED,
        pinned: UndefinedOr[bool] = UNDEFINED,
        min_id: UndefinedOr[SnowflakeishOr] = UNDEFINED,
        max_id: UndefinedOr[SnowflakeishOr] = UNDEFINED,
        sort_by: UndefinedOr[str] = UNDEFINED,
        sort_order: UndefinedOr[str] = UNDEFINED,
        limit: UndefinedOr[int] = UNDEFINED,
        offset: UndefinedOr[int] = UNDEFINED,
        include_nsfw: UndefinedOr[bool] = UNDEFINED,
    ) -> dict[str, typing.Any]:
        """One page of message search results (`messages`, `total_results`, ...).

        Discord answers 202 while the guild's index is being built; the body then says when
        to retry (`retry_after`).
        """
        check_range("limit", limit, 1, 25)
        check_range("offset", offset, 0, 9975)
        query = put(
            {},
            content=content,
            author_id=id_list(authors),
            channel_id=id_list(channels),
            mentions=id_list(mentions),
            has=has if has is UNDEFINED else list(has),
            pinned=pinned,
            min_id=UNDEFINED if min_id is UNDEFINED else str(sid(min_id)),
            max_id=UNDEFINED if max_id is UNDEFINED else str(sid(max_id)),
            sort_by=sort_by,
            sort_order=sort_order,
            limit=limit,
            offset=offset,
            include_nsfw=include_nsfw,
        )
        route = GET_MESSAGE_SEARCH.compile(guild_id=sid(guild))
        return typing.cast("dict[str, typing.Any]", await self._request(route, query=query))
