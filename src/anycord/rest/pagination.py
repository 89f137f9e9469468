"""Lazy async iteration over paginated endpoints, with hikari's chainable combinators.

```python
async for message in rest.fetch_messages(channel).limit(250):
    ...
names = await rest.fetch_members(guild).filter(lambda m: not m.user.is_bot).map(str).collect()
bots = await rest.fetch_members(guild).filter(("user.is_bot", True)).count()
```

A `LazyIterator` fetches nothing until iterated; each page is one request (so each waits on
the rate limiter like any call), and iteration stops at the first short or empty page or
when `limit` items were yielded. Chained methods return new iterators over the same source,
so one chain can be iterated more than once (each pass fetches again). Predicates given to
`filter`, `take_while` and friends are callables (sync or async), `(attribute, value)` pairs
(`"user.id"` reads nested attributes) or keyword arguments (`name="x"`, `user__id=1`); an
item passes when every one of them holds. Awaiting the iterator collects it into a list.
"""

from __future__ import annotations

import contextlib
import inspect
import operator
import typing

import anyio

if typing.TYPE_CHECKING:
    from collections.abc import (
        AsyncGenerator,
        AsyncIterator,
        Awaitable,
        Callable,
        Collection,
        Generator,
        Iterable,
        Sequence,
    )

    from _typeshed import SupportsRichComparison

__all__ = ["LazyIterator", "Paginator"]

_T = typing.TypeVar("_T")
_U = typing.TypeVar("_U")
_C = typing.TypeVar("_C", bound="Collection[typing.Any]")
_Ordered = typing.TypeVar("_Ordered", bound="SupportsRichComparison")

Predicate: typing.TypeAlias = "tuple[str, object] | Callable[[typing.Any], bool | Awaitable[bool]]"
"""A callable (sync or async) or an `(attribute path, expected value)` pair."""


def _attr_getter(path: str) -> Callable[[typing.Any], typing.Any]:
    return operator.attrgetter(path)


def _equals(path: str, expected: object) -> Callable[[typing.Any], bool]:
    get = _attr_getter(path)

    def check(item: object) -> bool:
        return bool(get(item) == expected)

    return check


def _predicate(
    predicates: tuple[Predicate, ...], attrs: dict[str, object]
) -> Callable[[typing.Any], Awaitable[bool]]:
    checks: list[Callable[[typing.Any], typing.Any]] = []
    for p in predicates:
        if isinstance(p, tuple):
            path, expected = p
            checks.append(_equals(path, expected))
        elif callable(p):
            checks.append(p)
        else:
            msg = f"a predicate is a callable or an (attribute, value) pair, not {p!r}"
            raise TypeError(msg)
    for name, expected in attrs.items():
        checks.append(_equals(name.replace("__", "."), expected))
    if not checks:
        msg = "at least one predicate or attribute is needed"
        raise TypeError(msg)

    async def check(item: object) -> bool:
        for fn in checks:
            verdict = fn(item)
            if inspect.isawaitable(verdict):
                verdict = await verdict
            if not verdict:
                return False
        return True

    return check


def _chained(
    source: Callable[[], AsyncGenerator[_T, None]],
    body: Callable[[AsyncIterator[_T]], AsyncGenerator[_U, None]],
) -> LazyIterator[_U]:
    """A new iterator whose items are `body` applied to a fresh pass over `source`."""

    async def gen() -> AsyncGenerator[_U, None]:
        async with contextlib.aclosing(source()) as items, contextlib.aclosing(body(items)) as out:
            async for item in out:
                yield item

    return LazyIterator(gen)


class LazyIterator(typing.Generic[_T]):
    """An async iterator built lazily from a source, with chainable transformations.

    `async for` starts a fresh pass each time; `next()` (and `__anext__`) instead advance one
    cursor kept by this object, like hikari's one-shot iterators.
    """

    __slots__ = ("_cursor", "_make")

    def __init__(self, make: Callable[[], AsyncGenerator[_T, None]]) -> None:
        self._make = make
        self._cursor: AsyncGenerator[_T, None] | None = None

    def __aiter__(self) -> AsyncIterator[_T]:
        return self._make()

    async def __anext__(self) -> _T:
        if self._cursor is None:
            self._cursor = self._make()
        return await anext(self._cursor)

    def __await__(self) -> Generator[typing.Any, None, list[_T]]:
        return self.collect().__await__()

    # -- shaping ---------------------------------------------------------------------------

    def limit(self, limit: int) -> LazyIterator[_T]:
        """At most `limit` items (and no page fetched beyond them)."""
        if limit < 0:
            msg = f"limit must be at least 0, not {limit}"
            raise ValueError(msg)

        async def body(items: AsyncIterator[_T]) -> AsyncGenerator[_T, None]:
            if limit == 0:
                return
            seen = 0
            async for item in items:
                yield item
                seen += 1
                if seen >= limit:
                    return

        return _chained(self._make, body)

    def skip(self, number: int) -> LazyIterator[_T]:
        """Every item after the first `number`."""
        if number < 0:
            msg = f"skip needs a count of at least 0, not {number}"
            raise ValueError(msg)

        async def body(items: AsyncIterator[_T]) -> AsyncGenerator[_T, None]:
            index = 0
            async for item in items:
                if index >= number:
                    yield item
                index += 1

        return _chained(self._make, body)

    def filter(self, *predicates: Predicate, **attrs: object) -> LazyIterator[_T]:
        """Only the items for which every predicate (and attribute equality) holds."""
        check = _predicate(predicates, attrs)

        async def body(items: AsyncIterator[_T]) -> AsyncGenerator[_T, None]:
            async for item in items:
                if await check(item):
                    yield item

        return _chained(self._make, body)

    def take_while(self, *predicates: Predicate, **attrs: object) -> LazyIterator[_T]:
        """Items up to (not including) the first for which the predicates fail."""
        return self._cut(_predicate(predicates, attrs), take=True, until=False)

    def take_until(self, *predicates: Predicate, **attrs: object) -> LazyIterator[_T]:
        """Items up to (not including) the first for which the predicates hold."""
        return self._cut(_predicate(predicates, attrs), take=True, until=True)

    def skip_while(self, *predicates: Predicate, **attrs: object) -> LazyIterator[_T]:
        """Items from the first for which the predicates fail."""
        return self._cut(_predicate(predicates, attrs), take=False, until=False)

    def skip_until(self, *predicates: Predicate, **attrs: object) -> LazyIterator[_T]:
        """Items from the first for which the predicates hold."""
        return self._cut(_predicate(predicates, attrs), take=False, until=True)

    def _cut(
        self, check: Callable[[typing.Any], Awaitable[bool]], *, take: bool, until: bool
    ) -> LazyIterator[_T]:
        async def body(items: AsyncIterator[_T]) -> AsyncGenerator[_T, None]:
            boundary = False
            async for item in items:
                if not boundary and (await check(item)) == until:
                    boundary = True
                if take and boundary:
                    return
                if take or boundary:
                    yield item

        return _chained(self._make, body)

    @typing.overload
    def map(self, transformation: str) -> LazyIterator[typing.Any]: ...
    @typing.overload
    def map(self, transformation: Callable[[_T], _U | Awaitable[_U]]) -> LazyIterator[_U]: ...
    def map(
        self, transformation: Callable[[_T], _U | Awaitable[_U]] | str
    ) -> LazyIterator[_U] | LazyIterator[typing.Any]:
        """`transformation(item)` (sync or async) for each item; a string reads that attribute
        path (`"user.id"`)."""
        fn = _attr_getter(transformation) if isinstance(transformation, str) else transformation

        async def body(items: AsyncIterator[_T]) -> AsyncGenerator[_U, None]:
            async for item in items:
                out = fn(item)
                if inspect.isawaitable(out):
                    out = await out
                yield typing.cast("_U", out)

        return _chained(self._make, body)

    def enumerate(self, *, start: int = 0) -> LazyIterator[tuple[int, _T]]:
        """`(index, item)` pairs, counting from `start`."""

        async def body(items: AsyncIterator[_T]) -> AsyncGenerator[tuple[int, _T], None]:
            index = start
            async for item in items:
                yield index, item
                index += 1

        return _chained(self._make, body)

    def chunk(self, chunk_size: int) -> LazyIterator[Sequence[_T]]:
        """Items in tuples of `chunk_size` (the last one may be shorter)."""
        if chunk_size < 1:
            msg = f"chunk_size must be at least 1, not {chunk_size}"
            raise ValueError(msg)

        async def body(items: AsyncIterator[_T]) -> AsyncGenerator[Sequence[_T], None]:
            batch: list[_T] = []
            async for item in items:
                batch.append(item)
                if len(batch) == chunk_size:
                    yield tuple(batch)
                    batch.clear()
            if batch:
                yield tuple(batch)

        return _chained(self._make, body)

    def flat_map(
        self, flattener: Callable[[_T], Iterable[_U] | AsyncIterator[_U]] | str
    ) -> LazyIterator[_U]:
        """The items of `flattener(item)` (a sync or async iterable) for each item, in order;
        a string reads that attribute path."""
        fn = _attr_getter(flattener) if isinstance(flattener, str) else flattener

        async def body(items: AsyncIterator[_T]) -> AsyncGenerator[_U, None]:
            async for item in items:
                inner = fn(item)
                if hasattr(inner, "__aiter__"):
                    async for sub in inner:
                        yield sub
                else:
                    for sub in inner:
                        yield sub

        return _chained(self._make, body)

    def flatten(self) -> LazyIterator[typing.Any]:
        """The items of each item (each a sync or async iterable), in order."""
        return self.flat_map(lambda inner: typing.cast("Iterable[typing.Any]", inner))

    def awaiting(self, window_size: int = 10) -> LazyIterator[typing.Any]:
        """Each item (an awaitable) awaited, up to `window_size` at once in a task group of
        this iterator's pass; results keep the items' order."""
        if window_size < 1:
            msg = f"window_size must be at least 1, not {window_size}"
            raise ValueError(msg)

        async def body(items: AsyncIterator[_T]) -> AsyncGenerator[typing.Any, None]:
            window: list[typing.Any] = []
            async for item in items:
                window.append(item)
                if len(window) == window_size:
                    for result in await _gather(window):
                        yield result
                    window = []
            for result in await _gather(window):
                yield result

        return _chained(self._make, body)

    def reversed(self) -> LazyIterator[_T]:
        """The items in reverse order (reads every item first)."""

        async def body(items: AsyncIterator[_T]) -> AsyncGenerator[_T, None]:
            everything = [item async for item in items]
            for item in reversed(everything):
                yield item

        return _chained(self._make, body)

    # -- consuming -------------------------------------------------------------------------

    @typing.overload
    async def collect(self, collector: None = None) -> list[_T]: ...
    @typing.overload
    async def collect(self, collector: Callable[[Sequence[_T]], _C]) -> _C: ...
    async def collect(
        self, collector: Callable[[Sequence[_T]], Collection[_T]] | None = None
    ) -> Collection[_T]:
        """Every item, in a list (or passed to `collector`, e.g. `frozenset`)."""
        items = [item async for item in self]
        return items if collector is None else collector(items)

    @typing.overload
    async def sort(
        self: LazyIterator[_Ordered], *, key: None = None, reverse: bool = False
    ) -> Sequence[_Ordered]: ...
    @typing.overload
    async def sort(
        self, *, key: Callable[[_T], SupportsRichComparison], reverse: bool = False
    ) -> Sequence[_T]: ...
    async def sort(
        self, *, key: Callable[[_T], SupportsRichComparison] | None = None, reverse: bool = False
    ) -> Sequence[typing.Any]:
        """Every item, sorted (by `key`, or by the items themselves when they compare)."""
        items: list[typing.Any] = [item async for item in self]
        return sorted(items, key=key, reverse=reverse)

    async def first(self) -> _T | None:
        """The first item, or `None` when there is none."""
        async with contextlib.aclosing(self.limit(1)._make()) as items:
            async for item in items:
                return item
        return None

    async def next(self) -> _T:
        """The next item of this object's cursor; `LookupError` when it is exhausted."""
        try:
            return await self.__anext__()
        except StopAsyncIteration:
            msg = "the iterator is exhausted"
            raise LookupError(msg) from None

    async def last(self) -> _T:
        """The last item; `LookupError` when there is none."""
        found, last = False, None
        async for item in self:
            found, last = True, item
        if not found:
            msg = "the iterator is empty"
            raise LookupError(msg)
        return typing.cast("_T", last)

    async def count(self) -> int:
        """How many items there are (iterates them all)."""
        total = 0
        async for _ in self:
            total += 1
        return total

    async def for_each(self, consumer: Callable[[_T], object]) -> None:
        """`consumer(item)` for each item (awaited when it returns an awaitable)."""
        async for item in self:
            out = consumer(item)
            if inspect.isawaitable(out):
                await out


async def _gather(awaitables: list[typing.Any]) -> list[typing.Any]:
    results: list[typing.Any] = [None] * len(awaitables)

    async def one(index: int) -> None:
        results[index] = await awaitables[index]

    async with anyio.create_task_group() as tg:
        for index in range(len(awaitables)):
            tg.start_soon(one, index)
    return results


class Paginator(LazyIterator[_T]):
    """Pages from `fetch(cursor, page_size) -> raw items`, decoded one by one.

    `next_cursor(last_raw_item)` gives the cursor of the following page. Iteration ends on
    a page shorter than `page_size`.
    """

    __slots__ = ()

    def __init__(
        self,
        fetch: Callable[[str | None, int], Awaitable[Sequence[typing.Any]]],
        decode: Callable[[typing.Any], _T],
        *,
        first_cursor: str | None,
        next_cursor: Callable[[typing.Any], str],
        page_size: int,
        reverse_pages: bool = False,
    ) -> None:
        async def gen() -> AsyncGenerator[_T, None]:
            cursor = first_cursor
            while True:
                page = list(await fetch(cursor, page_size))
                if not page:
                    return
                if reverse_pages:
                    page.reverse()
                for raw in page:
                    yield decode(raw)
                if len(page) < page_size:
                    return
                cursor = next_cursor(page[-1])

        super().__init__(gen)
