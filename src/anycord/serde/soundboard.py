"""Soundboard sounds ↔ JSON."""

from __future__ import annotations

import typing

from anycord.models.soundboard import SoundboardSound
from anycord.serde._core import JSONObject, opt_snowflake, register
from anycord.serde.users import decode_user, encode_user
from anycord.snowflakes import Snowflake

if typing.TYPE_CHECKING:
    from anycord.traits import RESTAware

__all__ = ["decode_soundboard_sound", "encode_soundboard_sound"]


def decode_soundboard_sound(p: JSONObject, app: RESTAware | None = None) -> SoundboardSound:
    """A soundboard sound object."""
    user = p.get("user")
    return SoundboardSound(
        app=app,
        sound_id=Snowflake(p["sound_id"]),
        name=p["name"],
        volume=p.get("volume", 1.0),
        emoji_id=opt_snowflake(p.get("emoji_id")),
        emoji_name=p.get("emoji_name"),
        guild_id=opt_snowflake(p.get("guild_id")),
        is_available=p.get("available", True),
        user=None if user is None else decode_user(user, app),
    )


def encode_soundboard_sound(s: SoundboardSound) -> JSONObject:
    """A soundboard sound as Discord sends it."""
    out: JSONObject = {
        "sound_id": str(s.sound_id),
        "name": s.name,
        "volume": s.volume,
        "emoji_id": None if s.emoji_id is None else str(s.emoji_id),
        "emoji_name": s.emoji_name,
        "available": s.is_available,
    }
    if s.guild_id is not None:
        out["guild_id"] = str(s.guild_id)
    if s.user is not None:
        out["user"] = encode_user(s.user)
    return out


register(SoundboardSound, decode=decode_soundboard_sound, encode=encode_soundboard_sound)
