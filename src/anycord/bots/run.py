"""The synchronous entry point: `bot.run()` for scripts.

`run_blocking(start, request_close, ...)` runs `start` as the root of a fresh event loop on the
chosen backend, with a signal watcher beside it in the same task group:

* the first SIGINT or SIGTERM asks the component to close gracefully (`request_close()`);
* a second one cancels the whole tree at once (the user really wants out);
* when `start` returns, the watcher is cancelled and the loop ends: nothing is left running.

With `propagate_interrupts=True` the signal that stopped the bot is re-raised afterwards as
`KeyboardInterrupt` (SIGINT) or `SystemExit(128 + signum)` (others), so a supervisor sees how
the process ended; by default a signal-initiated close is a normal, successful exit.

`backend=None` reads the `ANYCORD_BACKEND` environment variable (`asyncio` when unset), so a
script written for hikari (`bot.run()`) can be run under Trio without an edit.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import typing

import anyio

from anycord._groups import single_error
from anycord.errors import ComponentStateConflictError

if typing.TYPE_CHECKING:
    import concurrent.futures
    from collections.abc import Awaitable, Callable

__all__ = ["BACKEND_ENV", "Backend", "resolve_backend", "run_blocking"]

Backend = typing.Literal["asyncio", "trio"]

BACKEND_ENV: typing.Final = "ANYCORD_BACKEND"
"""The environment variable `run()` reads its backend from when none is given."""


def resolve_backend(backend: str | None) -> Backend:
    """`backend`, or the `ANYCORD_BACKEND` environment variable, or `"asyncio"`."""
    chosen = backend if backend is not None else os.environ.get(BACKEND_ENV) or "asyncio"
    if chosen not in ("asyncio", "trio"):
        where = f"the {BACKEND_ENV} environment variable" if backend is None else "backend"
        msg = f"{where} must be 'asyncio' or 'trio', not {chosen!r}"
        raise ValueError(msg)
    return typing.cast("Backend", chosen)


_SIGNALS: typing.Final = tuple(
    sig
    for sig in (getattr(signal, "SIGINT", None), getattr(signal, "SIGTERM", None))
    if sig is not None
)


def run_blocking(
    start: Callable[[], Awaitable[None]],
    request_close: Callable[[], None],
    *,
    backend: Backend | None = None,
    propagate_interrupts: bool = False,
    asyncio_debug: bool = False,
    coroutine_tracking_depth: int | None = None,
    handle_signals: bool = True,
    close_executor: concurrent.futures.Executor | None = None,
) -> None:
    """Run `start()` to completion on a new event loop, turning signals into a graceful close.

    Args:
        start: the component's `start` (it returns after the component closed).
        request_close: asks the component to close (the first signal calls it).
        backend: `"asyncio"`, `"trio"`, or `None` for `resolve_backend`'s choice.
        propagate_interrupts: re-raise the stopping signal after a clean close.
        asyncio_debug: asyncio's debug mode (ignored on Trio).
        coroutine_tracking_depth: `sys.set_coroutine_origin_tracking_depth` while running.
        handle_signals: install the SIGINT/SIGTERM watcher (only possible in the main thread).
        close_executor: shut this executor down (waiting for its work) once the loop has
            ended, however it ended (a bot's `run(close_passed_executor=True)`).
    """
    backend = resolve_backend(backend)
    if handle_signals and _SIGNALS and threading.current_thread() is not threading.main_thread():
        # Python lets only the main thread install signal handlers; say what to do instead of
        # failing inside the event loop with "set_wakeup_fd only works in main thread".
        msg = (
            "run() handles SIGINT/SIGTERM, which Python allows only in the main thread; "
            "pass enable_signal_handlers=False to run it in another thread"
        )
        raise RuntimeError(msg)
    received: list[int] = []

    async def watch_signals(
        tg: anyio.abc.TaskGroup, *, task_status: anyio.abc.TaskStatus[None]
    ) -> None:
        with anyio.open_signal_receiver(*_SIGNALS) as signals:
            task_status.started()
            async for signum in signals:
                received.append(int(signum))
                if len(received) > 1:
                    tg.cancel_scope.cancel()
                    return
                try:
                    request_close()
                except ComponentStateConflictError:
                    # Not started yet or already closed: nothing graceful to do, just stop.
                    tg.cancel_scope.cancel()
                    return

    async def main() -> None:
        if coroutine_tracking_depth is not None:
            # Here, not before the loop starts: asyncio's debug mode sets its own depth then.
            sys.set_coroutine_origin_tracking_depth(coroutine_tracking_depth)
        try:
            async with anyio.create_task_group() as tg:
                if handle_signals and _SIGNALS:
                    await tg.start(watch_signals, tg)
                await start()
                tg.cancel_scope.cancel()
        except BaseExceptionGroup as group:
            # The watcher never fails, so the group holds start()'s error: raise it as is.
            raise single_error(group) from None

    options: dict[str, typing.Any] = {}
    if backend == "asyncio" and asyncio_debug:
        options["debug"] = True
    previous_depth = sys.get_coroutine_origin_tracking_depth()
    try:
        anyio.run(main, backend=backend, backend_options=options)
    finally:
        if coroutine_tracking_depth is not None:
            sys.set_coroutine_origin_tracking_depth(previous_depth)
        if close_executor is not None:
            close_executor.shutdown(wait=True)
    if received and propagate_interrupts:
        signum = received[0]
        if signum == getattr(signal, "SIGINT", None):
            raise KeyboardInterrupt
        raise SystemExit(128 + signum)
