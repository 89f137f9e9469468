"""REST endpoints: threads (create, forum posts, membership, active/archived listings, search).

Shapes from resources/channel.mdx ("Start Thread ...", "Thread Members", "List ... Archived
Threads") and the spec's `thread_search`. Thread names, archive durations, slow mode and
tags are checked by `anycord.rest.builders.ThreadSettings` before sending.
"""

from __future__ import annotations

import typing

from anycord.rest.builders import ThreadSettings
from anycord.rest.endpoints._base import EndpointBase
from anycord.rest.endpoints._fields import check_range, cursor, put
from anycord.rest.endpoints._payloads import message_body_from, sid
from anycord.rest.pagination import LazyIterator
from anycord.rest.routes import Route
from anycord.serde.threads import decode_thread, decode_thread_member
from anycord.undefined import UNDEFINED, UndefinedNoneOr, UndefinedOr

if typing.TYPE_CHECKING:
    import datetime
    from collections.abc import AsyncGenerator, Sequence

    from anycord.models.message_parts import Attachmentish, Componentish, Embedish
    from anycord.models.threads import GuildThreadChannel, ThreadMember
    from anycord.serde._core import JSONObject
    from anycord.snowflakes import SnowflakeishOr

__all__ = ["ThreadEndpoints", "ThreadSearchResult"]

POST_THREAD_FROM_MESSAGE = Route("POST", "/channels/{channel_id}/messages/{message_id}/threads")
POST_THREAD = Route("POST", "/channels/{channel_id}/threads")
GET_THREAD_MEMBERS = Route("GET", "/channels/{channel_id}/thread-members")
PUT_THREAD_ME = Route("PUT", "/channels/{channel_id}/thread-members/@me")
DELETE_THREAD_ME = Route("DELETE", "/channels/{channel_id}/thread-members/@me")
GET_THREAD_MEMBER = Route("GET", "/channels/{channel_id}/thread-members/{user_id}")
PUT_THREAD_MEMBER = Route("PUT", "/channels/{channel_id}/thread-members/{user_id}")
DELETE_THREAD_MEMBER = Route("DELETE", "/channels/{channel_id}/thread-members/{user_id}")
GET_PUBLIC_ARCHIVED = Route("GET", "/channels/{channel_id}/threads/archived/public")
GET_PRIVATE_ARCHIVED = Route("GET", "/channels/{channel_id}/threads/archived/private")
GET_MY_PRIVATE_ARCHIVED = Route("GET", "/channels/{channel_id}/users/@me/threads/archived/private")
GET_THREAD_SEARCH = Route("GET", "/channels/{channel_id}/threads/search")
GET_ACTIVE_THREADS = Route("GET", "/guilds/{guild_id}/threads/active")

_PAGE = 100


def _iso_cursor(before: UndefinedOr[datetime.datetime]) -> str | None:
    return None if before is UNDEFINED else before.isoformat()


class ThreadSearchResult(typing.NamedTuple):
    """One page of `search_threads`: the threads, the caller's memberships, and the total."""

    threads: list[GuildThreadChannel]
    members: list[ThreadMember]
    total_results: int
    has_more: bool


class ThreadEndpoints(EndpointBase):
    """Threads and forum posts."""

    __slots__ = ()

    def _threads(self, payload: JSONObject) -> list[GuildThreadChannel]:
        return [decode_thread(t, self._app) for t in payload.get("threads", ())]

    async def create_message_thread(
        self,
        channel: SnowflakeishOr,
        message: SnowflakeishOr,
        name: str,
        *,
        auto_archive_duration: UndefinedOr[int] = UNDEFINED,
        rate_limit_per_user: UndefinedNoneOr[int] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> GuildThreadChannel:
        """Start a public thread from a message (a news thread in an announcement channel)."""
        body = ThreadSettings(
            name=name,
            auto_archive_duration=auto_archive_duration,
            rate_limit_per_user=rate_limit_per_user,
        ).build()
        route = POST_THREAD_FROM_MESSAGE.compile(channel_id=sid(channel), message_id=sid(message))
        return decode_thread(await self._request(route, json=body, reason=reason), self._app)

    async def create_thread(
        self,
        channel: SnowflakeishOr,
        type: int,
        name: str,
        *,
        auto_archive_duration: UndefinedOr[int] = UNDEFINED,
        rate_limit_per_user: UndefinedNoneOr[int] = UNDEFINED,
        invitable: UndefinedOr[bool] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> GuildThreadChannel:
        """Start a thread without a message (`type` 11 public, 12 private, 10 news)."""
        body = ThreadSettings(
            name=name,
            type=int(type),
            auto_archive_duration=auto_archive_duration,
            rate_limit_per_user=rate_limit_per_user,
            invitable=invitable,
        ).build()
        route = POST_THREAD.compile(channel_id=sid(channel))
        return decode_thread(await self._request(route, json=body, reason=reason), self._app)

    async def create_forum_post(
        self,
        channel: SnowflakeishOr,
        name: str,
        content: UndefinedOr[typing.Any] = UNDEFINED,
        *,
        attachment: UndefinedOr[Attachmentish] = UNDEFINED,
        attachments: UndefinedOr[Sequence[Attachmentish]] = UNDEFINED,
        component: UndefinedOr[Componentish] = UNDEFINED,
        components: UndefinedOr[Sequence[Componentish]] = UNDEFINED,
        embed: UndefinedOr[Embedish] = UNDEFINED,
        embeds: UndefinedOr[Sequence[Embedish]] = UNDEFINED,
        sticker: UndefinedOr[SnowflakeishOr] = UNDEFINED,
        stickers: UndefinedOr[Sequence[SnowflakeishOr]] = UNDEFINED,
        mentions_everyone: UndefinedOr[bool] = UNDEFINED,
        user_mentions: UndefinedOr[Sequence[SnowflakeishOr] | bool] = UNDEFINED,
        role_mentions: UndefinedOr[Sequence[SnowflakeishOr] | bool] = UNDEFINED,
        flags: UndefinedOr[int] = UNDEFINED,
        auto_archive_duration: UndefinedOr[int] = UNDEFINED,
        rate_limit_per_user: UndefinedNoneOr[int] = UNDEFINED,
        tags: UndefinedOr[Sequence[SnowflakeishOr]] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> GuildThreadChannel:
        """Post in a forum or media channel: a thread whose first message is given here.

        Raises `ValueError` before sending for a name outside 1-100 characters, more than 5
        tags, content over 2000 characters, or a message with nothing in it.
        """
        settings = ThreadSettings(
            name=name,
            auto_archive_duration=auto_archive_duration,
            rate_limit_per_user=rate_limit_per_user,
            applied_tags=tags,
        )
        body = settings.build()
        message, files = message_body_from(locals())
        text = message.get("content")
        if text is not None and len(text) > 2000:
            msg = f"forum post content has {len(text)} characters; Discord allows 2000"
            raise ValueError(msg)
        if not any(message.get(k) for k in ("content", "embeds", "components", "sticker_ids")) and (
            not files
        ):
            msg = (
                "a forum post's first message needs content, embeds, components, stickers or files"
            )
            raise ValueError(msg)
        body["message"] = message
        route = POST_THREAD.compile(channel_id=sid(channel))
        payload = await self._request(route, json=body, files=files, reason=reason)
        return decode_thread(payload, self._app)

    async def join_thread(self, thread: SnowflakeishOr) -> None:
        """Join a thread as the current user."""
        await self._request(PUT_THREAD_ME.compile(channel_id=sid(thread)))

    async def leave_thread(self, thread: SnowflakeishOr) -> None:
        """Leave a thread."""
        await self._request(DELETE_THREAD_ME.compile(channel_id=sid(thread)))

    async def add_thread_member(self, thread: SnowflakeishOr, user: SnowflakeishOr) -> None:
        """Add a member to a thread."""
        route = PUT_THREAD_MEMBER.compile(channel_id=sid(thread), user_id=sid(user))
        await self._request(route)

    async def remove_thread_member(self, thread: SnowflakeishOr, user: SnowflakeishOr) -> None:
        """Remove a member from a thread."""
        route = DELETE_THREAD_MEMBER.compile(channel_id=sid(thread), user_id=sid(user))
        await self._request(route)

    async def fetch_thread_member(
        self, thread: SnowflakeishOr, user: SnowflakeishOr, *, with_member: bool = False
    ) -> ThreadMember:
        """One member of a thread (with their guild member when `with_member`)."""
        thread_id = sid(thread)
        route = GET_THREAD_MEMBER.compile(channel_id=thread_id, user_id=sid(user))
        query = {"with_member": True} if with_member else None
        payload = await self._request(route, query=query)
        return decode_thread_member(payload, self._app, thread_id)

    def fetch_thread_members(
        self, thread: SnowflakeishOr, *, with_member: bool = False
    ) -> LazyIterator[ThreadMember]:
        """Every member of a thread, 100 per request (paged with `after` when `with_member`)."""
        thread_id = sid(thread)
        route = GET_THREAD_MEMBERS.compile(channel_id=thread_id)
        app = self._app

        async def gen() -> AsyncGenerator[ThreadMember, None]:
            if not with_member:
                for raw in await self._request(route):
                    yield decode_thread_member(raw, app, thread_id)
                return
            after: str | None = None
            while True:
                query: dict[str, typing.Any] = {"with_member": True, "limit": _PAGE}
                if after is not None:
                    query["after"] = after
                page = await self._request(route, query=query)
                for raw in page:
                    yield decode_thread_member(raw, app, thread_id)
                if len(page) < _PAGE:
                    return
                after = str(page[-1]["user_id"])

        return LazyIterator(gen)

    async def fetch_active_threads(self, guild: SnowflakeishOr) -> list[GuildThreadChannel]:
        """Every active thread of a guild the bot can see."""
        payload = await self._request(GET_ACTIVE_THREADS.compile(guild_id=sid(guild)))
        return self._threads(payload)

    def _archived(
        self, route: Route, channel: SnowflakeishOr, first: str | None, by_id: bool
    ) -> LazyIterator[GuildThreadChannel]:
        compiled = route.compile(channel_id=sid(channel))
        cursor = first

        async def gen() -> AsyncGenerator[GuildThreadChannel, None]:
            nonlocal cursor
            while True:
                query: dict[str, typing.Any] = {"limit": _PAGE}
                if cursor is not None:
                    query["before"] = cursor
                payload = await self._request(compiled, query=query)
                raws = payload.get("threads", [])
                for raw in raws:
                    yield decode_thread(raw, self._app)
                if not payload.get("has_more") or not raws:
                    return
                last = raws[-1]
                cursor = str(last["id"]) if by_id else last["thread_metadata"]["archive_timestamp"]

        return LazyIterator(gen)

    def fetch_public_archived_threads(
        self, channel: SnowflakeishOr, *, before: UndefinedOr[datetime.datetime] = UNDEFINED
    ) -> LazyIterator[GuildThreadChannel]:
        """Archived public threads of a channel, newest archive first."""
        return self._archived(GET_PUBLIC_ARCHIVED, channel, _iso_cursor(before), by_id=False)

    def fetch_private_archived_threads(
        self, channel: SnowflakeishOr, *, before: UndefinedOr[datetime.datetime] = UNDEFINED
    ) -> LazyIterator[GuildThreadChannel]:
        """Archived private threads of a channel (needs Manage Threads)."""
        return self._archived(GET_PRIVATE_ARCHIVED, channel, _iso_cursor(before), by_id=False)

    def fetch_joined_private_archived_threads(
        self, channel: SnowflakeishOr, *, before: UndefinedOr[SnowflakeishOr] = UNDEFINED
    ) -> LazyIterator[GuildThreadChannel]:
        """Archived private threads the current user joined, newest thread first."""
        return self._archived(GET_MY_PRIVATE_ARCHIVED, channel, cursor(before), by_id=True)

    async def search_threads(
        self,
        channel: SnowflakeishOr,
        *,
        name: UndefinedOr[str] = UNDEFINED,
        slop: UndefinedOr[int] = UNDEFINED,
        min_id: UndefinedOr[SnowflakeishOr] = UNDEFINED,
        max_id: UndefinedOr[SnowflakeishOr] = UNDEFINED,
        tags: UndefinedOr[Sequence[SnowflakeishOr]] = UNDEFINED,
        tag_setting: UndefinedOr[str] = UNDEFINED,
        archived: UndefinedOr[bool] = UNDEFINED,
        sort_by: UndefinedOr[str] = UNDEFINED,
        sort_order: UndefinedOr[str] = UNDEFINED,
        limit: UndefinedOr[int] = UNDEFINED,
        offset: UndefinedOr[int] = UNDEFINED,
    ) -> ThreadSearchResult:
        """Search a forum's or channel's threads by name and tags (one page of results).

        Discord answers 202 while its search index is being built; the client then returns
        an empty result with `has_more=True` so callers can retry later.
        """
        check_range("limit", limit, 1, 25)
        check_range("offset", offset, 0, 9975)
        query = put(
            {},
            name=name,
            slop=slop,
            min_id=UNDEFINED if min_id is UNDEFINED else str(sid(min_id)),
            max_id=UNDEFINED if max_id is UNDEFINED else str(sid(max_id)),
            tag=UNDEFINED if tags is UNDEFINED else [str(sid(t)) for t in tags],
            tag_setting=tag_setting,
            archived=archived,
            sort_by=sort_by,
            sort_order=sort_order,
            limit=limit,
            offset=offset,
        )
        route = GET_THREAD_SEARCH.compile(channel_id=sid(channel))
        payload = await self._request(route, query=query)
        if not isinstance(payload, dict) or "threads" not in payload:
            return ThreadSearchResult([], [], 0, True)
        members = [decode_thread_member(m, self._app) for m in payload.get("members", ())]
        return ThreadSearchResult(
            self._threads(payload),
            members,
            int(payload.get("total_results", 0)),
            bool(payload.get("has_more", False)),
        )
