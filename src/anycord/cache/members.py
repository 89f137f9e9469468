"""Members, presences and voice states, per guild."""

from __future__ import annotations

import functools
import typing

from anycord.cache.records import member_model, pack_member
from anycord.cache.users import UsersMixin
from anycord.cache.views import CacheView, EmptyCacheView, KeyedCacheView
from anycord.config import CacheComponents
from anycord.serde.presences import decode_member_presence
from anycord.serde.voices import decode_voice_state
from anycord.snowflakes import Snowflake, to_snowflake

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from anycord.cache._state import GuildRecord, Payload
    from anycord.cache.records import MemberValue, UserValue
    from anycord.models.members import Member
    from anycord.models.presences import MemberPresence
    from anycord.models.voices import VoiceState
    from anycord.serde.members import RoleIdInterner
    from anycord.snowflakes import SnowflakeishOr
    from anycord.traits import RESTAware

__all__ = ["MembersMixin"]


class MembersMixin(UsersMixin):
    """Members are compact values keyed by user ID, their users shared in the users store;
    presences and voice states are the payloads as received."""

    # -- members -----------------------------------------------------------------------------

    def _wants_member(self, user_id: int) -> bool:
        if not self._settings.only_my_member:
            return True
        return self._me_id == user_id

    def _store_members(self, guild: GuildRecord, payloads: Iterable[Payload]) -> None:
        members = guild.members
        interner = guild.interner
        ref_user = self._ref_user
        only_me = self._settings.only_my_member
        for payload in payloads:
            user = payload["user"]
            user_id = int(user["id"])
            if only_me and not self._wants_member(user_id):
                continue
            if user_id in members:
                self._update_user(user_id, user)
            else:
                ref_user(user_id, user)
            members[user_id] = pack_member(payload, interner)

    def _clear_members(self, guild: GuildRecord) -> None:
        unref = self._unref_user
        for user_id in guild.members:
            unref(user_id)
        guild.members = {}

    def _old_member(
        self, guild: GuildRecord, guild_id: int, user_id: int, old: MemberValue, user: UserValue
    ) -> Callable[[], Member]:
        # Stored values are immutable: the ones replaced are the snapshot.
        return functools.partial(
            member_model, user_id, old, user, guild_id, guild.interner, self._app
        )

    def apply_member_add(self, payload: Payload) -> None:
        if self._on(CacheComponents.MEMBERS):
            self._store_members(self._guild(int(payload["guild_id"])), (payload,))

    def apply_member_update(self, payload: Payload) -> Callable[[], Member] | None:
        if not self._on(CacheComponents.MEMBERS):
            return None
        guild_id = int(payload["guild_id"])
        guild = self._guild(guild_id)
        user = payload["user"]
        user_id = int(user["id"])
        old = guild.members.get(user_id)
        if old is None:
            self._store_members(guild, (payload,))
            return None
        old_user = self._users[user_id]
        self._update_user(user_id, user)
        guild.members[user_id] = pack_member(payload, guild.interner, old)
        return self._old_member(guild, guild_id, user_id, old, old_user)

    def apply_member_remove(self, payload: Payload) -> Callable[[], Member] | None:
        if not self._on(CacheComponents.MEMBERS):
            return None
        guild_id = int(payload["guild_id"])
        guild = self._guilds.get(guild_id)
        if guild is None:
            return None
        user_id = int(payload["user"]["id"])
        old = guild.members.pop(user_id, None)
        if old is None:
            return None
        old_user = self._users[user_id]
        self._unref_user(user_id)
        return self._old_member(guild, guild_id, user_id, old, old_user)

    def apply_members_chunk(self, payload: Payload) -> None:
        guild = self._guild(int(payload["guild_id"]))
        if self._on(CacheComponents.MEMBERS):
            self._store_members(guild, payload.get("members", ()))
        if self._on(CacheComponents.PRESENCES):
            for presence in payload.get("presences") or ():
                self._store_presence(guild, presence)

    # -- presences ---------------------------------------------------------------------------

    def _store_presence(self, guild: GuildRecord, payload: Payload) -> Payload | None:
        user_id = int(payload["user"]["id"])
        if payload.get("status") == "offline":
            return guild.presences.pop(user_id, None)
        old = guild.presences.get(user_id)
        guild.presences[user_id] = payload
        return old

    def apply_presence_update(self, payload: Payload) -> Callable[[], MemberPresence] | None:
        user = payload.get("user") or {}
        if "username" in user:
            user_id = int(user["id"])
            if user_id in self._users:
                self._update_user(user_id, user)
        if not self._on(CacheComponents.PRESENCES):
            return None
        guild_id = int(payload["guild_id"])
        old = self._store_presence(self._guild(guild_id), payload)
        return (
            functools.partial(decode_member_presence, old, self._app, Snowflake(guild_id))
            if old is not None
            else None
        )

    # -- voice states ------------------------------------------------------------------------

    def _store_voice_state(self, guild: GuildRecord, payload: Payload) -> Payload | None:
        user_id = int(payload["user_id"])
        if payload.get("channel_id") is None:
            return guild.voice_states.pop(user_id, None)
        old = guild.voice_states.get(user_id)
        guild.voice_states[user_id] = payload
        return old

    def apply_voice_state_update(self, payload: Payload) -> Callable[[], VoiceState] | None:
        guild_id = payload.get("guild_id")
        if guild_id is None or not self._on(CacheComponents.VOICE_STATES):
            return None
        gid = int(guild_id)
        old = self._store_voice_state(self._guild(gid), payload)
        return (
            functools.partial(decode_voice_state, old, self._app, Snowflake(gid))
            if old is not None
            else None
        )

    # -- reads -------------------------------------------------------------------------------

    def get_member(self, guild: SnowflakeishOr, user: SnowflakeishOr) -> Member | None:
        """A cached member."""
        record = self._guilds.get(to_snowflake(guild))
        user_id = to_snowflake(user)
        member = record.members.get(user_id) if record is not None else None
        if record is None or member is None:
            return None
        return member_model(
            user_id, member, self._users[user_id], to_snowflake(guild), record.interner, self._app
        )

    def get_members_view_for_guild(self, guild: SnowflakeishOr) -> Mapping[Snowflake, Member]:
        """The cached members of `guild`, by user ID."""
        record = self._guilds.get(to_snowflake(guild))
        if record is None or not self._on(CacheComponents.MEMBERS):
            return EmptyCacheView()
        return KeyedCacheView(
            record.members,
            functools.partial(
                _member_in,
                users=self._users,
                guild_id=to_snowflake(guild),
                interner=record.interner,
                app=self._app,
            ),
        )

    def get_members_view(self) -> Mapping[Snowflake, Mapping[Snowflake, Member]]:
        """Guild ID → that guild's members view."""
        if not self._on(CacheComponents.MEMBERS):
            return EmptyCacheView()
        with_members = {gid: gid for gid, g in self._guilds.items() if g.members}
        return CacheView(with_members, self.get_members_view_for_guild)

    def get_presence(self, guild: SnowflakeishOr, user: SnowflakeishOr) -> MemberPresence | None:
        """A cached presence (offline members have none)."""
        record = self._guilds.get(to_snowflake(guild))
        payload = record.presences.get(to_snowflake(user)) if record is not None else None
        return (
            decode_member_presence(payload, self._app, Snowflake(to_snowflake(guild)))
            if payload is not None
            else None
        )

    def get_presences_view_for_guild(
        self, guild: SnowflakeishOr
    ) -> Mapping[Snowflake, MemberPresence]:
        """The cached presences of `guild`, by user ID."""
        record = self._guilds.get(to_snowflake(guild))
        if record is None or not self._on(CacheComponents.PRESENCES):
            return EmptyCacheView()
        return CacheView(
            record.presences,
            functools.partial(
                decode_member_presence, app=self._app, guild_id=Snowflake(to_snowflake(guild))
            ),
        )

    def get_presences_view(self) -> Mapping[Snowflake, Mapping[Snowflake, MemberPresence]]:
        """Guild ID → that guild's presences view (guilds with a cached presence)."""
        if not self._on(CacheComponents.PRESENCES):
            return EmptyCacheView()
        with_presences = {gid: gid for gid, g in self._guilds.items() if g.presences}
        return CacheView(with_presences, self.get_presences_view_for_guild)

    def get_voice_state(self, guild: SnowflakeishOr, user: SnowflakeishOr) -> VoiceState | None:
        """A cached voice state (users not in a voice channel have none)."""
        record = self._guilds.get(to_snowflake(guild))
        payload = record.voice_states.get(to_snowflake(user)) if record is not None else None
        return (
            decode_voice_state(payload, self._app, Snowflake(to_snowflake(guild)))
            if payload is not None
            else None
        )

    def get_voice_states_view_for_guild(
        self, guild: SnowflakeishOr
    ) -> Mapping[Snowflake, VoiceState]:
        """The cached voice states of `guild`, by user ID."""
        record = self._guilds.get(to_snowflake(guild))
        if record is None or not self._on(CacheComponents.VOICE_STATES):
            return EmptyCacheView()
        build = functools.partial(
            decode_voice_state, app=self._app, guild_id=Snowflake(to_snowflake(guild))
        )
        return CacheView(record.voice_states, build)

    def get_voice_states_view(self) -> Mapping[Snowflake, Mapping[Snowflake, VoiceState]]:
        """Guild ID → that guild's voice states view (guilds with a cached voice state)."""
        if not self._on(CacheComponents.VOICE_STATES):
            return EmptyCacheView()
        with_states = {gid: gid for gid, g in self._guilds.items() if g.voice_states}
        return CacheView(with_states, self.get_voice_states_view_for_guild)

    def get_voice_states_view_for_channel(
        self, guild: SnowflakeishOr, channel: SnowflakeishOr
    ) -> Mapping[Snowflake, VoiceState]:
        """The cached voice states of the users in one voice channel."""
        record = self._guilds.get(to_snowflake(guild))
        if record is None or not self._on(CacheComponents.VOICE_STATES):
            return EmptyCacheView()
        channel_id = str(to_snowflake(channel))
        keys = [
            uid for uid, vs in record.voice_states.items() if vs.get("channel_id") == channel_id
        ]
        build = functools.partial(
            decode_voice_state, app=self._app, guild_id=Snowflake(to_snowflake(guild))
        )
        return CacheView(record.voice_states, build, keys)


def _member_in(
    user_id: int,
    member: MemberValue,
    *,
    users: Mapping[int, UserValue],
    guild_id: int,
    interner: RoleIdInterner,
    app: RESTAware | None,
) -> Member:
    return member_model(user_id, member, users[user_id], guild_id, interner, app)
