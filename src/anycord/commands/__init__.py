"""Application commands, components and modals on any anycord bot (see docs/commands.md).

```python
from typing import Annotated
from anycord import commands

client = commands.CommandClient()

@client.slash()
async def echo(
    ctx: commands.CommandContext,
    text: Annotated[str, commands.Option("What to say", max_length=200)],
) -> None:
    \"\"\"Say something back.\"\"\"
    await ctx.respond(text)

client.attach(bot)    # GatewayBot, orchestrator Bot, RESTBot or AsgiBot: the same code
```
"""

from __future__ import annotations

from anycord.commands.checks import BucketKey as BucketKey
from anycord.commands.checks import Check as Check
from anycord.commands.checks import Cooldown as Cooldown
from anycord.commands.checks import CooldownStore as CooldownStore
from anycord.commands.checks import MaxConcurrency as MaxConcurrency
from anycord.commands.checks import MemoryCooldownStore as MemoryCooldownStore
from anycord.commands.checks import bot_has_permissions as bot_has_permissions
from anycord.commands.checks import dm_only as dm_only
from anycord.commands.checks import guild_only as guild_only
from anycord.commands.checks import has_permissions as has_permissions
from anycord.commands.checks import owner_only as owner_only
from anycord.commands.client import CommandClient as CommandClient
from anycord.commands.context import AnyContext as AnyContext
from anycord.commands.context import AutocompleteContext as AutocompleteContext
from anycord.commands.context import CommandContext as CommandContext
from anycord.commands.context import ComponentContext as ComponentContext
from anycord.commands.context import Context as Context
from anycord.commands.context import ModalContext as ModalContext
from anycord.commands.declare import ContextMenuCommand as ContextMenuCommand
from anycord.commands.declare import Layer as Layer
from anycord.commands.declare import SlashCommand as SlashCommand
from anycord.commands.declare import SlashGroup as SlashGroup
from anycord.commands.options import Mentionable as Mentionable
from anycord.commands.options import Option as Option
from anycord.commands.plugins import Plugin as Plugin
from anycord.commands.routes import Route as Route
from anycord.commands.sync import CommandDiff as CommandDiff
from anycord.errors import CheckFailure as CheckFailure
from anycord.errors import CommandDeclarationError as CommandDeclarationError
from anycord.errors import CommandError as CommandError
from anycord.errors import CooldownError as CooldownError
from anycord.errors import MaxConcurrencyError as MaxConcurrencyError
from anycord.errors import OptionConversionError as OptionConversionError

__all__ = [
    "AnyContext",
    "AutocompleteContext",
    "BucketKey",
    "Check",
    "CheckFailure",
    "CommandClient",
    "CommandContext",
    "CommandDeclarationError",
    "CommandDiff",
    "CommandError",
    "ComponentContext",
    "Context",
    "ContextMenuCommand",
    "Cooldown",
    "CooldownError",
    "CooldownStore",
    "Layer",
    "MaxConcurrency",
    "MaxConcurrencyError",
    "MemoryCooldownStore",
    "Mentionable",
    "ModalContext",
    "Option",
    "OptionConversionError",
    "Plugin",
    "Route",
    "SlashCommand",
    "SlashGroup",
    "bot_has_permissions",
    "dm_only",
    "guild_only",
    "has_permissions",
    "owner_only",
]
