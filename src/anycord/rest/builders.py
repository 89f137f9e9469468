"""Builders for the complex request bodies the REST client sends.

Each builder is a plain attrs class; `build()` checks what Discord documents as limits and
raises `ValueError` naming the bad value before anything is sent, then returns the exact
JSON body. The endpoint methods (`create_forum_post`, `create_*_event`,
`create_auto_mod_rule`, `edit_guild_onboarding`) use them, and users may pass them directly.

Limits come from docs/developers/resources/*.mdx and the OpenAPI spec:
- forum posts: name 1-100, at most 5 applied tags, auto-archive 60/1440/4320/10080 minutes,
  slow mode 0-21600 s, message content at most 2000 characters;
- scheduled events: name 1-100, description at most 1000, external location 1-100, an end
  time after the start (required for external events), a channel for stage/voice events;
- auto-moderation: at most 1000 keywords (60 characters each), 10 regexes (260 each), 100
  allow-list entries (1000 for keyword presets, 60 each), 50 mentions, 20 exempt roles,
  50 exempt channels, timeouts up to 4 weeks, block messages up to 150 characters;
- onboarding: at most 15 prompts, 500 default channels; prompt titles 1-100 with 1-50
  options; option titles 1-50, descriptions up to 100, at most 50 roles and 50 channels.
"""

from __future__ import annotations

import datetime
import typing

import attrs

from anycord.models.auto_mod import (
    AutoModAction,
    AutoModBlockMessage,
    AutoModEventType,
    AutoModTimeout,
    AutoModTrigger,
    KeywordPresetTrigger,
    KeywordTrigger,
    MemberProfileTrigger,
    MentionSpamTrigger,
)
from anycord.models.scheduled_events import EventPrivacyLevel, ScheduledEventType
from anycord.rest.endpoints._fields import (
    check_each_len,
    check_len,
    check_one_of,
    check_range,
    id_list,
    iso,
    put,
    str_id,
)
from anycord.serde.auto_mod import encode_action, encode_trigger_metadata
from anycord.serde.scheduled_events import encode_recurrence_rule
from anycord.undefined import UNDEFINED, UndefinedNoneOr, UndefinedOr

if typing.TYPE_CHECKING:
    from collections.abc import Sequence

    from anycord.models.scheduled_events import RecurrenceRule
    from anycord.snowflakes import SnowflakeishOr

__all__ = [
    "AUTO_ARCHIVE_DURATIONS",
    "AutoModRuleBuilder",
    "OnboardingOptionBuilder",
    "OnboardingPromptBuilder",
    "ScheduledEventBuilder",
    "ThreadSettings",
    "build_onboarding",
    "validate_auto_mod_actions",
    "validate_auto_mod_trigger",
]

AUTO_ARCHIVE_DURATIONS: typing.Final = (60, 1440, 4320, 10080)
"""Minutes of inactivity after which Discord archives a thread (the only accepted values)."""

_MAX_TIMEOUT = datetime.timedelta(days=28)


@attrs.define(slots=True, kw_only=True)
class ThreadSettings:
    """The thread part of a new thread or forum post (name, archive, slow mode, tags)."""

    name: str
    auto_archive_duration: UndefinedOr[int] = UNDEFINED
    rate_limit_per_user: UndefinedNoneOr[int] = UNDEFINED
    applied_tags: UndefinedOr[Sequence[SnowflakeishOr]] = UNDEFINED
    invitable: UndefinedOr[bool] = UNDEFINED
    type: UndefinedOr[int] = UNDEFINED

    def build(self) -> dict[str, typing.Any]:
        """The JSON fields; `ValueError` for a limit Discord documents."""
        check_len("thread name", self.name, 1, 100)
        check_one_of("auto_archive_duration", self.auto_archive_duration, AUTO_ARCHIVE_DURATIONS)
        check_range("rate_limit_per_user", self.rate_limit_per_user, 0, 21600)
        check_len("applied_tags", self.applied_tags, 0, 5)
        return put(
            {"name": self.name},
            auto_archive_duration=self.auto_archive_duration,
            rate_limit_per_user=self.rate_limit_per_user,
            applied_tags=id_list(self.applied_tags),
            invitable=self.invitable,
            type=self.type if self.type is UNDEFINED else int(self.type),
        )


@attrs.define(slots=True, kw_only=True)
class ScheduledEventBuilder:
    """A scheduled event to create or the fields to change (only given fields are sent).

    `creating=True` (what `build()` is called with on create) also requires what Discord
    requires on creation: a name and start time, a channel for stage and voice events, and
    a location and end time for external ones.
    """

    name: UndefinedOr[str] = UNDEFINED
    entity_type: UndefinedOr[ScheduledEventType] = UNDEFINED
    start_time: UndefinedOr[datetime.datetime] = UNDEFINED
    end_time: UndefinedNoneOr[datetime.datetime] = UNDEFINED
    channel: UndefinedNoneOr[SnowflakeishOr] = UNDEFINED
    location: UndefinedOr[str] = UNDEFINED
    description: UndefinedNoneOr[str] = UNDEFINED
    privacy_level: UndefinedOr[EventPrivacyLevel] = UNDEFINED
    status: UndefinedOr[int] = UNDEFINED
    image: UndefinedNoneOr[str] = UNDEFINED
    """A `data:` URI (endpoint methods convert uploads with `files.to_data_uri`)."""
    recurrence_rule: UndefinedNoneOr[RecurrenceRule] = UNDEFINED

    def build(self, *, creating: bool = False) -> dict[str, typing.Any]:
        """The JSON body; `ValueError` for a limit or a missing required field."""
        check_len("event name", self.name, 1, 100)
        check_len("event description", self.description, 0, 1000)
        check_len("event location", self.location, 1, 100)
        kind = self.entity_type
        if creating:
            if self.name is UNDEFINED or self.start_time is UNDEFINED or kind is UNDEFINED:
                msg = "a new scheduled event needs a name, a start time and an entity type"
                raise ValueError(msg)
            if kind == ScheduledEventType.EXTERNAL:
                if self.location is UNDEFINED or self.end_time in (UNDEFINED, None):
                    msg = "an external scheduled event needs a location and an end time"
                    raise ValueError(msg)
            elif self.channel in (UNDEFINED, None):
                msg = f"a {kind.name.lower()} scheduled event needs a channel"
                raise ValueError(msg)
        start, end = self.start_time, self.end_time
        if (
            isinstance(start, datetime.datetime)
            and isinstance(end, datetime.datetime)
            and _aware(end) <= _aware(start)
        ):
            msg = f"the event ends ({end.isoformat()}) before it starts ({start.isoformat()})"
            raise ValueError(msg)
        body = put(
            {},
            name=self.name,
            entity_type=self.entity_type if kind is UNDEFINED else int(kind),
            scheduled_start_time=iso(self.start_time),
            scheduled_end_time=iso(self.end_time),
            description=self.description,
            privacy_level=(
                int(self.privacy_level)
                if self.privacy_level is not UNDEFINED
                else (int(EventPrivacyLevel.GUILD_ONLY) if creating else UNDEFINED)
            ),
            status=self.status if self.status is UNDEFINED else int(self.status),
            image=self.image,
        )
        if self.channel is not UNDEFINED:
            body["channel_id"] = str_id(self.channel) if self.channel is not None else None
        if self.location is not UNDEFINED:
            body["entity_metadata"] = {"location": self.location}
        if self.recurrence_rule is not UNDEFINED:
            rule = self.recurrence_rule
            body["recurrence_rule"] = None if rule is None else encode_recurrence_rule(rule)
        return body


def _aware(value: datetime.datetime) -> datetime.datetime:
    return value if value.tzinfo else value.replace(tzinfo=datetime.UTC)


def validate_auto_mod_trigger(trigger: AutoModTrigger) -> None:
    """`ValueError` when a trigger's metadata exceeds a documented limit."""
    if isinstance(trigger, (KeywordTrigger, MemberProfileTrigger)):
        check_len("keyword_filter", trigger.keyword_filter, 0, 1000)
        check_each_len("keyword", trigger.keyword_filter, 60)
        check_len("regex_patterns", trigger.regex_patterns, 0, 10)
        check_each_len("regex pattern", trigger.regex_patterns, 260)
        check_len("allow_list", trigger.allow_list, 0, 100)
        check_each_len("allow_list entry", trigger.allow_list, 60)
    elif isinstance(trigger, KeywordPresetTrigger):
        check_len("allow_list", trigger.allow_list, 0, 1000)
        check_each_len("allow_list entry", trigger.allow_list, 60)
    elif isinstance(trigger, MentionSpamTrigger):
        check_range("mention_total_limit", trigger.mention_total_limit, 0, 50)


def validate_auto_mod_actions(actions: Sequence[AutoModAction]) -> None:
    """`ValueError` when an action exceeds a documented limit."""
    for action in actions:
        if isinstance(action, AutoModTimeout) and not (
            datetime.timedelta(0) <= action.duration <= _MAX_TIMEOUT
        ):
            msg = f"an auto-moderation timeout lasts at most 4 weeks, not {action.duration}"
            raise ValueError(msg)
        if isinstance(action, AutoModBlockMessage):
            check_len("custom_message", action.custom_message, 0, 150)


@attrs.define(slots=True, kw_only=True)
class AutoModRuleBuilder:
    """An auto-moderation rule to create, or the fields to change."""

    name: UndefinedOr[str] = UNDEFINED
    event_type: UndefinedOr[AutoModEventType] = UNDEFINED
    trigger: UndefinedOr[AutoModTrigger] = UNDEFINED
    actions: UndefinedOr[Sequence[AutoModAction]] = UNDEFINED
    enabled: UndefinedOr[bool] = UNDEFINED
    exempt_roles: UndefinedOr[Sequence[SnowflakeishOr]] = UNDEFINED
    exempt_channels: UndefinedOr[Sequence[SnowflakeishOr]] = UNDEFINED

    def build(self, *, creating: bool = False) -> dict[str, typing.Any]:
        """The JSON body (`trigger_type` only on creation: Discord cannot change it)."""
        if creating and (
            self.name is UNDEFINED
            or self.event_type is UNDEFINED
            or self.trigger is UNDEFINED
            or self.actions is UNDEFINED
        ):
            msg = "a new auto-moderation rule needs a name, an event type, a trigger and actions"
            raise ValueError(msg)
        check_len("rule name", self.name, 1, 100)
        check_len("exempt_roles", self.exempt_roles, 0, 20)
        check_len("exempt_channels", self.exempt_channels, 0, 50)
        body = put(
            {},
            name=self.name,
            event_type=self.event_type if self.event_type is UNDEFINED else int(self.event_type),
            enabled=self.enabled,
            exempt_roles=id_list(self.exempt_roles),
            exempt_channels=id_list(self.exempt_channels),
        )
        if self.trigger is not UNDEFINED:
            validate_auto_mod_trigger(self.trigger)
            if creating:
                body["trigger_type"] = int(self.trigger.type)
            metadata = encode_trigger_metadata(self.trigger)
            if metadata:
                body["trigger_metadata"] = metadata
        if self.actions is not UNDEFINED:
            validate_auto_mod_actions(self.actions)
            body["actions"] = [encode_action(a) for a in self.actions]
        return body


@attrs.define(slots=True, kw_only=True)
class OnboardingOptionBuilder:
    """One answer of an onboarding prompt (`id` only when changing an existing option)."""

    title: str
    description: str | None = None
    channels: Sequence[SnowflakeishOr] = ()
    roles: Sequence[SnowflakeishOr] = ()
    emoji_id: SnowflakeishOr | None = None
    emoji_name: str | None = None
    emoji_animated: bool | None = None
    id: SnowflakeishOr | None = None

    def build(self) -> dict[str, typing.Any]:
        """The JSON object; `ValueError` for a documented limit."""
        check_len("option title", self.title, 1, 50)
        check_len("option description", self.description, 0, 100)
        check_len("option channels", self.channels, 0, 50)
        check_len("option roles", self.roles, 0, 50)
        check_len("option emoji_name", self.emoji_name, 0, 100)
        if not self.channels and not self.roles:
            msg = f"onboarding option {self.title!r} must give at least one role or channel"
            raise ValueError(msg)
        out: dict[str, typing.Any] = {
            "title": self.title,
            "description": self.description,
            "channel_ids": id_list(self.channels),
            "role_ids": id_list(self.roles),
        }
        if self.id is not None:
            out["id"] = str_id(self.id)
        if self.emoji_id is not None:
            out["emoji_id"] = str_id(self.emoji_id)
        if self.emoji_name is not None:
            out["emoji_name"] = self.emoji_name
        if self.emoji_animated is not None:
            out["emoji_animated"] = self.emoji_animated
        return out


@attrs.define(slots=True, kw_only=True)
class OnboardingPromptBuilder:
    """An onboarding question with its options.

    Discord requires an `id` for every prompt, even a new one: any unique snowflake-like
    number works for new prompts (the default, 0, is replaced by the prompt's index + 1).
    """

    title: str
    options: Sequence[OnboardingOptionBuilder]
    type: int = 0
    single_select: bool = False
    required: bool = False
    in_onboarding: bool = True
    id: SnowflakeishOr = 0

    def build(self, index: int = 0) -> dict[str, typing.Any]:
        """The JSON object; `ValueError` for a documented limit."""
        check_len("prompt title", self.title, 1, 100)
        check_len(f"options of prompt {self.title!r}", self.options, 1, 50)
        prompt_id = str_id(self.id)
        return {
            "id": prompt_id if prompt_id != "0" else str(index + 1),
            "type": int(self.type),
            "title": self.title,
            "options": [o.build() for o in self.options],
            "single_select": self.single_select,
            "required": self.required,
            "in_onboarding": self.in_onboarding,
        }


def build_onboarding(
    prompts: UndefinedOr[Sequence[OnboardingPromptBuilder | dict[str, typing.Any]]],
    default_channels: UndefinedOr[Sequence[SnowflakeishOr]],
    enabled: UndefinedOr[bool],
    mode: UndefinedOr[int],
) -> dict[str, typing.Any]:
    """The body of `PUT /guilds/{guild_id}/onboarding`; `ValueError` for a documented limit."""
    check_len("onboarding prompts", prompts, 0, 15)
    check_len("default channels", default_channels, 0, 500)
    body = put(
        {},
        default_channel_ids=id_list(default_channels),
        enabled=enabled,
        mode=mode if mode is UNDEFINED else int(mode),
    )
    if prompts is not UNDEFINED:
        body["prompts"] = [p if isinstance(p, dict) else p.build(i) for i, p in enumerate(prompts)]
    return body
