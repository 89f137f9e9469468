"""Discord's snowflake IDs.

A snowflake is a 64-bit integer: milliseconds since the Discord epoch (2015-01-01T00:00:00Z)
in the top 42 bits, then a 5-bit worker id, a 5-bit process id and a 12-bit increment.
`Snowflake` is an `int` subclass, so it hashes, compares and serialises like the integer it
is, and adds the decoded parts as properties.
"""

from __future__ import annotations

import datetime
import typing

__all__ = [
    "DISCORD_EPOCH",
    "SearchableSnowflakeish",
    "Snowflake",
    "Snowflakeish",
    "SnowflakeishOr",
    "SnowflakeishSequence",
    "Unique",
    "calculate_shard_id",
]

DISCORD_EPOCH: typing.Final[int] = 1_420_070_400_000
"""The Discord epoch in milliseconds since the Unix epoch (2015-01-01T00:00:00Z)."""

_MAX: typing.Final[int] = (1 << 64) - 1


class Snowflake(int):
    """A Discord ID. Immutable; equal to and hashed as the integer it wraps."""

    __slots__ = ()

    @property
    def created_at(self) -> datetime.datetime:
        """When this ID was made, as an aware UTC datetime."""
        ms = (self >> 22) + DISCORD_EPOCH
        return datetime.datetime.fromtimestamp(ms / 1000, tz=datetime.UTC)

    @property
    def timestamp(self) -> int:
        """Milliseconds since the Discord epoch."""
        return self >> 22

    @property
    def internal_worker_id(self) -> int:
        """The 5-bit internal worker id."""
        return (self & 0x3E0000) >> 17

    worker_id = internal_worker_id

    @property
    def internal_process_id(self) -> int:
        """The 5-bit internal process id."""
        return (self & 0x1F000) >> 12

    process_id = internal_process_id

    @property
    def increment(self) -> int:
        """The 12-bit increment."""
        return self & 0xFFF

    @classmethod
    def from_datetime(cls, timestamp: datetime.datetime) -> Snowflake:
        """The smallest snowflake made at `timestamp` (naive datetimes are taken as UTC).

        Useful as a pagination bound (`before=`/`after=`). Raises `ValueError` before the
        Discord epoch.
        """
        if timestamp.tzinfo is None:
            timestamp = timestamp.replace(tzinfo=datetime.UTC)
        ms = int(timestamp.timestamp() * 1000) - DISCORD_EPOCH
        if ms < 0:
            msg = f"{timestamp.isoformat()} is before the Discord epoch (2015-01-01)"
            raise ValueError(msg)
        return cls.from_data(ms, 0, 0, 0)

    @classmethod
    def from_data(
        cls, timestamp_ms: int, worker_id: int, process_id: int, increment: int
    ) -> Snowflake:
        """Build a snowflake from its parts; `timestamp_ms` counts from the Discord epoch."""
        if not (0 <= worker_id < 32 and 0 <= process_id < 32 and 0 <= increment < 4096):
            msg = "worker_id and process_id must be in 0..31 and increment in 0..4095"
            raise ValueError(msg)
        if not 0 <= timestamp_ms < (1 << 42):
            msg = "timestamp_ms must fit in 42 bits"
            raise ValueError(msg)
        return cls((timestamp_ms << 22) | (worker_id << 17) | (process_id << 12) | increment)

    @classmethod
    def min(cls) -> Snowflake:
        """The smallest possible snowflake (0)."""
        return _MIN_SNOWFLAKE

    @classmethod
    def max(cls) -> Snowflake:
        """The largest possible snowflake (2**64 - 1)."""
        return _MAX_SNOWFLAKE


_MIN_SNOWFLAKE: typing.Final = Snowflake(0)
_MAX_SNOWFLAKE: typing.Final = Snowflake(_MAX)


@typing.runtime_checkable
class Unique(typing.Protocol):
    """Anything with a snowflake `id`."""

    @property
    def id(self) -> Snowflake:
        """The object's ID."""
        ...


Snowflakeish = Snowflake | int | str
"""Anything an API argument accepts as an ID: a snowflake, an int, or its decimal string."""

SnowflakeishOr = typing.Union[Unique, Snowflakeish]  # noqa: UP007
"""An object with an `id`, or an ID."""

SearchableSnowflakeish = Snowflakeish | datetime.datetime
"""An ID, or a datetime turned into the first ID of that instant (for pagination bounds)."""

SnowflakeishSequence = typing.Collection[SnowflakeishOr]
"""Several IDs or objects with IDs."""


def calculate_shard_id(shard_count: int, guild: SnowflakeishOr) -> int:
    """The shard that receives events for `guild`: `(guild_id >> 22) % shard_count`."""
    if shard_count < 1:
        msg = "shard_count must be at least 1"
        raise ValueError(msg)
    guild_id = int(guild.id) if isinstance(guild, Unique) else int(guild)
    return (guild_id >> 22) % shard_count


def to_snowflake(value: SnowflakeishOr) -> Snowflake:
    """Turn an ID-like value (object with `id`, int or numeric string) into a `Snowflake`.

    Raises `TypeError` for anything else and `ValueError` for a string that is not a number
    or a value outside 0..2**64-1.
    """
    if isinstance(value, Snowflake):
        return value
    if isinstance(value, bool):
        msg = "a bool is not a snowflake"
        raise TypeError(msg)
    if isinstance(value, int):
        result = value
    elif isinstance(value, str):
        result = int(value)
    elif isinstance(value, Unique):
        return to_snowflake(value.id)
    else:
        msg = f"expected a snowflake, int, str or object with an id, not {type(value).__name__}"
        raise TypeError(msg)
    if not 0 <= result <= _MAX:
        msg = f"{result} is outside the snowflake range"
        raise ValueError(msg)
    return Snowflake(result)


SearchableSnowflakeishOr = SnowflakeishOr | datetime.datetime
"""An object, an ID, or a time (for paging by time): hikari's `SearchableSnowflakeishOr`."""
