"""`EventStream`: events of one type as a bounded async iterator.

```python
async with bot.stream(anycord.GuildMessageCreateEvent, limit=50) as messages:
    async for content in messages.filter(lambda e: e.guild_id == gid).map(lambda e: e.content).limit(3):
        ...
```

The stream subscribes when entered and unsubscribes when left (also on cancellation), so
nothing outlives the `async with`. Events wait in a bounded memory stream of `limit` items;
when it is full, newer events are dropped (drop-newest: the oldest unread events are kept)
and counted in `dropped`. Filters added before iteration starts run at dispatch time, so
events they reject never take buffer space.
"""

from __future__ import annotations

import math
import typing

import anyio

from anycord.errors import ComponentStateConflictError

if typing.TYPE_CHECKING:
    import types
    from collections.abc import AsyncIterator, Callable

    from anyio.streams.memory import MemoryObjectReceiveStream, MemoryObjectSendStream

    from anycord.dispatch.manager import EventManager
    from anycord.events.base import Event

__all__ = ["EventStream", "Feed"]

EventT = typing.TypeVar("EventT", bound="Event")
T = typing.TypeVar("T")
U = typing.TypeVar("U")


class Feed:
    """The dispatcher-side end of a stream: called synchronously for every matching event."""

    __slots__ = ("dropped", "filters", "send")

    def __init__(self, send: MemoryObjectSendStream[typing.Any]) -> None:
        self.send = send
        self.filters: list[Callable[[typing.Any], bool]] = []
        self.dropped = 0

    def feed(self, event: Event) -> None:
        for predicate in self.filters:
            if not predicate(event):
                return
        try:
            self.send.send_nowait(event)
        except anyio.WouldBlock:
            self.dropped += 1
        except (anyio.ClosedResourceError, anyio.BrokenResourceError):
            pass


class EventStream(typing.Generic[T]):
    """A bounded, filterable async iterator over dispatched events (see the module doc).

    `filter`, `map` and `limit` return a stream that shares this one's subscription, so they
    chain; use the result of the chain inside the `async with` of the original.
    """

    def __init__(
        self,
        manager: EventManager,
        event_type: type[Event],
        *,
        limit: int = 100,
        timeout: float | None = None,
    ) -> None:
        if limit < 1:
            msg = f"stream limit must be at least 1, not {limit}"
            raise ValueError(msg)
        self._manager = manager
        self._event_type = event_type
        self._limit = limit
        self._timeout = timeout
        self._steps: list[tuple[str, Callable[[typing.Any], typing.Any]]] = []
        self._prefilters: list[Callable[[typing.Any], bool]] = []
        self._max_items: int | None = None
        self._feed: Feed | None = None
        self._receive: MemoryObjectReceiveStream[typing.Any] | None = None
        self._started = False
        self._root: EventStream[typing.Any] = self

    @property
    def dropped(self) -> int:
        """Events dropped because the buffer was full."""
        feed = self._root._feed
        return feed.dropped if feed is not None else 0

    def _derive(self) -> EventStream[typing.Any]:
        clone: EventStream[typing.Any] = EventStream.__new__(EventStream)
        clone.__dict__.update(self.__dict__)
        clone._steps = list(self._steps)
        return clone

    def filter(self, predicate: Callable[[T], bool]) -> EventStream[T]:
        """Only items for which `predicate` is true."""
        out = self._derive()
        out._steps.append(("filter", predicate))
        root = self._root
        # A filter ahead of any map sees raw events, so it also runs at dispatch time and
        # keeps rejected events out of the bounded buffer (events buffered before it was
        # added are still checked when read).
        if all(kind == "filter" for kind, _ in self._steps) and not root._started:
            if root._feed is not None:
                root._feed.filters.append(predicate)
            else:
                root._prefilters.append(predicate)
        return typing.cast("EventStream[T]", out)

    def map(self, fn: Callable[[T], U]) -> EventStream[U]:
        """Items transformed by `fn`."""
        out = self._derive()
        out._steps.append(("map", fn))
        return typing.cast("EventStream[U]", out)

    def limit(self, count: int) -> EventStream[T]:
        """Stop after `count` items."""
        if count < 0:
            msg = f"limit must be at least 0, not {count}"
            raise ValueError(msg)
        out = self._derive()
        out._max_items = count if self._max_items is None else min(count, self._max_items)
        return typing.cast("EventStream[T]", out)

    async def __aenter__(self) -> EventStream[T]:
        if self._root is not self or self._feed is not None:
            msg = "enter the stream returned by bot.stream(), once"
            raise ComponentStateConflictError(msg)
        send, receive = anyio.create_memory_object_stream[typing.Any](self._limit)
        feed = Feed(send)
        feed.filters.extend(self._prefilters)
        self._feed = feed
        self._receive = receive
        self._manager.add_feed(self._event_type, feed)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: types.TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Unsubscribe and drop whatever is buffered (idempotent)."""
        root = self._root
        feed, receive = root._feed, root._receive
        if feed is not None:
            root._manager.remove_feed(root._event_type, feed)
            feed.send.close()
        if receive is not None:
            receive.close()

    def __aiter__(self) -> AsyncIterator[T]:
        return self._iterate()

    async def _iterate(self) -> AsyncIterator[T]:
        root = self._root
        if root._receive is None:
            msg = "use the stream inside `async with bot.stream(...) as stream:`"
            raise ComponentStateConflictError(msg)
        root._started = True
        receive = root._receive
        remaining = math.inf if self._max_items is None else self._max_items
        timeout = root._timeout
        steps = self._steps
        while remaining > 0:
            try:
                if timeout is None:
                    item = await receive.receive()
                else:
                    with anyio.fail_after(timeout):
                        item = await receive.receive()
            except (anyio.EndOfStream, anyio.ClosedResourceError, TimeoutError):
                return
            keep = True
            for kind, fn in steps:
                if kind == "filter":
                    if not fn(item):
                        keep = False
                        break
                else:
                    item = fn(item)
            if keep:
                remaining -= 1
                yield item
