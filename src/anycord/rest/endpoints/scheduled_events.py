"""REST endpoints: guild scheduled events, their exceptions and subscribers.

Shapes from resources/guild-scheduled-event.mdx and the spec. Create/edit bodies are built by
`anycord.rest.builders.ScheduledEventBuilder` (limits checked before sending). Event
exceptions (changes to one occurrence of a recurring event) and subscriber counts have no
model yet: they are returned as the JSON objects Discord sends.
"""

from __future__ import annotations

import typing

from anycord.files import to_data_uri
from anycord.models.scheduled_events import ScheduledEventType
from anycord.rest.builders import ScheduledEventBuilder
from anycord.rest.endpoints._base import EndpointBase
from anycord.rest.endpoints._fields import cursor, iso, put
from anycord.rest.endpoints._payloads import sid
from anycord.rest.routes import Route
from anycord.serde.scheduled_events import (
    decode_scheduled_event,
    decode_scheduled_event_user,
    scheduled_event_user_id,
)
from anycord.undefined import UNDEFINED, UndefinedNoneOr, UndefinedOr

if typing.TYPE_CHECKING:
    import datetime
    from collections.abc import Sequence

    from anycord.files import Resourceish
    from anycord.models.scheduled_events import (
        EventPrivacyLevel,
        RecurrenceRule,
        ScheduledEvent,
        ScheduledEventUser,
    )
    from anycord.rest.pagination import LazyIterator
    from anycord.rest.routes import CompiledRoute
    from anycord.snowflakes import SnowflakeishOr

__all__ = ["ScheduledEventEndpoints"]

_E = "/guilds/{guild_id}/scheduled-events"
GET_EVENTS = Route("GET", _E)
POST_EVENT = Route("POST", _E)
GET_EVENT = Route("GET", _E + "/{guild_scheduled_event_id}")
PATCH_EVENT = Route("PATCH", _E + "/{guild_scheduled_event_id}")
DELETE_EVENT = Route("DELETE", _E + "/{guild_scheduled_event_id}")
POST_EXCEPTION = Route("POST", _E + "/{guild_scheduled_event_id}/exceptions")
PATCH_EXCEPTION = Route("PATCH", _E + "/{guild_scheduled_event_id}/exceptions/{exception_id}")
DELETE_EXCEPTION = Route("DELETE", _E + "/{guild_scheduled_event_id}/exceptions/{exception_id}")
GET_EVENT_USERS = Route("GET", _E + "/{guild_scheduled_event_id}/users")
GET_EVENT_USER_COUNTS = Route("GET", _E + "/{guild_scheduled_event_id}/users/counts")
GET_EXCEPTION_USERS = Route(
    "GET", _E + "/{guild_scheduled_event_id}/{guild_scheduled_event_exception_id}/users"
)


async def _image(image: UndefinedOr[Resourceish]) -> UndefinedOr[str]:
    return UNDEFINED if image is UNDEFINED else await to_data_uri(image)


def _channel_event(
    entity_type: ScheduledEventType,
    channel: SnowflakeishOr,
    name: str,
    start_time: datetime.datetime,
) -> typing.Callable[..., ScheduledEventBuilder]:
    """The builder of a stage or voice event (they take the same options), given the rest."""

    def build(
        end_time: UndefinedOr[datetime.datetime],
        description: UndefinedOr[str],
        privacy_level: UndefinedOr[EventPrivacyLevel],
        image: UndefinedOr[str],
        recurrence_rule: UndefinedOr[RecurrenceRule],
    ) -> ScheduledEventBuilder:
        return ScheduledEventBuilder(
            name=name,
            entity_type=entity_type,
            channel=channel,
            start_time=start_time,
            end_time=end_time,
            description=description,
            privacy_level=privacy_level,
            image=image,
            recurrence_rule=recurrence_rule,
        )

    return build


class ScheduledEventEndpoints(EndpointBase):
    """Scheduled events."""

    __slots__ = ()

    async def fetch_scheduled_events(
        self, guild: SnowflakeishOr, *, with_user_count: bool = True
    ) -> list[ScheduledEvent]:
        """Every scheduled event of a guild (with subscriber counts by default)."""
        route = GET_EVENTS.compile(guild_id=sid(guild))
        payload = await self._request(route, query={"with_user_count": with_user_count})
        return [decode_scheduled_event(e, self._app) for e in payload or ()]

    async def fetch_scheduled_event(
        self, guild: SnowflakeishOr, event: SnowflakeishOr, *, with_user_count: bool = True
    ) -> ScheduledEvent:
        """One scheduled event."""
        route = GET_EVENT.compile(guild_id=sid(guild), guild_scheduled_event_id=sid(event))
        payload = await self._request(route, query={"with_user_count": with_user_count})
        return decode_scheduled_event(payload, self._app)

    async def _create_event(
        self, guild: SnowflakeishOr, builder: ScheduledEventBuilder, reason: UndefinedOr[str]
    ) -> ScheduledEvent:
        body = builder.build(creating=True)
        route = POST_EVENT.compile(guild_id=sid(guild))
        return decode_scheduled_event(
            await self._request(route, json=body, reason=reason), self._app
        )

    async def create_stage_event(
        self,
        guild: SnowflakeishOr,
        channel: SnowflakeishOr,
        name: str,
        start_time: datetime.datetime,
        *,
        description: UndefinedOr[str] = UNDEFINED,
        end_time: UndefinedOr[datetime.datetime] = UNDEFINED,
        image: UndefinedOr[Resourceish] = UNDEFINED,
        privacy_level: UndefinedOr[EventPrivacyLevel] = UNDEFINED,
        recurrence_rule: UndefinedOr[RecurrenceRule] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> ScheduledEvent:
        """Schedule an event in a stage channel."""
        builder = _channel_event(ScheduledEventType.STAGE_INSTANCE, channel, name, start_time)
        return await self._create_event(
            guild,
            builder(end_time, description, privacy_level, await _image(image), recurrence_rule),
            reason,
        )

    async def create_voice_event(
        self,
        guild: SnowflakeishOr,
        channel: SnowflakeishOr,
        name: str,
        start_time: datetime.datetime,
        *,
        description: UndefinedOr[str] = UNDEFINED,
        end_time: UndefinedOr[datetime.datetime] = UNDEFINED,
        image: UndefinedOr[Resourceish] = UNDEFINED,
        privacy_level: UndefinedOr[EventPrivacyLevel] = UNDEFINED,
        recurrence_rule: UndefinedOr[RecurrenceRule] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> ScheduledEvent:
        """Schedule an event in a voice channel."""
        builder = _channel_event(ScheduledEventType.VOICE, channel, name, start_time)
        return await self._create_event(
            guild,
            builder(end_time, description, privacy_level, await _image(image), recurrence_rule),
            reason,
        )

    async def create_external_event(
        self,
        guild: SnowflakeishOr,
        name: str,
        location: str,
        start_time: datetime.datetime,
        end_time: datetime.datetime,
        *,
        description: UndefinedOr[str] = UNDEFINED,
        image: UndefinedOr[Resourceish] = UNDEFINED,
        privacy_level: UndefinedOr[EventPrivacyLevel] = UNDEFINED,
        recurrence_rule: UndefinedOr[RecurrenceRule] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> ScheduledEvent:
        """Schedule an event somewhere outside Discord (`location`, 1-100 characters)."""
        builder = ScheduledEventBuilder(
            name=name,
            entity_type=ScheduledEventType.EXTERNAL,
            location=location,
            start_time=start_time,
            end_time=end_time,
            description=description,
            privacy_level=privacy_level,
            image=UNDEFINED if image is UNDEFINED else await to_data_uri(image),
            recurrence_rule=recurrence_rule,
        )
        return await self._create_event(guild, builder, reason)

    async def edit_scheduled_event(
        self,
        guild: SnowflakeishOr,
        event: SnowflakeishOr,
        *,
        channel: UndefinedNoneOr[SnowflakeishOr] = UNDEFINED,
        location: UndefinedOr[str] = UNDEFINED,
        name: UndefinedOr[str] = UNDEFINED,
        description: UndefinedNoneOr[str] = UNDEFINED,
        start_time: UndefinedOr[datetime.datetime] = UNDEFINED,
        end_time: UndefinedNoneOr[datetime.datetime] = UNDEFINED,
        image: UndefinedNoneOr[Resourceish] = UNDEFINED,
        privacy_level: UndefinedOr[EventPrivacyLevel] = UNDEFINED,
        entity_type: UndefinedOr[ScheduledEventType] = UNDEFINED,
        status: UndefinedOr[int] = UNDEFINED,
        recurrence_rule: UndefinedNoneOr[RecurrenceRule] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> ScheduledEvent:
        """Change an event (status 2 starts it, 3 ends it, 4 cancels it)."""
        if image is UNDEFINED or image is None:
            data_uri: UndefinedNoneOr[str] = image
        else:
            data_uri = await to_data_uri(image)
        body = ScheduledEventBuilder(
            name=name,
            entity_type=entity_type,
            start_time=start_time,
            end_time=end_time,
            channel=channel,
            location=location,
            description=description,
            privacy_level=privacy_level,
            status=status,
            image=data_uri,
            recurrence_rule=recurrence_rule,
        ).build()
        route = PATCH_EVENT.compile(guild_id=sid(guild), guild_scheduled_event_id=sid(event))
        payload = await self._request(route, json=body, reason=reason)
        return decode_scheduled_event(payload, self._app)

    async def delete_scheduled_event(self, guild: SnowflakeishOr, event: SnowflakeishOr) -> None:
        """Delete a scheduled event."""
        route = DELETE_EVENT.compile(guild_id=sid(guild), guild_scheduled_event_id=sid(event))
        await self._request(route)

    async def create_scheduled_event_exception(
        self,
        guild: SnowflakeishOr,
        event: SnowflakeishOr,
        original_start_time: datetime.datetime,
        *,
        start_time: UndefinedNoneOr[datetime.datetime] = UNDEFINED,
        end_time: UndefinedNoneOr[datetime.datetime] = UNDEFINED,
        is_canceled: UndefinedOr[bool] = UNDEFINED,
    ) -> dict[str, typing.Any]:
        """Move or cancel one occurrence of a recurring event; returns the exception object."""
        body = put(
            {"original_scheduled_start_time": iso(original_start_time)},
            scheduled_start_time=iso(start_time),
            scheduled_end_time=iso(end_time),
            is_canceled=is_canceled,
        )
        route = POST_EXCEPTION.compile(guild_id=sid(guild), guild_scheduled_event_id=sid(event))
        return typing.cast("dict[str, typing.Any]", await self._request(route, json=body))

    async def edit_scheduled_event_exception(
        self,
        guild: SnowflakeishOr,
        event: SnowflakeishOr,
        exception: SnowflakeishOr,
        *,
        start_time: UndefinedNoneOr[datetime.datetime] = UNDEFINED,
        end_time: UndefinedNoneOr[datetime.datetime] = UNDEFINED,
        is_canceled: UndefinedOr[bool] = UNDEFINED,
    ) -> dict[str, typing.Any]:
        """Change an exception of a recurring event."""
        body = put(
            {},
            scheduled_start_time=iso(start_time),
            scheduled_end_time=iso(end_time),
            is_canceled=is_canceled,
        )
        route = PATCH_EXCEPTION.compile(
            guild_id=sid(guild), guild_scheduled_event_id=sid(event), exception_id=sid(exception)
        )
        return typing.cast("dict[str, typing.Any]", await self._request(route, json=body))

    async def delete_scheduled_event_exception(
        self, guild: SnowflakeishOr, event: SnowflakeishOr, exception: SnowflakeishOr
    ) -> None:
        """Remove an exception (the occurrence follows the recurrence rule again)."""
        route = DELETE_EXCEPTION.compile(
            guild_id=sid(guild), guild_scheduled_event_id=sid(event), exception_id=sid(exception)
        )
        await self._request(route)

    def _event_users(
        self,
        route: CompiledRoute,
        guild: SnowflakeishOr,
        with_member: bool,
        after: UndefinedOr[SnowflakeishOr],
    ) -> LazyIterator[ScheduledEventUser]:
        guild_id = sid(guild)
        app = self._app

        return self._paginate(
            route,
            lambda raw: decode_scheduled_event_user(raw, app, guild_id),
            page_size=100,
            query={"with_member": with_member},
            first_cursor=cursor(after),
            next_cursor=lambda raw: str(scheduled_event_user_id(raw)),
        )

    def fetch_scheduled_event_users(
        self,
        guild: SnowflakeishOr,
        event: SnowflakeishOr,
        *,
        with_member: bool = True,
        after: UndefinedOr[SnowflakeishOr] = UNDEFINED,
    ) -> LazyIterator[ScheduledEventUser]:
        """The users subscribed to an event, 100 per request, by ascending user ID."""
        route = GET_EVENT_USERS.compile(guild_id=sid(guild), guild_scheduled_event_id=sid(event))
        return self._event_users(route, guild, with_member, after)

    def fetch_scheduled_event_exception_users(
        self,
        guild: SnowflakeishOr,
        event: SnowflakeishOr,
        exception: SnowflakeishOr,
        *,
        with_member: bool = True,
        after: UndefinedOr[SnowflakeishOr] = UNDEFINED,
    ) -> LazyIterator[ScheduledEventUser]:
        """The users subscribed to one occurrence of a recurring event."""
        route = GET_EXCEPTION_USERS.compile(
            guild_id=sid(guild),
            guild_scheduled_event_id=sid(event),
            guild_scheduled_event_exception_id=sid(exception),
        )
        return self._event_users(route, guild, with_member, after)

    async def fetch_scheduled_event_user_counts(
        self,
        guild: SnowflakeishOr,
        event: SnowflakeishOr,
        *,
        exceptions: UndefinedOr[Sequence[SnowflakeishOr]] = UNDEFINED,
    ) -> tuple[int, dict[int, int]]:
        """How many users are subscribed to an event, and to each given exception."""
        route = GET_EVENT_USER_COUNTS.compile(
            guild_id=sid(guild), guild_scheduled_event_id=sid(event)
        )
        query = None
        if exceptions is not UNDEFINED:
            query = {"guild_scheduled_event_exception_ids": [str(sid(e)) for e in exceptions]}
        payload = await self._request(route, query=query)
        counts = payload.get("guild_scheduled_event_exception_counts") or {}
        return int(payload["guild_scheduled_event_count"]), {
            int(k): int(v) for k, v in counts.items()
        }
