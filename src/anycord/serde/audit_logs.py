"""Audit logs ↔ JSON, with change values decoded by key where the type is obvious."""

from __future__ import annotations

import typing

from anycord.colors import Color
from anycord.enums import try_enum
from anycord.models.audit_logs import (
    AuditLog,
    AuditLogChange,
    AuditLogChangeKey,
    AuditLogEntry,
    AuditLogEntryInfo,
    AuditLogEventType,
    AuditLogIntegration,
)
from anycord.models.guild_satellites import IntegrationAccount, IntegrationType
from anycord.permissions import Permissions
from anycord.serde import _links
from anycord.serde._core import JSONObject, from_iso, opt_snowflake, register, to_iso
from anycord.serde.auto_mod import decode_auto_mod_rule, encode_auto_mod_rule
from anycord.serde.channels import decode_permission_overwrite, encode_permission_overwrite
from anycord.serde.commands import decode_command, encode_command
from anycord.serde.roles import decode_partial_role, encode_partial_role
from anycord.serde.scheduled_events import decode_scheduled_event, encode_scheduled_event
from anycord.serde.webhooks import decode_webhook, encode_webhook
from anycord.snowflakes import Snowflake

if typing.TYPE_CHECKING:
    from collections.abc import Callable

    from anycord.traits import RESTAware

__all__ = [
    "decode_audit_log",
    "decode_audit_log_entry",
    "decode_audit_log_integration",
    "encode_audit_log",
    "encode_audit_log_entry",
    "encode_audit_log_integration",
]

_Codec = tuple["Callable[[typing.Any], typing.Any]", "Callable[[typing.Any], typing.Any]"]

_PERMISSIONS: _Codec = (lambda v: Permissions(int(v)), lambda v: str(int(v)))
_SNOWFLAKE: _Codec = (Snowflake, str)
_COLOR: _Codec = (Color, int)
_TIMESTAMP: _Codec = (from_iso, to_iso)
_ROLES: _Codec = (
    lambda v: tuple(decode_partial_role(r) for r in v),
    lambda v: [encode_partial_role(r) for r in v],
)
_OVERWRITES: _Codec = (
    lambda v: tuple(decode_permission_overwrite(o) for o in v),
    lambda v: [encode_permission_overwrite(o) for o in v],
)
_SNOWFLAKES: _Codec = (lambda v: tuple(Snowflake(x) for x in v), lambda v: [str(x) for x in v])

_CODECS: dict[str, _Codec] = {
    "permissions": _PERMISSIONS,
    "allow": _PERMISSIONS,
    "deny": _PERMISSIONS,
    "color": _COLOR,
    "$add": _ROLES,
    "$remove": _ROLES,
    "permission_overwrites": _OVERWRITES,
    "communication_disabled_until": _TIMESTAMP,
    "exempt_roles": _SNOWFLAKES,
    "exempt_channels": _SNOWFLAKES,
    **{
        key: _SNOWFLAKE
        for key in (
            "id",
            "owner_id",
            "afk_channel_id",
            "rules_channel_id",
            "public_updates_channel_id",
            "safety_alerts_channel_id",
            "widget_channel_id",
            "system_channel_id",
            "application_id",
            "channel_id",
            "inviter_id",
            "guild_id",
            "sound_id",
            "emoji_id",
            "user_id",
        )
    },
}


def _decode_value(key: str | None, value: object) -> object:
    if value is None:
        return None
    codec = None if key is None else _CODECS.get(key)
    return value if codec is None else codec[0](value)


def _encode_value(key: str | None, value: object) -> object:
    if value is None:
        return None
    codec = None if key is None else _CODECS.get(key)
    return value if codec is None else codec[1](value)


def _decode_options(p: JSONObject) -> AuditLogEntryInfo:
    def opt_int(key: str) -> int | None:
        value = p.get(key)
        return None if value is None else int(value)

    return AuditLogEntryInfo(
        application_id=opt_snowflake(p.get("application_id")),
        auto_moderation_rule_name=p.get("auto_moderation_rule_name"),
        auto_moderation_rule_trigger_type=p.get("auto_moderation_rule_trigger_type"),
        channel_id=opt_snowflake(p.get("channel_id")),
        count=opt_int("count"),
        delete_member_days=opt_int("delete_member_days"),
        id=opt_snowflake(p.get("id")),
        members_removed=opt_int("members_removed"),
        message_id=opt_snowflake(p.get("message_id")),
        role_name=p.get("role_name"),
        type=p.get("type"),
        integration_type=p.get("integration_type"),
        status=p.get("status"),
    )


def _encode_options(o: AuditLogEntryInfo) -> JSONObject:
    out: JSONObject = {}
    for key in (
        "application_id",
        "auto_moderation_rule_name",
        "auto_moderation_rule_trigger_type",
        "channel_id",
        "count",
        "delete_member_days",
        "id",
        "members_removed",
        "message_id",
        "role_name",
        "type",
        "integration_type",
        "status",
    ):
        value = getattr(o, key)
        if value is not None:
            out[key] = str(value)
    return out


def _decode_change(c: JSONObject) -> AuditLogChange:
    key = c["key"]
    return AuditLogChange(
        key=None if key is None else try_enum(AuditLogChangeKey, key),
        new_value=_decode_value(key, c.get("new_value")),
        old_value=_decode_value(key, c.get("old_value")),
    )


def decode_audit_log_entry(
    p: JSONObject, app: RESTAware | None = None, guild_id: Snowflake | None = None
) -> AuditLogEntry:
    """An audit log entry (also the GUILD_AUDIT_LOG_ENTRY_CREATE payload, which adds `guild_id`)."""
    options = p.get("options")
    return AuditLogEntry(
        id=Snowflake(p["id"]),
        app=app,
        guild_id=opt_snowflake(p.get("guild_id")) or guild_id,
        target_id=opt_snowflake(p.get("target_id")),
        changes=tuple(_decode_change(c) for c in p.get("changes", ())),
        user_id=opt_snowflake(p.get("user_id")),
        action_type=try_enum(AuditLogEventType, p["action_type"]),
        options=None if options is None else _decode_options(options),
        reason=p.get("reason"),
    )


def encode_audit_log_entry(e: AuditLogEntry) -> JSONObject:
    """An audit log entry as Discord sends it."""
    changes = []
    for c in e.changes:
        change: JSONObject = {"key": None if c.key is None else str(c.key)}
        if c.new_value is not None:
            change["new_value"] = _encode_value(c.key, c.new_value)
        if c.old_value is not None:
            change["old_value"] = _encode_value(c.key, c.old_value)
        changes.append(change)
    out: JSONObject = {
        "id": str(e.id),
        "target_id": None if e.target_id is None else str(e.target_id),
        "user_id": None if e.user_id is None else str(e.user_id),
        "action_type": int(e.action_type),
        "changes": changes,
    }
    if e.guild_id is not None:
        out["guild_id"] = str(e.guild_id)
    if e.options is not None:
        out["options"] = _encode_options(e.options)
    if e.reason is not None:
        out["reason"] = e.reason
    return out


def decode_audit_log_integration(
    p: JSONObject, app: RESTAware | None = None
) -> AuditLogIntegration:
    """The partial integration object of an audit log."""
    del app
    account = p.get("account") or {"id": "", "name": ""}
    return AuditLogIntegration(
        id=Snowflake(p["id"]),
        name=p["name"],
        type=try_enum(IntegrationType, p["type"]),
        account=IntegrationAccount(id=str(account["id"]), name=account["name"]),
        application_id=opt_snowflake(p.get("application_id")),
    )


def encode_audit_log_integration(i: AuditLogIntegration) -> JSONObject:
    """The partial integration object as Discord sends it."""
    out: JSONObject = {
        "id": str(i.id),
        "name": i.name,
        "type": str(i.type),
        "account": {"id": i.account.id, "name": i.account.name},
    }
    if i.application_id is not None:
        out["application_id"] = str(i.application_id)
    return out


def decode_audit_log(
    p: JSONObject, app: RESTAware | None = None, guild_id: Snowflake | None = None
) -> AuditLog:
    """An audit log page."""
    entries = (decode_audit_log_entry(e, app, guild_id) for e in p.get("audit_log_entries", ()))
    users = (_links.decode_user(u, app) for u in p.get("users", ()))
    threads = (_links.decode_channel(t, app, guild_id) for t in p.get("threads", ()))
    webhooks = (decode_webhook(w, app) for w in p.get("webhooks", ()))
    integrations = (decode_audit_log_integration(i) for i in p.get("integrations", ()))
    commands = (decode_command(c, app) for c in p.get("application_commands", ()))
    # The spec lets Discord send null in place of a rule (one it no longer has): skipped.
    rules = (
        decode_auto_mod_rule(r, app) for r in p.get("auto_moderation_rules", ()) if r is not None
    )
    events = (decode_scheduled_event(s, app) for s in p.get("guild_scheduled_events", ()))
    return AuditLog(
        entries={x.id: x for x in entries},
        users={x.id: x for x in users},
        threads={x.id: x for x in threads},
        webhooks={x.id: x for x in webhooks},
        integrations={x.id: x for x in integrations},
        application_commands={x.id: x for x in commands},
        auto_moderation_rules={x.id: x for x in rules},
        scheduled_events={x.id: x for x in events},
    )


def encode_audit_log(a: AuditLog) -> JSONObject:
    """An audit log page as Discord sends it."""
    return {
        "audit_log_entries": [encode_audit_log_entry(e) for e in a.entries.values()],
        "users": [_links.encode_user(u) for u in a.users.values()],
        "threads": [_links.encode_channel(t) for t in a.threads.values()],
        "webhooks": [encode_webhook(w) for w in a.webhooks.values()],
        "integrations": [encode_audit_log_integration(i) for i in a.integrations.values()],
        "application_commands": [encode_command(c) for c in a.application_commands.values()],
        "auto_moderation_rules": [
            encode_auto_mod_rule(r) for r in a.auto_moderation_rules.values()
        ],
        "guild_scheduled_events": [encode_scheduled_event(s) for s in a.scheduled_events.values()],
    }


register(AuditLog, decode=decode_audit_log, encode=encode_audit_log)
register(AuditLogEntry, decode=decode_audit_log_entry, encode=encode_audit_log_entry)
register(
    AuditLogIntegration, decode=decode_audit_log_integration, encode=encode_audit_log_integration
)
