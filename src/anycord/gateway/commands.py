"""Payloads the shard sends (ops 3, 4, 8, 31, 43), built and validated before anything is sent.

Each builder returns the `d` object of one gateway command. Validation errors are raised here,
with the bad value named, so a bad call never reaches the socket. Presence and activity are
sent as Discord documents them today (`activities`, not the legacy `game`).

Activities: a `Mapping` is sent as given; any other object is read for the four fields a bot
may set (`name`, `type`, `url`, `state`). `anycord.models.presences.Activity` fits that shape.
A custom status (type 4) given only a `name` is sent with that text as `state`, which is where
Discord reads a custom status from.
"""

from __future__ import annotations

import enum
import typing

from anycord.errors import MissingIntentError
from anycord.intents import Intents
from anycord.snowflakes import to_snowflake
from anycord.undefined import UNDEFINED

if typing.TYPE_CHECKING:
    import datetime
    from collections.abc import Iterable

    from anycord.snowflakes import SnowflakeishOr
    from anycord.undefined import UndefinedOr

__all__ = [
    "CHANNEL_INFO_FIELDS",
    "activity_payload",
    "presence_payload",
    "request_channel_info_payload",
    "request_guild_members_payload",
    "request_soundboard_sounds_payload",
    "status_value",
    "voice_state_payload",
]

_STATUSES: typing.Final = frozenset({"online", "dnd", "idle", "invisible", "offline"})
_CUSTOM_ACTIVITY: typing.Final = 4
_STREAMING_ACTIVITY: typing.Final = 1
_MAX_NONCE_BYTES: typing.Final = 32
_MAX_MEMBER_IDS: typing.Final = 100

CHANNEL_INFO_FIELDS: typing.Final[tuple[str, ...]] = ("status", "voice_start_time")
"""The fields op 43 may ask for, as Discord documents them (gateway-events.mdx)."""


def status_value(status: object) -> str:
    """The wire value of a status; `offline` is sent as `invisible` (a bot cannot be "offline")."""
    value = status.value if isinstance(status, enum.Enum) else status
    if not isinstance(value, str) or value not in _STATUSES:
        msg = f"status must be one of {sorted(_STATUSES)}, not {status!r}"
        raise ValueError(msg)
    return "invisible" if value == "offline" else value


def activity_payload(activity: object) -> dict[str, typing.Any]:
    """One activity: a mapping as given, or `name`/`type`/`url`/`state` read off an object."""
    if isinstance(activity, typing.Mapping):
        return dict(activity)
    name = getattr(activity, "name", None)
    if not isinstance(name, str):
        msg = f"activity needs a str name, got {activity!r}"
        raise TypeError(msg)
    raw_type = getattr(activity, "type", 0)
    activity_type = int(raw_type.value if isinstance(raw_type, enum.Enum) else raw_type)
    out: dict[str, typing.Any] = {"name": name, "type": activity_type}
    url = getattr(activity, "url", None)
    state = getattr(activity, "state", None)
    if url is not None:
        if activity_type != _STREAMING_ACTIVITY:
            msg = f"activity url is only for streaming (type 1), not type {activity_type}"
            raise ValueError(msg)
        out["url"] = str(url)
    if activity_type == _CUSTOM_ACTIVITY and state is None:
        out["name"], state = "Custom Status", name
    if state is not None:
        out["state"] = str(state)
    return out


def presence_payload(
    *, idle_since: datetime.datetime | None, afk: bool, activity: object | None, status: object
) -> dict[str, typing.Any]:
    """An op 3 / IDENTIFY `presence` object."""
    since: int | None = None
    if idle_since is not None:
        if idle_since.tzinfo is None:
            msg = f"idle_since must be timezone-aware, got {idle_since!r}"
            raise ValueError(msg)
        since = int(idle_since.timestamp() * 1000)
    return {
        "since": since,
        "activities": [] if activity is None else [activity_payload(activity)],
        "status": status_value(status),
        "afk": bool(afk),
    }


def voice_state_payload(
    guild: SnowflakeishOr,
    channel: SnowflakeishOr | None,
    *,
    self_mute: UndefinedOr[bool] = UNDEFINED,
    self_deaf: UndefinedOr[bool] = UNDEFINED,
) -> dict[str, typing.Any]:
    """An op 4 object. Discord requires both flags, so an unset flag is sent as False."""
    return {
        "guild_id": str(to_snowflake(guild)),
        "channel_id": None if channel is None else str(to_snowflake(channel)),
        "self_mute": bool(self_mute) if self_mute is not UNDEFINED else False,
        "self_deaf": bool(self_deaf) if self_deaf is not UNDEFINED else False,
    }


def request_guild_members_payload(
    guild: SnowflakeishOr,
    *,
    intents: Intents,
    include_presences: UndefinedOr[bool] = UNDEFINED,
    query: str = "",
    limit: int = 0,
    users: UndefinedOr[Iterable[SnowflakeishOr]] = UNDEFINED,
    nonce: UndefinedOr[str] = UNDEFINED,
) -> dict[str, typing.Any]:
    """An op 8 object, checked in hikari's order (intents first, then the argument rules)."""
    if not query and not limit and not (intents & Intents.GUILD_MEMBERS):
        raise MissingIntentError(
            Intents.GUILD_MEMBERS, "requesting all members needs the GUILD_MEMBERS intent"
        )
    if (
        include_presences is not UNDEFINED
        and include_presences
        and not (intents & Intents.GUILD_PRESENCES)
    ):
        raise MissingIntentError(
            Intents.GUILD_PRESENCES, "include_presences needs the GUILD_PRESENCES intent"
        )
    user_ids: list[str] | None = None
    if users is not UNDEFINED:
        if query or limit:
            msg = f"users cannot be combined with query ({query!r}) or limit ({limit!r})"
            raise ValueError(msg)
        user_ids = [str(to_snowflake(user)) for user in users]
        if len(user_ids) > _MAX_MEMBER_IDS:
            msg = f"at most {_MAX_MEMBER_IDS} users may be requested at once, not {len(user_ids)}"
            raise ValueError(msg)
    if not 0 <= limit <= _MAX_MEMBER_IDS:
        msg = f"limit must be between 0 and {_MAX_MEMBER_IDS}, not {limit!r}"
        raise ValueError(msg)
    if nonce is not UNDEFINED and len(nonce.encode("utf-8")) > _MAX_NONCE_BYTES:
        msg = f"nonce must be at most {_MAX_NONCE_BYTES} UTF-8 bytes, not {nonce!r}"
        raise ValueError(msg)
    out: dict[str, typing.Any] = {
        "guild_id": str(to_snowflake(guild)),
        "query": query,
        "limit": limit,
    }
    if include_presences is not UNDEFINED:
        out["presences"] = bool(include_presences)
    if user_ids is not None:
        out["user_ids"] = user_ids
    if nonce is not UNDEFINED:
        out["nonce"] = nonce
    return out


def request_soundboard_sounds_payload(guilds: Iterable[SnowflakeishOr]) -> dict[str, typing.Any]:
    """An op 31 object; at least one guild."""
    guild_ids = [str(to_snowflake(guild)) for guild in guilds]
    if not guild_ids:
        msg = "request_soundboard_sounds needs at least one guild"
        raise ValueError(msg)
    return {"guild_ids": guild_ids}


def request_channel_info_payload(
    guild: SnowflakeishOr, fields: Iterable[str]
) -> dict[str, typing.Any]:
    """An op 43 object: at least one of `CHANNEL_INFO_FIELDS`, each once, in the order given.

    A bare string is refused (it would be read as a list of letters); so is a field Discord
    does not document, which would otherwise be a silent no-op on the wire.
    """
    if isinstance(fields, (str, bytes)):
        msg = f"fields must be an iterable of field names, not the string {fields!r}"
        raise TypeError(msg)
    wanted: list[str] = []
    for field in fields:
        if not isinstance(field, str) or field not in CHANNEL_INFO_FIELDS:
            msg = f"unknown channel info field {field!r}; expected some of {list(CHANNEL_INFO_FIELDS)}"
            raise ValueError(msg)
        if field not in wanted:
            wanted.append(field)
    if not wanted:
        msg = f"request_channel_info needs at least one field of {list(CHANNEL_INFO_FIELDS)}"
        raise ValueError(msg)
    return {"guild_id": str(to_snowflake(guild)), "fields": wanted}
