"""Interaction response builders: `anycord.models.response_builders`, under the import path
bots have used (`from anycord.interactions.builders import InteractionMessageBuilder`)."""

from __future__ import annotations

from anycord.models.response_builders import COMPONENTS_V2_FLAG as COMPONENTS_V2_FLAG
from anycord.models.response_builders import EPHEMERAL_FLAG as EPHEMERAL_FLAG
from anycord.models.response_builders import MAX_CONTENT as MAX_CONTENT
from anycord.models.response_builders import AutocompleteChoiceBuilder as AutocompleteChoiceBuilder
from anycord.models.response_builders import (
    InteractionAutocompleteBuilder as InteractionAutocompleteBuilder,
)
from anycord.models.response_builders import (
    InteractionDeferredBuilder as InteractionDeferredBuilder,
)
from anycord.models.response_builders import (
    InteractionLaunchActivityBuilder as InteractionLaunchActivityBuilder,
)
from anycord.models.response_builders import InteractionMessageBuilder as InteractionMessageBuilder
from anycord.models.response_builders import InteractionModalBuilder as InteractionModalBuilder
from anycord.models.response_builders import InteractionPongBuilder as InteractionPongBuilder
from anycord.models.response_builders import (
    InteractionResponseBuilder as InteractionResponseBuilder,
)
from anycord.models.response_builders import ResponseType as ResponseType
from anycord.models.response_builders import build_allowed_mentions as build_allowed_mentions
