"""Checks, cooldowns and concurrency limits.

A check is `async def check(ctx) -> bool` (or a plain function): false, or a raised
`CheckFailure`, refuses the invocation and the user sees the failure's message. A cooldown
allows `rate` invocations per `per` seconds for each key (user, member, channel, guild or
everyone); its counters live in a `CooldownStore`: `MemoryCooldownStore` in the process, or
`anycord.commands.redis.RedisCooldownStore` so that every process of a fleet shares them.
"""

from __future__ import annotations

import inspect
import typing

import anyio
import attrs

from anycord.errors import CheckFailure, MaxConcurrencyError
from anycord.permissions import Permissions

if typing.TYPE_CHECKING:
    from collections.abc import Awaitable

    from anycord.commands.context import Context

__all__ = [
    "BucketKey",
    "Check",
    "Cooldown",
    "CooldownStore",
    "MaxConcurrency",
    "MemoryCooldownStore",
    "bot_has_permissions",
    "bucket_of",
    "dm_only",
    "guild_only",
    "has_permissions",
    "owner_only",
    "run_check",
]

Check = typing.Callable[["Context[typing.Any]"], "Awaitable[bool] | bool"]
"""A check: true lets the invocation run."""
BucketKey = typing.Literal["user", "member", "channel", "guild", "global"]


def bucket_of(ctx: Context[typing.Any], key: BucketKey) -> str:
    """The bucket an invocation falls in (in DMs, `member`/`guild` fall back to user/channel)."""
    interaction = ctx.interaction
    if key == "user":
        return f"u{interaction.user.id}"
    if key == "member":
        return f"m{interaction.guild_id or 0}:{interaction.user.id}"
    if key == "channel":
        return f"c{interaction.channel_id}"
    if key == "guild":
        gid = interaction.guild_id
        return f"g{gid}" if gid is not None else f"c{interaction.channel_id}"
    return "global"


async def run_check(check: Check, ctx: Context[typing.Any]) -> None:
    """Run one check; raise `CheckFailure` when it says no."""
    result = check(ctx)
    if inspect.isawaitable(result):
        result = await result
    if not result:
        raise CheckFailure("You cannot use this here.")


def guild_only() -> Check:
    """Only in guilds."""

    def check(ctx: Context[typing.Any]) -> bool:
        if ctx.guild_id is None:
            raise CheckFailure("This can only be used in a server.")
        return True

    return check


def dm_only() -> Check:
    """Only in direct messages."""

    def check(ctx: Context[typing.Any]) -> bool:
        if ctx.guild_id is not None:
            raise CheckFailure("This can only be used in direct messages.")
        return True

    return check


def owner_only() -> Check:
    """Only the application's owners (`CommandClient(owner_ids=...)`, else the application's
    owner or team members, fetched once)."""

    async def check(ctx: Context[typing.Any]) -> bool:
        owners = await ctx.client.owner_ids(ctx.rest)
        if ctx.user.id not in owners:
            raise CheckFailure("Only the bot's owners can use this.")
        return True

    return check


def _missing(have: Permissions | None, need: Permissions) -> Permissions:
    if have is None:
        return need
    if have & Permissions.ADMINISTRATOR:
        return Permissions.NONE
    return Permissions(need & ~have)


def _names(perms: Permissions) -> str:
    return ", ".join(sorted(p.name or "?" for p in Permissions if p & perms and p.name))


def has_permissions(permissions: Permissions) -> Check:
    """The invoking member has these permissions in the channel (guilds only)."""

    def check(ctx: Context[typing.Any]) -> bool:
        member = ctx.member
        missing = _missing(member.permissions if member is not None else None, permissions)
        if missing:
            raise CheckFailure(f"You need these permissions: {_names(missing)}.")
        return True

    return check


def bot_has_permissions(permissions: Permissions) -> Check:
    """The bot has these permissions in the channel (from the interaction's `app_permissions`)."""

    def check(ctx: Context[typing.Any]) -> bool:
        missing = _missing(ctx.interaction.app_permissions, permissions)
        if missing:
            raise CheckFailure(f"I need these permissions: {_names(missing)}.")
        return True

    return check


# -- cooldowns ---------------------------------------------------------------------------------


class CooldownStore(typing.Protocol):
    """Where cooldown counters live."""

    async def hit(self, key: str, rate: int, per: float) -> float:
        """Count one use of `key`; return 0 when allowed, else seconds until it is."""
        ...


class MemoryCooldownStore:
    """Fixed windows in this process, on the AnyIO clock (virtual clocks apply)."""

    __slots__ = ("_windows",)

    def __init__(self) -> None:
        self._windows: dict[str, tuple[float, int]] = {}

    async def hit(self, key: str, rate: int, per: float) -> float:
        """Count one use of `key` (see `CooldownStore.hit`)."""
        now = anyio.current_time()
        windows = self._windows
        ends, count = windows.get(key, (0.0, 0))
        if now >= ends:
            if len(windows) > 10_000:
                for stale in [k for k, (end, _) in windows.items() if end <= now]:
                    del windows[stale]
            ends, count = now + per, 0
        if count >= rate:
            return ends - now
        windows[key] = (ends, count + 1)
        return 0.0


@attrs.frozen
class Cooldown:
    """`rate` uses per `per` seconds for each `key` bucket."""

    rate: int
    per: float
    key: BucketKey = "user"

    def __attrs_post_init__(self) -> None:
        if self.rate < 1 or not self.per > 0:
            msg = f"a cooldown needs rate >= 1 and per > 0, got {self.rate} per {self.per}"
            raise ValueError(msg)


@attrs.define
class MaxConcurrency:
    """At most `limit` runs at once for each `key` bucket (in this process)."""

    limit: int
    key: BucketKey = "global"
    _running: dict[str, int] = attrs.field(factory=dict, init=False, repr=False)

    def enter(self, ctx: Context[typing.Any]) -> str:
        """Take a slot (`MaxConcurrencyError` when none is free); returns the bucket to `leave`."""
        bucket = bucket_of(ctx, self.key)
        count = self._running.get(bucket, 0)
        if count >= self.limit:
            raise MaxConcurrencyError("This is already running; try again when it has finished.")
        self._running[bucket] = count + 1
        return bucket

    def leave(self, bucket: str) -> None:
        """Give the slot back."""
        count = self._running.get(bucket, 1) - 1
        if count:
            self._running[bucket] = count
        else:
            self._running.pop(bucket, None)
