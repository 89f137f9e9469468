"""Threads (resources/channel.mdx "Thread-specific channel fields", "Thread Metadata",
"Thread Member")."""

from __future__ import annotations

import enum
import typing

import attrs

from anycord.models.channels import GuildChannel, TextableChannel

if typing.TYPE_CHECKING:
    import datetime
    from collections.abc import Sequence

    from anycord.models.members import Member
    from anycord.snowflakes import Snowflake

__all__ = [
    "GuildNewsThread",
    "GuildPrivateThread",
    "GuildPublicThread",
    "GuildThreadChannel",
    "ThreadMember",
    "ThreadMemberFlag",
    "ThreadMetadata",
]


class ThreadMemberFlag(enum.IntFlag, boundary=enum.KEEP):
    """Thread member flags (notification settings; undocumented bits are kept)."""

    NONE = 0


@attrs.define(slots=True, kw_only=True, eq=True, weakref_slot=False)
class ThreadMetadata:
    """A thread's archive state."""

    is_archived: bool = False
    auto_archive_duration: int = 1440
    """Minutes of inactivity before the thread is archived (60, 1440, 4320 or 10080)."""
    archive_timestamp: datetime.datetime | None
    """When `is_archived` last changed (None when Discord sends null, which its spec allows)."""
    is_locked: bool = False
    is_invitable: bool | None = None
    """Private threads only: whether non-moderators can add others."""
    created_at: datetime.datetime | None = None
    """Creation time (threads created before 2022-01-09 have none)."""


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class ThreadMember:
    """A user's membership of a thread. Equal by `(thread_id, user_id)`."""

    thread_id: Snowflake
    user_id: Snowflake
    joined_at: datetime.datetime
    flags: ThreadMemberFlag = ThreadMemberFlag.NONE
    member: Member | None = None
    """The guild member, when requested with `with_member`."""

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ThreadMember):
            return NotImplemented
        return self.thread_id == other.thread_id and self.user_id == other.user_id

    def __hash__(self) -> int:
        return hash((self.thread_id, self.user_id))


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class GuildThreadChannel(GuildChannel, TextableChannel):
    """A thread. `parent_id` is the channel it lives in."""

    owner_id: Snowflake | None = None
    last_message_id: Snowflake | None = None
    last_pin_timestamp: datetime.datetime | None = None
    rate_limit_per_user: int = 0
    approximate_message_count: int = 0
    approximate_member_count: int = 0
    total_message_sent: int = 0
    metadata: ThreadMetadata
    member: ThreadMember | None = None
    """The bot's own thread membership, when it has joined."""

    @property
    def is_archived(self) -> bool:
        """Whether the thread is archived."""
        return self.metadata.is_archived

    @property
    def is_locked(self) -> bool:
        """Whether only moderators can unarchive it."""
        return self.metadata.is_locked

    @property
    def auto_archive_duration(self) -> int:
        """Minutes of inactivity before archiving."""
        return self.metadata.auto_archive_duration

    @property
    def archive_timestamp(self) -> datetime.datetime | None:
        """When the archive state last changed."""
        return self.metadata.archive_timestamp

    @property
    def thread_created_at(self) -> datetime.datetime | None:
        """When the thread was created (older threads: `None`)."""
        return self.metadata.created_at


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class GuildPublicThread(GuildThreadChannel):
    """A public thread (in a text, forum or media channel)."""

    applied_tag_ids: Sequence[Snowflake] = ()
    """Forum/media posts: the tags applied."""


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class GuildNewsThread(GuildThreadChannel):
    """A thread in an announcement channel."""


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class GuildPrivateThread(GuildThreadChannel):
    """A private thread (text channels only)."""

    @property
    def is_invitable(self) -> bool:
        """Whether non-moderators can add others."""
        return bool(self.metadata.is_invitable)
