"""Audit logs (resources/audit-log.mdx): the log, its entries (every documented event
type), their changes and options, and the entities the log references.

`AuditLogChange.new_value`/`old_value` are decoded to models where the key makes the type
obvious (permissions → `Permissions`, `$add`/`$remove` → roles, `permission_overwrites` →
overwrites, `*_id` → `Snowflake`, colours → `Color`, timestamps → `datetime`) and kept raw
otherwise.
"""

from __future__ import annotations

import typing

import attrs

from anycord import enums
from anycord.models.base import Unique, require_app

if typing.TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from anycord.models.auto_mod import AutoModRule
    from anycord.models.commands import PartialCommand
    from anycord.models.guild_satellites import IntegrationAccount, IntegrationType
    from anycord.models.scheduled_events import ScheduledEvent
    from anycord.models.users import User
    from anycord.snowflakes import Snowflake
    from anycord.traits import RESTAware

__all__ = [
    "AuditLog",
    "AuditLogChange",
    "AuditLogChangeKey",
    "AuditLogEntry",
    "AuditLogEntryInfo",
    "AuditLogEventType",
    "AuditLogIntegration",
]


class AuditLogEventType(enums.IntEnum):
    """What an audit log entry records (every value documented in audit-log.mdx)."""

    GUILD_UPDATE = 1
    CHANNEL_CREATE = 10
    CHANNEL_UPDATE = 11
    CHANNEL_DELETE = 12
    CHANNEL_OVERWRITE_CREATE = 13
    CHANNEL_OVERWRITE_UPDATE = 14
    CHANNEL_OVERWRITE_DELETE = 15
    MEMBER_KICK = 20
    MEMBER_PRUNE = 21
    MEMBER_BAN_ADD = 22
    MEMBER_BAN_REMOVE = 23
    MEMBER_UPDATE = 24
    MEMBER_ROLE_UPDATE = 25
    MEMBER_MOVE = 26
    MEMBER_DISCONNECT = 27
    BOT_ADD = 28
    ROLE_CREATE = 30
    ROLE_UPDATE = 31
    ROLE_DELETE = 32
    INVITE_CREATE = 40
    INVITE_UPDATE = 41
    INVITE_DELETE = 42
    WEBHOOK_CREATE = 50
    WEBHOOK_UPDATE = 51
    WEBHOOK_DELETE = 52
    EMOJI_CREATE = 60
    EMOJI_UPDATE = 61
    EMOJI_DELETE = 62
    MESSAGE_DELETE = 72
    MESSAGE_BULK_DELETE = 73
    MESSAGE_PIN = 74
    MESSAGE_UNPIN = 75
    INTEGRATION_CREATE = 80
    INTEGRATION_UPDATE = 81
    INTEGRATION_DELETE = 82
    STAGE_INSTANCE_CREATE = 83
    STAGE_INSTANCE_UPDATE = 84
    STAGE_INSTANCE_DELETE = 85
    STICKER_CREATE = 90
    STICKER_UPDATE = 91
    STICKER_DELETE = 92
    GUILD_SCHEDULED_EVENT_CREATE = 100
    GUILD_SCHEDULED_EVENT_UPDATE = 101
    GUILD_SCHEDULED_EVENT_DELETE = 102
    THREAD_CREATE = 110
    THREAD_UPDATE = 111
    THREAD_DELETE = 112
    APPLICATION_COMMAND_PERMISSION_UPDATE = 121
    SOUNDBOARD_SOUND_CREATE = 130
    SOUNDBOARD_SOUND_UPDATE = 131
    SOUNDBOARD_SOUND_DELETE = 132
    AUTO_MODERATION_RULE_CREATE = 140
    AUTO_MODERATION_RULE_UPDATE = 141
    AUTO_MODERATION_RULE_DELETE = 142
    AUTO_MODERATION_BLOCK_MESSAGE = 143
    AUTO_MODERATION_FLAG_TO_CHANNEL = 144
    AUTO_MODERATION_USER_COMMUNICATION_DISABLED = 145
    AUTO_MODERATION_QUARANTINE_USER = 146
    CREATOR_MONETIZATION_REQUEST_CREATED = 150
    CREATOR_MONETIZATION_TERMS_ACCEPTED = 151
    ONBOARDING_PROMPT_CREATE = 163
    ONBOARDING_PROMPT_UPDATE = 164
    ONBOARDING_PROMPT_DELETE = 165
    ONBOARDING_CREATE = 166
    ONBOARDING_UPDATE = 167
    HOME_SETTINGS_CREATE = 190
    HOME_SETTINGS_UPDATE = 191
    VOICE_CHANNEL_STATUS_CREATE = 192
    VOICE_CHANNEL_STATUS_DELETE = 193


class AuditLogChangeKey(enums.StrEnum):
    """Common change keys (any other key is tolerated as an `UNKNOWN_…` member)."""

    NAME = "name"
    DESCRIPTION = "description"
    ICON_HASH = "icon_hash"
    SPLASH_HASH = "splash_hash"
    DISCOVERY_SPLASH_HASH = "discovery_splash_hash"
    BANNER_HASH = "banner_hash"
    OWNER_ID = "owner_id"
    REGION = "region"
    PREFERRED_LOCALE = "preferred_locale"
    AFK_CHANNEL_ID = "afk_channel_id"
    AFK_TIMEOUT = "afk_timeout"
    RULES_CHANNEL_ID = "rules_channel_id"
    PUBLIC_UPDATES_CHANNEL_ID = "public_updates_channel_id"
    SAFETY_ALERTS_CHANNEL_ID = "safety_alerts_channel_id"
    MFA_LEVEL = "mfa_level"
    VERIFICATION_LEVEL = "verification_level"
    EXPLICIT_CONTENT_FILTER = "explicit_content_filter"
    DEFAULT_MESSAGE_NOTIFICATIONS = "default_message_notifications"
    VANITY_URL_CODE = "vanity_url_code"
    PREMIUM_PROGRESS_BAR_ENABLED = "premium_progress_bar_enabled"
    ADD_ROLE_TO_MEMBER = "$add"
    REMOVE_ROLE_FROM_MEMBER = "$remove"
    PRUNE_DELETE_DAYS = "prune_delete_days"
    WIDGET_ENABLED = "widget_enabled"
    WIDGET_CHANNEL_ID = "widget_channel_id"
    SYSTEM_CHANNEL_ID = "system_channel_id"
    POSITION = "position"
    TOPIC = "topic"
    BITRATE = "bitrate"
    PERMISSION_OVERWRITES = "permission_overwrites"
    NSFW = "nsfw"
    APPLICATION_ID = "application_id"
    RATE_LIMIT_PER_USER = "rate_limit_per_user"
    PERMISSIONS = "permissions"
    COLOR = "color"
    COLORS = "colors"
    HOIST = "hoist"
    MENTIONABLE = "mentionable"
    ALLOW = "allow"
    DENY = "deny"
    CODE = "code"
    CHANNEL_ID = "channel_id"
    INVITER_ID = "inviter_id"
    MAX_USES = "max_uses"
    USES = "uses"
    MAX_AGE = "max_age"
    TEMPORARY = "temporary"
    DEAF = "deaf"
    MUTE = "mute"
    NICK = "nick"
    AVATAR_HASH = "avatar_hash"
    ID = "id"
    TYPE = "type"
    ENABLE_EMOTICONS = "enable_emoticons"
    EXPIRE_BEHAVIOR = "expire_behavior"
    EXPIRE_GRACE_PERIOD = "expire_grace_period"
    USER_LIMIT = "user_limit"
    PRIVACY_LEVEL = "privacy_level"
    TAGS = "tags"
    FORMAT_TYPE = "format_type"
    ASSET = "asset"
    AVAILABLE = "available"
    GUILD_ID = "guild_id"
    ARCHIVED = "archived"
    LOCKED = "locked"
    AUTO_ARCHIVE_DURATION = "auto_archive_duration"
    DEFAULT_AUTO_ARCHIVE_DURATION = "default_auto_archive_duration"
    COMMUNICATION_DISABLED_UNTIL = "communication_disabled_until"
    FLAGS = "flags"
    ENTITY_TYPE = "entity_type"
    STATUS = "status"
    LOCATION = "location"
    IMAGE_HASH = "image_hash"
    TRIGGER_TYPE = "trigger_type"
    EVENT_TYPE = "event_type"
    TRIGGER_METADATA = "trigger_metadata"
    ACTIONS = "actions"
    ENABLED = "enabled"
    EXEMPT_ROLES = "exempt_roles"
    EXEMPT_CHANNELS = "exempt_channels"
    SOUND_ID = "sound_id"
    VOLUME = "volume"
    EMOJI_ID = "emoji_id"
    EMOJI_NAME = "emoji_name"
    USER_ID = "user_id"


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class AuditLogChange:
    """One changed field: `old_value` before, `new_value` after (`None` when absent).

    `key` names the field; it is `None` when Discord sends a null key, which its spec allows.
    """

    key: AuditLogChangeKey | None
    new_value: typing.Any = None
    old_value: typing.Any = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class AuditLogEntryInfo:
    """Extra information some entry types carry (audit-log.mdx "Optional Audit Entry Info")."""

    application_id: Snowflake | None = None
    auto_moderation_rule_name: str | None = None
    auto_moderation_rule_trigger_type: str | None = None
    channel_id: Snowflake | None = None
    count: int | None = None
    delete_member_days: int | None = None
    id: Snowflake | None = None
    members_removed: int | None = None
    message_id: Snowflake | None = None
    role_name: str | None = None
    type: str | None = None
    """`"0"` (role) or `"1"` (member) for overwrite entries."""
    integration_type: str | None = None
    status: str | None = None


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class AuditLogEntry(Unique):
    """One action in a guild's audit log."""

    app: RESTAware | None = attrs.field(default=None, repr=False)
    guild_id: Snowflake | None = None
    target_id: Snowflake | None = None
    changes: Sequence[AuditLogChange] = ()
    user_id: Snowflake | None = None
    action_type: AuditLogEventType
    options: AuditLogEntryInfo | None = None
    reason: str | None = None

    async def fetch_user(self) -> User | None:
        """Fetch who made the change, or `None` when the entry names no user."""
        if self.user_id is None:
            return None
        app = require_app(self.app, "AuditLogEntry.fetch_user")
        return await app.rest.fetch_user(self.user_id)


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class AuditLogIntegration(Unique):
    """The partial integration an audit log references (`name` is `None` when Discord sends
    none, which its spec allows)."""

    name: str | None
    type: IntegrationType
    account: IntegrationAccount
    application_id: Snowflake | None = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class AuditLog:
    """A page of a guild's audit log and the entities its entries refer to (all keyed by ID)."""

    entries: Mapping[Snowflake, AuditLogEntry] = attrs.field(factory=dict)
    users: Mapping[Snowflake, User] = attrs.field(factory=dict)
    threads: Mapping[Snowflake, typing.Any] = attrs.field(factory=dict)
    webhooks: Mapping[Snowflake, typing.Any] = attrs.field(factory=dict)
    integrations: Mapping[Snowflake, AuditLogIntegration] = attrs.field(factory=dict)
    application_commands: Mapping[Snowflake, PartialCommand] = attrs.field(factory=dict)
    auto_moderation_rules: Mapping[Snowflake, AutoModRule] = attrs.field(factory=dict)
    scheduled_events: Mapping[Snowflake, ScheduledEvent] = attrs.field(factory=dict)

    def __iter__(self) -> typing.Iterator[AuditLogEntry]:
        return iter(self.entries.values())

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def auto_mod_rules(self) -> Mapping[Snowflake, AutoModRule]:
        """Alias of `auto_moderation_rules`."""
        return self.auto_moderation_rules

    def count(self, value: object) -> int:
        """How many times `value` is among the entries (a sequence's `count`)."""
        return sum(1 for entry in self.entries.values() if entry == value)

    def index(self, value: object, start: int = 0, stop: int | None = None) -> int:
        """The position of `value` among the entries (a sequence's `index`; `ValueError` if
        absent)."""
        entries: list[object] = list(self.entries.values())
        return entries.index(value, start, len(entries) if stop is None else stop)
