"""The cache's stores, shared by the family mixins (see `anycord.cache.cache`)."""

from __future__ import annotations

import collections
import typing

from anycord.config import CacheComponents, CacheSettings
from anycord.serde.members import RoleIdInterner

if typing.TYPE_CHECKING:
    from anycord.cache.records import MemberValue, UserValue
    from anycord.traits import RESTAware

__all__ = ["CacheState", "GuildRecord", "Payload"]

Payload = dict[str, typing.Any]


class GuildRecord:
    """One guild's entry: its payload (without the lists stored apart) and the IDs and
    per-guild maps of what belongs to it."""

    __slots__ = (
        "channels",
        "emojis",
        "interner",
        "members",
        "payload",
        "presences",
        "roles",
        "scheduled_events",
        "soundboard_sounds",
        "stage_instances",
        "stickers",
        "threads",
        "unavailable",
        "voice_states",
    )

    def __init__(self) -> None:
        self.payload: Payload | None = None
        self.unavailable = False
        self.channels: set[int] = set()
        self.threads: set[int] = set()
        self.roles: set[int] = set()
        self.emojis: set[int] = set()
        self.stickers: set[int] = set()
        self.stage_instances: set[int] = set()
        self.scheduled_events: set[int] = set()
        self.soundboard_sounds: set[int] = set()
        # user ID -> stored member (its user is `CacheState._users[user ID]`)
        self.members: dict[int, MemberValue] = {}
        self.presences: dict[int, Payload] = {}
        self.voice_states: dict[int, Payload] = {}
        self.interner = RoleIdInterner()


class CacheState:
    """Every store of the cache; the mixins add behaviour over them."""

    def __init__(
        self, settings: CacheSettings | None = None, *, app: RESTAware | None = None
    ) -> None:
        self._settings = settings or CacheSettings()
        self._components = self._settings.components
        # A plain int: `IntFlag & IntFlag` builds an enum member on every cache update.
        self._component_bits = int(self._components)
        # How many messages to keep (0: none), read once per MESSAGE_CREATE.
        self._message_limit = (
            self._settings.max_messages if self._component_bits & CacheComponents.MESSAGES else 0
        )
        self._app = app
        self._reset()

    def _reset(self) -> None:
        self._guilds: dict[int, GuildRecord] = {}
        self._channels: dict[int, Payload] = {}
        self._threads: dict[int, Payload] = {}
        self._roles: dict[int, Payload] = {}
        self._emojis: dict[int, Payload] = {}
        self._stickers: dict[int, Payload] = {}
        self._invites: dict[str, Payload] = {}
        self._stage_instances: dict[int, Payload] = {}
        self._scheduled_events: dict[int, Payload] = {}
        # sound ID -> soundboard sound payload (with `guild_id` filled in)
        self._soundboard_sounds: dict[int, Payload] = {}
        # thread ID -> user ID -> thread member payload (with `id` and `user_id` filled in)
        self._thread_members: dict[int, dict[int, Payload]] = {}
        self._users: dict[int, UserValue] = {}
        # user ID -> how many members (and the bot's own user) refer to it, for users with
        # more than one; a user in `_users` but not here has one.
        self._user_refs: dict[int, int] = {}
        self._me: Payload | None = None
        self._me_id: int | None = None
        self._messages: collections.OrderedDict[int, Payload] = collections.OrderedDict()
        self._dm_channel_ids: collections.OrderedDict[int, int] = collections.OrderedDict()

    @property
    def settings(self) -> CacheSettings:
        """What this cache keeps."""
        return self._settings

    def _on(self, component: CacheComponents) -> bool:
        return bool(self._component_bits & int(component))

    def _guild(self, guild_id: int) -> GuildRecord:
        record = self._guilds.get(guild_id)
        if record is None:
            record = self._guilds[guild_id] = GuildRecord()
        return record
