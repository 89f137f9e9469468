"""`TypingIndicator`: what `RESTClient.trigger_typing` returns, awaited or entered.

```python
await rest.trigger_typing(channel)            # one request: typing for about 10 seconds
async with rest.trigger_typing(channel):      # typing until the block ends
    await render_the_image()
```

Discord shows the indicator for about 10 seconds after each request (resources/channel.mdx,
Trigger Typing Indicator), so inside `async with` it is sent again every 9 seconds by a
task in a task group that belongs to the `async with` block alone; leaving the block (even by
an error or a cancellation) cancels that task. The first request is made on entry, so a
missing permission raises there; a later refresh that fails is logged and ends the refreshes
without disturbing the block.
"""

from __future__ import annotations

import logging
import typing

import anyio

from anycord import errors
from anycord._groups import exit_owned_group

if typing.TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Generator
    from types import TracebackType

__all__ = ["TYPING_REFRESH", "TypingIndicator"]

_LOGGER = logging.getLogger("anycord.rest")

TYPING_REFRESH: typing.Final = 9.0
"""Seconds between two typing requests inside `async with` (Discord's indicator lasts ~10)."""


class TypingIndicator:
    """Awaitable (one typing request) and an async context manager (typing until exit)."""

    __slots__ = ("_send", "_tg")

    def __init__(self, send: Callable[[], Awaitable[None]]) -> None:
        self._send = send
        self._tg: anyio.abc.TaskGroup | None = None

    def __await__(self) -> Generator[typing.Any, None, None]:
        return self._send().__await__()

    async def _keep_typing(self) -> None:
        while True:
            await anyio.sleep(TYPING_REFRESH)
            try:
                await self._send()
            except errors.AnycordError as exc:
                _LOGGER.warning("typing indicator refresh failed, not retrying: %s", exc)
                return

    async def __aenter__(self) -> None:
        if self._tg is not None:
            msg = "this typing indicator is already entered"
            raise errors.ComponentStateConflictError(msg)
        await self._send()
        tg = anyio.create_task_group()
        await tg.__aenter__()
        tg.start_soon(self._keep_typing, name="anycord.rest.typing")
        self._tg = tg

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        tg, self._tg = self._tg, None
        if tg is None:
            return
        tg.cancel_scope.cancel()
        await exit_owned_group(tg, exc)
