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
* `voice_answers`: what op 4 VOICE_STATE_UPDATE gets on the guild's shard: the bot's own
  VOICE_STATE_UPDATE (its `session_id` is what a voice connection logs in with) and, for a
  join or a move, a VOICE_SERVER_UPDATE with the voice server's token and endpoint.
* `encode_message`: one websocket message, split into `frame_size` fragments when set.
"""

from __future__ import annotations

import collections
import secrets
import typing

from wsproto.events import BytesMessage, Message, TextMessage

if typing.TYPE_CHECKING:
    from wsproto import WSConnection

    from anycord.testing.world import World

__all__ = [
    "CHANNEL_INFO_FIELDS",
    "PRESENCE_LIMIT",
    "PRESENCE_PERIOD",
    "PresenceWindow",
    "channel_info",
    "encode_message",
    "guild_members_chunks",
    "voice_answers",
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


def voice_answers(
    world: World | None, d: typing.Mapping[str, typing.Any], bot_id: int, session_id: str | None
) -> list[tuple[str, dict[str, typing.Any]]]:
    """The dispatches answering an op 4 payload `d` for a guild of the bot's."""
    gid, channel = int(d["guild_id"]), d.get("channel_id")
    state: dict[str, typing.Any] = {
        "guild_id": str(gid),
        "channel_id": None if channel is None else str(channel),
        "user_id": str(bot_id),
        "session_id": session_id,
        "deaf": False,
        "mute": False,
        "self_deaf": bool(d.get("self_deaf")),
        "self_mute": bool(d.get("self_mute")),
        "self_video": False,
        "suppress": False,
        "request_to_speak_timestamp": None,
    }
    member = world.members.get(gid, {}).get(bot_id) if world is not None else None
    if member is not None:
        state["member"] = member
    answers = [("VOICE_STATE_UPDATE", state)]
    if channel is not None:
        server = {"token": secrets.token_hex(8), "guild_id": str(gid), "endpoint": "voice.test"}
        answers.append(("VOICE_SERVER_UPDATE", server))
    return answers


def encode_message(ws: WSConnection, data: bytes | str, frame_size: int | None) -> bytes:
    """`data` as one websocket message (bytes: binary, str: text), in `frame_size` pieces."""
    if not frame_size or len(data) <= frame_size:
        return ws.send(BytesMessage(data) if isinstance(data, bytes) else TextMessage(data))
    out = bytearray()
    for start in range(0, len(data), frame_size):
        piece = data[start : start + frame_size]
        last = start + frame_size >= len(data)
        message: Message[typing.Any] = (
            BytesMessage(piece, message_finished=last)
            if isinstance(piece, bytes)
            else TextMessage(piece, message_finished=last)
        )
        out += ws.send(message)
    return bytes(out)
