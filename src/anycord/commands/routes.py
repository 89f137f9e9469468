"""Components and modals routed by `custom_id` pattern, and per-message collectors.

A pattern is literal text with typed holes: `"vote:{poll_id:int}:{choice}"` matches
`vote:42:yes` and calls `handler(ctx, poll_id=42, choice="yes")`. Holes are `{name}` (text),
`{name:int}` or `{name:float}`. Routing is stateless: everything a handler needs is in the
custom_id, so it survives restarts and works on any process of a fleet.
`route.custom_id(poll_id=42, choice="yes")` builds one (checked: at most 100 characters).

A collector is the other way round: a short-lived view owned by the code that sent it.
`async with client.collect("confirm:") as clicks:` yields the component interactions whose
custom_id starts with that prefix; the caller bounds it (`with anyio.move_on_after(30):`
around the loop), as every timeout in anycord comes from the caller. A click the consumer
has not answered within the client's auto-defer window is acknowledged for it. Open the
collector before sending the message it watches, so no click can arrive in between.
"""

from __future__ import annotations

import contextlib
import inspect
import re
import typing

import anyio

from anycord.commands.options import hints_of
from anycord.errors import CommandDeclarationError

if typing.TYPE_CHECKING:
    from collections.abc import AsyncIterator, Mapping

    from anyio.streams.memory import MemoryObjectSendStream

    from anycord.commands.context import ComponentContext
    from anycord.commands.declare import Handler, Layer

__all__ = ["Collectors", "Route", "RouteTable"]

_HOLE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?::(int|float|str))?\}")
_REGEX: typing.Final = {"int": r"-?\d+", "float": r"-?\d+(?:\.\d+)?", "str": r".+?"}
_TYPES: typing.Final[dict[str, type]] = {"int": int, "float": float, "str": str}
MAX_CUSTOM_ID: typing.Final = 100


class Route:
    """One component or modal handler and the custom_id pattern it answers."""

    def __init__(
        self,
        pattern: str,
        callback: Handler,
        *,
        kind: str,
        layer: Layer,
        localns: Mapping[str, typing.Any] | None = None,
    ) -> None:
        self.pattern = pattern
        self.callback = callback
        self.kind = kind
        """`"component"` or `"modal"`."""
        self.layer = layer
        self.plugin: typing.Any = None
        where = f"{callback.__qualname__} ({kind} {pattern!r})"
        if not inspect.iscoroutinefunction(callback):
            msg = f"{where}: the handler must be an `async def` function"
            raise CommandDeclarationError(msg)
        parts: list[str] = []
        self.holes: dict[str, type] = {}
        end = 0
        for match in _HOLE.finditer(pattern):
            parts.append(re.escape(pattern[end : match.start()]))
            name, kind_name = match.group(1), match.group(2) or "str"
            if name in self.holes:
                msg = f"{where}: the hole {name!r} appears twice"
                raise CommandDeclarationError(msg)
            self.holes[name] = _TYPES[kind_name]
            parts.append(f"(?P<{name}>{_REGEX[kind_name]})")
            end = match.end()
        parts.append(re.escape(pattern[end:]))
        self.prefix = pattern[: pattern.index("{")] if self.holes else pattern
        self.is_static = not self.holes
        self._regex = re.compile("".join(parts) + r"\Z", re.DOTALL)
        if not self.prefix:
            msg = f"{where}: a pattern starts with literal text (a prefix to route on)"
            raise CommandDeclarationError(msg)
        if len(self.prefix) > MAX_CUSTOM_ID:
            msg = f"{where}: a custom_id is at most {MAX_CUSTOM_ID} characters"
            raise CommandDeclarationError(msg)
        params = list(inspect.signature(callback).parameters.values())[1:]
        names = [p.name for p in params]
        if sorted(names) != sorted(self.holes):
            msg = f"{where}: the handler's parameters after ctx {names} must be the holes {list(self.holes)}"
            raise CommandDeclarationError(msg)
        hints = hints_of(callback, where, localns)
        for name, wanted in self.holes.items():
            hint = hints.get(name)
            if hint is not None and hint is not wanted:
                msg = (
                    f"{where}: parameter {name!r} is {hint!r} but the hole gives {wanted.__name__}"
                )
                raise CommandDeclarationError(msg)

    def match(self, custom_id: str) -> dict[str, typing.Any] | None:
        """The typed holes of `custom_id`, or `None` when it does not match."""
        if self.is_static:
            return {} if custom_id == self.pattern else None
        found = self._regex.match(custom_id)
        if found is None:
            return None
        return {name: self.holes[name](value) for name, value in found.groupdict().items()}

    def custom_id(self, **parts: object) -> str:
        """The custom_id for these holes (`ValueError` past 100 characters or on a bad part)."""
        if sorted(parts) != sorted(self.holes):
            msg = f"{self.pattern!r} needs exactly {sorted(self.holes)}, got {sorted(parts)}"
            raise ValueError(msg)

        def fill(match: re.Match[str]) -> str:
            value = parts[match.group(1)]
            wanted = self.holes[match.group(1)]
            if not isinstance(value, wanted) or isinstance(value, bool):
                msg = f"{match.group(1)!r} must be {wanted.__name__}, got {value!r}"
                raise ValueError(msg)
            return str(value)

        custom_id = _HOLE.sub(fill, self.pattern)
        if len(custom_id) > MAX_CUSTOM_ID or self.match(custom_id) != parts:
            msg = (
                f"custom_id {custom_id!r} is over {MAX_CUSTOM_ID} characters or does not round-trip"
            )
            raise ValueError(msg)
        return custom_id


class RouteTable:
    """Routes of one kind: static custom_ids by dict, patterns by prefix."""

    def __init__(self) -> None:
        self.static: dict[str, Route] = {}
        self.patterns: list[Route] = []

    def add(self, route: Route) -> None:
        """Add a route (`CommandDeclarationError` on a duplicate pattern)."""
        if route.pattern in self.static or any(r.pattern == route.pattern for r in self.patterns):
            msg = f"two {route.kind} handlers for {route.pattern!r}"
            raise CommandDeclarationError(msg)
        if route.is_static:
            self.static[route.pattern] = route
        else:
            self.patterns.append(route)
            self.patterns.sort(key=lambda r: -len(r.prefix))

    def find(self, custom_id: str) -> tuple[Route, dict[str, typing.Any]] | None:
        """The route for `custom_id` and its holes."""
        route = self.static.get(custom_id)
        if route is not None:
            return route, {}
        for route in self.patterns:
            if custom_id.startswith(route.prefix):
                holes = route.match(custom_id)
                if holes is not None:
                    return route, holes
        return None


class Collectors:
    """Open collectors by custom_id prefix (see the module docstring)."""

    def __init__(self) -> None:
        self._open: dict[str, MemoryObjectSendStream[ComponentContext]] = {}

    def find(self, custom_id: str) -> MemoryObjectSendStream[ComponentContext] | None:
        """The stream of the collector whose prefix `custom_id` starts with."""
        if not self._open:
            return None
        for prefix, stream in self._open.items():
            if custom_id.startswith(prefix):
                return stream
        return None

    @contextlib.asynccontextmanager
    async def collect(
        self, prefix: str, *, buffer: int = 16
    ) -> AsyncIterator[AsyncIterator[ComponentContext]]:
        """Yield an iterator over matching component interactions (until the block exits)."""
        if prefix in self._open:
            msg = f"a collector for {prefix!r} is already open"
            raise ValueError(msg)
        send, receive = anyio.create_memory_object_stream["ComponentContext"](buffer)
        self._open[prefix] = send
        clicks = _Clicks(receive)
        try:
            async with send, receive:
                yield clicks
        finally:
            self._open.pop(prefix, None)


class _Clicks:
    """Iterates a collector's stream (a plain `__anext__`, so no scope spans a suspension)."""

    def __init__(self, receive: anyio.abc.ObjectReceiveStream[ComponentContext]) -> None:
        self._receive = receive

    def __aiter__(self) -> _Clicks:
        return self

    async def __anext__(self) -> ComponentContext:
        try:
            return await self._receive.receive()
        except anyio.EndOfStream:
            raise StopAsyncIteration from None
