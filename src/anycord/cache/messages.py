"""Messages: the most recent `CacheSettings.max_messages`, oldest evicted first.

Reactions on cached messages follow the reaction dispatches: counts (normal and burst), the
bot's own `me`/`me_burst`, an entry added on the first reaction with an emoji and removed
with the last, all cleared by MESSAGE_REACTION_REMOVE_ALL, one emoji by
MESSAGE_REACTION_REMOVE_EMOJI. A message that is not cached is left alone (its reactions are
unknown, so nothing is made up).
"""

from __future__ import annotations

import functools
import logging
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
    from anycord.traits import RESTAware

__all__ = ["MessagesMixin"]

_LOGGER = logging.getLogger("anycord.cache")


def _decoded(raw: Payload, app: RESTAware | None) -> Message | None:
    # Messages are cached raw and decoded on demand. One Discord sent in a shape the decoder
    # cannot read is left out (`None`), never allowed to break a later event or read: the
    # cache holds only what decodes.
    try:
        return decode_message(raw, app)
    except Exception:
        _LOGGER.warning("cached message %s could not be decoded; left out", raw.get("id"))
        return None


def _emoji_key(emoji: Payload) -> str | None:
    # Custom emojis are one by ID (names change); Unicode ones by the character itself.
    emoji_id = emoji.get("id")
    return f"id:{emoji_id}" if emoji_id is not None else emoji.get("name")


def _copy_reaction(reaction: Payload) -> Payload:
    # Cached payloads are never changed in place: an event or a thunk may still hold them.
    details = reaction.get("count_details") or {}
    return {
        **reaction,
        "count_details": {"burst": details.get("burst", 0), "normal": details.get("normal", 0)},
    }


class MessagesMixin(CacheState):
    """Message payloads as received, in a bounded insertion-ordered map."""

    def apply_message_create(self, payload: Payload) -> None:
        if payload.get("guild_id") is None and "author" in payload:
            self._remember_dm(int(payload["author"]["id"]), int(payload["channel_id"]))
        limit = self._message_limit
        if limit:
            messages = self._messages
            messages[int(payload["id"])] = payload
            if len(messages) > limit:
                messages.popitem(last=False)

    def _remember_dm(self, user_id: int, channel_id: int) -> None:  # overridden by UsersMixin
        pass

    def apply_message_update(self, payload: Payload) -> Callable[[], Message | None] | None:
        if not self._on(CacheComponents.MESSAGES):
            return None
        message_id = int(payload["id"])
        old = self._messages.get(message_id)
        if old is None:
            return None
        self._messages[message_id] = {**old, **payload}
        return functools.partial(_decoded, old, self._app)

    def apply_message_delete(self, payload: Payload) -> Callable[[], Message | None] | None:
        old = self._messages.pop(int(payload["id"]), None)
        return functools.partial(_decoded, old, self._app) if old is not None else None

    def apply_message_delete_bulk(
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
                message = _decoded(raw, app)
                if message is not None:
                    out[message.id] = message
            return out

        return build

    # -- reactions ---------------------------------------------------------------------------

    def _reacted(self, payload: Payload) -> tuple[int, Payload, list[Payload], int] | None:
        # (message ID, cached message, a copy of its reactions, index of the emoji or -1)
        if not self._on(CacheComponents.MESSAGES):
            return None
        message_id = int(payload["message_id"])
        message = self._messages.get(message_id)
        if message is None:
            return None
        reactions = list(message.get("reactions") or ())
        key = _emoji_key(payload["emoji"])
        for index, reaction in enumerate(reactions):
            if _emoji_key(reaction.get("emoji") or {}) == key:
                return message_id, message, reactions, index
        return message_id, message, reactions, -1

    def _is_me(self, user_id: str | int | None) -> bool:
        me = self._me_id
        return me is not None and user_id is not None and me == int(user_id)

    def apply_reaction_add(self, payload: Payload) -> None:
        found = self._reacted(payload)
        if found is None:
            return
        message_id, message, reactions, index = found
        burst = bool(payload.get("burst"))
        mine = self._is_me(payload.get("user_id"))
        if index < 0:
            reaction: Payload = {
                "count": 0,
                "count_details": {"burst": 0, "normal": 0},
                "me": False,
                "me_burst": False,
                "burst_colors": list(payload.get("burst_colors") or ()),
                "emoji": payload["emoji"],
            }
            reactions.append(reaction)
        else:
            reaction = reactions[index] = _copy_reaction(reactions[index])
        reaction["count"] = reaction.get("count", 0) + 1
        reaction["count_details"]["burst" if burst else "normal"] += 1
        if mine:
            reaction["me_burst" if burst else "me"] = True
        self._messages[message_id] = {**message, "reactions": reactions}

    def apply_reaction_remove(self, payload: Payload) -> None:
        found = self._reacted(payload)
        if found is None or found[3] < 0:
            return
        message_id, message, reactions, index = found
        burst = bool(payload.get("burst"))
        reaction = reactions[index] = _copy_reaction(reactions[index])
        details = reaction["count_details"]
        kind = "burst" if burst else "normal"
        details[kind] = max(0, details[kind] - 1)
        reaction["count"] = max(0, reaction.get("count", 0) - 1)
        if self._is_me(payload.get("user_id")):
            reaction["me_burst" if burst else "me"] = False
        if reaction["count"] == 0:
            del reactions[index]
        self._messages[message_id] = {**message, "reactions": reactions}

    def apply_reaction_remove_all(self, payload: Payload) -> None:
        if not self._on(CacheComponents.MESSAGES):
            return
        message_id = int(payload["message_id"])
        message = self._messages.get(message_id)
        if message is not None and message.get("reactions"):
            self._messages[message_id] = {**message, "reactions": []}

    def apply_reaction_remove_emoji(self, payload: Payload) -> None:
        found = self._reacted(payload)
        if found is None or found[3] < 0:
            return
        message_id, message, reactions, index = found
        del reactions[index]
        self._messages[message_id] = {**message, "reactions": reactions}

    # -- reads -------------------------------------------------------------------------------

    def get_message(self, message: SnowflakeishOr) -> Message | None:
        """A cached message."""
        message_id = to_snowflake(message)
        payload = self._messages.get(message_id)
        if payload is None:
            return None
        decoded = _decoded(payload, self._app)
        if decoded is None:
            self._messages.pop(message_id, None)
        return decoded

    def get_messages_view(self) -> Mapping[Snowflake, Message]:
        """The cached messages, oldest first."""
        if not self._on(CacheComponents.MESSAGES):
            return EmptyCacheView()
        return CacheView(self._messages, functools.partial(decode_message, app=self._app))
