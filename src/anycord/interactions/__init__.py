"""HTTP interactions: the framework-free server, the ASGI adapter, and response/command builders."""

from __future__ import annotations

from anycord.interactions.asgi import AsgiAdapter
from anycord.interactions.builders import (
    AutocompleteChoiceBuilder,
    InteractionAutocompleteBuilder,
    InteractionDeferredBuilder,
    InteractionLaunchActivityBuilder,
    InteractionMessageBuilder,
    InteractionModalBuilder,
    InteractionPongBuilder,
    InteractionResponseBuilder,
    ResponseType,
)
from anycord.interactions.command_builders import (
    CommandChoice,
    CommandOption,
    ContextMenuCommandBuilder,
    SlashCommandBuilder,
)
from anycord.interactions.server import InteractionServer, Response

__all__ = [
    "AsgiAdapter",
    "AutocompleteChoiceBuilder",
    "CommandChoice",
    "CommandOption",
    "ContextMenuCommandBuilder",
    "InteractionAutocompleteBuilder",
    "InteractionDeferredBuilder",
    "InteractionLaunchActivityBuilder",
    "InteractionMessageBuilder",
    "InteractionModalBuilder",
    "InteractionPongBuilder",
    "InteractionResponseBuilder",
    "InteractionServer",
    "Response",
    "ResponseType",
    "SlashCommandBuilder",
]
