"""anycord: a Discord API library on AnyIO structured concurrency.

Everything a bot author needs is importable from here: the bots (`GatewayBot`, `RESTBot`,
`AsgiBot`, `RESTApp`), models, events, builders, settings and errors. Subpackages hold the
rest: `anycord.testing` (FakeDiscord), `anycord.orchestrator` (sharding across processes and
machines), and each component's internals.

This module is over 800 lines because it holds nothing but explicit re-exports (`X as X`,
one per line, so type checkers and readers see exactly what is public) and `__all__`.
"""

from __future__ import annotations

from anycord._about import __version__ as __version__
from anycord.bots.asgi_bot import AsgiBot as AsgiBot
from anycord.bots.gateway_bot import GatewayBot as GatewayBot
from anycord.bots.health import Health as Health
from anycord.bots.health_server import HealthServer as HealthServer
from anycord.bots.rest_bot import RESTBot as RESTBot
from anycord.cache import Cache as Cache
from anycord.cache import CacheAware as CacheAware
from anycord.cache import CacheView as CacheView
from anycord.cache import EmptyCacheView as EmptyCacheView
from anycord.colors import Color as Color
from anycord.colors import Colorish as Colorish
from anycord.colors import Colour as Colour
from anycord.colors import Colourish as Colourish
from anycord.config import BasicAuthHeader as BasicAuthHeader
from anycord.config import CacheComponents as CacheComponents
from anycord.config import CacheSettings as CacheSettings
from anycord.config import HTTPSettings as HTTPSettings
from anycord.config import HTTPTimeoutSettings as HTTPTimeoutSettings
from anycord.config import ProxySettings as ProxySettings
from anycord.dispatch.manager import DispatchHandle as DispatchHandle
from anycord.dispatch.manager import EventManager as EventManager
from anycord.dispatch.stream import EventStream as EventStream
from anycord.errors import AnycordError as AnycordError
from anycord.errors import BadRequestError as BadRequestError
from anycord.errors import BulkDeleteError as BulkDeleteError
from anycord.errors import ClientHTTPResponseError as ClientHTTPResponseError
from anycord.errors import CloudflareBanError as CloudflareBanError
from anycord.errors import ComponentClosedError as ComponentClosedError
from anycord.errors import ComponentStateConflictError as ComponentStateConflictError
from anycord.errors import ForbiddenError as ForbiddenError
from anycord.errors import GatewayConnectionError as GatewayConnectionError
from anycord.errors import GatewayError as GatewayError
from anycord.errors import GatewayFatalCloseError as GatewayFatalCloseError
from anycord.errors import GatewayServerClosedConnectionError as GatewayServerClosedConnectionError
from anycord.errors import GatewayTransportError as GatewayTransportError
from anycord.errors import HikariError as HikariError
from anycord.errors import HTTPError as HTTPError
from anycord.errors import HTTPResponseError as HTTPResponseError
from anycord.errors import InteractionVerificationError as InteractionVerificationError
from anycord.errors import InternalServerError as InternalServerError
from anycord.errors import MalformedResponseError as MalformedResponseError
from anycord.errors import MissingIntentError as MissingIntentError
from anycord.errors import NotFoundError as NotFoundError
from anycord.errors import OrchestratorWorkerError as OrchestratorWorkerError
from anycord.errors import RateLimitedError as RateLimitedError
from anycord.errors import RateLimitTooLongError as RateLimitTooLongError
from anycord.errors import ResourceFetchError as ResourceFetchError
from anycord.errors import SessionBudgetExhaustedError as SessionBudgetExhaustedError
from anycord.errors import ShardCloseCode as ShardCloseCode
from anycord.errors import UnauthorizedError as UnauthorizedError
from anycord.errors import UnrecognisedEntityError as UnrecognisedEntityError
from anycord.errors import error_for_status as error_for_status
from anycord.events import (
    ApplicationCommandPermissionsUpdateEvent as ApplicationCommandPermissionsUpdateEvent,
)
from anycord.events import AuditLogEntryCreateEvent as AuditLogEntryCreateEvent
from anycord.events import AutocompleteInteractionCreateEvent as AutocompleteInteractionCreateEvent
from anycord.events import AutoModActionExecutionEvent as AutoModActionExecutionEvent
from anycord.events import AutoModEvent as AutoModEvent
from anycord.events import AutoModRuleCreateEvent as AutoModRuleCreateEvent
from anycord.events import AutoModRuleDeleteEvent as AutoModRuleDeleteEvent
from anycord.events import AutoModRuleUpdateEvent as AutoModRuleUpdateEvent
from anycord.events import BanCreateEvent as BanCreateEvent
from anycord.events import BanDeleteEvent as BanDeleteEvent
from anycord.events import BanEvent as BanEvent
from anycord.events import ChannelEvent as ChannelEvent
from anycord.events import ChannelInfoEvent as ChannelInfoEvent
from anycord.events import CommandInteractionCreateEvent as CommandInteractionCreateEvent
from anycord.events import ComponentInteractionCreateEvent as ComponentInteractionCreateEvent
from anycord.events import DMMessageCreateEvent as DMMessageCreateEvent
from anycord.events import DMMessageDeleteEvent as DMMessageDeleteEvent
from anycord.events import DMMessageUpdateEvent as DMMessageUpdateEvent
from anycord.events import DMPinsUpdateEvent as DMPinsUpdateEvent
from anycord.events import DMReactionAddEvent as DMReactionAddEvent
from anycord.events import DMReactionDeleteAllEvent as DMReactionDeleteAllEvent
from anycord.events import DMReactionDeleteEmojiEvent as DMReactionDeleteEmojiEvent
from anycord.events import DMReactionDeleteEvent as DMReactionDeleteEvent
from anycord.events import DMReactionEvent as DMReactionEvent
from anycord.events import DMTypingEvent as DMTypingEvent
from anycord.events import EmojisUpdateEvent as EmojisUpdateEvent
from anycord.events import EntitlementCreateEvent as EntitlementCreateEvent
from anycord.events import EntitlementDeleteEvent as EntitlementDeleteEvent
from anycord.events import EntitlementEvent as EntitlementEvent
from anycord.events import EntitlementUpdateEvent as EntitlementUpdateEvent
from anycord.events import Event as Event
from anycord.events import EventApp as EventApp
from anycord.events import ExceptionEvent as ExceptionEvent
from anycord.events import GuildAvailableEvent as GuildAvailableEvent
from anycord.events import GuildBulkMessageDeleteEvent as GuildBulkMessageDeleteEvent
from anycord.events import GuildChannelCreateEvent as GuildChannelCreateEvent
from anycord.events import GuildChannelDeleteEvent as GuildChannelDeleteEvent
from anycord.events import GuildChannelEvent as GuildChannelEvent
from anycord.events import GuildChannelUpdateEvent as GuildChannelUpdateEvent
from anycord.events import GuildEvent as GuildEvent
from anycord.events import GuildIntegrationsUpdateEvent as GuildIntegrationsUpdateEvent
from anycord.events import GuildJoinEvent as GuildJoinEvent
from anycord.events import GuildLeaveEvent as GuildLeaveEvent
from anycord.events import GuildMessageCreateEvent as GuildMessageCreateEvent
from anycord.events import GuildMessageDeleteEvent as GuildMessageDeleteEvent
from anycord.events import GuildMessageUpdateEvent as GuildMessageUpdateEvent
from anycord.events import GuildPinsUpdateEvent as GuildPinsUpdateEvent
from anycord.events import GuildReactionAddEvent as GuildReactionAddEvent
from anycord.events import GuildReactionDeleteAllEvent as GuildReactionDeleteAllEvent
from anycord.events import GuildReactionDeleteEmojiEvent as GuildReactionDeleteEmojiEvent
from anycord.events import GuildReactionDeleteEvent as GuildReactionDeleteEvent
from anycord.events import GuildReactionEvent as GuildReactionEvent
from anycord.events import GuildThreadAccessEvent as GuildThreadAccessEvent
from anycord.events import GuildThreadCreateEvent as GuildThreadCreateEvent
from anycord.events import GuildThreadDeleteEvent as GuildThreadDeleteEvent
from anycord.events import GuildThreadEvent as GuildThreadEvent
from anycord.events import GuildThreadUpdateEvent as GuildThreadUpdateEvent
from anycord.events import GuildTypingEvent as GuildTypingEvent
from anycord.events import GuildUnavailableEvent as GuildUnavailableEvent
from anycord.events import GuildUpdateEvent as GuildUpdateEvent
from anycord.events import GuildVisibilityEvent as GuildVisibilityEvent
from anycord.events import IntegrationCreateEvent as IntegrationCreateEvent
from anycord.events import IntegrationDeleteEvent as IntegrationDeleteEvent
from anycord.events import IntegrationEvent as IntegrationEvent
from anycord.events import IntegrationUpdateEvent as IntegrationUpdateEvent
from anycord.events import InteractionCreateEvent as InteractionCreateEvent
from anycord.events import InviteCreateEvent as InviteCreateEvent
from anycord.events import InviteDeleteEvent as InviteDeleteEvent
from anycord.events import InviteEvent as InviteEvent
from anycord.events import LifetimeEvent as LifetimeEvent
from anycord.events import MemberChunkEvent as MemberChunkEvent
from anycord.events import MemberCreateEvent as MemberCreateEvent
from anycord.events import MemberDeleteEvent as MemberDeleteEvent
from anycord.events import MemberEvent as MemberEvent
from anycord.events import MemberUpdateEvent as MemberUpdateEvent
from anycord.events import MessageCreateEvent as MessageCreateEvent
from anycord.events import MessageDeleteEvent as MessageDeleteEvent
from anycord.events import MessageEvent as MessageEvent
from anycord.events import MessageUpdateEvent as MessageUpdateEvent
from anycord.events import ModalInteractionCreateEvent as ModalInteractionCreateEvent
from anycord.events import OwnUserUpdateEvent as OwnUserUpdateEvent
from anycord.events import PinsUpdateEvent as PinsUpdateEvent
from anycord.events import PollVoteCreateEvent as PollVoteCreateEvent
from anycord.events import PollVoteDeleteEvent as PollVoteDeleteEvent
from anycord.events import PollVoteEvent as PollVoteEvent
from anycord.events import PresenceUpdateEvent as PresenceUpdateEvent
from anycord.events import ReactionAddEvent as ReactionAddEvent
from anycord.events import ReactionDeleteAllEvent as ReactionDeleteAllEvent
from anycord.events import ReactionDeleteEmojiEvent as ReactionDeleteEmojiEvent
from anycord.events import ReactionDeleteEvent as ReactionDeleteEvent
from anycord.events import ReactionEvent as ReactionEvent
from anycord.events import RoleCreateEvent as RoleCreateEvent
from anycord.events import RoleDeleteEvent as RoleDeleteEvent
from anycord.events import RoleEvent as RoleEvent
from anycord.events import RoleUpdateEvent as RoleUpdateEvent
from anycord.events import ScheduledEventCreateEvent as ScheduledEventCreateEvent
from anycord.events import ScheduledEventDeleteEvent as ScheduledEventDeleteEvent
from anycord.events import ScheduledEventEvent as ScheduledEventEvent
from anycord.events import ScheduledEventUpdateEvent as ScheduledEventUpdateEvent
from anycord.events import ScheduledEventUserAddEvent as ScheduledEventUserAddEvent
from anycord.events import ScheduledEventUserRemoveEvent as ScheduledEventUserRemoveEvent
from anycord.events import ShardBoundEvent as ShardBoundEvent
from anycord.events import ShardConnectedEvent as ShardConnectedEvent
from anycord.events import ShardDisconnectedEvent as ShardDisconnectedEvent
from anycord.events import ShardEvent as ShardEvent
from anycord.events import ShardPayloadEvent as ShardPayloadEvent
from anycord.events import ShardRateLimitedEvent as ShardRateLimitedEvent
from anycord.events import ShardReadyEvent as ShardReadyEvent
from anycord.events import ShardResumedEvent as ShardResumedEvent
from anycord.events import ShardStateEvent as ShardStateEvent
from anycord.events import SoundboardSoundCreateEvent as SoundboardSoundCreateEvent
from anycord.events import SoundboardSoundDeleteEvent as SoundboardSoundDeleteEvent
from anycord.events import SoundboardSoundEvent as SoundboardSoundEvent
from anycord.events import SoundboardSoundsEvent as SoundboardSoundsEvent
from anycord.events import SoundboardSoundsUpdateEvent as SoundboardSoundsUpdateEvent
from anycord.events import SoundboardSoundUpdateEvent as SoundboardSoundUpdateEvent
from anycord.events import StageInstanceCreateEvent as StageInstanceCreateEvent
from anycord.events import StageInstanceDeleteEvent as StageInstanceDeleteEvent
from anycord.events import StageInstanceEvent as StageInstanceEvent
from anycord.events import StageInstanceUpdateEvent as StageInstanceUpdateEvent
from anycord.events import StartedEvent as StartedEvent
from anycord.events import StartingEvent as StartingEvent
from anycord.events import StickersUpdateEvent as StickersUpdateEvent
from anycord.events import StoppedEvent as StoppedEvent
from anycord.events import StoppingEvent as StoppingEvent
from anycord.events import SubscriptionCreateEvent as SubscriptionCreateEvent
from anycord.events import SubscriptionDeleteEvent as SubscriptionDeleteEvent
from anycord.events import SubscriptionEvent as SubscriptionEvent
from anycord.events import SubscriptionUpdateEvent as SubscriptionUpdateEvent
from anycord.events import ThreadListSyncEvent as ThreadListSyncEvent
from anycord.events import ThreadMembersUpdateEvent as ThreadMembersUpdateEvent
from anycord.events import ThreadMemberUpdateEvent as ThreadMemberUpdateEvent
from anycord.events import TypingEvent as TypingEvent
from anycord.events import VoiceChannelEffectSendEvent as VoiceChannelEffectSendEvent
from anycord.events import VoiceChannelStartTimeUpdateEvent as VoiceChannelStartTimeUpdateEvent
from anycord.events import VoiceChannelStatusUpdateEvent as VoiceChannelStatusUpdateEvent
from anycord.events import VoiceEvent as VoiceEvent
from anycord.events import VoiceServerUpdateEvent as VoiceServerUpdateEvent
from anycord.events import VoiceStateUpdateEvent as VoiceStateUpdateEvent
from anycord.events import WebhookUpdateEvent as WebhookUpdateEvent
from anycord.events.intents import MissingIntentWarning as MissingIntentWarning
from anycord.files import URL as URL
from anycord.files import AsyncIteratorResource as AsyncIteratorResource
from anycord.files import Bytes as Bytes
from anycord.files import File as File
from anycord.files import Pathish as Pathish
from anycord.files import Rawish as Rawish
from anycord.files import Resource as Resource
from anycord.files import Resourceish as Resourceish
from anycord.files import ServedFromURL as ServedFromURL
from anycord.files import ensure_resource as ensure_resource
from anycord.gateway import CloseAction as CloseAction
from anycord.gateway import GatewayProtocol as GatewayProtocol
from anycord.gateway import GatewayShard as GatewayShard
from anycord.gateway import IdentifyGate as IdentifyGate
from anycord.gateway import LocalIdentifyGate as LocalIdentifyGate
from anycord.gateway import Opcode as Opcode
from anycord.gateway import SendLimiter as SendLimiter
from anycord.gateway import ShardEventSink as ShardEventSink
from anycord.gateway import ShardState as ShardState
from anycord.gateway import ZlibStreamInflater as ZlibStreamInflater
from anycord.gateway import ZstdStreamInflater as ZstdStreamInflater
from anycord.gateway import available_compressions as available_compressions
from anycord.intents import Intents as Intents
from anycord.interactions import AsgiAdapter as AsgiAdapter
from anycord.interactions import AutocompleteChoiceBuilder as AutocompleteChoiceBuilder
from anycord.interactions import InteractionAutocompleteBuilder as InteractionAutocompleteBuilder
from anycord.interactions import InteractionDeferredBuilder as InteractionDeferredBuilder
from anycord.interactions import (
    InteractionLaunchActivityBuilder as InteractionLaunchActivityBuilder,
)
from anycord.interactions import InteractionMessageBuilder as InteractionMessageBuilder
from anycord.interactions import InteractionModalBuilder as InteractionModalBuilder
from anycord.interactions import InteractionPongBuilder as InteractionPongBuilder
from anycord.interactions import InteractionResponseBuilder as InteractionResponseBuilder
from anycord.interactions import InteractionServer as InteractionServer
from anycord.interactions import Response as Response
from anycord.models import EMBED_LIMITS as EMBED_LIMITS
from anycord.models import POLL_LIMITS as POLL_LIMITS
from anycord.models import SKU as SKU
from anycord.models import ActionRow as ActionRow
from anycord.models import ActionRowComponent as ActionRowComponent
from anycord.models import Activity as Activity
from anycord.models import ActivityAssets as ActivityAssets
from anycord.models import ActivityFlag as ActivityFlag
from anycord.models import ActivityInstance as ActivityInstance
from anycord.models import ActivityLocation as ActivityLocation
from anycord.models import ActivityParty as ActivityParty
from anycord.models import ActivitySecret as ActivitySecret
from anycord.models import ActivityTimestamps as ActivityTimestamps
from anycord.models import ActivityType as ActivityType
from anycord.models import AllowedMentions as AllowedMentions
from anycord.models import Application as Application
from anycord.models import ApplicationCommandPermissions as ApplicationCommandPermissions
from anycord.models import ApplicationEmoji as ApplicationEmoji
from anycord.models import ApplicationFlags as ApplicationFlags
from anycord.models import ApplicationIntegrationType as ApplicationIntegrationType
from anycord.models import ApplicationWebhook as ApplicationWebhook
from anycord.models import Attachment as Attachment
from anycord.models import AttachmentFlag as AttachmentFlag
from anycord.models import AuditLog as AuditLog
from anycord.models import AuditLogChange as AuditLogChange
from anycord.models import AuditLogChangeKey as AuditLogChangeKey
from anycord.models import AuditLogEntry as AuditLogEntry
from anycord.models import AuditLogEntryInfo as AuditLogEntryInfo
from anycord.models import AuditLogEventType as AuditLogEventType
from anycord.models import AuditLogIntegration as AuditLogIntegration
from anycord.models import AuthorizationInformation as AuthorizationInformation
from anycord.models import AutocompleteInteraction as AutocompleteInteraction
from anycord.models import AutoModAction as AutoModAction
from anycord.models import AutoModActionType as AutoModActionType
from anycord.models import AutoModBlockMemberInteraction as AutoModBlockMemberInteraction
from anycord.models import AutoModBlockMessage as AutoModBlockMessage
from anycord.models import AutoModerationActionExecution as AutoModerationActionExecution
from anycord.models import AutoModEventType as AutoModEventType
from anycord.models import AutoModKeywordPresetType as AutoModKeywordPresetType
from anycord.models import AutoModRule as AutoModRule
from anycord.models import AutoModSendAlertMessage as AutoModSendAlertMessage
from anycord.models import AutoModTimeout as AutoModTimeout
from anycord.models import AutoModTrigger as AutoModTrigger
from anycord.models import AutoModTriggerType as AutoModTriggerType
from anycord.models import ButtonComponent as ButtonComponent
from anycord.models import ButtonStyle as ButtonStyle
from anycord.models import ChannelFlag as ChannelFlag
from anycord.models import ChannelFollow as ChannelFollow
from anycord.models import ChannelFollowerWebhook as ChannelFollowerWebhook
from anycord.models import ChannelMention as ChannelMention
from anycord.models import ChannelSelectMenuComponent as ChannelSelectMenuComponent
from anycord.models import ChannelType as ChannelType
from anycord.models import CheckboxComponent as CheckboxComponent
from anycord.models import CheckboxGroupComponent as CheckboxGroupComponent
from anycord.models import ClientStatus as ClientStatus
from anycord.models import CommandBuilder as CommandBuilder
from anycord.models import CommandChoice as CommandChoice
from anycord.models import CommandInteraction as CommandInteraction
from anycord.models import CommandInteractionOption as CommandInteractionOption
from anycord.models import CommandOption as CommandOption
from anycord.models import CommandPermission as CommandPermission
from anycord.models import CommandPermissionType as CommandPermissionType
from anycord.models import CommandType as CommandType
from anycord.models import ComponentInteraction as ComponentInteraction
from anycord.models import ComponentType as ComponentType
from anycord.models import ContainerComponent as ContainerComponent
from anycord.models import ContextMenuCommand as ContextMenuCommand
from anycord.models import ContextMenuCommandBuilder as ContextMenuCommandBuilder
from anycord.models import CustomEmoji as CustomEmoji
from anycord.models import DMChannel as DMChannel
from anycord.models import Embed as Embed
from anycord.models import EmbedAuthor as EmbedAuthor
from anycord.models import EmbedField as EmbedField
from anycord.models import EmbedFooter as EmbedFooter
from anycord.models import EmbedImage as EmbedImage
from anycord.models import EmbedMediaFlag as EmbedMediaFlag
from anycord.models import EmbedProvider as EmbedProvider
from anycord.models import EmbedVideo as EmbedVideo
from anycord.models import Emoji as Emoji
from anycord.models import Entitlement as Entitlement
from anycord.models import EntitlementOwnerType as EntitlementOwnerType
from anycord.models import EntitlementType as EntitlementType
from anycord.models import EntryPointCommand as EntryPointCommand
from anycord.models import EntryPointCommandBuilder as EntryPointCommandBuilder
from anycord.models import EntryPointHandlerType as EntryPointHandlerType
from anycord.models import EventPrivacyLevel as EventPrivacyLevel
from anycord.models import FileComponent as FileComponent
from anycord.models import FileUploadComponent as FileUploadComponent
from anycord.models import ForumLayoutType as ForumLayoutType
from anycord.models import ForumSortOrderType as ForumSortOrderType
from anycord.models import ForumTag as ForumTag
from anycord.models import GatewayBotInfo as GatewayBotInfo
from anycord.models import GatewayGuild as GatewayGuild
from anycord.models import GatewayGuildDefinition as GatewayGuildDefinition
from anycord.models import GatewayInfo as GatewayInfo
from anycord.models import GroupDMChannel as GroupDMChannel
from anycord.models import GroupOption as GroupOption
from anycord.models import Guild as Guild
from anycord.models import GuildBan as GuildBan
from anycord.models import GuildCategory as GuildCategory
from anycord.models import GuildChannel as GuildChannel
from anycord.models import GuildCommandPermissions as GuildCommandPermissions
from anycord.models import GuildExplicitContentFilterLevel as GuildExplicitContentFilterLevel
from anycord.models import GuildFeature as GuildFeature
from anycord.models import GuildForumChannel as GuildForumChannel
from anycord.models import GuildMediaChannel as GuildMediaChannel
from anycord.models import GuildMessageNotificationsLevel as GuildMessageNotificationsLevel
from anycord.models import GuildMFALevel as GuildMFALevel
from anycord.models import GuildNewsChannel as GuildNewsChannel
from anycord.models import GuildNewsThread as GuildNewsThread
from anycord.models import GuildNSFWLevel as GuildNSFWLevel
from anycord.models import GuildOnboarding as GuildOnboarding
from anycord.models import GuildOnboardingMode as GuildOnboardingMode
from anycord.models import GuildPremiumTier as GuildPremiumTier
from anycord.models import GuildPreview as GuildPreview
from anycord.models import GuildPrivateThread as GuildPrivateThread
from anycord.models import GuildPublicThread as GuildPublicThread
from anycord.models import GuildStageChannel as GuildStageChannel
from anycord.models import GuildSticker as GuildSticker
from anycord.models import GuildSystemChannelFlag as GuildSystemChannelFlag
from anycord.models import GuildTemplate as GuildTemplate
from anycord.models import GuildTextChannel as GuildTextChannel
from anycord.models import GuildThreadChannel as GuildThreadChannel
from anycord.models import GuildThreadHostChannel as GuildThreadHostChannel
from anycord.models import GuildVerificationLevel as GuildVerificationLevel
from anycord.models import GuildVoiceChannel as GuildVoiceChannel
from anycord.models import GuildWebhook as GuildWebhook
from anycord.models import GuildWidget as GuildWidget
from anycord.models import GuildWidgetInfo as GuildWidgetInfo
from anycord.models import IncomingWebhook as IncomingWebhook
from anycord.models import InstallParameters as InstallParameters
from anycord.models import Integration as Integration
from anycord.models import IntegrationAccount as IntegrationAccount
from anycord.models import IntegrationApplication as IntegrationApplication
from anycord.models import IntegrationExpireBehaviour as IntegrationExpireBehaviour
from anycord.models import IntegrationType as IntegrationType
from anycord.models import IntegrationTypeConfig as IntegrationTypeConfig
from anycord.models import InteractionContextType as InteractionContextType
from anycord.models import InteractionMember as InteractionMember
from anycord.models import InteractionType as InteractionType
from anycord.models import Invite as Invite
from anycord.models import InviteFlag as InviteFlag
from anycord.models import InviteGuild as InviteGuild
from anycord.models import InviteType as InviteType
from anycord.models import InviteWithMetadata as InviteWithMetadata
from anycord.models import KeywordPresetTrigger as KeywordPresetTrigger
from anycord.models import KeywordTrigger as KeywordTrigger
from anycord.models import KnownCustomEmoji as KnownCustomEmoji
from anycord.models import LabelComponent as LabelComponent
from anycord.models import MediaGalleryComponent as MediaGalleryComponent
from anycord.models import MediaGalleryItem as MediaGalleryItem
from anycord.models import MediaItemFlag as MediaItemFlag
from anycord.models import MediaResource as MediaResource
from anycord.models import Member as Member
from anycord.models import MemberChunk as MemberChunk
from anycord.models import MemberFlag as MemberFlag
from anycord.models import MemberPresence as MemberPresence
from anycord.models import MemberProfileTrigger as MemberProfileTrigger
from anycord.models import Mentions as Mentions
from anycord.models import MentionSpamTrigger as MentionSpamTrigger
from anycord.models import Message as Message
from anycord.models import MessageActivity as MessageActivity
from anycord.models import MessageActivityType as MessageActivityType
from anycord.models import MessageApplication as MessageApplication
from anycord.models import MessageCall as MessageCall
from anycord.models import MessageFlag as MessageFlag
from anycord.models import MessageInteraction as MessageInteraction
from anycord.models import MessageInteractionMetadata as MessageInteractionMetadata
from anycord.models import MessageReference as MessageReference
from anycord.models import MessageReferenceType as MessageReferenceType
from anycord.models import MessageResponseMixin as MessageResponseMixin
from anycord.models import MessageSnapshot as MessageSnapshot
from anycord.models import MessageType as MessageType
from anycord.models import ModalInteraction as ModalInteraction
from anycord.models import OAuth2AuthorizationToken as OAuth2AuthorizationToken
from anycord.models import OAuth2Scope as OAuth2Scope
from anycord.models import OnboardingPrompt as OnboardingPrompt
from anycord.models import OnboardingPromptOption as OnboardingPromptOption
from anycord.models import OnboardingPromptType as OnboardingPromptType
from anycord.models import OptionType as OptionType
from anycord.models import OwnUser as OwnUser
from anycord.models import PartialChannel as PartialChannel
from anycord.models import PartialCommand as PartialCommand
from anycord.models import PartialComponent as PartialComponent
from anycord.models import PartialGuild as PartialGuild
from anycord.models import PartialInteraction as PartialInteraction
from anycord.models import PartialMember as PartialMember
from anycord.models import PartialMessage as PartialMessage
from anycord.models import PartialOAuth2Token as PartialOAuth2Token
from anycord.models import PartialRole as PartialRole
from anycord.models import PartialSticker as PartialSticker
from anycord.models import PartialUser as PartialUser
from anycord.models import PartialWebhook as PartialWebhook
from anycord.models import PermissibleGuildChannel as PermissibleGuildChannel
from anycord.models import PermissionOverwrite as PermissionOverwrite
from anycord.models import PermissionOverwriteType as PermissionOverwriteType
from anycord.models import PingInteraction as PingInteraction
from anycord.models import Poll as Poll
from anycord.models import PollAnswer as PollAnswer
from anycord.models import PollAnswerCount as PollAnswerCount
from anycord.models import PollBuilder as PollBuilder
from anycord.models import PollLayoutType as PollLayoutType
from anycord.models import PollMedia as PollMedia
from anycord.models import PollResults as PollResults
from anycord.models import PremiumType as PremiumType
from anycord.models import PrimaryGuild as PrimaryGuild
from anycord.models import PrivateChannel as PrivateChannel
from anycord.models import RadioGroupComponent as RadioGroupComponent
from anycord.models import Reaction as Reaction
from anycord.models import ReactionCountDetails as ReactionCountDetails
from anycord.models import ReadyData as ReadyData
from anycord.models import RecurrenceRule as RecurrenceRule
from anycord.models import RecurrenceRuleFrequency as RecurrenceRuleFrequency
from anycord.models import RecurrenceRuleNWeekday as RecurrenceRuleNWeekday
from anycord.models import ResolvedOptionData as ResolvedOptionData
from anycord.models import ResponseType as ResponseType
from anycord.models import RESTGuild as RESTGuild
from anycord.models import RichActivity as RichActivity
from anycord.models import Role as Role
from anycord.models import RoleColors as RoleColors
from anycord.models import RoleFlag as RoleFlag
from anycord.models import RoleSelectMenuComponent as RoleSelectMenuComponent
from anycord.models import RoleSubscriptionData as RoleSubscriptionData
from anycord.models import RoleTags as RoleTags
from anycord.models import ScheduledEvent as ScheduledEvent
from anycord.models import ScheduledEventStatus as ScheduledEventStatus
from anycord.models import ScheduledEventType as ScheduledEventType
from anycord.models import ScheduledEventUser as ScheduledEventUser
from anycord.models import ScheduledExternalEvent as ScheduledExternalEvent
from anycord.models import ScheduledStageEvent as ScheduledStageEvent
from anycord.models import ScheduledVoiceEvent as ScheduledVoiceEvent
from anycord.models import SectionComponent as SectionComponent
from anycord.models import SelectDefaultValue as SelectDefaultValue
from anycord.models import SelectDefaultValueType as SelectDefaultValueType
from anycord.models import SelectMenuComponent as SelectMenuComponent
from anycord.models import SelectMenuOption as SelectMenuOption
from anycord.models import SeparatorComponent as SeparatorComponent
from anycord.models import SessionStartLimit as SessionStartLimit
from anycord.models import SKUFlags as SKUFlags
from anycord.models import SKUType as SKUType
from anycord.models import SlashCommand as SlashCommand
from anycord.models import SlashCommandBuilder as SlashCommandBuilder
from anycord.models import SoundboardSound as SoundboardSound
from anycord.models import SpacingType as SpacingType
from anycord.models import SpamTrigger as SpamTrigger
from anycord.models import StageInstance as StageInstance
from anycord.models import StagePrivacyLevel as StagePrivacyLevel
from anycord.models import StandardSticker as StandardSticker
from anycord.models import Status as Status
from anycord.models import StatusDisplayType as StatusDisplayType
from anycord.models import StickerFormatType as StickerFormatType
from anycord.models import StickerPack as StickerPack
from anycord.models import StickerType as StickerType
from anycord.models import Subscription as Subscription
from anycord.models import SubscriptionStatus as SubscriptionStatus
from anycord.models import TargetType as TargetType
from anycord.models import Team as Team
from anycord.models import TeamMember as TeamMember
from anycord.models import TeamMemberRole as TeamMemberRole
from anycord.models import TeamMembershipState as TeamMembershipState
from anycord.models import Template as Template
from anycord.models import TextableChannel as TextableChannel
from anycord.models import TextDisplayComponent as TextDisplayComponent
from anycord.models import TextInputComponent as TextInputComponent
from anycord.models import TextInputStyle as TextInputStyle
from anycord.models import TextSelectMenuComponent as TextSelectMenuComponent
from anycord.models import ThreadMember as ThreadMember
from anycord.models import ThreadMemberFlag as ThreadMemberFlag
from anycord.models import ThreadMetadata as ThreadMetadata
from anycord.models import ThumbnailComponent as ThumbnailComponent
from anycord.models import UnavailableGuild as UnavailableGuild
from anycord.models import UnicodeEmoji as UnicodeEmoji
from anycord.models import UnknownAutoModAction as UnknownAutoModAction
from anycord.models import UnknownAutoModTrigger as UnknownAutoModTrigger
from anycord.models import UnknownComponent as UnknownComponent
from anycord.models import User as User
from anycord.models import UserFlag as UserFlag
from anycord.models import UserSelectMenuComponent as UserSelectMenuComponent
from anycord.models import VanityURL as VanityURL
from anycord.models import VideoQualityMode as VideoQualityMode
from anycord.models import VoiceRegion as VoiceRegion
from anycord.models import VoiceState as VoiceState
from anycord.models import WebhookType as WebhookType
from anycord.models import WelcomeChannel as WelcomeChannel
from anycord.models import WelcomeScreen as WelcomeScreen
from anycord.models import cdn as cdn
from anycord.models.applications import (
    ApplicationEventWebhookStatus as ApplicationEventWebhookStatus,
)
from anycord.models.applications import (
    ApplicationRoleConnectionMetadataRecord as ApplicationRoleConnectionMetadataRecord,
)
from anycord.models.applications import (
    ApplicationRoleConnectionMetadataRecordType as ApplicationRoleConnectionMetadataRecordType,
)
from anycord.models.commands import ApplicationContextType as ApplicationContextType
from anycord.models.component_builders import ChannelSelectMenuBuilder as ChannelSelectMenuBuilder
from anycord.models.component_builders import InteractiveButtonBuilder as InteractiveButtonBuilder
from anycord.models.component_builders import LinkButtonBuilder as LinkButtonBuilder
from anycord.models.component_builders import MessageActionRowBuilder as MessageActionRowBuilder
from anycord.models.component_builders import PremiumButtonBuilder as PremiumButtonBuilder
from anycord.models.component_builders import SelectMenuBuilder as SelectMenuBuilder
from anycord.models.component_builders import SelectOptionBuilder as SelectOptionBuilder
from anycord.models.component_builders import TextSelectMenuBuilder as TextSelectMenuBuilder
from anycord.models.components import MessageActionRowComponent as MessageActionRowComponent
from anycord.models.components import ModalActionRowComponent as ModalActionRowComponent
from anycord.models.interactions import ModalResponseMixin as ModalResponseMixin
from anycord.models.invites import InviteFlags as InviteFlags
from anycord.models.layout_builders import ContainerComponentBuilder as ContainerComponentBuilder
from anycord.models.layout_builders import FileComponentBuilder as FileComponentBuilder
from anycord.models.layout_builders import (
    MediaGalleryComponentBuilder as MediaGalleryComponentBuilder,
)
from anycord.models.layout_builders import MediaGalleryItemBuilder as MediaGalleryItemBuilder
from anycord.models.layout_builders import SectionComponentBuilder as SectionComponentBuilder
from anycord.models.layout_builders import SeparatorComponentBuilder as SeparatorComponentBuilder
from anycord.models.layout_builders import (
    TextDisplayComponentBuilder as TextDisplayComponentBuilder,
)
from anycord.models.layout_builders import ThumbnailComponentBuilder as ThumbnailComponentBuilder
from anycord.models.modal_builders import FileUploadComponentBuilder as FileUploadComponentBuilder
from anycord.models.modal_builders import LabelComponentBuilder as LabelComponentBuilder
from anycord.models.modal_builders import ModalActionRowBuilder as ModalActionRowBuilder
from anycord.models.modal_builders import TextInputBuilder as TextInputBuilder
from anycord.models.scheduled_events import (
    ScheduledEventRecurrenceFrequency as ScheduledEventRecurrenceFrequency,
)
from anycord.models.scheduled_events import (
    ScheduledEventRecurrenceNWeekday as ScheduledEventRecurrenceNWeekday,
)
from anycord.models.scheduled_events import (
    ScheduledEventRecurrenceRule as ScheduledEventRecurrenceRule,
)
from anycord.models.stage_instances import StageInstancePrivacyLevel as StageInstancePrivacyLevel
from anycord.permissions import Permissions as Permissions
from anycord.rest.app import RESTApp as RESTApp
from anycord.rest.builders import AUTO_ARCHIVE_DURATIONS as AUTO_ARCHIVE_DURATIONS
from anycord.rest.builders import AutoModRuleBuilder as AutoModRuleBuilder
from anycord.rest.builders import OnboardingOptionBuilder as OnboardingOptionBuilder
from anycord.rest.builders import OnboardingPromptBuilder as OnboardingPromptBuilder
from anycord.rest.builders import ScheduledEventBuilder as ScheduledEventBuilder
from anycord.rest.builders import ThreadSettings as ThreadSettings
from anycord.rest.builders import build_onboarding as build_onboarding
from anycord.rest.client import RESTClient as RESTClient
from anycord.rest.pagination import LazyIterator as LazyIterator
from anycord.rest.pagination import Paginator as Paginator
from anycord.rest.tokens import ClientCredentialsStrategy as ClientCredentialsStrategy
from anycord.rest.tokens import StaticToken as StaticToken
from anycord.rest.tokens import TokenStrategy as TokenStrategy
from anycord.rest.tokens import TokenType as TokenType
from anycord.snowflakes import SearchableSnowflakeish as SearchableSnowflakeish
from anycord.snowflakes import SearchableSnowflakeishOr as SearchableSnowflakeishOr
from anycord.snowflakes import Snowflake as Snowflake
from anycord.snowflakes import Snowflakeish as Snowflakeish
from anycord.snowflakes import SnowflakeishOr as SnowflakeishOr
from anycord.snowflakes import SnowflakeishSequence as SnowflakeishSequence
from anycord.snowflakes import Unique as Unique
from anycord.snowflakes import calculate_shard_id as calculate_shard_id
from anycord.traits import RESTAware as RESTAware
from anycord.undefined import UNDEFINED as UNDEFINED
from anycord.undefined import UndefinedNoneOr as UndefinedNoneOr
from anycord.undefined import UndefinedOr as UndefinedOr
from anycord.undefined import UndefinedType as UndefinedType
from anycord.urls import API_VERSION as API_VERSION
from anycord.urls import BASE_URL as BASE_URL
from anycord.urls import CDN_URL as CDN_URL
from anycord.urls import MEDIA_PROXY_URL as MEDIA_PROXY_URL
from anycord.urls import REST_API_URL as REST_API_URL
from anycord.voice import VoiceComponent as VoiceComponent
from anycord.voice import VoiceConnection as VoiceConnection
from anycord.voice import VoiceCredentials as VoiceCredentials

__all__ = [
    "API_VERSION",
    "AUTO_ARCHIVE_DURATIONS",
    "BASE_URL",
    "CDN_URL",
    "EMBED_LIMITS",
    "MEDIA_PROXY_URL",
    "POLL_LIMITS",
    "REST_API_URL",
    "SKU",
    "UNDEFINED",
    "URL",
    "ActionRow",
    "ActionRowComponent",
    "Activity",
    "ActivityAssets",
    "ActivityFlag",
    "ActivityInstance",
    "ActivityLocation",
    "ActivityParty",
    "ActivitySecret",
    "ActivityTimestamps",
    "ActivityType",
    "AllowedMentions",
    "AnycordError",
    "Application",
    "ApplicationCommandPermissions",
    "ApplicationCommandPermissionsUpdateEvent",
    "ApplicationContextType",
    "ApplicationEmoji",
    "ApplicationEventWebhookStatus",
    "ApplicationFlags",
    "ApplicationIntegrationType",
    "ApplicationRoleConnectionMetadataRecord",
    "ApplicationRoleConnectionMetadataRecordType",
    "ApplicationWebhook",
    "AsgiAdapter",
    "AsgiBot",
    "AsyncIteratorResource",
    "Attachment",
    "AttachmentFlag",
    "AuditLog",
    "AuditLogChange",
    "AuditLogChangeKey",
    "AuditLogEntry",
    "AuditLogEntryCreateEvent",
    "AuditLogEntryInfo",
    "AuditLogEventType",
    "AuditLogIntegration",
    "AuthorizationInformation",
    "AutoModAction",
    "AutoModActionExecutionEvent",
    "AutoModActionType",
    "AutoModBlockMemberInteraction",
    "AutoModBlockMessage",
    "AutoModEvent",
    "AutoModEventType",
    "AutoModKeywordPresetType",
    "AutoModRule",
    "AutoModRuleBuilder",
    "AutoModRuleCreateEvent",
    "AutoModRuleDeleteEvent",
    "AutoModRuleUpdateEvent",
    "AutoModSendAlertMessage",
    "AutoModTimeout",
    "AutoModTrigger",
    "AutoModTriggerType",
    "AutoModerationActionExecution",
    "AutocompleteChoiceBuilder",
    "AutocompleteInteraction",
    "AutocompleteInteractionCreateEvent",
    "BadRequestError",
    "BanCreateEvent",
    "BanDeleteEvent",
    "BanEvent",
    "BasicAuthHeader",
    "BulkDeleteError",
    "ButtonComponent",
    "ButtonStyle",
    "Bytes",
    "Cache",
    "CacheAware",
    "CacheComponents",
    "CacheSettings",
    "CacheView",
    "ChannelEvent",
    "ChannelFlag",
    "ChannelFollow",
    "ChannelFollowerWebhook",
    "ChannelInfoEvent",
    "ChannelMention",
    "ChannelSelectMenuBuilder",
    "ChannelSelectMenuComponent",
    "ChannelType",
    "CheckboxComponent",
    "CheckboxGroupComponent",
    "ClientCredentialsStrategy",
    "ClientHTTPResponseError",
    "ClientStatus",
    "CloseAction",
    "CloudflareBanError",
    "Color",
    "Colorish",
    "Colour",
    "Colourish",
    "CommandBuilder",
    "CommandChoice",
    "CommandInteraction",
    "CommandInteractionCreateEvent",
    "CommandInteractionOption",
    "CommandOption",
    "CommandPermission",
    "CommandPermissionType",
    "CommandType",
    "ComponentClosedError",
    "ComponentInteraction",
    "ComponentInteractionCreateEvent",
    "ComponentStateConflictError",
    "ComponentType",
    "ContainerComponent",
    "ContainerComponentBuilder",
    "ContextMenuCommand",
    "ContextMenuCommandBuilder",
    "CustomEmoji",
    "DMChannel",
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
    "DispatchHandle",
    "Embed",
    "EmbedAuthor",
    "EmbedField",
    "EmbedFooter",
    "EmbedImage",
    "EmbedMediaFlag",
    "EmbedProvider",
    "EmbedVideo",
    "Emoji",
    "EmojisUpdateEvent",
    "EmptyCacheView",
    "Entitlement",
    "EntitlementCreateEvent",
    "EntitlementDeleteEvent",
    "EntitlementEvent",
    "EntitlementOwnerType",
    "EntitlementType",
    "EntitlementUpdateEvent",
    "EntryPointCommand",
    "EntryPointCommandBuilder",
    "EntryPointHandlerType",
    "Event",
    "EventApp",
    "EventManager",
    "EventPrivacyLevel",
    "EventStream",
    "ExceptionEvent",
    "File",
    "FileComponent",
    "FileComponentBuilder",
    "FileUploadComponent",
    "FileUploadComponentBuilder",
    "ForbiddenError",
    "ForumLayoutType",
    "ForumSortOrderType",
    "ForumTag",
    "GatewayBot",
    "GatewayBotInfo",
    "GatewayConnectionError",
    "GatewayError",
    "GatewayFatalCloseError",
    "GatewayGuild",
    "GatewayGuildDefinition",
    "GatewayInfo",
    "GatewayProtocol",
    "GatewayServerClosedConnectionError",
    "GatewayShard",
    "GatewayTransportError",
    "GroupDMChannel",
    "GroupOption",
    "Guild",
    "GuildAvailableEvent",
    "GuildBan",
    "GuildBulkMessageDeleteEvent",
    "GuildCategory",
    "GuildChannel",
    "GuildChannelCreateEvent",
    "GuildChannelDeleteEvent",
    "GuildChannelEvent",
    "GuildChannelUpdateEvent",
    "GuildCommandPermissions",
    "GuildEvent",
    "GuildExplicitContentFilterLevel",
    "GuildFeature",
    "GuildForumChannel",
    "GuildIntegrationsUpdateEvent",
    "GuildJoinEvent",
    "GuildLeaveEvent",
    "GuildMFALevel",
    "GuildMediaChannel",
    "GuildMessageCreateEvent",
    "GuildMessageDeleteEvent",
    "GuildMessageNotificationsLevel",
    "GuildMessageUpdateEvent",
    "GuildNSFWLevel",
    "GuildNewsChannel",
    "GuildNewsThread",
    "GuildOnboarding",
    "GuildOnboardingMode",
    "GuildPinsUpdateEvent",
    "GuildPremiumTier",
    "GuildPreview",
    "GuildPrivateThread",
    "GuildPublicThread",
    "GuildReactionAddEvent",
    "GuildReactionDeleteAllEvent",
    "GuildReactionDeleteEmojiEvent",
    "GuildReactionDeleteEvent",
    "GuildReactionEvent",
    "GuildStageChannel",
    "GuildSticker",
    "GuildSystemChannelFlag",
    "GuildTemplate",
    "GuildTextChannel",
    "GuildThreadAccessEvent",
    "GuildThreadChannel",
    "GuildThreadCreateEvent",
    "GuildThreadDeleteEvent",
    "GuildThreadEvent",
    "GuildThreadHostChannel",
    "GuildThreadUpdateEvent",
    "GuildTypingEvent",
    "GuildUnavailableEvent",
    "GuildUpdateEvent",
    "GuildVerificationLevel",
    "GuildVisibilityEvent",
    "GuildVoiceChannel",
    "GuildWebhook",
    "GuildWidget",
    "GuildWidgetInfo",
    "HTTPError",
    "HTTPResponseError",
    "HTTPSettings",
    "HTTPTimeoutSettings",
    "Health",
    "HealthServer",
    "HikariError",
    "IdentifyGate",
    "IncomingWebhook",
    "InstallParameters",
    "Integration",
    "IntegrationAccount",
    "IntegrationApplication",
    "IntegrationCreateEvent",
    "IntegrationDeleteEvent",
    "IntegrationEvent",
    "IntegrationExpireBehaviour",
    "IntegrationType",
    "IntegrationTypeConfig",
    "IntegrationUpdateEvent",
    "Intents",
    "InteractionAutocompleteBuilder",
    "InteractionContextType",
    "InteractionCreateEvent",
    "InteractionDeferredBuilder",
    "InteractionLaunchActivityBuilder",
    "InteractionMember",
    "InteractionMessageBuilder",
    "InteractionModalBuilder",
    "InteractionPongBuilder",
    "InteractionResponseBuilder",
    "InteractionServer",
    "InteractionType",
    "InteractionVerificationError",
    "InteractiveButtonBuilder",
    "InternalServerError",
    "Invite",
    "InviteCreateEvent",
    "InviteDeleteEvent",
    "InviteEvent",
    "InviteFlag",
    "InviteFlags",
    "InviteGuild",
    "InviteType",
    "InviteWithMetadata",
    "KeywordPresetTrigger",
    "KeywordTrigger",
    "KnownCustomEmoji",
    "LabelComponent",
    "LabelComponentBuilder",
    "LazyIterator",
    "LifetimeEvent",
    "LinkButtonBuilder",
    "LocalIdentifyGate",
    "MalformedResponseError",
    "MediaGalleryComponent",
    "MediaGalleryComponentBuilder",
    "MediaGalleryItem",
    "MediaGalleryItemBuilder",
    "MediaItemFlag",
    "MediaResource",
    "Member",
    "MemberChunk",
    "MemberChunkEvent",
    "MemberCreateEvent",
    "MemberDeleteEvent",
    "MemberEvent",
    "MemberFlag",
    "MemberPresence",
    "MemberProfileTrigger",
    "MemberUpdateEvent",
    "MentionSpamTrigger",
    "Mentions",
    "Message",
    "MessageActionRowBuilder",
    "MessageActionRowComponent",
    "MessageActivity",
    "MessageActivityType",
    "MessageApplication",
    "MessageCall",
    "MessageCreateEvent",
    "MessageDeleteEvent",
    "MessageEvent",
    "MessageFlag",
    "MessageInteraction",
    "MessageInteractionMetadata",
    "MessageReference",
    "MessageReferenceType",
    "MessageResponseMixin",
    "MessageSnapshot",
    "MessageType",
    "MessageUpdateEvent",
    "MissingIntentError",
    "MissingIntentWarning",
    "ModalActionRowBuilder",
    "ModalActionRowComponent",
    "ModalInteraction",
    "ModalInteractionCreateEvent",
    "ModalResponseMixin",
    "NotFoundError",
    "OAuth2AuthorizationToken",
    "OAuth2Scope",
    "OnboardingOptionBuilder",
    "OnboardingPrompt",
    "OnboardingPromptBuilder",
    "OnboardingPromptOption",
    "OnboardingPromptType",
    "Opcode",
    "OptionType",
    "OrchestratorWorkerError",
    "OwnUser",
    "OwnUserUpdateEvent",
    "Paginator",
    "PartialChannel",
    "PartialCommand",
    "PartialComponent",
    "PartialGuild",
    "PartialInteraction",
    "PartialMember",
    "PartialMessage",
    "PartialOAuth2Token",
    "PartialRole",
    "PartialSticker",
    "PartialUser",
    "PartialWebhook",
    "Pathish",
    "PermissibleGuildChannel",
    "PermissionOverwrite",
    "PermissionOverwriteType",
    "Permissions",
    "PingInteraction",
    "PinsUpdateEvent",
    "Poll",
    "PollAnswer",
    "PollAnswerCount",
    "PollBuilder",
    "PollLayoutType",
    "PollMedia",
    "PollResults",
    "PollVoteCreateEvent",
    "PollVoteDeleteEvent",
    "PollVoteEvent",
    "PremiumButtonBuilder",
    "PremiumType",
    "PresenceUpdateEvent",
    "PrimaryGuild",
    "PrivateChannel",
    "ProxySettings",
    "RESTApp",
    "RESTAware",
    "RESTBot",
    "RESTClient",
    "RESTGuild",
    "RadioGroupComponent",
    "RateLimitTooLongError",
    "RateLimitedError",
    "Rawish",
    "Reaction",
    "ReactionAddEvent",
    "ReactionCountDetails",
    "ReactionDeleteAllEvent",
    "ReactionDeleteEmojiEvent",
    "ReactionDeleteEvent",
    "ReactionEvent",
    "ReadyData",
    "RecurrenceRule",
    "RecurrenceRuleFrequency",
    "RecurrenceRuleNWeekday",
    "ResolvedOptionData",
    "Resource",
    "ResourceFetchError",
    "Resourceish",
    "Response",
    "ResponseType",
    "RichActivity",
    "Role",
    "RoleColors",
    "RoleCreateEvent",
    "RoleDeleteEvent",
    "RoleEvent",
    "RoleFlag",
    "RoleSelectMenuComponent",
    "RoleSubscriptionData",
    "RoleTags",
    "RoleUpdateEvent",
    "SKUFlags",
    "SKUType",
    "ScheduledEvent",
    "ScheduledEventBuilder",
    "ScheduledEventCreateEvent",
    "ScheduledEventDeleteEvent",
    "ScheduledEventEvent",
    "ScheduledEventRecurrenceFrequency",
    "ScheduledEventRecurrenceNWeekday",
    "ScheduledEventRecurrenceRule",
    "ScheduledEventStatus",
    "ScheduledEventType",
    "ScheduledEventUpdateEvent",
    "ScheduledEventUser",
    "ScheduledEventUserAddEvent",
    "ScheduledEventUserRemoveEvent",
    "ScheduledExternalEvent",
    "ScheduledStageEvent",
    "ScheduledVoiceEvent",
    "SearchableSnowflakeish",
    "SearchableSnowflakeishOr",
    "SectionComponent",
    "SectionComponentBuilder",
    "SelectDefaultValue",
    "SelectDefaultValueType",
    "SelectMenuBuilder",
    "SelectMenuComponent",
    "SelectMenuOption",
    "SelectOptionBuilder",
    "SendLimiter",
    "SeparatorComponent",
    "SeparatorComponentBuilder",
    "ServedFromURL",
    "SessionBudgetExhaustedError",
    "SessionStartLimit",
    "ShardBoundEvent",
    "ShardCloseCode",
    "ShardConnectedEvent",
    "ShardDisconnectedEvent",
    "ShardEvent",
    "ShardEventSink",
    "ShardPayloadEvent",
    "ShardRateLimitedEvent",
    "ShardReadyEvent",
    "ShardResumedEvent",
    "ShardState",
    "ShardStateEvent",
    "SlashCommand",
    "SlashCommandBuilder",
    "Snowflake",
    "Snowflakeish",
    "SnowflakeishOr",
    "SnowflakeishSequence",
    "SoundboardSound",
    "SoundboardSoundCreateEvent",
    "SoundboardSoundDeleteEvent",
    "SoundboardSoundEvent",
    "SoundboardSoundUpdateEvent",
    "SoundboardSoundsEvent",
    "SoundboardSoundsUpdateEvent",
    "SpacingType",
    "SpamTrigger",
    "StageInstance",
    "StageInstanceCreateEvent",
    "StageInstanceDeleteEvent",
    "StageInstanceEvent",
    "StageInstancePrivacyLevel",
    "StageInstanceUpdateEvent",
    "StagePrivacyLevel",
    "StandardSticker",
    "StartedEvent",
    "StartingEvent",
    "StaticToken",
    "Status",
    "StatusDisplayType",
    "StickerFormatType",
    "StickerPack",
    "StickerType",
    "StickersUpdateEvent",
    "StoppedEvent",
    "StoppingEvent",
    "Subscription",
    "SubscriptionCreateEvent",
    "SubscriptionDeleteEvent",
    "SubscriptionEvent",
    "SubscriptionStatus",
    "SubscriptionUpdateEvent",
    "TargetType",
    "Team",
    "TeamMember",
    "TeamMemberRole",
    "TeamMembershipState",
    "Template",
    "TextDisplayComponent",
    "TextDisplayComponentBuilder",
    "TextInputBuilder",
    "TextInputComponent",
    "TextInputStyle",
    "TextSelectMenuBuilder",
    "TextSelectMenuComponent",
    "TextableChannel",
    "ThreadListSyncEvent",
    "ThreadMember",
    "ThreadMemberFlag",
    "ThreadMemberUpdateEvent",
    "ThreadMembersUpdateEvent",
    "ThreadMetadata",
    "ThreadSettings",
    "ThumbnailComponent",
    "ThumbnailComponentBuilder",
    "TokenStrategy",
    "TokenType",
    "TypingEvent",
    "UnauthorizedError",
    "UnavailableGuild",
    "UndefinedNoneOr",
    "UndefinedOr",
    "UndefinedType",
    "UnicodeEmoji",
    "Unique",
    "UnknownAutoModAction",
    "UnknownAutoModTrigger",
    "UnknownComponent",
    "UnrecognisedEntityError",
    "User",
    "UserFlag",
    "UserSelectMenuComponent",
    "VanityURL",
    "VideoQualityMode",
    "VoiceChannelEffectSendEvent",
    "VoiceChannelStartTimeUpdateEvent",
    "VoiceChannelStatusUpdateEvent",
    "VoiceComponent",
    "VoiceConnection",
    "VoiceCredentials",
    "VoiceEvent",
    "VoiceRegion",
    "VoiceServerUpdateEvent",
    "VoiceState",
    "VoiceStateUpdateEvent",
    "WebhookType",
    "WebhookUpdateEvent",
    "WelcomeChannel",
    "WelcomeScreen",
    "ZlibStreamInflater",
    "ZstdStreamInflater",
    "available_compressions",
    "build_onboarding",
    "calculate_shard_id",
    "cdn",
    "ensure_resource",
    "error_for_status",
]
