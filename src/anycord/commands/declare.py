"""Declared commands: slash commands, groups of sub-commands, user and message commands.

Each declaration is turned into the builder Discord is sent (`anycord.models.commands`) the
moment it is made, and that builder's `validate()` (the one validator of Discord's limits)
runs then: a command Discord would refuse raises `CommandDeclarationError` at import time,
naming the handler, the command and the option, never an HTTP 400 at sync time.
"""

from __future__ import annotations

import inspect
import sys
import typing

import attrs

from anycord.commands.options import hints_of, parse_options
from anycord.errors import CommandDeclarationError
from anycord.models.commands import (
    CommandOption,
    CommandType,
    ContextMenuCommandBuilder,
    OptionType,
    SlashCommandBuilder,
)
from anycord.models.members import Member

if typing.TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence

    from anycord.commands.checks import Check, Cooldown, MaxConcurrency
    from anycord.commands.context import Context
    from anycord.commands.options import OptionSpec
    from anycord.models.applications import ApplicationIntegrationType
    from anycord.models.commands import CommandBuilder, InteractionContextType
    from anycord.permissions import Permissions

__all__ = ["ContextMenuCommand", "Handler", "Layer", "SlashCommand", "SlashGroup"]

Handler = typing.Callable[..., "Awaitable[None]"]
"""`async def handler(ctx, ...) -> None`."""
Hook = typing.Callable[["Context[typing.Any]"], "Awaitable[None]"]
ErrorHandler = typing.Callable[["Context[typing.Any]", Exception], "Awaitable[None]"]
_F = typing.TypeVar("_F", bound="Callable[..., typing.Any]")


@attrs.define(kw_only=True)
class Layer:
    """Checks, hooks and error handlers of one level (command, group, plugin or client).

    At invocation the levels run outermost first (client → plugin → group → command) for
    checks and `before` hooks, innermost first for `after` hooks and error handlers.
    """

    checks: list[Check] = attrs.field(factory=list)
    before: list[Hook] = attrs.field(factory=list)
    after: list[Hook] = attrs.field(factory=list)
    error_handlers: list[ErrorHandler] = attrs.field(factory=list)
    cooldown: Cooldown | None = None
    max_concurrency: MaxConcurrency | None = None

    def add_check(self, check: _F) -> _F:
        """Decorator: add a check."""
        self.checks.append(check)
        return check

    def add_before(self, hook: _F) -> _F:
        """Decorator: run `await hook(ctx)` before the handler."""
        self.before.append(hook)
        return hook

    def add_after(self, hook: _F) -> _F:
        """Decorator: run `await hook(ctx)` after the handler (also when it failed)."""
        self.after.append(hook)
        return hook

    def add_error_handler(self, handler: _F) -> _F:
        """Decorator: `await handler(ctx, exc)`; re-raise to pass the error outwards."""
        self.error_handlers.append(handler)
        return handler


@attrs.define(kw_only=True)
class Meta:
    """What a top-level command tells Discord besides its options."""

    guild_ids: Sequence[int] | None = None
    """Register in these guilds only (`None`: the client's default, global when that is unset)."""
    default_member_permissions: Permissions | int | None = None
    contexts: Sequence[InteractionContextType | int] | None = None
    integration_types: Sequence[ApplicationIntegrationType | int] = (0,)
    nsfw: bool = False
    name_localizations: Mapping[str, str] = attrs.field(factory=dict)
    description_localizations: Mapping[str, str] = attrs.field(factory=dict)

    def apply(self, builder: CommandBuilder) -> None:
        builder.default_member_permissions = self.default_member_permissions
        builder.contexts = None if self.contexts is None else list(self.contexts)
        builder.integration_types = list(self.integration_types)
        builder.is_nsfw = self.nsfw
        builder.name_localizations = dict(self.name_localizations)
        if isinstance(builder, SlashCommandBuilder):
            builder.description_localizations = dict(self.description_localizations)


def _check_async(callback: Callable[..., typing.Any], where: str) -> None:
    if not inspect.iscoroutinefunction(callback):
        msg = f"{where}: the handler must be an `async def` function"
        raise CommandDeclarationError(msg)


def _validated(builder: CommandBuilder, where: str) -> None:
    try:
        builder.validate()
    except ValueError as exc:
        raise CommandDeclarationError(f"{where}: {exc}") from None


def _description(description: str | None, callback: Callable[..., typing.Any] | None) -> str:
    if description:
        return description
    doc = inspect.getdoc(callback) if callback is not None else None
    return doc.strip().splitlines()[0][:100] if doc else "No description"


class SlashCommand:
    """A slash command (top level) or a sub-command (inside a `SlashGroup`)."""

    def __init__(
        self,
        callback: Handler,
        *,
        name: str | None,
        description: str | None,
        meta: Meta,
        layer: Layer,
        parent: SlashGroup | None = None,
        localns: Mapping[str, typing.Any] | None = None,
    ) -> None:
        self.callback = callback
        self.name = name or callback.__name__.lower().replace("_", "-")
        self.description = _description(description, callback)
        self.meta = meta
        self.layer = layer
        self.parent = parent
        self.plugin: typing.Any = None
        where = f"{callback.__qualname__} (slash command {self.qualified_name!r})"
        _check_async(callback, where)
        self.options: list[OptionSpec] = parse_options(callback, where, localns)
        self.by_name = {spec.option.name: spec for spec in self.options}
        if parent is None:
            _validated(self.build(), where)
        else:
            parent.add(self, where)

    @property
    def qualified_name(self) -> str:
        """`"mod ban"` for a sub-command, `"ping"` for a top-level command."""
        return f"{self.parent.qualified_name} {self.name}" if self.parent else self.name

    def layers(self) -> list[Layer]:
        """This command's layers, outermost (its top group) first, itself last."""
        chain: list[Layer] = [self.layer]
        group = self.parent
        while group is not None:
            chain.append(group.layer)
            group = group.parent
        return chain[::-1]

    def as_option(self) -> CommandOption:
        """This command as a SUB_COMMAND option of its group."""
        return CommandOption(
            type=OptionType.SUB_COMMAND,
            name=self.name,
            description=self.description,
            options=[spec.option for spec in self.options],
            name_localizations=dict(self.meta.name_localizations),
            description_localizations=dict(self.meta.description_localizations),
        )

    def build(self) -> SlashCommandBuilder:
        """The builder Discord is sent (top-level commands)."""
        builder = SlashCommandBuilder(self.name, self.description)
        self.meta.apply(builder)
        builder.options = [spec.option for spec in self.options]
        return builder


class SlashGroup:
    """A slash command whose sub-commands (and, at top level, sub-command groups) do the work."""

    def __init__(
        self,
        name: str,
        description: str,
        *,
        meta: Meta,
        layer: Layer,
        parent: SlashGroup | None = None,
    ) -> None:
        self.name = name
        self.description = description
        self.meta = meta
        self.layer = layer
        self.parent = parent
        self.plugin: typing.Any = None
        self.children: dict[str, SlashCommand | SlashGroup] = {}
        where = f"slash command group {self.qualified_name!r}"
        if parent is not None:
            if parent.parent is not None:
                msg = f"{where}: groups nest one level only (command → group → sub-command)"
                raise CommandDeclarationError(msg)
            parent.add(self, where)
        else:
            _validated(self.build(), where)

    @property
    def qualified_name(self) -> str:
        """The group's name, with its parent's."""
        return f"{self.parent.qualified_name} {self.name}" if self.parent else self.name

    def root(self) -> SlashGroup:
        """The top-level group."""
        return self.parent.root() if self.parent is not None else self

    def add(self, child: SlashCommand | SlashGroup, where: str) -> None:
        """Add a sub-command or group, validating the whole command again."""
        if child.name in self.children:
            msg = f"{where}: {self.qualified_name!r} already has a sub-command {child.name!r}"
            raise CommandDeclarationError(msg)
        self.children[child.name] = child
        try:
            _validated(self.root().build(), where)
        except CommandDeclarationError:
            del self.children[child.name]
            raise

    def as_option(self) -> CommandOption:
        """This group as a SUB_COMMAND_GROUP option."""
        return CommandOption(
            type=OptionType.SUB_COMMAND_GROUP,
            name=self.name,
            description=self.description,
            options=[c.as_option() for c in self.children.values()],
            name_localizations=dict(self.meta.name_localizations),
            description_localizations=dict(self.meta.description_localizations),
        )

    def build(self) -> SlashCommandBuilder:
        """The builder Discord is sent."""
        builder = SlashCommandBuilder(self.name, self.description)
        self.meta.apply(builder)
        builder.options = [c.as_option() for c in self.children.values()]
        return builder

    def command(
        self,
        name: str | None = None,
        description: str | None = None,
        *,
        checks: Iterable[Check] = (),
        cooldown: Cooldown | None = None,
        max_concurrency: MaxConcurrency | None = None,
        name_localizations: Mapping[str, str] | None = None,
        description_localizations: Mapping[str, str] | None = None,
    ) -> Callable[[Handler], SlashCommand]:
        """Decorator: a sub-command of this group."""

        def decorator(callback: Handler) -> SlashCommand:
            meta = Meta(
                name_localizations=name_localizations or {},
                description_localizations=description_localizations or {},
            )
            layer = Layer(checks=list(checks), cooldown=cooldown, max_concurrency=max_concurrency)
            return SlashCommand(
                callback,
                name=name,
                description=description,
                meta=meta,
                layer=layer,
                parent=self,
                localns=sys._getframe(1).f_locals,
            )

        return decorator

    def group(self, name: str, description: str, *, checks: Iterable[Check] = ()) -> SlashGroup:
        """A sub-command group of this (top-level) group."""
        return SlashGroup(
            name, description, meta=Meta(), layer=Layer(checks=list(checks)), parent=self
        )

    def walk(self) -> Iterable[SlashCommand]:
        """Every sub-command, depth first."""
        for child in self.children.values():
            if isinstance(child, SlashGroup):
                yield from child.walk()
            else:
                yield child

    def layers(self) -> list[Layer]:
        """The group's layers, outermost first."""
        chain = [self.layer]
        group = self.parent
        while group is not None:
            chain.append(group.layer)
            group = group.parent
        return chain[::-1]


class ContextMenuCommand:
    """A user or message command: `async def handler(ctx, target: User | Message) -> None`."""

    def __init__(
        self,
        callback: Handler,
        *,
        type: CommandType,
        name: str,
        meta: Meta,
        layer: Layer,
        localns: Mapping[str, typing.Any] | None = None,
    ) -> None:
        self.callback = callback
        self.type = type
        self.name = name
        self.meta = meta
        self.layer = layer
        self.parent = None
        self.plugin: typing.Any = None
        self.options: list[OptionSpec] = []
        where = f"{callback.__qualname__} ({type.name.lower()} command {name!r})"
        _check_async(callback, where)
        params = list(inspect.signature(callback).parameters)
        if len(params) != 2:
            msg = f"{where}: takes exactly (ctx, target)"
            raise CommandDeclarationError(msg)
        self.target_parameter = params[1]
        hint = hints_of(callback, where, localns).get(params[1])
        self.wants_member = inspect.isclass(hint) and issubclass(hint, Member)
        """Whether a user command's handler wants the member rather than the user."""
        _validated(self.build(), where)

    @property
    def qualified_name(self) -> str:
        """The command's name."""
        return self.name

    def layers(self) -> list[Layer]:
        """This command's one layer."""
        return [self.layer]

    def build(self) -> ContextMenuCommandBuilder:
        """The builder Discord is sent."""
        builder = ContextMenuCommandBuilder(self.name, type=self.type)
        self.meta.apply(builder)
        return builder


TopLevel = SlashCommand | SlashGroup | ContextMenuCommand
"""What a plugin registers and a sync sends."""
