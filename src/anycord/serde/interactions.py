"""Interactions ↔ JSON. `decode_interaction` picks the class by `type` and raises
`UnrecognisedEntityError` for a type this release does not know.
"""

from __future__ import annotations

import typing

from anycord.enums import try_enum
from anycord.errors import UnrecognisedEntityError
from anycord.models.applications import ApplicationIntegrationType
from anycord.models.commands import CommandType, InteractionContextType, OptionType
from anycord.models.components import ComponentType
from anycord.models.interactions import (
    AutocompleteInteraction,
    CommandInteraction,
    CommandInteractionOption,
    ComponentInteraction,
    InteractionType,
    ModalInteraction,
    PartialInteraction,
    PingInteraction,
    ResolvedOptionData,
)
from anycord.permissions import Permissions
from anycord.serde import _links
from anycord.serde._core import JSONObject, opt_snowflake, register
from anycord.serde.components import decode_component, encode_components
from anycord.serde.messages import (
    decode_attachment,
    decode_message,
    encode_attachment,
    encode_message,
)
from anycord.serde.monetization import decode_entitlement, encode_entitlement
from anycord.snowflakes import Snowflake

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from anycord.models.members import InteractionMember
    from anycord.traits import RESTAware

__all__ = [
    "decode_command_interaction_option",
    "decode_interaction",
    "decode_resolved",
    "encode_interaction",
    "encode_resolved",
]


def decode_resolved(
    p: JSONObject, app: RESTAware | None = None, guild_id: Snowflake | None = None
) -> ResolvedOptionData:
    """Resolved data: users, members (joined with their users), roles, channels, messages, attachments."""
    users = {Snowflake(k): _links.decode_user(v, app) for k, v in (p.get("users") or {}).items()}
    members: dict[Snowflake, InteractionMember] = {}
    for raw_id, raw_member in (p.get("members") or {}).items():
        user_id = Snowflake(raw_id)
        user = users.get(user_id)
        if user is None or guild_id is None:
            continue
        members[user_id] = _links.decode_resolved_member(
            raw_member, app, guild_id=guild_id, user=user
        )
    return ResolvedOptionData(
        users=users,
        members=members,
        roles={
            Snowflake(k): _links.decode_role(v, app, guild_id)
            for k, v in (p.get("roles") or {}).items()
        }
        if guild_id is not None
        else {},
        channels={
            Snowflake(k): _links.decode_channel(v, app, guild_id)
            for k, v in (p.get("channels") or {}).items()
        },
        messages={
            Snowflake(k): decode_message(v, app, guild_id=guild_id)
            for k, v in (p.get("messages") or {}).items()
        },
        attachments={
            Snowflake(k): decode_attachment(v) for k, v in (p.get("attachments") or {}).items()
        },
    )


def encode_resolved(r: ResolvedOptionData) -> JSONObject:
    """Resolved data as Discord sends it (members without their users)."""
    out: JSONObject = {}
    if r.users:
        out["users"] = {str(k): _links.encode_user(v) for k, v in r.users.items()}
    if r.members:
        out["members"] = {str(k): _links.encode_member(v) for k, v in r.members.items()}
    if r.roles:
        out["roles"] = {str(k): _links.encode_role(v) for k, v in r.roles.items()}
    if r.channels:
        out["channels"] = {str(k): _links.encode_channel(v) for k, v in r.channels.items()}
    if r.messages:
        out["messages"] = {str(k): encode_message(v) for k, v in r.messages.items()}
    if r.attachments:
        out["attachments"] = {str(k): encode_attachment(v) for k, v in r.attachments.items()}
    return out


def decode_command_interaction_option(p: JSONObject) -> CommandInteractionOption:
    """An option the user filled in (recursively for sub-commands)."""
    options = p.get("options")
    return CommandInteractionOption(
        name=p["name"],
        type=try_enum(OptionType, p["type"]),
        value=p.get("value"),
        options=None
        if options is None
        else tuple(decode_command_interaction_option(o) for o in options),
        is_focused=p.get("focused", False),
    )


def _encode_option(o: CommandInteractionOption) -> JSONObject:
    out: JSONObject = {"name": o.name, "type": int(o.type)}
    if o.value is not None:
        out["value"] = o.value
    if o.options is not None:
        out["options"] = [_encode_option(x) for x in o.options]
    if o.is_focused:
        out["focused"] = True
    return out


def _common(p: JSONObject, app: RESTAware | None) -> dict[str, typing.Any]:
    guild_id = opt_snowflake(p.get("guild_id"))
    raw_member = p.get("member")
    member = None
    if raw_member is not None and guild_id is not None:
        member = _links.decode_interaction_member(raw_member, app, guild_id)
        user = member.user
    else:
        user = _links.decode_user(p["user"], app)
    channel = p.get("channel")
    perms = p.get("app_permissions")
    context = p.get("context")
    return {
        "id": Snowflake(p["id"]),
        "app": app,
        "application_id": Snowflake(p["application_id"]),
        "type": try_enum(InteractionType, p["type"]),
        "token": p["token"],
        "version": p.get("version", 1),
        "guild_id": guild_id,
        "guild": p.get("guild"),
        "channel_id": opt_snowflake(p.get("channel_id")),
        "channel": None if channel is None else _links.decode_channel(channel, app, guild_id),
        "member": member,
        "user": user,
        "locale": p.get("locale"),
        "guild_locale": p.get("guild_locale"),
        "app_permissions": None if perms is None else Permissions(int(perms)),
        "entitlements": tuple(decode_entitlement(e) for e in p.get("entitlements", ())),
        "authorizing_integration_owners": {
            try_enum(ApplicationIntegrationType, int(k)): Snowflake(v)
            for k, v in (p.get("authorizing_integration_owners") or {}).items()
        },
        "context": None if context is None else try_enum(InteractionContextType, context),
        "attachment_size_limit": p.get("attachment_size_limit"),
    }


def _resolved(
    data: JSONObject, app: RESTAware | None, guild_id: Snowflake | None
) -> ResolvedOptionData | None:
    raw = data.get("resolved")
    return None if raw is None else decode_resolved(raw, app, guild_id)


def _command_fields(
    p: JSONObject, app: RESTAware | None, guild_id: Snowflake | None
) -> dict[str, typing.Any]:
    data = p["data"]
    return {
        "command_id": Snowflake(data["id"]),
        "command_name": data["name"],
        "command_type": try_enum(CommandType, data.get("type", 1)),
        "registered_guild_id": opt_snowflake(data.get("guild_id")),
        "options": tuple(decode_command_interaction_option(o) for o in data.get("options", ())),
        "resolved": _resolved(data, app, guild_id),
    }


def _ping(p: JSONObject, app: RESTAware | None) -> PartialInteraction:
    common = _common(p, app) if "user" in p or "member" in p else None
    if common is None:
        return PingInteraction(
            id=Snowflake(p["id"]),
            app=app,
            application_id=Snowflake(p["application_id"]),
            type=InteractionType.PING,
            token=p["token"],
            version=p.get("version", 1),
            user=_links.decode_user({"id": "0", "username": ""}),
        )
    return PingInteraction(**common)


def _command(p: JSONObject, app: RESTAware | None) -> PartialInteraction:
    common = _common(p, app)
    data = p["data"]
    target = data.get("target_id")
    return CommandInteraction(
        target_id=None if target is None else Snowflake(target),
        **_command_fields(p, app, common["guild_id"]),
        **common,
    )


def _autocomplete(p: JSONObject, app: RESTAware | None) -> PartialInteraction:
    common = _common(p, app)
    return AutocompleteInteraction(**_command_fields(p, app, common["guild_id"]), **common)


def _component(p: JSONObject, app: RESTAware | None) -> PartialInteraction:
    common = _common(p, app)
    data = p["data"]
    return ComponentInteraction(
        custom_id=data["custom_id"],
        component_type=try_enum(ComponentType, data["component_type"]),
        values=tuple(data.get("values", ())),
        resolved=_resolved(data, app, common["guild_id"]),
        message=decode_message(p["message"], app, guild_id=common["guild_id"]),
        **common,
    )


def _modal(p: JSONObject, app: RESTAware | None) -> PartialInteraction:
    common = _common(p, app)
    data = p["data"]
    message = p.get("message")
    return ModalInteraction(
        custom_id=data["custom_id"],
        components=tuple(decode_component(c) for c in data.get("components", ())),
        resolved=_resolved(data, app, common["guild_id"]),
        message=None
        if message is None
        else decode_message(message, app, guild_id=common["guild_id"]),
        **common,
    )


_BY_TYPE: dict[int, Callable[[JSONObject, RESTAware | None], PartialInteraction]] = {
    1: _ping,
    2: _command,
    3: _component,
    4: _autocomplete,
    5: _modal,
}


def decode_interaction(payload: JSONObject, app: RESTAware | None = None) -> PartialInteraction:
    """An interaction of any known type; `UnrecognisedEntityError` names an unknown `type`."""
    kind = payload.get("type")
    fn = _BY_TYPE.get(kind) if isinstance(kind, int) else None
    if fn is None:
        msg = f"unknown interaction type {kind!r}"
        raise UnrecognisedEntityError(msg)
    return fn(payload, app)


def encode_interaction(i: PartialInteraction) -> JSONObject:
    """An interaction as Discord sends it (the fake interaction sender and round trips use this)."""
    out: JSONObject = {
        "id": str(i.id),
        "application_id": str(i.application_id),
        "type": int(i.type),
        "token": i.token,
        "version": i.version,
        "entitlements": [encode_entitlement(e) for e in i.entitlements],
        "authorizing_integration_owners": {
            str(int(k)): str(v) for k, v in i.authorizing_integration_owners.items()
        },
    }
    if not isinstance(i, PingInteraction) or i.user.id != 0:
        if i.member is not None:
            member = _links.encode_member(i.member)
            member["user"] = _links.encode_user(i.member.user)
            out["member"] = member
        else:
            out["user"] = _links.encode_user(i.user)
    if i.guild_id is not None:
        out["guild_id"] = str(i.guild_id)
    if i.guild is not None:
        out["guild"] = dict(i.guild)
    if i.channel_id is not None:
        out["channel_id"] = str(i.channel_id)
    if i.channel is not None:
        out["channel"] = _links.encode_channel(i.channel)
    if i.locale is not None:
        out["locale"] = i.locale
    if i.guild_locale is not None:
        out["guild_locale"] = i.guild_locale
    if i.app_permissions is not None:
        out["app_permissions"] = str(int(i.app_permissions))
    if i.context is not None:
        out["context"] = int(i.context)
    if i.attachment_size_limit is not None:
        out["attachment_size_limit"] = i.attachment_size_limit
    data: JSONObject = {}
    if isinstance(i, (CommandInteraction, AutocompleteInteraction)):
        data = {"id": str(i.command_id), "name": i.command_name, "type": int(i.command_type)}
        if i.registered_guild_id is not None:
            data["guild_id"] = str(i.registered_guild_id)
        if i.options:
            data["options"] = [_encode_option(o) for o in i.options]
        if isinstance(i, CommandInteraction) and i.target_id is not None:
            data["target_id"] = str(i.target_id)
    elif isinstance(i, ComponentInteraction):
        data = {"custom_id": i.custom_id, "component_type": int(i.component_type)}
        if i.values:
            data["values"] = list(i.values)
        out["message"] = encode_message(i.message)
    elif isinstance(i, ModalInteraction):
        data = {"custom_id": i.custom_id, "components": encode_components(i.components)}
        if i.message is not None:
            out["message"] = encode_message(i.message)
    resolved = getattr(i, "resolved", None)
    if resolved is not None:
        data["resolved"] = encode_resolved(resolved)
    if data:
        out["data"] = data
    return out


def encode_command_interaction_options(
    options: Sequence[CommandInteractionOption],
) -> list[JSONObject]:
    """Options as Discord sends them."""
    return [_encode_option(o) for o in options]


for _cls in (
    PartialInteraction,
    PingInteraction,
    CommandInteraction,
    AutocompleteInteraction,
    ComponentInteraction,
    ModalInteraction,
):
    register(_cls, decode=decode_interaction, encode=encode_interaction)
register(ResolvedOptionData, decode=decode_resolved, encode=encode_resolved)
