"""`VoiceComponent`: joins voice channels and runs third-party connections in its task group.

`connect_to(guild, channel, SomeVoiceConnection)`:

1. starts waiting for the bot's own VOICE_STATE_UPDATE and the guild's VOICE_SERVER_UPDATE
   (before sending, so neither can be missed);
2. sends the voice state update (op 4) through the shard that owns the guild;
3. hands both to `SomeVoiceConnection.initialize(...)`, and runs the connection's `run()` as a
   child of the component's task group, so closing the bot closes every voice connection.

The component learns of voice events through `notify_state` / `notify_server`, which the bot
calls from its dispatch path for every VOICE_STATE_UPDATE and VOICE_SERVER_UPDATE payload.

Guarantees:

* `connect_to` leaves nothing behind when it fails or is cancelled (a caller's `fail_after`):
  no pending join, and a leave update (op 4, `channel_id` null) is sent, shielded and bounded.
* `disconnect(guild)` ends the connection's `run()` and sends the leave update;
  `disconnect_all()` does that for every guild at once.
* `close()` (the bot calls it while closing, before the shards close, so the leave updates
  still reach Discord) disconnects everything and returns once `run()` has exited.
* Without the GUILD_VOICE_STATES intent Discord never sends the bot's voice state, so
  `connect_to` raises `MissingIntentError` instead of waiting forever.
"""

from __future__ import annotations

import logging
import typing

import anyio
import attrs

from anycord.errors import AnycordError, ComponentStateConflictError, MissingIntentError
from anycord.intents import Intents
from anycord.snowflakes import Snowflake, SnowflakeishOr, to_snowflake

if typing.TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Mapping

__all__ = ["VoiceComponent", "VoiceConnection", "VoiceCredentials"]

_LOGGER = logging.getLogger("anycord.voice")
_ConnectionT = typing.TypeVar("_ConnectionT", bound="VoiceConnection")
_LEAVE_DEADLINE: typing.Final = 5.0


@attrs.frozen(kw_only=True, repr=False)
class VoiceCredentials:
    """What a voice connection needs to reach Discord's voice server (the token is secret)."""

    guild_id: Snowflake
    channel_id: Snowflake
    user_id: Snowflake
    session_id: str
    token: str
    endpoint: str
    shard_id: int

    def __repr__(self) -> str:
        return (
            f"VoiceCredentials(guild_id={self.guild_id}, channel_id={self.channel_id}, "
            f"endpoint={self.endpoint!r}, session_id='***', token='***')"
        )


class VoiceConnection(typing.Protocol):
    """What a voice library implements.

    `initialize` builds the connection from the credentials; `run` lives for the connection's
    lifetime as a task of the voice component (it must call `task_status.started()` once
    connected and return when disconnected); `disconnect` ends `run`. `notify_state` and
    `notify_server` receive later updates for the guild (a moved channel, a new endpoint).
    """

    @classmethod
    async def initialize(cls, credentials: VoiceCredentials, **kwargs: object) -> typing.Self: ...

    async def run(
        self, *, task_status: anyio.abc.TaskStatus[None] = anyio.TASK_STATUS_IGNORED
    ) -> None: ...

    async def disconnect(self) -> None: ...

    async def notify_state(self, payload: Mapping[str, typing.Any]) -> None: ...

    async def notify_server(self, payload: Mapping[str, typing.Any]) -> None: ...


class _Pending:
    __slots__ = ("done", "server", "state")

    def __init__(self) -> None:
        self.state: Mapping[str, typing.Any] | None = None
        self.server: Mapping[str, typing.Any] | None = None
        self.done = anyio.Event()

    def check(self) -> None:
        if self.state is not None and self.server is not None:
            self.done.set()


class VoiceComponent:
    """Voice connections of one bot (see the module docstring).

    Args:
        send_voice_state: sends op 4 for `(guild_id, channel_id | None, self_mute, self_deaf)`
            through the shard that owns the guild.
        user_id: returns the bot's own user id (known after READY).
        shard_for: the shard id that owns a guild.
        intents: returns the bot's intents (checked by `connect_to`); `None`: not checked.
    """

    def __init__(
        self,
        send_voice_state: Callable[[Snowflake, Snowflake | None, bool, bool], Awaitable[None]],
        user_id: Callable[[], Snowflake | None],
        shard_for: Callable[[Snowflake], int],
        *,
        intents: Callable[[], Intents] | None = None,
    ) -> None:
        self._send_voice_state = send_voice_state
        self._user_id = user_id
        self._shard_for = shard_for
        self._intents = intents
        self._tg: anyio.abc.TaskGroup | None = None
        self._stop: anyio.Event | None = None
        self._exited: anyio.Event | None = None
        self._connections: dict[Snowflake, VoiceConnection] = {}
        self._pending: dict[Snowflake, _Pending] = {}

    @property
    def connections(self) -> Mapping[Snowflake, VoiceConnection]:
        """The live connections, by guild."""
        return dict(self._connections)

    @property
    def is_alive(self) -> bool:
        """Whether the component's task group is running."""
        return self._tg is not None

    async def run(
        self, *, task_status: anyio.abc.TaskStatus[None] = anyio.TASK_STATUS_IGNORED
    ) -> None:
        """Own the task group voice connections run in; return after `close()`."""
        if self._tg is not None:
            msg = "the voice component is already running"
            raise ComponentStateConflictError(msg)
        self._stop = stop = anyio.Event()
        self._exited = anyio.Event()
        try:
            async with anyio.create_task_group() as tg:
                self._tg = tg
                task_status.started()
                await stop.wait()
                await self.disconnect_all()
                tg.cancel_scope.cancel()
        finally:
            self._tg = None
            self._connections.clear()
            self._pending.clear()
            self._exited.set()

    async def close(self) -> None:
        """Disconnect everything, stop `run()` and wait (shielded, bounded) until it exited."""
        if self._stop is None or self._exited is None:
            return
        self._stop.set()
        with anyio.CancelScope(shield=True), anyio.move_on_after(2 * _LEAVE_DEADLINE):
            await self._exited.wait()

    async def connect_to(
        self,
        guild: SnowflakeishOr,
        channel: SnowflakeishOr,
        voice_connection_type: type[_ConnectionT],
        *,
        deaf: bool = False,
        mute: bool = False,
        **kwargs: object,
    ) -> _ConnectionT:
        """Join `channel` and return a running `voice_connection_type` connection (built by
        its `initialize`, which receives `kwargs` as they are).

        Timeouts are the caller's: wrap the call in `anyio.fail_after(...)`. Raises
        `ComponentStateConflictError` when the bot is not running or the guild already has a
        connection (disconnect it first), `MissingIntentError` without GUILD_VOICE_STATES.
        """
        tg = self._tg
        if tg is None:
            msg = "the voice component is not running (start the bot first)"
            raise ComponentStateConflictError(msg)
        if self._intents is not None and not self._intents() & Intents.GUILD_VOICE_STATES:
            msg = "connect_to needs the GUILD_VOICE_STATES intent (Discord sends no voice state without it)"
            raise MissingIntentError(Intents.GUILD_VOICE_STATES, msg)
        guild_id, channel_id = to_snowflake(guild), to_snowflake(channel)
        if guild_id in self._connections or guild_id in self._pending:
            msg = f"guild {guild_id} already has a voice connection (or one is being made)"
            raise ComponentStateConflictError(msg)
        user_id = self._user_id()
        if user_id is None:
            msg = "the bot's user id is not known yet (wait for a shard to be ready)"
            raise ComponentStateConflictError(msg)
        pending = self._pending[guild_id] = _Pending()
        try:
            await self._send_voice_state(guild_id, channel_id, mute, deaf)
            await pending.done.wait()
        except BaseException:
            self._pending.pop(guild_id, None)
            await self._leave(guild_id)
            raise
        del self._pending[guild_id]
        state, server = pending.state, pending.server
        assert state is not None
        assert server is not None
        credentials = VoiceCredentials(
            guild_id=guild_id,
            channel_id=Snowflake(state.get("channel_id") or channel_id),
            user_id=user_id,
            session_id=str(state["session_id"]),
            token=str(server["token"]),
            endpoint=str(server.get("endpoint") or ""),
            shard_id=self._shard_for(guild_id),
        )
        connection = await voice_connection_type.initialize(credentials, **kwargs)
        await tg.start(self._run_connection, guild_id, connection)
        return connection

    async def _run_connection(
        self,
        guild_id: Snowflake,
        connection: VoiceConnection,
        *,
        task_status: anyio.abc.TaskStatus[None] = anyio.TASK_STATUS_IGNORED,
    ) -> None:
        self._connections[guild_id] = connection
        try:
            await connection.run(task_status=task_status)
        finally:
            if self._connections.get(guild_id) is connection:
                del self._connections[guild_id]

    async def disconnect(self, guild: SnowflakeishOr) -> None:
        """Disconnect the guild's connection and leave the channel (no-op without one)."""
        guild_id = to_snowflake(guild)
        connection = self._connections.pop(guild_id, None)
        if connection is None:
            return
        try:
            with anyio.CancelScope(shield=True), anyio.move_on_after(_LEAVE_DEADLINE):
                await connection.disconnect()
        finally:
            await self._leave(guild_id)

    async def _leave(self, guild_id: Snowflake) -> None:
        # Shielded and bounded: leaving must happen even when the caller is being cancelled,
        # and must not hold a closing bot. A shard that is gone cannot send it: Discord then
        # drops the bot from the channel when the session ends.
        with anyio.CancelScope(shield=True), anyio.move_on_after(_LEAVE_DEADLINE):
            try:
                await self._send_voice_state(guild_id, None, False, False)
            except AnycordError as exc:
                _LOGGER.debug("could not leave voice in guild %s: %s", guild_id, exc)

    async def disconnect_all(self) -> None:
        """Disconnect every connection, concurrently."""
        async with anyio.create_task_group() as tg:
            for guild_id in list(self._connections):
                tg.start_soon(self.disconnect, guild_id)

    # -- fed by the bot's dispatch path ---------------------------------------------------

    async def notify_state(self, payload: Mapping[str, typing.Any]) -> None:
        """A VOICE_STATE_UPDATE payload (only the bot's own states matter)."""
        user_id = self._user_id()
        guild_raw = payload.get("guild_id")
        if guild_raw is None or user_id is None or int(payload.get("user_id", 0)) != user_id:
            return
        guild_id = Snowflake(guild_raw)
        pending = self._pending.get(guild_id)
        if pending is not None:
            pending.state = payload
            pending.check()
            return
        connection = self._connections.get(guild_id)
        if connection is not None:
            await connection.notify_state(payload)

    async def notify_server(self, payload: Mapping[str, typing.Any]) -> None:
        """A VOICE_SERVER_UPDATE payload."""
        guild_id = Snowflake(payload["guild_id"])
        pending = self._pending.get(guild_id)
        if pending is not None:
            pending.server = payload
            pending.check()
            return
        connection = self._connections.get(guild_id)
        if connection is not None:
            await connection.notify_server(payload)
