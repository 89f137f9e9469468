"""The lifecycle every anycord component shares, derived from its task tree.

```
NOT_STARTED ──start()──▶ STARTING ──ready──▶ RUNNING ──close()──▶ CLOSING ──tree exits──▶ CLOSED
                               │                                        ▲        │
                               └──────────────close() / error───────────┘        └─▶ start() again
```

State is not a set of flags that can disagree with reality: `STARTING`/`RUNNING`/`CLOSING` are
only possible while `running()` is entered, which is while the component's task group is
alive, and `CLOSED` is set in that context manager's exit, which runs however the tree ends
(return, error or cancellation). So `is_alive` is exactly "the tree is running", and `join()`
returns exactly when it has exited.

`request_close()` does not cancel anything itself: it wakes `wait_for_close_request()`, where
the component runs its graceful phase and then leaves its task group. Components that need a
hard stop cancel their own scope after their graceful phase (with a deadline).
"""

from __future__ import annotations

import contextlib
import enum
import typing

import anyio

from anycord.errors import ComponentStateConflictError

if typing.TYPE_CHECKING:
    from collections.abc import AsyncIterator

__all__ = ["Lifecycle", "LifecycleState"]


class LifecycleState(enum.Enum):
    """Where a component is in its life."""

    NOT_STARTED = "not started"
    STARTING = "starting"
    RUNNING = "running"
    CLOSING = "closing"
    CLOSED = "closed"


class Lifecycle:
    """The state machine above, for one component (a bot, a REST client, a server)."""

    __slots__ = ("_close_requested", "_closed", "_error", "_name", "_state")

    def __init__(self, name: str) -> None:
        self._name = name
        self._state = LifecycleState.NOT_STARTED
        self._close_requested = anyio.Event()
        self._closed = anyio.Event()
        self._error: BaseException | None = None

    def __repr__(self) -> str:
        return f"<Lifecycle {self._name}: {self._state.value}>"

    @property
    def state(self) -> LifecycleState:
        """The current state."""
        return self._state

    @property
    def is_alive(self) -> bool:
        """Whether the component's tree is running (starting, running or closing)."""
        return self._state in (
            LifecycleState.STARTING,
            LifecycleState.RUNNING,
            LifecycleState.CLOSING,
        )

    @property
    def is_closing(self) -> bool:
        """Whether a close was requested and the tree has not exited yet."""
        return self._state is LifecycleState.CLOSING

    @property
    def error(self) -> BaseException | None:
        """The exception that ended the last run, if it ended with one (cancellation excluded)."""
        return self._error

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        """Mark the body as the component's live tree.

        Raises `ComponentStateConflictError` when the component is already alive. On exit,
        however it happens, the state becomes `CLOSED` and `join()` waiters are released.
        """
        if self.is_alive:
            msg = f"{self._name} is already {self._state.value}; close it before starting it again"
            raise ComponentStateConflictError(msg)
        self._state = LifecycleState.STARTING
        self._close_requested = anyio.Event()
        self._closed = anyio.Event()
        self._error = None
        try:
            yield
        except anyio.get_cancelled_exc_class():
            raise
        except BaseException as exc:
            self._error = exc
            raise
        finally:
            self._state = LifecycleState.CLOSED
            self._closed.set()

    def mark_ready(self) -> None:
        """STARTING → RUNNING (no-op if a close was requested meanwhile)."""
        if self._state is LifecycleState.STARTING:
            self._state = LifecycleState.RUNNING
        elif self._state is not LifecycleState.CLOSING:
            msg = f"{self._name} cannot become ready while {self._state.value}"
            raise ComponentStateConflictError(msg)

    async def wait_for_close_request(self) -> None:
        """Return once `request_close()` has been called during this run."""
        await self._close_requested.wait()

    def request_close(self) -> None:
        """Ask the running tree to close gracefully; idempotent while closing.

        Raises `ComponentStateConflictError` when the component is not alive.
        """
        if not self.is_alive:
            msg = f"{self._name} is not running ({self._state.value}); nothing to close"
            raise ComponentStateConflictError(msg)
        self._state = LifecycleState.CLOSING
        self._close_requested.set()

    async def join(self) -> None:
        """Wait until the tree has exited.

        Raises `ComponentStateConflictError` when the component was never started.
        Returns at once when it has already closed.
        """
        if self._state is LifecycleState.NOT_STARTED:
            msg = f"{self._name} was never started; nothing to join"
            raise ComponentStateConflictError(msg)
        await self._closed.wait()
