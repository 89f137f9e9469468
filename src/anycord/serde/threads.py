"""Threads ↔ JSON."""

from __future__ import annotations

import datetime
import typing

from anycord.enums import try_enum
from anycord.models.channels import ChannelFlag, ChannelType
from anycord.models.threads import (
    GuildNewsThread,
    GuildPrivateThread,
    GuildPublicThread,
    GuildThreadChannel,
    ThreadMember,
    ThreadMemberFlag,
    ThreadMetadata,
)
from anycord.serde._core import JSONObject, opt_snowflake, register
from anycord.serde.members import decode_member, encode_member
from anycord.snowflakes import Snowflake

if typing.TYPE_CHECKING:
    from anycord.traits import RESTAware

__all__ = [
    "decode_thread",
    "decode_thread_member",
    "decode_thread_metadata",
    "encode_thread",
    "encode_thread_member",
    "encode_thread_metadata",
]

_fromiso = datetime.datetime.fromisoformat
_THREAD_CLASSES: dict[int, type[GuildThreadChannel]] = {
    10: GuildNewsThread,
    11: GuildPublicThread,
    12: GuildPrivateThread,
}


def _iso(value: datetime.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def decode_thread_metadata(payload: JSONObject) -> ThreadMetadata:
    """A thread's archive state."""
    created = payload.get("create_timestamp")
    archived_at = payload.get("archive_timestamp")  # the spec allows null
    return ThreadMetadata(
        is_archived=payload.get("archived", False),
        auto_archive_duration=payload.get("auto_archive_duration", 1440),
        archive_timestamp=None if archived_at is None else _fromiso(archived_at),
        is_locked=payload.get("locked", False),
        is_invitable=payload.get("invitable"),
        created_at=_fromiso(created) if created is not None else None,
    )


def encode_thread_metadata(meta: ThreadMetadata) -> JSONObject:
    """Thread metadata as Discord sends it."""
    out: JSONObject = {
        "archived": meta.is_archived,
        "auto_archive_duration": meta.auto_archive_duration,
        "archive_timestamp": None
        if meta.archive_timestamp is None
        else meta.archive_timestamp.isoformat(),
        "locked": meta.is_locked,
    }
    if meta.is_invitable is not None:
        out["invitable"] = meta.is_invitable
    if meta.created_at is not None:
        out["create_timestamp"] = meta.created_at.isoformat()
    return out


def decode_thread_member(
    payload: JSONObject,
    app: RESTAware | None = None,
    thread_id: Snowflake | None = None,
    user_id: Snowflake | None = None,
    guild_id: Snowflake | None = None,
) -> ThreadMember:
    """A thread member. The thread's own `member` field omits `id` and `user_id`: pass them.
    The nested guild `member` is decoded when the guild is known (argument or payload)."""
    member_payload = payload.get("member")
    if guild_id is None:
        guild_id = opt_snowflake(payload.get("guild_id"))
    raw_flags = payload.get("flags", 0)
    return ThreadMember(
        thread_id=thread_id if thread_id is not None else Snowflake(payload["id"]),
        user_id=user_id if user_id is not None else Snowflake(payload["user_id"]),
        joined_at=_fromiso(payload["join_timestamp"]),
        flags=ThreadMemberFlag(raw_flags),
        member=decode_member(member_payload, app, guild_id)
        if member_payload is not None and guild_id is not None
        else None,
    )


def encode_thread_member(member: ThreadMember) -> JSONObject:
    """A thread member as Discord sends it."""
    out: JSONObject = {
        "id": str(member.thread_id),
        "user_id": str(member.user_id),
        "join_timestamp": member.joined_at.isoformat(),
        "flags": int(member.flags),
    }
    if member.member is not None:
        out["member"] = encode_member(member.member)
    return out


def decode_thread(
    payload: JSONObject, app: RESTAware | None = None, guild_id: Snowflake | None = None
) -> GuildThreadChannel:
    """A thread of any kind (news, public, private; other types decode as public threads)."""
    raw_type = payload["type"]
    cls = _THREAD_CLASSES.get(raw_type, GuildPublicThread)
    thread_id = Snowflake(payload["id"])
    if guild_id is None:
        guild_id = Snowflake(payload["guild_id"])
    last_pin = payload.get("last_pin_timestamp")
    member = payload.get("member")
    metadata = payload.get("thread_metadata")
    kwargs: dict[str, typing.Any] = {}
    if cls is GuildPublicThread:
        kwargs["applied_tag_ids"] = tuple(map(Snowflake, payload.get("applied_tags", ())))
    return cls(
        id=thread_id,
        app=app,
        name=payload.get("name"),
        type=try_enum(ChannelType, raw_type),
        guild_id=guild_id,
        parent_id=opt_snowflake(payload.get("parent_id")),
        position=payload.get("position", 0),
        flags=ChannelFlag(payload.get("flags", 0)),
        application_id=opt_snowflake(payload.get("application_id")),
        owner_id=opt_snowflake(payload.get("owner_id")),
        last_message_id=opt_snowflake(payload.get("last_message_id")),
        last_pin_timestamp=_fromiso(last_pin) if last_pin is not None else None,
        rate_limit_per_user=payload.get("rate_limit_per_user", 0),
        approximate_message_count=payload.get("message_count", 0),
        approximate_member_count=payload.get("member_count", 0),
        total_message_sent=payload.get("total_message_sent", 0),
        metadata=decode_thread_metadata(metadata)
        if metadata is not None
        else ThreadMetadata(archive_timestamp=thread_id.created_at),
        member=_decode_own_thread_member(member, app, thread_id, guild_id)
        if member is not None
        else None,
        **kwargs,
    )


def _decode_own_thread_member(
    payload: JSONObject, app: RESTAware | None, thread_id: Snowflake, guild_id: Snowflake
) -> ThreadMember | None:
    # The bot's membership inside a thread object: `user_id` is sometimes left out, and
    # then the membership cannot be attributed (the cache knows it is the bot's).
    raw_user = payload.get("user_id")
    if raw_user is None:
        return None
    return decode_thread_member(payload, app, thread_id, Snowflake(raw_user), guild_id)


def encode_thread(thread: GuildThreadChannel) -> JSONObject:
    """A thread as Discord sends it."""
    out: JSONObject = {
        "id": str(thread.id),
        "type": int(thread.type),
        "guild_id": str(thread.guild_id),
        "name": thread.name,
        "parent_id": str(thread.parent_id) if thread.parent_id is not None else None,
        "flags": int(thread.flags),
        **({} if thread.application_id is None else {"application_id": str(thread.application_id)}),
        "owner_id": str(thread.owner_id) if thread.owner_id is not None else None,
        "last_message_id": str(thread.last_message_id)
        if thread.last_message_id is not None
        else None,
        "last_pin_timestamp": _iso(thread.last_pin_timestamp),
        "rate_limit_per_user": thread.rate_limit_per_user,
        "message_count": thread.approximate_message_count,
        "member_count": thread.approximate_member_count,
        "total_message_sent": thread.total_message_sent,
        "thread_metadata": encode_thread_metadata(thread.metadata),
    }
    if thread.position:
        out["position"] = thread.position
    if isinstance(thread, GuildPublicThread):
        out["applied_tags"] = [str(t) for t in thread.applied_tag_ids]
    if thread.member is not None:
        out["member"] = encode_thread_member(thread.member)
    return out


register(GuildThreadChannel, decode=decode_thread, encode=encode_thread)
for _cls in (GuildNewsThread, GuildPublicThread, GuildPrivateThread):
    register(_cls, decode=decode_thread)
register(
    ThreadMember,
    decode=decode_thread_member,
    encode=encode_thread_member,
)
register(
    ThreadMetadata, decode=lambda p, _app: decode_thread_metadata(p), encode=encode_thread_metadata
)
