"""Which gateway intents deliver each event class, and the warning for listening without them.

The data is Discord's (events/gateway.mdx "List of Intents", as indexed per dispatch name in
the docs' event index): `DISPATCH_INTENTS[name]` lists intents any one of which makes
Discord send that dispatch (an empty tuple: sent whatever the intents). Dispatches that come
in a guild flavour and a DM flavour (messages, reactions, typing, pins) are split by event
class in `_CLASS_INTENTS`, so listening to `DMMessageCreateEvent` with only `GUILD_MESSAGES`
is caught while `MessageCreateEvent` is satisfied by either.

`missing_intents(event_type, intents)` answers for any `Event` class, polymorphically: a
class is deliverable when at least one concrete event class a listener on it receives is
deliverable. Classes no gateway dispatch produces (lifetime events, `ExceptionEvent`, raw
`ShardPayloadEvent`, user-defined events) never need an intent.

`MESSAGE_CONTENT` is not checked: it changes what a message carries, not whether it arrives.
"""

from __future__ import annotations

import typing

from anycord.events import channel as ch
from anycord.events import message as ms
from anycord.events import reaction as re
from anycord.events import typing as ty
from anycord.events.factory import FACTORIES
from anycord.intents import Intents as I

if typing.TYPE_CHECKING:
    from anycord.events.base import Event

__all__ = ["DISPATCH_INTENTS", "MissingIntentWarning", "missing_intents", "required_intents"]


class MissingIntentWarning(UserWarning):
    """A listener, waiter or stream was registered for an event the bot's intents can never
    deliver (issued once per event class per dispatcher)."""


_GUILD_MESSAGES = (I.GUILD_MESSAGES, I.DIRECT_MESSAGES)
_REACTIONS = (I.GUILD_MESSAGE_REACTIONS, I.DIRECT_MESSAGE_REACTIONS)

DISPATCH_INTENTS: typing.Final[dict[str, tuple[I, ...]]] = {
    "AUTO_MODERATION_RULE_CREATE": (I.AUTO_MODERATION_CONFIGURATION,),
    "AUTO_MODERATION_RULE_UPDATE": (I.AUTO_MODERATION_CONFIGURATION,),
    "AUTO_MODERATION_RULE_DELETE": (I.AUTO_MODERATION_CONFIGURATION,),
    "AUTO_MODERATION_ACTION_EXECUTION": (I.AUTO_MODERATION_EXECUTION,),
    "CHANNEL_CREATE": (I.GUILDS,),
    "CHANNEL_UPDATE": (I.GUILDS,),
    "CHANNEL_DELETE": (I.GUILDS,),
    "VOICE_CHANNEL_STATUS_UPDATE": (I.GUILDS,),
    "VOICE_CHANNEL_START_TIME_UPDATE": (I.GUILDS,),
    "THREAD_CREATE": (I.GUILDS,),
    "THREAD_UPDATE": (I.GUILDS,),
    "THREAD_DELETE": (I.GUILDS,),
    "THREAD_LIST_SYNC": (I.GUILDS,),
    "THREAD_MEMBER_UPDATE": (I.GUILDS,),
    "THREAD_MEMBERS_UPDATE": (I.GUILDS, I.GUILD_MEMBERS),
    "CHANNEL_PINS_UPDATE": (I.GUILDS, I.DIRECT_MESSAGES),
    "GUILD_CREATE": (I.GUILDS,),
    "GUILD_UPDATE": (I.GUILDS,),
    "GUILD_DELETE": (I.GUILDS,),
    "GUILD_AUDIT_LOG_ENTRY_CREATE": (I.GUILD_MODERATION,),
    "GUILD_BAN_ADD": (I.GUILD_MODERATION,),
    "GUILD_BAN_REMOVE": (I.GUILD_MODERATION,),
    "GUILD_EMOJIS_UPDATE": (I.GUILD_EXPRESSIONS,),
    "GUILD_STICKERS_UPDATE": (I.GUILD_EXPRESSIONS,),
    "GUILD_INTEGRATIONS_UPDATE": (I.GUILD_INTEGRATIONS,),
    "GUILD_MEMBER_ADD": (I.GUILD_MEMBERS,),
    "GUILD_MEMBER_REMOVE": (I.GUILD_MEMBERS,),
    "GUILD_MEMBER_UPDATE": (I.GUILD_MEMBERS,),
    "GUILD_ROLE_CREATE": (I.GUILDS,),
    "GUILD_ROLE_UPDATE": (I.GUILDS,),
    "GUILD_ROLE_DELETE": (I.GUILDS,),
    "GUILD_SCHEDULED_EVENT_CREATE": (I.GUILD_SCHEDULED_EVENTS,),
    "GUILD_SCHEDULED_EVENT_UPDATE": (I.GUILD_SCHEDULED_EVENTS,),
    "GUILD_SCHEDULED_EVENT_DELETE": (I.GUILD_SCHEDULED_EVENTS,),
    "GUILD_SCHEDULED_EVENT_USER_ADD": (I.GUILD_SCHEDULED_EVENTS,),
    "GUILD_SCHEDULED_EVENT_USER_REMOVE": (I.GUILD_SCHEDULED_EVENTS,),
    "GUILD_SOUNDBOARD_SOUND_CREATE": (I.GUILD_EXPRESSIONS,),
    "GUILD_SOUNDBOARD_SOUND_UPDATE": (I.GUILD_EXPRESSIONS,),
    "GUILD_SOUNDBOARD_SOUND_DELETE": (I.GUILD_EXPRESSIONS,),
    "GUILD_SOUNDBOARD_SOUNDS_UPDATE": (I.GUILD_EXPRESSIONS,),
    "INTEGRATION_CREATE": (I.GUILD_INTEGRATIONS,),
    "INTEGRATION_UPDATE": (I.GUILD_INTEGRATIONS,),
    "INTEGRATION_DELETE": (I.GUILD_INTEGRATIONS,),
    "INVITE_CREATE": (I.GUILD_INVITES,),
    "INVITE_DELETE": (I.GUILD_INVITES,),
    "MESSAGE_CREATE": _GUILD_MESSAGES,
    "MESSAGE_UPDATE": _GUILD_MESSAGES,
    "MESSAGE_DELETE": _GUILD_MESSAGES,
    "MESSAGE_DELETE_BULK": (I.GUILD_MESSAGES,),
    "MESSAGE_REACTION_ADD": _REACTIONS,
    "MESSAGE_REACTION_REMOVE": _REACTIONS,
    "MESSAGE_REACTION_REMOVE_ALL": _REACTIONS,
    "MESSAGE_REACTION_REMOVE_EMOJI": _REACTIONS,
    "PRESENCE_UPDATE": (I.GUILD_PRESENCES,),
    "TYPING_START": (I.GUILD_MESSAGE_TYPING, I.DIRECT_MESSAGE_TYPING),
    "VOICE_CHANNEL_EFFECT_SEND": (I.GUILD_VOICE_STATES,),
    "VOICE_STATE_UPDATE": (I.GUILD_VOICE_STATES,),
    "WEBHOOKS_UPDATE": (I.GUILD_WEBHOOKS,),
    "STAGE_INSTANCE_CREATE": (I.GUILDS,),
    "STAGE_INSTANCE_UPDATE": (I.GUILDS,),
    "STAGE_INSTANCE_DELETE": (I.GUILDS,),
    "MESSAGE_POLL_VOTE_ADD": (I.GUILD_MESSAGE_POLLS, I.DIRECT_MESSAGE_POLLS),
    "MESSAGE_POLL_VOTE_REMOVE": (I.GUILD_MESSAGE_POLLS, I.DIRECT_MESSAGE_POLLS),
}
"""Dispatch name → intents any one of which delivers it (names absent here need none)."""

_CLASS_INTENTS: typing.Final[dict[type[Event], tuple[I, ...]]] = {
    ms.GuildMessageCreateEvent: (I.GUILD_MESSAGES,),
    ms.GuildMessageUpdateEvent: (I.GUILD_MESSAGES,),
    ms.GuildMessageDeleteEvent: (I.GUILD_MESSAGES,),
    ms.DMMessageCreateEvent: (I.DIRECT_MESSAGES,),
    ms.DMMessageUpdateEvent: (I.DIRECT_MESSAGES,),
    ms.DMMessageDeleteEvent: (I.DIRECT_MESSAGES,),
    re.GuildReactionAddEvent: (I.GUILD_MESSAGE_REACTIONS,),
    re.GuildReactionDeleteEvent: (I.GUILD_MESSAGE_REACTIONS,),
    re.GuildReactionDeleteAllEvent: (I.GUILD_MESSAGE_REACTIONS,),
    re.GuildReactionDeleteEmojiEvent: (I.GUILD_MESSAGE_REACTIONS,),
    re.DMReactionAddEvent: (I.DIRECT_MESSAGE_REACTIONS,),
    re.DMReactionDeleteEvent: (I.DIRECT_MESSAGE_REACTIONS,),
    re.DMReactionDeleteAllEvent: (I.DIRECT_MESSAGE_REACTIONS,),
    re.DMReactionDeleteEmojiEvent: (I.DIRECT_MESSAGE_REACTIONS,),
    ty.GuildTypingEvent: (I.GUILD_MESSAGE_TYPING,),
    ty.DMTypingEvent: (I.DIRECT_MESSAGE_TYPING,),
    ch.GuildPinsUpdateEvent: (I.GUILDS,),
    ch.DMPinsUpdateEvent: (I.DIRECT_MESSAGES,),
}


def _leaves() -> dict[type[Event], tuple[I, ...]]:
    # Concrete event class -> intents any one of which delivers it (empty: always delivered).
    out: dict[type[Event], tuple[I, ...]] = {}
    free: set[type[Event]] = set()
    for name, (_, classes) in FACTORIES.items():
        needed = DISPATCH_INTENTS.get(name, ())
        for cls in classes:
            if not needed:
                free.add(cls)
            out[cls] = tuple(dict.fromkeys((*out.get(cls, ()), *needed)))
    for cls in free:
        out[cls] = ()
    out.update(_CLASS_INTENTS)
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
