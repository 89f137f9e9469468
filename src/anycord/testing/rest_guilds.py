"""Route handlers: guilds, guild channels, members, roles."""

from __future__ import annotations

import typing

from anycord.testing._http import ApiError, Reply, Request, invalid_form, not_found
from anycord.testing.rest_handlers import _int, router

if typing.TYPE_CHECKING:
    from anycord.testing.rest_handlers import Handler
    from anycord.testing.world import Payload, World

__all__ = ["HANDLERS"]

HANDLERS: dict[tuple[str, str], Handler] = {}


route = router(HANDLERS)


def get_guild(world: World, guild_id: str) -> tuple[int, Payload]:
    """A guild id and payload, or 404 Unknown Guild."""
    gid = _int(guild_id)
    guild = world.guilds.get(gid)
    if guild is None:
        raise not_found("Guild", 10004)
    return gid, guild


def get_guild_item(
    world: World,
    req: Request,
    store: typing.Mapping[int, typing.Mapping[int, Payload]],
    id_param: str,
    kind: str,
    code: int,
) -> tuple[int, Payload]:
    """The guild's item `req.params[id_param]` in a per-guild `store` (emojis, stickers, bans,
    scheduled events …), or 404 Unknown Guild / Unknown `kind` with Discord's `code`."""
    gid, _ = get_guild(world, req.params["guild_id"])
    item = store.get(gid, {}).get(_int(req.params[id_param]))
    if item is None:
        raise not_found(kind, code)
    return gid, item


def get_member(world: World, guild_id: str, user_id: str) -> tuple[int, Payload]:
    """A guild id and member, or 404 Unknown Guild / Unknown Member."""
    gid, _ = get_guild(world, guild_id)
    member = world.members[gid].get(_int(user_id))
    if member is None:
        raise not_found("Member", 10007)
    return gid, member


def get_role(world: World, guild_id: str, role_id: str) -> tuple[int, Payload]:
    """A guild id and role, or 404 Unknown Guild / Unknown Role."""
    gid, _ = get_guild(world, guild_id)
    role = world.roles[gid].get(_int(role_id))
    if role is None:
        raise not_found("Role", 10011)
    return gid, role


# -- guilds -----------------------------------------------------------------------------------


@route("GET", "/guilds/{guild_id}")
def get_guild_route(world: World, req: Request) -> Reply:
    gid, guild = get_guild(world, req.params["guild_id"])
    body = {**guild, "roles": list(world.roles[gid].values())}
    if req.q("with_counts") in ("true", "True", "1"):
        body["approximate_member_count"] = len(world.members[gid])
        body["approximate_presence_count"] = 0
    return Reply(200, body)


@route("GET", "/guilds/{guild_id}/preview")
def get_guild_preview(world: World, req: Request) -> Reply:
    """A guild's preview (resources/guild.mdx, Guild Preview Object): the bot is a member of
    every guild the emulator knows, so every guild has one."""
    gid, guild = get_guild(world, req.params["guild_id"])
    preview = {key: guild.get(key) for key in _PREVIEW_FIELDS}
    preview.update(
        emojis=guild.get("emojis", []),
        features=guild.get("features", []),
        stickers=guild.get("stickers", []),
        approximate_member_count=len(world.members[gid]),
        approximate_presence_count=0,
    )
    return Reply(200, preview)


_PREVIEW_FIELDS = ("id", "name", "icon", "splash", "discovery_splash", "description")


_GUILD_FIELDS = (
    "name",
    "verification_level",
    "default_message_notifications",
    "explicit_content_filter",
    "afk_channel_id",
    "afk_timeout",
    "icon",
    "owner_id",
    "splash",
    "banner",
    "system_channel_id",
    "system_channel_flags",
    "rules_channel_id",
    "public_updates_channel_id",
    "preferred_locale",
    "features",
    "description",
    "premium_progress_bar_enabled",
)


@route("PATCH", "/guilds/{guild_id}")
def patch_guild(world: World, req: Request) -> Reply:
    gid, guild = get_guild(world, req.params["guild_id"])
    body = req.body()
    for key in _GUILD_FIELDS:
        if key in body:
            guild[key] = body[key]
    world.emit("GUILD_UPDATE", {**guild, "roles": list(world.roles[gid].values())}, gid)
    return Reply(200, guild)


@route("PUT", "/guilds/{guild_id}/incident-actions")
def put_incident_actions(world: World, req: Request) -> Reply:
    gid, guild = get_guild(world, req.params["guild_id"])
    body = req.body()
    keys = ("invites_disabled_until", "dms_disabled_until")
    incidents = {key: body.get(key) for key in keys}
    guild["incidents_data"] = incidents
    world.emit("GUILD_UPDATE", {**guild, "roles": list(world.roles[gid].values())}, gid)
    return Reply(200, incidents)


@route("GET", "/guilds/{guild_id}/channels")
def list_guild_channels(world: World, req: Request) -> Reply:
    gid, _ = get_guild(world, req.params["guild_id"])
    chans = [c for c in world.channels.values() if c.get("guild_id") == str(gid)]
    return Reply(200, [c for c in chans if c["type"] not in (10, 11, 12)])


@route("POST", "/guilds/{guild_id}/channels")
def create_guild_channel(world: World, req: Request) -> Reply:
    gid, _ = get_guild(world, req.params["guild_id"])
    body = dict(req.body())
    name = body.pop("name", None)
    if not isinstance(name, str) or not 1 <= len(name) <= 100:
        raise invalid_form("name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.")
    kind = int(body.pop("type", 0) or 0)
    channel = world.add_channel(gid, name=name, type=kind, **body)
    return Reply(201, channel)


# -- members ----------------------------------------------------------------------------------


@route("GET", "/guilds/{guild_id}/members/{user_id}")
def get_member_route(world: World, req: Request) -> Reply:
    _, member = get_member(world, req.params["guild_id"], req.params["user_id"])
    return Reply(200, member)


@route("GET", "/guilds/{guild_id}/members")
def list_members(world: World, req: Request) -> Reply:
    gid, _ = get_guild(world, req.params["guild_id"])
    limit = int(req.q("limit", "1") or 1)
    if not 1 <= limit <= 1000:
        raise invalid_form("limit", "NUMBER_TYPE_MAX", "int value should be between 1 and 1000.")
    after = int(req.q("after", "0") or 0)
    ids = sorted(u for u in world.members[gid] if u > after)[:limit]
    return Reply(200, [world.members[gid][u] for u in ids])


@route("GET", "/guilds/{guild_id}/members/search")
def search_members(world: World, req: Request) -> Reply:
    gid, _ = get_guild(world, req.params["guild_id"])
    query = (req.q("query", "") or "").lower()
    limit = int(req.q("limit", "1") or 1)
    found = [
        m
        for m in world.members[gid].values()
        if str(m["user"]["username"]).lower().startswith(query)
        or str(m.get("nick") or "").lower().startswith(query)
    ]
    return Reply(200, found[:limit])


def _member_update(world: World, gid: int, member: Payload) -> None:
    world.emit("GUILD_MEMBER_UPDATE", {**member, "guild_id": str(gid)}, gid)


@route("PATCH", "/guilds/{guild_id}/members/{user_id}")
def patch_member(world: World, req: Request) -> Reply:
    gid, member = get_member(world, req.params["guild_id"], req.params["user_id"])
    body = req.body()
    if "roles" in body:
        for rid in body["roles"]:
            get_role(world, str(gid), str(rid))
        member["roles"] = [str(r) for r in body["roles"]]
    for key in ("nick", "mute", "deaf", "communication_disabled_until", "flags"):
        if key in body:
            member[key] = body[key]
    _member_update(world, gid, member)
    return Reply(200, member)


@route("PATCH", "/guilds/{guild_id}/members/@me")
def patch_me_member(world: World, req: Request) -> Reply:
    gid, member = get_member(world, req.params["guild_id"], world.bot_user["id"])
    if "nick" in req.body():
        member["nick"] = req.body()["nick"]
    _member_update(world, gid, member)
    return Reply(200, member)


@route("PUT", "/guilds/{guild_id}/members/{user_id}/roles/{role_id}")
def add_member_role(world: World, req: Request) -> Reply:
    gid, member = get_member(world, req.params["guild_id"], req.params["user_id"])
    _, role = get_role(world, str(gid), req.params["role_id"])
    if role["id"] not in member["roles"]:
        member["roles"].append(role["id"])
        _member_update(world, gid, member)
    return Reply(204)


@route("DELETE", "/guilds/{guild_id}/members/{user_id}/roles/{role_id}")
def remove_member_role(world: World, req: Request) -> Reply:
    gid, member = get_member(world, req.params["guild_id"], req.params["user_id"])
    _, role = get_role(world, str(gid), req.params["role_id"])
    if role["id"] in member["roles"]:
        member["roles"].remove(role["id"])
        _member_update(world, gid, member)
    return Reply(204)


@route("DELETE", "/guilds/{guild_id}/members/{user_id}")
def kick_member(world: World, req: Request) -> Reply:
    gid, member = get_member(world, req.params["guild_id"], req.params["user_id"])
    del world.members[gid][int(member["user"]["id"])]
    world.emit("GUILD_MEMBER_REMOVE", {"guild_id": str(gid), "user": member["user"]}, gid)
    return Reply(204)


# -- roles ------------------------------------------------------------------------------------


@route("GET", "/guilds/{guild_id}/roles")
def list_roles(world: World, req: Request) -> Reply:
    gid, _ = get_guild(world, req.params["guild_id"])
    return Reply(200, list(world.roles[gid].values()))


@route("GET", "/guilds/{guild_id}/roles/{role_id}")
def get_role_route(world: World, req: Request) -> Reply:
    _, role = get_role(world, req.params["guild_id"], req.params["role_id"])
    return Reply(200, role)


_ROLE_FIELDS = (
    "name",
    "permissions",
    "color",
    "colors",
    "hoist",
    "icon",
    "unicode_emoji",
    "mentionable",
)


def _role_fields(body: Payload) -> Payload:
    fields = {k: body[k] for k in _ROLE_FIELDS if k in body and body[k] is not None}
    if "permissions" in fields:
        try:
            fields["permissions"] = str(int(fields["permissions"]))
        except (TypeError, ValueError):
            raise invalid_form("permissions", "NUMBER_TYPE_COERCE", "Value is not int.") from None
    return fields


@route("POST", "/guilds/{guild_id}/roles")
def create_role(world: World, req: Request) -> Reply:
    gid, _ = get_guild(world, req.params["guild_id"])
    fields = _role_fields(req.body())
    name = fields.pop("name", "new role")
    permissions = int(fields.pop("permissions", "0"))
    role = world.add_role(gid, name=name, permissions=permissions, **fields)
    return Reply(200, role)


@route("PATCH", "/guilds/{guild_id}/roles/{role_id}")
def patch_role(world: World, req: Request) -> Reply:
    gid, role = get_role(world, req.params["guild_id"], req.params["role_id"])
    role.update(_role_fields(req.body()))
    world.emit("GUILD_ROLE_UPDATE", {"guild_id": str(gid), "role": role}, gid)
    return Reply(200, role)


@route("DELETE", "/guilds/{guild_id}/roles/{role_id}")
def delete_role(world: World, req: Request) -> Reply:
    gid, role = get_role(world, req.params["guild_id"], req.params["role_id"])
    if int(role["id"]) == gid:
        raise ApiError(400, 50028, "Invalid role")
    del world.roles[gid][int(role["id"])]
    for member in world.members[gid].values():
        if role["id"] in member["roles"]:
            member["roles"].remove(role["id"])
    world.emit("GUILD_ROLE_DELETE", {"guild_id": str(gid), "role_id": role["id"]}, gid)
    return Reply(204)
