"""Route handlers: invites, guild scheduled events, guild stickers, guild templates, audit logs.

Each mutation emits the dispatch Discord sends for it: INVITE_CREATE / INVITE_DELETE,
GUILD_SCHEDULED_EVENT_CREATE / _UPDATE / _DELETE, GUILD_STICKERS_UPDATE with the guild's whole
sticker list. Shapes and limits from resources/invite.mdx, resources/guild-scheduled-event.mdx,
resources/sticker.mdx, resources/guild-template.mdx and resources/audit-log.mdx. A template's
`serialized_source_guild` is the guild's name and description only.

The audit log is a modest subset: `record_audit` (a world listener that `FakeRestApp`
installs) turns the world's ban, role and channel events into entries (MEMBER_BAN_ADD 22,
MEMBER_BAN_REMOVE 23, ROLE_CREATE/UPDATE/DELETE 30-32, CHANNEL_CREATE/UPDATE/DELETE 10-12),
credited to the bot user, without `changes` or `reason`. `GET /guilds/{id}/audit-logs` filters
them by `action_type`, `user_id`, `before`, `after` and `limit` (newest first, 1..100).
"""

from __future__ import annotations

import secrets
import typing

from anycord.testing._http import ApiError, Reply, Request, invalid_form, not_found
from anycord.testing.rest_guilds import get_guild, get_guild_item
from anycord.testing.rest_handlers import _int, get_channel, router
from anycord.testing.world import iso

if typing.TYPE_CHECKING:
    from anycord.testing.rest_handlers import Handler
    from anycord.testing.world import Payload, World

__all__ = ["AUDIT_ACTIONS", "HANDLERS", "record_audit"]

HANDLERS: dict[tuple[str, str], Handler] = {}
route = router(HANDLERS)

AUDIT_ACTIONS: typing.Final[dict[str, int]] = {
    "CHANNEL_CREATE": 10,
    "CHANNEL_UPDATE": 11,
    "CHANNEL_DELETE": 12,
    "GUILD_BAN_ADD": 22,
    "GUILD_BAN_REMOVE": 23,
    "GUILD_ROLE_CREATE": 30,
    "GUILD_ROLE_UPDATE": 31,
    "GUILD_ROLE_DELETE": 32,
}
"""World event → the audit log action type it records."""


def _length(body: Payload, field: str, low: int, high: int, *, required: bool) -> None:
    value = body.get(field)
    if value is None and not required:
        return
    if not isinstance(value, str) or not low <= len(value) <= high:
        raise invalid_form(
            field, "BASE_TYPE_BAD_LENGTH", f"Must be between {low} and {high} in length."
        )


# -- audit log --------------------------------------------------------------------------------


def record_audit(world: World, event_name: str, payload: Payload, guild_id: int | None) -> None:
    """Append the audit log entry for a world event (nothing for events not in AUDIT_ACTIONS)."""
    action = AUDIT_ACTIONS.get(event_name)
    if action is None or guild_id is None:
        return
    if event_name.startswith("GUILD_BAN"):
        target = payload["user"]["id"]
    elif event_name == "GUILD_ROLE_DELETE":
        target = payload["role_id"]
    elif event_name.startswith("GUILD_ROLE"):
        target = payload["role"]["id"]
    else:
        target = payload["id"]
    entry: Payload = {
        "id": str(world.new_id()),
        "action_type": action,
        "target_id": str(target),
        "user_id": world.bot_user["id"],
        "changes": [],
    }
    world.audit_log.setdefault(int(guild_id), []).append(entry)


@route("GET", "/guilds/{guild_id}/audit-logs")
def get_audit_log(world: World, req: Request) -> Reply:
    gid, _ = get_guild(world, req.params["guild_id"])
    limit = int(req.q("limit", "50") or 50)
    if not 1 <= limit <= 100:
        raise invalid_form("limit", "NUMBER_TYPE_MAX", "int value should be between 1 and 100.")
    entries = list(reversed(world.audit_log.get(gid, [])))
    action, user = req.q("action_type"), req.q("user_id")
    before, after = req.q("before"), req.q("after")
    if action is not None:
        entries = [e for e in entries if e["action_type"] == int(action)]
    if user is not None:
        entries = [e for e in entries if e["user_id"] == user]
    if before is not None:
        entries = [e for e in entries if int(e["id"]) < int(before)]
    if after is not None:
        entries = [e for e in entries if int(e["id"]) > int(after)]
    entries = entries[:limit]
    users = {world.bot_user["id"]: world.bot_user} if entries else {}
    body = {
        "audit_log_entries": entries,
        "users": list(users.values()),
        "application_commands": [],
        "auto_moderation_rules": [],
        "guild_scheduled_events": [],
        "integrations": [],
        "threads": [],
        "webhooks": [],
    }
    return Reply(200, body)


# -- invites ----------------------------------------------------------------------------------


def _public_invite(world: World, invite: Payload) -> Payload:
    guild = world.guilds[int(invite["guild_id"])]
    channel = world.channels.get(int(invite["channel_id"])) or {}
    public = {k: v for k, v in invite.items() if k not in ("guild_id", "channel_id")}
    public["guild"] = {"id": guild["id"], "name": guild.get("name"), "icon": guild.get("icon")}
    public["channel"] = {"id": invite["channel_id"], "name": channel.get("name"), "type": 0}
    return public


@route("POST", "/channels/{channel_id}/invites")
def create_invite(world: World, req: Request) -> Reply:
    channel = get_channel(world, req.params["channel_id"])
    if channel.get("guild_id") is None:
        raise ApiError(400, 50024, "Cannot execute action on this channel type")
    body = req.body()
    max_age = body.get("max_age", 86400)
    if not isinstance(max_age, int) or not 0 <= max_age <= 604800:
        raise invalid_form("max_age", "NUMBER_TYPE_MAX", "int value should be <= 604800.")
    max_uses = body.get("max_uses", 0)
    if not isinstance(max_uses, int) or not 0 <= max_uses <= 100:
        raise invalid_form("max_uses", "NUMBER_TYPE_MAX", "int value should be <= 100.")
    code = secrets.token_urlsafe(6)[:8]
    invite: Payload = {
        "type": 0,
        "code": code,
        "guild_id": channel["guild_id"],
        "channel_id": channel["id"],
        "inviter": world.bot_user,
        "uses": 0,
        "max_uses": max_uses,
        "max_age": max_age,
        "temporary": bool(body.get("temporary", False)),
        "created_at": iso(),
    }
    world.invites[code] = invite
    event = {k: v for k, v in invite.items() if k != "type"}
    world.emit("INVITE_CREATE", event, int(channel["guild_id"]))
    return Reply(200, _public_invite(world, invite))


def _get_invite(world: World, code: str) -> Payload:
    invite = world.invites.get(code)
    if invite is None:
        raise not_found("Invite", 10006)
    return invite


@route("GET", "/invites/{code}")
def get_invite(world: World, req: Request) -> Reply:
    return Reply(200, _public_invite(world, _get_invite(world, req.params["code"])))


@route("DELETE", "/invites/{code}")
def delete_invite(world: World, req: Request) -> Reply:
    invite = _get_invite(world, req.params["code"])
    del world.invites[invite["code"]]
    event = {
        "channel_id": invite["channel_id"],
        "guild_id": invite["guild_id"],
        "code": invite["code"],
    }
    world.emit("INVITE_DELETE", event, int(invite["guild_id"]))
    return Reply(200, _public_invite(world, invite))


@route("GET", "/channels/{channel_id}/invites")
def list_channel_invites(world: World, req: Request) -> Reply:
    channel = get_channel(world, req.params["channel_id"])
    found = [i for i in world.invites.values() if i["channel_id"] == channel["id"]]
    return Reply(200, [_public_invite(world, i) for i in found])


@route("GET", "/guilds/{guild_id}/invites")
def list_guild_invites(world: World, req: Request) -> Reply:
    gid, _ = get_guild(world, req.params["guild_id"])
    found = [i for i in world.invites.values() if i["guild_id"] == str(gid)]
    return Reply(200, [_public_invite(world, i) for i in found])


# -- scheduled events -------------------------------------------------------------------------

_EVENT_FIELDS = (
    "channel_id",
    "entity_metadata",
    "name",
    "privacy_level",
    "scheduled_start_time",
    "scheduled_end_time",
    "description",
    "entity_type",
    "status",
    "image",
)


def _check_event(world: World, gid: int, event: Payload) -> None:
    _length(event, "name", 1, 100, required=True)
    if event.get("privacy_level") != 2:
        raise invalid_form("privacy_level", "BASE_TYPE_CHOICES", "Value must be one of (2,).")
    if not isinstance(event.get("scheduled_start_time"), str):
        raise invalid_form("scheduled_start_time", "BASE_TYPE_REQUIRED", "This field is required")
    kind = event.get("entity_type")
    if kind not in (1, 2, 3):
        raise invalid_form("entity_type", "BASE_TYPE_CHOICES", "Value must be one of (1, 2, 3).")
    if kind == 3:
        location = (event.get("entity_metadata") or {}).get("location")
        if not isinstance(location, str) or not location:
            raise invalid_form("entity_metadata", "BASE_TYPE_REQUIRED", "location is required")
        if event.get("scheduled_end_time") is None:
            raise invalid_form("scheduled_end_time", "BASE_TYPE_REQUIRED", "This field is required")
    else:
        channel = world.channels.get(_int(event.get("channel_id") or 0))
        if channel is None or channel.get("guild_id") != str(gid):
            raise invalid_form("channel_id", "BASE_TYPE_REQUIRED", "A guild channel is required")


def _get_event(world: World, req: Request) -> tuple[int, Payload]:
    store = world.scheduled_events
    return get_guild_item(
        world, req, store, "guild_scheduled_event_id", "Guild Scheduled Event", 10070
    )


@route("GET", "/guilds/{guild_id}/scheduled-events")
def list_scheduled_events(world: World, req: Request) -> Reply:
    gid, _ = get_guild(world, req.params["guild_id"])
    return Reply(200, list(world.scheduled_events.get(gid, {}).values()))


@route("GET", "/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}")
def get_scheduled_event(world: World, req: Request) -> Reply:
    return Reply(200, _get_event(world, req)[1])


@route("POST", "/guilds/{guild_id}/scheduled-events")
def create_scheduled_event(world: World, req: Request) -> Reply:
    gid, _ = get_guild(world, req.params["guild_id"])
    body = req.body()
    event: Payload = {
        "id": str(world.new_id()),
        "guild_id": str(gid),
        "channel_id": None,
        "creator_id": world.bot_user["id"],
        "description": None,
        "scheduled_end_time": None,
        "status": 1,
        "entity_id": None,
        "entity_metadata": None,
        "creator": world.bot_user,
        "user_count": 0,
        "image": None,
        **{k: body[k] for k in _EVENT_FIELDS if k in body and k != "status"},
    }
    _check_event(world, gid, event)
    world.scheduled_events.setdefault(gid, {})[int(event["id"])] = event
    world.emit("GUILD_SCHEDULED_EVENT_CREATE", event, gid)
    return Reply(200, event)


@route("PATCH", "/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}")
def edit_scheduled_event(world: World, req: Request) -> Reply:
    gid, event = _get_event(world, req)
    body = req.body()
    updated = {**event, **{k: body[k] for k in _EVENT_FIELDS if k in body}}
    _check_event(world, gid, updated)
    if updated["status"] not in (1, 2, 3, 4):
        raise invalid_form("status", "BASE_TYPE_CHOICES", "Value must be one of (1, 2, 3, 4).")
    event.update(updated)
    world.emit("GUILD_SCHEDULED_EVENT_UPDATE", event, gid)
    return Reply(200, event)


@route("DELETE", "/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}")
def delete_scheduled_event(world: World, req: Request) -> Reply:
    gid, event = _get_event(world, req)
    del world.scheduled_events[gid][int(event["id"])]
    world.emit("GUILD_SCHEDULED_EVENT_DELETE", event, gid)
    return Reply(204)


# -- guild stickers ---------------------------------------------------------------------------

_STICKER_FORMATS: typing.Final = {"image/png": 1, "image/apng": 2, "application/json": 3}


def _stickers_update(world: World, gid: int) -> None:
    stickers = list(world.stickers.get(gid, {}).values())
    world.guilds[gid]["stickers"] = stickers
    world.emit("GUILD_STICKERS_UPDATE", {"guild_id": str(gid), "stickers": stickers}, gid)


def _check_sticker(body: Payload, *, required: bool) -> None:
    _length(body, "name", 2, 30, required=required)
    _length(body, "tags", 1, 200, required=required)
    description = body.get("description")
    if description not in (None, "") and not 2 <= len(str(description)) <= 100:
        raise invalid_form(
            "description", "BASE_TYPE_BAD_LENGTH", "Must be between 2 and 100 in length."
        )


def _get_sticker(world: World, req: Request) -> tuple[int, Payload]:
    return get_guild_item(world, req, world.stickers, "sticker_id", "Sticker", 10060)


@route("GET", "/guilds/{guild_id}/stickers")
def list_stickers(world: World, req: Request) -> Reply:
    gid, _ = get_guild(world, req.params["guild_id"])
    return Reply(200, list(world.stickers.get(gid, {}).values()))


@route("GET", "/guilds/{guild_id}/stickers/{sticker_id}")
def get_sticker(world: World, req: Request) -> Reply:
    return Reply(200, _get_sticker(world, req)[1])


@route("POST", "/guilds/{guild_id}/stickers")
def create_sticker(world: World, req: Request) -> Reply:
    """Multipart: form fields `name`, `description`, `tags` and one `file` part (PNG, APNG,
    Lottie JSON or GIF, at most 512 KiB)."""
    gid, _ = get_guild(world, req.params["guild_id"])
    body: Payload = dict(req.form)
    _check_sticker(body, required=True)
    upload = next((f for f in req.files if f.field == "file"), None)
    if upload is None:
        raise invalid_form("file", "BASE_TYPE_REQUIRED", "This field is required")
    if len(upload.data) > 512 * 1024:
        raise ApiError(400, 50045, "File uploaded exceeds the maximum size")
    kind = _STICKER_FORMATS.get(upload.content_type)
    if kind is None and upload.content_type == "image/gif":
        kind = 4
    if kind is None:
        raise invalid_form("file", "STICKER_INVALID_FORMAT", "Invalid sticker format")
    sticker: Payload = {
        "id": str(world.new_id()),
        "name": body["name"],
        "description": body.get("description") or None,
        "tags": body["tags"],
        "type": 2,
        "format_type": kind,
        "available": True,
        "guild_id": str(gid),
        "user": world.bot_user,
    }
    world.stickers.setdefault(gid, {})[int(sticker["id"])] = sticker
    _stickers_update(world, gid)
    return Reply(200, sticker)


@route("PATCH", "/guilds/{guild_id}/stickers/{sticker_id}")
def edit_sticker(world: World, req: Request) -> Reply:
    gid, sticker = _get_sticker(world, req)
    body = req.body()
    _check_sticker(body, required=False)
    for key in ("name", "description", "tags"):
        if key in body:
            sticker[key] = body[key]
    _stickers_update(world, gid)
    return Reply(200, sticker)


@route("DELETE", "/guilds/{guild_id}/stickers/{sticker_id}")
def delete_sticker(world: World, req: Request) -> Reply:
    gid, sticker = _get_sticker(world, req)
    del world.stickers[gid][int(sticker["id"])]
    _stickers_update(world, gid)
    return Reply(204)


# -- guild templates ----------------------------------------------------------------------------


def _get_template(world: World, req: Request) -> tuple[int, Payload]:
    gid, _ = get_guild(world, req.params["guild_id"])
    template = world.templates.get(req.params["code"])
    if template is None or template["source_guild_id"] != str(gid):
        raise not_found("Guild Template", 10057)
    return gid, template


def _snapshot(world: World, gid: int) -> Payload:
    guild = world.guilds[gid]
    return {"name": guild["name"], "description": guild.get("description")}


@route("POST", "/guilds/{guild_id}/templates")
def create_template(world: World, req: Request) -> Reply:
    gid, _ = get_guild(world, req.params["guild_id"])
    body = req.body()
    name = body.get("name")
    if not isinstance(name, str) or not 1 <= len(name) <= 100:
        raise invalid_form("name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.")
    now = iso()
    template: Payload = {
        "code": secrets.token_urlsafe(9),
        "name": name,
        "description": body.get("description"),
        "usage_count": 0,
        "creator_id": world.bot_user["id"],
        "creator": world.bot_user,
        "created_at": now,
        "updated_at": now,
        "source_guild_id": str(gid),
        "serialized_source_guild": _snapshot(world, gid),
        "is_dirty": None,
    }
    world.templates[template["code"]] = template
    return Reply(200, template)


@route("GET", "/guilds/templates/{code}")
def get_template(world: World, req: Request) -> Reply:
    template = world.templates.get(req.params["code"])
    if template is None:
        raise not_found("Guild Template", 10057)
    return Reply(200, template)


@route("PUT", "/guilds/{guild_id}/templates/{code}")
def sync_template(world: World, req: Request) -> Reply:
    gid, template = _get_template(world, req)
    template.update(serialized_source_guild=_snapshot(world, gid), updated_at=iso(), is_dirty=None)
    return Reply(200, template)


@route("PATCH", "/guilds/{guild_id}/templates/{code}")
def edit_template(world: World, req: Request) -> Reply:
    _, template = _get_template(world, req)
    body = req.body()
    for key in ("name", "description"):
        if key in body:
            template[key] = body[key]
    return Reply(200, template)


@route("DELETE", "/guilds/{guild_id}/templates/{code}")
def delete_template(world: World, req: Request) -> Reply:
    _, template = _get_template(world, req)
    del world.templates[template["code"]]
    return Reply(200, template)
