"""Virtual time for tests, under both AnyIO backends.

A test module that wants heartbeats, backoff, identify windows or rate-limit windows to run
instantly writes::

    from tests.virtual_clock import virtual_time_backends

    @pytest.fixture(params=virtual_time_backends())
    def anyio_backend(request: pytest.FixtureRequest) -> object:
        return request.param

Then ``await anyio.sleep(3600)`` returns at once in real time while ``anyio.current_time()``
advances by exactly 3600, ``fail_after`` fires at the right virtual instant, and loopback
sockets keep working.

- **trio**: ``trio.testing.MockClock(autojump_threshold=0)``, passed as the ``clock`` option.
- **asyncio**: :class:`VirtualTimeEventLoop`, a ``SelectorEventLoop`` whose ``time()`` is virtual.
  Whenever the loop would block in ``select`` with a timeout, the selector is first polled with
  timeout 0; if nothing is ready, virtual time jumps to the next timer instead of sleeping. With no
  timer scheduled the loop blocks for real (it is waiting for I/O or another thread).

Both clocks jump as soon as every task is blocked, exactly like trio's autojump with threshold
0: work running in a worker thread does not hold virtual time back.

This module lives in ``tests/`` because ``src/`` never imports asyncio or trio (rule 1). The
backend modules are imported only inside the functions that build each backend's options.
"""

from __future__ import annotations

import selectors
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    import asyncio
    from collections.abc import Callable, Mapping

__all__ = [
    "VirtualTimeSelector",
    "asyncio_virtual_options",
    "new_virtual_event_loop",
    "trio_virtual_options",
    "virtual_time_backends",
]


class VirtualTimeSelector(selectors.BaseSelector):
    """A selector that never sleeps while a timer is pending: it advances virtual time instead.

    ``advance(seconds)`` is called with the timeout the loop asked for whenever a real poll
    with timeout 0 finds nothing ready.
    """

    def __init__(self, inner: selectors.BaseSelector, advance: Callable[[float], None]) -> None:
        self._inner = inner
        self._advance = advance

    def register(self, fileobj: Any, events: int, data: Any = None) -> selectors.SelectorKey:
        return self._inner.register(fileobj, events, data)

    def unregister(self, fileobj: Any) -> selectors.SelectorKey:
        return self._inner.unregister(fileobj)

    def modify(self, fileobj: Any, events: int, data: Any = None) -> selectors.SelectorKey:
        return self._inner.modify(fileobj, events, data)

    def select(self, timeout: float | None = None) -> list[tuple[selectors.SelectorKey, int]]:
        if timeout is None:
            # No timer pending: only I/O or another thread can wake the loop; wait for real.
            return self._inner.select(None)
        ready = self._inner.select(0)
        if ready or timeout <= 0:
            return ready
        self._advance(timeout)
        return []

    def close(self) -> None:
        self._inner.close()

    def get_key(self, fileobj: Any) -> selectors.SelectorKey:
        return self._inner.get_key(fileobj)

    def get_map(self) -> Mapping[Any, selectors.SelectorKey]:
        return self._inner.get_map()


def new_virtual_event_loop() -> asyncio.AbstractEventLoop:
    """Build an asyncio event loop whose clock is virtual (starts at 0.0) and auto-jumps."""
    import asyncio

    class VirtualTimeEventLoop(asyncio.SelectorEventLoop):
        """A ``SelectorEventLoop`` whose ``time()`` is moved by its selector."""

        def __init__(self) -> None:
            self._virtual_now = 0.0
            super().__init__(VirtualTimeSelector(selectors.DefaultSelector(), self._jump))

        def _jump(self, seconds: float) -> None:
            self._virtual_now += seconds

        def time(self) -> float:
            return self._virtual_now

    return VirtualTimeEventLoop()


def asyncio_virtual_options() -> dict[str, Any]:
    """anyio backend options for asyncio with virtual time (a fresh loop per runner)."""
    return {"loop_factory": new_virtual_event_loop}


def trio_virtual_options() -> dict[str, Any]:
    """anyio backend options for trio with virtual time (``MockClock`` jumping at once)."""
    from trio.testing import MockClock

    return {"clock": MockClock(autojump_threshold=0)}


def virtual_time_backends() -> list[Any]:
    """``anyio_backend`` params with virtual time: ids ``asyncio-virtual``, ``trio-virtual``."""
    return [
        pytest.param(("asyncio", asyncio_virtual_options()), id="asyncio-virtual"),
        pytest.param(("trio", trio_virtual_options()), id="trio-virtual"),
    ]
