"""Exception groups from task groups, turned back into the one error a caller expects.

A task group reports even a single failure as an `ExceptionGroup`. Where a component's own
task group is an implementation detail (a bot's tree, a REST client's background task), its
callers should see the error itself: `except GatewayFatalCloseError:` must work on `start()`.
"""

from __future__ import annotations

import anyio

__all__ = ["single_error"]


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
