"""Soundboard sounds (resources/soundboard.mdx). Default sounds have no `guild_id`."""

from __future__ import annotations

import typing

import attrs

if typing.TYPE_CHECKING:
    from anycord.models.users import User
    from anycord.snowflakes import Snowflake
    from anycord.traits import RESTAware

__all__ = ["SoundboardSound"]


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class SoundboardSound:
    """A soundboard sound. Equal (and hashed) by `sound_id`."""

    app: RESTAware | None = attrs.field(default=None, repr=False)
    sound_id: Snowflake
    name: str
    volume: float = 1.0
    emoji_id: Snowflake | None = None
    emoji_name: str | None = None
    guild_id: Snowflake | None = None
    is_available: bool = True
    user: User | None = None

    @property
    def id(self) -> Snowflake:
        """Alias of `sound_id`."""
        return self.sound_id

    @property
    def url(self) -> str:
        """The CDN URL of the sound file."""
        return f"https://cdn.discordapp.com/soundboard-sounds/{self.sound_id}"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SoundboardSound):
            return NotImplemented
        return self.sound_id == other.sound_id

    def __hash__(self) -> int:
        return hash(self.sound_id)
