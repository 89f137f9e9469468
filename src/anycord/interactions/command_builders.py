"""Application command builders: slash commands with options, and user/message context menus.

`build()` returns the JSON body of "Create Global/Guild Application Command" (or one element
of a bulk overwrite). Discord's documented limits are checked when a value is set or at
`build()` (interactions/application-commands.mdx), raising `ValueError` naming the value:

* slash command and option names: 1-32 characters matching `^[-_'\\p{L}\\p{N}]{1,32}$`, lower
  case where a lower-case form exists; user/message command names: 1-32 characters, any case;
* descriptions 1-100 characters (slash commands and options; context menus have none);
* at most 25 options per command or sub-command, 25 choices per option; choice names 1-100,
  string choice values at most 100 characters; `min_length`/`max_length` within 0-6000;
* required options before optional ones; sub-commands and groups not mixed with plain options,
  groups holding only sub-commands;
* 8,000 characters in total over names, descriptions and choice names and values (the longest
  localisation of each field counts).
"""

from __future__ import annotations

import typing

import attrs

from anycord.interactions.builders import AutocompleteChoiceBuilder
from anycord.models.commands import CommandType, OptionType

if typing.TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from anycord.permissions import Permissions

__all__ = [
    "CommandChoice",
    "CommandOption",
    "ContextMenuCommandBuilder",
    "SlashCommandBuilder",
]

CommandChoice = AutocompleteChoiceBuilder
"""A fixed choice of a STRING/INTEGER/NUMBER option (name, value, name localisations)."""

JSONObject = dict[str, typing.Any]

_MAX_OPTIONS: typing.Final = 25
_MAX_CHOICES: typing.Final = 25
_MAX_TOTAL: typing.Final = 8000
_SUB: typing.Final = frozenset({OptionType.SUB_COMMAND, OptionType.SUB_COMMAND_GROUP})


def _check_slash_name(what: str, name: str) -> str:
    if not isinstance(name, str) or not 1 <= len(name) <= 32:
        msg = f"{what} must be 1-32 characters, got {name!r}"
        raise ValueError(msg)
    for char in name:
        if not (char.isalnum() or char in "-_'" or _indic_or_thai(char)):
            msg = f"{what} {name!r} contains {char!r}; allowed: letters, digits, '-', '_', \"'\""
            raise ValueError(msg)
    if name != name.lower():
        msg = f"{what} {name!r} must be lower case"
        raise ValueError(msg)
    return name


def _indic_or_thai(char: str) -> bool:
    # \p{sc=Deva} and \p{sc=Thai}, which include combining marks `isalnum` rejects.
    code = ord(char)
    return 0x0900 <= code <= 0x097F or 0xA8E0 <= code <= 0xA8FF or 0x0E00 <= code <= 0x0E7F


def _check_text(what: str, value: str, low: int, high: int) -> str:
    if not isinstance(value, str) or not low <= len(value) <= high:
        msg = f"{what} must be {low}-{high} characters, got {value!r}"
        raise ValueError(msg)
    return value


def _longest(value: str, localizations: Mapping[str, str]) -> int:
    return max([len(value), *(len(v) for v in localizations.values())])


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class CommandOption:
    """One option of a slash command (or a sub-command / group holding `options`)."""

    type: OptionType = attrs.field(converter=OptionType)
    name: str
    description: str
    is_required: bool = False
    choices: Sequence[CommandChoice] = ()
    options: Sequence[CommandOption] = ()
    channel_types: Sequence[int] = ()
    min_value: int | float | None = None
    max_value: int | float | None = None
    min_length: int | None = None
    max_length: int | None = None
    autocomplete: bool = False
    name_localizations: Mapping[str, str] = attrs.field(factory=dict)
    description_localizations: Mapping[str, str] = attrs.field(factory=dict)

    def __attrs_post_init__(self) -> None:
        _check_slash_name("option name", self.name)
        _check_text(f"description of option {self.name!r}", self.description, 1, 100)
        for locale, text in self.name_localizations.items():
            _check_slash_name(f"option name ({locale})", text)
        for locale, text in self.description_localizations.items():
            _check_text(f"option description ({locale})", text, 1, 100)
        if len(self.choices) > _MAX_CHOICES:
            msg = f"option {self.name!r} has {len(self.choices)} choices; at most {_MAX_CHOICES}"
            raise ValueError(msg)
        if self.choices and self.type not in (
            OptionType.STRING,
            OptionType.INTEGER,
            OptionType.FLOAT,
        ):
            msg = f"option {self.name!r} of type {self.type.name} cannot have choices"
            raise ValueError(msg)
        if self.choices and self.autocomplete:
            msg = f"option {self.name!r} cannot have both choices and autocomplete"
            raise ValueError(msg)
        for bound in (self.min_length, self.max_length):
            if bound is not None and not 0 <= bound <= 6000:
                msg = f"min_length/max_length of {self.name!r} must be within 0-6000, got {bound}"
                raise ValueError(msg)
        if self.options and self.type not in _SUB:
            msg = f"only sub-commands and groups hold options; {self.name!r} is {self.type.name}"
            raise ValueError(msg)
        if self.type is OptionType.SUB_COMMAND_GROUP and any(
            o.type is not OptionType.SUB_COMMAND for o in self.options
        ):
            msg = f"group {self.name!r} may only hold sub-commands"
            raise ValueError(msg)
        if self.type is OptionType.SUB_COMMAND and any(o.type in _SUB for o in self.options):
            msg = f"sub-command {self.name!r} cannot hold sub-commands or groups"
            raise ValueError(msg)
        _check_options(self.name, self.options)

    def total_length(self) -> int:
        """Characters this option counts towards the 8,000 limit."""
        total = _longest(self.name, self.name_localizations)
        total += _longest(self.description, self.description_localizations)
        for choice in self.choices:
            total += _longest(choice.name, choice.name_localizations)
            if isinstance(choice.value, str):
                total += len(choice.value)
        return total + sum(o.total_length() for o in self.options)

    def build(self) -> JSONObject:
        """The option object."""
        out: JSONObject = {
            "type": self.type.value,
            "name": self.name,
            "description": self.description,
        }
        if self.is_required:
            out["required"] = True
        if self.choices:
            out["choices"] = [c.build() for c in self.choices]
        if self.options:
            out["options"] = [o.build() for o in self.options]
        if self.channel_types:
            out["channel_types"] = [int(t) for t in self.channel_types]
        for key in ("min_value", "max_value", "min_length", "max_length"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        if self.autocomplete:
            out["autocomplete"] = True
        if self.name_localizations:
            out["name_localizations"] = dict(self.name_localizations)
        if self.description_localizations:
            out["description_localizations"] = dict(self.description_localizations)
        return out


def _check_options(owner: str, options: Sequence[CommandOption]) -> None:
    if len(options) > _MAX_OPTIONS:
        msg = f"{owner!r} has {len(options)} options; at most {_MAX_OPTIONS}"
        raise ValueError(msg)
    names = [o.name for o in options]
    if len(set(names)) != len(names):
        msg = f"{owner!r} has duplicate option names: {names}"
        raise ValueError(msg)
    subs = [o.type in _SUB for o in options]
    if any(subs) and not all(subs):
        msg = f"{owner!r} mixes sub-commands or groups with plain options"
        raise ValueError(msg)
    seen_optional = False
    for option in options:
        if not option.is_required:
            seen_optional = True
        elif seen_optional:
            msg = f"required option {option.name!r} of {owner!r} must come before optional ones"
            raise ValueError(msg)


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class _CommandBase:
    name: str
    name_localizations: Mapping[str, str] = attrs.field(factory=dict)
    default_member_permissions: Permissions | int | None = None
    """Members need these permissions (`0`: only administrators; `None`: everyone)."""
    is_nsfw: bool = False
    contexts: Sequence[int] | None = None
    """Interaction context types (0 guild, 1 bot DM, 2 private channel)."""
    integration_types: Sequence[int] | None = None
    """Installation contexts (0 guild install, 1 user install)."""
    id: int | None = None
    """Set to update an existing command in a bulk overwrite."""

    def _common(self, kind: CommandType) -> JSONObject:
        out: JSONObject = {"type": kind.value, "name": self.name}
        if self.id is not None:
            out["id"] = str(self.id)
        if self.name_localizations:
            out["name_localizations"] = dict(self.name_localizations)
        if self.default_member_permissions is not None:
            out["default_member_permissions"] = str(int(self.default_member_permissions))
        if self.is_nsfw:
            out["nsfw"] = True
        if self.contexts is not None:
            out["contexts"] = [int(c) for c in self.contexts]
        if self.integration_types is not None:
            out["integration_types"] = [int(t) for t in self.integration_types]
        return out


def _to_list(options: Iterable[CommandOption]) -> list[CommandOption]:
    return list(options)


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class SlashCommandBuilder(_CommandBase):
    """A `CHAT_INPUT` command."""

    description: str
    description_localizations: Mapping[str, str] = attrs.field(factory=dict)
    options: list[CommandOption] = attrs.field(factory=list, converter=_to_list)

    def __attrs_post_init__(self) -> None:
        _check_slash_name("command name", self.name)
        _check_text(f"description of command {self.name!r}", self.description, 1, 100)
        for locale, text in self.name_localizations.items():
            _check_slash_name(f"command name ({locale})", text)
        for locale, text in self.description_localizations.items():
            _check_text(f"command description ({locale})", text, 1, 100)
        _check_options(self.name, self.options)

    def add_option(self, option: CommandOption) -> SlashCommandBuilder:
        """Add an option (checked against the others at once)."""
        _check_options(self.name, [*self.options, option])
        self.options.append(option)
        return self

    def set_options(self, options: Iterable[CommandOption]) -> SlashCommandBuilder:
        """Replace the options."""
        options = list(options)
        _check_options(self.name, options)
        self.options = options
        return self

    def total_length(self) -> int:
        """Characters counted towards Discord's 8,000 limit."""
        total = _longest(self.name, self.name_localizations)
        total += _longest(self.description, self.description_localizations)
        return total + sum(o.total_length() for o in self.options)

    def build(self) -> JSONObject:
        """The create-command body; `ValueError` over 8,000 characters."""
        total = self.total_length()
        if total > _MAX_TOTAL:
            msg = f"command {self.name!r} has {total} characters of names/descriptions/choices; at most {_MAX_TOTAL}"
            raise ValueError(msg)
        out = self._common(CommandType.SLASH)
        out["description"] = self.description
        if self.description_localizations:
            out["description_localizations"] = dict(self.description_localizations)
        if self.options:
            out["options"] = [o.build() for o in self.options]
        return out


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ContextMenuCommandBuilder(_CommandBase):
    """A `USER` or `MESSAGE` context-menu command (names may be mixed case and have spaces)."""

    type: CommandType = attrs.field(converter=CommandType)

    def __attrs_post_init__(self) -> None:
        if self.type not in (CommandType.USER, CommandType.MESSAGE):
            msg = f"a context menu command is USER or MESSAGE, not {self.type!r}"
            raise ValueError(msg)
        _check_text("context menu command name", self.name, 1, 32)
        for locale, text in self.name_localizations.items():
            _check_text(f"context menu command name ({locale})", text, 1, 32)

    def build(self) -> JSONObject:
        """The create-command body."""
        return self._common(self.type)
