"""Options from type hints: a handler's parameter → a Discord option, a sent value → a Python value.

| annotation                                   | option type | value the handler gets |
|----------------------------------------------|-------------|------------------------|
| `str` / `int` / `float` / `bool`             | STRING / INTEGER / NUMBER / BOOLEAN | as sent |
| `Literal["a", "b"]`, `Literal[1, 2]`         | STRING / INTEGER with choices | as sent |
| an `enum.Enum` with str or int values        | STRING / INTEGER with choices | the member |
| `User`                                       | USER        | the resolved user |
| `InteractionMember`                          | USER        | the resolved member (guilds only) |
| `Role`                                       | ROLE        | the resolved role |
| `Attachment`                                 | ATTACHMENT  | the resolved attachment |
| a channel class or a union of them           | CHANNEL, `channel_types` from the classes | the resolved channel |
| `Mentionable` (`User \\| Role`)               | MENTIONABLE | the resolved user or role |

`X | None = None` (or any default) makes the option optional; `Annotated[X, Option(...)]`
adds the description, bounds, explicit choices, an autocomplete callback and localisations.
Discord's limits are checked by `anycord.models.commands.CommandOption.validate`, the one
validator; this module only maps types.
"""

from __future__ import annotations

import enum
import inspect
import types
import typing

import attrs

from anycord.errors import CommandDeclarationError, OptionConversionError
from anycord.models.channels import (
    ChannelType,
    DMChannel,
    GroupDMChannel,
    GuildCategory,
    GuildForumChannel,
    GuildMediaChannel,
    GuildNewsChannel,
    GuildStageChannel,
    GuildTextChannel,
    GuildThreadHostChannel,
    GuildVoiceChannel,
    PartialChannel,
)
from anycord.models.commands import CommandChoice, CommandOption, OptionType
from anycord.models.members import InteractionMember, Member
from anycord.models.messages import Attachment
from anycord.models.roles import Role
from anycord.models.threads import (
    GuildNewsThread,
    GuildPrivateThread,
    GuildPublicThread,
    GuildThreadChannel,
)
from anycord.models.users import User

if typing.TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Mapping, Sequence

    from anycord.models.interactions import ResolvedOptionData

__all__ = ["Mentionable", "Option", "OptionSpec", "parse_options"]

Mentionable = User | Role
"""Annotate an option with this for a MENTIONABLE option (a user or a role)."""

ChoiceValue = str | int | float
AutocompleteCallback = typing.Callable[..., "Awaitable[Sequence[typing.Any]]"]
"""`async def complete(ctx: AutocompleteContext, value: str) -> [choices]`."""


@attrs.frozen(kw_only=True)
class Option:
    """Metadata for one option, given as `Annotated[type, Option(...)]`."""

    description: str | None = attrs.field(default=None, kw_only=False)
    name: str | None = None
    """The option's name on Discord (default: the parameter's name)."""
    min_value: int | float | None = None
    max_value: int | float | None = None
    min_length: int | None = None
    max_length: int | None = None
    choices: Mapping[str, ChoiceValue] | Sequence[CommandChoice] | None = None
    channel_types: Sequence[ChannelType | int] | None = None
    file_types: Sequence[str] | None = None
    autocomplete: AutocompleteCallback | None = None
    name_localizations: Mapping[str, str] = attrs.field(factory=dict)
    description_localizations: Mapping[str, str] = attrs.field(factory=dict)


OptionValue = str | int | float | bool
"""An option's value as Discord sends it."""
Converter = typing.Callable[[OptionValue, "ResolvedOptionData | None"], object]


@attrs.frozen(kw_only=True)
class OptionSpec:
    """One declared option: the parameter it fills, what Discord is told, how values convert."""

    parameter: str
    option: CommandOption
    convert: Converter
    default: typing.Any
    autocomplete: AutocompleteCallback | None = None


_CHANNEL_TYPES: typing.Final[dict[type, tuple[int, ...]]] = {
    GuildTextChannel: (ChannelType.GUILD_TEXT,),
    DMChannel: (ChannelType.DM,),
    GuildVoiceChannel: (ChannelType.GUILD_VOICE,),
    GroupDMChannel: (ChannelType.GROUP_DM,),
    GuildCategory: (ChannelType.GUILD_CATEGORY,),
    GuildNewsChannel: (ChannelType.GUILD_NEWS,),
    GuildNewsThread: (ChannelType.GUILD_NEWS_THREAD,),
    GuildPublicThread: (ChannelType.GUILD_PUBLIC_THREAD,),
    GuildPrivateThread: (ChannelType.GUILD_PRIVATE_THREAD,),
    GuildThreadChannel: (10, 11, 12),
    GuildStageChannel: (ChannelType.GUILD_STAGE,),
    GuildForumChannel: (ChannelType.GUILD_FORUM,),
    GuildMediaChannel: (ChannelType.GUILD_MEDIA,),
    GuildThreadHostChannel: (ChannelType.GUILD_FORUM, ChannelType.GUILD_MEDIA),
}
_SCALARS: typing.Final[dict[type, OptionType]] = {
    bool: OptionType.BOOLEAN,
    int: OptionType.INTEGER,
    float: OptionType.FLOAT,
    str: OptionType.STRING,
}


def _members(annotation: typing.Any) -> tuple[typing.Any, ...]:  # noqa: ANN401 (an annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return typing.get_args(annotation)
    return (annotation,)


def _plain(value: OptionValue, _: ResolvedOptionData | None) -> OptionValue:
    return value


def _number(value: OptionValue, _: ResolvedOptionData | None) -> float:
    return float(value)


def _lookup(table: str, what: str) -> Converter:
    def convert(value: OptionValue, resolved: ResolvedOptionData | None) -> object:
        found = getattr(resolved, table, {}).get(int(value)) if resolved is not None else None
        if found is None:
            raise OptionConversionError(f"that {what} could not be found here")
        return found

    return convert


def _mentionable(value: OptionValue, resolved: ResolvedOptionData | None) -> object:
    if resolved is not None:
        key = int(value)
        found = resolved.users.get(key) or resolved.roles.get(key)  # type: ignore[call-overload]
        if found is not None:
            return found
    raise OptionConversionError("that user or role could not be found here")


def _choices_of(values: Sequence[typing.Any]) -> list[CommandChoice]:
    return [CommandChoice(name=str(v), value=v) for v in values]


def _classify(
    annotation: typing.Any,  # noqa: ANN401 (an annotation: a type, a union, a Literal …)
    where: str,
) -> tuple[OptionType, Converter, list[CommandChoice] | None, list[int] | None]:
    """The option type, converter, implied choices and channel types of a bare annotation."""
    if annotation in _SCALARS:
        kind = _SCALARS[annotation]
        return kind, _number if kind is OptionType.FLOAT else _plain, None, None
    if typing.get_origin(annotation) is typing.Literal:
        values = typing.get_args(annotation)
        kinds = {_SCALARS.get(type(v)) for v in values}
        if len(kinds) != 1 or None in kinds or OptionType.BOOLEAN in kinds:
            msg = f"{where}: a Literal option needs values of one type (str, int or float)"
            raise CommandDeclarationError(msg)
        literal_kind = kinds.pop()
        assert literal_kind is not None
        return literal_kind, _plain, _choices_of(values), None
    if inspect.isclass(annotation) and issubclass(annotation, enum.Enum):
        members = list(annotation)
        kinds = {_SCALARS.get(type(m.value)) for m in members}
        if len(kinds) != 1 or None in kinds or OptionType.BOOLEAN in kinds:
            msg = f"{where}: an enum option needs values of one type (str, int or float)"
            raise CommandDeclarationError(msg)
        enum_kind = kinds.pop()
        assert enum_kind is not None
        enum_type = annotation
        choices = [CommandChoice(name=m.name.lower(), value=m.value) for m in members]
        return enum_kind, lambda v, _: enum_type(v), choices, None
    parts = _members(annotation)
    if all(inspect.isclass(p) for p in parts):
        if all(issubclass(p, PartialChannel) for p in parts):
            found: set[int] = set()
            unfiltered = False
            for part in parts:
                types_of = _CHANNEL_TYPES.get(part)
                if types_of is None:
                    unfiltered = True
                else:
                    found.update(int(t) for t in types_of)
            channel_types = None if unfiltered else sorted(found)
            return OptionType.CHANNEL, _lookup("channels", "channel"), None, channel_types
        if len(parts) == 1:
            (only,) = parts
            if issubclass(only, Member | InteractionMember):
                return OptionType.USER, _lookup("members", "member"), None, None
            if issubclass(only, User):
                return OptionType.USER, _lookup("users", "user"), None, None
            if issubclass(only, Role):
                return OptionType.ROLE, _lookup("roles", "role"), None, None
            if issubclass(only, Attachment):
                return OptionType.ATTACHMENT, _lookup("attachments", "attachment"), None, None
        if set(parts) == {User, Role}:
            return OptionType.MENTIONABLE, _mentionable, None, None
    msg = f"{where}: {annotation!r} is not a type an option can have (see anycord.commands.options)"
    raise CommandDeclarationError(msg)


def _split(annotation: typing.Any) -> tuple[typing.Any, Option, bool]:  # noqa: ANN401 (an annotation)
    """(bare type, Option metadata, whether `None` is allowed)."""
    meta = Option()
    if typing.get_origin(annotation) is typing.Annotated:
        annotation, *extras = typing.get_args(annotation)
        meta = next((e for e in extras if isinstance(e, Option)), meta)
    parts = _members(annotation)
    nullable = type(None) in parts
    if nullable:
        rest = [p for p in parts if p is not type(None)]
        annotation = rest[0] if len(rest) == 1 else typing.Union[tuple(rest)]  # noqa: UP007
    return annotation, meta, nullable


def _explicit_choices(meta: Option) -> list[CommandChoice] | None:
    if meta.choices is None:
        return None
    if isinstance(meta.choices, dict):
        return [CommandChoice(name=k, value=v) for k, v in meta.choices.items()]
    return [
        c if isinstance(c, CommandChoice) else CommandChoice(name=str(c), value=c)
        for c in typing.cast("Sequence[typing.Any]", meta.choices)
    ]


def hints_of(
    callback: Callable[..., typing.Any], where: str, localns: Mapping[str, typing.Any] | None
) -> dict[str, typing.Any]:
    """The handler's resolved annotations; `localns` resolves names local to where it was
    declared (string annotations under `from __future__ import annotations`)."""
    try:
        return typing.get_type_hints(callback, localns=dict(localns or {}), include_extras=True)
    except Exception as exc:
        msg = f"{where}: could not resolve the type hints ({exc})"
        raise CommandDeclarationError(msg) from exc


def parse_options(
    callback: Callable[..., typing.Any],
    where: str,
    localns: Mapping[str, typing.Any] | None = None,
) -> list[OptionSpec]:
    """The options of a handler `async def f(ctx, a: int, b: str = "x")` (all but the first).

    Raises `CommandDeclarationError` for a parameter that cannot become an option.
    """
    signature = inspect.signature(callback)
    hints = hints_of(callback, where, localns)
    params = list(signature.parameters.values())
    if not params or params[0].kind not in (
        params[0].POSITIONAL_ONLY,
        params[0].POSITIONAL_OR_KEYWORD,
    ):
        msg = f"{where}: the first parameter receives the context"
        raise CommandDeclarationError(msg)
    specs: list[OptionSpec] = []
    for param in params[1:]:
        here = f"{where}, parameter {param.name!r}"
        if param.kind not in (param.POSITIONAL_OR_KEYWORD, param.KEYWORD_ONLY):
            msg = f"{here}: options are plain or keyword-only parameters"
            raise CommandDeclarationError(msg)
        if param.name not in hints:
            msg = f"{here}: needs a type annotation (it decides the option's type)"
            raise CommandDeclarationError(msg)
        bare, meta, nullable = _split(hints[param.name])
        kind, convert, implied, channel_types = _classify(bare, here)
        has_default = param.default is not param.empty
        if nullable and not has_default:
            msg = f"{here}: an optional option needs a default (`= None`)"
            raise CommandDeclarationError(msg)
        explicit = meta.channel_types
        option = CommandOption(
            type=kind,
            name=meta.name or param.name,
            description=meta.description or "No description",
            is_required=not has_default,
            choices=_explicit_choices(meta) or implied,
            channel_types=[int(t) for t in explicit] if explicit is not None else channel_types,
            min_value=meta.min_value,
            max_value=meta.max_value,
            min_length=meta.min_length,
            max_length=meta.max_length,
            autocomplete=meta.autocomplete is not None,
            name_localizations=dict(meta.name_localizations),
            description_localizations=dict(meta.description_localizations),
            file_types=meta.file_types,
        )
        specs.append(
            OptionSpec(
                parameter=param.name,
                option=option,
                convert=convert,
                default=None if not has_default else param.default,
                autocomplete=meta.autocomplete,
            )
        )
    return specs
