"""Running one invocation: checks, cooldowns, concurrency, hooks, the handler, error handlers.

Order (outermost layer first: client → plugin → group → command): every check, every
cooldown, every concurrency slot, every `before` hook, the handler; then `after` hooks
innermost first (also after a failure). An exception goes to the error handlers innermost
first; a handler that re-raises (or raises anew) passes it outwards; when none is left the
client answers for it: a `CommandError`'s message, or `error_message` for anything else
(whose traceback is logged, never sent). A handler that returned without answering gets an
acknowledgement, so no interaction is left "failed" in the user's client.

Also here: attaching a client to a bot through the bot's public API.
"""

from __future__ import annotations

import inspect
import logging
import typing

import anyio

from anycord.commands import context as context_module
from anycord.commands.checks import bucket_of, run_check
from anycord.commands.context import CommandContext
from anycord.commands.defer_clock import DeferClock
from anycord.commands.workers import Workers
from anycord.errors import CommandError, CooldownError
from anycord.events.interaction import InteractionCreateEvent
from anycord.events.lifetime import StartedEvent
from anycord.models.commands import CommandType
from anycord.models.interactions import (
    AutocompleteInteraction,
    CommandInteraction,
    ComponentInteraction,
    ModalInteraction,
)

if typing.TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Mapping

    from anyio.streams.memory import MemoryObjectSendStream

    from anycord.commands.client import CommandClient
    from anycord.commands.context import ComponentContext, Context, ContextArgs
    from anycord.commands.declare import ContextMenuCommand, Layer, SlashCommand
    from anycord.commands.plugins import Plugin
    from anycord.commands.routes import Route
    from anycord.interactions.builders import InteractionResponseBuilder
    from anycord.models.interactions import PartialInteraction

__all__ = ["attach", "run"]

_LOGGER = logging.getLogger("anycord.commands")
Call = typing.Callable[[], "Awaitable[None]"]
Target: typing.TypeAlias = "SlashCommand | ContextMenuCommand | Route | None"
"""What an invocation runs: a command, a component or modal route (`None`: a collector)."""


def _layers(client: CommandClient, target: Target) -> list[Layer]:
    layers = [client.layer]
    if target is None:
        return layers
    if target.plugin is not None:
        layers.append(target.plugin.layer)
    layers.extend(target.layers() if hasattr(target, "layers") else [target.layer])
    return layers


async def run(client: CommandClient, ctx: Context[typing.Any], target: Target, call: Call) -> None:
    """Run one invocation to the end (see the module docstring)."""
    try:
        await _run(client, ctx, target, call)
        await _acknowledge(ctx, target)
    finally:
        context_module.finish(ctx)


async def _run(client: CommandClient, ctx: Context[typing.Any], target: Target, call: Call) -> None:
    layers = _layers(client, target)
    try:
        for layer in layers:
            for check in layer.checks:
                await run_check(check, ctx)
        name = getattr(target, "qualified_name", None) or getattr(target, "pattern", "")
        for layer in layers:
            cooldown = layer.cooldown
            if cooldown is not None:
                key = f"{name}:{bucket_of(ctx, cooldown.key)}"
                retry = await client.cooldowns.hit(key, cooldown.rate, cooldown.per)
                if retry > 0:
                    raise CooldownError(retry)
        slots = []
        try:
            for layer in layers:
                if layer.max_concurrency is not None:
                    slots.append((layer.max_concurrency, layer.max_concurrency.enter(ctx)))
            for layer in layers:
                for hook in layer.before:
                    await hook(ctx)
            await call()
        finally:
            for limit, bucket in slots:
                limit.leave(bucket)
            for layer in reversed(layers):
                for hook in layer.after:
                    await hook(ctx)
    except Exception as exc:
        await _handle_error(client, ctx, layers, exc)


async def _acknowledge(ctx: Context[typing.Any], target: Target) -> None:
    if not ctx.is_answered:
        if isinstance(ctx, CommandContext):
            _LOGGER.warning(
                "%s returned without answering", getattr(target, "qualified_name", target)
            )
        try:
            await ctx.auto_defer()
        except Exception:
            _LOGGER.exception("could not acknowledge an unanswered interaction")


async def _handle_error(
    client: CommandClient, ctx: Context[typing.Any], layers: list[Layer], exc: Exception
) -> None:
    for layer in reversed(layers):
        for handler in layer.error_handlers:
            try:
                await handler(ctx, exc)
            except Exception as passed:
                exc = passed
                continue
            return
    if isinstance(exc, CommandError):
        _LOGGER.debug("invocation refused: %s", exc)
        message = str(exc)
    else:
        _LOGGER.error("a handler failed", exc_info=exc)
        message = client.error_message
    try:
        await ctx.respond(message, ephemeral=True)
    except Exception:
        _LOGGER.exception("could not tell the user about an error")


# -- calls -------------------------------------------------------------------------------------


def command_call(
    client: CommandClient, interaction: CommandInteraction, common: ContextArgs
) -> tuple[CommandContext, Target, Call] | None:
    """The context and call for a slash or context-menu command, or `None` if unknown."""
    kind = interaction.command_type
    resolved = interaction.resolved
    if kind == CommandType.SLASH:
        found = client.find_slash(interaction.command_name, interaction.options)
        if found is None:
            return None
        command, given = found
        values: dict[str, typing.Any] = {}
        ctx = CommandContext(interaction, command=command, options=values, **common)

        async def call() -> None:
            for spec in command.options:
                values[spec.parameter] = spec.default
            for option in given:
                found = command.by_name.get(option.name)
                if found is not None and option.value is not None:
                    values[found.parameter] = found.convert(option.value, resolved)
            await command.callback(ctx, **values)

        return ctx, command, call
    menu = client.find_menu(CommandType(kind), interaction.command_name)
    if menu is None:
        return None
    ctx = CommandContext(interaction, command=menu, options={}, **common)

    async def call_menu() -> None:
        target_id = interaction.target_id
        target: typing.Any = None
        if resolved is not None and target_id is not None:
            if menu.type is CommandType.MESSAGE:
                target = resolved.messages.get(target_id)
            else:
                table = resolved.members if menu.wants_member else resolved.users
                target = table.get(target_id)
        if target is None:
            raise CommandError("That target could not be found here.")
        await menu.callback(ctx, target)

    return ctx, menu, call_menu


def route_call(route: Route, ctx: Context[typing.Any], holes: Mapping[str, typing.Any]) -> Call:
    """The call for a component or modal route."""

    async def call() -> None:
        await route.callback(ctx, **holes)

    return call


def collected_call(ctx: ComponentContext, stream: MemoryObjectSendStream[ComponentContext]) -> Call:
    """Hand the interaction to an open collector; wait until its consumer (or the
    automatic defer) has answered it."""

    async def call() -> None:
        try:
            stream.send_nowait(ctx)
        except (anyio.WouldBlock, anyio.BrokenResourceError, anyio.ClosedResourceError):
            return
        await context_module.decided(ctx).wait()

    return call


# -- attaching ---------------------------------------------------------------------------------


def attach(client: CommandClient, bot: typing.Any, *, sync: bool) -> None:  # noqa: ANN401 (see CommandClient.attach)
    """Wire `client` into `bot` through its public API (see `CommandClient.attach`)."""
    server = getattr(bot, "interaction_server", None)
    if server is not None and hasattr(bot, "set_listener"):
        workers = Workers(server)
        window = client.defer_after
        clock = None if window is None else DeferClock(server, window)

        def listener(
            interaction: PartialInteraction,
        ) -> Awaitable[InteractionResponseBuilder | None]:
            return client.http_listener(interaction, server, workers, clock)

        for cls in (
            CommandInteraction,
            ComponentInteraction,
            ModalInteraction,
            AutocompleteInteraction,
        ):
            bot.set_listener(cls, listener)
        if sync:

            async def sync_on_start(started: object) -> None:
                await client.sync(bot.rest)  # `started` is `bot`

            bot.add_startup_callback(sync_on_start)
        return
    if not hasattr(bot, "subscribe"):
        msg = f"{bot!r} is not an anycord bot (no subscribe() and no interaction_server)"
        raise TypeError(msg)

    async def on_interaction(event: InteractionCreateEvent) -> None:
        interaction = event.interaction
        rest = bot.rest
        cache = getattr(bot, "cache", None)
        if isinstance(interaction, AutocompleteInteraction):
            builder = await client.autocomplete_builder(interaction, rest, cache)
            payload, _ = builder.build()
            await rest.create_interaction_response(
                interaction.id, interaction.token, payload["type"], **payload["data"]
            )
            return
        found = client.context_for(interaction, rest, cache, http=False)
        if found is None:
            return  # another listener of the bot may answer it
        ctx, target, call = found
        window = client.defer_after
        if window is None:
            await run(client, ctx, target, call)
            return
        async with anyio.create_task_group() as tg:
            tg.start_soon(_defer_after, ctx, window)
            await run(client, ctx, target, call)
            tg.cancel_scope.cancel()

    bot.subscribe(InteractionCreateEvent, on_interaction)
    if sync:

        async def sync_on_started(event: StartedEvent) -> None:
            await client.sync(bot.rest)

        bot.subscribe(StartedEvent, sync_on_started)
    for plugin in client.plugins.values():
        subscribe_listeners(bot, plugin, subscribe=True)


async def _defer_after(ctx: Context[typing.Any], window: float) -> None:
    await anyio.sleep(window)
    if not ctx.is_answered:
        try:
            await ctx.auto_defer()
        except Exception:
            _LOGGER.exception("the automatic defer failed")


def _event_types(callback: Callable[..., typing.Any], given: tuple[type, ...]) -> tuple[type, ...]:
    if given:
        return given
    params = list(inspect.signature(callback).parameters)
    hint = typing.get_type_hints(callback).get(params[0]) if params else None
    args = typing.get_args(hint)
    return args if args else (hint,) if isinstance(hint, type) else ()


def subscribe_listeners(
    bot: typing.Any,  # noqa: ANN401 (see CommandClient.attach)
    plugin: Plugin,
    *,
    subscribe: bool,
) -> None:
    """Subscribe (or unsubscribe) a plugin's gateway listeners on a gateway bot."""
    if not hasattr(bot, "subscribe"):
        return
    for given, callback in plugin.listeners:
        for event_type in _event_types(callback, given):
            if subscribe:
                bot.subscribe(event_type, callback)
            else:
                bot.unsubscribe(event_type, callback)
