"""Exception groups from task groups, turned back into the one error a caller expects.

A task group reports even a single failure as an `ExceptionGroup`. Where a component's own
task group is an implementation detail (a bot's tree, a REST client's background task), its
callers should see the error itself: `except GatewayFatalCloseError:` must work on `start()`.
"""

from __future__ import annotations

import anyio
import anyio.abc

__all__ = ["exit_owned_group", "single_error"]


def single_error(exc: BaseException) -> BaseException:
    """The one error inside `exc` (nested groups flattened, cancellations ignored).

    Returns `exc` itself when it is not a group, or when the group holds no error or several
    (then nothing is hidden).
    """
    if not isinstance(exc, BaseExceptionGroup):
        return exc
    cancelled = anyio.get_cancelled_exc_class()
    leaves: list[BaseException] = []
    pending: list[BaseException] = [exc]
    while pending:
        current = pending.pop()
        if isinstance(current, BaseExceptionGroup):
            pending.extend(current.exceptions)
        elif not isinstance(current, cancelled):
            leaves.append(current)
    return leaves[0] if len(leaves) == 1 else exc


async def exit_owned_group(tg: anyio.abc.TaskGroup, exc: BaseException | None) -> None:
    """Exit `tg`, a task group opened by an `async with` block's `__aenter__`.

    The block's own error propagates by itself (handing it to the group would wrap it in an
    `ExceptionGroup`), so only a cancellation is passed on, for the group to absorb its own;
    an error of the group's tasks is raised as itself (see `single_error`).
    """
    try:
        if isinstance(exc, anyio.get_cancelled_exc_class()):
            await tg.__aexit__(type(exc), exc, exc.__traceback__)
        else:
            await tg.__aexit__(None, None, None)
    except BaseExceptionGroup as group:
        raise single_error(group) from None
