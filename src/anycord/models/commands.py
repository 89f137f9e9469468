"""Application commands: slash commands, context-menu commands, entry-point commands,
their options and choices, their permissions, and builders for creating them.

Shapes from interactions/application-commands.mdx. Received commands (with `id`,
`application_id`, `version`) are `SlashCommand`, `ContextMenuCommand` or
`EntryPointCommand`; what a bot sends to create or overwrite commands is a
`SlashCommandBuilder` / `ContextMenuCommandBuilder` / `EntryPointCommandBuilder`, encoded
exactly (only the fields set).
"""

from __future__ import annotations

import typing

import attrs

from anycord import enums
from anycord.models.applications import ApplicationIntegrationType
from anycord.models.base import Unique
from anycord.undefined import UNDEFINED, UndefinedNoneOr, UndefinedOr

if typing.TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from anycord.permissions import Permissions
    from anycord.snowflakes import Snowflake
    from anycord.traits import RESTAware

__all__ = [
    "ApplicationCommandPermissionType",
    "ApplicationCommandPermissions",
    "ApplicationIntegrationType",
    "CommandBuilder",
    "CommandChoice",
    "CommandOption",
    "CommandPermission",
    "CommandPermissionType",
    "CommandType",
    "ContextMenuCommand",
    "ContextMenuCommandBuilder",
    "EntryPointCommand",
    "EntryPointCommandBuilder",
    "EntryPointHandlerType",
    "GuildCommandPermissions",
    "InteractionContextType",
    "OptionType",
    "PartialCommand",
    "SlashCommand",
    "SlashCommandBuilder",
]


class CommandType(enums.IntEnum):
    """The kind of an application command."""

    SLASH = 1
    USER = 2
    MESSAGE = 3
    PRIMARY_ENTRY_POINT = 4

    CHAT_INPUT = 1
    """Discord's name for `SLASH`."""


class OptionType(enums.IntEnum):
    """The type of a command option."""

    SUB_COMMAND = 1
    SUB_COMMAND_GROUP = 2
    STRING = 3
    INTEGER = 4
    BOOLEAN = 5
    USER = 6
    CHANNEL = 7
    ROLE = 8
    MENTIONABLE = 9
    FLOAT = 10
    ATTACHMENT = 11

    NUMBER = 10
    """Discord's name for `FLOAT`."""


class InteractionContextType(enums.IntEnum):
    """Where a command can be used."""

    GUILD = 0
    BOT_DM = 1
    PRIVATE_CHANNEL = 2


class EntryPointHandlerType(enums.IntEnum):
    """Who handles an entry-point command."""

    APP_HANDLER = 1
    DISCORD_LAUNCH_ACTIVITY = 2


class CommandPermissionType(enums.IntEnum):
    """What a command permission's `id` refers to."""

    ROLE = 1
    USER = 2
    CHANNEL = 3


ApplicationCommandPermissionType = CommandPermissionType


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class CommandChoice:
    """A fixed choice of an option (or an autocomplete result)."""

    name: str
    value: str | int | float
    name_localizations: Mapping[str, str] = attrs.field(factory=dict)


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class CommandOption:
    """An option (parameter, sub-command or sub-command group) of a slash command."""

    type: OptionType
    name: str
    description: str = ""
    is_required: bool = False
    choices: Sequence[CommandChoice] | None = None
    options: Sequence[CommandOption] | None = None
    channel_types: Sequence[int] | None = None
    min_value: int | float | None = None
    max_value: int | float | None = None
    min_length: int | None = None
    max_length: int | None = None
    autocomplete: bool = False
    name_localizations: Mapping[str, str] = attrs.field(factory=dict)
    description_localizations: Mapping[str, str] = attrs.field(factory=dict)
    name_localized: str | None = None
    """The name in the locale asked for (when fetched without `with_localizations`)."""
    description_localized: str | None = None


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class PartialCommand(Unique):
    """What every registered command has. An unknown command type decodes to this class."""

    app: RESTAware | None = attrs.field(default=None, repr=False)
    type: CommandType
    application_id: Snowflake
    guild_id: Snowflake | None = None
    name: str
    name_localizations: Mapping[str, str] = attrs.field(factory=dict)
    default_member_permissions: Permissions | None = None
    is_dm_enabled: bool = True
    """Deprecated by Discord in favour of `contexts`."""
    is_nsfw: bool = False
    integration_types: Sequence[ApplicationIntegrationType] = ()
    contexts: Sequence[InteractionContextType] | None = None
    version: Snowflake

    async def fetch_self(self) -> PartialCommand:
        """Fetch this command again."""
        from anycord.models.base import require_app

        rest = require_app(self.app, "PartialCommand.fetch_self").rest
        return await rest.fetch_application_command(
            self.application_id, self.id, guild=self.guild_id or UNDEFINED
        )

    async def delete(self) -> None:
        """Delete this command."""
        from anycord.models.base import require_app

        rest = require_app(self.app, "PartialCommand.delete").rest
        await rest.delete_application_command(
            self.application_id, self.id, guild=self.guild_id or UNDEFINED
        )


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class SlashCommand(PartialCommand):
    """A slash (chat input) command."""

    description: str = ""
    description_localizations: Mapping[str, str] = attrs.field(factory=dict)
    options: Sequence[CommandOption] | None = None


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class ContextMenuCommand(PartialCommand):
    """A user or message context-menu command."""


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class EntryPointCommand(PartialCommand):
    """An activity's primary entry-point command."""

    description: str = ""
    description_localizations: Mapping[str, str] = attrs.field(factory=dict)
    handler: EntryPointHandlerType | None = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class CommandPermission:
    """Who or where a command may (or may not) be used. A channel `id` of guild_id - 1 means all channels."""

    id: Snowflake
    type: CommandPermissionType
    has_access: bool


ApplicationCommandPermissions = CommandPermission


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class GuildCommandPermissions:
    """The permissions of one command (or, with `id == application_id`, of all commands) in a guild."""

    id: Snowflake
    application_id: Snowflake
    guild_id: Snowflake
    permissions: Sequence[CommandPermission] = ()

    @property
    def command_id(self) -> Snowflake:
        """Alias of `id`."""
        return self.id


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class CommandBuilder:
    """What every command builder sends; `UNDEFINED` fields are left out of the request."""

    name: str = attrs.field(kw_only=False)
    type: CommandType = CommandType.SLASH
    id: UndefinedOr[Snowflake] = UNDEFINED
    """Set to overwrite an existing command in a bulk overwrite."""
    name_localizations: UndefinedOr[Mapping[str, str]] = UNDEFINED
    default_member_permissions: UndefinedNoneOr[Permissions] = UNDEFINED
    is_dm_enabled: UndefinedOr[bool] = UNDEFINED
    is_nsfw: UndefinedOr[bool] = UNDEFINED
    integration_types: UndefinedOr[Sequence[ApplicationIntegrationType]] = UNDEFINED
    contexts: UndefinedNoneOr[Sequence[InteractionContextType]] = UNDEFINED


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class SlashCommandBuilder(CommandBuilder):
    """A slash command to create. `add_option` chains."""

    description: str = attrs.field(default="", kw_only=False)
    description_localizations: UndefinedOr[Mapping[str, str]] = UNDEFINED
    options: list[CommandOption] = attrs.field(factory=list)

    def add_option(self, option: CommandOption) -> SlashCommandBuilder:
        """Append an option (Discord allows 25)."""
        self.options.append(option)
        return self


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ContextMenuCommandBuilder(CommandBuilder):
    """A user (`CommandType.USER`) or message (`CommandType.MESSAGE`) command to create."""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class EntryPointCommandBuilder(CommandBuilder):
    """An activity's entry-point command to create."""

    type: CommandType = CommandType.PRIMARY_ENTRY_POINT
    description: UndefinedOr[str] = UNDEFINED
    description_localizations: UndefinedOr[Mapping[str, str]] = UNDEFINED
    handler: UndefinedOr[EntryPointHandlerType] = UNDEFINED
