"""HTTP interactions: the framework-free server, the ASGI adapter, and response builders.

Application command builders live in `anycord.models.commands` (the REST layer sends them).
"""

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
from anycord.interactions.server import InteractionServer, Response
from anycord.interactions.verifier import ProcessVerifier, use_verifier_process

__all__ = [
    "AsgiAdapter",
    "AutocompleteChoiceBuilder",
    "InteractionAutocompleteBuilder",
    "InteractionDeferredBuilder",
    "InteractionLaunchActivityBuilder",
    "InteractionMessageBuilder",
    "InteractionModalBuilder",
    "InteractionPongBuilder",
    "InteractionResponseBuilder",
    "InteractionServer",
    "ProcessVerifier",
    "Response",
    "ResponseType",
    "use_verifier_process",
]
