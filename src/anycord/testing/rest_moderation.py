"""Route handlers: bans, guild emojis, threads and thread members, permission overwrites.

Each mutation emits the dispatch Discord sends for it: GUILD_BAN_ADD / GUILD_BAN_REMOVE (a ban
also removes the member: GUILD_MEMBER_REMOVE), GUILD_EMOJIS_UPDATE with the guild's whole
emoji list, THREAD_CREATE (`newly_created`) and THREAD_MEMBERS_UPDATE, and CHANNEL_UPDATE
for a changed permission overwrite. Shapes and limits from resources/guild.mdx,
resources/emoji.mdx and resources/channel.mdx.
"""

from __future__ import annotations

import typing
import urllib.parse

from anycord.testing._http import ApiError, Reply, Request, invalid_form, not_found
from anycord.testing.rest_guilds import get_guild, get_guild_item
from anycord.testing.rest_handlers import _int, get_channel, get_message, get_user, router
from anycord.testing.world import iso

if typing.TYPE_CHECKING:
    from anycord.testing.rest_handlers import Handler
    from anycord.testing.world import Payload, World

__all__ = ["HANDLERS"]

HANDLERS: dict[tuple[str, str], Handler] = {}
route = router(HANDLERS)

_THREAD_TYPES = (10, 11, 12)
_ARCHIVE_DURATIONS = (60, 1440, 4320, 10080)


# -- bans -------------------------------------------------------------------------------------


def _ban(world: World, gid: int, user_id: str, reason: str | None) -> bool:
    user = get_user(world, user_id)
    uid = int(user["id"])
    if uid in world.bans.setdefault(gid, {}):
        return False
    world.bans[gid][uid] = {"reason": reason, "user": user}
    if world.members[gid].pop(uid, None) is not None:
        world.emit("GUILD_MEMBER_REMOVE", {"guild_id": str(gid), "user": user}, gid)
    world.emit("GUILD_BAN_ADD", {"guild_id": str(gid), "user": user}, gid)
    return True


def _reason(req: Request) -> str | None:
    value = req.headers.get("x-audit-log-reason")
    return urllib.parse.unquote(value) if value is not None else None


@route("GET", "/guilds/{guild_id}/bans")
def list_bans(world: World, req: Request) -> Reply:
    gid, _ = get_guild(world, req.params["guild_id"])
    limit = int(req.q("limit", "1000") or 1000)
    after = int(req.q("after", "0") or 0)
    ids = sorted(u for u in world.bans.get(gid, {}) if u > after)[:limit]
    return Reply(200, [world.bans[gid][u] for u in ids])


@route("GET", "/guilds/{guild_id}/bans/{user_id}")
def get_ban(world: World, req: Request) -> Reply:
    return Reply(200, get_guild_item(world, req, world.bans, "user_id", "Ban", 10026)[1])


@route("PUT", "/guilds/{guild_id}/bans/{user_id}")
def ban_user(world: World, req: Request) -> Reply:
    gid, _ = get_guild(world, req.params["guild_id"])
    seconds = req.body().get("delete_message_seconds", 0)
    if not isinstance(seconds, int) or not 0 <= seconds <= 604800:
        raise invalid_form(
            "delete_message_seconds", "NUMBER_TYPE_MAX", "int value should be <= 604800."
        )
    _ban(world, gid, req.params["user_id"], _reason(req))
    return Reply(204)


@route("DELETE", "/guilds/{guild_id}/bans/{user_id}")
def unban_user(world: World, req: Request) -> Reply:
    gid, _ = get_guild(world, req.params["guild_id"])
    ban = world.bans.get(gid, {}).pop(_int(req.params["user_id"]), None)
    if ban is None:
        raise not_found("Ban", 10026)
    world.emit("GUILD_BAN_REMOVE", {"guild_id": str(gid), "user": ban["user"]}, gid)
    return Reply(204)


@route("POST", "/guilds/{guild_id}/bulk-ban")
def bulk_ban(world: World, req: Request) -> Reply:
    gid, _ = get_guild(world, req.params["guild_id"])
    ids = req.body().get("user_ids")
    if not isinstance(ids, list) or not 1 <= len(ids) <= 200:
        raise invalid_form("user_ids", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 200.")
    banned: list[str] = []
    failed: list[str] = []
    for uid in ids:
        try:
            ok = _ban(world, gid, str(uid), _reason(req))
        except ApiError:
            ok = False
        (banned if ok else failed).append(str(uid))
    if not banned:
        raise ApiError(500, 500000, "Failed to ban users")
    return Reply(200, {"banned_users": banned, "failed_users": failed})


# -- guild emojis -----------------------------------------------------------------------------


def _emojis_update(world: World, gid: int) -> None:
    emojis = list(world.emojis.get(gid, {}).values())
    world.guilds[gid]["emojis"] = emojis
    world.emit("GUILD_EMOJIS_UPDATE", {"guild_id": str(gid), "emojis": emojis}, gid)


def _emoji_name(body: Payload, *, required: bool) -> None:
    name = body.get("name")
    if name is None and not required:
        return
    if not isinstance(name, str) or not 2 <= len(name) <= 32:
        raise invalid_form("name", "BASE_TYPE_BAD_LENGTH", "Must be between 2 and 32 in length.")


def _get_emoji(world: World, req: Request) -> tuple[int, Payload]:
    return get_guild_item(world, req, world.emojis, "emoji_id", "Emoji", 10014)


@route("GET", "/guilds/{guild_id}/emojis")
def list_emojis(world: World, req: Request) -> Reply:
    gid, _ = get_guild(world, req.params["guild_id"])
    return Reply(200, list(world.emojis.get(gid, {}).values()))


@route("GET", "/guilds/{guild_id}/emojis/{emoji_id}")
def get_emoji(world: World, req: Request) -> Reply:
    return Reply(200, _get_emoji(world, req)[1])


@route("POST", "/guilds/{guild_id}/emojis")
def create_emoji(world: World, req: Request) -> Reply:
    gid, _ = get_guild(world, req.params["guild_id"])
    body = req.body()
    _emoji_name(body, required=True)
    image = body.get("image")
    if not isinstance(image, str) or not image.startswith("data:image/"):
        raise invalid_form("image", "BINARY_TYPE_INVALID_IMAGE", "Invalid image data")
    emoji: Payload = {
        "id": str(world.new_id()),
        "name": body["name"],
        "roles": [str(r) for r in body.get("roles") or ()],
        "user": world.bot_user,
        "require_colons": True,
        "managed": False,
        "animated": image.startswith("data:image/gif"),
        "available": True,
    }
    world.emojis.setdefault(gid, {})[int(emoji["id"])] = emoji
    _emojis_update(world, gid)
    return Reply(201, emoji)


@route("PATCH", "/guilds/{guild_id}/emojis/{emoji_id}")
def edit_emoji(world: World, req: Request) -> Reply:
    gid, emoji = _get_emoji(world, req)
    body = req.body()
    _emoji_name(body, required=False)
    if "name" in body:
        emoji["name"] = body["name"]
    if "roles" in body:
        emoji["roles"] = [str(r) for r in body["roles"] or ()]
    _emojis_update(world, gid)
    return Reply(200, emoji)


@route("DELETE", "/guilds/{guild_id}/emojis/{emoji_id}")
def delete_emoji(world: World, req: Request) -> Reply:
    gid, emoji = _get_emoji(world, req)
    del world.emojis[gid][int(emoji["id"])]
    _emojis_update(world, gid)
    return Reply(204)


# -- threads ----------------------------------------------------------------------------------


def _thread(
    world: World,
    parent: Payload,
    name: object,
    kind: int,
    body: Payload,
    thread_id: str | None = None,
) -> Payload:
    if not isinstance(name, str) or not 1 <= len(name) <= 100:
        raise invalid_form("name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.")
    guild_id = parent.get("guild_id")
    if guild_id is None:
        raise ApiError(400, 50024, "Cannot execute action on this channel type")
    duration = body.get("auto_archive_duration", parent.get("default_auto_archive_duration", 4320))
    if duration not in _ARCHIVE_DURATIONS:
        raise invalid_form(
            "auto_archive_duration",
            "BASE_TYPE_CHOICES",
            f"Value must be one of {_ARCHIVE_DURATIONS}.",
        )
    now = iso()
    metadata: Payload = {
        "archived": False,
        "auto_archive_duration": duration,
        "archive_timestamp": now,
        "locked": False,
        "create_timestamp": now,
    }
    if kind == 12:
        metadata["invitable"] = bool(body.get("invitable", True))
    thread = world.add_channel(
        guild_id,
        name=name,
        type=kind,
        emit=False,
        parent_id=parent["id"],
        owner_id=world.bot_user["id"],
        rate_limit_per_user=int(body.get("rate_limit_per_user", 0) or 0),
        thread_metadata=metadata,
        message_count=0,
        member_count=1,
        total_message_sent=0,
    )
    del thread["permission_overwrites"], thread["topic"], thread["position"]
    if thread_id is not None:
        # A thread started from a message takes the message's id.
        del world.channels[int(thread["id"])], world.messages[int(thread["id"])]
        thread["id"] = thread_id
        world.channels[int(thread_id)] = thread
        world.messages[int(thread_id)] = {}
    member = _join(world, thread, int(world.bot_user["id"]), emit=False)
    world.emit("THREAD_CREATE", {**thread, "newly_created": True, "member": member}, guild_id)
    return thread


def _get_thread(world: World, channel_id: str) -> Payload:
    thread = get_channel(world, channel_id)
    if thread["type"] not in _THREAD_TYPES:
        raise ApiError(400, 50024, "Cannot execute action on this channel type")
    return thread


def _join(world: World, thread: Payload, user_id: int, *, emit: bool = True) -> Payload:
    members = world.thread_members.setdefault(int(thread["id"]), {})
    member = members.get(user_id)
    if member is None:
        member = {
            "id": thread["id"],
            "user_id": str(user_id),
            "join_timestamp": iso(),
            "flags": 0,
        }
        members[user_id] = member
        thread["member_count"] = len(members)
        if emit:
            world.emit(
                "THREAD_MEMBERS_UPDATE",
                {
                    "id": thread["id"],
                    "guild_id": thread["guild_id"],
                    "member_count": len(members),
                    "added_members": [member],
                },
                thread["guild_id"],
            )
    return member


@route("POST", "/channels/{channel_id}/threads")
def create_thread(world: World, req: Request) -> Reply:
    parent = get_channel(world, req.params["channel_id"])
    body = req.body()
    # Without a message, v10 creates a private thread unless told otherwise.
    kind = body.get("type")
    kind = 12 if kind is None else kind
    if kind not in _THREAD_TYPES:
        raise invalid_form("type", "BASE_TYPE_CHOICES", "Value must be one of (10, 11, 12).")
    return Reply(201, _thread(world, parent, body.get("name"), kind, body))


@route("POST", "/channels/{channel_id}/messages/{message_id}/threads")
def create_thread_from_message(world: World, req: Request) -> Reply:
    message = get_message(world, req.params["channel_id"], req.params["message_id"])
    parent = get_channel(world, req.params["channel_id"])
    if message.get("thread") is not None:
        raise ApiError(400, 160004, "A thread has already been created for this message")
    kind = 10 if parent["type"] == 5 else 11
    body = req.body()
    thread = _thread(world, parent, body.get("name"), kind, body, thread_id=message["id"])
    message["thread"] = thread
    return Reply(201, thread)


@route("PUT", "/channels/{channel_id}/thread-members/@me")
def join_thread(world: World, req: Request) -> Reply:
    _join(world, _get_thread(world, req.params["channel_id"]), int(world.bot_user["id"]))
    return Reply(204)


@route("PUT", "/channels/{channel_id}/thread-members/{user_id}")
def add_thread_member(world: World, req: Request) -> Reply:
    thread = _get_thread(world, req.params["channel_id"])
    user = get_user(world, req.params["user_id"])
    _join(world, thread, int(user["id"]))
    return Reply(204)


@route("GET", "/channels/{channel_id}/thread-members")
def list_thread_members(world: World, req: Request) -> Reply:
    thread = _get_thread(world, req.params["channel_id"])
    return Reply(200, list(world.thread_members.get(int(thread["id"]), {}).values()))


@route("GET", "/guilds/{guild_id}/threads/active")
def list_active_threads(world: World, req: Request) -> Reply:
    gid, _ = get_guild(world, req.params["guild_id"])
    threads = [
        c
        for c in world.channels.values()
        if c.get("guild_id") == str(gid)
        and c["type"] in _THREAD_TYPES
        and not c["thread_metadata"]["archived"]
    ]
    bot = int(world.bot_user["id"])
    members = [
        m for t in threads if (m := world.thread_members.get(int(t["id"]), {}).get(bot)) is not None
    ]
    return Reply(200, {"threads": threads, "members": members})


# -- permission overwrites ----------------------------------------------------------------------


def _overwrite_changed(world: World, channel: Payload) -> None:
    world.emit("CHANNEL_UPDATE", channel, channel.get("guild_id"))


@route("PUT", "/channels/{channel_id}/permissions/{overwrite_id}")
def set_overwrite(world: World, req: Request) -> Reply:
    channel = get_channel(world, req.params["channel_id"])
    if channel.get("guild_id") is None:
        raise ApiError(400, 50024, "Cannot execute action on this channel type")
    body = req.body()
    kind = body.get("type")
    if kind not in (0, 1):
        raise invalid_form("type", "BASE_TYPE_CHOICES", "Value must be one of (0, 1).")
    try:
        allow, deny = str(int(body.get("allow") or 0)), str(int(body.get("deny") or 0))
    except (TypeError, ValueError):
        raise invalid_form("allow", "NUMBER_TYPE_COERCE", "Value is not int.") from None
    target = str(_int(req.params["overwrite_id"]))
    overwrite = {"id": target, "type": kind, "allow": allow, "deny": deny}
    others = [o for o in channel.get("permission_overwrites", ()) if o["id"] != target]
    channel["permission_overwrites"] = [*others, overwrite]
    _overwrite_changed(world, channel)
    return Reply(204)


@route("DELETE", "/channels/{channel_id}/permissions/{overwrite_id}")
def delete_overwrite(world: World, req: Request) -> Reply:
    channel = get_channel(world, req.params["channel_id"])
    target = str(_int(req.params["overwrite_id"]))
    before = channel.get("permission_overwrites", [])
    channel["permission_overwrites"] = [o for o in before if o["id"] != target]
    if len(channel["permission_overwrites"]) != len(before):
        _overwrite_changed(world, channel)
    return Reply(204)
