"""Read-only mapping views over the cache.

A view wraps one of the cache's dicts and builds a model for each item when it is read,
so iterating keys or testing membership costs nothing, and a listener can never change the
cache through what it reads. Views are live: they reflect later cache changes (take
`dict(view)` for a snapshot). Iterating a view while the cache changes under it is safe
only inside one synchronous stretch of code (there is no await between cache updates and
a listener's code, but there is between two awaits).
"""

from __future__ import annotations

import typing
from collections.abc import Iterator, Mapping

if typing.TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["CacheView", "EmptyCacheView", "KeyedCacheView"]

K = typing.TypeVar("K")
V = typing.TypeVar("V")


class CacheView(Mapping[K, V]):
    """A live, read-only `Mapping` whose values are built from cache records on access."""

    __slots__ = ("_build", "_data", "_keys")

    def __init__(
        self,
        data: Mapping[typing.Any, typing.Any],
        build: Callable[[typing.Any], V],
        keys: typing.Collection[typing.Any] | None = None,
    ) -> None:
        self._data = data
        self._build = build
        self._keys = keys

    def __getitem__(self, key: K) -> V:
        if self._keys is not None and key not in self._keys:
            raise KeyError(key)
        return self._build_item(key, self._data[key])

    def _build_item(self, key: object, record: object) -> V:
        return self._build(record)

    def __contains__(self, key: object) -> bool:
        if self._keys is not None:
            return key in self._keys and key in self._data
        return key in self._data

    def __iter__(self) -> Iterator[K]:
        if self._keys is not None:
            data = self._data
            return iter([k for k in self._keys if k in data])
        return iter(list(self._data))

    def __len__(self) -> int:
        if self._keys is not None:
            data = self._data
            return sum(1 for k in self._keys if k in data)
        return len(self._data)

    def get_item_at(self, index: int) -> V:
        """The value at position `index` in iteration order (`IndexError` when out of range)."""
        return self[list(self)[index]]

    def __repr__(self) -> str:
        return f"{type(self).__name__}(<{len(self)} items>)"


class EmptyCacheView(CacheView[K, V]):
    """The view of a disabled cache component: always empty."""

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__({}, lambda record: record)


class KeyedCacheView(CacheView[K, V]):
    """A `CacheView` whose models are built from each key and its record (records keyed by
    ID need not hold the ID)."""

    __slots__ = ("_build_keyed",)

    def __init__(
        self,
        data: Mapping[typing.Any, typing.Any],
        build: Callable[[typing.Any, typing.Any], V],
        keys: typing.Collection[typing.Any] | None = None,
    ) -> None:
        super().__init__(data, typing.cast("Callable[[typing.Any], V]", None), keys)
        self._build_keyed = build

    def _build_item(self, key: object, record: object) -> V:
        return self._build_keyed(key, record)
