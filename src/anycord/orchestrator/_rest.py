"""`running_rest`: a REST client for the orchestrator's parents (supervisor, local parent).

The client runs as a child task of the caller's own task group (`tg.start(rest.run)`), and
leaving the block cancels that group, so the client closes in the task that opened it whether
the block ends normally, with an error or by cancellation. Nothing awaits before the group is
exited, so a cancellation cannot leave the group's cancel scope open on the caller's task.
"""

from __future__ import annotations

import contextlib
import typing

import anyio

from anycord.bots.gateway_bot import _unwrap
from anycord.rest.client import RESTClient

if typing.TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from anycord.config import HTTPSettings

__all__ = ["running_rest"]


@contextlib.asynccontextmanager
async def running_rest(
    token: str, *, rest_url: str | None = None, http_settings: HTTPSettings | None = None
) -> AsyncIterator[RESTClient]:
    """A running bot-token `RESTClient` for the block; an error in the block propagates as
    itself (not wrapped in an exception group)."""
    rest = RESTClient(token, "Bot", rest_url=rest_url, http_settings=http_settings)
    try:
        async with anyio.create_task_group() as tg:
            await tg.start(rest.run)
            try:
                yield rest
            finally:
                tg.cancel_scope.cancel()
    except BaseExceptionGroup as group:
        raise _unwrap(group) from None
