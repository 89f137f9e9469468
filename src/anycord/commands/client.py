"""`CommandClient`: routes interactions to declared handlers on any bot.

```python
client = anycord.commands.CommandClient()

@client.slash()
async def ping(ctx: CommandContext, text: str = "pong") -> None:
    await ctx.respond(text)

client.attach(bot)        # GatewayBot, orchestrator Bot, RESTBot or AsgiBot
```

`attach` uses only the bot's public API:

* a gateway bot (`subscribe`): the client listens to `InteractionCreateEvent`; handlers
  run in the dispatcher's task (the bot's tree) and answer over REST;
* an HTTP bot (`interaction_server`): the client is the interaction server's listener; the
  handler runs as a task of the server's task group (`InteractionServer.start_soon`) and
  its first answer becomes the HTTP response.

Either way, closing the bot cancels in-flight handlers after the bot's grace period, and a
handler that has not answered after `auto_defer × 3 s` gets a deferred response, so a slow
handler finishes through `respond` (which then edits the "thinking" message) or `followup`.
"""

from __future__ import annotations

import functools
import importlib
import logging
import sys
import typing

import anyio
import anyio.lowlevel

from anycord.commands import context as context_module
from anycord.commands import invoke
from anycord.commands.checks import MemoryCooldownStore
from anycord.commands.context import (
    AutocompleteContext,
    ComponentContext,
    ModalContext,
)
from anycord.commands.declare import ContextMenuCommand, Layer, SlashGroup
from anycord.commands.plugins import Plugin
from anycord.commands.routes import Collectors, RouteTable
from anycord.commands.sync import sync_commands
from anycord.errors import CommandDeclarationError
from anycord.interactions.builders import InteractionAutocompleteBuilder, InteractionMessageBuilder
from anycord.models.commands import CommandType, OptionType
from anycord.models.interactions import (
    AutocompleteInteraction,
    CommandInteraction,
    ComponentInteraction,
    ModalInteraction,
)

if typing.TYPE_CHECKING:
    import contextlib
    from collections.abc import AsyncIterator, Callable, Sequence

    from anycord.cache import Cache
    from anycord.commands.checks import CooldownStore
    from anycord.commands.context import ContextArgs
    from anycord.commands.declare import SlashCommand, TopLevel
    from anycord.commands.defer_clock import DeferClock
    from anycord.commands.sync import CommandDiff
    from anycord.commands.workers import Workers
    from anycord.interactions.builders import InteractionResponseBuilder
    from anycord.interactions.server import InteractionServer
    from anycord.models.interactions import CommandInteractionOption, PartialInteraction
    from anycord.rest.client import RESTClient
    from anycord.snowflakes import Snowflake

__all__ = ["CommandClient"]

_LOGGER = logging.getLogger("anycord.commands")
_F = typing.TypeVar("_F", bound="Callable[..., typing.Any]")
_SUBS = (OptionType.SUB_COMMAND, OptionType.SUB_COMMAND_GROUP)
_GONE = "This is no longer available."


class CommandClient:
    """Commands, components, modals and plugins, attachable to any anycord bot.

    Args:
        default_guilds: register commands that name no guilds in these guilds instead of
            globally (handy while developing: guild commands update at once).
        auto_defer: the share of Discord's 3 s window after which an unanswered handler is
            deferred for it (`None`: never).
        owner_ids: the users `owner_only()` lets through (default: the application's owner
            or team, fetched once).
        cooldown_store: where cooldown counters live (default: this process's memory; a
            `RedisCooldownStore` shares them across a fleet).
        error_message: what users see when a handler raised something other than a
            `CommandError` (never the traceback, which is logged).
    """

    def __init__(
        self,
        *,
        default_guilds: Sequence[int] | None = None,
        auto_defer: float | None = 0.6,
        owner_ids: Sequence[Snowflake] = (),
        cooldown_store: CooldownStore | None = None,
        error_message: str = "Something went wrong while running this.",
    ) -> None:
        if auto_defer is not None and not 0 < auto_defer < 1:
            msg = f"auto_defer is a share of Discord's 3 s window, within (0, 1), not {auto_defer}"
            raise ValueError(msg)
        self.default_guilds = default_guilds
        self.defer_after = None if auto_defer is None else 3.0 * auto_defer
        """Seconds after which an unanswered handler is deferred (`None`: never)."""
        self.cooldowns: CooldownStore = cooldown_store or MemoryCooldownStore()
        self.error_message = error_message
        self.layer = Layer()
        """Checks, hooks and error handlers for everything this client runs."""
        self._owner_ids = frozenset(owner_ids)
        self._owners_fetched = bool(owner_ids)
        self._plugins: dict[str, Plugin] = {}
        self._bots: list[typing.Any] = []
        self._slash: dict[str, SlashCommand | SlashGroup] = {}
        self._menus: dict[tuple[CommandType, str], ContextMenuCommand] = {}
        self._components = RouteTable()
        self._modals = RouteTable()
        self._collectors = Collectors()
        own = Plugin("main")
        self.plugin = own
        """The client's own plugin (what its decorators add to)."""
        self.slash = own.slash
        self.group = own.group
        self.user_command = own.user_command
        self.message_command = own.message_command
        self.component = own.component
        self.modal = own.modal
        self.listener = own.listener
        self.load(own)

    # -- declarations ----------------------------------------------------------------------

    def check(self, check: _F) -> _F:
        """Decorator: a check for every command and route."""
        return self.layer.add_check(check)

    def before(self, hook: _F) -> _F:
        """Decorator: run `await hook(ctx)` before every handler."""
        return self.layer.add_before(hook)

    def after(self, hook: _F) -> _F:
        """Decorator: run `await hook(ctx)` after every handler (also when it failed)."""
        return self.layer.add_after(hook)

    def error_handler(self, handler: _F) -> _F:
        """Decorator: the global error handler `async def f(ctx, exc)` (re-raise to pass on)."""
        return self.layer.add_error_handler(handler)

    @property
    def commands(self) -> list[TopLevel]:
        """Every top-level command of every loaded plugin."""
        return [c for p in self._plugins.values() for c in p.commands]

    @property
    def plugins(self) -> dict[str, Plugin]:
        """The loaded plugins by name."""
        return dict(self._plugins)

    # -- plugins -----------------------------------------------------------------------------

    def load(self, plugin: Plugin) -> None:
        """Load a plugin now (also while the bot runs); `CommandDeclarationError` on a clash."""
        if plugin.name in self._plugins:
            msg = f"a plugin named {plugin.name!r} is already loaded"
            raise CommandDeclarationError(msg)
        self._plugins[plugin.name] = plugin
        plugin.client = self
        try:
            self.reindex()
        except CommandDeclarationError:
            del self._plugins[plugin.name]
            plugin.client = None
            self.reindex()
            raise
        for bot in self._bots:
            invoke.subscribe_listeners(bot, plugin, subscribe=True)

    def unload(self, name: str) -> Plugin:
        """Unload a plugin (handlers already running finish); `KeyError` if not loaded."""
        plugin = self._plugins.pop(name)
        plugin.client = None
        self.reindex()
        for bot in self._bots:
            invoke.subscribe_listeners(bot, plugin, subscribe=False)
        return plugin

    def load_module(self, module: str) -> Plugin:
        """Import `module` (again, if it was unloaded) and load its module-level `plugin`."""
        loaded = importlib.import_module(module)
        plugin = getattr(loaded, "plugin", None)
        if not isinstance(plugin, Plugin):
            msg = f"module {module!r} has no module-level `plugin = Plugin(...)`"
            raise CommandDeclarationError(msg)
        self.load(plugin)
        return plugin

    def unload_module(self, module: str) -> Plugin:
        """Unload the plugin of `module` and forget the module, so `load_module` re-imports it."""
        loaded = sys.modules.pop(module)
        plugin: Plugin = loaded.plugin
        return self.unload(plugin.name)

    def reindex(self) -> None:
        """Rebuild the routing tables from the loaded plugins (called for you)."""
        slash: dict[str, SlashCommand | SlashGroup] = {}
        menus: dict[tuple[CommandType, str], ContextMenuCommand] = {}
        components, modals = RouteTable(), RouteTable()
        for plugin in self._plugins.values():
            for command in plugin.commands:
                if isinstance(command, ContextMenuCommand):
                    key = (command.type, command.name)
                    table: dict[typing.Any, typing.Any] = menus
                else:
                    key, table = command.name, slash  # type: ignore[assignment]
                if key in table:
                    msg = f"two commands are named {command.name!r} (plugin {plugin.name!r})"
                    raise CommandDeclarationError(msg)
                table[key] = command
            for route in plugin.components:
                components.add(route)
            for route in plugin.modals:
                modals.add(route)
        self._slash, self._menus = slash, menus
        self._components, self._modals = components, modals

    # -- attaching ---------------------------------------------------------------------------

    def attach(
        self,
        bot: typing.Any,  # noqa: ANN401 (any anycord bot, checked at run time; the orchestrator's is a layer above)
        *,
        sync: bool = True,
    ) -> None:
        """Serve this client's commands on `bot` (see the module docstring).

        `sync=True` syncs the commands with Discord when the bot starts (only writing what
        changed). `TypeError` for an object that is not an anycord bot.
        """
        invoke.attach(self, bot, sync=sync)
        self._bots.append(bot)

    def collect(
        self, prefix: str, *, buffer: int = 16
    ) -> contextlib.AbstractAsyncContextManager[AsyncIterator[ComponentContext]]:
        """Collect component interactions whose custom_id starts with `prefix` (see `routes`);
        bound it with `anyio.move_on_after` around the loop."""
        return self._collectors.collect(prefix, buffer=buffer)

    async def owner_ids(self, rest: RESTClient) -> frozenset[Snowflake]:
        """The users `owner_only()` lets through."""
        if not self._owners_fetched:
            application = await rest.fetch_application()
            ids = set()
            if application.owner is not None:
                ids.add(application.owner.id)
            if application.team is not None:
                ids.update(application.team.members)
            self._owner_ids = frozenset(ids)
            self._owners_fetched = True
        return self._owner_ids

    # -- sync ----------------------------------------------------------------------------------

    async def sync(
        self,
        rest: RESTClient,
        *,
        application_id: Snowflake | None = None,
        guilds: Sequence[int] = (),
        dry_run: bool = False,
    ) -> list[CommandDiff]:
        """Make Discord's registered commands match the declared ones (see `commands.sync`)."""
        return await sync_commands(
            rest,
            self.commands,
            default_guilds=self.default_guilds,
            application_id=application_id,
            extra_guilds=guilds,
            dry_run=dry_run,
        )

    # -- routing -----------------------------------------------------------------------------

    def find_slash(
        self, name: str, options: Sequence[CommandInteractionOption]
    ) -> tuple[SlashCommand, Sequence[CommandInteractionOption]] | None:
        """The (sub-)command an invocation names, and the options meant for it."""
        target = self._slash.get(name)
        while isinstance(target, SlashGroup):
            if not options or options[0].type not in _SUBS:
                return None
            sub = options[0]
            target = target.children.get(sub.name)
            options = sub.options or ()
        if target is None:
            return None
        return target, options

    def find_menu(self, kind: CommandType, name: str) -> ContextMenuCommand | None:
        """The user or message command of that name."""
        return self._menus.get((kind, name))

    def context_for(
        self, interaction: PartialInteraction, rest: RESTClient, cache: Cache | None, *, http: bool
    ) -> tuple[typing.Any, typing.Any, Callable[[], typing.Awaitable[None]]] | None:
        """(context, what runs, the call) for an interaction, or `None` when nothing handles it."""
        common: ContextArgs = {"client": self, "rest": rest, "cache": cache, "http": http}
        if isinstance(interaction, CommandInteraction):
            return invoke.command_call(self, interaction, common)
        if isinstance(interaction, ComponentInteraction):
            stream = self._collectors.find(interaction.custom_id)
            if stream is not None:
                ctx = ComponentContext(interaction, captured={}, **common)
                return ctx, None, invoke.collected_call(ctx, stream)
            found = self._components.find(interaction.custom_id)
            if found is None:
                return None
            route, holes = found
            ctx = ComponentContext(interaction, captured=holes, **common)
            return ctx, route, invoke.route_call(route, ctx, holes)
        if isinstance(interaction, ModalInteraction):
            found = self._modals.find(interaction.custom_id)
            if found is None:
                return None
            route, holes = found
            mctx = ModalContext(interaction, captured=holes, **common)
            return mctx, route, invoke.route_call(route, mctx, holes)
        return None

    def autocomplete_context(
        self, interaction: AutocompleteInteraction, rest: RESTClient, cache: Cache | None
    ) -> tuple[AutocompleteContext, typing.Any] | None:
        """The context and callback for an autocomplete interaction, if an option has one."""
        found = self.find_slash(interaction.command_name, interaction.options)
        if found is None:
            return None
        command, options = found
        focused = next((o for o in options if o.is_focused), None)
        spec = command.by_name.get(focused.name) if focused is not None else None
        if focused is None or spec is None or spec.autocomplete is None:
            return None
        filled = {o.name: o.value for o in options if not o.is_focused}
        ctx = AutocompleteContext(
            interaction,
            client=self,
            rest=rest,
            cache=cache,
            option=focused.name,
            value=focused.value,
            options=filled,
        )
        return ctx, spec.autocomplete

    async def autocomplete_builder(
        self, interaction: AutocompleteInteraction, rest: RESTClient, cache: Cache | None
    ) -> InteractionAutocompleteBuilder:
        """Run the autocomplete callback (at most 25 choices are sent)."""
        found = self.autocomplete_context(interaction, rest, cache)
        if found is None:
            return InteractionAutocompleteBuilder(())
        ctx, callback = found
        try:
            choices = [
                (str(c)[:100], c) if isinstance(c, str | int | float) else c
                for c in await callback(ctx, ctx.value)
            ]
            return InteractionAutocompleteBuilder(choices[:25])
        except Exception:
            _LOGGER.exception("autocomplete for %r failed", interaction.command_name)
            return InteractionAutocompleteBuilder(())

    async def http_listener(
        self,
        interaction: PartialInteraction,
        server: InteractionServer,
        workers: Workers,
        clock: DeferClock | None,
    ) -> InteractionResponseBuilder | None:
        """The interaction server's listener: the first answer is the HTTP response.

        Where the transport can answer early (the built-in server, `AsgiAdapter`), the
        handler runs right here, in the request's task: its first answer is written as the
        HTTP response at once and it keeps running; `clock` defers it if it has not answered
        in time. Otherwise the handler runs on a worker task of the server's task group, and
        the listener waits until it answers or the auto-defer window closes (a handler still
        running then is told once its response has been sent).
        """
        # Served over HTTP, the interaction's app is the bot serving it (`RESTBot`, `AsgiBot`),
        # whose `rest` is a `RESTClient`.
        app = interaction.app
        rest = typing.cast("RESTClient", app.rest if app is not None else None)
        cache = getattr(app, "cache", None)
        if isinstance(interaction, AutocompleteInteraction):
            return await self.autocomplete_builder(interaction, rest, cache)
        found = self.context_for(interaction, rest, cache, http=True)
        if found is None:
            _LOGGER.warning("nothing handles %r here; answered that it is gone", interaction)
            return InteractionMessageBuilder(4).set_content(_GONE).set_flags(1 << 6)
        ctx, target, call = found
        responder = server.responder(interaction)
        if responder is not None:
            context_module.answer_through(ctx, responder)
            if clock is None:
                await invoke.run(self, ctx, target, call)
            else:
                entry = clock.add(ctx)
                try:
                    await invoke.run(self, ctx, target, call)
                finally:
                    clock.cancel(entry)
            # A deferral written from the clock's task must be out before the request ends.
            await context_module.delivered(ctx)
            return None
        workers.submit(functools.partial(invoke.run, self, ctx, target, call))
        await anyio.lowlevel.checkpoint()
        if not ctx.is_answered:
            decided = context_module.decided(ctx)
            if self.defer_after is None:
                await decided.wait()
            else:
                with anyio.move_on_after(self.defer_after):
                    await decided.wait()
                if not ctx.is_answered:
                    await ctx.auto_defer()
        return context_module.settle_http(ctx, functools.partial(server.notify_sent, interaction))
