"""Auto-moderation: rules, their triggers and actions (one class per type), and the
execution reported by AUTO_MODERATION_ACTION_EXECUTION (resources/auto-moderation.mdx).

Unknown trigger or action types decode to `UnknownAutoModTrigger` / `UnknownAutoModAction`
with the raw metadata kept, so new Discord features never break decoding.
"""

from __future__ import annotations

import typing

import attrs

from anycord import enums
from anycord.models.base import Unique

if typing.TYPE_CHECKING:
    import datetime
    from collections.abc import Mapping, Sequence

    from anycord.snowflakes import Snowflake
    from anycord.traits import RESTAware

__all__ = [
    "AutoModAction",
    "AutoModActionType",
    "AutoModBlockMemberInteraction",
    "AutoModBlockMessage",
    "AutoModEventType",
    "AutoModKeywordPresetType",
    "AutoModRule",
    "AutoModSendAlertMessage",
    "AutoModTimeout",
    "AutoModTrigger",
    "AutoModTriggerType",
    "AutoModerationActionExecution",
    "KeywordPresetTrigger",
    "KeywordTrigger",
    "MemberProfileTrigger",
    "MentionSpamTrigger",
    "SpamTrigger",
    "UnknownAutoModAction",
    "UnknownAutoModTrigger",
]


class AutoModEventType(enums.IntEnum):
    """When a rule is checked."""

    MESSAGE_SEND = 1
    MEMBER_UPDATE = 2


class AutoModTriggerType(enums.IntEnum):
    """What a rule looks for."""

    KEYWORD = 1
    SPAM = 3
    KEYWORD_PRESET = 4
    MENTION_SPAM = 5
    MEMBER_PROFILE = 6


class AutoModKeywordPresetType(enums.IntEnum):
    """Discord-maintained word lists."""

    PROFANITY = 1
    SEXUAL_CONTENT = 2
    SLURS = 3


class AutoModActionType(enums.IntEnum):
    """What a rule does when it triggers."""

    BLOCK_MESSAGE = 1
    SEND_ALERT_MESSAGE = 2
    TIMEOUT = 3
    BLOCK_MEMBER_INTERACTION = 4


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class AutoModTrigger:
    """Base of the trigger classes; `type` says which."""

    type: AutoModTriggerType


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class KeywordTrigger(AutoModTrigger):
    """Matches keywords (max 1000) and regexes (max 10)."""

    type: AutoModTriggerType = AutoModTriggerType.KEYWORD
    keyword_filter: Sequence[str] = ()
    regex_patterns: Sequence[str] = ()
    allow_list: Sequence[str] = ()


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class MemberProfileTrigger(AutoModTrigger):
    """Matches keywords and regexes in member profiles."""

    type: AutoModTriggerType = AutoModTriggerType.MEMBER_PROFILE
    keyword_filter: Sequence[str] = ()
    regex_patterns: Sequence[str] = ()
    allow_list: Sequence[str] = ()


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class SpamTrigger(AutoModTrigger):
    """Discord's spam detection."""

    type: AutoModTriggerType = AutoModTriggerType.SPAM


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class KeywordPresetTrigger(AutoModTrigger):
    """Discord-maintained word lists."""

    type: AutoModTriggerType = AutoModTriggerType.KEYWORD_PRESET
    presets: Sequence[AutoModKeywordPresetType] = ()
    allow_list: Sequence[str] = ()


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class MentionSpamTrigger(AutoModTrigger):
    """Too many unique mentions in one message."""

    type: AutoModTriggerType = AutoModTriggerType.MENTION_SPAM
    mention_total_limit: int = 0
    mention_raid_protection_enabled: bool = False


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class UnknownAutoModTrigger(AutoModTrigger):
    """A trigger type this release does not know; `metadata` as received."""

    metadata: Mapping[str, typing.Any] = attrs.field(factory=dict)


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class AutoModAction:
    """Base of the action classes; `type` says which."""

    type: AutoModActionType


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class AutoModBlockMessage(AutoModAction):
    """Block the message, optionally showing the member `custom_message` (max 150)."""

    type: AutoModActionType = AutoModActionType.BLOCK_MESSAGE
    custom_message: str | None = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class AutoModSendAlertMessage(AutoModAction):
    """Post an alert in `channel_id`."""

    type: AutoModActionType = AutoModActionType.SEND_ALERT_MESSAGE
    channel_id: Snowflake


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class AutoModTimeout(AutoModAction):
    """Time the member out (max 4 weeks)."""

    type: AutoModActionType = AutoModActionType.TIMEOUT
    duration: datetime.timedelta


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class AutoModBlockMemberInteraction(AutoModAction):
    """Keep the member from interacting in the guild."""

    type: AutoModActionType = AutoModActionType.BLOCK_MEMBER_INTERACTION


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class UnknownAutoModAction(AutoModAction):
    """An action type this release does not know; `metadata` as received."""

    metadata: Mapping[str, typing.Any] | None = None


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class AutoModRule(Unique):
    """An auto-moderation rule."""

    app: RESTAware | None = attrs.field(default=None, repr=False)
    guild_id: Snowflake
    name: str
    creator_id: Snowflake
    event_type: AutoModEventType
    trigger: AutoModTrigger
    actions: Sequence[AutoModAction] = ()
    is_enabled: bool = False
    exempt_role_ids: Sequence[Snowflake] = ()
    exempt_channel_ids: Sequence[Snowflake] = ()


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class AutoModerationActionExecution:
    """A rule triggered and an action ran (AUTO_MODERATION_ACTION_EXECUTION)."""

    guild_id: Snowflake
    action: AutoModAction
    rule_id: Snowflake
    rule_trigger_type: AutoModTriggerType
    user_id: Snowflake
    channel_id: Snowflake | None = None
    message_id: Snowflake | None = None
    alert_system_message_id: Snowflake | None = None
    content: str = ""
    """Empty without the MESSAGE_CONTENT intent."""
    matched_keyword: str | None = None
    matched_content: str | None = None
