"""Scheduled events ↔ JSON."""

from __future__ import annotations

import typing

from anycord.enums import try_enum
from anycord.models.scheduled_events import (
    EventPrivacyLevel,
    RecurrenceRule,
    RecurrenceRuleFrequency,
    RecurrenceRuleNWeekday,
    ScheduledEvent,
    ScheduledEventStatus,
    ScheduledEventType,
    ScheduledEventUser,
    ScheduledExternalEvent,
    ScheduledStageEvent,
    ScheduledVoiceEvent,
)
from anycord.serde import _links
from anycord.serde._core import JSONObject, from_iso, opt_iso, opt_snowflake, register, to_iso
from anycord.snowflakes import Snowflake

if typing.TYPE_CHECKING:
    from collections.abc import Iterable

    from anycord.traits import RESTAware

_T = typing.TypeVar("_T")

__all__ = [
    "decode_recurrence_rule",
    "decode_scheduled_event",
    "decode_scheduled_event_user",
    "encode_recurrence_rule",
    "encode_scheduled_event",
    "encode_scheduled_event_user",
    "scheduled_event_user_id",
]

_CLASSES: dict[int, type[ScheduledEvent]] = {
    1: ScheduledStageEvent,
    2: ScheduledVoiceEvent,
    3: ScheduledExternalEvent,
}


def _opt_tuple(value: Iterable[_T] | None) -> tuple[_T, ...] | None:
    return None if value is None else tuple(value)


def decode_recurrence_rule(p: JSONObject) -> RecurrenceRule:
    """A recurrence rule."""
    n_weekday = p.get("by_n_weekday")
    return RecurrenceRule(
        start=from_iso(p["start"]),
        end=opt_iso(p.get("end")),
        frequency=try_enum(RecurrenceRuleFrequency, p["frequency"]),
        interval=p.get("interval", 1),
        by_weekday=_opt_tuple(p.get("by_weekday")),
        by_n_weekday=None
        if n_weekday is None
        else tuple(RecurrenceRuleNWeekday(n=x["n"], day=x["day"]) for x in n_weekday),
        by_month=_opt_tuple(p.get("by_month")),
        by_month_day=_opt_tuple(p.get("by_month_day")),
        by_year_day=_opt_tuple(p.get("by_year_day")),
        count=p.get("count"),
    )


def encode_recurrence_rule(r: RecurrenceRule) -> JSONObject:
    """A recurrence rule as sent and received."""
    return {
        "start": to_iso(r.start),
        "end": None if r.end is None else to_iso(r.end),
        "frequency": int(r.frequency),
        "interval": r.interval,
        "by_weekday": None if r.by_weekday is None else list(r.by_weekday),
        "by_n_weekday": None
        if r.by_n_weekday is None
        else [{"n": x.n, "day": x.day} for x in r.by_n_weekday],
        "by_month": None if r.by_month is None else list(r.by_month),
        "by_month_day": None if r.by_month_day is None else list(r.by_month_day),
        "by_year_day": None if r.by_year_day is None else list(r.by_year_day),
        "count": r.count,
    }


def decode_scheduled_event(p: JSONObject, app: RESTAware | None = None) -> ScheduledEvent:
    """A scheduled event, by entity type."""
    entity_type = try_enum(ScheduledEventType, p["entity_type"])
    creator = p.get("creator")
    rule = p.get("recurrence_rule")
    fields: dict[str, typing.Any] = {
        "id": Snowflake(p["id"]),
        "app": app,
        "guild_id": Snowflake(p["guild_id"]),
        "channel_id": opt_snowflake(p.get("channel_id")),
        "creator_id": opt_snowflake(p.get("creator_id")),
        "creator": None if creator is None else _links.decode_user(creator, app),
        "name": p["name"],
        "description": p.get("description"),
        "start_time": from_iso(p["scheduled_start_time"]),
        "end_time": opt_iso(p.get("scheduled_end_time")),
        "privacy_level": try_enum(EventPrivacyLevel, p.get("privacy_level", 2)),
        "status": try_enum(ScheduledEventStatus, p["status"]),
        "entity_type": entity_type,
        "entity_id": opt_snowflake(p.get("entity_id")),
        "user_count": p.get("user_count"),
        "image_hash": p.get("image"),
        "recurrence_rule": None if rule is None else decode_recurrence_rule(rule),
    }
    cls = _CLASSES.get(int(entity_type), ScheduledEvent)
    if cls is ScheduledExternalEvent:
        return ScheduledExternalEvent(
            location=(p.get("entity_metadata") or {}).get("location", ""), **fields
        )
    return cls(**fields)


def encode_scheduled_event(e: ScheduledEvent) -> JSONObject:
    """A scheduled event as Discord sends it."""
    out: JSONObject = {
        "id": str(e.id),
        "guild_id": str(e.guild_id),
        "channel_id": None if e.channel_id is None else str(e.channel_id),
        "creator_id": None if e.creator_id is None else str(e.creator_id),
        "name": e.name,
        "description": e.description,
        "scheduled_start_time": to_iso(e.start_time),
        "scheduled_end_time": None if e.end_time is None else to_iso(e.end_time),
        "privacy_level": int(e.privacy_level),
        "status": int(e.status),
        "entity_type": int(e.entity_type),
        "entity_id": None if e.entity_id is None else str(e.entity_id),
        "entity_metadata": {"location": e.location}
        if isinstance(e, ScheduledExternalEvent)
        else None,
        "image": e.image_hash,
        "recurrence_rule": None
        if e.recurrence_rule is None
        else encode_recurrence_rule(e.recurrence_rule),
    }
    if e.creator is not None:
        out["creator"] = _links.encode_user(e.creator)
    if e.user_count is not None:
        out["user_count"] = e.user_count
    return out


def decode_scheduled_event_user(
    p: JSONObject, app: RESTAware | None = None, guild_id: Snowflake | None = None
) -> ScheduledEventUser:
    """A user subscribed to an event (`member` needs `guild_id` and a user object, the
    payload's or the member's)."""
    member = p.get("member")
    raw_user = p.get("user")
    if raw_user is None and member is not None:
        raw_user = member.get("user")
    user = None if raw_user is None else _links.decode_user(raw_user, app)
    return ScheduledEventUser(
        event_id=Snowflake(p["guild_scheduled_event_id"]),
        user_id=scheduled_event_user_id(p),
        user=user,
        member=None
        if member is None or guild_id is None or user is None
        else _links.decode_member(member, app, guild_id=guild_id, user=user),
    )


def scheduled_event_user_id(p: JSONObject) -> Snowflake:
    """The user ID of a scheduled event user payload: `user_id`, else the user object's ID."""
    user_id = p.get("user_id")
    return Snowflake(p["user"]["id"] if user_id is None else user_id)


def encode_scheduled_event_user(u: ScheduledEventUser) -> JSONObject:
    """A scheduled event user as Discord sends it."""
    out: JSONObject = {"guild_scheduled_event_id": str(u.event_id), "user_id": str(u.user_id)}
    if u.user is not None:
        out["user"] = _links.encode_user(u.user)
    if u.member is not None:
        out["member"] = _links.encode_member(u.member)
    return out


for _cls in (ScheduledEvent, ScheduledStageEvent, ScheduledVoiceEvent, ScheduledExternalEvent):
    register(_cls, decode=decode_scheduled_event, encode=encode_scheduled_event)
register(ScheduledEventUser, decode=decode_scheduled_event_user, encode=encode_scheduled_event_user)
