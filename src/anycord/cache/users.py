"""Users (shared and reference-counted), the bot's own user, and DM channel IDs."""

from __future__ import annotations

import functools
import typing

from anycord.cache._state import CacheState
from anycord.cache.records import UserRecord, user_model
from anycord.cache.views import CacheView, EmptyCacheView
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

    def _ref_user(self, payload: Payload) -> UserRecord:
        user_id = int(payload["id"])
        record = self._users.get(user_id)
        if record is None:
            record = self._users[user_id] = UserRecord(user_id, payload)
        elif "username" in payload and not record.same_as(payload):
            record.update(payload)
        record.refs += 1
        return record

    def _unref_user(self, record: UserRecord) -> None:
        record.refs -= 1
        if record.refs <= 0:
            self._users.pop(record.id, None)

    # -- raw updates -------------------------------------------------------------------------

    def apply_ready(self, payload: Payload) -> None:
        if self._on(CacheComponents.ME):
            self._set_me(payload["user"])
        if self._on(CacheComponents.GUILDS):
            for guild in payload.get("guilds", ()):
                self._guild(int(guild["id"])).unavailable = True

    def _set_me(self, payload: Payload) -> None:
        if self._me_record is not None:
            self._unref_user(self._me_record)
        self._me = payload
        self._me_record = self._ref_user(payload)

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
        record = self._users.get(to_snowflake(user))
        return user_model(record, self._app) if record is not None else None

    def get_users_view(self) -> Mapping[Snowflake, User]:
        """Every cached user."""
        return CacheView(self._users, functools.partial(user_model, app=self._app))

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
