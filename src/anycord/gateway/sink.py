"""`ShardEventSink`: where a shard delivers what it receives (the bot's event manager)."""

from __future__ import annotations

import typing

if typing.TYPE_CHECKING:
    from collections.abc import Awaitable

    from anycord.gateway.shard import GatewayShard

__all__ = ["ShardEventSink"]


class ShardEventSink(typing.Protocol):
    """The consumer of one or more shards."""

    def deliver_dispatch(
        self, shard: GatewayShard, name: str, payload: dict[str, typing.Any]
    ) -> Awaitable[None] | None:
        """Every op-0 dispatch (READY and RESUMED included), in sequence order; `payload` is `d`.

        Called by the shard's reader, which awaits what it returns (if not `None`) before the
        next dispatch: a sink that returns an awaitable pauses reading (backpressure).
        Heartbeats continue meanwhile and a paused reader never causes a zombie reconnect.
        A plain function, not a coroutine, so that a dispatch the sink handles at once costs
        no coroutine (the reader's hot path).
        """
        ...

    async def on_shard_connected(self, shard: GatewayShard) -> None:
        """After READY or RESUMED was delivered; awaited by the reader."""
        ...

    async def on_shard_disconnected(self, shard: GatewayShard) -> None:
        """After a connection that had completed its handshake closed (shielded, bounded)."""
        ...
