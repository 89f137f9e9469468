"""Guild soundboard sounds (resources/soundboard.mdx), by sound ID, with per-guild ID sets.

Sources (events/gateway-events.mdx): GUILD_CREATE's `soundboard_sounds` and SOUNDBOARD_SOUNDS
(the answer to Request Soundboard Sounds) each give a guild's whole list and replace what the
cache held for it; GUILD_SOUNDBOARD_SOUND_CREATE/UPDATE carry one sound,
GUILD_SOUNDBOARD_SOUNDS_UPDATE several changed ones (the others stay), and
GUILD_SOUNDBOARD_SOUND_DELETE only `sound_id` and `guild_id`. A guild's sounds go with the
guild (GUILD_DELETE). Default sounds (no guild) are never sent by the gateway and never
cached. Kept under `CacheComponents.SOUNDBOARD_SOUNDS`.
"""

from __future__ import annotations

import functools
import typing

from anycord.cache._state import CacheState
from anycord.cache.views import CacheView, EmptyCacheView
from anycord.config import CacheComponents
from anycord.serde.soundboard import decode_soundboard_sound
from anycord.snowflakes import to_snowflake

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence

    from anycord.cache._state import GuildRecord, Payload
    from anycord.models.soundboard import SoundboardSound
    from anycord.snowflakes import Snowflake, SnowflakeishOr

__all__ = ["SoundboardMixin"]

_COMPONENT: typing.Final = CacheComponents.SOUNDBOARD_SOUNDS


class SoundboardMixin(CacheState):
    """Soundboard sound payloads as received, by sound ID."""

    def _put_sound(self, payload: Payload, guild_id: str) -> Payload | None:
        if "guild_id" not in payload:
            payload = {**payload, "guild_id": guild_id}
        sound_id = int(payload["sound_id"])
        old = self._soundboard_sounds.get(sound_id)
        self._soundboard_sounds[sound_id] = payload
        self._guild(int(guild_id)).soundboard_sounds.add(sound_id)
        return old

    def _replace_sounds(self, guild: GuildRecord, sounds: Iterable[Payload], sid: str) -> None:
        # GUILD_CREATE and SOUNDBOARD_SOUNDS: the list is the guild's whole set.
        self._forget_sounds(guild)
        for sound in sounds:
            self._put_sound(sound, sid)

    def _forget_sounds(self, guild: GuildRecord) -> None:
        store = self._soundboard_sounds
        for sound_id in guild.soundboard_sounds:
            store.pop(sound_id, None)
        guild.soundboard_sounds.clear()

    def _replace_guild_sounds(self, guild: GuildRecord, payload: Payload, sid: str) -> None:
        if "soundboard_sounds" in payload and self._on(_COMPONENT):
            self._replace_sounds(guild, payload["soundboard_sounds"], sid)

    def _old_sound(self, old: Payload | None) -> Callable[[], SoundboardSound] | None:
        return functools.partial(decode_soundboard_sound, old, self._app) if old else None

    def apply_soundboard_sound_create(self, payload: Payload) -> None:
        if self._on(_COMPONENT):
            self._put_sound(payload, payload["guild_id"])

    def apply_soundboard_sound_update(
        self, payload: Payload
    ) -> Callable[[], SoundboardSound] | None:
        if not self._on(_COMPONENT):
            return None
        return self._old_sound(self._put_sound(payload, payload["guild_id"]))

    def apply_soundboard_sound_delete(
        self, payload: Payload
    ) -> Callable[[], SoundboardSound] | None:
        if not self._on(_COMPONENT):
            return None
        sound_id = int(payload["sound_id"])
        old = self._soundboard_sounds.pop(sound_id, None)
        guild = self._guilds.get(int(payload["guild_id"]))
        if guild is not None:
            guild.soundboard_sounds.discard(sound_id)
        return self._old_sound(old)

    def apply_soundboard_sounds_update(
        self, payload: Payload
    ) -> Callable[[], Sequence[SoundboardSound]] | None:
        if not self._on(_COMPONENT):
            return None
        sid = payload["guild_id"]
        old = [self._put_sound(sound, sid) for sound in payload.get("soundboard_sounds", ())]
        return functools.partial(self._build_sounds, [o for o in old if o is not None])

    def apply_soundboard_sounds(self, payload: Payload) -> None:
        if self._on(_COMPONENT):
            sid = payload["guild_id"]
            self._replace_sounds(self._guild(int(sid)), payload.get("soundboard_sounds", ()), sid)

    def _build_sounds(self, payloads: Sequence[Payload]) -> Sequence[SoundboardSound]:
        return tuple(decode_soundboard_sound(p, self._app) for p in payloads)

    # -- reads -------------------------------------------------------------------------------

    def get_soundboard_sound(self, sound: SnowflakeishOr) -> SoundboardSound | None:
        """A cached guild soundboard sound."""
        payload = self._soundboard_sounds.get(to_snowflake(sound))
        return decode_soundboard_sound(payload, self._app) if payload is not None else None

    def get_soundboard_sounds_view(self) -> Mapping[Snowflake, SoundboardSound]:
        """Every cached soundboard sound, by sound ID."""
        if not self._on(_COMPONENT):
            return EmptyCacheView()
        return CacheView(
            self._soundboard_sounds, functools.partial(decode_soundboard_sound, app=self._app)
        )

    def get_soundboard_sounds_view_for_guild(
        self, guild: SnowflakeishOr
    ) -> Mapping[Snowflake, SoundboardSound]:
        """The cached soundboard sounds of `guild`, by sound ID."""
        record = self._guilds.get(to_snowflake(guild))
        if record is None or not self._on(_COMPONENT):
            return EmptyCacheView()
        return CacheView(
            self._soundboard_sounds,
            functools.partial(decode_soundboard_sound, app=self._app),
            record.soundboard_sounds,
        )
