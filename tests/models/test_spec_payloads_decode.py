"""Every entity decoder accepts every payload Discord's OpenAPI spec allows for its schema.

Payloads come from `tests.openapi_strategies`: optional fields absent, nullable fields null,
unknown extra keys, enum values the spec does not list yet, snowflakes as strings. `DECODED_AS`
maps each spec schema to the models decoded from it; `WITHOUT_SCHEMA` names the decoders the
spec has no schema for, with the reason. A decoder registered in `anycord.serde` that is in
neither table fails `test_every_decoder_has_a_row`, so a new model cannot skip this test.

Each schema gets `EXAMPLES` payloads (10; every run draws new ones). A deep run, e.g. before
touching `anycord.serde` or after updating the vendored spec:

    ANYCORD_SPEC_EXAMPLES=500 python -m pytest tests/models/test_spec_payloads_decode.py
"""

from __future__ import annotations

import os
import typing

import pytest
from hypothesis import HealthCheck, given, settings

from anycord import models
from anycord.models import channels, commands, components, emojis, interactions, webhooks
from anycord.serde import decode
from anycord.serde._core import registered_models
from tests.openapi_strategies import payloads_for, schema_names

_COMPONENTS = tuple(
    cls for cls in registered_models() if issubclass(cls, components.PartialComponent)
)
_GUILD_CHANNELS = tuple(
    cls
    for cls in registered_models()
    if issubclass(cls, channels.GuildChannel) and not issubclass(cls, models.GuildThreadChannel)
)
_THREADS = tuple(cls for cls in registered_models() if issubclass(cls, models.GuildThreadChannel))
_COMMANDS = tuple(cls for cls in registered_models() if issubclass(cls, commands.PartialCommand))
_WEBHOOKS = tuple(cls for cls in registered_models() if issubclass(cls, webhooks.PartialWebhook))
_SCHEDULED = tuple(cls for cls in registered_models() if issubclass(cls, models.ScheduledEvent))

DECODED_AS: dict[str, tuple[type, ...]] = {
    # users, members, roles
    "UserResponse": (models.User, models.PartialUser),
    "UserPIIResponse": (models.OwnUser, models.User),
    "GuildMemberResponse": (models.Member,),
    "PrivateGuildMemberResponse": (models.Member,),
    "BasicGuildMemberResponse": (models.PartialMember,),
    "GuildRoleResponse": (models.Role, models.PartialRole),
    "InviteGuildRoleResponse": (models.PartialRole,),
    "GuildRoleTagsResponse": (models.RoleTags,),
    # guilds
    "GuildResponse": (models.RESTGuild, models.Guild, models.GatewayGuild),
    "GuildWithCountsResponse": (models.RESTGuild,),
    "MyGuildResponse": (models.PartialGuild,),
    "InviteGuildResponse": (models.PartialGuild,),
    "GuildPreviewResponse": (models.GuildPreview,),
    "WidgetResponse": (models.GuildWidgetInfo,),
    "WidgetSettingsResponse": (models.GuildWidget,),
    "GuildWelcomeScreenResponse": (models.WelcomeScreen,),
    "GuildOnboardingResponse": (models.GuildOnboarding,),
    "GuildBanResponse": (models.GuildBan,),
    "VanityURLResponse": (models.VanityURL,),
    "DiscordIntegrationResponse": (models.Integration,),
    "ExternalConnectionIntegrationResponse": (models.Integration,),
    "GuildSubscriptionIntegrationResponse": (models.Integration,),
    "GuildTemplateResponse": (models.Template,),
    # channels and threads
    "GuildChannelResponse": (*_GUILD_CHANNELS, models.PartialChannel),
    "PrivateChannelResponse": (channels.DMChannel, models.PartialChannel),
    "PrivateGroupChannelResponse": (channels.GroupDMChannel, models.PartialChannel),
    "ChannelPermissionOverwriteResponse": (models.PermissionOverwrite,),
    "ForumTagResponse": (models.ForumTag,),
    "ThreadResponse": (*_THREADS, models.PartialChannel),
    "ThreadMetadataResponse": (models.ThreadMetadata,),
    "ThreadMemberResponse": (models.ThreadMember,),
    "StageInstanceResponse": (models.StageInstance,),
    "VoiceStateResponse": (models.VoiceState,),
    "VoiceRegionResponse": (models.VoiceRegion,),
    # messages
    "MessageResponse": (models.Message, models.PartialMessage),
    "BasicMessageResponse": (models.Message, models.PartialMessage),
    "MessageAttachmentResponse": (models.Attachment,),
    "MessageEmbedResponse": (models.Embed,),
    "MessageReactionResponse": (models.Reaction,),
    "MessageReferenceResponse": (models.MessageReference,),
    "MessageSnapshotResponse": (models.MessageSnapshot,),
    "MessageAllowedMentionsRequest": (models.AllowedMentions,),
    "ApplicationCommandInteractionMetadataResponse": (models.MessageInteractionMetadata,),
    "MessageComponentInteractionMetadataResponse": (models.MessageInteractionMetadata,),
    "ModalSubmitInteractionMetadataResponse": (models.MessageInteractionMetadata,),
    "PollResponse": (models.Poll,),
    "ActionRowComponentResponse": _COMPONENTS,
    "ButtonComponentResponse": _COMPONENTS,
    "ChannelSelectComponentResponse": _COMPONENTS,
    "ContainerComponentResponse": _COMPONENTS,
    "FileComponentResponse": _COMPONENTS,
    "MediaGalleryComponentResponse": _COMPONENTS,
    "MentionableSelectComponentResponse": _COMPONENTS,
    "RoleSelectComponentResponse": _COMPONENTS,
    "SectionComponentResponse": _COMPONENTS,
    "SeparatorComponentResponse": _COMPONENTS,
    "StringSelectComponentResponse": _COMPONENTS,
    "TextDisplayComponentResponse": _COMPONENTS,
    "TextInputComponentResponse": _COMPONENTS,
    "ThumbnailComponentResponse": _COMPONENTS,
    "UserSelectComponentResponse": _COMPONENTS,
    # emojis, stickers, soundboard
    "EmojiResponse": (emojis.CustomEmoji, models.KnownCustomEmoji, models.ApplicationEmoji),
    "GuildStickerResponse": (models.GuildSticker,),
    "StandardStickerResponse": (models.StandardSticker,),
    "MessageStickerItemResponse": (models.PartialSticker,),
    "StickerPackResponse": (models.StickerPack,),
    "SoundboardSoundResponse": (models.SoundboardSound,),
    # applications, commands, monetization
    "ApplicationResponse": (models.Application,),
    "PrivateApplicationResponse": (models.Application,),
    "TeamResponse": (models.Team,),
    "ApplicationRoleConnectionsMetadataItemResponse": (models.ApplicationRoleConnectionMetadata,),
    "EmbeddedActivityInstance": (models.ActivityInstance,),
    "OAuth2GetAuthorizationResponse": (models.AuthorizationInformation,),
    "ApplicationCommandResponse": _COMMANDS,
    "ApplicationCommandCreateRequest": tuple(
        cls for cls in registered_models() if issubclass(cls, commands.CommandBuilder)
    ),
    "ApplicationCommandAttachmentOptionResponse": (models.CommandOption,),
    "ApplicationCommandBooleanOptionResponse": (models.CommandOption,),
    "ApplicationCommandChannelOptionResponse": (models.CommandOption,),
    "ApplicationCommandIntegerOptionResponse": (models.CommandOption,),
    "ApplicationCommandMentionableOptionResponse": (models.CommandOption,),
    "ApplicationCommandNumberOptionResponse": (models.CommandOption,),
    "ApplicationCommandRoleOptionResponse": (models.CommandOption,),
    "ApplicationCommandStringOptionResponse": (models.CommandOption,),
    "ApplicationCommandSubcommandGroupOptionResponse": (models.CommandOption,),
    "ApplicationCommandSubcommandOptionResponse": (models.CommandOption,),
    "ApplicationCommandUserOptionResponse": (models.CommandOption,),
    "ApplicationCommandOptionStringChoiceResponse": (models.CommandChoice,),
    "ApplicationCommandOptionIntegerChoiceResponse": (models.CommandChoice,),
    "ApplicationCommandOptionNumberChoiceResponse": (models.CommandChoice,),
    "CommandPermissionResponse": (models.CommandPermission,),
    "CommandPermissionsResponse": (models.GuildCommandPermissions,),
    "EntitlementResponse": (models.Entitlement,),
    "SubscriptionResponse": (models.Subscription,),
    # webhooks, invites, audit logs, auto moderation, scheduled events
    "ApplicationIncomingWebhookResponse": _WEBHOOKS,
    "ChannelFollowerWebhookResponse": _WEBHOOKS,
    "GuildIncomingWebhookResponse": _WEBHOOKS,
    "FriendInviteResponse": (models.Invite,),
    "GroupDMInviteResponse": (models.Invite,),
    "GuildInviteResponse": (models.Invite, models.InviteWithMetadata),
    "GuildAuditLogResponse": (models.AuditLog,),
    "AuditLogEntryResponse": (models.AuditLogEntry,),
    "PartialDiscordIntegrationResponse": (models.AuditLogIntegration,),
    "PartialExternalConnectionIntegrationResponse": (models.AuditLogIntegration,),
    "PartialGuildSubscriptionIntegrationResponse": (models.AuditLogIntegration,),
    "DefaultKeywordRuleResponse": (models.AutoModRule,),
    "KeywordRuleResponse": (models.AutoModRule,),
    "MLSpamRuleResponse": (models.AutoModRule,),
    "MentionSpamRuleResponse": (models.AutoModRule,),
    "UserProfileRuleResponse": (models.AutoModRule,),
    "BlockMessageActionResponse": (models.AutoModAction,),
    "FlagToChannelActionResponse": (models.AutoModAction,),
    "QuarantineUserActionResponse": (models.AutoModAction,),
    "UserCommunicationDisabledActionResponse": (models.AutoModAction,),
    "ScheduledEventResponse": _SCHEDULED,
    "ExternalScheduledEventResponse": _SCHEDULED,
    "StageScheduledEventResponse": _SCHEDULED,
    "VoiceScheduledEventResponse": _SCHEDULED,
    "ScheduledEventUserResponse": (models.ScheduledEventUser,),
    # the gateway's REST side
    "GatewayResponse": (models.GatewayInfo,),
    "GatewayBotResponse": (models.GatewayBotInfo,),
}
"""Spec schema → the models decoded from payloads of that schema."""

SUPPLIED_BY_CALLER: dict[str, dict[str, typing.Any]] = {
    "GuildMemberResponse": {"guild_id": "290926798626357999"},
    "PrivateGuildMemberResponse": {"guild_id": "290926798626357999"},
    "GuildRoleResponse": {"guild_id": "290926798626357999"},
}
"""Fields the REST client adds from the route before decoding (the guild of a member, a role)."""

_GATEWAY_ONLY = "a gateway-only object: the OpenAPI spec describes REST and has no schema for it"
WITHOUT_SCHEMA: dict[type, str] = {
    models.ReadyData: _GATEWAY_ONLY + " (READY)",
    models.MemberChunk: _GATEWAY_ONLY + " (GUILD_MEMBERS_CHUNK)",
    models.UnavailableGuild: _GATEWAY_ONLY + " (READY's guild stubs, GUILD_DELETE)",
    models.GatewayGuildDefinition: _GATEWAY_ONLY + " (GUILD_CREATE's gateway fields)",
    models.MemberPresence: _GATEWAY_ONLY + " (PRESENCE_UPDATE)",
    models.Activity: _GATEWAY_ONLY + " (presence activities)",
    models.RichActivity: _GATEWAY_ONLY + " (presence activities)",
    models.AutoModerationActionExecution: _GATEWAY_ONLY + " (AUTO_MODERATION_ACTION_EXECUTION)",
    emojis.UnicodeEmoji: "the spec has no emoji object that is always a Unicode emoji",
    models.SKU: "the spec has no SKU object (GET /applications/{id}/skus is untyped there)",
    models.PartialOAuth2Token: "the OAuth2 token endpoint is outside the spec",
    models.OAuth2AuthorizationToken: "the OAuth2 token endpoint is outside the spec",
    models.InteractionMember: "interactions arrive by webhook or gateway: no spec schema",
    models.ResolvedOptionData: "interactions arrive by webhook or gateway: no spec schema",
    **{
        cls: "interactions arrive by webhook or gateway: no spec schema"
        for cls in registered_models()
        if issubclass(cls, interactions.PartialInteraction)
    },
}
"""Models with a decoder but no spec schema, and why."""

EXAMPLES = int(os.environ.get("ANYCORD_SPEC_EXAMPLES", "10"))
"""Payloads per schema: 10 by default (every run draws new ones), more for a deep run."""


def test_every_decoder_has_a_row() -> None:
    covered = {cls for row in DECODED_AS.values() for cls in row}
    missing = [
        cls.__qualname__ for cls in registered_models() if cls not in covered | set(WITHOUT_SCHEMA)
    ]
    assert missing == [], (
        f"add these decoders to DECODED_AS (or WITHOUT_SCHEMA, with a reason): {missing}"
    )
    both = sorted(cls.__qualname__ for cls in covered & set(WITHOUT_SCHEMA))
    assert both == []
    assert set(DECODED_AS) <= set(schema_names())


@pytest.mark.parametrize("schema_name", sorted(DECODED_AS))
def test_decoders_accept_what_the_spec_allows(schema_name: str) -> None:
    row = DECODED_AS[schema_name]

    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
    @given(payloads_for(schema_name, max_depth=2))
    def decodes(payload: dict[str, typing.Any]) -> None:
        payload = {**payload, **SUPPLIED_BY_CALLER.get(schema_name, {})}
        for model in row:
            decode(model, payload)

    decodes()
