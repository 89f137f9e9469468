"""Guilds and what hangs off them: channels, threads, roles, emojis, stickers, invites (and,
through the mixins, members, thread members, stage instances, scheduled events and
soundboard sounds)."""

from __future__ import annotations

import functools
import typing

from anycord.cache.members import MembersMixin
from anycord.cache.scheduled import ScheduledMixin
from anycord.cache.soundboard import SoundboardMixin
from anycord.cache.threads import ThreadMembersMixin
from anycord.cache.views import CacheView, EmptyCacheView
from anycord.config import CacheComponents
from anycord.serde.channels import decode_channel
from anycord.serde.emojis import decode_known_custom_emoji
from anycord.serde.guilds import decode_gateway_guild
from anycord.serde.invites import decode_invite_with_metadata
from anycord.serde.roles import decode_role
from anycord.serde.stickers import decode_guild_sticker
from anycord.snowflakes import Snowflake, to_snowflake

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence

    from anycord.cache._state import GuildRecord, Payload
    from anycord.models.channels import GuildChannel
    from anycord.models.emojis import KnownCustomEmoji
    from anycord.models.guilds import GatewayGuild
    from anycord.models.invites import InviteWithMetadata
    from anycord.models.roles import Role
    from anycord.models.stickers import GuildSticker
    from anycord.models.threads import GuildThreadChannel
    from anycord.snowflakes import SnowflakeishOr
    from anycord.traits import RESTAware

__all__ = ["GuildsMixin"]

# Builds a model from a stored payload; the getters narrow it with a cast.
_Decoder = typing.Callable[["Payload", "RESTAware | None", "Snowflake | None"], object]

_GUILD_LISTS: typing.Final = frozenset(
    {"channels", "threads", "members", "presences", "voice_states", "roles", "emojis", "stickers",
     "stage_instances", "guild_scheduled_events", "soundboard_sounds"}
)  # fmt: skip


def _old(
    decoder: _Decoder, old: Payload | None, app: RESTAware | None, guild_id: Snowflake
) -> Callable[[], typing.Any] | None:
    # The thunk that builds what the cache held before (`None` when it held nothing).
    return functools.partial(decoder, old, app, guild_id) if old is not None else None


def _without_lists(payload: Payload) -> Payload:
    return {k: v for k, v in payload.items() if k not in _GUILD_LISTS}


class GuildsMixin(MembersMixin, ThreadMembersMixin, ScheduledMixin, SoundboardMixin):
    """Guild payloads are kept without their lists; each list lives in its own store."""

    # -- guilds ------------------------------------------------------------------------------

    def apply_guild_create(self, payload: Payload) -> None:
        guild_id = int(payload["id"])
        guild = self._guild(guild_id)
        if payload.get("unavailable"):
            guild.unavailable = True
            return
        guild.unavailable = False
        if self._on(CacheComponents.GUILDS):
            guild.payload = _without_lists(payload)
        sid = payload["id"]
        if self._on(CacheComponents.GUILD_CHANNELS):
            self._replace(guild.channels, self._channels, payload.get("channels", ()), sid)
        if self._on(CacheComponents.GUILD_THREADS):
            threads = payload.get("threads", ())
            gone = guild.threads - {int(t["id"]) for t in threads}
            self._replace(guild.threads, self._threads, threads, sid)
            self._forget_thread_members(gone)
            for thread in threads:
                self._thread_member_of(thread)
        self._replace_expressions(guild, payload, sid)
        self._replace_scheduled(guild, payload, sid)
        self._replace_guild_sounds(guild, payload, sid)
        if self._on(CacheComponents.MEMBERS):
            self._clear_members(guild)
            self._store_members(guild, payload.get("members", ()))
        if self._on(CacheComponents.PRESENCES):
            guild.presences = {}
            for presence in payload.get("presences", ()):
                self._store_presence(guild, presence)
        if self._on(CacheComponents.VOICE_STATES):
            guild.voice_states = {}
            for state in payload.get("voice_states", ()):
                state.setdefault("guild_id", sid)
                self._store_voice_state(guild, state)

    def _replace_expressions(self, guild: GuildRecord, payload: Payload, sid: str) -> None:
        if "roles" in payload and self._on(CacheComponents.ROLES):
            self._replace(guild.roles, self._roles, payload["roles"], sid)
        if "emojis" in payload and self._on(CacheComponents.EMOJIS):
            self._replace(guild.emojis, self._emojis, payload["emojis"], sid)
        if "stickers" in payload and self._on(CacheComponents.GUILD_STICKERS):
            self._replace(guild.stickers, self._stickers, payload["stickers"], sid)

    @staticmethod
    def _replace(
        ids: set[int], store: dict[int, Payload], payloads: Iterable[Payload], guild_id: str
    ) -> list[Payload]:
        old = [store.pop(i) for i in ids if i in store]
        ids.clear()
        for item in payloads:
            item_id = int(item["id"])
            item.setdefault("guild_id", guild_id)
            store[item_id] = item
            ids.add(item_id)
        return old

    def apply_guild_update(self, payload: Payload) -> Callable[[], GatewayGuild] | None:
        guild_id = int(payload["id"])
        guild = self._guild(guild_id)
        old = guild.payload
        if self._on(CacheComponents.GUILDS):
            guild.payload = (
                {**old, **_without_lists(payload)} if old is not None else _without_lists(payload)
            )
        self._replace_expressions(guild, payload, payload["id"])
        return functools.partial(decode_gateway_guild, old, self._app) if old is not None else None

    def apply_guild_delete(self, payload: Payload) -> Callable[[], GatewayGuild] | None:
        guild_id = int(payload["id"])
        if payload.get("unavailable"):
            self._guild(guild_id).unavailable = True
            return None
        guild = self._guilds.pop(guild_id, None)
        if guild is None:
            return None
        for ids, store in (
            (guild.channels, self._channels),
            (guild.threads, self._threads),
            (guild.roles, self._roles),
            (guild.emojis, self._emojis),
            (guild.stickers, self._stickers),
        ):
            for item_id in ids:
                store.pop(item_id, None)
        self._forget_thread_members(guild.threads)
        self._forget_scheduled(guild)
        self._forget_sounds(guild)
        self._clear_members(guild)
        sid = payload["id"]
        for code in [c for c, inv in self._invites.items() if inv.get("guild_id") == sid]:
            del self._invites[code]
        old = guild.payload
        return functools.partial(decode_gateway_guild, old, self._app) if old is not None else None

    # -- channels and threads ----------------------------------------------------------------

    def apply_channel_create(self, payload: Payload) -> None:
        self.apply_channel_update(payload)

    def apply_channel_update(self, payload: Payload) -> Callable[[], GuildChannel] | None:
        guild_id = payload.get("guild_id")
        if guild_id is None:
            if payload.get("type") == 1:
                for recipient in payload.get("recipients", ()):
                    self._remember_dm(int(recipient["id"]), int(payload["id"]))
            return None
        if not self._on(CacheComponents.GUILD_CHANNELS):
            return None
        channel_id = int(payload["id"])
        old = self._channels.get(channel_id)
        self._channels[channel_id] = payload
        self._guild(int(guild_id)).channels.add(channel_id)
        return _old(decode_channel, old, self._app, Snowflake(int(guild_id)))

    def apply_channel_delete(self, payload: Payload) -> Callable[[], GuildChannel] | None:
        guild_id = payload.get("guild_id")
        if guild_id is None or not self._on(CacheComponents.GUILD_CHANNELS):
            return None
        channel_id = int(payload["id"])
        old = self._channels.pop(channel_id, None)
        guild = self._guilds.get(int(guild_id))
        if guild is not None:
            guild.channels.discard(channel_id)
        return _old(decode_channel, old, self._app, Snowflake(int(guild_id)))

    def apply_thread_update(self, payload: Payload) -> Callable[[], GuildThreadChannel] | None:
        if not self._on(CacheComponents.GUILD_THREADS):
            return None
        thread_id = int(payload["id"])
        guild_id = int(payload["guild_id"])
        old = self._threads.get(thread_id)
        self._threads[thread_id] = {**old, **payload} if old is not None else payload
        self._guild(guild_id).threads.add(thread_id)
        self._thread_member_of(payload)
        return _old(decode_channel, old, self._app, Snowflake(guild_id))

    def apply_thread_create(self, payload: Payload) -> None:
        self.apply_thread_update(payload)

    def apply_thread_delete(self, payload: Payload) -> Callable[[], GuildThreadChannel] | None:
        if not self._on(CacheComponents.GUILD_THREADS):
            return None
        thread_id = int(payload["id"])
        guild_id = int(payload["guild_id"])
        old = self._threads.pop(thread_id, None)
        self._forget_thread_members((thread_id,))
        guild = self._guilds.get(guild_id)
        if guild is not None:
            guild.threads.discard(thread_id)
        return _old(decode_channel, old, self._app, Snowflake(guild_id))

    def apply_thread_list_sync(self, payload: Payload) -> None:
        if not self._on(CacheComponents.GUILD_THREADS):
            return
        sid = payload["guild_id"]
        guild = self._guild(int(sid))
        parents = payload.get("channel_ids")
        # Threads of the synced channels (the whole guild when none are named) are replaced.
        for thread_id in list(guild.threads):
            thread = self._threads.get(thread_id)
            if thread is None or parents is None or thread.get("parent_id") in parents:
                guild.threads.discard(thread_id)
                self._threads.pop(thread_id, None)
                self._forget_thread_members((thread_id,))
        for thread in payload.get("threads", ()):
            thread.setdefault("guild_id", sid)
            thread_id = int(thread["id"])
            self._threads[thread_id] = thread
            guild.threads.add(thread_id)
        if self._members_on():
            for member in payload.get("members", ()):
                self._store_thread_member(int(member["id"]), member, sid)

    # -- roles, emojis, stickers -------------------------------------------------------------

    def apply_role_update(self, payload: Payload) -> Callable[[], Role] | None:
        if not self._on(CacheComponents.ROLES):
            return None
        role = payload["role"]
        role_id = int(role["id"])
        guild_id = int(payload["guild_id"])
        role.setdefault("guild_id", payload["guild_id"])
        old = self._roles.get(role_id)
        self._roles[role_id] = role
        self._guild(guild_id).roles.add(role_id)
        return _old(decode_role, old, self._app, Snowflake(guild_id))

    def apply_role_create(self, payload: Payload) -> None:
        self.apply_role_update(payload)

    def apply_role_delete(self, payload: Payload) -> Callable[[], Role] | None:
        if not self._on(CacheComponents.ROLES):
            return None
        role_id = int(payload["role_id"])
        guild_id = int(payload["guild_id"])
        old = self._roles.pop(role_id, None)
        guild = self._guilds.get(guild_id)
        if guild is not None:
            guild.roles.discard(role_id)
        return _old(decode_role, old, self._app, Snowflake(guild_id))

    def apply_emojis_update(
        self, payload: Payload
    ) -> Callable[[], Sequence[KnownCustomEmoji]] | None:
        if not self._on(CacheComponents.EMOJIS):
            return None
        guild = self._guild(int(payload["guild_id"]))
        old = self._replace(
            guild.emojis, self._emojis, payload.get("emojis", ()), payload["guild_id"]
        )
        return functools.partial(
            self._build_all, decode_known_custom_emoji, old, int(payload["guild_id"])
        )

    def apply_stickers_update(
        self, payload: Payload
    ) -> Callable[[], Sequence[GuildSticker]] | None:
        if not self._on(CacheComponents.GUILD_STICKERS):
            return None
        guild = self._guild(int(payload["guild_id"]))
        old = self._replace(
            guild.stickers, self._stickers, payload.get("stickers", ()), payload["guild_id"]
        )
        return functools.partial(
            self._build_all, decode_guild_sticker, old, int(payload["guild_id"])
        )

    def _build_all(
        self, decoder: _Decoder, payloads: Sequence[Payload], guild_id: int
    ) -> Sequence[typing.Any]:
        return tuple(decoder(p, self._app, Snowflake(guild_id)) for p in payloads)

    # -- invites -----------------------------------------------------------------------------

    def apply_invite_create(self, payload: Payload) -> None:
        if self._on(CacheComponents.INVITES):
            self._invites[payload["code"]] = payload

    def apply_invite_delete(self, payload: Payload) -> Callable[[], typing.Any] | None:
        if not self._on(CacheComponents.INVITES):
            return None
        old = self._invites.pop(payload["code"], None)
        return (
            functools.partial(decode_invite_with_metadata, old, self._app)
            if old is not None
            else None
        )

    # -- reads -------------------------------------------------------------------------------

    def _guild_model(self, guild: GuildRecord) -> GatewayGuild:
        assert guild.payload is not None
        return decode_gateway_guild(guild.payload, self._app)

    def _guild_if(self, guild: SnowflakeishOr, *, unavailable: bool) -> GatewayGuild | None:
        record = self._guilds.get(to_snowflake(guild))
        if record is None or record.payload is None or record.unavailable is not unavailable:
            return None
        return self._guild_model(record)

    def _guilds_view(self, *, unavailable: bool) -> Mapping[Snowflake, GatewayGuild]:
        if not self._on(CacheComponents.GUILDS):
            return EmptyCacheView()
        keys = [
            gid
            for gid, g in self._guilds.items()
            if g.payload is not None and g.unavailable is unavailable
        ]
        return CacheView(self._guilds, self._guild_model, keys)

    def get_guild(self, guild: SnowflakeishOr) -> GatewayGuild | None:
        """A cached, available guild (unlike hikari's, never an unavailable one: see
        `get_unavailable_guild`)."""
        return self._guild_if(guild, unavailable=False)

    def get_available_guild(self, guild: SnowflakeishOr) -> GatewayGuild | None:
        """A cached guild the gateway currently reports available (the same as `get_guild`)."""
        return self._guild_if(guild, unavailable=False)

    def get_unavailable_guild(self, guild: SnowflakeishOr) -> GatewayGuild | None:
        """A cached guild that has gone unavailable (an outage's GUILD_DELETE), as it was when
        the gateway last sent it: no events arrive for it until it is available again, so it
        may be out of date. `None` for a guild never seen available (one READY listed as
        unavailable: its ID is in `get_unavailable_guild_ids`)."""
        return self._guild_if(guild, unavailable=True)

    def get_guilds_view(self) -> Mapping[Snowflake, GatewayGuild]:
        """Every cached available guild."""
        return self._guilds_view(unavailable=False)

    def get_available_guilds_view(self) -> Mapping[Snowflake, GatewayGuild]:
        """Every cached available guild (the same as `get_guilds_view`)."""
        return self._guilds_view(unavailable=False)

    def get_unavailable_guilds_view(self) -> Mapping[Snowflake, GatewayGuild]:
        """Every cached guild that has gone unavailable, as last sent (see
        `get_unavailable_guild`)."""
        return self._guilds_view(unavailable=True)

    def get_unavailable_guild_ids(self) -> Sequence[Snowflake]:
        """Guilds the gateway reported unavailable (in READY or an outage)."""
        return [Snowflake(gid) for gid, g in self._guilds.items() if g.unavailable]

    def _by_id(
        self, store: Mapping[int, Payload], decoder: _Decoder, item: SnowflakeishOr
    ) -> object:
        payload = store.get(to_snowflake(item))
        if payload is None:
            return None
        guild_id = payload.get("guild_id")
        return decoder(
            payload, self._app, Snowflake(int(guild_id)) if guild_id is not None else None
        )

    def _view(
        self,
        store: Mapping[int, Payload],
        decoder: _Decoder,
        keys: typing.Collection[int] | None = None,
    ) -> CacheView[typing.Any, typing.Any]:
        app = self._app

        def build(payload: Payload) -> object:
            guild_id = payload.get("guild_id")
            return decoder(payload, app, Snowflake(int(guild_id)) if guild_id is not None else None)

        return CacheView(store, build, keys)

    def _guild_ids(self, guild: SnowflakeishOr, attr: str) -> set[int] | None:
        record = self._guilds.get(to_snowflake(guild))
        return getattr(record, attr) if record is not None else None

    def get_guild_channel(self, channel: SnowflakeishOr) -> GuildChannel | None:
        """A cached guild channel (threads are apart: `get_thread`)."""
        return typing.cast(
            "GuildChannel | None", self._by_id(self._channels, decode_channel, channel)
        )

    def get_guild_channels_view(self) -> Mapping[Snowflake, GuildChannel]:
        """Every cached guild channel."""
        return self._view(self._channels, decode_channel)

    def get_guild_channels_view_for_guild(
        self, guild: SnowflakeishOr
    ) -> Mapping[Snowflake, GuildChannel]:
        """The cached channels of `guild`."""
        ids = self._guild_ids(guild, "channels")
        return EmptyCacheView() if ids is None else self._view(self._channels, decode_channel, ids)

    def get_thread(self, thread: SnowflakeishOr) -> GuildThreadChannel | None:
        """A cached thread."""
        return typing.cast(
            "GuildThreadChannel | None", self._by_id(self._threads, decode_channel, thread)
        )

    def get_threads_view(self) -> Mapping[Snowflake, GuildThreadChannel]:
        """Every cached thread."""
        return self._view(self._threads, decode_channel)

    def get_threads_view_for_guild(
        self, guild: SnowflakeishOr
    ) -> Mapping[Snowflake, GuildThreadChannel]:
        """The cached threads of `guild`."""
        ids = self._guild_ids(guild, "threads")
        return EmptyCacheView() if ids is None else self._view(self._threads, decode_channel, ids)

    def get_threads_view_for_channel(
        self, guild: SnowflakeishOr, channel: SnowflakeishOr
    ) -> Mapping[Snowflake, GuildThreadChannel]:
        """The cached threads whose parent is `channel`."""
        ids = self._guild_ids(guild, "threads")
        if ids is None:
            return EmptyCacheView()
        parent = str(to_snowflake(channel))
        keys = [t for t in ids if self._threads.get(t, {}).get("parent_id") == parent]
        return self._view(self._threads, decode_channel, keys)

    def get_role(self, role: SnowflakeishOr) -> Role | None:
        """A cached role."""
        return typing.cast("Role | None", self._by_id(self._roles, decode_role, role))

    def get_roles_view(self) -> Mapping[Snowflake, Role]:
        """Every cached role."""
        return self._view(self._roles, decode_role)

    def get_roles_view_for_guild(self, guild: SnowflakeishOr) -> Mapping[Snowflake, Role]:
        """The cached roles of `guild`."""
        ids = self._guild_ids(guild, "roles")
        return EmptyCacheView() if ids is None else self._view(self._roles, decode_role, ids)

    def get_emoji(self, emoji: SnowflakeishOr) -> KnownCustomEmoji | None:
        """A cached custom emoji."""
        return typing.cast(
            "KnownCustomEmoji | None", self._by_id(self._emojis, decode_known_custom_emoji, emoji)
        )

    def get_emojis_view(self) -> Mapping[Snowflake, KnownCustomEmoji]:
        """Every cached custom emoji."""
        return self._view(self._emojis, decode_known_custom_emoji)

    def get_emojis_view_for_guild(
        self, guild: SnowflakeishOr
    ) -> Mapping[Snowflake, KnownCustomEmoji]:
        """The cached emojis of `guild`."""
        ids = self._guild_ids(guild, "emojis")
        return (
            EmptyCacheView()
            if ids is None
            else self._view(self._emojis, decode_known_custom_emoji, ids)
        )

    def get_sticker(self, sticker: SnowflakeishOr) -> GuildSticker | None:
        """A cached guild sticker."""
        return typing.cast(
            "GuildSticker | None", self._by_id(self._stickers, decode_guild_sticker, sticker)
        )

    def get_stickers_view(self) -> Mapping[Snowflake, GuildSticker]:
        """Every cached guild sticker."""
        return self._view(self._stickers, decode_guild_sticker)

    def get_stickers_view_for_guild(
        self, guild: SnowflakeishOr
    ) -> Mapping[Snowflake, GuildSticker]:
        """The cached stickers of `guild`."""
        ids = self._guild_ids(guild, "stickers")
        return (
            EmptyCacheView()
            if ids is None
            else self._view(self._stickers, decode_guild_sticker, ids)
        )

    def get_invite(self, code: str) -> InviteWithMetadata | None:
        """A cached invite (from INVITE_CREATE)."""
        payload = self._invites.get(code)
        return decode_invite_with_metadata(payload, self._app) if payload is not None else None

    def get_invites_view(self) -> Mapping[str, InviteWithMetadata]:
        """Every cached invite, by code."""
        return self._invites_view(None, None)

    def get_invites_view_for_guild(self, guild: SnowflakeishOr) -> Mapping[str, InviteWithMetadata]:
        """The cached invites to `guild`, by code."""
        return self._invites_view(guild, None)

    def get_invites_view_for_channel(
        self, guild: SnowflakeishOr, channel: SnowflakeishOr
    ) -> Mapping[str, InviteWithMetadata]:
        """The cached invites to `channel` of `guild`, by code."""
        return self._invites_view(guild, channel)

    def _invites_view(
        self, guild: SnowflakeishOr | None, channel: SnowflakeishOr | None
    ) -> Mapping[str, InviteWithMetadata]:
        if not self._on(CacheComponents.INVITES):
            return EmptyCacheView()
        keys: list[str] | None = None
        if guild is not None:
            # Payloads keep Discord's string IDs; compare as strings.
            want = {"guild_id": str(to_snowflake(guild))}
            if channel is not None:
                want["channel_id"] = str(to_snowflake(channel))
            keys = [
                code
                for code, inv in self._invites.items()
                if all(inv.get(k) == v for k, v in want.items())
            ]
        return CacheView(
            self._invites, functools.partial(decode_invite_with_metadata, app=self._app), keys
        )
