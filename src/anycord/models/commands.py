"""Application commands: slash commands, context-menu commands, entry-point commands,
their options and choices, their permissions, and the one set of builders for creating them.

Shapes from interactions/application-commands.mdx. Received commands (with `id`,
`application_id`, `version`) are `SlashCommand`, `ContextMenuCommand` or
`EntryPointCommand`; what a bot sends to create or overwrite commands is a
`SlashCommandBuilder` / `ContextMenuCommandBuilder` / `EntryPointCommandBuilder`, encoded
exactly (only the fields set) by `anycord.serde.commands.encode_command_builder`.

Decoding is tolerant (what Discord sends is taken as it is); sending is strict:
`CommandBuilder.validate()` runs before a builder is encoded (so before any request) and
`add_option` checks the new option at once. Each failure is a `ValueError` naming the limit
and the value (application-commands.mdx):

* slash command and option names: 1-32 characters of letters, digits, `-`, `_`, `'`
  (and Devanagari / Thai), lower case where a lower-case form exists; user, message and
  entry-point command names: 1-32 characters, any case, spaces allowed;
* descriptions: 1-100 characters (slash commands, options, entry points when given);
* localisation keys are Discord's locales (`LOCALES`), values follow the field's own rule;
* at most 25 options per command, sub-command or group; names unique among siblings;
  sub-commands and groups not mixed with plain options; groups hold only sub-commands;
  sub-commands hold no sub-commands; required options before optional ones;
* at most 25 choices, only on STRING / INTEGER / NUMBER options, never with autocomplete;
  choice names 1-100 characters; values of the option's type (strings at most 100
  characters, integers within ±(2^53 - 1), numbers within ±2^53);
* `min_value`/`max_value` only on INTEGER / NUMBER (same ranges), `min_length` 0-6000 and
  `max_length` 1-6000 only on STRING, minimum not above maximum; `channel_types` only on
  CHANNEL; `file_types` (at most 10) only on ATTACHMENT;
* 8,000 characters per slash command over names, descriptions and choice names and string
  values, counting the longest localisation of each field;
* a set of commands (`check_command_set`, run by the bulk overwrite): at most 100 slash,
  15 user and 15 message commands, 1 entry point, names unique per type.
"""

from __future__ import annotations

import typing

import attrs

from anycord import enums
from anycord.models.applications import ApplicationIntegrationType
from anycord.models.base import Unique, require_app
from anycord.undefined import UNDEFINED, UndefinedNoneOr, UndefinedOr

if typing.TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from anycord.permissions import Permissions
    from anycord.snowflakes import Snowflake, SnowflakeishOr
    from anycord.traits import RESTAware

__all__ = [
    "LOCALES",
    "ApplicationCommandPermissionType",
    "ApplicationCommandPermissions",
    "ApplicationIntegrationType",
    "CommandBuilder",
    "CommandChoice",
    "CommandCreator",
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
    "check_command_set",
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

    def validate(self, option_type: OptionType, where: str) -> None:
        """Check this choice of an option of `option_type` (`ValueError` naming the limit)."""
        _check_length(f"choice name in {where}", self.name, 1, 100)
        _check_localizations(f"choice {self.name!r} in {where}", self.name_localizations, 1, 100)
        _check_value(f"value of choice {self.name!r} in {where}", option_type, self.value)


def _option_type(value: OptionType | int) -> OptionType:
    return value if isinstance(value, OptionType) else OptionType(value)


def _to_options(options: Iterable[CommandOption]) -> list[CommandOption]:
    return list(options)


def _command_type(value: CommandType | int) -> CommandType:
    return value if isinstance(value, CommandType) else CommandType(value)


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class CommandOption:
    """An option (parameter, sub-command or sub-command group) of a slash command.

    The same class is what Discord sends back and what a builder holds; `validate()` checks
    every documented limit (a builder runs it before sending).
    """

    type: OptionType = attrs.field(converter=_option_type)
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
    file_types: Sequence[str] | None = None
    """ATTACHMENT options: extensions (`.pdf`) or `image`/`video`/`audio` to filter for."""
    name_localized: str | None = None
    """The name in the locale asked for (when fetched without `with_localizations`)."""
    description_localized: str | None = None

    def validate(self, where: str = "command") -> None:
        """Check every documented limit of this option and those it holds (`ValueError`)."""
        here = f"option {self.name!r} of {where}"
        _check_slash_name(f"name of {here}", self.name)
        _check_localizations(f"name of {here}", self.name_localizations, 1, 32, slash=True)
        _check_length(f"description of {here}", self.description, 1, 100)
        _check_localizations(f"description of {here}", self.description_localizations, 1, 100)
        kind = self.type
        choices = self.choices or ()
        if choices:
            if kind not in _VALUED:
                msg = (
                    f"{here}: only STRING, INTEGER and NUMBER options have choices, not {kind.name}"
                )
                raise ValueError(msg)
            if len(choices) > MAX_CHOICES:
                msg = f"{here} has {len(choices)} choices; the limit is {MAX_CHOICES}"
                raise ValueError(msg)
            if self.autocomplete:
                msg = f"{here}: autocomplete may not be set together with choices"
                raise ValueError(msg)
            for choice in choices:
                choice.validate(kind, here)
        if self.autocomplete and kind not in _VALUED:
            msg = f"{here}: only STRING, INTEGER and NUMBER options autocomplete, not {kind.name}"
            raise ValueError(msg)
        for key in ("min_value", "max_value"):
            bound = getattr(self, key)
            if bound is not None:
                if kind not in (OptionType.INTEGER, OptionType.FLOAT):
                    msg = f"{here}: {key} is only for INTEGER and NUMBER options, not {kind.name}"
                    raise ValueError(msg)
                _check_value(f"{key} of {here}", kind, bound)
        if (
            self.min_value is not None
            and self.max_value is not None
            and self.min_value > self.max_value
        ):
            msg = f"{here}: min_value {self.min_value} is above max_value {self.max_value}"
            raise ValueError(msg)
        for key, low in (("min_length", 0), ("max_length", 1)):
            bound = getattr(self, key)
            if bound is not None:
                if kind is not OptionType.STRING:
                    msg = f"{here}: {key} is only for STRING options, not {kind.name}"
                    raise ValueError(msg)
                if (
                    isinstance(bound, bool)
                    or not isinstance(bound, int)
                    or not low <= bound <= 6000
                ):
                    msg = f"{here}: {key} must be an integer within {low}-6000, got {bound!r}"
                    raise ValueError(msg)
        if (
            self.min_length is not None
            and self.max_length is not None
            and self.min_length > self.max_length
        ):
            msg = f"{here}: min_length {self.min_length} is above max_length {self.max_length}"
            raise ValueError(msg)
        if self.channel_types is not None and kind is not OptionType.CHANNEL:
            msg = f"{here}: channel_types is only for CHANNEL options, not {kind.name}"
            raise ValueError(msg)
        if self.file_types is not None:
            if kind is not OptionType.ATTACHMENT:
                msg = f"{here}: file_types is only for ATTACHMENT options, not {kind.name}"
                raise ValueError(msg)
            if len(self.file_types) > MAX_FILE_TYPES:
                msg = f"{here} has {len(self.file_types)} file_types; the limit is {MAX_FILE_TYPES}"
                raise ValueError(msg)
        options = self.options or ()
        if options:
            if kind not in _SUB:
                msg = f"{here}: only sub-commands and groups hold options, not {kind.name}"
                raise ValueError(msg)
            if kind is OptionType.SUB_COMMAND_GROUP and any(
                o.type is not OptionType.SUB_COMMAND for o in options
            ):
                msg = f"{here}: a sub-command group holds only sub-commands"
                raise ValueError(msg)
            if kind is OptionType.SUB_COMMAND and any(o.type in _SUB for o in options):
                msg = f"{here}: a sub-command cannot hold sub-commands or groups"
                raise ValueError(msg)
        _check_options(here, options)

    def total_length(self) -> int:
        """Characters this option counts towards a command's 8,000 (longest localisations)."""
        total = _longest(self.name, self.name_localizations)
        total += _longest(self.description, self.description_localizations)
        for choice in self.choices or ():
            total += _longest(choice.name, choice.name_localizations)
            if isinstance(choice.value, str):
                total += len(choice.value)
        return total + sum(o.total_length() for o in self.options or ())


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
        rest = require_app(self.app, "PartialCommand.fetch_self").rest
        return await rest.fetch_application_command(
            self.application_id, self.id, guild=self.guild_id or UNDEFINED
        )

    async def delete(self) -> None:
        """Delete this command."""
        rest = require_app(self.app, "PartialCommand.delete").rest
        await rest.delete_application_command(
            self.application_id, self.id, guild=self.guild_id or UNDEFINED
        )

    @property
    def context_types(self) -> Sequence[InteractionContextType] | None:
        """`contexts` (hikari's name)."""
        return self.contexts

    async def edit(
        self,
        *,
        name: UndefinedOr[str] = UNDEFINED,
        description: UndefinedOr[str] = UNDEFINED,
        options: UndefinedOr[Sequence[CommandOption]] = UNDEFINED,
    ) -> PartialCommand:
        """Change the command's name, description or options; returns the edited command."""
        rest = require_app(self.app, "PartialCommand.edit").rest
        return await rest.edit_application_command(
            self.application_id,
            self.id,
            self.guild_id or UNDEFINED,
            name=name,
            description=description,
            options=options,
        )

    async def fetch_guild_permissions(self, guild: SnowflakeishOr) -> GuildCommandPermissions:
        """The command's permission overwrites in a guild."""
        rest = require_app(self.app, "PartialCommand.fetch_guild_permissions").rest
        return await rest.fetch_application_command_permissions(self.application_id, guild, self.id)

    async def set_guild_permissions(
        self, guild: SnowflakeishOr, permissions: Sequence[CommandPermission]
    ) -> GuildCommandPermissions:
        """Replace the command's permission overwrites in a guild (Discord requires a Bearer
        token with `applications.commands.permissions.update` for this)."""
        rest = require_app(self.app, "PartialCommand.set_guild_permissions").rest
        return await rest.set_application_command_permissions(
            self.application_id, guild, self.id, permissions
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


class CommandCreator(typing.Protocol):
    """What `CommandBuilder.create` needs: a REST client's `create_application_command`."""

    async def create_application_command(
        self,
        application: SnowflakeishOr,
        command: CommandBuilder | dict[str, typing.Any],
        guild: UndefinedOr[SnowflakeishOr] = UNDEFINED,
    ) -> PartialCommand:
        """Create (or overwrite by name) one command."""
        ...


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class CommandBuilder:
    """What every command builder sends; `UNDEFINED` fields are left out of the request."""

    name: str = attrs.field(kw_only=False)
    type: CommandType = attrs.field(default=CommandType.SLASH, converter=_command_type)
    id: UndefinedOr[Snowflake] = UNDEFINED
    """Set to overwrite an existing command in a bulk overwrite."""
    name_localizations: UndefinedOr[Mapping[str, str]] = UNDEFINED
    default_member_permissions: UndefinedNoneOr[Permissions | int] = UNDEFINED
    """Members need these permissions (`0`: administrators only; `None`: everyone)."""
    is_dm_enabled: UndefinedOr[bool] = UNDEFINED
    """Deprecated by Discord in favour of `contexts`."""
    is_nsfw: UndefinedOr[bool] = UNDEFINED
    integration_types: UndefinedOr[Sequence[ApplicationIntegrationType | int]] = UNDEFINED
    """Installation contexts (guild install, user install)."""
    contexts: UndefinedNoneOr[Sequence[InteractionContextType | int]] = UNDEFINED
    """Where the command can be used (guild, bot DM, private channel)."""

    # -- hikari's fluent setters (each returns the builder; `validate` checks the limits) --

    def set_name(self, name: str, /) -> typing.Self:
        """Set the name."""
        self.name = name
        return self

    def set_id(self, id_: UndefinedOr[Snowflake], /) -> typing.Self:
        """Set the ID (a bulk overwrite then edits that command)."""
        self.id = id_
        return self

    def set_default_member_permissions(
        self, permissions: UndefinedNoneOr[Permissions | int], /
    ) -> typing.Self:
        """Set the permissions members need."""
        self.default_member_permissions = permissions
        return self

    def set_is_nsfw(self, state: UndefinedOr[bool], /) -> typing.Self:
        """Mark the command age-restricted."""
        self.is_nsfw = state
        return self

    def set_name_localizations(self, localizations: Mapping[str, str], /) -> typing.Self:
        """Set the name's translations (locale → name)."""
        self.name_localizations = localizations
        return self

    def set_integration_types(
        self, integration_types: UndefinedOr[Sequence[ApplicationIntegrationType | int]]
    ) -> typing.Self:
        """Set the installation contexts."""
        self.integration_types = integration_types
        return self

    def set_context_types(
        self, context_types: UndefinedNoneOr[Sequence[InteractionContextType | int]]
    ) -> typing.Self:
        """Set where the command can be used (hikari's name for `contexts`)."""
        self.contexts = context_types
        return self

    @property
    def context_types(self) -> UndefinedNoneOr[Sequence[InteractionContextType | int]]:
        """hikari's name for `contexts`."""
        return self.contexts

    async def create(
        self,
        rest: CommandCreator,
        application: SnowflakeishOr,
        /,
        *,
        guild: UndefinedOr[SnowflakeishOr] = UNDEFINED,
    ) -> PartialCommand:
        """Create this command with `rest.create_application_command` (checked first)."""
        return await rest.create_application_command(application, self, guild)

    def validate(self) -> None:
        """Check every documented limit (`ValueError` naming it); run before sending."""
        where = f"{self.type.name} command {self.name!r}"
        localizations = self.name_localizations or {}
        if self.type is CommandType.SLASH:
            _check_slash_name(f"name of {where}", self.name)
            _check_localizations(f"name of {where}", localizations, 1, 32, slash=True)
        else:
            _check_length(f"name of {where}", self.name, 1, 32)
            _check_localizations(f"name of {where}", localizations, 1, 32)
        for key, allowed in (
            ("integration_types", ApplicationIntegrationType),
            ("contexts", InteractionContextType),
        ):
            values = getattr(self, key)
            if values is UNDEFINED or values is None:
                continue
            for value in values:
                if isinstance(value, bool) or int(value) not in allowed._value2member_map_:
                    msg = f"{where}: {key} holds {value!r}, which is not one of {[int(v) for v in allowed]}"
                    raise ValueError(msg)


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class SlashCommandBuilder(CommandBuilder):
    """A slash (`CHAT_INPUT`) command to create. `add_option` chains and checks at once."""

    description: str = attrs.field(default="", kw_only=False)
    description_localizations: UndefinedOr[Mapping[str, str]] = UNDEFINED
    options: list[CommandOption] = attrs.field(factory=list, converter=_to_options)

    def add_option(self, option: CommandOption) -> SlashCommandBuilder:
        """Append an option, checked with its siblings (`ValueError` on a broken limit)."""
        option.validate(f"command {self.name!r}")
        _check_options(f"command {self.name!r}", [*self.options, option])
        self.options.append(option)
        return self

    def set_options(self, options: Iterable[CommandOption]) -> SlashCommandBuilder:
        """Replace the options (checked like `add_option`)."""
        options = list(options)
        for option in options:
            option.validate(f"command {self.name!r}")
        _check_options(f"command {self.name!r}", options)
        self.options = options
        return self

    def set_description(self, description: str, /) -> SlashCommandBuilder:
        """Set the description."""
        self.description = description
        return self

    def set_description_localizations(
        self, localizations: Mapping[str, str], /
    ) -> SlashCommandBuilder:
        """Set the description's translations (locale → description)."""
        self.description_localizations = localizations
        return self

    def total_length(self) -> int:
        """Characters counted towards Discord's 8,000 per command."""
        total = _longest(self.name, self.name_localizations or {})
        total += _longest(self.description, self.description_localizations or {})
        return total + sum(o.total_length() for o in self.options)

    def validate(self) -> None:
        """Check every documented limit (`ValueError` naming it); run before sending."""
        if self.type is not CommandType.SLASH:
            msg = f"a SlashCommandBuilder has type SLASH, not {self.type!r}"
            raise ValueError(msg)
        super().validate()
        where = f"command {self.name!r}"
        _check_length(f"description of {where}", self.description, 1, 100)
        _check_localizations(
            f"description of {where}", self.description_localizations or {}, 1, 100
        )
        for option in self.options:
            option.validate(where)
        _check_options(where, self.options)
        total = self.total_length()
        if total > MAX_COMMAND_CHARACTERS:
            msg = (
                f"{where} has {total} characters of names, descriptions and choices; "
                f"the limit is {MAX_COMMAND_CHARACTERS}"
            )
            raise ValueError(msg)


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ContextMenuCommandBuilder(CommandBuilder):
    """A user (`CommandType.USER`) or message (`CommandType.MESSAGE`) command to create."""

    type: CommandType = attrs.field(converter=_command_type)

    def validate(self) -> None:
        """Check every documented limit (`ValueError` naming it); run before sending."""
        if self.type not in (CommandType.USER, CommandType.MESSAGE):
            msg = f"a context menu command is USER or MESSAGE, not {self.type!r}"
            raise ValueError(msg)
        super().validate()


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class EntryPointCommandBuilder(CommandBuilder):
    """An activity's entry-point command to create."""

    type: CommandType = attrs.field(
        default=CommandType.PRIMARY_ENTRY_POINT, converter=_command_type
    )
    description: UndefinedOr[str] = UNDEFINED
    description_localizations: UndefinedOr[Mapping[str, str]] = UNDEFINED
    handler: UndefinedOr[EntryPointHandlerType] = UNDEFINED

    def validate(self) -> None:
        """Check every documented limit (`ValueError` naming it); run before sending."""
        if self.type is not CommandType.PRIMARY_ENTRY_POINT:
            msg = f"an entry-point command has type PRIMARY_ENTRY_POINT, not {self.type!r}"
            raise ValueError(msg)
        super().validate()
        where = f"entry-point command {self.name!r}"
        if self.description is not UNDEFINED:
            _check_length(f"description of {where}", self.description, 1, 100)
        if self.description_localizations is not UNDEFINED:
            _check_localizations(f"description of {where}", self.description_localizations, 1, 100)


def check_command_set(commands: Iterable[CommandBuilder]) -> None:
    """Check one bulk overwrite: per-type counts and unique names (`ValueError`)."""
    counts: dict[CommandType, int] = {}
    names: set[tuple[CommandType, str]] = set()
    for command in commands:
        counts[command.type] = counts.get(command.type, 0) + 1
        key = (command.type, command.name)
        if key in names:
            msg = f"two {command.type.name} commands are named {command.name!r}"
            raise ValueError(msg)
        names.add(key)
    for kind, limit in _SET_LIMITS.items():
        if counts.get(kind, 0) > limit:
            msg = f"{counts[kind]} {kind.name} commands; the limit is {limit}"
            raise ValueError(msg)


# -- the limits --------------------------------------------------------------------------------

LOCALES: typing.Final = frozenset(
    [
        "id",
        "da",
        "de",
        "en-GB",
        "en-US",
        "es-ES",
        "es-419",
        "fr",
        "hr",
        "it",
        "lt",
        "hu",
        "nl",
        "no",
        "pl",
        "pt-BR",
        "ro",
        "fi",
        "sv-SE",
        "vi",
        "tr",
        "cs",
        "el",
        "bg",
        "ru",
        "uk",
        "hi",
        "th",
        "zh-CN",
        "ja",
        "zh-TW",
        "ko",
    ]
)
"""Discord's locales (reference.mdx "Locales"): the keys a localisation dictionary may use."""
MAX_OPTIONS: typing.Final = 25
MAX_CHOICES: typing.Final = 25
MAX_FILE_TYPES: typing.Final = 10
MAX_COMMAND_CHARACTERS: typing.Final = 8000
_MAX_INTEGER: typing.Final = 2**53 - 1
_MAX_NUMBER: typing.Final = 2**53
_SET_LIMITS: typing.Final = {
    CommandType.SLASH: 100,
    CommandType.USER: 15,
    CommandType.MESSAGE: 15,
    CommandType.PRIMARY_ENTRY_POINT: 1,
}
_SUB: typing.Final = frozenset({OptionType.SUB_COMMAND, OptionType.SUB_COMMAND_GROUP})
_VALUED: typing.Final = frozenset({OptionType.STRING, OptionType.INTEGER, OptionType.FLOAT})


def _check_length(what: str, value: object, low: int, high: int) -> None:
    if not isinstance(value, str) or not low <= len(value) <= high:
        msg = f"{what} must be {low}-{high} characters, got {value!r}"
        raise ValueError(msg)


def _is_indic_or_thai(char: str) -> bool:
    # \p{sc=Deva} and \p{sc=Thai}, which include combining marks `isalnum` rejects.
    code = ord(char)
    return 0x0900 <= code <= 0x097F or 0xA8E0 <= code <= 0xA8FF or 0x0E00 <= code <= 0x0E7F


def _check_slash_name(what: str, name: object) -> None:
    _check_length(what, name, 1, 32)
    assert isinstance(name, str)
    for char in name:
        if not (char.isalnum() or char in "-_'" or _is_indic_or_thai(char)):
            msg = (
                f"{what}: {name!r} holds {char!r}; allowed are letters, digits, '-', '_' and \"'\""
            )
            raise ValueError(msg)
    if name != name.lower():
        msg = f"{what}: {name!r} must be lower case (as {name.lower()!r})"
        raise ValueError(msg)


def _check_localizations(
    what: str, localizations: Mapping[str, str], low: int, high: int, *, slash: bool = False
) -> None:
    for locale, text in localizations.items():
        if locale not in LOCALES:
            msg = f"{what}: {locale!r} is not one of Discord's locales ({sorted(LOCALES)})"
            raise ValueError(msg)
        if slash:
            _check_slash_name(f"{what} ({locale})", text)
        else:
            _check_length(f"{what} ({locale})", text, low, high)


def _check_value(what: str, kind: OptionType, value: object) -> None:
    if kind is OptionType.STRING:
        if not isinstance(value, str) or len(value) > 100:
            msg = f"{what} must be a string of at most 100 characters, got {value!r}"
            raise ValueError(msg)
    elif kind is OptionType.INTEGER:
        if isinstance(value, bool) or not isinstance(value, int) or abs(value) > _MAX_INTEGER:
            msg = f"{what} must be an integer within ±(2^53 - 1), got {value!r}"
            raise ValueError(msg)
    elif kind is OptionType.FLOAT and (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not abs(value) <= _MAX_NUMBER
    ):
        msg = f"{what} must be a number within ±2^53, got {value!r}"
        raise ValueError(msg)


def _check_options(where: str, options: Sequence[CommandOption]) -> None:
    if len(options) > MAX_OPTIONS:
        msg = f"{where} has {len(options)} options; the limit is {MAX_OPTIONS}"
        raise ValueError(msg)
    names = [o.name for o in options]
    if len(set(names)) != len(names):
        msg = f"{where} has duplicate option names: {names}"
        raise ValueError(msg)
    subs = [o.type in _SUB for o in options]
    if any(subs) and not all(subs):
        msg = f"{where} mixes sub-commands or groups with plain options"
        raise ValueError(msg)
    seen_optional = False
    for option in options:
        if not option.is_required:
            seen_optional = True
        elif seen_optional:
            msg = f"required option {option.name!r} of {where} must come before optional ones"
            raise ValueError(msg)


def _longest(value: str, localizations: Mapping[str, str]) -> int:
    return max([len(value), *(len(v) for v in localizations.values())])


ApplicationContextType = InteractionContextType
"""hikari's name for `InteractionContextType`."""
