"""A plugin module that tests load and unload while a bot runs."""

from __future__ import annotations

from anycord import commands
from anycord.events.message import MessageCreateEvent

plugin = commands.Plugin("extra")
seen: list[str] = []


@plugin.slash()
async def extra(ctx: commands.CommandContext) -> None:
    """A command from a plugin."""
    await ctx.respond("from the plugin")


@plugin.listener(MessageCreateEvent)
async def on_message(event: MessageCreateEvent) -> None:
    seen.append(str(event.message.id))
