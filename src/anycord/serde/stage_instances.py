"""Stage instances ↔ JSON."""

from __future__ import annotations

import typing

from anycord.enums import try_enum
from anycord.models.stage_instances import StageInstance, StagePrivacyLevel
from anycord.serde._core import JSONObject, opt_snowflake, register
from anycord.snowflakes import Snowflake

if typing.TYPE_CHECKING:
    from anycord.traits import RESTAware

__all__ = ["decode_stage_instance", "encode_stage_instance"]


def decode_stage_instance(p: JSONObject, app: RESTAware | None = None) -> StageInstance:
    """A stage instance object."""
    return StageInstance(
        id=Snowflake(p["id"]),
        app=app,
        guild_id=Snowflake(p["guild_id"]),
        channel_id=Snowflake(p["channel_id"]),
        topic=p["topic"],
        privacy_level=try_enum(StagePrivacyLevel, p.get("privacy_level", 2)),
        is_discoverable_disabled=p.get("discoverable_disabled", False),
        scheduled_event_id=opt_snowflake(p.get("guild_scheduled_event_id")),
    )


def encode_stage_instance(s: StageInstance) -> JSONObject:
    """A stage instance as Discord sends it."""
    return {
        "id": str(s.id),
        "guild_id": str(s.guild_id),
        "channel_id": str(s.channel_id),
        "topic": s.topic,
        "privacy_level": int(s.privacy_level),
        "discoverable_disabled": s.is_discoverable_disabled,
        "guild_scheduled_event_id": None
        if s.scheduled_event_id is None
        else str(s.scheduled_event_id),
    }


register(StageInstance, decode=decode_stage_instance, encode=encode_stage_instance)
