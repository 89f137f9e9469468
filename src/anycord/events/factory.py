"""Raw gateway payload → event: one entry per gateway dispatch name.

`FACTORIES[name] = (factory, event_types)`: `factory(app, shard, payload, old)` builds the
event (or returns `None` when the payload produces none), `old` being `None` or a
zero-argument callable that builds what the cache held before the payload was applied (see
`anycord.cache.updates`); for GUILD_CREATE alone, `old` is `True` when the dispatcher's
`GuildVisibility` knew the guild (an available guild, not a join). `event_types` lists every
class the factory can return, which the dispatcher uses to skip decoding when nobody listens.
Entities are decoded by the `anycord.serde` functions directly.

Every dispatch the gateway docs list is here. HELLO, RECONNECT and INVALID_SESSION are
opcodes the shard handles itself; they reach listeners as shard state events
(`ShardConnectedEvent`, `ShardDisconnectedEvent`, `ShardReadyEvent`, `ShardResumedEvent`).
"""

from __future__ import annotations

import typing

from anycord.events import application as ap
from anycord.events import channel as ch
from anycord.events import guild as gu
from anycord.events import interaction as it
from anycord.events import member as me
from anycord.events import message as ms
from anycord.events import reaction as re
from anycord.events import role as ro
from anycord.events import shard as sh
from anycord.events import thread as th
from anycord.events import typing as ty
from anycord.events import voice as vo

if typing.TYPE_CHECKING:
    from anycord.events.base import Event

__all__ = ["FACTORIES", "HANDLED_BY_SHARD", "EventFactory"]

EventFactory = typing.Callable[
    [typing.Any, typing.Any, dict[str, typing.Any], typing.Any], "Event | None"
]

HANDLED_BY_SHARD: typing.Final = frozenset({"HELLO", "RECONNECT", "INVALID_SESSION"})
"""Received events that are opcodes, not dispatches: the shard acts on them."""

_GUILD_REACTIONS = (re.GuildReactionAddEvent, re.DMReactionAddEvent)

FACTORIES: typing.Final[dict[str, tuple[EventFactory, tuple[type[Event], ...]]]] = {
    # shard
    "READY": (sh.on_ready, (sh.ShardReadyEvent,)),
    "RESUMED": (sh.on_resumed, (sh.ShardResumedEvent,)),
    "RATE_LIMITED": (sh.on_rate_limited, (sh.ShardRateLimitedEvent,)),
    "GUILD_MEMBERS_CHUNK": (sh.on_member_chunk, (sh.MemberChunkEvent,)),
    # application, auto moderation
    "APPLICATION_COMMAND_PERMISSIONS_UPDATE": (
        ap.on_command_permissions_update,
        (ap.ApplicationCommandPermissionsUpdateEvent,),
    ),
    "AUTO_MODERATION_RULE_CREATE": (ap.on_automod_rule_create, (ap.AutoModRuleCreateEvent,)),
    "AUTO_MODERATION_RULE_UPDATE": (ap.on_automod_rule_update, (ap.AutoModRuleUpdateEvent,)),
    "AUTO_MODERATION_RULE_DELETE": (ap.on_automod_rule_delete, (ap.AutoModRuleDeleteEvent,)),
    "AUTO_MODERATION_ACTION_EXECUTION": (
        ap.on_automod_action_execution,
        (ap.AutoModActionExecutionEvent,),
    ),
    # channels
    "CHANNEL_CREATE": (ch.on_channel_create, (ch.GuildChannelCreateEvent,)),
    "CHANNEL_UPDATE": (ch.on_channel_update, (ch.GuildChannelUpdateEvent,)),
    "CHANNEL_DELETE": (ch.on_channel_delete, (ch.GuildChannelDeleteEvent,)),
    "CHANNEL_INFO": (ch.on_channel_info, (ch.ChannelInfoEvent,)),
    "CHANNEL_PINS_UPDATE": (ch.on_pins_update, (ch.GuildPinsUpdateEvent, ch.DMPinsUpdateEvent)),
    "VOICE_CHANNEL_STATUS_UPDATE": (
        ch.on_voice_channel_status_update,
        (ch.VoiceChannelStatusUpdateEvent,),
    ),
    "VOICE_CHANNEL_START_TIME_UPDATE": (
        ch.on_voice_channel_start_time_update,
        (ch.VoiceChannelStartTimeUpdateEvent,),
    ),
    "INVITE_CREATE": (ch.on_invite_create, (ch.InviteCreateEvent,)),
    "INVITE_DELETE": (ch.on_invite_delete, (ch.InviteDeleteEvent,)),
    "WEBHOOKS_UPDATE": (ch.on_webhooks_update, (ch.WebhookUpdateEvent,)),
    # threads
    "THREAD_CREATE": (th.on_thread_create, (th.GuildThreadCreateEvent, th.GuildThreadAccessEvent)),
    "THREAD_UPDATE": (th.on_thread_update, (th.GuildThreadUpdateEvent,)),
    "THREAD_DELETE": (th.on_thread_delete, (th.GuildThreadDeleteEvent,)),
    "THREAD_LIST_SYNC": (th.on_thread_list_sync, (th.ThreadListSyncEvent,)),
    "THREAD_MEMBER_UPDATE": (th.on_thread_member_update, (th.ThreadMemberUpdateEvent,)),
    "THREAD_MEMBERS_UPDATE": (th.on_thread_members_update, (th.ThreadMembersUpdateEvent,)),
    # monetization
    "ENTITLEMENT_CREATE": (ap.on_entitlement_create, (ap.EntitlementCreateEvent,)),
    "ENTITLEMENT_UPDATE": (ap.on_entitlement_update, (ap.EntitlementUpdateEvent,)),
    "ENTITLEMENT_DELETE": (ap.on_entitlement_delete, (ap.EntitlementDeleteEvent,)),
    "SUBSCRIPTION_CREATE": (ap.on_subscription_create, (ap.SubscriptionCreateEvent,)),
    "SUBSCRIPTION_UPDATE": (ap.on_subscription_update, (ap.SubscriptionUpdateEvent,)),
    "SUBSCRIPTION_DELETE": (ap.on_subscription_delete, (ap.SubscriptionDeleteEvent,)),
    # guilds
    "GUILD_CREATE": (gu.on_guild_create, (gu.GuildAvailableEvent, gu.GuildJoinEvent)),
    "GUILD_UPDATE": (gu.on_guild_update, (gu.GuildUpdateEvent,)),
    "GUILD_DELETE": (gu.on_guild_delete, (gu.GuildLeaveEvent, gu.GuildUnavailableEvent)),
    "GUILD_AUDIT_LOG_ENTRY_CREATE": (gu.on_audit_log_entry_create, (gu.AuditLogEntryCreateEvent,)),
    "GUILD_BAN_ADD": (gu.on_ban_add, (gu.BanCreateEvent,)),
    "GUILD_BAN_REMOVE": (gu.on_ban_remove, (gu.BanDeleteEvent,)),
    "GUILD_EMOJIS_UPDATE": (gu.on_emojis_update, (gu.EmojisUpdateEvent,)),
    "GUILD_STICKERS_UPDATE": (gu.on_stickers_update, (gu.StickersUpdateEvent,)),
    "GUILD_INTEGRATIONS_UPDATE": (gu.on_integrations_update, (gu.GuildIntegrationsUpdateEvent,)),
    "INTEGRATION_CREATE": (gu.on_integration_create, (gu.IntegrationCreateEvent,)),
    "INTEGRATION_UPDATE": (gu.on_integration_update, (gu.IntegrationUpdateEvent,)),
    "INTEGRATION_DELETE": (gu.on_integration_delete, (gu.IntegrationDeleteEvent,)),
    "PRESENCE_UPDATE": (gu.on_presence_update, (gu.PresenceUpdateEvent,)),
    "GUILD_SOUNDBOARD_SOUND_CREATE": (
        gu.on_soundboard_sound_create,
        (gu.SoundboardSoundCreateEvent,),
    ),
    "GUILD_SOUNDBOARD_SOUND_UPDATE": (
        gu.on_soundboard_sound_update,
        (gu.SoundboardSoundUpdateEvent,),
    ),
    "GUILD_SOUNDBOARD_SOUND_DELETE": (
        gu.on_soundboard_sound_delete,
        (gu.SoundboardSoundDeleteEvent,),
    ),
    "GUILD_SOUNDBOARD_SOUNDS_UPDATE": (
        gu.on_soundboard_sounds_update,
        (gu.SoundboardSoundsUpdateEvent,),
    ),
    "SOUNDBOARD_SOUNDS": (gu.on_soundboard_sounds, (gu.SoundboardSoundsEvent,)),
    # members, roles
    "GUILD_MEMBER_ADD": (me.on_member_add, (me.MemberCreateEvent,)),
    "GUILD_MEMBER_UPDATE": (me.on_member_update, (me.MemberUpdateEvent,)),
    "GUILD_MEMBER_REMOVE": (me.on_member_remove, (me.MemberDeleteEvent,)),
    "GUILD_ROLE_CREATE": (ro.on_role_create, (ro.RoleCreateEvent,)),
    "GUILD_ROLE_UPDATE": (ro.on_role_update, (ro.RoleUpdateEvent,)),
    "GUILD_ROLE_DELETE": (ro.on_role_delete, (ro.RoleDeleteEvent,)),
    # scheduled events, stage instances
    "GUILD_SCHEDULED_EVENT_CREATE": (ap.on_scheduled_event_create, (ap.ScheduledEventCreateEvent,)),
    "GUILD_SCHEDULED_EVENT_UPDATE": (ap.on_scheduled_event_update, (ap.ScheduledEventUpdateEvent,)),
    "GUILD_SCHEDULED_EVENT_DELETE": (ap.on_scheduled_event_delete, (ap.ScheduledEventDeleteEvent,)),
    "GUILD_SCHEDULED_EVENT_USER_ADD": (
        ap.on_scheduled_event_user_add,
        (ap.ScheduledEventUserAddEvent,),
    ),
    "GUILD_SCHEDULED_EVENT_USER_REMOVE": (
        ap.on_scheduled_event_user_remove,
        (ap.ScheduledEventUserRemoveEvent,),
    ),
    "STAGE_INSTANCE_CREATE": (ap.on_stage_instance_create, (ap.StageInstanceCreateEvent,)),
    "STAGE_INSTANCE_UPDATE": (ap.on_stage_instance_update, (ap.StageInstanceUpdateEvent,)),
    "STAGE_INSTANCE_DELETE": (ap.on_stage_instance_delete, (ap.StageInstanceDeleteEvent,)),
    # messages, reactions, polls, typing
    "MESSAGE_CREATE": (ms.on_message_create, (ms.GuildMessageCreateEvent, ms.DMMessageCreateEvent)),
    "MESSAGE_UPDATE": (ms.on_message_update, (ms.GuildMessageUpdateEvent, ms.DMMessageUpdateEvent)),
    "MESSAGE_DELETE": (ms.on_message_delete, (ms.GuildMessageDeleteEvent, ms.DMMessageDeleteEvent)),
    "MESSAGE_DELETE_BULK": (ms.on_message_delete_bulk, (ms.GuildBulkMessageDeleteEvent,)),
    "MESSAGE_REACTION_ADD": (re.on_reaction_add, _GUILD_REACTIONS),
    "MESSAGE_REACTION_REMOVE": (
        re.on_reaction_remove,
        (re.GuildReactionDeleteEvent, re.DMReactionDeleteEvent),
    ),
    "MESSAGE_REACTION_REMOVE_ALL": (
        re.on_reaction_remove_all,
        (re.GuildReactionDeleteAllEvent, re.DMReactionDeleteAllEvent),
    ),
    "MESSAGE_REACTION_REMOVE_EMOJI": (
        re.on_reaction_remove_emoji,
        (re.GuildReactionDeleteEmojiEvent, re.DMReactionDeleteEmojiEvent),
    ),
    "MESSAGE_POLL_VOTE_ADD": (ap.on_poll_vote_add, (ap.PollVoteCreateEvent,)),
    "MESSAGE_POLL_VOTE_REMOVE": (ap.on_poll_vote_remove, (ap.PollVoteDeleteEvent,)),
    "TYPING_START": (ty.on_typing_start, (ty.GuildTypingEvent, ty.DMTypingEvent)),
    # users, voice, interactions
    "USER_UPDATE": (ap.on_user_update, (ap.OwnUserUpdateEvent,)),
    "VOICE_STATE_UPDATE": (vo.on_voice_state_update, (vo.VoiceStateUpdateEvent,)),
    "VOICE_SERVER_UPDATE": (vo.on_voice_server_update, (vo.VoiceServerUpdateEvent,)),
    "VOICE_CHANNEL_EFFECT_SEND": (
        vo.on_voice_channel_effect_send,
        (vo.VoiceChannelEffectSendEvent,),
    ),
    "INTERACTION_CREATE": (
        it.on_interaction_create,
        (
            it.InteractionCreateEvent,
            it.CommandInteractionCreateEvent,
            it.ComponentInteractionCreateEvent,
            it.AutocompleteInteractionCreateEvent,
            it.ModalInteractionCreateEvent,
        ),
    ),
}
