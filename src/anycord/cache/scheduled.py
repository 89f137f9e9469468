"""Stage instances and scheduled events, per guild.

Both arrive whole in GUILD_CREATE (`stage_instances`, `guild_scheduled_events`) and then
through their create/update/delete dispatches; scheduled events also count their interested
users (`user_count`) through GUILD_SCHEDULED_EVENT_USER_ADD/REMOVE when the count is known.
Stage instances are kept under `CacheComponents.STAGE_INSTANCES`, scheduled events under
`CacheComponents.SCHEDULED_EVENTS`; each switches its store alone.
"""

from __future__ import annotations

import functools
import typing

from anycord.cache._state import CacheState
from anycord.cache.views import CacheView, EmptyCacheView
from anycord.config import CacheComponents
from anycord.serde.scheduled_events import decode_scheduled_event
from anycord.serde.stage_instances import decode_stage_instance
from anycord.snowflakes import to_snowflake

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from anycord.cache._state import GuildRecord, Payload
    from anycord.models.scheduled_events import ScheduledEvent
    from anycord.models.stage_instances import StageInstance
    from anycord.snowflakes import Snowflake, SnowflakeishOr

__all__ = ["ScheduledMixin"]

_STAGES: typing.Final = CacheComponents.STAGE_INSTANCES
_EVENTS: typing.Final = CacheComponents.SCHEDULED_EVENTS


class ScheduledMixin(CacheState):
    """Stage instance and scheduled event payloads as received, by ID, with per-guild ID sets."""

    # -- shared ------------------------------------------------------------------------------

    def _put(self, store: dict[int, Payload], ids_attr: str, payload: Payload) -> Payload | None:
        item_id = int(payload["id"])
        old = store.get(item_id)
        store[item_id] = payload
        getattr(self._guild(int(payload["guild_id"])), ids_attr).add(item_id)
        return old

    def _drop(self, store: dict[int, Payload], ids_attr: str, payload: Payload) -> Payload | None:
        item_id = int(payload["id"])
        old = store.pop(item_id, None)
        guild = self._guilds.get(int(payload["guild_id"]))
        if guild is not None:
            getattr(guild, ids_attr).discard(item_id)
        return old

    def _replace_scheduled(self, guild: GuildRecord, payload: Payload, sid: str) -> None:
        # GUILD_CREATE: each list replaces what the guild had.
        for ids, store, key, component in (
            (guild.stage_instances, self._stage_instances, "stage_instances", _STAGES),
            (guild.scheduled_events, self._scheduled_events, "guild_scheduled_events", _EVENTS),
        ):
            if key not in payload or not self._on(component):
                continue
            for item_id in ids:
                store.pop(item_id, None)
            ids.clear()
            items: Iterable[Payload] = payload[key]
            for item in items:
                item.setdefault("guild_id", sid)
                store[int(item["id"])] = item
                ids.add(int(item["id"]))

    def _forget_scheduled(self, guild: GuildRecord) -> None:
        for item_id in guild.stage_instances:
            self._stage_instances.pop(item_id, None)
        for item_id in guild.scheduled_events:
            self._scheduled_events.pop(item_id, None)

    # -- stage instances ---------------------------------------------------------------------

    def apply_stage_instance_create(self, payload: Payload) -> None:
        if self._on(_STAGES):
            self._put(self._stage_instances, "stage_instances", payload)

    def apply_stage_instance_update(self, payload: Payload) -> Callable[[], StageInstance] | None:
        if not self._on(_STAGES):
            return None
        old = self._put(self._stage_instances, "stage_instances", payload)
        return functools.partial(decode_stage_instance, old, self._app) if old else None

    def apply_stage_instance_delete(self, payload: Payload) -> Callable[[], StageInstance] | None:
        if not self._on(_STAGES):
            return None
        old = self._drop(self._stage_instances, "stage_instances", payload)
        return functools.partial(decode_stage_instance, old, self._app) if old else None

    # -- scheduled events --------------------------------------------------------------------

    def apply_scheduled_event_create(self, payload: Payload) -> None:
        if self._on(_EVENTS):
            self._put(self._scheduled_events, "scheduled_events", payload)

    def apply_scheduled_event_update(self, payload: Payload) -> Callable[[], ScheduledEvent] | None:
        if not self._on(_EVENTS):
            return None
        old = self._scheduled_events.get(int(payload["id"]))
        if old is not None and "user_count" in old and "user_count" not in payload:
            # Updates do not carry the count; keep the one the user add/remove events kept.
            payload = {**payload, "user_count": old["user_count"]}
        self._put(self._scheduled_events, "scheduled_events", payload)
        return functools.partial(decode_scheduled_event, old, self._app) if old else None

    def apply_scheduled_event_delete(self, payload: Payload) -> Callable[[], ScheduledEvent] | None:
        if not self._on(_EVENTS):
            return None
        old = self._drop(self._scheduled_events, "scheduled_events", payload)
        return functools.partial(decode_scheduled_event, old, self._app) if old else None

    def _count_scheduled_user(self, payload: Payload, delta: int) -> None:
        if not self._on(_EVENTS):
            return
        event_id = int(payload["guild_scheduled_event_id"])
        cached = self._scheduled_events.get(event_id)
        if cached is not None and isinstance(cached.get("user_count"), int):
            self._scheduled_events[event_id] = {
                **cached,
                "user_count": max(0, cached["user_count"] + delta),
            }

    def apply_scheduled_event_user_add(self, payload: Payload) -> None:
        self._count_scheduled_user(payload, 1)

    def apply_scheduled_event_user_remove(self, payload: Payload) -> None:
        self._count_scheduled_user(payload, -1)

    # -- reads -------------------------------------------------------------------------------

    def _scheduled_view(
        self, component: CacheComponents, store: Mapping[int, Payload],
        decoder: Callable[..., typing.Any], attr: str | None, guild: SnowflakeishOr | None = None,
    ) -> CacheView[typing.Any, typing.Any]:  # fmt: skip
        if not self._on(component):
            return EmptyCacheView()
        keys = None
        if attr is not None and guild is not None:
            record = self._guilds.get(to_snowflake(guild))
            if record is None:
                return EmptyCacheView()
            keys = getattr(record, attr)
        return CacheView(store, functools.partial(decoder, app=self._app), keys)

    def get_stage_instance(self, stage_instance: SnowflakeishOr) -> StageInstance | None:
        """A cached stage instance (a live stage)."""
        payload = self._stage_instances.get(to_snowflake(stage_instance))
        return decode_stage_instance(payload, self._app) if payload is not None else None

    def get_stage_instances_view(self) -> Mapping[Snowflake, StageInstance]:
        """Every cached stage instance."""
        return self._scheduled_view(_STAGES, self._stage_instances, decode_stage_instance, None)

    def get_stage_instances_view_for_guild(
        self, guild: SnowflakeishOr
    ) -> Mapping[Snowflake, StageInstance]:
        """The cached stage instances of `guild`."""
        return self._scheduled_view(
            _STAGES, self._stage_instances, decode_stage_instance, "stage_instances", guild
        )

    def get_stage_instance_for_channel(self, channel: SnowflakeishOr) -> StageInstance | None:
        """The live stage instance of a stage channel, if cached."""
        channel_id = str(to_snowflake(channel))
        for payload in self._stage_instances.values():
            if payload.get("channel_id") == channel_id:
                return decode_stage_instance(payload, self._app)
        return None

    def get_scheduled_event(self, event: SnowflakeishOr) -> ScheduledEvent | None:
        """A cached scheduled event."""
        payload = self._scheduled_events.get(to_snowflake(event))
        return decode_scheduled_event(payload, self._app) if payload is not None else None

    def get_scheduled_events_view(self) -> Mapping[Snowflake, ScheduledEvent]:
        """Every cached scheduled event."""
        return self._scheduled_view(_EVENTS, self._scheduled_events, decode_scheduled_event, None)

    def get_scheduled_events_view_for_guild(
        self, guild: SnowflakeishOr
    ) -> Mapping[Snowflake, ScheduledEvent]:
        """The cached scheduled events of `guild`."""
        return self._scheduled_view(
            _EVENTS, self._scheduled_events, decode_scheduled_event, "scheduled_events", guild
        )
