"""Handler tasks on an HTTP bot whose transport cannot answer early, kept and reused.

The built-in server and `AsgiAdapter` let a handler answer early and run in its request's
task (`InteractionServer.responder`); only a transport that calls `on_interaction` without
`write=` uses these workers, kept in the interaction server's task group.

Starting a task per interaction costs more CPU than the rest of the command layer together
(measured by `benchmarks/commands.py`); a waiting worker costs one memory-stream send. The
pool grows whenever every worker is busy (one new worker per job no idle worker can take,
so a slow handler never delays another), and its workers end when the server starts
closing: idle ones at once, busy ones when their handler returns or when the server's
shutdown deadline cancels it. Every worker is a child of the server's task group.

Context variables set by one handler can be seen by a later handler on the same worker;
handlers should not rely on a fresh context.
"""

from __future__ import annotations

import math
import typing

import anyio

if typing.TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from anyio.streams.memory import MemoryObjectReceiveStream, MemoryObjectSendStream

    from anycord.interactions.server import InteractionServer

__all__ = ["Workers"]

Job = typing.Callable[[], "Awaitable[None]"]


class Workers:
    """A growing pool of handler tasks in one interaction server's task group."""

    __slots__ = ("_idle", "_queued", "_receive", "_send", "_server")

    def __init__(self, server: InteractionServer) -> None:
        self._server = server
        self._send: MemoryObjectSendStream[Job] | None = None
        self._receive: MemoryObjectReceiveStream[Job] | None = None
        self._idle = 0
        self._queued = 0

    def submit(self, job: Callable[[], Awaitable[None]]) -> None:
        """Run `await job()` on a worker (a new one if none is free)."""
        send = self._send
        if send is None:
            send, self._receive = anyio.create_memory_object_stream[Job](math.inf)
            self._send = send
            self._server.start_soon(self._close_when_server_closes, send, self._receive)
        self._queued += 1
        if self._idle < self._queued:
            assert self._receive is not None
            self._server.start_soon(self._work, self._receive.clone())
        send.send_nowait(job)

    async def _close_when_server_closes(
        self, send: MemoryObjectSendStream[Job], receive: MemoryObjectReceiveStream[Job]
    ) -> None:
        try:
            await self._server.wait_closing()
        finally:
            if self._send is send:
                self._send = self._receive = None
                self._idle = self._queued = 0
            send.close()
            receive.close()  # each worker holds its own clone

    async def _work(self, receive: MemoryObjectReceiveStream[Job]) -> None:
        with receive:
            while True:
                self._idle += 1
                try:
                    job = await receive.receive()
                except anyio.EndOfStream:
                    return
                finally:
                    self._idle -= 1
                self._queued -= 1
                await job()
