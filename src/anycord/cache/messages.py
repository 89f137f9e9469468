"""Messages: the most recent `CacheSettings.max_messages`, oldest evicted first."""

from __future__ import annotations

import functools
import typing

from anycord.cache._state import CacheState
from anycord.cache.views import CacheView, EmptyCacheView
from anycord.config import CacheComponents
from anycord.serde.messages import decode_message
from anycord.snowflakes import to_snowflake

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from anycord.cache._state import Payload
    from anycord.models.messages import Message
    from anycord.snowflakes import Snowflake, SnowflakeishOr

__all__ = ["MessagesMixin"]


class MessagesMixin(CacheState):
    """Message payloads as received, in a bounded insertion-ordered map."""

    def _on_message_create(self, payload: Payload) -> None:
        if payload.get("guild_id") is None and "author" in payload:
            self._remember_dm(int(payload["author"]["id"]), int(payload["channel_id"]))
        limit = self._settings.max_messages
        if not limit or not self._on(CacheComponents.MESSAGES):
            return
        messages = self._messages
        messages[int(payload["id"])] = payload
        if len(messages) > limit:
            messages.popitem(last=False)

    def _remember_dm(self, user_id: int, channel_id: int) -> None:  # overridden by UsersMixin
        pass

    def _on_message_update(self, payload: Payload) -> Callable[[], Message] | None:
        if not self._on(CacheComponents.MESSAGES):
            return None
        message_id = int(payload["id"])
        old = self._messages.get(message_id)
        if old is None:
            return None
        self._messages[message_id] = {**old, **payload}
        return functools.partial(decode_message, old, self._app)

    def _on_message_delete(self, payload: Payload) -> Callable[[], Message] | None:
        old = self._messages.pop(int(payload["id"]), None)
        return functools.partial(decode_message, old, self._app) if old is not None else None

    def _on_message_delete_bulk(
        self, payload: Payload
    ) -> Callable[[], dict[Snowflake, Message]] | None:
        pop = self._messages.pop
        old = [m for m in (pop(int(i), None) for i in payload.get("ids", ())) if m is not None]
        if not old:
            return None
        app = self._app

        def build() -> dict[Snowflake, Message]:
            out: dict[Snowflake, Message] = {}
            for raw in old:
                message = decode_message(raw, app)
                out[message.id] = message
            return out

        return build

    def get_message(self, message: SnowflakeishOr) -> Message | None:
        """A cached message."""
        payload = self._messages.get(to_snowflake(message))
        return decode_message(payload, self._app) if payload is not None else None

    def get_messages_view(self) -> Mapping[Snowflake, Message]:
        """The cached messages, oldest first."""
        if not self._on(CacheComponents.MESSAGES):
            return EmptyCacheView()
        return CacheView(self._messages, functools.partial(decode_message, app=self._app))
