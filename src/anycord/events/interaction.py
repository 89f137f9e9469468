"""INTERACTION_CREATE over the gateway, one subclass per interaction type."""

from __future__ import annotations

import typing

import attrs

from anycord.events.base import ShardBoundEvent
from anycord.events.rows import Row
from anycord.serde.interactions import decode_interaction

if typing.TYPE_CHECKING:
    from anycord.events.base import EventApp
    from anycord.gateway.shard import GatewayShard
    from anycord.models.interactions import PartialInteraction

__all__ = [
    "ROWS",
    "AutocompleteInteractionCreateEvent",
    "CommandInteractionCreateEvent",
    "ComponentInteractionCreateEvent",
    "InteractionCreateEvent",
    "ModalInteractionCreateEvent",
]


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class InteractionCreateEvent(ShardBoundEvent):
    """An interaction arrived over the gateway (bots without an interaction endpoint)."""

    interaction: PartialInteraction


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class CommandInteractionCreateEvent(InteractionCreateEvent):
    """A slash, user or message command was invoked."""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ComponentInteractionCreateEvent(InteractionCreateEvent):
    """A message component (button, select) was used."""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class AutocompleteInteractionCreateEvent(InteractionCreateEvent):
    """An autocomplete option is being typed."""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ModalInteractionCreateEvent(InteractionCreateEvent):
    """A modal was submitted."""


_BY_TYPE: typing.Final[dict[int, type[InteractionCreateEvent]]] = {
    2: CommandInteractionCreateEvent,
    3: ComponentInteractionCreateEvent,
    4: AutocompleteInteractionCreateEvent,
    5: ModalInteractionCreateEvent,
}


def on_interaction_create(
    app: EventApp | None, shard: GatewayShard | None, payload: dict[str, typing.Any], old: object
) -> InteractionCreateEvent:
    """INTERACTION_CREATE (an unknown type gives a plain `InteractionCreateEvent`)."""
    cls = _BY_TYPE.get(payload.get("type", 0), InteractionCreateEvent)
    return cls(app=app, shard=shard, interaction=decode_interaction(payload, app))


# -- registry rows (`anycord.events.rows`) -------------------------------------------------

ROWS: typing.Final[tuple[Row[typing.Any], ...]] = (
    Row(
        "INTERACTION_CREATE",
        on_interaction_create,
        (
            InteractionCreateEvent,
            CommandInteractionCreateEvent,
            ComponentInteractionCreateEvent,
            AutocompleteInteractionCreateEvent,
            ModalInteractionCreateEvent,
        ),
    ),
)
