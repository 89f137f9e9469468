"""Voice states and regions (resources/voice.mdx)."""

from __future__ import annotations

import typing

import attrs

if typing.TYPE_CHECKING:
    import datetime

    from anycord.models.members import Member
    from anycord.snowflakes import Snowflake
    from anycord.traits import RESTAware

__all__ = ["VoiceRegion", "VoiceState"]


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class VoiceState:
    """A user's voice connection state. `channel_id` is `None` when they left. Equal by
    `(guild_id, user_id)`."""

    app: RESTAware | None = attrs.field(default=None, repr=False)
    guild_id: Snowflake | None = None
    channel_id: Snowflake | None = None
    user_id: Snowflake
    member: Member | None = None
    session_id: str
    is_guild_deafened: bool = False
    is_guild_muted: bool = False
    is_self_deafened: bool = False
    is_self_muted: bool = False
    is_streaming: bool = False
    is_video_enabled: bool = False
    is_suppressed: bool = False
    requested_to_speak_at: datetime.datetime | None = None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, VoiceState):
            return NotImplemented
        return self.guild_id == other.guild_id and self.user_id == other.user_id

    def __hash__(self) -> int:
        return hash((self.guild_id, self.user_id))


@attrs.define(slots=True, kw_only=True, eq=True, weakref_slot=False)
class VoiceRegion:
    """A voice server region."""

    id: str
    name: str
    is_optimal_location: bool = False
    is_deprecated: bool = False
    is_custom: bool = False

    def __str__(self) -> str:
        return self.id
