"""Application events: command permissions, auto moderation, scheduled events, stage
instances, monetization (entitlements, subscriptions), poll votes, and the bot's own user."""

from __future__ import annotations

import typing

import attrs

from anycord.cache.cache import Cache
from anycord.config import CacheComponents as C
from anycord.events._factories import decoded_factory
from anycord.events.base import ShardBoundEvent
from anycord.events.rows import Row
from anycord.intents import Intents as I
from anycord.serde.auto_mod import decode_action, decode_auto_mod_rule
from anycord.serde.commands import decode_guild_command_permissions
from anycord.serde.monetization import decode_entitlement, decode_subscription
from anycord.serde.scheduled_events import decode_scheduled_event
from anycord.serde.stage_instances import decode_stage_instance
from anycord.serde.users import decode_own_user
from anycord.snowflakes import Snowflake

if typing.TYPE_CHECKING:
    from collections.abc import Callable

    from anycord.events.base import EventApp
    from anycord.gateway.shard import GatewayShard
    from anycord.models.auto_mod import AutoModAction, AutoModRule
    from anycord.models.commands import GuildCommandPermissions
    from anycord.models.monetization import Entitlement, Subscription
    from anycord.models.scheduled_events import ScheduledEvent
    from anycord.models.stage_instances import StageInstance
    from anycord.models.users import OwnUser

__all__ = [
    "ROWS",
    "ApplicationCommandPermissionsUpdateEvent",
    "AutoModActionExecutionEvent",
    "AutoModEvent",
    "AutoModRuleCreateEvent",
    "AutoModRuleDeleteEvent",
    "AutoModRuleUpdateEvent",
    "EntitlementCreateEvent",
    "EntitlementDeleteEvent",
    "EntitlementEvent",
    "EntitlementUpdateEvent",
    "OwnUserUpdateEvent",
    "PollVoteCreateEvent",
    "PollVoteDeleteEvent",
    "PollVoteEvent",
    "ScheduledEventCreateEvent",
    "ScheduledEventDeleteEvent",
    "ScheduledEventEvent",
    "ScheduledEventUpdateEvent",
    "ScheduledEventUserAddEvent",
    "ScheduledEventUserRemoveEvent",
    "StageInstanceCreateEvent",
    "StageInstanceDeleteEvent",
    "StageInstanceEvent",
    "StageInstanceUpdateEvent",
    "SubscriptionCreateEvent",
    "SubscriptionDeleteEvent",
    "SubscriptionEvent",
    "SubscriptionUpdateEvent",
]

Payload = dict[str, typing.Any]
_Factory = typing.Callable[[typing.Any, typing.Any, Payload, typing.Any], ShardBoundEvent]


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ApplicationCommandPermissionsUpdateEvent(ShardBoundEvent):
    """APPLICATION_COMMAND_PERMISSIONS_UPDATE."""

    permissions: GuildCommandPermissions


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class AutoModEvent(ShardBoundEvent):
    """Base of auto moderation events."""

    guild_id: Snowflake


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class AutoModRuleCreateEvent(AutoModEvent):
    """AUTO_MODERATION_RULE_CREATE."""

    rule: AutoModRule


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class AutoModRuleUpdateEvent(AutoModEvent):
    """AUTO_MODERATION_RULE_UPDATE."""

    rule: AutoModRule


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class AutoModRuleDeleteEvent(AutoModEvent):
    """AUTO_MODERATION_RULE_DELETE."""

    rule: AutoModRule


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class AutoModActionExecutionEvent(AutoModEvent):
    """AUTO_MODERATION_ACTION_EXECUTION: a rule fired and its action ran."""

    action: AutoModAction
    rule_id: Snowflake
    rule_trigger_type: int
    user_id: Snowflake
    channel_id: Snowflake | None = None
    message_id: Snowflake | None = None
    alert_system_message_id: Snowflake | None = None
    content: str = ""
    matched_keyword: str | None = None
    matched_content: str | None = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ScheduledEventEvent(ShardBoundEvent):
    """Base of guild scheduled event events."""

    guild_id: Snowflake
    event_id: Snowflake


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ScheduledEventCreateEvent(ScheduledEventEvent):
    """GUILD_SCHEDULED_EVENT_CREATE."""

    event: ScheduledEvent


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ScheduledEventUpdateEvent(ScheduledEventEvent):
    """GUILD_SCHEDULED_EVENT_UPDATE; `old_event` when it was cached."""

    event: ScheduledEvent
    old_event: ScheduledEvent | None = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ScheduledEventDeleteEvent(ScheduledEventEvent):
    """GUILD_SCHEDULED_EVENT_DELETE."""

    event: ScheduledEvent


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ScheduledEventUserAddEvent(ScheduledEventEvent):
    """GUILD_SCHEDULED_EVENT_USER_ADD."""

    user_id: Snowflake


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ScheduledEventUserRemoveEvent(ScheduledEventEvent):
    """GUILD_SCHEDULED_EVENT_USER_REMOVE."""

    user_id: Snowflake


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class StageInstanceEvent(ShardBoundEvent):
    """Base of stage instance events."""

    guild_id: Snowflake
    stage_instance: StageInstance


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class StageInstanceCreateEvent(StageInstanceEvent):
    """STAGE_INSTANCE_CREATE."""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class StageInstanceUpdateEvent(StageInstanceEvent):
    """STAGE_INSTANCE_UPDATE; `old_stage_instance` when it was cached."""

    old_stage_instance: StageInstance | None = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class StageInstanceDeleteEvent(StageInstanceEvent):
    """STAGE_INSTANCE_DELETE."""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class EntitlementEvent(ShardBoundEvent):
    """Base of entitlement events."""

    entitlement: Entitlement


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class EntitlementCreateEvent(EntitlementEvent):
    """ENTITLEMENT_CREATE."""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class EntitlementUpdateEvent(EntitlementEvent):
    """ENTITLEMENT_UPDATE."""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class EntitlementDeleteEvent(EntitlementEvent):
    """ENTITLEMENT_DELETE."""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class SubscriptionEvent(ShardBoundEvent):
    """Base of subscription events."""

    subscription: Subscription


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class SubscriptionCreateEvent(SubscriptionEvent):
    """SUBSCRIPTION_CREATE."""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class SubscriptionUpdateEvent(SubscriptionEvent):
    """SUBSCRIPTION_UPDATE."""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class SubscriptionDeleteEvent(SubscriptionEvent):
    """SUBSCRIPTION_DELETE."""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class PollVoteEvent(ShardBoundEvent):
    """Base of poll vote events."""

    user_id: Snowflake
    channel_id: Snowflake
    message_id: Snowflake
    guild_id: Snowflake | None = None
    answer_id: int


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class PollVoteCreateEvent(PollVoteEvent):
    """MESSAGE_POLL_VOTE_ADD."""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class PollVoteDeleteEvent(PollVoteEvent):
    """MESSAGE_POLL_VOTE_REMOVE."""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class OwnUserUpdateEvent(ShardBoundEvent):
    """USER_UPDATE: the bot's own user changed; `old_user` when cached."""

    user: OwnUser
    old_user: OwnUser | None = None


# -- factories -------------------------------------------------------------------------------


def _opt(payload: Payload, key: str) -> Snowflake | None:
    value = payload.get(key)
    return Snowflake(value) if value is not None else None


def on_command_permissions_update(
    app: EventApp | None, shard: GatewayShard | None, payload: Payload, old: object
) -> ApplicationCommandPermissionsUpdateEvent:
    """APPLICATION_COMMAND_PERMISSIONS_UPDATE."""
    return ApplicationCommandPermissionsUpdateEvent(
        app=app, shard=shard, permissions=decode_guild_command_permissions(payload, app)
    )


def _automod_rule(
    cls: type[AutoModRuleCreateEvent | AutoModRuleUpdateEvent | AutoModRuleDeleteEvent],
) -> _Factory:
    def factory(
        app: EventApp | None, shard: GatewayShard | None, payload: Payload, old: object
    ) -> ShardBoundEvent:
        guild_id = Snowflake(payload["guild_id"])
        return cls(
            app=app,
            shard=shard,
            guild_id=guild_id,
            rule=decode_auto_mod_rule(payload, app),
        )

    factory.__doc__ = cls.__doc__
    return factory


on_automod_rule_create = _automod_rule(AutoModRuleCreateEvent)
on_automod_rule_update = _automod_rule(AutoModRuleUpdateEvent)
on_automod_rule_delete = _automod_rule(AutoModRuleDeleteEvent)


def on_automod_action_execution(
    app: EventApp | None, shard: GatewayShard | None, payload: Payload, old: object
) -> AutoModActionExecutionEvent:
    """AUTO_MODERATION_ACTION_EXECUTION."""
    guild_id = Snowflake(payload["guild_id"])
    return AutoModActionExecutionEvent(
        app=app,
        shard=shard,
        guild_id=guild_id,
        action=decode_action(payload["action"]),
        rule_id=Snowflake(payload["rule_id"]),
        rule_trigger_type=payload.get("rule_trigger_type", 0),
        user_id=Snowflake(payload["user_id"]),
        channel_id=_opt(payload, "channel_id"),
        message_id=_opt(payload, "message_id"),
        alert_system_message_id=_opt(payload, "alert_system_message_id"),
        content=payload.get("content") or "",
        matched_keyword=payload.get("matched_keyword"),
        matched_content=payload.get("matched_content"),
    )


_EVENT_ID: typing.Final = {"event_id": "id"}
on_scheduled_event_create = decoded_factory(
    ScheduledEventCreateEvent, "event", decode_scheduled_event, ids=_EVENT_ID
)
on_scheduled_event_update = decoded_factory(
    ScheduledEventUpdateEvent, "event", decode_scheduled_event, ids=_EVENT_ID, old_field="old_event"
)
on_scheduled_event_delete = decoded_factory(
    ScheduledEventDeleteEvent, "event", decode_scheduled_event, ids=_EVENT_ID
)


def _scheduled_user(
    cls: type[ScheduledEventUserAddEvent | ScheduledEventUserRemoveEvent],
) -> _Factory:
    def factory(
        app: EventApp | None, shard: GatewayShard | None, payload: Payload, old: object
    ) -> ShardBoundEvent:
        return cls(
            app=app,
            shard=shard,
            guild_id=Snowflake(payload["guild_id"]),
            event_id=Snowflake(payload["guild_scheduled_event_id"]),
            user_id=Snowflake(payload["user_id"]),
        )

    factory.__doc__ = cls.__doc__
    return factory


on_scheduled_event_user_add = _scheduled_user(ScheduledEventUserAddEvent)
on_scheduled_event_user_remove = _scheduled_user(ScheduledEventUserRemoveEvent)


on_stage_instance_create = decoded_factory(
    StageInstanceCreateEvent, "stage_instance", decode_stage_instance
)
on_stage_instance_update = decoded_factory(
    StageInstanceUpdateEvent,
    "stage_instance",
    decode_stage_instance,
    old_field="old_stage_instance",
)
on_stage_instance_delete = decoded_factory(
    StageInstanceDeleteEvent, "stage_instance", decode_stage_instance
)


on_entitlement_create = decoded_factory(
    EntitlementCreateEvent, "entitlement", decode_entitlement, in_guild=False
)
on_entitlement_update = decoded_factory(
    EntitlementUpdateEvent, "entitlement", decode_entitlement, in_guild=False
)
on_entitlement_delete = decoded_factory(
    EntitlementDeleteEvent, "entitlement", decode_entitlement, in_guild=False
)


on_subscription_create = decoded_factory(
    SubscriptionCreateEvent, "subscription", decode_subscription, in_guild=False
)
on_subscription_update = decoded_factory(
    SubscriptionUpdateEvent, "subscription", decode_subscription, in_guild=False
)
on_subscription_delete = decoded_factory(
    SubscriptionDeleteEvent, "subscription", decode_subscription, in_guild=False
)


def _poll_vote(cls: type[PollVoteEvent]) -> _Factory:
    def factory(
        app: EventApp | None, shard: GatewayShard | None, payload: Payload, old: object
    ) -> ShardBoundEvent:
        return cls(
            app=app,
            shard=shard,
            user_id=Snowflake(payload["user_id"]),
            channel_id=Snowflake(payload["channel_id"]),
            message_id=Snowflake(payload["message_id"]),
            guild_id=_opt(payload, "guild_id"),
            answer_id=payload["answer_id"],
        )

    factory.__doc__ = cls.__doc__
    return factory


on_poll_vote_add = _poll_vote(PollVoteCreateEvent)
on_poll_vote_remove = _poll_vote(PollVoteDeleteEvent)


def on_user_update(
    app: EventApp | None,
    shard: GatewayShard | None,
    payload: Payload,
    old: Callable[[], OwnUser] | None,
) -> OwnUserUpdateEvent:
    """USER_UPDATE."""
    return OwnUserUpdateEvent(
        app=app,
        shard=shard,
        user=decode_own_user(payload, app),
        old_user=old() if old is not None else None,
    )


# -- registry rows (`anycord.events.rows`) -------------------------------------------------

ROWS: typing.Final[tuple[Row[typing.Any], ...]] = (
    Row(
        "APPLICATION_COMMAND_PERMISSIONS_UPDATE",
        on_command_permissions_update,
        (ApplicationCommandPermissionsUpdateEvent,),
    ),
    Row(
        "AUTO_MODERATION_RULE_CREATE",
        on_automod_rule_create,
        (AutoModRuleCreateEvent,),
        intents=(I.AUTO_MODERATION_CONFIGURATION,),
    ),
    Row(
        "AUTO_MODERATION_RULE_UPDATE",
        on_automod_rule_update,
        (AutoModRuleUpdateEvent,),
        intents=(I.AUTO_MODERATION_CONFIGURATION,),
    ),
    Row(
        "AUTO_MODERATION_RULE_DELETE",
        on_automod_rule_delete,
        (AutoModRuleDeleteEvent,),
        intents=(I.AUTO_MODERATION_CONFIGURATION,),
    ),
    Row(
        "AUTO_MODERATION_ACTION_EXECUTION",
        on_automod_action_execution,
        (AutoModActionExecutionEvent,),
        intents=(I.AUTO_MODERATION_EXECUTION,),
    ),
    Row("ENTITLEMENT_CREATE", on_entitlement_create, (EntitlementCreateEvent,)),
    Row("ENTITLEMENT_UPDATE", on_entitlement_update, (EntitlementUpdateEvent,)),
    Row("ENTITLEMENT_DELETE", on_entitlement_delete, (EntitlementDeleteEvent,)),
    Row("SUBSCRIPTION_CREATE", on_subscription_create, (SubscriptionCreateEvent,)),
    Row("SUBSCRIPTION_UPDATE", on_subscription_update, (SubscriptionUpdateEvent,)),
    Row("SUBSCRIPTION_DELETE", on_subscription_delete, (SubscriptionDeleteEvent,)),
    Row(
        "GUILD_SCHEDULED_EVENT_CREATE",
        on_scheduled_event_create,
        (ScheduledEventCreateEvent,),
        intents=(I.GUILD_SCHEDULED_EVENTS,),
        cache=Cache.apply_scheduled_event_create,
        components=C.SCHEDULED_EVENTS,
    ),
    Row(
        "GUILD_SCHEDULED_EVENT_UPDATE",
        on_scheduled_event_update,
        (ScheduledEventUpdateEvent,),
        intents=(I.GUILD_SCHEDULED_EVENTS,),
        cache=Cache.apply_scheduled_event_update,
        components=C.SCHEDULED_EVENTS,
    ),
    Row(
        "GUILD_SCHEDULED_EVENT_DELETE",
        on_scheduled_event_delete,
        (ScheduledEventDeleteEvent,),
        intents=(I.GUILD_SCHEDULED_EVENTS,),
        cache=Cache.apply_scheduled_event_delete,
        components=C.SCHEDULED_EVENTS,
    ),
    Row(
        "GUILD_SCHEDULED_EVENT_USER_ADD",
        on_scheduled_event_user_add,
        (ScheduledEventUserAddEvent,),
        intents=(I.GUILD_SCHEDULED_EVENTS,),
        cache=Cache.apply_scheduled_event_user_add,
        components=C.SCHEDULED_EVENTS,
    ),
    Row(
        "GUILD_SCHEDULED_EVENT_USER_REMOVE",
        on_scheduled_event_user_remove,
        (ScheduledEventUserRemoveEvent,),
        intents=(I.GUILD_SCHEDULED_EVENTS,),
        cache=Cache.apply_scheduled_event_user_remove,
        components=C.SCHEDULED_EVENTS,
    ),
    Row(
        "STAGE_INSTANCE_CREATE",
        on_stage_instance_create,
        (StageInstanceCreateEvent,),
        intents=(I.GUILDS,),
        cache=Cache.apply_stage_instance_create,
        components=C.STAGE_INSTANCES,
    ),
    Row(
        "STAGE_INSTANCE_UPDATE",
        on_stage_instance_update,
        (StageInstanceUpdateEvent,),
        intents=(I.GUILDS,),
        cache=Cache.apply_stage_instance_update,
        components=C.STAGE_INSTANCES,
    ),
    Row(
        "STAGE_INSTANCE_DELETE",
        on_stage_instance_delete,
        (StageInstanceDeleteEvent,),
        intents=(I.GUILDS,),
        cache=Cache.apply_stage_instance_delete,
        components=C.STAGE_INSTANCES,
    ),
    Row(
        "MESSAGE_POLL_VOTE_ADD",
        on_poll_vote_add,
        (PollVoteCreateEvent,),
        intents=(I.GUILD_MESSAGE_POLLS, I.DIRECT_MESSAGE_POLLS),
    ),
    Row(
        "MESSAGE_POLL_VOTE_REMOVE",
        on_poll_vote_remove,
        (PollVoteDeleteEvent,),
        intents=(I.GUILD_MESSAGE_POLLS, I.DIRECT_MESSAGE_POLLS),
    ),
    Row(
        "USER_UPDATE",
        on_user_update,
        (OwnUserUpdateEvent,),
        cache=Cache.apply_user_update,
        components=C.ME,
    ),
)
