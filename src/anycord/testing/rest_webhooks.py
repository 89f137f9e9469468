"""Route handlers: webhooks, interaction callbacks and follow-ups, application commands.

Interaction rules (developers/interactions/receiving-and-responding.mdx): the initial
response must come within 3 s of the interaction (else 404 Unknown Interaction, 10062) and
only once (400, 40060); the token then works for follow-ups for 15 minutes (afterwards 401
Invalid Webhook Token, 50027). A type 4 response (or a follow-up) creates a message in the
interaction's channel and emits MESSAGE_CREATE.
"""

from __future__ import annotations

import hashlib
import typing

from anycord.testing._http import ApiError, Reply, Request, invalid_form, not_found
from anycord.testing.rest_guilds import get_guild
from anycord.testing.rest_handlers import (
    _int,
    get_channel,
    message_fields,
    refuse_voice_message_edit,
    router,
)
from anycord.testing.world import iso

if typing.TYPE_CHECKING:
    from collections.abc import Callable

    from anycord.testing.rest_handlers import Handler
    from anycord.testing.world import InteractionRecord, Payload, World

__all__ = ["ALLOWED_RESPONSES", "HANDLERS", "apply_initial_response"]

ALLOWED_RESPONSES: typing.Final[dict[int, frozenset[int]]] = {
    1: frozenset({1}),
    2: frozenset({4, 5, 9, 10, 12}),
    3: frozenset({4, 5, 6, 7, 9, 10, 12}),
    4: frozenset({8}),
    5: frozenset({4, 5, 6, 7, 10}),
}
"""Interaction type → callback types Discord accepts for it."""

HANDLERS: dict[tuple[str, str], Handler] = {}
_TOKEN_LIFETIME = 15 * 60.0
_INITIAL_DEADLINE = 3.0


route = router(HANDLERS)


# -- interactions -----------------------------------------------------------------------------


def _interaction_message(
    world: World, record: InteractionRecord, fields: Payload
) -> Payload | None:
    if record.channel_id is None or record.channel_id not in world.channels:
        return None
    meta = {"id": str(record.id), "type": record.type, "user": world.bot_user}
    return world.add_message(
        record.channel_id,
        author=world.bot_user,
        type=20 if record.type == 2 else 0,
        application_id=str(record.application_id),
        webhook_id=str(record.application_id),
        interaction_metadata=meta,
        **fields,
    )


_RESPONSE_FIELDS = ("content", "embeds", "components", "attachments", "flags", "tts")
"""What an initial response's `data` puts on the message it creates or updates (a type 7
update sets all but `tts`)."""


def apply_initial_response(world: World, record: InteractionRecord, response: Payload) -> None:
    """Record a bot's initial response.

    A type 4 creates the original message; a type 5 (deferred) creates it too, as Discord does:
    an empty message with the LOADING flag (128) that a later edit of `@original` fills in.
    Types 6 and 7 (on a component) make the component's message the original; 7 edits it.
    """
    record.response = response
    kind = response.get("type")
    if kind in (6, 7) and record.message_id is not None and record.channel_id is not None:
        record.original_message_id = record.message_id
        message = world.messages.get(record.channel_id, {}).get(record.message_id)
        if kind == 7 and message is not None:
            data = response.get("data") or {}
            message.update({k: data[k] for k in _RESPONSE_FIELDS if k in data and k != "tts"})
            message["edited_timestamp"] = iso()
            gid = world.channels.get(record.channel_id, {}).get("guild_id")
            world.emit(
                "MESSAGE_UPDATE",
                {**message, **({"guild_id": gid} if gid else {})},
                int(gid) if gid else None,
            )
        return
    if kind in (4, 5):
        data = dict(response.get("data") or {})
        fields = {k: data[k] for k in _RESPONSE_FIELDS if k in data}
        if kind == 5:
            fields = {"content": "", "flags": int(data.get("flags", 0)) | 128}
        message = _interaction_message(world, record, fields)
        if message is not None:
            record.original_message_id = int(message["id"])


def _record(world: World, token: str) -> InteractionRecord | None:
    return world.interactions.get(token)


@route("POST", "/interactions/{interaction_id}/{interaction_token}/callback")
def interaction_callback(world: World, req: Request) -> Reply:
    record = _record(world, req.params["interaction_token"])
    if record is None or str(record.id) != req.params["interaction_id"]:
        raise not_found("interaction", 10062)
    if req.now - record.created_at > _INITIAL_DEADLINE:
        raise not_found("interaction", 10062)
    if record.response is not None:
        raise ApiError(400, 40060, "Interaction has already been acknowledged.")
    body = req.body()
    rtype = body.get("type")
    if not isinstance(rtype, int) or rtype not in ALLOWED_RESPONSES.get(record.type, frozenset()):
        raise invalid_form(
            "type",
            "BASE_TYPE_CHOICES",
            f"Value must be one of {sorted(ALLOWED_RESPONSES.get(record.type, ()))}.",
        )
    if req.files or (isinstance(body.get("data"), dict) and "attachments" in body["data"]):
        inner = Request(**{**_fields(req), "json": body.get("data") or {}})
        body = {
            **body,
            "data": {
                **(body.get("data") or {}),
                **message_fields(world, inner, str(record.channel_id), creating=False),
            },
        }
    apply_initial_response(world, record, body)
    if req.q("with_response") in ("true", "True", "1"):
        resource: Payload = {"type": rtype}
        if record.original_message_id is not None and record.channel_id is not None:
            resource["message"] = world.messages[record.channel_id][record.original_message_id]
        interaction = {
            "id": str(record.id),
            "type": record.type,
            "response_message_loading": rtype == 5,
        }
        return Reply(200, {"interaction": interaction, "resource": resource})
    return Reply(204)


def _fields(req: Request) -> dict[str, typing.Any]:
    return {
        "method": req.method,
        "template": req.template,
        "params": req.params,
        "query": req.query,
        "headers": req.headers,
        "json": req.json,
        "files": req.files,
        "form": req.form,
        "base_url": req.base_url,
        "now": req.now,
    }


def _followup_record(world: World, req: Request) -> InteractionRecord | None:
    record = _record(world, req.params["webhook_token"])
    if record is None:
        return None
    if req.params["webhook_id"] != str(record.application_id):
        raise not_found("Webhook", 10015)
    if req.now - record.created_at > _TOKEN_LIFETIME:
        raise ApiError(401, 50027, "Invalid Webhook Token")
    return record


def _webhook(world: World, req: Request) -> Payload:
    webhook = world.webhooks.get(_int(req.params["webhook_id"]))
    if webhook is None:
        raise not_found("Webhook", 10015)
    if "webhook_token" in req.params and webhook["token"] != req.params["webhook_token"]:
        raise ApiError(401, 50027, "Invalid Webhook Token")
    return webhook


def _owned_message(
    world: World, channel_id: int | None, message_id: int | None, owner: str
) -> Payload:
    if channel_id is None or message_id is None:
        raise not_found("Message", 10008)
    message = world.messages.get(channel_id, {}).get(message_id)
    if message is None or message.get("webhook_id") != owner:
        raise not_found("Message", 10008)
    return message


_W = "/webhooks/{webhook_id}/{webhook_token}"


@route("POST", _W)
def execute_webhook(world: World, req: Request) -> Reply:
    record = _followup_record(world, req)
    if record is not None:
        if record.channel_id is None:
            raise not_found("Channel", 10003)
        fields = message_fields(world, req, str(record.channel_id), creating=True)
        message = _interaction_message(world, record, fields)
        if message is None:
            raise not_found("Channel", 10003)
        record.followup_ids.append(int(message["id"]))
        return Reply(200, message)
    webhook = _webhook(world, req)
    fields = message_fields(world, req, webhook["channel_id"], creating=True)
    author = {
        **world.bot_user,
        "id": webhook["id"],
        "username": req.body().get("username", webhook["name"]),
        "bot": True,
    }
    message = world.add_message(
        webhook["channel_id"], author=author, webhook_id=webhook["id"], **fields
    )
    if req.q("wait") in ("true", "True", "1"):
        return Reply(200, message)
    return Reply(204)


def _target_message(world: World, req: Request) -> tuple[Payload, int | None]:
    record = _followup_record(world, req)
    raw_id = req.params.get("message_id", "@original")
    if record is not None:
        mid = record.original_message_id if raw_id == "@original" else _int(raw_id)
        if mid is not None and mid == record.message_id and record.channel_id is not None:
            # After an UPDATE_MESSAGE answer, @original is the component's message, whoever
            # sent it.
            message = world.messages.get(record.channel_id, {}).get(mid)
            if message is not None:
                return message, record.guild_id
        return _owned_message(
            world, record.channel_id, mid, str(record.application_id)
        ), record.guild_id
    webhook = _webhook(world, req)
    if raw_id == "@original":
        raise not_found("Message", 10008)
    message = _owned_message(world, int(webhook["channel_id"]), _int(raw_id), webhook["id"])
    gid = webhook.get("guild_id")
    return message, int(gid) if gid else None


for _path in (_W + "/messages/@original", _W + "/messages/{message_id}"):

    @route("GET", _path)
    def get_webhook_message(world: World, req: Request) -> Reply:
        return Reply(200, _target_message(world, req)[0])

    @route("PATCH", _path)
    def edit_webhook_message(world: World, req: Request) -> Reply:
        message, gid = _target_message(world, req)
        refuse_voice_message_edit(message)
        message.update(
            message_fields(world, req, message["channel_id"], creating=False),
            edited_timestamp=iso(),
        )
        event = {**message, **({"guild_id": str(gid)} if gid else {})}
        world.emit("MESSAGE_UPDATE", event, gid)
        return Reply(200, message)

    @route("DELETE", _path)
    def delete_webhook_message(world: World, req: Request) -> Reply:
        message, gid = _target_message(world, req)
        del world.messages[int(message["channel_id"])][int(message["id"])]
        event = {
            "id": message["id"],
            "channel_id": message["channel_id"],
            **({"guild_id": str(gid)} if gid else {}),
        }
        world.emit("MESSAGE_DELETE", event, gid)
        return Reply(204)


@route("GET", _W)
def get_webhook_by_token(world: World, req: Request) -> Reply:
    webhook = dict(_webhook(world, req))
    webhook.pop("user", None)
    return Reply(200, webhook)


def _edit_webhook(webhook: Payload, body: Payload, *, by_token: bool) -> Payload:
    # A token cannot move a webhook; an avatar data URI is stored as Discord would: a hash.
    for key in ("name", "channel_id") if not by_token else ("name",):
        if key in body:
            webhook[key] = body[key]
    if "avatar" in body:
        image = body["avatar"]
        webhook["avatar"] = None if image is None else hashlib.md5(image.encode()).hexdigest()
    return webhook


@route("PATCH", _W)
def edit_webhook_by_token(world: World, req: Request) -> Reply:
    webhook = dict(_edit_webhook(_webhook(world, req), req.body(), by_token=True))
    webhook.pop("user", None)
    return Reply(200, webhook)


@route("DELETE", _W)
def delete_webhook_by_token(world: World, req: Request) -> Reply:
    webhook = _webhook(world, req)
    del world.webhooks[int(webhook["id"])]
    return Reply(204)


@route("GET", "/webhooks/{webhook_id}")
def get_webhook(world: World, req: Request) -> Reply:
    return Reply(200, _webhook(world, req))


@route("PATCH", "/webhooks/{webhook_id}")
def edit_webhook(world: World, req: Request) -> Reply:
    return Reply(200, _edit_webhook(_webhook(world, req), req.body(), by_token=False))


@route("DELETE", "/webhooks/{webhook_id}")
def delete_webhook(world: World, req: Request) -> Reply:
    webhook = _webhook(world, req)
    del world.webhooks[int(webhook["id"])]
    return Reply(204)


@route("POST", "/channels/{channel_id}/webhooks")
def create_webhook(world: World, req: Request) -> Reply:
    channel = get_channel(world, req.params["channel_id"])
    name = req.body().get("name")
    if not isinstance(name, str) or not 1 <= len(name) <= 80:
        raise invalid_form("name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 80 in length.")
    return Reply(200, world.add_webhook(channel["id"], name=name))


@route("GET", "/channels/{channel_id}/webhooks")
def list_channel_webhooks(world: World, req: Request) -> Reply:
    channel = get_channel(world, req.params["channel_id"])
    return Reply(200, [w for w in world.webhooks.values() if w["channel_id"] == channel["id"]])


@route("GET", "/guilds/{guild_id}/webhooks")
def list_guild_webhooks(world: World, req: Request) -> Reply:
    _, guild = get_guild(world, req.params["guild_id"])
    return Reply(200, [w for w in world.webhooks.values() if w.get("guild_id") == guild["id"]])


# -- application commands ---------------------------------------------------------------------

_C = "/applications/{application_id}/commands"
_GC = "/applications/{application_id}/guilds/{guild_id}/commands"


def _check_app(world: World, req: Request) -> str | None:
    if req.params["application_id"] != str(world.application_id):
        raise ApiError(403, 50001, "Missing Access")
    return req.params.get("guild_id")


def _scoped(world: World, guild_id: str | None) -> list[Payload]:
    return [c for c in world.commands.values() if c.get("guild_id") == guild_id]


def _validate_command(body: Payload) -> None:
    name = body.get("name")
    if not isinstance(name, str) or not 1 <= len(name) <= 32:
        raise invalid_form("name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 32 in length.")
    if body.get("type", 1) == 1 and not 1 <= len(str(body.get("description", ""))) <= 100:
        raise invalid_form(
            "description", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length."
        )


def _upsert(world: World, guild_id: str | None, body: Payload) -> Payload:
    _validate_command(body)
    for command in _scoped(world, guild_id):
        if command["name"] == body["name"] and command["type"] == body.get("type", 1):
            # An overwrite replaces the command's fields (what the body leaves out is reset).
            kept = {k: command[k] for k in ("id", "application_id", "guild_id") if k in command}
            command.clear()
            command.update(
                {"type": 1, "description": "", "options": [], "default_member_permissions": None},
                nsfw=False,
            )
            command.update(body, **kept, version=str(world.new_id()))
            return command
    fields = {k: v for k, v in body.items() if k not in ("name", "description", "guild_id")}
    return world.add_command(
        name=body["name"], description=body.get("description", ""), guild_id=guild_id, **fields
    )


for _base in (_C, _GC):

    @route("GET", _base)
    def list_commands(world: World, req: Request) -> Reply:
        return Reply(200, _scoped(world, _check_app(world, req)))

    @route("POST", _base)
    def create_command(world: World, req: Request) -> Reply:
        return Reply(201, _upsert(world, _check_app(world, req), req.body()))

    @route("PUT", _base)
    def bulk_overwrite(world: World, req: Request) -> Reply:
        guild_id = _check_app(world, req)
        if not isinstance(req.json, list):
            raise invalid_form("_root", "BASE_TYPE_ARRAY", "Must be an array.")
        for body in req.json:
            _validate_command(body)
        # Commands named again keep their ids (Discord only counts new ones as creations).
        keep = {(body["name"], body.get("type", 1)) for body in req.json}
        for command in _scoped(world, guild_id):
            if (command["name"], command.get("type", 1)) not in keep:
                del world.commands[int(command["id"])]
        return Reply(200, [_upsert(world, guild_id, body) for body in req.json])

    def _command(world: World, req: Request) -> Payload:
        guild_id = _check_app(world, req)
        command = world.commands.get(_int(req.params["command_id"]))
        if command is None or command.get("guild_id") != guild_id:
            raise not_found("application command", 10063)
        return command

    @route("GET", _base + "/{command_id}")
    def get_command(
        world: World, req: Request, _command: Callable[[World, Request], Payload] = _command
    ) -> Reply:
        return Reply(200, _command(world, req))

    @route("PATCH", _base + "/{command_id}")
    def edit_command(
        world: World, req: Request, _command: Callable[[World, Request], Payload] = _command
    ) -> Reply:
        command = _command(world, req)
        command.update(req.body(), version=str(world.new_id()))
        return Reply(200, command)

    @route("DELETE", _base + "/{command_id}")
    def delete_command(
        world: World, req: Request, _command: Callable[[World, Request], Payload] = _command
    ) -> Reply:
        command = _command(world, req)
        del world.commands[int(command["id"])]
        return Reply(204)


_PERMISSIONS = _GC + "/{command_id}/permissions"


def _permissions_key(world: World, req: Request) -> tuple[int, int]:
    guild_id = _check_app(world, req)
    command = world.commands.get(_int(req.params["command_id"]))
    if command is None or command.get("guild_id") not in (None, guild_id):
        raise not_found("application command", 10063)
    return _int(str(guild_id)), int(command["id"])


def _permissions_reply(world: World, key: tuple[int, int]) -> Reply:
    guild_id, command_id = key
    body = {
        "id": str(command_id),
        "application_id": str(world.application_id),
        "guild_id": str(guild_id),
        "permissions": world.command_permissions[key],
    }
    return Reply(200, body)


@route("GET", _PERMISSIONS)
def get_command_permissions(world: World, req: Request) -> Reply:
    key = _permissions_key(world, req)
    if key not in world.command_permissions:
        raise not_found("application command permissions", 10066)
    return _permissions_reply(world, key)


@route("PUT", _PERMISSIONS)
def set_command_permissions(world: World, req: Request) -> Reply:
    key = _permissions_key(world, req)
    permissions = req.body().get("permissions")
    if not isinstance(permissions, list) or len(permissions) > 100:
        raise invalid_form("permissions", "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length.")
    world.command_permissions[key] = permissions
    return _permissions_reply(world, key)
