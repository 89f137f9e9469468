"""Interactions ↔ JSON. `decode_interaction` picks the class by `type` and raises
`UnrecognisedEntityError` for a type this release does not know.
"""

from __future__ import annotations

import typing

from anycord.enums import try_enum
from anycord.errors import UnrecognisedEntityError
from anycord.models.applications import ApplicationIntegrationType
from anycord.models.base import slots_constructor
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
from anycord.serde._core import JSONObject, register
from anycord.serde.components import decode_component, encode_components
from anycord.serde.messages import decode_message, decode_resolved, encode_message, encode_resolved
from anycord.serde.monetization import decode_entitlement, encode_entitlement
from anycord.snowflakes import Snowflake

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from anycord.traits import RESTAware

__all__ = [
    "decode_command_interaction_option",
    "decode_interaction",
    "encode_interaction",
]


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


_COMMON = (
    "id",
    "app",
    "application_id",
    "type",
    "token",
    "version",
    "guild_id",
    "guild",
    "channel_id",
    "channel",
    "member",
    "user",
    "locale",
    "guild_locale",
    "app_permissions",
    "entitlements",
    "authorizing_integration_owners",
    "context",
    "attachment_size_limit",
)
"""The fields every interaction has, in the order `_common` returns their values."""

# Positional slot constructors for the hot path (see `models.base.slots_constructor`): the
# common values, then the class's own fields in the order named here.
_COMMAND_FIELDS = ("command_id", "command_name", "command_type", "registered_guild_id", "options")
_make_ping = slots_constructor(PingInteraction, *_COMMON)
_make_command = slots_constructor(
    CommandInteraction, *_COMMON, *_COMMAND_FIELDS, "resolved", "target_id"
)
_make_autocomplete = slots_constructor(
    AutocompleteInteraction, *_COMMON, *_COMMAND_FIELDS, "resolved"
)
_make_component = slots_constructor(
    ComponentInteraction,
    *_COMMON,
    "custom_id",
    "component_type",
    "values",
    "resolved",
    "message",
)
_make_modal = slots_constructor(
    ModalInteraction, *_COMMON, "custom_id", "components", "resolved", "message"
)

_INTERACTION_TYPES = InteractionType._value2member_map_
_OWNER_TYPES = {str(int(t)): t for t in ApplicationIntegrationType}
_PERMISSIONS: dict[str, Permissions] = {}
"""Decoded `app_permissions` strings (a bot sees few distinct ones); bounded."""


def _permissions(raw: str | int) -> Permissions:
    # Permissions are immutable int flags, so one value can be shared by every interaction.
    perms = _PERMISSIONS.get(raw) if type(raw) is str else None
    if perms is None:
        perms = Permissions(int(raw))
        if type(raw) is str:
            if len(_PERMISSIONS) >= 256:
                _PERMISSIONS.clear()
            _PERMISSIONS[raw] = perms
    return perms


def _owners(raw: Mapping[str, str] | None) -> dict[ApplicationIntegrationType, Snowflake]:
    owners: dict[ApplicationIntegrationType, Snowflake] = {}
    if raw:
        for k, v in raw.items():
            kind = _OWNER_TYPES.get(k)
            if kind is None:
                kind = try_enum(ApplicationIntegrationType, int(k))
            owners[kind] = Snowflake(v)
    return owners


def _common(p: JSONObject, app: RESTAware | None) -> tuple[typing.Any, ...]:
    """The values of `_COMMON`, in that order."""
    get = p.get
    raw_guild_id = get("guild_id")
    guild_id = None if raw_guild_id is None else Snowflake(raw_guild_id)
    raw_member = get("member")
    member = None
    if raw_member is not None and guild_id is not None:
        member = _links.decode_interaction_member(raw_member, app, guild_id)
        user = member.user
    else:
        user = _links.decode_user(p["user"], app)
    channel = get("channel")
    channel_id = get("channel_id")
    perms = get("app_permissions")
    context = get("context")
    kind = p["type"]
    entitlements = get("entitlements")
    return (
        Snowflake(p["id"]),
        app,
        Snowflake(p["application_id"]),
        _INTERACTION_TYPES.get(kind) or try_enum(InteractionType, kind),
        p["token"],
        get("version", 1),
        guild_id,
        get("guild"),
        None if channel_id is None else Snowflake(channel_id),
        None if channel is None else _links.decode_channel(channel, app, guild_id),
        member,
        user,
        get("locale"),
        get("guild_locale"),
        None if perms is None else _permissions(perms),
        tuple(decode_entitlement(e) for e in entitlements) if entitlements else (),
        _owners(get("authorizing_integration_owners")),
        None if context is None else try_enum(InteractionContextType, context),
        get("attachment_size_limit"),
    )


def _resolved(
    data: JSONObject, app: RESTAware | None, guild_id: Snowflake | None
) -> ResolvedOptionData | None:
    raw = data.get("resolved")
    return None if raw is None else decode_resolved(raw, app, guild_id)


def _command_fields(data: JSONObject) -> tuple[typing.Any, ...]:
    """The values of `_COMMAND_FIELDS`, in that order."""
    get = data.get
    kind = get("type", 1)
    registered = get("guild_id")
    options = get("options")
    return (
        Snowflake(data["id"]),
        data["name"],
        try_enum(CommandType, kind),
        None if registered is None else Snowflake(registered),
        tuple(decode_command_interaction_option(o) for o in options) if options else (),
    )


def _ping(p: JSONObject, app: RESTAware | None) -> PartialInteraction:
    if "user" in p or "member" in p:
        return _make_ping(*_common(p, app))
    return PingInteraction(
        id=Snowflake(p["id"]),
        app=app,
        application_id=Snowflake(p["application_id"]),
        type=InteractionType.PING,
        token=p["token"],
        version=p.get("version", 1),
        user=_links.decode_user({"id": "0", "username": ""}),
    )


def _command(p: JSONObject, app: RESTAware | None) -> PartialInteraction:
    common = _common(p, app)
    data = p["data"]
    target = data.get("target_id")
    return _make_command(
        *common,
        *_command_fields(data),
        _resolved(data, app, common[6]),
        None if target is None else Snowflake(target),
    )


def _autocomplete(p: JSONObject, app: RESTAware | None) -> PartialInteraction:
    common = _common(p, app)
    data = p["data"]
    return _make_autocomplete(*common, *_command_fields(data), _resolved(data, app, common[6]))


def _component(p: JSONObject, app: RESTAware | None) -> PartialInteraction:
    common = _common(p, app)
    guild_id = common[6]
    data = p["data"]
    return _make_component(
        *common,
        data["custom_id"],
        try_enum(ComponentType, data["component_type"]),
        tuple(data.get("values", ())),
        _resolved(data, app, guild_id),
        decode_message(p["message"], app, guild_id=guild_id),
    )


def _modal(p: JSONObject, app: RESTAware | None) -> PartialInteraction:
    common = _common(p, app)
    guild_id = common[6]
    data = p["data"]
    message = p.get("message")
    return _make_modal(
        *common,
        data["custom_id"],
        tuple(decode_component(c) for c in data.get("components", ())),
        _resolved(data, app, guild_id),
        None if message is None else decode_message(message, app, guild_id=guild_id),
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
