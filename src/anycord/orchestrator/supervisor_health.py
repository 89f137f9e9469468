"""The health of a supervisor process: the Redis `server`, or the local fleet's parent.

A supervisor runs no shard, so its answer is its lifecycle alone (`anycord.bots.health`):
live while its tree runs, ready once it has done what it starts with (published the plan,
launched its workers) and until it stops. Its endpoint is mostly there for `/metrics`.
"""

from __future__ import annotations

import contextlib
import typing

import anyio

from anycord._groups import single_error
from anycord.bots.health import Health, assess
from anycord.bots.lifecycle import LifecycleState

if typing.TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from anycord.bots.health_server import HealthServer

__all__ = ["SupervisorHealth"]


class SupervisorHealth:
    """`STARTING` until `mark_ready()`, then `RUNNING`; `probe()` is what the endpoint serves."""

    __slots__ = ("_state",)

    def __init__(self) -> None:
        self._state = LifecycleState.STARTING

    def mark_ready(self) -> None:
        """The supervisor did what it starts with: `/readyz` answers 200 from now on."""
        self._state = LifecycleState.RUNNING

    def probe(self) -> Health:
        """The supervisor's health now."""
        return assess(self._state)

    @contextlib.asynccontextmanager
    async def serving(self, server: HealthServer | None) -> AsyncIterator[None]:
        """Run the body with `server` (if any) answering `probe()`: it listens before the body
        starts (a bind error raises here) and stops when the body ends. The body's own error
        comes out as itself, not in an exception group."""
        if server is None:
            yield
            return
        try:
            async with anyio.create_task_group() as tg:
                await tg.start(server.run, self.probe)
                yield
                tg.cancel_scope.cancel()
        except BaseExceptionGroup as group:
            raise single_error(group) from None
