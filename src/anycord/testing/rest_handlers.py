"""Route handlers: gateway info, users, applications, channels, messages, reactions.

Each handler is `(world, request) -> Reply` and raises `ApiError` for Discord's JSON errors.
Mutations go through the world and emit the gateway event Discord would send.
"""

from __future__ import annotations

import typing
import urllib.parse

from anycord.testing._http import ApiError, RecordedFile, Reply, Request, invalid_form, not_found
from anycord.testing.world import iso

if typing.TYPE_CHECKING:
    from collections.abc import Callable

    from anycord.testing.world import Payload, World

__all__ = ["HANDLERS", "Handler", "find_attachment", "route", "router"]

Handler = typing.Callable[["World", Request], Reply]


def router(
    table: dict[tuple[str, str], Handler],
) -> Callable[[str, str], Callable[[Handler], Handler]]:
    """A `route(method, template)` decorator that registers handlers in `table`."""

    def route(method: str, template: str) -> Callable[[Handler], Handler]:
        def register(fn: Handler) -> Handler:
            table[method, template] = fn
            return fn

        return register

    return route


HANDLERS: dict[tuple[str, str], Handler] = {}
route = router(HANDLERS)
"""Register a handler for one spec route (in this module's `HANDLERS`)."""


# -- lookups ---------------------------------------------------------------------------------


def get_channel(world: World, channel_id: str) -> Payload:
    """A channel, or 404 Unknown Channel."""
    channel = world.channels.get(_int(channel_id))
    if channel is None:
        raise not_found("Channel", 10003)
    return channel


def get_message(world: World, channel_id: str, message_id: str) -> Payload:
    """A message, or 404 Unknown Channel / Unknown Message."""
    get_channel(world, channel_id)
    message = world.find_message(channel_id, _int(message_id))
    if message is None:
        raise not_found("Message", 10008)
    return message


def get_user(world: World, user_id: str) -> Payload:
    """A user, or 404 Unknown User."""
    user = world.users.get(_int(user_id))
    if user is None:
        raise not_found("User", 10013)
    return user


def _int(value: str | int) -> int:
    try:
        return int(value)
    except ValueError:
        raise ApiError(404, 0, "404: Not Found") from None


def _bot_id(world: World) -> int:
    return int(world.bot_user["id"])


def find_attachment(world: World, channel_id: str, attachment_id: str) -> RecordedFile | None:
    """An uploaded file by channel and attachment id (for the `/attachments/…` URLs)."""
    try:
        found = world.attachments.get(int(attachment_id))
    except ValueError:
        return None
    if found is None or found[0] != channel_id:
        return None
    return typing.cast("RecordedFile", found[1])


def _with_guild(world: World, message: Payload) -> Payload:
    event = dict(message)
    guild_id = world.channels[int(message["channel_id"])].get("guild_id")
    if guild_id is not None:
        event["guild_id"] = guild_id
    return event


def _guild_of(world: World, channel_id: str | int) -> int | None:
    gid = world.channels[int(channel_id)].get("guild_id")
    return int(gid) if gid is not None else None


# -- gateway, users, applications -------------------------------------------------------------


@route("GET", "/gateway")
def get_gateway(world: World, req: Request) -> Reply:
    return Reply(200, {"url": world.gateway_url})


@route("GET", "/gateway/bot")
def get_gateway_bot(world: World, req: Request) -> Reply:
    if world.gateway_bot is not None:
        return Reply(200, world.gateway_bot())
    return Reply(
        200,
        {
            "url": world.gateway_url,
            "shards": world.shard_count,
            "session_start_limit": {
                "total": world.session_start_total,
                "remaining": world.session_start_remaining,
                "reset_after": world.session_reset_after_ms,
                "max_concurrency": world.max_concurrency,
            },
        },
    )


@route("GET", "/users/@me")
def get_me(world: World, req: Request) -> Reply:
    # A Bearer token from the authorization-code grant acts for the user who authorised it.
    kind, _, token = req.headers.get("authorization", "").partition(" ")
    grant = world.oauth2_grants.get(token) if kind == "Bearer" else None
    if grant is not None and grant["access_token"] == token:
        return Reply(200, world.users[int(grant["user_id"])])
    return Reply(200, world.bot_user)


@route("PATCH", "/users/@me")
def patch_me(world: World, req: Request) -> Reply:
    body = req.body()
    for key in ("username", "avatar", "banner"):
        if key in body:
            world.bot_user[key] = body[key]
    world.emit("USER_UPDATE", world.bot_user)
    return Reply(200, world.bot_user)


@route("GET", "/users/{user_id}")
def get_user_route(world: World, req: Request) -> Reply:
    return Reply(200, get_user(world, req.params["user_id"]))


@route("POST", "/users/@me/channels")
def create_dm(world: World, req: Request) -> Reply:
    recipient = req.body().get("recipient_id")
    if recipient is None:
        raise invalid_form("recipient_id", "BASE_TYPE_REQUIRED", "This field is required")
    get_user(world, str(recipient))
    return Reply(200, world.dm_channel(recipient))


@route("GET", "/users/@me/guilds")
def my_guilds(world: World, req: Request) -> Reply:
    bot = _bot_id(world)
    guilds = [
        {
            "id": g["id"],
            "name": g["name"],
            "icon": g["icon"],
            "owner": g["owner_id"] == str(bot),
            "permissions": "0",
            "features": g["features"],
        }
        for gid, g in world.guilds.items()
        if bot in world.members.get(gid, {})
    ]
    limit = int(req.q("limit", "200") or 200)
    after = int(req.q("after", "0") or 0)
    return Reply(200, [g for g in guilds if int(g["id"]) > after][:limit])


@route("DELETE", "/users/@me/guilds/{guild_id}")
def leave_guild(world: World, req: Request) -> Reply:
    gid = _int(req.params["guild_id"])
    if gid not in world.guilds:
        raise not_found("Guild", 10004)
    world.members[gid].pop(_bot_id(world), None)
    world.emit("GUILD_DELETE", {"id": str(gid), "unavailable": False}, gid)
    return Reply(204)


@route("GET", "/applications/@me")
def get_my_application(world: World, req: Request) -> Reply:
    return Reply(200, {**world.application, "approximate_guild_count": len(world.guilds)})


@route("GET", "/oauth2/applications/@me")
def get_oauth2_application(world: World, req: Request) -> Reply:
    return get_my_application(world, req)


# -- channels ---------------------------------------------------------------------------------


@route("GET", "/channels/{channel_id}")
def get_channel_route(world: World, req: Request) -> Reply:
    return Reply(200, get_channel(world, req.params["channel_id"]))


_CHANNEL_FIELDS = (
    "name",
    "type",
    "position",
    "topic",
    "nsfw",
    "rate_limit_per_user",
    "bitrate",
    "user_limit",
    "permission_overwrites",
    "parent_id",
    "rtc_region",
    "video_quality_mode",
    "flags",
    "default_auto_archive_duration",
    "archived",
    "auto_archive_duration",
    "locked",
    "invitable",
)


@route("PATCH", "/channels/{channel_id}")
def patch_channel(world: World, req: Request) -> Reply:
    channel = get_channel(world, req.params["channel_id"])
    body = req.body()
    if "name" in body and not 1 <= len(str(body["name"])) <= 100:
        raise invalid_form("name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.")
    for key in _CHANNEL_FIELDS:
        if key in body:
            channel[key] = body[key]
    world.emit("CHANNEL_UPDATE", channel, _guild_of(world, channel["id"]))
    return Reply(200, channel)


@route("DELETE", "/channels/{channel_id}")
def delete_channel(world: World, req: Request) -> Reply:
    channel = get_channel(world, req.params["channel_id"])
    gid = _guild_of(world, channel["id"])
    del world.channels[int(channel["id"])]
    world.messages.pop(int(channel["id"]), None)
    world.emit("CHANNEL_DELETE", channel, gid)
    return Reply(200, channel)


@route("POST", "/channels/{channel_id}/typing")
def typing_indicator(world: World, req: Request) -> Reply:
    channel = get_channel(world, req.params["channel_id"])
    gid = _guild_of(world, channel["id"])
    event: Payload = {
        "channel_id": channel["id"],
        "user_id": world.bot_user["id"],
        "timestamp": int(req.now),
    }
    if gid is not None:
        event["guild_id"] = str(gid)
    world.emit("TYPING_START", event, gid)
    return Reply(204)


# -- messages ---------------------------------------------------------------------------------


@route("GET", "/channels/{channel_id}/messages")
def list_messages(world: World, req: Request) -> Reply:
    get_channel(world, req.params["channel_id"])
    limit = int(req.q("limit", "50") or 50)
    if not 1 <= limit <= 100:
        raise invalid_form("limit", "NUMBER_TYPE_MAX", "int value should be between 1 and 100.")
    ordered = sorted(world.messages[int(req.params["channel_id"])].items(), reverse=True)
    if (before := req.q("before")) is not None:
        ordered = [(k, m) for k, m in ordered if k < int(before)]
    elif (after := req.q("after")) is not None:
        newer = sorted((k, m) for k, m in ordered if k > int(after))[:limit]
        return Reply(200, [m for _, m in reversed(newer)])
    elif (around := req.q("around")) is not None:
        pivot = int(around)
        older = [(k, m) for k, m in ordered if k <= pivot][: (limit + 1) // 2]
        newer = sorted((k, m) for k, m in ordered if k > pivot)[: limit // 2]
        return Reply(200, [m for _, m in reversed(newer)] + [m for _, m in older])
    return Reply(200, [m for _, m in ordered[:limit]])


@route("GET", "/channels/{channel_id}/messages/{message_id}")
def get_message_route(world: World, req: Request) -> Reply:
    return Reply(200, get_message(world, req.params["channel_id"], req.params["message_id"]))


def message_fields(world: World, req: Request, channel_id: str, *, creating: bool) -> Payload:
    """Validate a message body (JSON or `payload_json`) and turn uploads into attachments."""
    body = req.body()
    fields: Payload = {}
    content = body.get("content")
    if content is not None:
        if not isinstance(content, str):
            raise invalid_form("content", "BASE_TYPE_STRING", "Must be a string.")
        if len(content) > 2000:
            raise invalid_form(
                "content", "BASE_TYPE_MAX_LENGTH", "Must be 2000 or fewer in length."
            )
        fields["content"] = content
    embeds = body.get("embeds")
    if embeds is None and "embed" in body:
        embeds = [body["embed"]]
    if embeds is not None:
        if len(embeds) > 10:
            raise invalid_form("embeds", "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.")
        fields["embeds"] = [{"type": "rich", **e} for e in embeds]
    for key in ("components", "flags", "tts", "sticker_ids", "poll", "nonce"):
        if key in body:
            fields[key] = body[key]
    if "message_reference" in body:
        fields.update(_reference(world, channel_id, body["message_reference"]))
    attachments = _attachments(world, req, channel_id, body)
    if attachments is not None:
        fields["attachments"] = attachments
    if int(fields.get("flags") or 0) & VOICE_MESSAGE_FLAG:
        check_voice_message(fields, req)
    if creating and not (
        fields.get("content")
        or fields.get("embeds")
        or fields.get("attachments")
        or fields.get("sticker_ids")
        or fields.get("components")
        or fields.get("poll")
        or fields.get("message_snapshots")
    ):
        raise ApiError(400, 50006, "Cannot send an empty message")
    fields.pop("sticker_ids", None)
    return fields


VOICE_MESSAGE_FLAG = 1 << 13
"""`IS_VOICE_MESSAGE` (resources/message.mdx, message flags)."""


def check_voice_message(fields: Payload, req: Request) -> None:
    """Discord's rules for a voice message (resources/message.mdx, "Voice Messages"; codes
    50159-50161 in topics/opcodes-and-status-codes.mdx): one audio upload with `duration_secs`
    and `waveform`, and nothing else in the message."""
    extra = ("content", "embeds", "components", "sticker_ids", "poll", "tts")
    if any(fields.get(key) for key in extra):
        raise ApiError(400, 50159, "Voice messages do not support additional content.")
    attachments = fields.get("attachments") or []
    audio = [a for a in attachments if str(a.get("content_type", "")).startswith("audio/")]
    if len(attachments) != 1 or len(audio) != 1 or len(req.files) > 1:
        raise ApiError(400, 50160, "Voice messages must have a single audio attachment.")
    if not (audio[0].get("waveform") and audio[0].get("duration_secs")):
        raise ApiError(400, 50161, "Voice messages must have supporting metadata.")


def refuse_voice_message_edit(message: Payload) -> None:
    """Discord answers any edit of a voice message with 50162."""
    if int(message.get("flags") or 0) & VOICE_MESSAGE_FLAG:
        raise ApiError(400, 50162, "Voice messages cannot be edited.")


_SNAPSHOT_FIELDS = (
    "type",
    "content",
    "embeds",
    "attachments",
    "timestamp",
    "edited_timestamp",
    "flags",
    "mentions",
    "mention_roles",
    "components",
)


def _reference(world: World, channel_id: str, given: Payload) -> Payload:
    """A reply (type 0: a REPLY message) or a forward (type 1: a DEFAULT message carrying a
    snapshot of the source, which may live in another channel)."""
    ref = {"type": 0, "channel_id": channel_id, **given}
    if ref["type"] != 1:
        # Replies stay lenient (Discord checks them unless `fail_if_not_exists` is false;
        # scenarios often reply to made-up ids).
        return {"message_reference": ref, "type": 19}
    source = world.find_message(ref["channel_id"], ref.get("message_id", 0))
    if source is None:
        raise invalid_form(
            "message_reference", "MESSAGE_REFERENCE_UNKNOWN_MESSAGE", "Unknown message"
        )
    guild_id = world.channels[int(source["channel_id"])].get("guild_id")
    if guild_id is not None:
        ref.setdefault("guild_id", guild_id)
    snapshot = {k: source[k] for k in _SNAPSHOT_FIELDS if k in source}
    return {"message_reference": ref, "type": 0, "message_snapshots": [{"message": snapshot}]}


def _attachment_payload(
    req: Request, channel_id: str, upload: RecordedFile, aid: int, meta: Payload
) -> Payload:
    url = f"{req.base_url}/attachments/{channel_id}/{aid}/{urllib.parse.quote(upload.filename)}"
    return {
        "id": str(aid),
        "filename": meta.get("filename", upload.filename),
        "size": len(upload.data),
        "url": url,
        "proxy_url": url,
        "content_type": upload.content_type,
        **{key: meta[key] for key in _ATTACHMENT_METADATA if key in meta},
    }


_ATTACHMENT_METADATA = ("description", "title", "duration_secs", "waveform")


def _attachments(
    world: World, req: Request, channel_id: str, body: Payload
) -> list[Payload] | None:
    declared = body.get("attachments")
    uploads = {f.field: f for f in req.files}
    if declared is None and not uploads:
        return None
    result: list[Payload] = []
    by_index = {str(a.get("id")): a for a in declared or ()}
    for n, upload in enumerate(req.files):
        index = upload.field.removeprefix("files[").removesuffix("]")
        meta = by_index.pop(index, None) or by_index.pop(str(n), None) or {}
        aid = world.new_id()
        world.attachments[aid] = (channel_id, upload)
        result.append(_attachment_payload(req, channel_id, upload, aid, meta))
    # Declared ids that match no upload refer to attachments kept from an earlier message;
    # Discord answers with the whole attachment object, as for a new upload.
    kept: list[Payload] = []
    for declared_kept in by_index.values():
        aid = int(declared_kept["id"]) if str(declared_kept.get("id", "")).isdigit() else 0
        if aid in world.attachments:
            owner_channel, upload = world.attachments[aid]
            kept.append(_attachment_payload(req, owner_channel, upload, aid, declared_kept))
    return [*kept, *result] if declared is not None else result


_MAX_NONCE = 25


@route("POST", "/channels/{channel_id}/messages")
def create_message(world: World, req: Request) -> Reply:
    """Create a message; with `enforce_nonce` and a `nonce` the bot used for a message in the
    last `world.nonce_window` seconds, that message is returned and nothing is created or
    emitted (resources/message.mdx, Create Message)."""
    channel_id = req.params["channel_id"]
    get_channel(world, channel_id)
    body = req.body()
    nonce = body.get("nonce")
    if isinstance(nonce, str) and len(nonce) > _MAX_NONCE:
        raise invalid_form("nonce", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
    enforced = body.get("enforce_nonce") is True
    if nonce is not None and enforced:
        existing = world.message_by_nonce(world.bot_user["id"], nonce, req.now)
        if existing is not None:
            return Reply(200, existing)
    fields = message_fields(world, req, channel_id, creating=True)
    message = world.add_message(channel_id, author=world.bot_user, **fields)
    if nonce is not None and enforced:
        world.remember_nonce(message, nonce, req.now)
    return Reply(200, message)


@route("PATCH", "/channels/{channel_id}/messages/{message_id}")
def edit_message(world: World, req: Request) -> Reply:
    message = get_message(world, req.params["channel_id"], req.params["message_id"])
    if message["author"]["id"] != world.bot_user["id"] and set(req.body()) - {"flags"}:
        raise ApiError(403, 50005, "Cannot edit a message authored by another user")
    refuse_voice_message_edit(message)
    fields = message_fields(world, req, req.params["channel_id"], creating=False)
    message.update(fields, edited_timestamp=iso())
    world.emit(
        "MESSAGE_UPDATE", _with_guild(world, message), _guild_of(world, message["channel_id"])
    )
    return Reply(200, message)


@route("DELETE", "/channels/{channel_id}/messages/{message_id}")
def delete_message(world: World, req: Request) -> Reply:
    message = get_message(world, req.params["channel_id"], req.params["message_id"])
    cid = int(message["channel_id"])
    del world.messages[cid][int(message["id"])]
    gid = _guild_of(world, cid)
    event: Payload = {"id": message["id"], "channel_id": message["channel_id"]}
    if gid is not None:
        event["guild_id"] = str(gid)
    world.emit("MESSAGE_DELETE", event, gid)
    return Reply(204)


@route("POST", "/channels/{channel_id}/messages/bulk-delete")
def bulk_delete(world: World, req: Request) -> Reply:
    channel = get_channel(world, req.params["channel_id"])
    ids = req.body().get("messages")
    if not isinstance(ids, list) or not 2 <= len(ids) <= 100:
        raise invalid_form(
            "messages", "BASE_TYPE_BAD_LENGTH", "Must be between 2 and 100 in length."
        )
    cid = int(channel["id"])
    for mid in ids:
        world.messages[cid].pop(int(mid), None)
    gid = _guild_of(world, cid)
    event: Payload = {"ids": [str(i) for i in ids], "channel_id": channel["id"]}
    if gid is not None:
        event["guild_id"] = str(gid)
    world.emit("MESSAGE_DELETE_BULK", event, gid)
    return Reply(204)


_MAX_PINS = 250


def _pins_update(world: World, channel: Payload) -> None:
    pins = world.pins.get(int(channel["id"]), {})
    event: Payload = {
        "channel_id": channel["id"],
        "last_pin_timestamp": max(pins.values()) if pins else None,
    }
    gid = _guild_of(world, channel["id"])
    if gid is not None:
        event["guild_id"] = str(gid)
    world.emit("CHANNEL_PINS_UPDATE", event, gid)


def _pinned(world: World, channel_id: str) -> list[tuple[str, Payload]]:
    """(pinned_at, message) of a channel's pins, newest pin first."""
    messages = world.messages[int(channel_id)]
    pins = world.pins.get(int(channel_id), {})
    found = [(at, messages[mid]) for mid, at in pins.items() if mid in messages]
    # A message a scenario stored with `pinned=True` counts as pinned when it was sent.
    found += [
        (m["timestamp"], m) for mid, m in messages.items() if m.get("pinned") and mid not in pins
    ]
    return sorted(found, key=lambda pair: pair[0], reverse=True)


def pin(world: World, req: Request) -> Reply:
    """Pin a message (idempotent); emits CHANNEL_PINS_UPDATE when it changes."""
    message = get_message(world, req.params["channel_id"], req.params["message_id"])
    pins = world.pins.setdefault(int(message["channel_id"]), {})
    if int(message["id"]) not in pins:
        if len(pins) >= _MAX_PINS:
            raise ApiError(400, 30003, f"Maximum number of pins reached ({_MAX_PINS})")
        pins[int(message["id"])] = iso()
        message["pinned"] = True
        _pins_update(world, world.channels[int(message["channel_id"])])
    return Reply(204)


def unpin(world: World, req: Request) -> Reply:
    """Unpin a message (idempotent); emits CHANNEL_PINS_UPDATE when it changes."""
    message = get_message(world, req.params["channel_id"], req.params["message_id"])
    if world.pins.get(int(message["channel_id"]), {}).pop(int(message["id"]), None) is not None:
        message["pinned"] = False
        _pins_update(world, world.channels[int(message["channel_id"])])
    return Reply(204)


for _pins in ("/channels/{channel_id}/messages/pins", "/channels/{channel_id}/pins"):
    route("PUT", _pins + "/{message_id}")(pin)
    route("DELETE", _pins + "/{message_id}")(unpin)


@route("GET", "/channels/{channel_id}/messages/pins")
def list_message_pins(world: World, req: Request) -> Reply:
    get_channel(world, req.params["channel_id"])
    limit = int(req.q("limit", "50") or 50)
    if not 1 <= limit <= 50:
        raise invalid_form("limit", "NUMBER_TYPE_MAX", "int value should be between 1 and 50.")
    pinned = _pinned(world, req.params["channel_id"])
    if (before := req.q("before")) is not None:
        pinned = [(at, m) for at, m in pinned if at < before]
    items = [{"pinned_at": at, "message": m} for at, m in pinned[:limit]]
    return Reply(200, {"items": items, "has_more": len(pinned) > limit})


@route("GET", "/channels/{channel_id}/pins")
def list_pins(world: World, req: Request) -> Reply:
    get_channel(world, req.params["channel_id"])
    return Reply(200, [m for _, m in _pinned(world, req.params["channel_id"])])


# -- reactions --------------------------------------------------------------------------------


def _emoji(key: str) -> Payload:
    name, sep, eid = key.partition(":")
    return {"id": eid if sep else None, "name": name}


def _emoji_key(raw: str) -> str:
    emoji = _emoji(raw)
    return f"{emoji['name']}:{emoji['id']}" if emoji["id"] else str(emoji["name"])


def _sync_reactions(world: World, message: Payload) -> None:
    bot = world.bot_user["id"]
    cid, mid = int(message["channel_id"]), int(message["id"])
    reactions = []
    for (c, m, key), users in world.reactions.items():
        if (c, m) == (cid, mid) and users:
            reactions.append(
                {
                    "count": len(users),
                    "count_details": {"burst": 0, "normal": len(users)},
                    "me": int(bot) in users,
                    "me_burst": False,
                    "burst_colors": [],
                    "emoji": _emoji(key),
                }
            )
    message["reactions"] = reactions


def _reaction_event(
    world: World, message: Payload, key: str, user_id: int
) -> tuple[Payload, int | None]:
    gid = _guild_of(world, message["channel_id"])
    event: Payload = {
        "user_id": str(user_id),
        "channel_id": message["channel_id"],
        "message_id": message["id"],
        "emoji": _emoji(key),
        "burst": False,
        "type": 0,
    }
    if gid is not None:
        event["guild_id"] = str(gid)
    return event, gid


def react(world: World, message: Payload, raw_emoji: str, user_id: int) -> None:
    """Add a reaction (no-op when already there) and emit MESSAGE_REACTION_ADD."""
    key = _emoji_key(raw_emoji)
    users = world.reactions.setdefault((int(message["channel_id"]), int(message["id"]), key), [])
    if user_id in users:
        return
    users.append(user_id)
    _sync_reactions(world, message)
    event, gid = _reaction_event(world, message, key, user_id)
    event["message_author_id"] = message["author"]["id"]
    if gid is not None and (member := world.members.get(gid, {}).get(user_id)) is not None:
        event["member"] = member
    world.emit("MESSAGE_REACTION_ADD", event, gid)


def unreact(world: World, message: Payload, raw_emoji: str, user_id: int) -> None:
    """Remove a reaction (no-op when absent) and emit MESSAGE_REACTION_REMOVE."""
    key = _emoji_key(raw_emoji)
    users = world.reactions.get((int(message["channel_id"]), int(message["id"]), key), [])
    if user_id not in users:
        return
    users.remove(user_id)
    _sync_reactions(world, message)
    event, gid = _reaction_event(world, message, key, user_id)
    world.emit("MESSAGE_REACTION_REMOVE", event, gid)


_R = "/channels/{channel_id}/messages/{message_id}/reactions"


@route("PUT", _R + "/{emoji_name}/@me")
def add_my_reaction(world: World, req: Request) -> Reply:
    message = get_message(world, req.params["channel_id"], req.params["message_id"])
    react(world, message, req.params["emoji_name"], _bot_id(world))
    return Reply(204)


@route("DELETE", _R + "/{emoji_name}/@me")
def delete_my_reaction(world: World, req: Request) -> Reply:
    message = get_message(world, req.params["channel_id"], req.params["message_id"])
    unreact(world, message, req.params["emoji_name"], _bot_id(world))
    return Reply(204)


@route("DELETE", _R + "/{emoji_name}/{user_id}")
def delete_user_reaction(world: World, req: Request) -> Reply:
    message = get_message(world, req.params["channel_id"], req.params["message_id"])
    unreact(world, message, req.params["emoji_name"], _int(req.params["user_id"]))
    return Reply(204)


@route("GET", _R + "/{emoji_name}")
def list_reactions(world: World, req: Request) -> Reply:
    message = get_message(world, req.params["channel_id"], req.params["message_id"])
    key = _emoji_key(req.params["emoji_name"])
    users = world.reactions.get((int(message["channel_id"]), int(message["id"]), key), [])
    after = int(req.q("after", "0") or 0)
    limit = int(req.q("limit", "25") or 25)
    chosen = sorted(u for u in users if u > after)[:limit]
    return Reply(200, [world.users[u] for u in chosen])


@route("DELETE", _R + "/{emoji_name}")
def delete_emoji_reactions(world: World, req: Request) -> Reply:
    message = get_message(world, req.params["channel_id"], req.params["message_id"])
    key = _emoji_key(req.params["emoji_name"])
    world.reactions.pop((int(message["channel_id"]), int(message["id"]), key), None)
    _sync_reactions(world, message)
    event, gid = _reaction_event(world, message, key, 0)
    del event["user_id"], event["burst"], event["type"]
    world.emit("MESSAGE_REACTION_REMOVE_EMOJI", event, gid)
    return Reply(204)


@route("DELETE", _R)
def delete_all_reactions(world: World, req: Request) -> Reply:
    message = get_message(world, req.params["channel_id"], req.params["message_id"])
    cid, mid = int(message["channel_id"]), int(message["id"])
    for key in [k for k in world.reactions if k[:2] == (cid, mid)]:
        del world.reactions[key]
    message["reactions"] = []
    gid = _guild_of(world, cid)
    event: Payload = {"channel_id": message["channel_id"], "message_id": message["id"]}
    if gid is not None:
        event["guild_id"] = str(gid)
    world.emit("MESSAGE_REACTION_REMOVE_ALL", event, gid)
    return Reply(204)
