"""FakeDiscord's gateway: a real websocket server (wsproto over AnyIO TCP) on 127.0.0.1.

It speaks v10 JSON, with `compress=zlib-stream` or `zstd-stream`, and follows Discord's rules
(`anycord.testing.gateway_core` holds them as plain state):

* HELLO on connect; IDENTIFY validated (4004 token, 4010 shard, 4011 sharding required,
  4013/4014 intents, 4002 malformed or over 4096 bytes, 4005 twice, 4003 anything but a
  heartbeat before it, 4001 unknown opcode) → READY (session_id, resume_gateway_url,
  unavailable guilds of the shard) → one GUILD_CREATE per guild of the shard.
* Identify rate: one IDENTIFY per `shard_id % max_concurrency` bucket per 5 s, else op 9
  (d=false); a daily session-start budget, at 0 further identifies close with 4004 (Discord
  resets the token at the limit).
* Heartbeats are ACKed (unless the shard is a zombie); a connection that does not heartbeat
  within `heartbeat_interval × heartbeat_timeout_factor` is closed with 4009.
* More than 120 payloads in any 60 s closes with 4008.
* Dispatches carry `s` in order; each session keeps a replay buffer, so RESUME replays what
  the client missed and then sends RESUMED (4007 bad seq, 4009 expired, op 9 unknown session).
* Op 4 (voice state update) is answered like Discord does: the bot's VOICE_STATE_UPDATE with
  a session_id and, for a join, a VOICE_SERVER_UPDATE (token, endpoint), on the guild's shard.
  Op 8 gets GUILD_MEMBERS_CHUNKs, op 43 a CHANNEL_INFO on the guild's shard; op 3 beyond 5 per
  20 s is dropped and logged in `dropped_presences` (`anycord.testing.gateway_ops`).
* Events reach only the sessions that should see them: guild events go to shard
  `(guild_id >> 22) % shard_count`, others to shard 0, filtered by the session's intents
  (guild messages lose their content without MESSAGE_CONTENT).

All timing uses `anyio.current_time()`, so virtual clocks drive it. Every connection logs what
the client sent (`received`) and what the server sent (`sent`) for assertions.

The answers to requests (op 3 limits, op 4, op 8, op 43) and the message encoder are plain
functions in `anycord.testing.gateway_ops`; this module moves bytes and keeps sessions.
"""

from __future__ import annotations

import logging
import secrets
import typing
import urllib.parse

import anyio
import orjson
from wsproto import ConnectionType, WSConnection
from wsproto.connection import ConnectionState
from wsproto.events import (
    AcceptConnection,
    CloseConnection,
    Message,
    Ping,
    RejectConnection,
    Request,
    TextMessage,
)
from wsproto.utilities import RemoteProtocolError

from anycord.intents import Intents
from anycord.logs import TRACE, register_secret
from anycord.testing import gateway_ops
from anycord.testing.gateway_connection import FakeGatewayConnection
from anycord.testing.gateway_core import (
    MAX_PAYLOAD_SIZE,
    GatewaySession,
    IdentifyGate,
    SendWindow,
    check_identify,
    check_query,
    check_resume,
    event_intent,
    make_deflater,
    strip_message_content,
)

if typing.TYPE_CHECKING:
    from collections.abc import Callable

    from anyio.abc import ByteStream, TaskStatus

    from anycord.testing.world import World

__all__ = ["FakeGateway", "FakeGatewayConnection"]

_LOGGER = logging.getLogger("anycord.testing.gateway")

_SESSION_ENDING_CLOSES: typing.Final = frozenset({1000, 1001})
"""Close codes from the client that end the session (any other keeps it resumable)."""
_SERVER_FATAL_CLOSES: typing.Final = frozenset({4004, 4007, 4009, 4010, 4011, 4012, 4013, 4014})
"""Close codes from the server after which the session cannot be resumed."""


_WRITE_BATCH: typing.Final = 256
"""Dispatch frames written per stream send when many are queued."""


class FakeGateway:
    """The gateway half of FakeDiscord. Run `serve()` in a task group, then connect to `url`."""

    def __init__(
        self,
        world: World | None = None,
        *,
        token: str | None = None,
        shard_count: int = 1,
        max_concurrency: int = 1,
        session_start_limit: int = 1000,
        heartbeat_interval: float = 41.25,
        heartbeat_timeout_factor: float = 1.5,
        heartbeat_timeout_code: int = 4009,
        resume_timeout: float = 300.0,
        replay_limit: int = 10_000,
        enabled_privileged_intents: Intents | int = Intents.ALL_PRIVILEGED,
        send_limit: int = 120,
        send_period: float = 60.0,
        close_timeout: float = 5.0,
        frame_size: int | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        if shard_count < 1:
            msg = f"shard_count must be at least 1, not {shard_count}"
            raise ValueError(msg)
        if heartbeat_interval <= 0:
            msg = f"heartbeat_interval must be > 0 seconds, not {heartbeat_interval}"
            raise ValueError(msg)
        self.world = world
        token = token if token is not None else (world.token if world is not None else None)
        if not token:
            msg = "FakeGateway needs a token (or a world that has one)"
            raise ValueError(msg)
        self.token: str = token
        register_secret(token)
        self.shard_count = shard_count
        self.heartbeat_interval = heartbeat_interval
        """Seconds between heartbeats, announced in HELLO (in ms)."""
        self.heartbeat_timeout_factor = heartbeat_timeout_factor
        self.heartbeat_timeout_code = heartbeat_timeout_code
        self.resume_timeout = resume_timeout
        """Seconds a session stays resumable after its connection ended."""
        self.replay_limit = replay_limit
        self.enabled_privileged_intents = int(enabled_privileged_intents)
        """Privileged intents "enabled in the developer portal"; others close with 4014."""
        self.send_limit = send_limit
        self.send_period = send_period
        self.close_timeout = close_timeout
        self.frame_size = frame_size
        """Split every outgoing message into websocket fragments of this many bytes."""
        self.identify_gate = IdentifyGate(
            max_concurrency=max_concurrency, total=session_start_limit
        )
        self.connections: list[FakeGatewayConnection] = []
        self.identify_log: list[tuple[float, int]] = []
        """(anyio.current_time(), shard_id) of every admitted IDENTIFY (a session start)."""
        self.identify_rejections: list[tuple[float, int]] = []
        """(time, shard_id) of every IDENTIFY refused with op 9 for breaking max_concurrency."""
        self.session_overlaps: list[tuple[float, int]] = []
        """(time, shard_id) whenever a session of a shard started or resumed while another
        session of that shard was still live: two processes running one shard."""
        self.sessions: dict[str, GatewaySession] = {}
        self.dropped_presences: list[tuple[float, int | None]] = []
        """(time, shard_id) of every op 3 dropped for breaking 5 per 20 s (see gateway_ops)."""
        self._zombies: set[int] = set()
        self.host = host
        """The address to listen on (loopback unless told otherwise)."""
        self._requested_port = port
        self._port: int | None = None
        self._changed_event: anyio.Event | None = None
        if world is not None:
            world.listeners.append(self._on_world_event)

    # -- public surface ---------------------------------------------------------------------

    @property
    def url(self) -> str:
        """`ws://<host>:<port>` (available once `serve()` has started)."""
        if self._port is None:
            msg = "the fake gateway is not serving yet (start serve() first)"
            raise RuntimeError(msg)
        return f"ws://{self.host}:{self._port}"

    @property
    def resume_url(self) -> str:
        """The `resume_gateway_url` sent in READY (same server, path `/resume`)."""
        return f"{self.url}/resume"

    @property
    def max_concurrency(self) -> int:
        return self.identify_gate.max_concurrency

    def session_start_limit(self) -> dict[str, int]:
        """The `session_start_limit` object for `GET /gateway/bot`."""
        return self.identify_gate.session_start_limit(anyio.current_time())

    def gateway_bot_payload(self) -> dict[str, typing.Any]:
        """The whole `GET /gateway/bot` answer."""
        return {
            "url": self.url,
            "shards": self.shard_count,
            "session_start_limit": self.session_start_limit(),
        }

    def live_connections(self, shard_id: int | None = None) -> list[FakeGatewayConnection]:
        """Open connections attached to a session (of `shard_id`, or all)."""
        return [
            c
            for c in self.connections
            if c.is_ready and (shard_id is None or c.shard_id == shard_id)
        ]

    async def serve(self, *, task_status: TaskStatus[str] = anyio.TASK_STATUS_IGNORED) -> None:
        """Listen on `host` (a free port by default) until cancelled; `task_status` gets the URL."""
        listener = await anyio.create_tcp_listener(
            local_host=self.host, local_port=self._requested_port
        )
        async with listener, anyio.create_task_group() as tg:
            self._port = listener.extra(anyio.abc.SocketAttribute.local_port)
            task_status.started(self.url)
            await listener.serve(self._handle, task_group=tg)

    async def dispatch(
        self,
        event_name: str,
        payload: object,
        shard_id: int | None = None,
        *,
        guild_id: int | str | None = None,
    ) -> int:
        """Send a dispatch to the sessions that should see it; return how many got it.

        `shard_id=None` routes by `guild_id` (or `payload["guild_id"]`), else to shard 0.
        Returns once every live connection it was queued for has written it (or closed);
        sessions without a live connection keep it for replay on RESUME.
        """
        targets = self._route(event_name, payload, shard_id=shard_id, guild_id=guild_id)
        for session, seq in targets:
            await self._wait_sent(session, seq)
        return len(targets)

    def dispatch_nowait(
        self,
        event_name: str,
        payload: object,
        shard_id: int | None = None,
        *,
        guild_id: int | str | None = None,
    ) -> int:
        """Queue a dispatch like `dispatch` without waiting for it to be written (for bulk sends).

        Order is kept: the frames go out in sequence order. `await flush()` waits for them.
        """
        return len(self._route(event_name, payload, shard_id=shard_id, guild_id=guild_id))

    async def flush(self) -> None:
        """Return once every live connection has written every dispatch queued for it."""
        for conn in list(self.connections):
            session = conn._session
            if session is not None and conn.is_open:
                await self._wait_sent(session, session.seq)

    async def reconnect(self, shard_id: int) -> None:
        """Send op 7 RECONNECT to the shard's live connections (the session stays resumable)."""
        for conn in self.live_connections(shard_id):
            await self._send_payload(conn, {"op": 7, "d": None})

    async def invalidate_session(self, shard_id: int, resumable: bool) -> None:
        """Send op 9 INVALID_SESSION; if not `resumable`, the session is forgotten."""
        for conn in self.live_connections(shard_id):
            session = conn._session
            if not resumable and session is not None:
                session.invalidated = True
                self.sessions.pop(session.session_id, None)
                conn._session = None
            await self._send_payload(conn, {"op": 9, "d": resumable})

    async def close(self, shard_id: int, code: int, reason: str = "") -> None:
        """Close the shard's live connections with `code`; returns when they are closed."""
        conns = self.live_connections(shard_id)
        for conn in conns:
            await self._close(conn, code, reason)
        for conn in conns:
            await conn.closed.wait()

    async def request_heartbeat(self, shard_id: int) -> None:
        """Send op 1 (heartbeat now) to the shard's live connections."""
        for conn in self.live_connections(shard_id):
            await self._send_payload(conn, {"op": 1, "d": None})

    def zombie(self, shard_id: int, enabled: bool = True) -> None:
        """Stop (or resume) ACKing the heartbeats of `shard_id`'s connections."""
        if enabled:
            self._zombies.add(shard_id)
        else:
            self._zombies.discard(shard_id)

    async def wait_until(self, predicate: Callable[[], bool]) -> None:
        """Return once `predicate()` holds, re-checked after every change on any connection.

        Bound it with the caller's `anyio.fail_after`.
        """
        while not predicate():
            await self._changed.wait()

    async def wait_ready(self, count: int = 1) -> list[FakeGatewayConnection]:
        """Wait until `count` connections are attached to a session; return the live ones."""
        await self.wait_until(lambda: len(self.live_connections()) >= count)
        return self.live_connections()

    # -- routing ----------------------------------------------------------------------------

    def _on_world_event(self, event_name: str, payload: object, guild_id: int | None) -> None:
        self._route(event_name, payload, shard_id=None, guild_id=guild_id)

    def _route(
        self,
        event_name: str,
        payload: object,
        *,
        shard_id: int | None,
        guild_id: int | str | None,
    ) -> list[tuple[GatewaySession, int]]:
        if guild_id is None and isinstance(payload, dict) and payload.get("guild_id"):
            guild_id = payload["guild_id"]
        gid = int(guild_id) if guild_id is not None else None
        needed = event_intent(event_name, in_guild=gid is not None)
        if needed is None:
            return []
        now = anyio.current_time()
        data: bytes | None = None
        stripped: bytes | None = None
        targets: list[tuple[GatewaySession, int]] = []
        for session_id, session in list(self.sessions.items()):
            if session.invalidated or session.expired(now, self.resume_timeout):
                del self.sessions[session_id]
                continue
            if shard_id is not None:
                if session.shard_id != shard_id:
                    continue
            elif gid is not None:
                if (gid >> 22) % session.shard_count != session.shard_id:
                    continue
            elif session.shard_id != 0:
                continue
            if needed and not session.intents & needed:
                continue
            if (
                gid is not None
                and event_name in ("MESSAGE_CREATE", "MESSAGE_UPDATE")
                and not session.intents & Intents.MESSAGE_CONTENT
                and isinstance(payload, dict)
            ):
                if stripped is None:
                    stripped = orjson.dumps(strip_message_content(payload, self._bot_id()))
                encoded = stripped
            else:
                if data is None:
                    data = orjson.dumps(payload)
                encoded = data
            targets.append((session, session.push(event_name, encoded)))
            conn = self._session_connection(session)
            if conn is not None:
                conn.wake_writer()
        return targets

    def _session_connection(self, session: GatewaySession) -> FakeGatewayConnection | None:
        for conn in reversed(self.connections):
            if conn._session is session and conn.is_open:
                return conn
        return None

    async def _wait_sent(self, session: GatewaySession, seq: int) -> None:
        while True:
            conn = self._session_connection(session)
            if conn is None or conn._closing or conn._sent_seq >= seq:
                return
            await self._changed.wait()

    def _bot_id(self) -> int:
        return int(self.world.bot_user["id"]) if self.world is not None else 0

    @property
    def _changed(self) -> anyio.Event:
        # Created lazily: the gateway may be built outside any event loop.
        if self._changed_event is None:
            self._changed_event = anyio.Event()
        return self._changed_event

    def _notify(self) -> None:
        if self._changed_event is not None:
            self._changed_event.set()
            self._changed_event = None

    # -- one connection ---------------------------------------------------------------------

    async def _handle(self, stream: ByteStream) -> None:
        async with stream:
            ws = WSConnection(ConnectionType.SERVER)
            request = await self._handshake(stream, ws)
            if request is None:
                return
            target = urllib.parse.urlsplit(request.target)
            query = dict(urllib.parse.parse_qsl(target.query))
            conn = FakeGatewayConnection(
                path=target.path or "/",
                query=query,
                compress=query.get("compress"),
                opened_at=anyio.current_time(),
            )
            conn._stream = stream
            conn._ws = ws
            conn._window = SendWindow(self.send_limit, self.send_period)
            conn.last_heartbeat_at = conn.opened_at
            self.connections.append(conn)
            try:
                await stream.send(ws.send(AcceptConnection()))
                async with anyio.create_task_group() as tg:
                    conn._tg = tg
                    rejection = check_query(query)
                    if rejection is not None:
                        await self._close(conn, rejection.code, rejection.reason)
                    else:
                        conn._deflater = make_deflater(conn.compress)
                        await self._send_payload(
                            conn,
                            {
                                "op": 10,
                                "d": {"heartbeat_interval": round(self.heartbeat_interval * 1000)},
                            },
                        )
                        tg.start_soon(self._writer, conn)
                        tg.start_soon(self._watchdog, conn)
                    await self._reader(conn)
                    tg.cancel_scope.cancel()
            except (anyio.BrokenResourceError, anyio.ClosedResourceError, anyio.EndOfStream):
                pass
            finally:
                self._connection_ended(conn)

    async def _handshake(self, stream: ByteStream, ws: WSConnection) -> Request | None:
        with anyio.move_on_after(self.close_timeout):
            try:
                while True:
                    data = await stream.receive()
                    ws.receive_data(data)
                    for event in ws.events():
                        if isinstance(event, Request):
                            return event
            except RemoteProtocolError as exc:
                reject = typing.cast("RejectConnection", exc.event_hint or RejectConnection())
                try:
                    await stream.send(ws.send(reject))
                except Exception:  # the client went away: nothing to answer
                    _LOGGER.debug("could not send the handshake rejection", exc_info=True)
            except (anyio.EndOfStream, anyio.BrokenResourceError):
                pass
        return None

    def _connection_ended(self, conn: FakeGatewayConnection) -> None:
        now = anyio.current_time()
        conn.closed_at = now
        if conn.closed_by is None:
            conn.closed_by = "transport"
        session = conn._session
        if session is not None and self._session_connection(session) in (conn, None):
            ending = _SESSION_ENDING_CLOSES if conn.closed_by == "client" else _SERVER_FATAL_CLOSES
            if conn.closed_by != "transport" and conn.close_code in ending:
                session.invalidated = True
            session.disconnected_at = now
            if session.invalidated:
                self.sessions.pop(session.session_id, None)
        conn.closed.set()
        self._notify()

    async def _reader(self, conn: FakeGatewayConnection) -> None:
        assert conn._stream is not None
        assert conn._ws is not None
        ws = conn._ws
        parts: list[str | bytes] = []
        size = 0
        while True:
            try:
                data: bytes | None = await conn._stream.receive()
            except (anyio.EndOfStream, anyio.BrokenResourceError, anyio.ClosedResourceError):
                data = None
            try:
                ws.receive_data(data)
                events = list(ws.events())
            except RemoteProtocolError:
                await self._close(conn, 1002, "websocket protocol error")
                return
            for event in events:
                if isinstance(event, Message):
                    if conn._closing:
                        continue
                    parts.append(event.data)
                    size += len(event.data)
                    if size > MAX_PAYLOAD_SIZE:
                        await self._close(conn, 4002, "Payload too large.")
                        parts.clear()
                        continue
                    if event.message_finished:
                        whole: str | bytes = (
                            "".join(typing.cast("list[str]", parts))
                            if isinstance(event, TextMessage)
                            else b"".join(typing.cast("list[bytes]", parts))
                        )
                        parts.clear()
                        size = 0
                        if isinstance(whole, str) and len(whole.encode()) > MAX_PAYLOAD_SIZE:
                            await self._close(conn, 4002, "Payload too large.")
                            continue
                        await self._on_payload(conn, whole)
                elif isinstance(event, Ping):
                    await self._send_raw(conn, ws.send(event.response()), force=True)
                elif isinstance(event, CloseConnection):
                    if not conn._closing:
                        conn.close_code = event.code
                        conn.close_reason = event.reason or ""
                        conn._closing = True
                        if ws.state is ConnectionState.REMOTE_CLOSING:
                            conn.closed_by = "client"
                            await self._send_raw(conn, ws.send(event.response()), force=True)
                        else:  # TCP ended without a close frame (wsproto reports 1006)
                            conn.closed_by = "transport"
                    return
            if data is None:
                return

    async def _on_payload(self, conn: FakeGatewayConnection, raw: str | bytes) -> None:
        now = anyio.current_time()
        try:
            payload = orjson.loads(raw)
        except orjson.JSONDecodeError:
            conn.received.append(raw)
            await self._close(conn, 4002, "Error while decoding payload.")
            return
        conn.received.append(payload)
        self._notify()
        if _LOGGER.isEnabledFor(TRACE):
            _LOGGER.log(TRACE, "shard %s sent op %s", conn.shard_id, payload.get("op"))
        if not conn._window.record(now):
            await self._close(conn, 4008, "You are being rate limited.")
            return
        op = payload.get("op") if isinstance(payload, dict) else None
        if not isinstance(op, int) or isinstance(op, bool):
            await self._close(conn, 4002, "Error while decoding payload (no op).")
            return
        d = payload.get("d")
        if op == 1:
            conn.heartbeats += 1
            conn.last_heartbeat_at = now
            if conn.shard_id is None or conn.shard_id not in self._zombies:
                await self._send_payload(conn, {"op": 11})
        elif op == 2:
            await self._identify(conn, d, now)
        elif op == 6:
            await self._resume(conn, d, now)
        elif op in (3, 4, 8, 31, 43):
            if conn._session is None:
                await self._close(conn, 4003, "Not authenticated.")
            elif op == 8:
                await self._request_guild_members(conn, d)
            elif op == 4 and isinstance(d, dict) and d.get("guild_id") is not None:
                self._voice_state_update(conn, d)
            elif op == 3 and not conn.presence_window.admit(now):
                self.dropped_presences.append((now, conn.shard_id))
            elif op == 43 and self.world is not None:
                info = gateway_ops.channel_info(self.world, d)
                if info is not None:
                    self._route("CHANNEL_INFO", info, shard_id=None, guild_id=info["guild_id"])
        else:
            await self._close(conn, 4001, f"Unknown opcode {op}.")

    async def _identify(self, conn: FakeGatewayConnection, d: object, now: float) -> None:
        if conn._session is not None:
            await self._close(conn, 4005, "Already authenticated.")
            return
        guild_ids = list(self.world.guilds) if self.world is not None else []
        rejection, intents, shard_id, shard_count = check_identify(
            d,
            token=self.token,
            enabled_privileged=self.enabled_privileged_intents,
            guild_ids=guild_ids,
        )
        if rejection is not None:
            await self._close(conn, rejection.code, rejection.reason)
            return
        verdict = self.identify_gate.admit(shard_id, now)
        if verdict == "rate_limited":
            self.identify_rejections.append((now, shard_id))
            await self._send_payload(conn, {"op": 9, "d": False})
            return
        if verdict == "exhausted":
            await self._close(conn, 4004, "Authentication failed (daily session start limit).")
            return
        self.identify_log.append((now, shard_id))
        self._note_overlap(conn, shard_id, None, now)
        session = GatewaySession(
            session_id=secrets.token_hex(16),
            shard_id=shard_id,
            shard_count=shard_count,
            intents=intents,
            replay_limit=self.replay_limit,
        )
        self.sessions[session.session_id] = session
        conn.shard_id, conn.shard_count, conn.intents = shard_id, shard_count, intents
        conn.session_id = session.session_id
        conn._session = session
        conn._sent_seq = 0
        on_shard = [g for g in guild_ids if (g >> 22) % shard_count == shard_id]
        ready = {
            "v": 10,
            "user": self.world.bot_user if self.world is not None else {},
            "guilds": [{"id": str(g), "unavailable": True} for g in on_shard],
            "session_id": session.session_id,
            "resume_gateway_url": self.resume_url,
            "shard": [shard_id, shard_count],
            "application": {
                "id": str(self.world.application_id) if self.world is not None else "0",
                "flags": 0,
            },
            "private_channels": [],
            "presences": [],
            "_trace": ["anycord-fake-gateway"],
        }
        session.push("READY", orjson.dumps(ready))
        if self.world is not None and intents & Intents.GUILDS:
            for g in on_shard:
                session.push("GUILD_CREATE", orjson.dumps(self.world.guild_create_payload(g)))
        conn.wake_writer()
        self._notify()

    async def _resume(self, conn: FakeGatewayConnection, d: object, now: float) -> None:
        if conn._session is not None:
            await self._close(conn, 4005, "Already authenticated.")
            return
        session_id = d.get("session_id") if isinstance(d, dict) else None
        session = self.sessions.get(session_id) if isinstance(session_id, str) else None
        rejection = check_resume(
            d, token=self.token, session=session, now=now, resume_timeout=self.resume_timeout
        )
        if rejection is not None:
            if session is not None and rejection.code in (4007, 4009):
                session.invalidated = True
                self.sessions.pop(session.session_id, None)
            if rejection.code == 0:
                await self._send_payload(conn, {"op": 9, "d": False})
            else:
                await self._close(conn, rejection.code, rejection.reason)
            return
        assert session is not None
        assert isinstance(d, dict)  # check_resume rejects any other `d`
        previous = self._session_connection(session)
        if previous is not None:
            previous._session = None
            await self._close(previous, 4000, "Session resumed on another connection.")
        seq = int(d.get("seq") or 0)
        self._note_overlap(conn, session.shard_id, session.session_id, now)
        conn.shard_id, conn.shard_count = session.shard_id, session.shard_count
        conn.intents, conn.session_id, conn.resumed = session.intents, session.session_id, True
        conn._session = session
        conn._sent_seq = seq
        conn._replay_until = session.seq
        session.disconnected_at = None
        session.push("RESUMED", b"{}")
        conn.wake_writer()
        self._notify()

    def _note_overlap(
        self, conn: FakeGatewayConnection, shard_id: int, session_id: str | None, now: float
    ) -> None:
        if any(
            c is not conn and c.session_id != session_id for c in self.live_connections(shard_id)
        ):
            self.session_overlaps.append((now, shard_id))

    async def _request_guild_members(self, conn: FakeGatewayConnection, d: object) -> None:
        world, session = self.world, conn._session
        if world is None or session is None or not isinstance(d, dict):
            return
        try:
            gid = int(d["guild_id"])
        except (KeyError, TypeError, ValueError):
            await self._close(conn, 4002, "REQUEST_GUILD_MEMBERS needs a guild_id.")
            return
        for body in gateway_ops.guild_members_chunks(world, gid, d):
            session.push("GUILD_MEMBERS_CHUNK", orjson.dumps(body))
        conn.wake_writer()

    def _voice_state_update(self, conn: FakeGatewayConnection, d: dict[str, typing.Any]) -> None:
        gid = int(d["guild_id"])
        if self.world is not None and gid not in self.world.guilds:
            return  # not a guild of the bot's: Discord does not answer
        for name, body in gateway_ops.voice_answers(self.world, d, self._bot_id(), conn.session_id):
            self._route(name, body, shard_id=None, guild_id=gid)

    async def _writer(self, conn: FakeGatewayConnection) -> None:
        while True:
            wake = conn.writer_wake
            session = conn._session
            frames = (
                session.frames_after(conn._sent_seq, replay_until=conn._replay_until)
                if session is not None and not conn._closing
                else []
            )
            if not frames:
                await wake.wait()
                continue
            # Everything queued goes out in one write: the same websocket messages on the
            # wire, without one stream send per message (which made the fake, not the
            # client, the bottleneck of bulk sends).
            for start in range(0, len(frames), _WRITE_BATCH):
                batch = frames[start : start + _WRITE_BATCH]
                if conn._session is not session or conn._closing:
                    break
                await self._send_frames(conn, [frame for _, frame in batch])
                conn._sent_seq = batch[-1][0]
            self._notify()

    async def _watchdog(self, conn: FakeGatewayConnection) -> None:
        allowance = self.heartbeat_interval * self.heartbeat_timeout_factor
        while True:
            now = anyio.current_time()
            deadline = conn.last_heartbeat_at + allowance
            if now >= deadline:
                await self._close(conn, self.heartbeat_timeout_code, "Heartbeat timed out.")
                return
            await anyio.sleep(deadline - now)

    # -- sending and closing ----------------------------------------------------------------

    async def _send_payload(
        self, conn: FakeGatewayConnection, payload: dict[str, typing.Any]
    ) -> None:
        payload.setdefault("d", None)
        payload.setdefault("s", None)
        payload.setdefault("t", None)
        await self._send_frame(conn, orjson.dumps(payload))

    async def _send_frame(self, conn: FakeGatewayConnection, frame: bytes) -> None:
        await self._send_frames(conn, [frame])

    async def _send_frames(self, conn: FakeGatewayConnection, frames: list[bytes]) -> None:
        """Send each frame as one websocket message (compressed as negotiated), in one write."""
        assert conn._ws is not None
        async with conn.send_lock:
            if conn._closing or conn.closed.is_set():
                return
            if conn._ws.state is not ConnectionState.OPEN:
                # The client started the close handshake: nothing more may be sent (RFC 6455).
                conn._closing = True
                return
            out = bytearray()
            for frame in frames:
                conn.sent_frames.append(frame)
                if conn._deflater is not None:
                    data: bytes | str = conn._deflater.compress(frame)
                else:
                    data = frame.decode()
                out += gateway_ops.encode_message(conn._ws, data, self.frame_size)
            try:
                assert conn._stream is not None
                await conn._stream.send(bytes(out))
            except (anyio.BrokenResourceError, anyio.ClosedResourceError):
                conn._closing = True
        self._notify()

    async def _send_raw(
        self, conn: FakeGatewayConnection, data: bytes, *, force: bool = False
    ) -> None:
        async with conn.send_lock:
            if (conn._closing and not force) or conn.closed.is_set():
                return
            try:
                assert conn._stream is not None
                await conn._stream.send(data)
            except (anyio.BrokenResourceError, anyio.ClosedResourceError):
                pass

    async def _close(self, conn: FakeGatewayConnection, code: int, reason: str) -> None:
        """Send a close frame (once); the connection ends on the client's answer or a deadline."""
        if conn._closing or conn.closed.is_set():
            return
        _LOGGER.debug("closing shard %s connection with %s (%s)", conn.shard_id, code, reason)
        conn.close_code, conn.close_reason, conn.closed_by = code, reason, "server"
        async with conn.send_lock:
            conn._closing = True
            try:
                assert conn._stream is not None
                assert conn._ws is not None
                await conn._stream.send(conn._ws.send(CloseConnection(code=code, reason=reason)))
            except (anyio.BrokenResourceError, anyio.ClosedResourceError):
                pass
        if conn._tg is not None:
            conn._tg.start_soon(self._close_deadline, conn)
        self._notify()

    async def _close_deadline(self, conn: FakeGatewayConnection) -> None:
        await anyio.sleep(self.close_timeout)
        if conn._tg is not None:
            conn._tg.cancel_scope.cancel()
