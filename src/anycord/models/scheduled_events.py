"""Guild scheduled events (resources/guild-scheduled-event.mdx).

`ScheduledEvent` is subclassed by where the event happens: `ScheduledStageEvent`,
`ScheduledVoiceEvent`, `ScheduledExternalEvent` (with a `location`); an unknown entity type
decodes to `ScheduledEvent` itself.
"""

from __future__ import annotations

import typing

import attrs

from anycord import enums
from anycord.models import cdn
from anycord.models.base import Unique

if typing.TYPE_CHECKING:
    import datetime
    from collections.abc import Sequence

    from anycord.models.members import Member
    from anycord.models.users import User
    from anycord.snowflakes import Snowflake
    from anycord.traits import RESTAware

__all__ = [
    "EventPrivacyLevel",
    "RecurrenceRule",
    "RecurrenceRuleFrequency",
    "RecurrenceRuleNWeekday",
    "ScheduledEvent",
    "ScheduledEventStatus",
    "ScheduledEventType",
    "ScheduledEventUser",
    "ScheduledExternalEvent",
    "ScheduledStageEvent",
    "ScheduledVoiceEvent",
]


class EventPrivacyLevel(enums.IntEnum):
    """Who can see a scheduled event."""

    GUILD_ONLY = 2


class ScheduledEventType(enums.IntEnum):
    """Where a scheduled event happens."""

    STAGE_INSTANCE = 1
    VOICE = 2
    EXTERNAL = 3


class ScheduledEventStatus(enums.IntEnum):
    """A scheduled event's state."""

    SCHEDULED = 1
    ACTIVE = 2
    COMPLETED = 3
    CANCELED = 4

    CANCELLED = 4


class RecurrenceRuleFrequency(enums.IntEnum):
    """How often an event recurs."""

    YEARLY = 0
    MONTHLY = 1
    WEEKLY = 2
    DAILY = 3


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class RecurrenceRuleNWeekday:
    """The `n`-th `day` (0 = Monday) of a month."""

    n: int
    day: int


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class RecurrenceRule:
    """An iCalendar-like recurrence of a scheduled event (weekdays 0 = Monday, months 1..12)."""

    start: datetime.datetime
    end: datetime.datetime | None = None
    frequency: RecurrenceRuleFrequency
    interval: int = 1
    by_weekday: Sequence[int] | None = None
    by_n_weekday: Sequence[RecurrenceRuleNWeekday] | None = None
    by_month: Sequence[int] | None = None
    by_month_day: Sequence[int] | None = None
    by_year_day: Sequence[int] | None = None
    count: int | None = None


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class ScheduledEvent(Unique):
    """A guild scheduled event."""

    app: RESTAware | None = attrs.field(default=None, repr=False)
    guild_id: Snowflake
    channel_id: Snowflake | None = None
    creator_id: Snowflake | None = None
    creator: User | None = None
    name: str
    description: str | None = None
    start_time: datetime.datetime
    end_time: datetime.datetime | None = None
    privacy_level: EventPrivacyLevel = EventPrivacyLevel.GUILD_ONLY
    status: ScheduledEventStatus
    entity_type: ScheduledEventType
    entity_id: Snowflake | None = None
    user_count: int | None = None
    image_hash: str | None = None
    recurrence_rule: RecurrenceRule | None = None

    def make_image_url(
        self,
        *,
        ext: str | None = None,
        size: int | None = None,
        **fmt: typing.Unpack[cdn.FormatOptions],
    ) -> str | None:
        """The cover image's URL in a chosen format and size (no GIF), or `None` without one."""
        if self.image_hash is None:
            return None
        return cdn.scheduled_event_cover_url(self.id, self.image_hash, ext=ext, size=size, **fmt)


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class ScheduledStageEvent(ScheduledEvent):
    """An event in a stage channel."""


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class ScheduledVoiceEvent(ScheduledEvent):
    """An event in a voice channel."""


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class ScheduledExternalEvent(ScheduledEvent):
    """An event somewhere else (`location`)."""

    location: str = ""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ScheduledEventUser:
    """A user subscribed to a scheduled event (with their membership when asked for).

    `user_id` is always set; `user` is `None` when Discord leaves the user object out, which
    its spec allows.
    """

    event_id: Snowflake
    user_id: Snowflake
    user: User | None = None
    member: Member | None = None


ScheduledEventRecurrenceFrequency = RecurrenceRuleFrequency
"""hikari's name for `RecurrenceRuleFrequency`."""
ScheduledEventRecurrenceNWeekday = RecurrenceRuleNWeekday
"""hikari's name for `RecurrenceRuleNWeekday`."""
ScheduledEventRecurrenceRule = RecurrenceRule
"""hikari's name for `RecurrenceRule`."""
