"""What GET /gateway and GET /gateway/bot say: the gateway URL, the recommended shard
count and the session start limit (events/gateway.mdx "Get Gateway Bot").
"""

from __future__ import annotations

import datetime

import attrs

__all__ = ["GatewayBotInfo", "GatewayInfo", "SessionStartLimit"]


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class SessionStartLimit:
    """How many more IDENTIFYs the bot may send today, and how many at once.

    `reset_after` comes from Discord in milliseconds.
    """

    total: int
    remaining: int
    reset_after: datetime.timedelta
    max_concurrency: int = 1
    reset_at: datetime.datetime = attrs.field(init=False, eq=False)
    """When the window resets (UTC): `reset_after` from when this was decoded or made."""

    def __attrs_post_init__(self) -> None:
        self.reset_at = datetime.datetime.now(datetime.UTC) + self.reset_after

    @property
    def used(self) -> int:
        """Sessions started in the current window."""
        return self.total - self.remaining


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class GatewayInfo:
    """GET /gateway: the gateway URL."""

    url: str


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class GatewayBotInfo:
    """GET /gateway/bot: URL, recommended shard count and session start limit."""

    url: str
    shard_count: int
    session_start_limit: SessionStartLimit
