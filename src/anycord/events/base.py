"""The root of every event: `Event`, its polymorphic dispatch order, and `ExceptionEvent`.

Every event class knows, from the moment it is defined, the tuple of `Event` classes a
listener can subscribe to and still receive it (`dispatches()`: the class itself, then its
`Event` bases in MRO order, ending with `Event`). The dispatcher walks that tuple, so a
listener on `MessageCreateEvent` receives `GuildMessageCreateEvent` and
`DMMessageCreateEvent`, and a listener on `Event` receives everything.
"""

from __future__ import annotations

import typing

import attrs

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Coroutine

    from anycord.cache.cache import Cache
    from anycord.gateway.shard import GatewayShard
    from anycord.rest.client import RESTClient

__all__ = ["Event", "EventApp", "ExceptionEvent", "ShardBoundEvent"]

EventT = typing.TypeVar("EventT", bound="Event")


@typing.runtime_checkable
class EventApp(typing.Protocol):
    """What an event's `app` is: the bot that received it (a `GatewayBot`, or the
    orchestrator's `Bot`'s `gateway_bot`), with its concrete REST client and cache, so
    `event.app.rest.create_message(...)` and `event.app.cache.get_guild(...)` are checked
    by a type checker."""

    @property
    def rest(self) -> RESTClient:
        """The REST client."""
        ...

    @property
    def cache(self) -> Cache:
        """The cache."""
        ...


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class Event:
    """Base of every event.

    Events are plain data: built once, shared by every listener, never mutated by anycord
    after dispatch. `app` is the bot that received the event (`None` for events built by
    hand in tests).
    """

    _event_dispatches: typing.ClassVar[tuple[type[Event], ...]] = ()

    app: EventApp | None = attrs.field(default=None, repr=False)

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls._event_dispatches = tuple(
            c for c in cls.__mro__ if isinstance(c, type) and issubclass(c, Event)
        )

    @classmethod
    def dispatches(cls) -> tuple[type[Event], ...]:
        """Every `Event` class whose listeners receive this event, most derived first."""
        return cls._event_dispatches


Event._event_dispatches = (Event,)


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ShardBoundEvent(Event):
    """An event that arrived on a gateway shard (`shard` is `None` for hand-built events)."""

    shard: GatewayShard | None = attrs.field(default=None, repr=False)


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ExceptionEvent(Event, typing.Generic[EventT]):
    """A listener raised an exception while handling `failed_event`.

    Dispatched instead of letting the exception end the bot. If nobody listens to
    `ExceptionEvent`, the exception is logged at ERROR with its traceback. An exception
    raised by an `ExceptionEvent` listener is only logged (never dispatched again), so an
    error handler cannot loop. Cancellation is never reported as an `ExceptionEvent`.
    """

    exception: Exception
    """What the listener raised."""
    failed_event: EventT
    """The event the listener was handling."""
    failed_callback: Callable[[EventT], Coroutine[typing.Any, typing.Any, None]]
    """The listener that raised."""

    @property
    def shard(self) -> GatewayShard | None:
        """The shard of the failed event, when it came from one."""
        return getattr(self.failed_event, "shard", None)

    @property
    def exc_info(self) -> tuple[type[Exception], Exception, typing.Any]:
        """`(type, exception, traceback)`, as `logging` and `traceback` take it."""
        return type(self.exception), self.exception, self.exception.__traceback__

    async def retry(self) -> None:
        """Call the failed listener again with the same event (exceptions propagate)."""
        await self.failed_callback(self.failed_event)
