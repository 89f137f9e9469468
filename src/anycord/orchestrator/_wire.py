"""JSON forms of the gateway commands the orchestrator forwards, and how a shard applies them.

Commands travel as the `d` object Discord documents for their opcode (op 3 presence, op 4
voice state, op 8 request guild members, op 31 soundboard sounds), built and validated by
`anycord.gateway.commands` on the *sending* side, so a bad request fails where it was made.
A presence command carries only the fields that were given: unset fields keep the values the
shard already has.
"""

from __future__ import annotations

import datetime
import typing

from anycord.gateway import commands
from anycord.undefined import UNDEFINED

if typing.TYPE_CHECKING:
    from collections.abc import Mapping

    from anycord.gateway.shard import GatewayShard
    from anycord.orchestrator.coordinator import ShardCommand
    from anycord.undefined import UndefinedNoneOr, UndefinedOr

__all__ = ["apply_command", "encode_presence", "presence_arguments"]


def encode_presence(
    *,
    status: UndefinedOr[object] = UNDEFINED,
    idle_since: UndefinedNoneOr[datetime.datetime] = UNDEFINED,
    activity: UndefinedNoneOr[object] = UNDEFINED,
    afk: UndefinedOr[bool] = UNDEFINED,
) -> dict[str, typing.Any]:
    """The given presence fields in op 3 form (`status`, `since`, `activities`, `afk`)."""
    out: dict[str, typing.Any] = {}
    if status is not UNDEFINED:
        out["status"] = commands.status_value(status)
    if idle_since is not UNDEFINED:
        if idle_since is not None and idle_since.tzinfo is None:
            msg = f"idle_since must be timezone-aware, got {idle_since!r}"
            raise ValueError(msg)
        out["since"] = None if idle_since is None else int(idle_since.timestamp() * 1000)
    if activity is not UNDEFINED:
        out["activities"] = [] if activity is None else [commands.activity_payload(activity)]
    if afk is not UNDEFINED:
        out["afk"] = bool(afk)
    return out


def presence_arguments(presence: Mapping[str, typing.Any]) -> dict[str, typing.Any]:
    """Keyword arguments for `GatewayShard.update_presence` from an op 3 form (given keys only)."""
    out: dict[str, typing.Any] = {}
    if "status" in presence:
        out["status"] = str(presence["status"])
    if "since" in presence:
        since = presence["since"]
        out["idle_since"] = (
            None
            if since is None
            else datetime.datetime.fromtimestamp(int(since) / 1000, tz=datetime.UTC)
        )
    if "activities" in presence:
        activities = presence["activities"] or []
        out["activity"] = dict(activities[0]) if activities else None
    if "afk" in presence:
        out["afk"] = bool(presence["afk"])
    return out


async def apply_command(shard: GatewayShard, command: ShardCommand) -> None:
    """Send `command` on `shard` (waits for a ready connection, like the shard's own methods)."""
    payload = command.payload
    if command.kind == "presence":
        await shard.update_presence(**presence_arguments(payload))
    elif command.kind == "voice_state":
        await shard.update_voice_state(
            payload["guild_id"],
            payload.get("channel_id"),
            self_mute=bool(payload.get("self_mute", False)),
            self_deaf=bool(payload.get("self_deaf", False)),
        )
    elif command.kind == "request_members":
        users = payload.get("user_ids")
        nonce = payload.get("nonce")
        presences = payload.get("presences")
        await shard.request_guild_members(
            payload["guild_id"],
            include_presences=UNDEFINED if presences is None else bool(presences),
            query=str(payload.get("query", "")),
            limit=int(payload.get("limit", 0)),
            users=UNDEFINED if users is None else list(users),
            nonce=UNDEFINED if nonce is None else str(nonce),
        )
    elif command.kind == "soundboard_sounds":
        await shard.request_soundboard_sounds(payload.get("guild_ids") or [])
    else:
        msg = f"unknown orchestrator command kind {command.kind!r}"
        raise ValueError(msg)
