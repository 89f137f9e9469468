"""Every event class anycord dispatches, grouped by family (see `anycord.events.base`)."""

from __future__ import annotations

from anycord.events.application import (
    ApplicationCommandPermissionsUpdateEvent as ApplicationCommandPermissionsUpdateEvent,
)
from anycord.events.application import AutoModActionExecutionEvent as AutoModActionExecutionEvent
from anycord.events.application import AutoModEvent as AutoModEvent
from anycord.events.application import AutoModRuleCreateEvent as AutoModRuleCreateEvent
from anycord.events.application import AutoModRuleDeleteEvent as AutoModRuleDeleteEvent
from anycord.events.application import AutoModRuleUpdateEvent as AutoModRuleUpdateEvent
from anycord.events.application import EntitlementCreateEvent as EntitlementCreateEvent
from anycord.events.application import EntitlementDeleteEvent as EntitlementDeleteEvent
from anycord.events.application import EntitlementEvent as EntitlementEvent
from anycord.events.application import EntitlementUpdateEvent as EntitlementUpdateEvent
from anycord.events.application import OwnUserUpdateEvent as OwnUserUpdateEvent
from anycord.events.application import PollVoteCreateEvent as PollVoteCreateEvent
from anycord.events.application import PollVoteDeleteEvent as PollVoteDeleteEvent
from anycord.events.application import PollVoteEvent as PollVoteEvent
from anycord.events.application import ScheduledEventCreateEvent as ScheduledEventCreateEvent
from anycord.events.application import ScheduledEventDeleteEvent as ScheduledEventDeleteEvent
from anycord.events.application import ScheduledEventEvent as ScheduledEventEvent
from anycord.events.application import ScheduledEventUpdateEvent as ScheduledEventUpdateEvent
from anycord.events.application import ScheduledEventUserAddEvent as ScheduledEventUserAddEvent
from anycord.events.application import (
    ScheduledEventUserRemoveEvent as ScheduledEventUserRemoveEvent,
)
from anycord.events.application import StageInstanceCreateEvent as StageInstanceCreateEvent
from anycord.events.application import StageInstanceDeleteEvent as StageInstanceDeleteEvent
from anycord.events.application import StageInstanceEvent as StageInstanceEvent
from anycord.events.application import StageInstanceUpdateEvent as StageInstanceUpdateEvent
from anycord.events.application import SubscriptionCreateEvent as SubscriptionCreateEvent
from anycord.events.application import SubscriptionDeleteEvent as SubscriptionDeleteEvent
from anycord.events.application import SubscriptionEvent as SubscriptionEvent
from anycord.events.application import SubscriptionUpdateEvent as SubscriptionUpdateEvent
from anycord.events.base import Event as Event
from anycord.events.base import EventApp as EventApp
from anycord.events.base import ExceptionEvent as ExceptionEvent
from anycord.events.base import ShardBoundEvent as ShardBoundEvent
from anycord.events.channel import ChannelEvent as ChannelEvent
from anycord.events.channel import ChannelInfoEvent as ChannelInfoEvent
from anycord.events.channel import DMPinsUpdateEvent as DMPinsUpdateEvent
from anycord.events.channel import GuildChannelCreateEvent as GuildChannelCreateEvent
from anycord.events.channel import GuildChannelDeleteEvent as GuildChannelDeleteEvent
from anycord.events.channel import GuildChannelEvent as GuildChannelEvent
from anycord.events.channel import GuildChannelUpdateEvent as GuildChannelUpdateEvent
from anycord.events.channel import GuildPinsUpdateEvent as GuildPinsUpdateEvent
from anycord.events.channel import InviteCreateEvent as InviteCreateEvent
from anycord.events.channel import InviteDeleteEvent as InviteDeleteEvent
from anycord.events.channel import InviteEvent as InviteEvent
from anycord.events.channel import PinsUpdateEvent as PinsUpdateEvent
from anycord.events.channel import (
    VoiceChannelStartTimeUpdateEvent as VoiceChannelStartTimeUpdateEvent,
)
from anycord.events.channel import VoiceChannelStatusUpdateEvent as VoiceChannelStatusUpdateEvent
from anycord.events.channel import WebhookUpdateEvent as WebhookUpdateEvent
from anycord.events.guild import AuditLogEntryCreateEvent as AuditLogEntryCreateEvent
from anycord.events.guild import BanCreateEvent as BanCreateEvent
from anycord.events.guild import BanDeleteEvent as BanDeleteEvent
from anycord.events.guild import BanEvent as BanEvent
from anycord.events.guild import EmojisUpdateEvent as EmojisUpdateEvent
from anycord.events.guild import GuildAvailableEvent as GuildAvailableEvent
from anycord.events.guild import GuildEvent as GuildEvent
from anycord.events.guild import GuildIntegrationsUpdateEvent as GuildIntegrationsUpdateEvent
from anycord.events.guild import GuildJoinEvent as GuildJoinEvent
from anycord.events.guild import GuildLeaveEvent as GuildLeaveEvent
from anycord.events.guild import GuildUnavailableEvent as GuildUnavailableEvent
from anycord.events.guild import GuildUpdateEvent as GuildUpdateEvent
from anycord.events.guild import GuildVisibilityEvent as GuildVisibilityEvent
from anycord.events.guild import IntegrationCreateEvent as IntegrationCreateEvent
from anycord.events.guild import IntegrationDeleteEvent as IntegrationDeleteEvent
from anycord.events.guild import IntegrationEvent as IntegrationEvent
from anycord.events.guild import IntegrationUpdateEvent as IntegrationUpdateEvent
from anycord.events.guild import PresenceUpdateEvent as PresenceUpdateEvent
from anycord.events.guild import SoundboardSoundCreateEvent as SoundboardSoundCreateEvent
from anycord.events.guild import SoundboardSoundDeleteEvent as SoundboardSoundDeleteEvent
from anycord.events.guild import SoundboardSoundEvent as SoundboardSoundEvent
from anycord.events.guild import SoundboardSoundsEvent as SoundboardSoundsEvent
from anycord.events.guild import SoundboardSoundsUpdateEvent as SoundboardSoundsUpdateEvent
from anycord.events.guild import SoundboardSoundUpdateEvent as SoundboardSoundUpdateEvent
from anycord.events.guild import StickersUpdateEvent as StickersUpdateEvent
from anycord.events.interaction import (
    AutocompleteInteractionCreateEvent as AutocompleteInteractionCreateEvent,
)
from anycord.events.interaction import (
    CommandInteractionCreateEvent as CommandInteractionCreateEvent,
)
from anycord.events.interaction import (
    ComponentInteractionCreateEvent as ComponentInteractionCreateEvent,
)
from anycord.events.interaction import InteractionCreateEvent as InteractionCreateEvent
from anycord.events.interaction import ModalInteractionCreateEvent as ModalInteractionCreateEvent
from anycord.events.lifetime import LifetimeEvent as LifetimeEvent
from anycord.events.lifetime import StartedEvent as StartedEvent
from anycord.events.lifetime import StartingEvent as StartingEvent
from anycord.events.lifetime import StoppedEvent as StoppedEvent
from anycord.events.lifetime import StoppingEvent as StoppingEvent
from anycord.events.member import MemberCreateEvent as MemberCreateEvent
from anycord.events.member import MemberDeleteEvent as MemberDeleteEvent
from anycord.events.member import MemberEvent as MemberEvent
from anycord.events.member import MemberUpdateEvent as MemberUpdateEvent
from anycord.events.message import DMMessageCreateEvent as DMMessageCreateEvent
from anycord.events.message import DMMessageDeleteEvent as DMMessageDeleteEvent
from anycord.events.message import DMMessageUpdateEvent as DMMessageUpdateEvent
from anycord.events.message import GuildBulkMessageDeleteEvent as GuildBulkMessageDeleteEvent
from anycord.events.message import GuildMessageCreateEvent as GuildMessageCreateEvent
from anycord.events.message import GuildMessageDeleteEvent as GuildMessageDeleteEvent
from anycord.events.message import GuildMessageUpdateEvent as GuildMessageUpdateEvent
from anycord.events.message import MessageCreateEvent as MessageCreateEvent
from anycord.events.message import MessageDeleteEvent as MessageDeleteEvent
from anycord.events.message import MessageEvent as MessageEvent
from anycord.events.message import MessageUpdateEvent as MessageUpdateEvent
from anycord.events.reaction import DMReactionAddEvent as DMReactionAddEvent
from anycord.events.reaction import DMReactionDeleteAllEvent as DMReactionDeleteAllEvent
from anycord.events.reaction import DMReactionDeleteEmojiEvent as DMReactionDeleteEmojiEvent
from anycord.events.reaction import DMReactionDeleteEvent as DMReactionDeleteEvent
from anycord.events.reaction import DMReactionEvent as DMReactionEvent
from anycord.events.reaction import GuildReactionAddEvent as GuildReactionAddEvent
from anycord.events.reaction import GuildReactionDeleteAllEvent as GuildReactionDeleteAllEvent
from anycord.events.reaction import GuildReactionDeleteEmojiEvent as GuildReactionDeleteEmojiEvent
from anycord.events.reaction import GuildReactionDeleteEvent as GuildReactionDeleteEvent
from anycord.events.reaction import GuildReactionEvent as GuildReactionEvent
from anycord.events.reaction import ReactionAddEvent as ReactionAddEvent
from anycord.events.reaction import ReactionDeleteAllEvent as ReactionDeleteAllEvent
from anycord.events.reaction import ReactionDeleteEmojiEvent as ReactionDeleteEmojiEvent
from anycord.events.reaction import ReactionDeleteEvent as ReactionDeleteEvent
from anycord.events.reaction import ReactionEvent as ReactionEvent
from anycord.events.role import RoleCreateEvent as RoleCreateEvent
from anycord.events.role import RoleDeleteEvent as RoleDeleteEvent
from anycord.events.role import RoleEvent as RoleEvent
from anycord.events.role import RoleUpdateEvent as RoleUpdateEvent
from anycord.events.shard import MemberChunkEvent as MemberChunkEvent
from anycord.events.shard import ShardConnectedEvent as ShardConnectedEvent
from anycord.events.shard import ShardDisconnectedEvent as ShardDisconnectedEvent
from anycord.events.shard import ShardEvent as ShardEvent
from anycord.events.shard import ShardPayloadEvent as ShardPayloadEvent
from anycord.events.shard import ShardRateLimitedEvent as ShardRateLimitedEvent
from anycord.events.shard import ShardReadyEvent as ShardReadyEvent
from anycord.events.shard import ShardResumedEvent as ShardResumedEvent
from anycord.events.shard import ShardStateEvent as ShardStateEvent
from anycord.events.thread import GuildThreadAccessEvent as GuildThreadAccessEvent
from anycord.events.thread import GuildThreadCreateEvent as GuildThreadCreateEvent
from anycord.events.thread import GuildThreadDeleteEvent as GuildThreadDeleteEvent
from anycord.events.thread import GuildThreadEvent as GuildThreadEvent
from anycord.events.thread import GuildThreadUpdateEvent as GuildThreadUpdateEvent
from anycord.events.thread import ThreadListSyncEvent as ThreadListSyncEvent
from anycord.events.thread import ThreadMembersUpdateEvent as ThreadMembersUpdateEvent
from anycord.events.thread import ThreadMemberUpdateEvent as ThreadMemberUpdateEvent
from anycord.events.typing import DMTypingEvent as DMTypingEvent
from anycord.events.typing import GuildTypingEvent as GuildTypingEvent
from anycord.events.typing import TypingEvent as TypingEvent
from anycord.events.voice import VoiceChannelEffectSendEvent as VoiceChannelEffectSendEvent
from anycord.events.voice import VoiceEvent as VoiceEvent
from anycord.events.voice import VoiceServerUpdateEvent as VoiceServerUpdateEvent
from anycord.events.voice import VoiceStateUpdateEvent as VoiceStateUpdateEvent

__all__ = [
    "ApplicationCommandPermissionsUpdateEvent",
    "AuditLogEntryCreateEvent",
    "AutoModActionExecutionEvent",
    "AutoModEvent",
    "AutoModRuleCreateEvent",
    "AutoModRuleDeleteEvent",
    "AutoModRuleUpdateEvent",
    "AutocompleteInteractionCreateEvent",
    "BanCreateEvent",
    "BanDeleteEvent",
    "BanEvent",
    "ChannelEvent",
    "ChannelInfoEvent",
    "CommandInteractionCreateEvent",
    "ComponentInteractionCreateEvent",
    "DMMessageCreateEvent",
    "DMMessageDeleteEvent",
    "DMMessageUpdateEvent",
    "DMPinsUpdateEvent",
    "DMReactionAddEvent",
    "DMReactionDeleteAllEvent",
    "DMReactionDeleteEmojiEvent",
    "DMReactionDeleteEvent",
    "DMReactionEvent",
    "DMTypingEvent",
    "EmojisUpdateEvent",
    "EntitlementCreateEvent",
    "EntitlementDeleteEvent",
    "EntitlementEvent",
    "EntitlementUpdateEvent",
    "Event",
    "EventApp",
    "ExceptionEvent",
    "GuildAvailableEvent",
    "GuildBulkMessageDeleteEvent",
    "GuildChannelCreateEvent",
    "GuildChannelDeleteEvent",
    "GuildChannelEvent",
    "GuildChannelUpdateEvent",
    "GuildEvent",
    "GuildIntegrationsUpdateEvent",
    "GuildJoinEvent",
    "GuildLeaveEvent",
    "GuildMessageCreateEvent",
    "GuildMessageDeleteEvent",
    "GuildMessageUpdateEvent",
    "GuildPinsUpdateEvent",
    "GuildReactionAddEvent",
    "GuildReactionDeleteAllEvent",
    "GuildReactionDeleteEmojiEvent",
    "GuildReactionDeleteEvent",
    "GuildReactionEvent",
    "GuildThreadAccessEvent",
    "GuildThreadCreateEvent",
    "GuildThreadDeleteEvent",
    "GuildThreadEvent",
    "GuildThreadUpdateEvent",
    "GuildTypingEvent",
    "GuildUnavailableEvent",
    "GuildUpdateEvent",
    "GuildVisibilityEvent",
    "IntegrationCreateEvent",
    "IntegrationDeleteEvent",
    "IntegrationEvent",
    "IntegrationUpdateEvent",
    "InteractionCreateEvent",
    "InviteCreateEvent",
    "InviteDeleteEvent",
    "InviteEvent",
    "LifetimeEvent",
    "MemberChunkEvent",
    "MemberCreateEvent",
    "MemberDeleteEvent",
    "MemberEvent",
    "MemberUpdateEvent",
    "MessageCreateEvent",
    "MessageDeleteEvent",
    "MessageEvent",
    "MessageUpdateEvent",
    "ModalInteractionCreateEvent",
    "OwnUserUpdateEvent",
    "PinsUpdateEvent",
    "PollVoteCreateEvent",
    "PollVoteDeleteEvent",
    "PollVoteEvent",
    "PresenceUpdateEvent",
    "ReactionAddEvent",
    "ReactionDeleteAllEvent",
    "ReactionDeleteEmojiEvent",
    "ReactionDeleteEvent",
    "ReactionEvent",
    "RoleCreateEvent",
    "RoleDeleteEvent",
    "RoleEvent",
    "RoleUpdateEvent",
    "ScheduledEventCreateEvent",
    "ScheduledEventDeleteEvent",
    "ScheduledEventEvent",
    "ScheduledEventUpdateEvent",
    "ScheduledEventUserAddEvent",
    "ScheduledEventUserRemoveEvent",
    "ShardBoundEvent",
    "ShardConnectedEvent",
    "ShardDisconnectedEvent",
    "ShardEvent",
    "ShardPayloadEvent",
    "ShardRateLimitedEvent",
    "ShardReadyEvent",
    "ShardResumedEvent",
    "ShardStateEvent",
    "SoundboardSoundCreateEvent",
    "SoundboardSoundDeleteEvent",
    "SoundboardSoundEvent",
    "SoundboardSoundUpdateEvent",
    "SoundboardSoundsEvent",
    "SoundboardSoundsUpdateEvent",
    "StageInstanceCreateEvent",
    "StageInstanceDeleteEvent",
    "StageInstanceEvent",
    "StageInstanceUpdateEvent",
    "StartedEvent",
    "StartingEvent",
    "StickersUpdateEvent",
    "StoppedEvent",
    "StoppingEvent",
    "SubscriptionCreateEvent",
    "SubscriptionDeleteEvent",
    "SubscriptionEvent",
    "SubscriptionUpdateEvent",
    "ThreadListSyncEvent",
    "ThreadMemberUpdateEvent",
    "ThreadMembersUpdateEvent",
    "TypingEvent",
    "VoiceChannelEffectSendEvent",
    "VoiceChannelStartTimeUpdateEvent",
    "VoiceChannelStatusUpdateEvent",
    "VoiceEvent",
    "VoiceServerUpdateEvent",
    "VoiceStateUpdateEvent",
    "WebhookUpdateEvent",
]
