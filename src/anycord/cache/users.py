"""Users (shared and reference-counted), the bot's own user, and DM channel IDs."""

from __future__ import annotations

import functools
import typing

from anycord.cache._state import CacheState
from anycord.cache.records import pack_user, user_model
from anycord.cache.views import CacheView, EmptyCacheView, KeyedCacheView
from anycord.config import CacheComponents
from anycord.serde.users import decode_own_user
from anycord.snowflakes import Snowflake, to_snowflake

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from anycord.cache._state import Payload
    from anycord.models.users import OwnUser, User
    from anycord.snowflakes import SnowflakeishOr

__all__ = ["UsersMixin"]


class UsersMixin(CacheState):
    """Users are kept while something (a member, the bot's own user) refers to them."""

    # -- reference counting ------------------------------------------------------------------

    def _ref_user(self, user_id: int, payload: Payload) -> None:
        users = self._users
        if user_id not in users:
            users[user_id] = pack_user(payload)
            return
        self._update_user(user_id, payload)
        refs = self._user_refs
        refs[user_id] = refs.get(user_id, 1) + 1

    def _update_user(self, user_id: int, payload: Payload) -> None:
        """Store a cached user's new state, when `payload` is a full user."""
        if "username" in payload:
            value = pack_user(payload)
            if value != self._users[user_id]:
                self._users[user_id] = value

    def _unref_user(self, user_id: int) -> None:
        refs = self._user_refs
        count = refs.get(user_id)
        if count is None:
            self._users.pop(user_id, None)
        elif count <= 2:
            del refs[user_id]
        else:
            refs[user_id] = count - 1

    # -- raw updates -------------------------------------------------------------------------

    def apply_ready(self, payload: Payload) -> None:
        if self._on(CacheComponents.ME):
            self._set_me(payload["user"])
        if self._on(CacheComponents.GUILDS):
            for guild in payload.get("guilds", ()):
                self._guild(int(guild["id"])).unavailable = True

    def _set_me(self, payload: Payload) -> None:
        if self._me_id is not None:
            self._unref_user(self._me_id)
        self._me = payload
        self._me_id = user_id = int(payload["id"])
        self._ref_user(user_id, payload)

    def apply_user_update(self, payload: Payload) -> Callable[[], OwnUser] | None:
        if not self._on(CacheComponents.ME):
            return None
        old = self._me
        self._set_me(payload)
        return functools.partial(decode_own_user, old, self._app) if old is not None else None

    def _remember_dm(self, user_id: int, channel_id: int) -> None:
        if not self._on(CacheComponents.DM_CHANNEL_IDS) or self._settings.max_dm_channel_ids == 0:
            return
        dms = self._dm_channel_ids
        dms[user_id] = channel_id
        dms.move_to_end(user_id)
        while len(dms) > self._settings.max_dm_channel_ids:
            dms.popitem(last=False)

    # -- reads -------------------------------------------------------------------------------

    def get_user(self, user: SnowflakeishOr) -> User | None:
        """A cached user (any user some cached member or the bot refers to)."""
        user_id = to_snowflake(user)
        value = self._users.get(user_id)
        return user_model(user_id, value, self._app) if value is not None else None

    def get_users_view(self) -> Mapping[Snowflake, User]:
        """Every cached user."""
        return KeyedCacheView(self._users, functools.partial(user_model, app=self._app))

    def get_me(self) -> OwnUser | None:
        """The bot's own user (from READY and USER_UPDATE)."""
        return decode_own_user(self._me, self._app) if self._me is not None else None

    def get_dm_channel_id(self, user: SnowflakeishOr) -> Snowflake | None:
        """The DM channel with `user`, when seen recently."""
        channel_id = self._dm_channel_ids.get(to_snowflake(user))
        return Snowflake(channel_id) if channel_id is not None else None

    def get_dm_channel_ids_view(self) -> Mapping[Snowflake, Snowflake]:
        """User ID → DM channel ID, most recent last."""
        if not self._on(CacheComponents.DM_CHANNEL_IDS):
            return EmptyCacheView()
        return CacheView(self._dm_channel_ids, Snowflake)
