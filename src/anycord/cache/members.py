"""Members, presences and voice states, per guild."""

from __future__ import annotations

import functools
import typing

from anycord.cache.records import MemberRecord, UserRecord, member_model
from anycord.cache.users import UsersMixin
from anycord.cache.views import CacheView, EmptyCacheView
from anycord.config import CacheComponents
from anycord.serde.presences import decode_member_presence
from anycord.serde.voices import decode_voice_state
from anycord.snowflakes import Snowflake, to_snowflake

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from anycord.cache._state import GuildRecord, Payload
    from anycord.models.members import Member
    from anycord.models.presences import MemberPresence
    from anycord.models.voices import VoiceState
    from anycord.snowflakes import SnowflakeishOr

__all__ = ["MembersMixin"]


def _snapshot_user(record: UserRecord) -> UserRecord:
    copy = UserRecord.__new__(UserRecord)
    for name in UserRecord.__slots__:
        setattr(copy, name, getattr(record, name))
    return copy


class MembersMixin(UsersMixin):
    """Members are compact records sharing their users; presences and voice states are the
    payloads as received."""

    # -- members -----------------------------------------------------------------------------

    def _wants_member(self, user_id: int) -> bool:
        if not self._settings.only_my_member:
            return True
        me = self._me_record
        return me is not None and me.id == user_id

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
            existing = members.get(user_id)
            if existing is not None:
                if not existing.user.same_as(user):
                    existing.user.update(user)
                existing.update(payload, interner)
            else:
                record = ref_user(user)
                # Key by the user record's own int: one int object per user, not two.
                members[record.id] = MemberRecord(record, payload, interner)

    def _clear_members(self, guild: GuildRecord) -> None:
        unref = self._unref_user
        for record in guild.members.values():
            unref(record.user)
        guild.members = {}

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
        # A new record replaces the old one, which the returned thunk keeps intact (with a
        # snapshot of its user when the user changed too).
        old_user = old.user
        snapshot = old_user
        if "username" in user and not old_user.same_as(user):
            snapshot = _snapshot_user(old_user)
            old_user.update(user)
        guild.members[user_id] = MemberRecord(old_user, payload, guild.interner, old)
        old_copy = MemberRecord.__new__(MemberRecord)
        old_copy.user, old_copy.roles, old_copy.joined_at, old_copy.bits, old_copy.extra = (
            snapshot,
            old.roles,
            old.joined_at,
            old.bits,
            old.extra,
        )
        return functools.partial(member_model, old_copy, guild_id, self._app)

    def apply_member_remove(self, payload: Payload) -> Callable[[], Member] | None:
        if not self._on(CacheComponents.MEMBERS):
            return None
        guild_id = int(payload["guild_id"])
        guild = self._guilds.get(guild_id)
        if guild is None:
            return None
        old = guild.members.pop(int(payload["user"]["id"]), None)
        if old is None:
            return None
        self._unref_user(old.user)
        return functools.partial(member_model, old, guild_id, self._app)

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
            record = self._users.get(int(user["id"]))
            if record is not None and not record.same_as(user):
                record.update(user)
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
        member = record.members.get(to_snowflake(user)) if record is not None else None
        return member_model(member, to_snowflake(guild), self._app) if member is not None else None

    def get_members_view_for_guild(self, guild: SnowflakeishOr) -> Mapping[Snowflake, Member]:
        """The cached members of `guild`, by user ID."""
        record = self._guilds.get(to_snowflake(guild))
        if record is None or not self._on(CacheComponents.MEMBERS):
            return EmptyCacheView()
        return CacheView(
            record.members,
            functools.partial(_member_in, guild_id=to_snowflake(guild), app=self._app),
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


def _member_in(record: MemberRecord, *, guild_id: int, app: typing.Any) -> Member:
    return member_model(record, guild_id, app)
