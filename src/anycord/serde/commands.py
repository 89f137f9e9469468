"""Application commands and their permissions ↔ JSON; builders encode exactly."""

from __future__ import annotations

import typing

from anycord.enums import try_enum
from anycord.models.applications import ApplicationIntegrationType
from anycord.models.commands import (
    CommandBuilder,
    CommandChoice,
    CommandOption,
    CommandPermission,
    CommandPermissionType,
    CommandType,
    ContextMenuCommand,
    ContextMenuCommandBuilder,
    EntryPointCommand,
    EntryPointCommandBuilder,
    EntryPointHandlerType,
    GuildCommandPermissions,
    InteractionContextType,
    OptionType,
    PartialCommand,
    SlashCommand,
    SlashCommandBuilder,
)
from anycord.permissions import Permissions
from anycord.serde._core import JSONObject, opt_snowflake, register
from anycord.snowflakes import Snowflake
from anycord.undefined import UNDEFINED

if typing.TYPE_CHECKING:
    from anycord.traits import RESTAware

__all__ = [
    "decode_command",
    "decode_command_builder",
    "decode_command_option",
    "decode_guild_command_permissions",
    "encode_command",
    "encode_command_builder",
    "encode_command_option",
    "encode_command_permission",
    "encode_guild_command_permissions",
]


def _choice(p: JSONObject) -> CommandChoice:
    return CommandChoice(
        name=p["name"], value=p["value"], name_localizations=p.get("name_localizations") or {}
    )


def encode_choice(c: CommandChoice) -> JSONObject:
    """A choice (also an autocomplete result)."""
    out: JSONObject = {"name": c.name, "value": c.value}
    if c.name_localizations:
        out["name_localizations"] = dict(c.name_localizations)
    return out


def decode_command_option(p: JSONObject) -> CommandOption:
    """A command option (recursively)."""
    choices = p.get("choices")
    options = p.get("options")
    channel_types = p.get("channel_types")
    file_types = p.get("file_types")
    return CommandOption(
        type=try_enum(OptionType, p["type"]),
        name=p["name"],
        description=p.get("description", ""),
        is_required=p.get("required", False),
        choices=None if choices is None else tuple(_choice(c) for c in choices),
        options=None if options is None else tuple(decode_command_option(o) for o in options),
        channel_types=None if channel_types is None else tuple(channel_types),
        min_value=p.get("min_value"),
        max_value=p.get("max_value"),
        min_length=p.get("min_length"),
        max_length=p.get("max_length"),
        autocomplete=p.get("autocomplete", False),
        name_localizations=p.get("name_localizations") or {},
        description_localizations=p.get("description_localizations") or {},
        file_types=None if file_types is None else tuple(file_types),
        name_localized=p.get("name_localized"),
        description_localized=p.get("description_localized"),
    )


def encode_command_option(o: CommandOption) -> JSONObject:
    """A command option as sent (only set fields; `required`/`autocomplete` only when true)."""
    out: JSONObject = {"type": int(o.type), "name": o.name, "description": o.description}
    if o.is_required:
        out["required"] = True
    if o.choices is not None:
        out["choices"] = [encode_choice(c) for c in o.choices]
    if o.options is not None:
        out["options"] = [encode_command_option(x) for x in o.options]
    if o.channel_types is not None:
        out["channel_types"] = [int(t) for t in o.channel_types]
    for key in (
        "min_value",
        "max_value",
        "min_length",
        "max_length",
        "name_localized",
        "description_localized",
    ):
        value = getattr(o, key)
        if value is not None:
            out[key] = value
    if o.file_types is not None:
        out["file_types"] = list(o.file_types)
    if o.autocomplete:
        out["autocomplete"] = True
    if o.name_localizations:
        out["name_localizations"] = dict(o.name_localizations)
    if o.description_localizations:
        out["description_localizations"] = dict(o.description_localizations)
    return out


def _perms(value: str | None) -> Permissions | None:
    return None if value is None else Permissions(int(value))


def decode_command(
    p: JSONObject, app: RESTAware | None = None, *, guild_id: Snowflake | None = None
) -> PartialCommand:
    """A registered command, by type (unknown types give `PartialCommand`)."""
    kind = try_enum(CommandType, p.get("type") or 1)
    contexts = p.get("contexts")
    common: dict[str, typing.Any] = {
        "id": Snowflake(p["id"]),
        "app": app,
        "type": kind,
        "application_id": Snowflake(p["application_id"]),
        "guild_id": opt_snowflake(p.get("guild_id")) or guild_id,
        "name": p["name"],
        "name_localizations": p.get("name_localizations") or {},
        "default_member_permissions": _perms(p.get("default_member_permissions")),
        "is_dm_enabled": p.get("dm_permission", True),
        "is_nsfw": p.get("nsfw", False),
        "integration_types": tuple(
            try_enum(ApplicationIntegrationType, t) for t in p.get("integration_types") or ()
        ),
        "contexts": None
        if contexts is None
        else tuple(try_enum(InteractionContextType, t) for t in contexts),
        "version": Snowflake(p.get("version", 0)),
    }
    if kind is CommandType.SLASH:
        options = p.get("options")
        return SlashCommand(
            description=p.get("description", ""),
            description_localizations=p.get("description_localizations") or {},
            options=None if options is None else tuple(decode_command_option(o) for o in options),
            **common,
        )
    if kind in (CommandType.USER, CommandType.MESSAGE):
        return ContextMenuCommand(**common)
    if kind is CommandType.PRIMARY_ENTRY_POINT:
        handler = p.get("handler")
        return EntryPointCommand(
            description=p.get("description", ""),
            description_localizations=p.get("description_localizations") or {},
            handler=None if handler is None else try_enum(EntryPointHandlerType, handler),
            **common,
        )
    return PartialCommand(**common)


def encode_command(c: PartialCommand) -> JSONObject:
    """A registered command as Discord sends it."""
    out: JSONObject = {
        "id": str(c.id),
        "type": int(c.type),
        "application_id": str(c.application_id),
        "name": c.name,
        "default_member_permissions": None
        if c.default_member_permissions is None
        else str(int(c.default_member_permissions)),
        "dm_permission": c.is_dm_enabled,
        "nsfw": c.is_nsfw,
        "integration_types": [int(t) for t in c.integration_types],
        "contexts": None if c.contexts is None else [int(t) for t in c.contexts],
        "version": str(c.version),
    }
    if c.guild_id is not None:
        out["guild_id"] = str(c.guild_id)
    if c.name_localizations:
        out["name_localizations"] = dict(c.name_localizations)
    if isinstance(c, (SlashCommand, EntryPointCommand)):
        out["description"] = c.description
        if c.description_localizations:
            out["description_localizations"] = dict(c.description_localizations)
    if isinstance(c, SlashCommand) and c.options is not None:
        out["options"] = [encode_command_option(o) for o in c.options]
    if isinstance(c, EntryPointCommand) and c.handler is not None:
        out["handler"] = int(c.handler)
    return out


def decode_command_builder(p: JSONObject, app: RESTAware | None = None) -> CommandBuilder:
    """A create-command request body back into a builder (fakes read what bots send)."""
    del app
    kind = try_enum(CommandType, p.get("type") or 1)
    common: dict[str, typing.Any] = {"name": p["name"], "type": kind}
    if "id" in p:
        common["id"] = Snowflake(p["id"])
    if "name_localizations" in p:
        common["name_localizations"] = p["name_localizations"]
    if "default_member_permissions" in p:
        common["default_member_permissions"] = _perms(p["default_member_permissions"])
    if "dm_permission" in p:
        common["is_dm_enabled"] = p["dm_permission"]
    if "nsfw" in p:
        common["is_nsfw"] = p["nsfw"]
    if p.get("integration_types") is not None:
        common["integration_types"] = tuple(
            try_enum(ApplicationIntegrationType, t) for t in p["integration_types"]
        )
    if "contexts" in p:
        raw_contexts = p["contexts"]
        common["contexts"] = (
            None
            if raw_contexts is None
            else tuple(try_enum(InteractionContextType, t) for t in raw_contexts)
        )
    if kind is CommandType.SLASH:
        builder = SlashCommandBuilder(
            description=p.get("description", ""),
            options=[decode_command_option(o) for o in p.get("options") or ()],
            **common,
        )
        if "description_localizations" in p:
            builder.description_localizations = p["description_localizations"]
        return builder
    if kind is CommandType.PRIMARY_ENTRY_POINT:
        entry = EntryPointCommandBuilder(**common)
        if "description" in p:
            entry.description = p["description"]
        if "description_localizations" in p:
            entry.description_localizations = p["description_localizations"]
        if p.get("handler") is not None:  # the spec allows null: no handler chosen
            entry.handler = try_enum(EntryPointHandlerType, p["handler"])
        return entry
    return ContextMenuCommandBuilder(**common)


def encode_command_builder(b: CommandBuilder) -> JSONObject:
    """A create/overwrite-command request body: exactly the fields that are set.

    Encoding does not judge: the REST endpoints run `b.validate()` before they send.
    """
    out: JSONObject = {"name": b.name, "type": int(b.type)}
    if b.id is not UNDEFINED:
        out["id"] = str(b.id)
    if b.name_localizations is not UNDEFINED:
        out["name_localizations"] = dict(b.name_localizations)
    if b.default_member_permissions is not UNDEFINED:
        perms = b.default_member_permissions
        out["default_member_permissions"] = None if perms is None else str(int(perms))
    if b.is_dm_enabled is not UNDEFINED:
        out["dm_permission"] = b.is_dm_enabled
    if b.is_nsfw is not UNDEFINED:
        out["nsfw"] = b.is_nsfw
    if b.integration_types is not UNDEFINED:
        out["integration_types"] = [int(t) for t in b.integration_types]
    if b.contexts is not UNDEFINED:
        out["contexts"] = None if b.contexts is None else [int(t) for t in b.contexts]
    if isinstance(b, SlashCommandBuilder):
        out["description"] = b.description
        if b.description_localizations is not UNDEFINED:
            out["description_localizations"] = dict(b.description_localizations)
        if b.options:
            out["options"] = [encode_command_option(o) for o in b.options]
    elif isinstance(b, EntryPointCommandBuilder):
        if b.description is not UNDEFINED:
            out["description"] = b.description
        if b.description_localizations is not UNDEFINED:
            out["description_localizations"] = dict(b.description_localizations)
        if b.handler is not UNDEFINED:
            out["handler"] = int(b.handler)
    return out


def decode_command_permission(p: JSONObject) -> CommandPermission:
    """One command permission."""
    return CommandPermission(
        id=Snowflake(p["id"]),
        type=try_enum(CommandPermissionType, p["type"]),
        has_access=p["permission"],
    )


def encode_command_permission(p: CommandPermission) -> JSONObject:
    """One command permission as sent."""
    return {"id": str(p.id), "type": int(p.type), "permission": p.has_access}


def decode_guild_command_permissions(
    p: JSONObject, app: RESTAware | None = None
) -> GuildCommandPermissions:
    """A guild application command permissions object."""
    del app
    return GuildCommandPermissions(
        id=Snowflake(p["id"]),
        application_id=Snowflake(p["application_id"]),
        guild_id=Snowflake(p["guild_id"]),
        permissions=tuple(decode_command_permission(x) for x in p.get("permissions", ())),
    )


def encode_guild_command_permissions(g: GuildCommandPermissions) -> JSONObject:
    """A guild application command permissions object as Discord sends it."""
    return {
        "id": str(g.id),
        "application_id": str(g.application_id),
        "guild_id": str(g.guild_id),
        "permissions": [encode_command_permission(x) for x in g.permissions],
    }


for _cls in (PartialCommand, SlashCommand, ContextMenuCommand, EntryPointCommand):
    register(_cls, decode=decode_command, encode=encode_command)
for _builder in (
    CommandBuilder,
    SlashCommandBuilder,
    ContextMenuCommandBuilder,
    EntryPointCommandBuilder,
):
    register(_builder, decode=decode_command_builder, encode=encode_command_builder)
register(
    CommandOption, decode=lambda p, _app: decode_command_option(p), encode=encode_command_option
)
register(
    CommandPermission,
    decode=lambda p, _app: decode_command_permission(p),
    encode=encode_command_permission,
)
register(
    GuildCommandPermissions,
    decode=decode_guild_command_permissions,
    encode=encode_guild_command_permissions,
)
register(CommandChoice, decode=lambda p, _app: _choice(p), encode=encode_choice)
