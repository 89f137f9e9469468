"""The fake gateway's rules as plain state: no sockets, no sleeping, the clock passed in.

`anycord.testing.gateway` moves bytes; everything it decides comes from here:

* `ZlibStreamDeflater` / `ZstdStreamDeflater`: one compression context per connection, each
  message flushed so the client can decode it at once (zlib: `Z_SYNC_FLUSH`, so every message
  ends with `00 00 ff ff`; zstd: a flushed block that never ends the frame), as Discord does.
* `SendWindow`: Discord's 120 payloads per 60 s per connection, as a sliding window (every 60 s
  span is checked, so a client that passes here passes whatever alignment Discord uses).
* `IdentifyGate`: `max_concurrency` buckets (`shard_id % max_concurrency`, one IDENTIFY per
  bucket per 5 s) and the daily session-start budget, reset 24 h after the first start.
* `check_identify` / `check_resume`: the documented close codes for a bad IDENTIFY or RESUME.
* `GatewaySession`: a session's sequence numbers and its bounded replay buffer.
* `event_intent` / `strip_message_content`: which intent an event needs, and the fields a guild
  message loses without MESSAGE_CONTENT.
"""

from __future__ import annotations

import collections
import itertools
import typing
import zlib

import attrs
import orjson

from anycord.intents import Intents

__all__ = [
    "DAY",
    "IDENTIFY_WINDOW",
    "MAX_PAYLOAD_SIZE",
    "Deflater",
    "GatewaySession",
    "IdentifyGate",
    "IdentifyVerdict",
    "Rejection",
    "SendWindow",
    "ZlibStreamDeflater",
    "ZstdStreamDeflater",
    "check_identify",
    "check_query",
    "check_resume",
    "dispatch_frame",
    "event_intent",
    "make_deflater",
    "strip_message_content",
]

MAX_PAYLOAD_SIZE: typing.Final[int] = 4096
"""Largest payload a client may send (bytes); bigger closes with 4002."""
IDENTIFY_WINDOW: typing.Final[float] = 5.0
"""Seconds during which one `max_concurrency` bucket accepts one IDENTIFY."""
DAY: typing.Final[float] = 86400.0
"""The session-start budget's period, in seconds."""
MAX_GUILDS_PER_SHARD: typing.Final[int] = 2500


class Deflater(typing.Protocol):
    """One connection's transport compression context."""

    def compress(self, data: bytes) -> bytes:
        """Compress one whole message so that it decodes at once (after the earlier ones)."""
        ...


class ZlibStreamDeflater:
    """`compress=zlib-stream`: one deflate stream, each message ends with a sync flush."""

    __slots__ = ("_deflater",)

    def __init__(self) -> None:
        self._deflater = zlib.compressobj()

    def compress(self, data: bytes) -> bytes:
        return self._deflater.compress(data) + self._deflater.flush(zlib.Z_SYNC_FLUSH)


class ZstdStreamDeflater:
    """`compress=zstd-stream`: one zstd frame per connection, a flushed block per message."""

    __slots__ = ("_flush_block", "_stream")

    def __init__(self) -> None:
        import zstandard

        self._stream = zstandard.ZstdCompressor().compressobj()
        self._flush_block: int = zstandard.COMPRESSOBJ_FLUSH_BLOCK

    def compress(self, data: bytes) -> bytes:
        return self._stream.compress(data) + self._stream.flush(self._flush_block)


def make_deflater(compress: str | None) -> Deflater | None:
    """The deflater for a `compress` query value (None: no transport compression).

    Raises `ValueError` naming the value if it is not `zlib-stream` or `zstd-stream`.
    """
    if compress is None:
        return None
    if compress == "zlib-stream":
        return ZlibStreamDeflater()
    if compress == "zstd-stream":
        return ZstdStreamDeflater()
    msg = f"unknown compress value {compress!r} (expected 'zlib-stream' or 'zstd-stream')"
    raise ValueError(msg)


class SendWindow:
    """Counts a connection's inbound payloads: at most `limit` in any `period`-second span."""

    __slots__ = ("_limit", "_period", "_times")

    def __init__(self, limit: int = 120, period: float = 60.0) -> None:
        if limit < 1 or period <= 0:
            msg = f"limit must be >= 1 and period > 0, not {limit} and {period}"
            raise ValueError(msg)
        self._limit = limit
        self._period = period
        self._times: collections.deque[float] = collections.deque()

    def record(self, now: float) -> bool:
        """Count one payload received at `now`; False if it breaks the limit."""
        times = self._times
        horizon = now - self._period
        while times and times[0] <= horizon:
            times.popleft()
        times.append(now)
        return len(times) <= self._limit


IdentifyVerdict = typing.Literal["ok", "rate_limited", "exhausted"]


class IdentifyGate:
    """The identify rules shared by every shard of one bot (one token)."""

    __slots__ = (
        "_last_by_bucket",
        "_reset_at",
        "max_concurrency",
        "remaining",
        "total",
        "window",
    )

    def __init__(
        self, *, max_concurrency: int = 1, total: int = 1000, window: float = IDENTIFY_WINDOW
    ) -> None:
        if max_concurrency < 1:
            msg = f"max_concurrency must be at least 1, not {max_concurrency}"
            raise ValueError(msg)
        if total < 0:
            msg = f"session_start_limit must be >= 0, not {total}"
            raise ValueError(msg)
        self.max_concurrency = max_concurrency
        self.total = total
        self.remaining = total
        self.window = window
        self._last_by_bucket: dict[int, float] = {}
        self._reset_at: float | None = None

    def _refill(self, now: float) -> None:
        if self._reset_at is not None and now >= self._reset_at:
            self.remaining = self.total
            self._reset_at = None

    def admit(self, shard_id: int, now: float) -> IdentifyVerdict:
        """Decide one IDENTIFY from `shard_id` at `now`, booking it when it is admitted.

        `rate_limited`: another shard of the same bucket identified less than `window` ago
        (Discord answers op 9). `exhausted`: the daily budget is spent.
        """
        self._refill(now)
        if self.remaining <= 0:
            return "exhausted"
        bucket = shard_id % self.max_concurrency
        last = self._last_by_bucket.get(bucket)
        if last is not None and now - last < self.window:
            return "rate_limited"
        self._last_by_bucket[bucket] = now
        self.remaining -= 1
        if self._reset_at is None:
            self._reset_at = now + DAY
        return "ok"

    def session_start_limit(self, now: float) -> dict[str, int]:
        """The `session_start_limit` object of `GET /gateway/bot` (`reset_after` in ms)."""
        self._refill(now)
        reset_after = 0 if self._reset_at is None else max(self._reset_at - now, 0.0)
        return {
            "total": self.total,
            "remaining": self.remaining,
            "reset_after": round(reset_after * 1000),
            "max_concurrency": self.max_concurrency,
        }


@attrs.frozen
class Rejection:
    """Why a payload was refused: the close code to send and a human reason."""

    code: int
    reason: str


_KNOWN_INTENTS: typing.Final[int] = int(Intents.ALL)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_identify(
    d: object,
    *,
    token: str,
    enabled_privileged: int,
    guild_ids: typing.Sequence[int] = (),
) -> tuple[Rejection | None, int, int, int]:
    """Validate an IDENTIFY's `d`: (rejection or None, intents, shard_id, shard_count).

    Codes: 4002 for a malformed payload (missing or mistyped fields), 4004 for a wrong token,
    4010 for an invalid `shard`, 4011 when one shard would hold more than 2500 of `guild_ids`,
    4013 for intent bits Discord does not define, 4014 for a privileged intent that is not
    in `enabled_privileged`.
    """
    if not isinstance(d, dict):
        return Rejection(4002, "IDENTIFY d must be an object"), 0, 0, 1
    if d.get("token") != token:
        return Rejection(4004, "Authentication failed."), 0, 0, 1
    properties = d.get("properties")
    if not isinstance(properties, dict) or not all(
        isinstance(properties.get(key), str) for key in ("os", "browser", "device")
    ):
        return Rejection(4002, "IDENTIFY properties must hold os, browser, device strings"), 0, 0, 1
    for key in ("compress",):
        if key in d and not isinstance(d[key], bool):
            return Rejection(4002, f"IDENTIFY {key} must be a boolean"), 0, 0, 1
    threshold = d.get("large_threshold", 50)
    if not _is_int(threshold) or not 50 <= threshold <= 250:
        return (
            Rejection(4002, f"IDENTIFY large_threshold must be 50..250, not {threshold!r}"),
            0,
            0,
            1,
        )
    shard = d.get("shard", [0, 1])
    if (
        not isinstance(shard, list)
        or len(shard) != 2
        or not all(_is_int(x) for x in shard)
        or not 0 <= shard[0] < shard[1]
    ):
        return Rejection(4010, f"Invalid shard {shard!r}"), 0, 0, 1
    shard_id, shard_count = int(shard[0]), int(shard[1])
    intents = d.get("intents")
    if isinstance(intents, str) and intents.isdigit():
        intents = int(intents)
    if not isinstance(intents, int) or isinstance(intents, bool) or intents < 0:
        return Rejection(4013, f"Invalid intent(s) {intents!r}"), 0, shard_id, shard_count
    if intents & ~_KNOWN_INTENTS:
        return Rejection(4013, f"Invalid intent(s) {intents!r}"), 0, shard_id, shard_count
    disallowed = intents & int(Intents.ALL_PRIVILEGED) & ~enabled_privileged
    if disallowed:
        names = Intents(disallowed)
        return Rejection(4014, f"Disallowed intent(s) {names!r}"), intents, shard_id, shard_count
    on_shard = sum(1 for g in guild_ids if (g >> 22) % shard_count == shard_id)
    if on_shard > MAX_GUILDS_PER_SHARD:
        return (
            Rejection(4011, f"Sharding required ({on_shard} guilds on one shard)"),
            intents,
            shard_id,
            shard_count,
        )
    return None, intents, shard_id, shard_count


def check_query(query: dict[str, str]) -> Rejection | None:
    """Why the gateway URL's query is refused (`v`, `encoding`, `compress`), or None."""
    version = query.get("v")
    if version is not None and version != "10":
        return Rejection(4012, f"Invalid API version {version!r} (the fake speaks v10)")
    if query.get("encoding", "json") != "json":
        return Rejection(4002, f"Unsupported encoding {query['encoding']!r} (json only)")
    if query.get("compress") not in (None, "zlib-stream", "zstd-stream"):
        return Rejection(4000, f"Unknown compress value {query['compress']!r}")
    return None


def check_resume(
    d: object, *, token: str, session: GatewaySession | None, now: float, resume_timeout: float
) -> Rejection | None:
    """Validate a RESUME's `d` against the stored session.

    None means "replay": the session exists, is not expired and holds every event after `seq`.
    A Rejection with code 0 means "answer op 9 (not resumable)" (unknown or invalidated session);
    otherwise the close code: 4002 malformed, 4004 wrong token, 4007 bad `seq` (ahead of the
    session or older than the replay buffer), 4009 session expired.
    """
    if not isinstance(d, dict) or not isinstance(d.get("session_id"), str):
        return Rejection(4002, "RESUME d must hold token, session_id and seq")
    seq = d.get("seq")
    if seq is not None and not _is_int(seq):
        return Rejection(4002, f"RESUME seq must be an integer, not {seq!r}")
    if d.get("token") != token:
        return Rejection(4004, "Authentication failed.")
    if session is None or session.invalidated:
        return Rejection(0, "unknown or invalidated session")
    if session.expired(now, resume_timeout):
        return Rejection(4009, "Session timed out")
    if not session.can_replay_from(int(seq or 0)):
        return Rejection(4007, f"Invalid seq {seq!r} (session is at {session.seq})")
    return None


NOT_REPLAYED: typing.Final = frozenset({"READY", "RESUMED"})


@attrs.define(eq=False, weakref_slot=False)
class GatewaySession:
    """One gateway session: its identity, its sequence and the events it may have to replay."""

    session_id: str
    shard_id: int
    shard_count: int
    intents: int
    replay_limit: int = 10_000
    seq: int = 0
    invalidated: bool = False
    disconnected_at: float | None = None
    """When the last connection of this session ended (None while one is attached)."""
    frames: collections.deque[tuple[int, str, bytes]] = attrs.field(factory=collections.deque)
    """(seq, event name, encoded frame) of the last `replay_limit` dispatches."""

    def push(self, name: str, data: bytes) -> int:
        """Append a dispatch whose `d` is the JSON `data`; return its sequence number."""
        self.seq += 1
        self.frames.append((self.seq, name, dispatch_frame(name, self.seq, data)))
        while len(self.frames) > self.replay_limit:
            self.frames.popleft()
        return self.seq

    def frames_after(self, seq: int, *, replay_until: int = 0) -> list[tuple[int, bytes]]:
        """The buffered frames with a sequence above `seq`, oldest first.

        READY and RESUMED frames numbered up to `replay_until` are left out: a resumed
        connection gets the missed events, not the old handshake.
        """
        frames = self.frames
        if not frames:
            return []
        start = max(seq - frames[0][0] + 1, 0)
        return [
            (s, frame)
            for s, name, frame in itertools.islice(frames, start, None)
            if s > replay_until or name not in NOT_REPLAYED
        ]

    def can_replay_from(self, seq: int) -> bool:
        """Whether every dispatch after `seq` is still buffered (and `seq` is not in the future)."""
        if seq > self.seq or seq < 0:
            return False
        oldest = self.frames[0][0] if self.frames else self.seq + 1
        return seq >= oldest - 1

    def expired(self, now: float, resume_timeout: float) -> bool:
        return self.disconnected_at is not None and now - self.disconnected_at > resume_timeout


def dispatch_frame(name: str, seq: int, data: bytes) -> bytes:
    """An encoded op 0 payload around already-encoded `d` JSON."""
    return b'{"op":0,"t":%s,"s":%d,"d":%s}' % (orjson.dumps(name), seq, data)


_G = Intents
_EVENT_INTENTS: typing.Final[dict[str, tuple[int, int]]] = {}
"""Event name → (intent needed in a guild, intent needed in a DM); 0 means never sent there."""


def _table(guild: int, dm: int, *names: str) -> None:
    for name in names:
        _EVENT_INTENTS[name] = (guild, dm)


_table(
    _G.GUILDS,
    0,
    "GUILD_CREATE",
    "GUILD_UPDATE",
    "GUILD_DELETE",
    "GUILD_ROLE_CREATE",
    "GUILD_ROLE_UPDATE",
    "GUILD_ROLE_DELETE",
    "CHANNEL_CREATE",
    "CHANNEL_UPDATE",
    "CHANNEL_DELETE",
    "THREAD_CREATE",
    "THREAD_UPDATE",
    "THREAD_DELETE",
    "THREAD_LIST_SYNC",
    "THREAD_MEMBER_UPDATE",
    "THREAD_MEMBERS_UPDATE",
    "STAGE_INSTANCE_CREATE",
    "STAGE_INSTANCE_UPDATE",
    "STAGE_INSTANCE_DELETE",
    "VOICE_CHANNEL_STATUS_UPDATE",
    "VOICE_CHANNEL_START_TIME_UPDATE",
)
_table(_G.GUILDS, _G.DIRECT_MESSAGES, "CHANNEL_PINS_UPDATE")
_table(_G.GUILD_MEMBERS, 0, "GUILD_MEMBER_ADD", "GUILD_MEMBER_UPDATE", "GUILD_MEMBER_REMOVE")
_table(_G.GUILD_MODERATION, 0, "GUILD_AUDIT_LOG_ENTRY_CREATE", "GUILD_BAN_ADD", "GUILD_BAN_REMOVE")
_table(
    _G.GUILD_EXPRESSIONS,
    0,
    "GUILD_EMOJIS_UPDATE",
    "GUILD_STICKERS_UPDATE",
    "GUILD_SOUNDBOARD_SOUND_CREATE",
    "GUILD_SOUNDBOARD_SOUND_UPDATE",
    "GUILD_SOUNDBOARD_SOUND_DELETE",
    "GUILD_SOUNDBOARD_SOUNDS_UPDATE",
)
_table(
    _G.GUILD_INTEGRATIONS,
    0,
    "GUILD_INTEGRATIONS_UPDATE",
    "INTEGRATION_CREATE",
    "INTEGRATION_UPDATE",
    "INTEGRATION_DELETE",
)
_table(_G.GUILD_WEBHOOKS, 0, "WEBHOOKS_UPDATE")
_table(_G.GUILD_INVITES, 0, "INVITE_CREATE", "INVITE_DELETE")
_table(_G.GUILD_VOICE_STATES, 0, "VOICE_CHANNEL_EFFECT_SEND", "VOICE_STATE_UPDATE")
_table(_G.GUILD_PRESENCES, 0, "PRESENCE_UPDATE")
_table(_G.GUILD_MESSAGES, _G.DIRECT_MESSAGES, "MESSAGE_CREATE", "MESSAGE_UPDATE", "MESSAGE_DELETE")
_table(_G.GUILD_MESSAGES, 0, "MESSAGE_DELETE_BULK")
_table(
    _G.GUILD_MESSAGE_REACTIONS,
    _G.DIRECT_MESSAGE_REACTIONS,
    "MESSAGE_REACTION_ADD",
    "MESSAGE_REACTION_REMOVE",
    "MESSAGE_REACTION_REMOVE_ALL",
    "MESSAGE_REACTION_REMOVE_EMOJI",
)
_table(_G.GUILD_MESSAGE_TYPING, _G.DIRECT_MESSAGE_TYPING, "TYPING_START")
_table(
    _G.GUILD_SCHEDULED_EVENTS,
    0,
    "GUILD_SCHEDULED_EVENT_CREATE",
    "GUILD_SCHEDULED_EVENT_UPDATE",
    "GUILD_SCHEDULED_EVENT_DELETE",
    "GUILD_SCHEDULED_EVENT_USER_ADD",
    "GUILD_SCHEDULED_EVENT_USER_REMOVE",
)
_table(
    _G.AUTO_MODERATION_CONFIGURATION,
    0,
    "AUTO_MODERATION_RULE_CREATE",
    "AUTO_MODERATION_RULE_UPDATE",
    "AUTO_MODERATION_RULE_DELETE",
)
_table(_G.AUTO_MODERATION_EXECUTION, 0, "AUTO_MODERATION_ACTION_EXECUTION")
_table(
    _G.GUILD_MESSAGE_POLLS,
    _G.DIRECT_MESSAGE_POLLS,
    "MESSAGE_POLL_VOTE_ADD",
    "MESSAGE_POLL_VOTE_REMOVE",
)


def event_intent(name: str, *, in_guild: bool) -> int | None:
    """The intent bit `name` needs (in a guild or a DM); 0 if none, None if never sent there."""
    entry = _EVENT_INTENTS.get(name)
    if entry is None:
        return 0
    bit = entry[0] if in_guild else entry[1]
    return int(bit) if bit else None


_CONTENT_FIELDS: typing.Final = {
    "content": "",
    "embeds": [],
    "attachments": [],
    "components": [],
}


def strip_message_content(message: dict[str, typing.Any], bot_id: int) -> dict[str, typing.Any]:
    """A guild message as a bot without MESSAGE_CONTENT sees it.

    Messages the bot wrote, or that mention it, keep their content (Discord's documented
    exceptions; DMs never reach here).
    """
    author = message.get("author") or {}
    if str(author.get("id")) == str(bot_id):
        return message
    if any(str(user.get("id")) == str(bot_id) for user in message.get("mentions") or ()):
        return message
    stripped = {**message, **{k: v for k, v in _CONTENT_FIELDS.items() if k in message}}
    stripped.pop("poll", None)
    return stripped
