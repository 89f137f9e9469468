"""Voice states and regions ↔ JSON."""

from __future__ import annotations

import datetime
import typing

from anycord.models.voices import VoiceRegion, VoiceState
from anycord.serde._core import JSONObject, opt_snowflake, register
from anycord.serde.members import decode_member, encode_member
from anycord.snowflakes import Snowflake

if typing.TYPE_CHECKING:
    from anycord.traits import RESTAware

__all__ = ["decode_voice_region", "decode_voice_state", "encode_voice_region", "encode_voice_state"]


def decode_voice_state(
    payload: JSONObject, app: RESTAware | None = None, guild_id: Snowflake | None = None
) -> VoiceState:
    """A voice state (GUILD_CREATE's omit `guild_id`: pass it)."""
    if guild_id is None:
        guild_id = opt_snowflake(payload.get("guild_id"))
    member = payload.get("member")
    requested = payload.get("request_to_speak_timestamp")
    return VoiceState(
        app=app,
        guild_id=guild_id,
        channel_id=opt_snowflake(payload.get("channel_id")),
        user_id=Snowflake(payload["user_id"]),
        member=decode_member(member, app, guild_id)
        if member is not None and guild_id is not None
        else None,
        session_id=payload["session_id"],
        is_guild_deafened=payload.get("deaf", False),
        is_guild_muted=payload.get("mute", False),
        is_self_deafened=payload.get("self_deaf", False),
        is_self_muted=payload.get("self_mute", False),
        is_streaming=payload.get("self_stream", False),
        is_video_enabled=payload.get("self_video", False),
        is_suppressed=payload.get("suppress", False),
        requested_to_speak_at=datetime.datetime.fromisoformat(requested)
        if requested is not None
        else None,
    )


def encode_voice_state(state: VoiceState) -> JSONObject:
    """A voice state as Discord sends it."""
    out: JSONObject = {
        "guild_id": str(state.guild_id) if state.guild_id is not None else None,
        "channel_id": str(state.channel_id) if state.channel_id is not None else None,
        "user_id": str(state.user_id),
        "session_id": state.session_id,
        "deaf": state.is_guild_deafened,
        "mute": state.is_guild_muted,
        "self_deaf": state.is_self_deafened,
        "self_mute": state.is_self_muted,
        "self_stream": state.is_streaming,
        "self_video": state.is_video_enabled,
        "suppress": state.is_suppressed,
        "request_to_speak_timestamp": state.requested_to_speak_at.isoformat()
        if state.requested_to_speak_at is not None
        else None,
    }
    if state.member is not None:
        out["member"] = encode_member(state.member)
    return out


def decode_voice_region(payload: JSONObject, app: RESTAware | None = None) -> VoiceRegion:
    """A voice region."""
    return VoiceRegion(
        id=payload["id"],
        name=payload["name"],
        is_optimal_location=payload.get("optimal", False),
        is_deprecated=payload.get("deprecated", False),
        is_custom=payload.get("custom", False),
    )


def encode_voice_region(region: VoiceRegion) -> JSONObject:
    """A voice region as Discord sends it."""
    return {
        "id": region.id,
        "name": region.name,
        "optimal": region.is_optimal_location,
        "deprecated": region.is_deprecated,
        "custom": region.is_custom,
    }


register(VoiceState, decode=decode_voice_state, encode=encode_voice_state)
register(VoiceRegion, decode=decode_voice_region, encode=encode_voice_region)
