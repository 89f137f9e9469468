"""Which gateway intents deliver each event class, and the warning for listening without them.

The data is Discord's (events/gateway.mdx "List of Intents", as indexed per dispatch name in
the docs' event index), held by each dispatch's registry row (`Row.intents`: intents any one
of which makes Discord send it; empty: sent whatever the intents). Dispatches that come in a
guild flavour and a DM flavour (messages, reactions, typing, pins) narrow it per event class
(`Row.event_intents`), so listening to `DMMessageCreateEvent` with only `GUILD_MESSAGES` is
caught while `MessageCreateEvent` is satisfied by either.

`missing_intents(event_type, intents)` answers for any `Event` class, polymorphically: a
class is deliverable when at least one concrete event class a listener on it receives is
deliverable. Classes no gateway dispatch produces (lifetime events, `ExceptionEvent`, raw
`ShardPayloadEvent`, user-defined events) never need an intent.

`MESSAGE_CONTENT` is not checked: it changes what a message carries, not whether it arrives.
"""

from __future__ import annotations

import typing

from anycord.events.registry import REGISTRY

if typing.TYPE_CHECKING:
    from anycord.events.base import Event
    from anycord.intents import Intents as I

__all__ = ["MissingIntentWarning", "missing_intents", "required_intents"]


class MissingIntentWarning(UserWarning):
    """A listener, waiter or stream was registered for an event the bot's intents can never
    deliver (issued once per event class per dispatcher)."""


def _leaves() -> dict[type[Event], tuple[I, ...]]:
    # Concrete event class -> intents any one of which delivers it (empty: always delivered).
    out: dict[type[Event], tuple[I, ...]] = {}
    free: set[type[Event]] = set()
    for row in REGISTRY.values():
        for cls in row.events:
            needed = row.intents_for(cls)
            if not needed:
                free.add(cls)
            out[cls] = tuple(dict.fromkeys((*out.get(cls, ()), *needed)))
    for cls in free:
        out[cls] = ()
    return out


_LEAVES: typing.Final = _leaves()


def required_intents(event_type: type[Event]) -> tuple[I, ...] | None:
    """Intents any one of which lets a listener on `event_type` receive something; `()` when
    none is needed, `None` when no gateway dispatch produces `event_type` or its subclasses."""
    found: dict[I, None] = {}
    produced = False
    for leaf, needed in _LEAVES.items():
        if event_type in leaf.dispatches():
            produced = True
            if not needed:
                return ()
            found.update(dict.fromkeys(needed))
    return tuple(found) if produced else None


def missing_intents(event_type: type[Event], intents: I) -> tuple[I, ...]:
    """The intents of which `intents` lacks every one, making `event_type` undeliverable;
    `()` when it can be delivered (or needs no intent)."""
    needed = required_intents(event_type)
    if not needed or any(intents & i == i for i in needed):
        return ()
    return needed
