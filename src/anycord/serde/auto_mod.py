"""Auto-moderation rules, triggers, actions and executions ↔ JSON."""

from __future__ import annotations

import datetime
import typing

from anycord.enums import try_enum
from anycord.models.auto_mod import (
    AutoModAction,
    AutoModActionType,
    AutoModBlockMemberInteraction,
    AutoModBlockMessage,
    AutoModerationActionExecution,
    AutoModEventType,
    AutoModKeywordPresetType,
    AutoModRule,
    AutoModSendAlertMessage,
    AutoModTimeout,
    AutoModTrigger,
    AutoModTriggerType,
    KeywordPresetTrigger,
    KeywordTrigger,
    MemberProfileTrigger,
    MentionSpamTrigger,
    SpamTrigger,
    UnknownAutoModAction,
    UnknownAutoModTrigger,
)
from anycord.serde._core import JSONObject, opt_snowflake, register
from anycord.snowflakes import Snowflake

if typing.TYPE_CHECKING:
    from anycord.traits import RESTAware

__all__ = [
    "decode_action",
    "decode_action_execution",
    "decode_auto_mod_rule",
    "decode_trigger",
    "encode_action",
    "encode_action_execution",
    "encode_auto_mod_rule",
    "encode_trigger_metadata",
]


def decode_trigger(kind: int, metadata: JSONObject | None) -> AutoModTrigger:
    """A trigger from `trigger_type` and `trigger_metadata`."""
    m = metadata or {}
    trigger_type = try_enum(AutoModTriggerType, kind)
    if kind == 1:
        return KeywordTrigger(
            keyword_filter=tuple(m.get("keyword_filter", ())),
            regex_patterns=tuple(m.get("regex_patterns", ())),
            allow_list=tuple(m.get("allow_list", ())),
        )
    if kind == 6:
        return MemberProfileTrigger(
            keyword_filter=tuple(m.get("keyword_filter", ())),
            regex_patterns=tuple(m.get("regex_patterns", ())),
            allow_list=tuple(m.get("allow_list", ())),
        )
    if kind == 3:
        return SpamTrigger()
    if kind == 4:
        return KeywordPresetTrigger(
            presets=tuple(try_enum(AutoModKeywordPresetType, x) for x in m.get("presets", ())),
            allow_list=tuple(m.get("allow_list", ())),
        )
    if kind == 5:
        return MentionSpamTrigger(
            mention_total_limit=m.get("mention_total_limit", 0),
            mention_raid_protection_enabled=m.get("mention_raid_protection_enabled", False),
        )
    return UnknownAutoModTrigger(type=trigger_type, metadata=dict(m))


def encode_trigger_metadata(t: AutoModTrigger) -> JSONObject:
    """`trigger_metadata` of a trigger (exact: only what the trigger type uses)."""
    if isinstance(t, (KeywordTrigger, MemberProfileTrigger)):
        return {
            "keyword_filter": list(t.keyword_filter),
            "regex_patterns": list(t.regex_patterns),
            "allow_list": list(t.allow_list),
        }
    if isinstance(t, KeywordPresetTrigger):
        return {"presets": [int(x) for x in t.presets], "allow_list": list(t.allow_list)}
    if isinstance(t, MentionSpamTrigger):
        return {
            "mention_total_limit": t.mention_total_limit,
            "mention_raid_protection_enabled": t.mention_raid_protection_enabled,
        }
    if isinstance(t, UnknownAutoModTrigger):
        return dict(t.metadata)
    return {}


def decode_action(p: JSONObject) -> AutoModAction:
    """An action object, by type."""
    kind = p["type"]
    m = p.get("metadata") or {}
    if kind == 1:
        return AutoModBlockMessage(custom_message=m.get("custom_message"))
    if kind == 2:
        return AutoModSendAlertMessage(channel_id=Snowflake(m["channel_id"]))
    if kind == 3:
        return AutoModTimeout(duration=datetime.timedelta(seconds=m.get("duration_seconds", 0)))
    if kind == 4:
        return AutoModBlockMemberInteraction()
    return UnknownAutoModAction(type=try_enum(AutoModActionType, kind), metadata=p.get("metadata"))


def encode_action(a: AutoModAction) -> JSONObject:
    """An action as sent (exact: metadata only when the type has any)."""
    out: JSONObject = {"type": int(a.type)}
    if isinstance(a, AutoModBlockMessage):
        if a.custom_message is not None:
            out["metadata"] = {"custom_message": a.custom_message}
    elif isinstance(a, AutoModSendAlertMessage):
        out["metadata"] = {"channel_id": str(a.channel_id)}
    elif isinstance(a, AutoModTimeout):
        out["metadata"] = {"duration_seconds": int(a.duration.total_seconds())}
    elif isinstance(a, UnknownAutoModAction) and a.metadata is not None:
        out["metadata"] = dict(a.metadata)
    return out


def decode_auto_mod_rule(p: JSONObject, app: RESTAware | None = None) -> AutoModRule:
    """An auto-moderation rule object."""
    return AutoModRule(
        id=Snowflake(p["id"]),
        app=app,
        guild_id=Snowflake(p["guild_id"]),
        name=p["name"],
        creator_id=Snowflake(p["creator_id"]),
        event_type=try_enum(AutoModEventType, p["event_type"]),
        trigger=decode_trigger(p["trigger_type"], p.get("trigger_metadata")),
        actions=tuple(decode_action(a) for a in p.get("actions", ())),
        is_enabled=p.get("enabled", False),
        exempt_role_ids=tuple(Snowflake(x) for x in p.get("exempt_roles", ())),
        exempt_channel_ids=tuple(Snowflake(x) for x in p.get("exempt_channels", ())),
    )


def encode_auto_mod_rule(r: AutoModRule) -> JSONObject:
    """A rule as Discord sends it."""
    return {
        "id": str(r.id),
        "guild_id": str(r.guild_id),
        "name": r.name,
        "creator_id": str(r.creator_id),
        "event_type": int(r.event_type),
        "trigger_type": int(r.trigger.type),
        "trigger_metadata": encode_trigger_metadata(r.trigger),
        "actions": [encode_action(a) for a in r.actions],
        "enabled": r.is_enabled,
        "exempt_roles": [str(x) for x in r.exempt_role_ids],
        "exempt_channels": [str(x) for x in r.exempt_channel_ids],
    }


def decode_action_execution(
    p: JSONObject, app: RESTAware | None = None
) -> AutoModerationActionExecution:
    """An AUTO_MODERATION_ACTION_EXECUTION payload."""
    del app
    return AutoModerationActionExecution(
        guild_id=Snowflake(p["guild_id"]),
        action=decode_action(p["action"]),
        rule_id=Snowflake(p["rule_id"]),
        rule_trigger_type=try_enum(AutoModTriggerType, p["rule_trigger_type"]),
        user_id=Snowflake(p["user_id"]),
        channel_id=opt_snowflake(p.get("channel_id")),
        message_id=opt_snowflake(p.get("message_id")),
        alert_system_message_id=opt_snowflake(p.get("alert_system_message_id")),
        content=p.get("content", ""),
        matched_keyword=p.get("matched_keyword"),
        matched_content=p.get("matched_content"),
    )


def encode_action_execution(e: AutoModerationActionExecution) -> JSONObject:
    """An AUTO_MODERATION_ACTION_EXECUTION payload as Discord sends it."""
    out: JSONObject = {
        "guild_id": str(e.guild_id),
        "action": encode_action(e.action),
        "rule_id": str(e.rule_id),
        "rule_trigger_type": int(e.rule_trigger_type),
        "user_id": str(e.user_id),
        "content": e.content,
        "matched_keyword": e.matched_keyword,
        "matched_content": e.matched_content,
    }
    for key, value in (
        ("channel_id", e.channel_id),
        ("message_id", e.message_id),
        ("alert_system_message_id", e.alert_system_message_id),
    ):
        if value is not None:
            out[key] = str(value)
    return out


register(AutoModRule, decode=decode_auto_mod_rule, encode=encode_auto_mod_rule)
register(
    AutoModerationActionExecution, decode=decode_action_execution, encode=encode_action_execution
)
register(AutoModAction, decode=lambda p, _app: decode_action(p), encode=encode_action)
