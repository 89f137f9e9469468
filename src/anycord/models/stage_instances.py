"""Stage instances (resources/stage-instance.mdx)."""

from __future__ import annotations

import typing

import attrs

from anycord import enums
from anycord.models.base import Unique

if typing.TYPE_CHECKING:
    from anycord.snowflakes import Snowflake
    from anycord.traits import RESTAware

__all__ = ["StageInstance", "StagePrivacyLevel"]


class StagePrivacyLevel(enums.IntEnum):
    """Who can see a stage instance (PUBLIC is deprecated by Discord)."""

    PUBLIC = 1
    GUILD_ONLY = 2


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class StageInstance(Unique):
    """A live stage in a stage channel."""

    app: RESTAware | None = attrs.field(default=None, repr=False)
    guild_id: Snowflake
    channel_id: Snowflake
    topic: str
    privacy_level: StagePrivacyLevel = StagePrivacyLevel.GUILD_ONLY
    is_discoverable_disabled: bool = False
    scheduled_event_id: Snowflake | None = None


StageInstancePrivacyLevel = StagePrivacyLevel
"""hikari's name for `StagePrivacyLevel`."""
