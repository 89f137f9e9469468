"""The automatic defer on HTTP bots: one task per interaction server, not a timer per request.

A handler served over HTTP runs in its request's own task. When it has not answered within
the client's window, the clock defers it: the deferral is written as the HTTP response (from
a short task started for that one interaction), and the handler's later `respond` fills the
"thinking" message. A request registers when its handler starts and cancels when it ends
(`anycord.interactions.deadlines`: O(1), no task switch). The clock's task is a child of the
interaction server's task group; once the server starts closing it ends as soon as no handler
is left waiting for a defer, so closing the bot is not held up by it.
"""

from __future__ import annotations

import logging
import typing

import anyio

from anycord.interactions.deadlines import Deadlines, Entry

if typing.TYPE_CHECKING:
    from anycord.commands.context import Context
    from anycord.interactions.server import InteractionServer

__all__ = ["DeferClock"]

_LOGGER = logging.getLogger("anycord.commands")


class DeferClock:
    """Defers handlers of one interaction server that have not answered within `window` s."""

    __slots__ = ("_deadlines", "_running", "_server", "_tasks", "_window")

    def __init__(self, server: InteractionServer, window: float) -> None:
        self._server = server
        self._window = window
        self._deadlines: Deadlines[Context[typing.Any]] = Deadlines(window, self._fire)
        self._running = False
        self._tasks: anyio.abc.TaskGroup | None = None

    def add(self, ctx: Context[typing.Any]) -> Entry:
        """Watch `ctx` from now; `cancel` the entry when its handler ends."""
        if not self._running:
            self._running = True
            self._server.start_soon(self._run, self._deadlines)
        return self._deadlines.add(ctx)

    cancel = staticmethod(Deadlines.cancel)

    async def _run(self, deadlines: Deadlines[Context[typing.Any]]) -> None:
        try:
            async with anyio.create_task_group() as tasks:
                self._tasks = tasks
                tasks.start_soon(deadlines.run)
                try:
                    await self._server.wait_closing()
                finally:
                    deadlines.close()
        finally:
            self._tasks = None
            if self._deadlines is deadlines:  # a later run of the server starts afresh
                self._deadlines = Deadlines(self._window, self._fire)
                self._running = False

    def _fire(self, ctx: Context[typing.Any]) -> None:
        if not ctx.is_answered and self._tasks is not None:
            self._tasks.start_soon(_defer, ctx)


async def _defer(ctx: Context[typing.Any]) -> None:
    try:
        await ctx.auto_defer()
    except Exception:
        _LOGGER.exception("the automatic defer failed")
