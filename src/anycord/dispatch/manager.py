"""`EventManager`: listeners, dispatch, `wait_for`, `stream`, and the shard's event sink.

Guarantees:

* **Structured.** Every listener call runs inside the manager's task group (`run()` owns
  it; the bot starts it with `await tg.start(events.run)`), on a listener worker of
  `anycord.dispatch.workers.ListenerPool`: calls start in the order they were scheduled, and
  a listener that blocks never holds up the others. `dispatch()` before `run()` has started
  raises `ComponentStateConflictError`. `aclose(grace)` lets in-flight listeners finish for
  `grace` seconds, then cancels them; nothing outlives `run()`.
* **Polymorphic.** A listener on a class receives every event whose class derives from it.
* **Errors are events.** A listener's exception becomes an `ExceptionEvent` (logged at ERROR
  when nobody listens to those); cancellation is never reported.
* **Bounded.** At most `max_in_flight` listener calls are queued or running at once
  (default 1,024; `None` removes the bound), and at most that many workers exist. When the
  bound is reached, `deliver_dispatch` hands the shard a wait for a slot before dispatching, which pauses
  the shard's reader: a slow listener turns into gateway backpressure, never into an
  unbounded queue. One event's listeners are all scheduled together, so the count can
  exceed the bound by the listeners of one event. Under the bound, the shard's reader
  still lets the workers run whenever 128 calls are queued, so a burst of small frames is
  handled in step with reading rather than 1,024 events behind it. `dispatch()` called by
  user code schedules at once (it cannot wait); await its result to pace yourself. Nor
  does `ShardDisconnectedEvent` wait for a slot: the connection is gone, and a bot closing
  with listeners stuck at the bound must not wait for one.
* **Join or available.** The manager remembers which guilds READY and outages announced
  (`anycord.events.guild.GuildVisibility`), so a GUILD_CREATE becomes `GuildAvailableEvent`
  for those and `GuildJoinEvent` for a guild the bot just joined, cache or no cache.
* **Intents.** Registering a listener, waiter or stream for an event class the intents can
  never deliver warns `MissingIntentWarning` once per class (`anycord.events.intents`).
* **Lazy.** Raw payloads are decoded only when a listener, waiter or stream could receive
  the event built from them; the cache is updated first, synchronously, regardless.
"""

from __future__ import annotations

import inspect
import logging
import types
import typing
import warnings

import anyio
import anyio.lowlevel

from anycord.dispatch.stream import EventStream
from anycord.dispatch.workers import FINISHED, DispatchHandle, ListenerPool
from anycord.errors import ComponentStateConflictError
from anycord.events.base import Event, EventApp, ExceptionEvent
from anycord.events.guild import GuildVisibility
from anycord.events.intents import MissingIntentWarning, missing_intents
from anycord.events.registry import REGISTRY
from anycord.events.shard import ShardConnectedEvent, ShardDisconnectedEvent, ShardPayloadEvent
from anycord.intents import Intents
from anycord.stats import DispatcherStats

if typing.TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Coroutine, Sequence

    from anycord.cache.cache import Cache
    from anycord.dispatch.stream import Feed
    from anycord.events.rows import Row
    from anycord.gateway.shard import GatewayShard

    class _Listener(typing.Protocol):
        # What `_infer_types` reads a signature from: a function, or an object whose
        # `__call__` is (mypy cannot read `__call__` off a plain `Callable`).
        def __call__(self, *args: object, **kwargs: object) -> object: ...


__all__ = ["DispatchHandle", "EventManager", "RawHook"]

_LOGGER = logging.getLogger("anycord.dispatch")
EventT = typing.TypeVar("EventT", bound=Event)
Callback = typing.Callable[[EventT], "Coroutine[typing.Any, typing.Any, None]"]
CallbackT = typing.TypeVar(
    "CallbackT", bound="Callable[..., Coroutine[typing.Any, typing.Any, None]]"
)

DEFAULT_MAX_IN_FLIGHT: typing.Final[int] = 1024
"""Default bound on concurrent listener calls."""
DEFAULT_GRACE: typing.Final[float] = 5.0
"""Default seconds in-flight listeners get at shutdown before they are cancelled."""
_MAX_UNKNOWN_NAMES: typing.Final[int] = 256
_YIELD_AT: typing.Final[int] = 128
# Queued listener calls at which the shard's reader yields to the workers. A socket read can
# hold thousands of small frames; without the yield the reader runs up to `max_in_flight`
# calls ahead, every queued payload outlives the young GC generations, and the promotions
# trigger full collections of the whole cache (measured: 30-40% of the CPU per event).
RawHook = typing.Callable[
    ["GatewayShard | None", dict[str, typing.Any]], "Coroutine[typing.Any, typing.Any, None]"
]
"""`async hook(shard, payload)`: a raw subscriber (`EventManager.subscribe_raw`)."""


class _Plan:
    # What the sink does with one dispatch name, precomputed: the row, the cache update bound
    # to the cache (None: no enabled component), whether anybody could receive its events,
    # its raw subscribers, and `direct`: none of the extras (no `track`, no raw subscriber,
    # no `ShardPayloadEvent` listener), so the sink runs only the update, decode, schedule.
    __slots__ = ("direct", "hooks", "needed", "row", "update")

    def __init__(self, row: Row[typing.Any]) -> None:
        self.row = row
        self.update: Callable[[dict[str, typing.Any]], typing.Any] | None = None
        self.needed = False
        self.hooks: tuple[RawHook, ...] = ()
        self.direct = row.track is None


class _Waiter:
    __slots__ = ("done", "error", "predicate", "result")

    def __init__(self, predicate: Callable[[typing.Any], bool] | None) -> None:
        self.predicate = predicate
        self.done = anyio.Event()
        self.result: typing.Any = None
        self.error: Exception | None = None


def _event_types_of(annotation: object) -> list[type[Event]]:
    origin = typing.get_origin(annotation)
    if origin is typing.Union or isinstance(annotation, types.UnionType):
        out: list[type[Event]] = []
        for arg in typing.get_args(annotation):
            out.extend(_event_types_of(arg))
        return out
    return [_check_event_type(annotation)]


def _check_event_type(event_type: object) -> type[Event]:
    origin = typing.get_origin(event_type)
    if origin is not None:
        event_type = origin
    if not (isinstance(event_type, type) and issubclass(event_type, Event)):
        msg = f"{event_type!r} is not an Event subclass"
        raise TypeError(msg)
    return event_type


def _check_callback(callback: object) -> None:
    if inspect.iscoroutinefunction(callback):
        return
    call = getattr(callback, "__call__", None)  # noqa: B004  (objects whose __call__ is async)
    if call is not None and inspect.iscoroutinefunction(call):
        return
    msg = f"listener {callback!r} must be an async function (or an object with an async __call__)"
    raise TypeError(msg)


class EventManager:
    """Routes events to listeners, waiters and streams, and feeds the cache (module doc)."""

    def __init__(
        self,
        app: EventApp | None = None,
        *,
        cache: Cache | None = None,
        max_in_flight: int | None = DEFAULT_MAX_IN_FLIGHT,
        grace: float = DEFAULT_GRACE,
        intents: Intents | None = None,
    ) -> None:
        if max_in_flight is not None and max_in_flight < 1:
            msg = f"max_in_flight must be None or at least 1, not {max_in_flight}"
            raise ValueError(msg)
        self._app = app
        self._intents = intents
        self._intent_warned: set[type[Event]] = set()
        self._cache = cache
        self._grace = grace
        self._listeners: dict[type[Event], list[Callback[typing.Any]]] = {}
        self._waiters: dict[type[Event], list[_Waiter]] = {}
        self._feeds: dict[type[Event], list[Feed]] = {}
        self._resolved: dict[type[Event], tuple[Callback[typing.Any], ...]] = {}
        self._plans = {name: _Plan(row) for name, row in REGISTRY.items()}
        self._raw_hooks: dict[str | None, list[RawHook]] = {}
        self._payload_wanted = False
        self._exception_wanted = False
        self._unknown_names: set[str] = set()
        self._visibility = GuildVisibility()
        self._tg: anyio.abc.TaskGroup | None = None
        self._closing: anyio.Event | None = None
        self._stopped: anyio.Event | None = None
        self._stats = DispatcherStats()
        self._pool = ListenerPool(max_in_flight, self._stats, self._listener_failed)
        if cache is not None:
            enabled = cache.settings.components
            for plan in self._plans.values():
                update = plan.row.cache
                if update is not None and plan.row.components & enabled:
                    plan.update = types.MethodType(update, cache)

    # -- state -----------------------------------------------------------------------------

    @property
    def is_running(self) -> bool:
        """Whether `run()` is active (listeners can be dispatched)."""
        return self._tg is not None

    @property
    def in_flight(self) -> int:
        """Listener calls running now."""
        return self._pool.in_flight

    @property
    def queued(self) -> int:
        """Listener calls scheduled and not started yet (part of `in_flight`)."""
        return self._pool.queued

    @property
    def stats(self) -> DispatcherStats:
        """Listener counters (`anycord.stats.DispatcherStats`)."""
        return self._stats

    @property
    def max_in_flight(self) -> int | None:
        """The bound on concurrent listener calls (`None`: unbounded)."""
        pool = self._pool
        return pool.limit if pool.bounded else None

    @property
    def cache(self) -> Cache | None:
        """The cache this manager updates (`None`: no cache)."""
        return self._cache

    def is_needed(self, name: str) -> bool:
        """Whether a dispatch called `name` would be decoded into an event now."""
        plan = self._plans.get(name)
        return plan is not None and plan.needed

    # -- raw payload subscribers -----------------------------------------------------------

    def subscribe_raw(self, name: str | None, hook: RawHook) -> None:
        """Await `hook(shard, payload)` for every dispatch called `name` (`None`: every
        dispatch, unknown names included), in the shard's reader, in sequence order;
        every-dispatch subscribers run first.

        It runs after the cache update and after the typed event has been handed to its
        listeners, whether or not anybody listens; nothing is decoded for it. This is how a
        bot's own needs (its user id from READY, voice, member chunking, the orchestrator's
        session bookkeeping) see payloads. It must be quick: the shard reads nothing while it
        runs. An exception it raises is logged and the dispatch goes on.
        """
        self._raw_hooks.setdefault(name, []).append(hook)
        self._hooks_changed()

    def unsubscribe_raw(self, name: str | None, hook: RawHook) -> None:
        """Remove one `subscribe_raw(name, hook)` (no-op when absent)."""
        hooks = self._raw_hooks.get(name)
        if hooks and hook in hooks:
            hooks.remove(hook)
            self._hooks_changed()

    def _hooks_changed(self) -> None:
        every = tuple(self._raw_hooks.get(None, ()))
        for name, plan in self._plans.items():
            plan.hooks = (*every, *self._raw_hooks.get(name, ()))
        self._plans_changed()

    def _plans_changed(self) -> None:
        wanted = self._payload_wanted
        for plan in self._plans.values():
            plan.direct = not (wanted or plan.hooks or plan.row.track is not None)

    # -- lifecycle -------------------------------------------------------------------------

    async def run(
        self, *, task_status: anyio.abc.TaskStatus[None] = anyio.TASK_STATUS_IGNORED
    ) -> None:
        """Own the task group listeners run in; return after `aclose()` (or when cancelled)."""
        if self._tg is not None:
            msg = "the event manager is already running"
            raise ComponentStateConflictError(msg)
        self._closing = closing = anyio.Event()
        self._stopped = stopped = anyio.Event()
        try:
            async with anyio.create_task_group() as tg:
                self._tg = tg
                self._pool.attach(tg)
                task_status.started()
                await closing.wait()
                await self.drain()
                tg.cancel_scope.cancel()
        finally:
            self._tg = None
            self._closing = None
            # Calls still queued when the group was cancelled never ran: the pool releases
            # their handles so nobody awaits them forever.
            self._pool.attach(None)
            stopped.set()

    async def aclose(self, grace: float | None = None) -> None:
        """Stop: in-flight listeners get `grace` seconds (default: the constructor's), then
        are cancelled. Returns when `run()` has exited. Does nothing if not running."""
        closing, stopped = self._closing, self._stopped
        if closing is None or stopped is None:
            return
        if grace is not None:
            self._grace = grace
        closing.set()
        await stopped.wait()

    async def drain(self, grace: float | None = None) -> None:
        """Let in-flight listener calls finish for `grace` seconds (default: the
        constructor's), then cancel those still running and drop queued ones. The manager
        keeps running: later dispatches work as before (the bot drains after
        `StoppingEvent`, closes REST, then dispatches `StoppedEvent`). Do not call it from a
        listener: it would cancel its caller.
        """
        pool = self._pool
        with anyio.move_on_after(self._grace if grace is None else grace):
            await pool.wait_idle()
        if not pool.in_flight:
            return
        _LOGGER.warning(
            "cancelling %d listener call(s) still running after the grace period", pool.in_flight
        )
        await pool.cancel_all()

    async def wait_idle(self) -> None:
        """Return when no listener call is running."""
        await self._pool.wait_idle()

    # -- registration ----------------------------------------------------------------------

    def subscribe(self, event_type: type[EventT], callback: Callback[EventT]) -> None:
        """Call `callback(event)` for every dispatched instance of `event_type` (subclasses too).

        Raises `TypeError` if `event_type` is not an `Event` class or `callback` is not async.
        Subscribing the same callback twice calls it twice. Warns `MissingIntentWarning`
        (once per event class) when the intents can never deliver `event_type`.
        """
        self._subscribe(event_type, callback, 4)

    def _subscribe(
        self, event_type: type[EventT], callback: Callback[EventT], stacklevel: int
    ) -> None:
        _check_event_type(event_type)
        _check_callback(callback)
        self._check_intents(event_type, stacklevel)
        self._listeners.setdefault(event_type, []).append(callback)
        self._interest_changed()

    @property
    def intents(self) -> Intents | None:
        """The intents events arrive under (`None`: unknown, nothing is checked): the
        constructor's `intents`, else the app's `intents` attribute when it has one."""
        if self._intents is not None:
            return self._intents
        intents = getattr(self._app, "intents", None)
        return intents if isinstance(intents, Intents) else None

    def _check_intents(self, event_type: type[Event], stacklevel: int) -> None:
        if event_type in self._intent_warned:
            return
        intents = self.intents
        if intents is None:
            return
        missing = missing_intents(event_type, intents)
        if missing:
            self._intent_warned.add(event_type)
            names = " or ".join(str(i.name) for i in missing)
            warnings.warn(
                f"{event_type.__name__} is never delivered with intents {intents!r}: "
                f"identify with {names}",
                MissingIntentWarning,
                stacklevel=stacklevel,
            )

    def unsubscribe(self, event_type: type[EventT], callback: Callback[EventT]) -> None:
        """Remove one subscription of `callback` to `event_type` (no-op when absent)."""
        listeners = self._listeners.get(event_type)
        if not listeners or callback not in listeners:
            return
        listeners.remove(callback)
        if not listeners:
            del self._listeners[event_type]
        self._interest_changed()

    def listen(self, *event_types: type[Event]) -> Callable[[CallbackT], CallbackT]:
        """Decorator subscribing the function; without arguments, the event types come from
        the annotation of its first parameter (`A | B` subscribes to both)."""

        def decorator(callback: CallbackT) -> CallbackT:
            types_ = list(event_types) or self._infer_types(callback)
            for event_type in types_:
                self._subscribe(event_type, callback, 4)
            return callback

        return decorator

    @staticmethod
    def _infer_types(callback: _Listener) -> list[type[Event]]:
        target = (
            callback
            if inspect.isfunction(callback) or inspect.ismethod(callback)
            else callback.__call__
        )
        signature = inspect.signature(target, eval_str=True)
        params = list(signature.parameters.values())
        if not params:
            msg = f"listener {callback!r} takes no event parameter"
            raise TypeError(msg)
        for extra in params[1:]:
            if extra.default is inspect.Parameter.empty and extra.kind not in (
                inspect.Parameter.VAR_POSITIONAL,
                inspect.Parameter.VAR_KEYWORD,
            ):
                msg = f"listener {callback!r}: only the first parameter may be required ({extra.name!r} is too)"
                raise TypeError(msg)
        annotation = params[0].annotation
        if annotation is inspect.Parameter.empty:
            msg = (
                f"listener {callback!r}: annotate the event parameter or pass the types to listen()"
            )
            raise TypeError(msg)
        return _event_types_of(annotation)

    def get_listeners(
        self, event_type: type[EventT], *, polymorphic: bool = True
    ) -> list[Callback[EventT]]:
        """The listeners an `event_type` event would reach (`polymorphic=False`: only those
        subscribed to exactly `event_type`)."""
        if not polymorphic:
            return list(self._listeners.get(event_type, ()))
        return list(self._resolve(event_type))

    def _resolve(self, event_type: type[Event]) -> tuple[Callback[typing.Any], ...]:
        resolved = self._resolved.get(event_type)
        if resolved is None:
            out: list[Callback[typing.Any]] = []
            for cls in event_type.dispatches():
                out.extend(self._listeners.get(cls, ()))
            resolved = self._resolved[event_type] = tuple(out)
        return resolved

    def _interest_changed(self) -> None:
        self._resolved.clear()
        interest = {t for t, v in self._listeners.items() if v}
        interest.update(t for t, v in self._waiters.items() if v)
        interest.update(t for t, v in self._feeds.items() if v)
        for plan in self._plans.values():
            plan.needed = any(c in interest for t in plan.row.events for c in t.dispatches())
        self._payload_wanted = any(c in interest for c in ShardPayloadEvent.dispatches())
        self._exception_wanted = any(c in interest for c in ExceptionEvent.dispatches())
        self._plans_changed()

    def add_feed(self, event_type: type[Event], feed: Feed) -> None:
        """Feed `event_type` events (and subclasses) to `feed` until `remove_feed` (how an
        `EventStream` subscribes; use `stream()` rather than this)."""
        self._feeds.setdefault(event_type, []).append(feed)
        self._interest_changed()

    def remove_feed(self, event_type: type[Event], feed: Feed) -> None:
        """Stop feeding `feed` (idempotent)."""
        feeds = self._feeds.get(event_type)
        if feeds and feed in feeds:
            feeds.remove(feed)
            if not feeds:
                del self._feeds[event_type]
            self._interest_changed()

    # -- waiting ---------------------------------------------------------------------------

    async def wait_for(
        self,
        event_type: type[EventT],
        /,
        predicate: Callable[[EventT], bool] | None = None,
        *,
        timeout: float | None = None,  # noqa: ASYNC109 - the documented convenience over fail_after
    ) -> EventT:
        """The next dispatched `event_type` event for which `predicate` is true.

        Bound the wait with `anyio.fail_after` (or `timeout=`, which raises `TimeoutError`).
        An exception raised by `predicate` is raised here. However the call ends (event,
        timeout, cancellation), its waiter is removed before it returns.
        """
        _check_event_type(event_type)
        self._check_intents(event_type, 3)
        waiter = _Waiter(predicate)
        waiters = self._waiters.setdefault(event_type, [])
        waiters.append(waiter)
        if len(waiters) == 1:
            self._interest_changed()
        try:
            with anyio.fail_after(timeout):
                await waiter.done.wait()
        finally:
            current = self._waiters.get(event_type)
            if current is not None and waiter in current:
                current.remove(waiter)
            if not current:
                self._waiters.pop(event_type, None)
                self._interest_changed()
        if waiter.error is not None:
            raise waiter.error
        return typing.cast("EventT", waiter.result)

    def stream(
        self, event_type: type[EventT], /, timeout: float | None = None, limit: int | None = 100
    ) -> EventStream[EventT]:
        """A bounded async iterator of `event_type` events; use it as `async with`.

        `limit` is the buffer size (`None`: the default, 100; never unbounded): when the
        reader falls behind by that many events, newer ones are dropped (counted in
        `stream.dropped`). `timeout` ends the iteration after that many seconds without an
        event (`None`: wait forever). Both may be given by position, in hikari's order.
        """
        self._check_intents(_check_event_type(event_type), 3)
        return EventStream(self, event_type, limit=100 if limit is None else limit, timeout=timeout)

    # -- dispatch --------------------------------------------------------------------------

    def dispatch(self, event: Event) -> DispatchHandle:
        """Schedule every listener of `event` (and of its bases) in the manager's task group;
        resolve waiters and feed streams now. Await the result to wait for the listeners.

        Raises `ComponentStateConflictError` when the manager is not running.
        """
        return self._schedule(event, DispatchHandle())

    def _schedule(self, event: Event, handle: DispatchHandle | None) -> DispatchHandle:
        # `handle` None: nobody will await this event (the shard's dispatches), so its calls
        # carry no handle and FINISHED is returned.
        if self._tg is None:
            msg = "the event manager is not running (start it with `await tg.start(manager.run)`)"
            raise ComponentStateConflictError(msg)
        if self._waiters or self._feeds:
            self._notify(event)
        callbacks = self._resolved.get(type(event))
        if callbacks is None:
            callbacks = self._resolve(type(event))
        if not callbacks:
            return FINISHED
        if handle is not None:
            handle._pending = len(callbacks)
        self._pool.submit(callbacks, event, handle)
        return handle or FINISHED

    def _notify(self, event: Event) -> None:
        for cls in event.dispatches():
            waiters = self._waiters.get(cls)
            if waiters:
                for waiter in list(waiters):
                    if waiter.done.is_set():
                        continue
                    try:
                        if waiter.predicate is not None and not waiter.predicate(event):
                            continue
                        waiter.result = event
                    except Exception as exc:  # the predicate's failure belongs to its waiter
                        waiter.error = exc
                    waiter.done.set()
                    waiters.remove(waiter)
            feeds = self._feeds.get(cls)
            if feeds:
                for feed in feeds:
                    try:
                        feed.feed(event)
                    except Exception:
                        _LOGGER.exception("a stream filter raised on %s", type(event).__name__)

    def _listener_failed(
        self, callback: Callback[typing.Any], event: Event, exc: Exception
    ) -> None:
        if isinstance(event, ExceptionEvent) or not self._exception_wanted or self._tg is None:
            _LOGGER.error(
                "listener %r failed on %s",
                callback,
                type(event).__name__,
                exc_info=(type(exc), exc, exc.__traceback__),
            )
            return
        _LOGGER.debug(
            "listener %r failed on %s; dispatching ExceptionEvent", callback, type(event).__name__
        )
        self.dispatch(
            ExceptionEvent(
                app=self._app, exception=exc, failed_event=event, failed_callback=callback
            )
        )

    # -- the shard's sink ------------------------------------------------------------------

    async def on_shard_dispatch(
        self, shard: GatewayShard | None, name: str, payload: dict[str, typing.Any]
    ) -> None:
        """`deliver_dispatch`, awaited through: for callers that are coroutines anyway."""
        wait = self.deliver_dispatch(shard, name, payload)
        if wait is not None:
            await wait

    def deliver_dispatch(
        self, shard: GatewayShard | None, name: str, payload: dict[str, typing.Any]
    ) -> Awaitable[None] | None:
        """Feed one gateway dispatch (`anycord.events.rows`): the raw-payload event, the row's
        `track` and cache update, the typed event, then the raw subscribers.

        Returns `None` once everything is done, or an awaitable the caller must await before
        the next dispatch: while `max_in_flight` listener calls are running (backpressure on
        the shard), when the listener workers are due a turn, and for the raw subscribers.
        The usual dispatch (no raw subscriber, no `track`, no `ShardPayloadEvent` listener)
        returns `None`: no coroutine per event on the shard's hot path.
        A payload that fails to decode is logged once, naming the dispatch, and reaches
        listeners only as `ShardPayloadEvent` (and raw subscribers); it never ends the shard.
        """
        plan = self._plans.get(name)
        if plan is None:
            return self._dispatch_unknown(shard, name, payload)
        if not plan.direct:
            return self._deliver_extras(plan, shard, name, payload)
        return self._deliver(plan, shard, name, payload, False)

    def _deliver(
        self,
        plan: _Plan,
        shard: GatewayShard | None,
        name: str,
        payload: dict[str, typing.Any],
        known: bool,
    ) -> Awaitable[None] | None:
        # The cache update, decode and schedule: all a `direct` plan needs.
        old = None
        logged = False
        update = plan.update
        if update is not None:
            try:
                old = update(payload)
            except Exception:
                logged = True
                _LOGGER.exception("cache update for %s failed; the cache may be stale", name)
        if known:
            # GUILD_CREATE of a guild READY or an outage announced: `GuildAvailableEvent`.
            old = True
        if not plan.needed:
            if _LOGGER.isEnabledFor(5):
                _LOGGER.log(5, "skipping decode of %s: nobody needs it", name)
            return None
        try:
            event = plan.row.decode(self._app, shard, payload, old)
        except Exception:
            if not logged:  # one log record per bad dispatch
                _LOGGER.exception("could not decode %s; delivered only as ShardPayloadEvent", name)
            return None
        if event is None:  # a row may decide a dispatch makes no event
            return None
        pool = self._pool
        if pool.in_flight >= pool.limit:
            return self._dispatch_bounded(event)
        self._schedule(event, None)
        if len(pool.queue) >= _YIELD_AT:
            return anyio.lowlevel.checkpoint()
        return None

    async def _deliver_extras(
        self,
        plan: _Plan,
        shard: GatewayShard | None,
        name: str,
        payload: dict[str, typing.Any],
    ) -> None:
        # A dispatch somebody wants more of: the `ShardPayloadEvent`, the row's `track`, then
        # the usual delivery, then the raw subscribers.
        if self._payload_wanted:
            await self._dispatch_bounded(
                ShardPayloadEvent(app=self._app, shard=shard, name=name, payload=payload)
            )
        known = False
        track = plan.row.track
        if track is not None:
            try:
                known = track(self._visibility, shard, payload)
            except (KeyError, TypeError, ValueError):
                _LOGGER.warning("malformed %s payload; guild availability may be wrong", name)
        wait = self._deliver(plan, shard, name, payload, known)
        if wait is not None:
            await wait
        await self._run_hooks(plan.hooks, shard, name, payload)

    async def _dispatch_unknown(
        self, shard: GatewayShard | None, name: str, payload: dict[str, typing.Any]
    ) -> None:
        if self._payload_wanted:
            await self._dispatch_bounded(
                ShardPayloadEvent(app=self._app, shard=shard, name=name, payload=payload)
            )
        self._unknown(name)
        await self._run_hooks(tuple(self._raw_hooks.get(None, ())), shard, name, payload)

    @staticmethod
    async def _run_hooks(
        hooks: Sequence[RawHook],
        shard: GatewayShard | None,
        name: str,
        payload: dict[str, typing.Any],
    ) -> None:
        for hook in hooks:
            try:
                await hook(shard, payload)
            except Exception:
                _LOGGER.exception("raw subscriber %r failed on %s", hook, name)

    async def _dispatch_bounded(self, event: Event) -> None:
        # Schedule a shard's event (no handle) once under the bound (`wait_capacity` returns
        # at once, without a checkpoint, under it); let the workers run when `_YIELD_AT` calls
        # are queued. The sink's per-event path (`_deliver`) does the same without a coroutine.
        await self._pool.wait_capacity()
        self._schedule(event, None)
        if len(self._pool.queue) >= _YIELD_AT:
            await anyio.lowlevel.checkpoint()

    def _unknown(self, name: str) -> None:
        if name in self._unknown_names or len(self._unknown_names) >= _MAX_UNKNOWN_NAMES:
            return
        self._unknown_names.add(name)
        _LOGGER.warning(
            "unknown gateway event %r: delivered only as ShardPayloadEvent (logged once)", name
        )

    async def on_shard_connected(self, shard: GatewayShard) -> None:
        """The shard's session is up (after READY/RESUMED): dispatch `ShardConnectedEvent`
        without waiting for its listeners (a slow listener must not stall the shard)."""
        await self._dispatch_bounded(ShardConnectedEvent(app=self._app, shard=shard))

    async def on_shard_disconnected(self, shard: GatewayShard) -> None:
        """The shard's connection closed: dispatch `ShardDisconnectedEvent` without waiting
        for its listeners, nor for a free slot under `max_in_flight` (the connection is gone:
        there is no reader to pace, and a bot closing with listeners stuck at the bound must
        not wait for one; nothing is dispatched once the manager has stopped)."""
        if self._tg is not None:
            self._schedule(ShardDisconnectedEvent(app=self._app, shard=shard), None)

    def listeners_snapshot(self) -> Sequence[tuple[type[Event], int]]:
        """`(event type, listener count)` pairs, for diagnostics."""
        return [(t, len(v)) for t, v in self._listeners.items()]
