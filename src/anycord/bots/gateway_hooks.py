"""What a gateway bot itself takes from the gateway, as raw subscribers of its dispatcher.

`GatewayHooks` subscribes (`EventManager.subscribe_raw`) to READY and RESUMED (the bot's
user id, one log line per session), VOICE_STATE_UPDATE and VOICE_SERVER_UPDATE (handed to
the voice component) and, when auto-chunking is on, GUILD_CREATE (member requests for large
guilds). Each runs after the dispatcher has updated the cache and built the typed event, so
none of this sits on the per-event path.
"""

from __future__ import annotations

import collections
import logging
import typing

from anycord import errors
from anycord.config import CacheComponents
from anycord.intents import Intents
from anycord.snowflakes import Snowflake

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    import anyio.abc

    from anycord.dispatch.manager import EventManager
    from anycord.gateway.shard import GatewayShard
    from anycord.voice.component import VoiceComponent

__all__ = ["GatewayHooks"]

_LOGGER = logging.getLogger("anycord.bot")

Payload = dict[str, typing.Any]


class GatewayHooks:
    """The bot's raw subscribers (module doc).

    Args:
        events: the dispatcher to subscribe to.
        voice: the voice component that receives voice state/server updates.
        intents: the intents the shards identify with, read when a guild arrives.
        components: what the cache stores (members are chunked only when it stores them).
        auto_chunk_members: request the members of large guilds as they arrive.
    """

    def __init__(
        self,
        events: EventManager,
        voice: VoiceComponent,
        *,
        intents: Callable[[], Intents],
        components: CacheComponents,
        auto_chunk_members: bool,
    ) -> None:
        self._voice = voice
        self._intents = intents
        self._components = components
        self._auto_chunk = auto_chunk_members
        self.user_id: Snowflake | None = None
        """The bot's user id, from the last READY (`None` before the first)."""
        self.sessions: collections.Counter[int] = collections.Counter()
        """READYs per shard id since construction (the session count the logs show)."""
        self.task_group: anyio.abc.TaskGroup | None = None
        """The bot's tree while it runs: where member requests are sent from."""
        events.subscribe_raw("READY", self._on_ready)
        events.subscribe_raw("RESUMED", self._on_resumed)
        events.subscribe_raw("VOICE_STATE_UPDATE", self._on_voice_state)
        events.subscribe_raw("VOICE_SERVER_UPDATE", self._on_voice_server)
        if auto_chunk_members:
            events.subscribe_raw("GUILD_CREATE", self._on_guild_create)

    async def _on_ready(self, shard: GatewayShard | None, payload: Payload) -> None:
        user = payload.get("user")
        if user is not None:
            self.user_id = Snowflake(user["id"])
        if shard is not None:
            # Never the session id or resume URL: both let anyone resume this session.
            self.sessions[shard.id] += 1
            _LOGGER.info(
                "shard %d/%d READY as %s in %d guild(s) (session %d of this shard)",
                shard.id,
                shard.shard_count,
                (user or {}).get("username", "?"),
                len(payload.get("guilds") or ()),
                self.sessions[shard.id],
            )

    async def _on_resumed(self, shard: GatewayShard | None, payload: Payload) -> None:
        if shard is not None:
            _LOGGER.info(
                "shard %d/%d RESUMED (session %d of this shard)",
                shard.id,
                shard.shard_count,
                self.sessions[shard.id],
            )

    async def _on_voice_state(self, shard: GatewayShard | None, payload: Payload) -> None:
        await self._voice.notify_state(payload)

    async def _on_voice_server(self, shard: GatewayShard | None, payload: Payload) -> None:
        await self._voice.notify_server(payload)

    async def _on_guild_create(self, shard: GatewayShard | None, payload: Payload) -> None:
        if shard is not None and self.should_chunk(payload):
            self._chunk_later(shard, payload["id"])

    def should_chunk(self, payload: Mapping[str, typing.Any]) -> bool:
        """Whether the members of the guild in this GUILD_CREATE are requested: hikari's
        conditions (asked for, members cached, GUILD_MEMBERS intent, and the guild did not
        send every member: large guilds send only part of the list)."""
        if not self._auto_chunk or payload.get("unavailable"):
            return False
        if not self._components & CacheComponents.MEMBERS:
            return False
        if not self._intents() & Intents.GUILD_MEMBERS:
            return False
        return bool(payload.get("large")) or int(payload.get("member_count", 0)) > len(
            payload.get("members", ())
        )

    def _chunk_later(self, shard: GatewayShard, guild_id: str) -> None:
        tg = self.task_group
        if tg is None:
            return
        include_presences = bool(self._intents() & Intents.GUILD_PRESENCES)

        async def chunk() -> None:
            try:
                await shard.request_guild_members(guild_id, include_presences=include_presences)
            except errors.AnycordError as exc:
                _LOGGER.warning("could not request the members of guild %s: %s", guild_id, exc)

        # A task of the bot's tree, so the shard's reader never waits for the send limiter.
        tg.start_soon(chunk)
