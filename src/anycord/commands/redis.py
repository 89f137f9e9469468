"""Cooldowns on Redis/Valkey (the `redis` extra, `coredis`), shared by every process of a fleet.

```python
from anycord.orchestrator.redis import connect_redis

async with connect_redis("redis://cache:6379") as redis:
    client = CommandClient(cooldown_store=RedisCooldownStore(redis))
```

One Lua script per use (atomic on the server, one round trip): a fixed window per bucket
key, counted with `INCR` and expired with `PEXPIRE`, so every process sees the same count
and the window ends on the server's clock. Keys are `<namespace>:<command>:<bucket>`.
"""

from __future__ import annotations

import typing

if typing.TYPE_CHECKING:
    import coredis

__all__ = ["RedisCooldownStore"]

_HIT: typing.Final = """
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
if n <= tonumber(ARGV[2]) then return 0 end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return ttl
"""


class RedisCooldownStore:
    """A `CooldownStore` on a Redis/Valkey server; `client` is an entered `coredis.Redis`
    (the caller owns its lifetime)."""

    __slots__ = ("_namespace", "_script")

    def __init__(
        self, client: coredis.Redis[bytes], *, namespace: str = "anycord:cooldowns"
    ) -> None:
        self._namespace = namespace
        self._script = client.register_script(_HIT)

    async def hit(self, key: str, rate: int, per: float) -> float:
        """Count one use of `key`; 0 when allowed, else seconds until the window ends."""
        wait_ms: typing.Any = await self._script(
            keys=[f"{self._namespace}:{key}"], args=[max(1, int(per * 1000)), rate]
        )
        return int(wait_ms) / 1000
