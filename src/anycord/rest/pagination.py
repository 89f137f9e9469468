"""Lazy async iteration over paginated endpoints, with `limit`, `filter` and `map`.

```python
async for message in rest.fetch_messages(channel).limit(250):
    ...
names = await rest.fetch_members(guild).filter(lambda m: not m.user.is_bot).map(str).collect()
```

A `LazyIterator` fetches nothing until iterated; each page is one request (so each waits on
the rate limiter like any call), and iteration stops at the first short or empty page or
when `limit` items were yielded. Chained methods return new iterators over the same source.
"""

from __future__ import annotations

import contextlib
import inspect
import typing

if typing.TYPE_CHECKING:
    from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Sequence

__all__ = ["LazyIterator", "Paginator"]

_T = typing.TypeVar("_T")
_U = typing.TypeVar("_U")


class LazyIterator(typing.Generic[_T]):
    """An async iterator built lazily from a source, with chainable transformations."""

    __slots__ = ("_make",)

    def __init__(self, make: Callable[[], AsyncGenerator[_T, None]]) -> None:
        self._make = make

    def __aiter__(self) -> AsyncIterator[_T]:
        return self._make()

    def limit(self, count: int) -> LazyIterator[_T]:
        """At most `count` items (and no page fetched beyond them)."""
        if count < 0:
            msg = f"limit must be at least 0, not {count}"
            raise ValueError(msg)
        source = self._make

        async def gen() -> AsyncGenerator[_T, None]:
            if count == 0:
                return
            seen = 0
            async with contextlib.aclosing(source()) as items:
                async for item in items:
                    yield item
                    seen += 1
                    if seen >= count:
                        return

        return LazyIterator(gen)

    def filter(self, predicate: Callable[[_T], bool | Awaitable[bool]]) -> LazyIterator[_T]:
        """Only the items for which `predicate` (sync or async) is true."""
        source = self._make

        async def gen() -> AsyncGenerator[_T, None]:
            async with contextlib.aclosing(source()) as items:
                async for item in items:
                    verdict = predicate(item)
                    if inspect.isawaitable(verdict):
                        verdict = await verdict
                    if verdict:
                        yield item

        return LazyIterator(gen)

    def map(self, fn: Callable[[_T], _U | Awaitable[_U]]) -> LazyIterator[_U]:
        """`fn(item)` (sync or async) for each item."""
        source = self._make

        async def gen() -> AsyncGenerator[_U, None]:
            async with contextlib.aclosing(source()) as items:
                async for item in items:
                    out = fn(item)
                    if inspect.isawaitable(out):
                        out = await out
                    yield typing.cast("_U", out)

        return LazyIterator(gen)

    async def collect(self) -> list[_T]:
        """Every item, in a list."""
        return [item async for item in self]

    async def first(self) -> _T | None:
        """The first item, or `None` when there is none."""
        async with contextlib.aclosing(self.limit(1)._make()) as items:
            async for item in items:
                return item
        return None

    async def count(self) -> int:
        """How many items there are (iterates them all)."""
        total = 0
        async for _ in self:
            total += 1
        return total


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
