"""Plugins: commands, components, modals and gateway listeners declared together.

A `CommandClient` holds one plugin of its own (its decorators add there) and any number
loaded at run time: `client.load(plugin)`, `client.unload("name")`, or
`client.load_module("bot.moderation")` for a module with a module-level `plugin`.
Loading and unloading only change the routing tables; handlers already running finish
in the bot's task tree.
"""

from __future__ import annotations

import sys
import typing
from typing import Unpack

from anycord.commands.declare import ContextMenuCommand, Layer, Meta, SlashCommand, SlashGroup
from anycord.commands.routes import Route
from anycord.models.commands import CommandType

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence

    from anycord.commands.checks import Check, Cooldown, MaxConcurrency
    from anycord.commands.declare import Handler, TopLevel
    from anycord.models.applications import ApplicationIntegrationType
    from anycord.models.commands import InteractionContextType
    from anycord.permissions import Permissions

__all__ = ["Plugin"]

_F = typing.TypeVar("_F", bound="Callable[..., typing.Any]")


class MenuOptions(typing.TypedDict, total=False):
    """What a context-menu command may set besides its name."""

    guilds: Sequence[int] | None
    default_member_permissions: Permissions | int | None
    contexts: Sequence[InteractionContextType | int] | None
    integration_types: Sequence[ApplicationIntegrationType | int]
    nsfw: bool
    checks: Iterable[Check]


class Plugin:
    """A named set of commands, routes and listeners; its `layer` applies to all of them."""

    def __init__(self, name: str, *, checks: Iterable[Check] = ()) -> None:
        self.name = name
        self.layer = Layer(checks=list(checks))
        self.commands: list[TopLevel] = []
        self.components: list[Route] = []
        self.modals: list[Route] = []
        self.listeners: list[tuple[tuple[type, ...], Callable[..., typing.Any]]] = []
        self.client: typing.Any = None
        """The client this plugin is loaded into, if any."""

    def __repr__(self) -> str:
        return f"Plugin({self.name!r}, commands={len(self.commands)})"

    def _added(self, command: TopLevel) -> None:
        command.plugin = self
        self.commands.append(command)
        if self.client is not None:
            self.client.reindex()

    def slash(
        self,
        name: str | None = None,
        description: str | None = None,
        *,
        guilds: Sequence[int] | None = None,
        default_member_permissions: Permissions | int | None = None,
        contexts: Sequence[InteractionContextType | int] | None = None,
        integration_types: Sequence[ApplicationIntegrationType | int] = (0,),
        nsfw: bool = False,
        name_localizations: Mapping[str, str] | None = None,
        description_localizations: Mapping[str, str] | None = None,
        checks: Iterable[Check] = (),
        cooldown: Cooldown | None = None,
        max_concurrency: MaxConcurrency | None = None,
    ) -> Callable[[Handler], SlashCommand]:
        """Decorator: a slash command from `async def name(ctx, option: type, ...) -> None`.

        The name defaults to the function's (`_` → `-`), the description to the first line
        of its docstring. `CommandDeclarationError` when Discord would refuse it.
        """
        meta = Meta(
            guild_ids=guilds,
            default_member_permissions=default_member_permissions,
            contexts=contexts,
            integration_types=integration_types,
            nsfw=nsfw,
            name_localizations=name_localizations or {},
            description_localizations=description_localizations or {},
        )

        def decorator(callback: Handler) -> SlashCommand:
            layer = Layer(checks=list(checks), cooldown=cooldown, max_concurrency=max_concurrency)
            command = SlashCommand(
                callback,
                name=name,
                description=description,
                meta=meta,
                layer=layer,
                localns=sys._getframe(1).f_locals,
            )
            self._added(command)
            return command

        return decorator

    def group(
        self,
        name: str,
        description: str,
        *,
        guilds: Sequence[int] | None = None,
        default_member_permissions: Permissions | int | None = None,
        contexts: Sequence[InteractionContextType | int] | None = None,
        integration_types: Sequence[ApplicationIntegrationType | int] = (0,),
        nsfw: bool = False,
        checks: Iterable[Check] = (),
    ) -> SlashGroup:
        """A slash command made of sub-commands (`@group.command()`) and groups (`group.group()`)."""
        meta = Meta(
            guild_ids=guilds,
            default_member_permissions=default_member_permissions,
            contexts=contexts,
            integration_types=integration_types,
            nsfw=nsfw,
        )
        group = SlashGroup(name, description, meta=meta, layer=Layer(checks=list(checks)))
        self._added(group)
        return group

    def _context_menu(
        self, kind: CommandType, name: str, options: MenuOptions
    ) -> Callable[[Handler], ContextMenuCommand]:
        checks = options.get("checks", ())
        meta = Meta(
            guild_ids=options.get("guilds"),
            default_member_permissions=options.get("default_member_permissions"),
            contexts=options.get("contexts"),
            integration_types=options.get("integration_types", (0,)),
            nsfw=options.get("nsfw", False),
        )

        def decorator(callback: Handler) -> ContextMenuCommand:
            command = ContextMenuCommand(
                callback,
                type=kind,
                name=name,
                meta=meta,
                layer=Layer(checks=list(checks)),
                localns=sys._getframe(1).f_locals,
            )
            self._added(command)
            return command

        return decorator

    def user_command(
        self, name: str, **options: Unpack[MenuOptions]
    ) -> Callable[[Handler], ContextMenuCommand]:
        """Decorator: a user context-menu command, `async def f(ctx, user: User) -> None`.

        Options: `guilds`, `default_member_permissions`, `contexts`, `integration_types`,
        `nsfw`, `checks` (as for `slash`).
        """
        return self._context_menu(CommandType.USER, name, options)

    def message_command(
        self, name: str, **options: Unpack[MenuOptions]
    ) -> Callable[[Handler], ContextMenuCommand]:
        """Decorator: a message context-menu command, `async def f(ctx, message: Message)`
        (the options of `user_command`)."""
        return self._context_menu(CommandType.MESSAGE, name, options)

    def _route(
        self, kind: str, pattern: str, checks: Iterable[Check]
    ) -> Callable[[Handler], Route]:
        def decorator(callback: Handler) -> Route:
            route = Route(
                pattern,
                callback,
                kind=kind,
                layer=Layer(checks=list(checks)),
                localns=sys._getframe(1).f_locals,
            )
            route.plugin = self
            (self.components if kind == "component" else self.modals).append(route)
            if self.client is not None:
                self.client.reindex()
            return route

        return decorator

    def component(
        self, pattern: str, *, checks: Iterable[Check] = ()
    ) -> Callable[[Handler], Route]:
        """Decorator: handle components whose custom_id matches `pattern` (see `routes`)."""
        return self._route("component", pattern, checks)

    def modal(self, pattern: str, *, checks: Iterable[Check] = ()) -> Callable[[Handler], Route]:
        """Decorator: handle modal submissions whose custom_id matches `pattern`."""
        return self._route("modal", pattern, checks)

    def listener(self, *event_types: type) -> Callable[[_F], _F]:
        """Decorator: a gateway event listener, subscribed while the plugin is loaded into a
        client attached to a gateway bot (ignored on HTTP-only bots, which get no events)."""

        def decorator(callback: _F) -> _F:
            self.listeners.append((event_types, callback))
            return callback

        return decorator

    def check(self, check: _F) -> _F:
        """Decorator: a check for everything in this plugin."""
        return self.layer.add_check(check)

    def error_handler(self, handler: _F) -> _F:
        """Decorator: an error handler for everything in this plugin."""
        return self.layer.add_error_handler(handler)
