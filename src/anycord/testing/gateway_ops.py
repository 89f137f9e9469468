"""The fake gateway's answers to the client's requests, as plain functions over the world.

`anycord.testing.gateway` moves bytes; these decide what a request gets:

* `PresenceWindow`: op 3 PRESENCE_UPDATE is limited to 5 per 20 s per connection
  (gateway-events.mdx, "Update Presence"). What Discord does beyond that is undocumented; the
  fake drops the excess updates (no close) and `FakeGateway.dropped_presences` records them.
* `guild_members_chunks`: the GUILD_MEMBERS_CHUNK bodies answering op 8.
* `channel_info`: the CHANNEL_INFO body answering op 43 (Request Channel Info): one entry per
  voice or stage channel of the guild, each with the requested `fields` (`status`,
  `voice_start_time`; both when `fields` is missing), read from the channel's payload in the
  world (None when unset). Discord sends it on the shard that owns the guild.
"""

from __future__ import annotations

import collections
import typing

if typing.TYPE_CHECKING:
    from anycord.testing.world import World

__all__ = [
    "CHANNEL_INFO_FIELDS",
    "PRESENCE_LIMIT",
    "PRESENCE_PERIOD",
    "PresenceWindow",
    "channel_info",
    "guild_members_chunks",
]

PRESENCE_LIMIT: typing.Final[int] = 5
"""Presence updates a connection may send per `PRESENCE_PERIOD`."""
PRESENCE_PERIOD: typing.Final[float] = 20.0
CHANNEL_INFO_FIELDS: typing.Final = ("status", "voice_start_time")
_VOICE_TYPES: typing.Final = (2, 13)


class PresenceWindow:
    """At most `limit` presence updates in any `period`-second span (a sliding window)."""

    __slots__ = ("_limit", "_period", "_times")

    def __init__(self, limit: int = PRESENCE_LIMIT, period: float = PRESENCE_PERIOD) -> None:
        self._limit = limit
        self._period = period
        self._times: collections.deque[float] = collections.deque()

    def admit(self, now: float) -> bool:
        """Whether an update at `now` is within the limit (only admitted updates count)."""
        times = self._times
        while times and times[0] <= now - self._period:
            times.popleft()
        if len(times) >= self._limit:
            return False
        times.append(now)
        return True


def guild_members_chunks(
    world: World, gid: int, d: dict[str, typing.Any]
) -> list[dict[str, typing.Any]]:
    """The GUILD_MEMBERS_CHUNK bodies for an op 8 request `d` on guild `gid` (at least one)."""
    members = list(world.members.get(gid, {}).values())
    query, user_ids = d.get("query"), d.get("user_ids")
    if user_ids is not None:
        wanted = {str(u) for u in (user_ids if isinstance(user_ids, list) else [user_ids])}
        members = [m for m in members if str(m["user"]["id"]) in wanted]
    elif isinstance(query, str) and query:
        members = [m for m in members if m["user"]["username"].startswith(query)]
    limit = d.get("limit") or 0
    if limit:
        members = members[:limit]
    chunks = [members[i : i + 1000] for i in range(0, len(members), 1000)] or [[]]
    bodies: list[dict[str, typing.Any]] = []
    for index, chunk in enumerate(chunks):
        body: dict[str, typing.Any] = {
            "guild_id": str(gid),
            "members": chunk,
            "chunk_index": index,
            "chunk_count": len(chunks),
        }
        if d.get("nonce") is not None:
            body["nonce"] = d["nonce"]
        bodies.append(body)
    return bodies


def channel_info(world: World, d: object) -> dict[str, typing.Any] | None:
    """The CHANNEL_INFO body answering op 43 `d`; None when there is nothing to answer (a
    malformed request or a guild the bot is not in: Discord sends nothing then)."""
    if not isinstance(d, dict):
        return None
    try:
        gid = int(d["guild_id"])
    except (KeyError, TypeError, ValueError):
        return None
    if gid not in world.guilds:
        return None
    asked = d.get("fields")
    fields = (
        [f for f in asked if f in CHANNEL_INFO_FIELDS]
        if isinstance(asked, list)
        else list(CHANNEL_INFO_FIELDS)
    )
    channels = [
        {"id": c["id"], **{f: c.get(f) for f in fields}}
        for c in world.channels.values()
        if c.get("guild_id") == str(gid) and c.get("type") in _VOICE_TYPES
    ]
    return {"guild_id": str(gid), "channels": channels}
