"""Thread members: who is in each cached thread, as far as the gateway tells.

Sources (events/gateway-events.mdx): THREAD_MEMBERS_UPDATE adds and removes anyone (others
only with the `GUILD_MEMBERS` intent; it also carries the thread's new `member_count`),
THREAD_MEMBER_UPDATE and THREAD_LIST_SYNC's `members` give the bot's own membership, and a
thread object's `member` field (GUILD_CREATE's threads, THREAD_CREATE when the bot is added)
is the bot's own membership without `id`/`user_id`. A thread's members go with the thread
(THREAD_DELETE, a list sync that drops it, GUILD_DELETE). Kept under
`CacheComponents.THREAD_MEMBERS`, and only while `GUILD_THREADS` is on too: members are
dropped with their thread, which the cache can only tell for the threads it holds.
"""

from __future__ import annotations

import typing

from anycord.cache._state import CacheState
from anycord.cache.views import CacheView, EmptyCacheView
from anycord.config import CacheComponents
from anycord.serde.threads import decode_thread_member
from anycord.snowflakes import Snowflake, to_snowflake

if typing.TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from anycord.cache._state import Payload
    from anycord.models.threads import ThreadMember
    from anycord.snowflakes import SnowflakeishOr
    from anycord.traits import RESTAware

__all__ = ["ThreadMembersMixin"]

_COMPONENT: typing.Final = CacheComponents.THREAD_MEMBERS | CacheComponents.GUILD_THREADS


class ThreadMembersMixin(CacheState):
    """Thread member payloads by thread, then by user."""

    def _members_on(self) -> bool:
        return self._components & _COMPONENT == _COMPONENT

    def _store_thread_member(
        self, thread_id: int, payload: Payload, guild_id: str | None = None
    ) -> None:
        user_id = payload.get("user_id")
        if user_id is None:
            me = self._me_id
            if me is None:
                return
            user_id = str(me)
        # Keep the guild member (rebuilt on read) but not the presence Discord may attach.
        stored = {k: v for k, v in payload.items() if k != "presence"}
        stored["id"] = str(thread_id)
        stored["user_id"] = user_id
        if guild_id is not None:
            stored.setdefault("guild_id", guild_id)
        self._thread_members.setdefault(thread_id, {})[int(user_id)] = stored

    def _thread_member_of(self, thread: Payload) -> None:
        # A thread object's own `member` field: the bot's membership.
        member = thread.get("member")
        if member is not None and self._members_on():
            self._store_thread_member(int(thread["id"]), member, thread.get("guild_id"))

    def _forget_thread_members(self, thread_ids: Iterable[int]) -> None:
        members = self._thread_members
        for thread_id in thread_ids:
            members.pop(thread_id, None)

    def apply_thread_member_update(self, payload: Payload) -> None:
        if self._members_on():
            self._store_thread_member(int(payload["id"]), payload)

    def apply_thread_members_update(self, payload: Payload) -> None:
        thread_id = int(payload["id"])
        thread = self._threads.get(thread_id)
        if thread is not None and "member_count" in payload:
            self._threads[thread_id] = {**thread, "member_count": payload["member_count"]}
        if not self._members_on():
            return
        for member in payload.get("added_members") or ():
            self._store_thread_member(thread_id, member, payload.get("guild_id"))
        members = self._thread_members.get(thread_id)
        if members is not None:
            for user_id in payload.get("removed_member_ids") or ():
                members.pop(int(user_id), None)
            if not members:
                del self._thread_members[thread_id]

    # -- reads -------------------------------------------------------------------------------

    def get_thread_member(
        self, thread: SnowflakeishOr, user: SnowflakeishOr
    ) -> ThreadMember | None:
        """A cached thread member."""
        members = self._thread_members.get(to_snowflake(thread))
        payload = members.get(to_snowflake(user)) if members is not None else None
        return _build(payload, app=self._app) if payload is not None else None

    def get_thread_members_view_for_thread(
        self, thread: SnowflakeishOr
    ) -> Mapping[Snowflake, ThreadMember]:
        """The cached members of `thread`, by user ID."""
        members = self._thread_members.get(to_snowflake(thread))
        if members is None or not self._members_on():
            return EmptyCacheView()
        app = self._app
        return CacheView(members, lambda payload: _build(payload, app=app))


def _build(payload: Payload, *, app: RESTAware | None) -> ThreadMember:
    guild_id = payload.get("guild_id")
    return decode_thread_member(
        payload, app, guild_id=Snowflake(int(guild_id)) if guild_id is not None else None
    )
