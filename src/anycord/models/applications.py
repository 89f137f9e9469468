"""Applications: the application object, teams, install parameters, role connection
metadata, activity instances, and the OAuth2 shapes (scopes, authorization information,
access token responses).

Shapes from resources/application.mdx, resources/application-role-connection-metadata.mdx
and the OpenAPI schemas (TeamResponse, OAuth2GetAuthorizationResponse).
"""

from __future__ import annotations

import enum
import typing

import attrs

from anycord import enums
from anycord.models import cdn
from anycord.models.base import Unique
from anycord.models.users import UserFields
from anycord.undefined import UNDEFINED, UndefinedOr

if typing.TYPE_CHECKING:
    import datetime
    from collections.abc import Mapping, Sequence

    from anycord.models.channels import DMChannel
    from anycord.models.message_options import MessageCreateOptions
    from anycord.models.messages import Message
    from anycord.models.users import User, UserFlag
    from anycord.permissions import Permissions
    from anycord.snowflakes import Snowflake
    from anycord.traits import RESTAware

__all__ = [
    "ActivityInstance",
    "ActivityLocation",
    "Application",
    "ApplicationEventWebhookStatus",
    "ApplicationFlags",
    "ApplicationIntegrationType",
    "ApplicationRoleConnectionMetadata",
    "ApplicationRoleConnectionMetadataType",
    "AuthorizationInformation",
    "InstallParameters",
    "IntegrationTypeConfig",
    "OAuth2AuthorizationToken",
    "OAuth2Scope",
    "PartialOAuth2Token",
    "Team",
    "TeamMember",
    "TeamMemberRole",
    "TeamMembershipState",
]


class ApplicationIntegrationType(enums.IntEnum):
    """Where an application can be installed."""

    GUILD_INSTALL = 0
    USER_INSTALL = 1


class ApplicationFlags(enum.IntFlag, boundary=enum.KEEP):
    """Application flags."""

    NONE = 0
    APPLICATION_AUTO_MODERATION_RULE_CREATE_BADGE = 1 << 6
    GATEWAY_PRESENCE = 1 << 12
    GATEWAY_PRESENCE_LIMITED = 1 << 13
    GATEWAY_GUILD_MEMBERS = 1 << 14
    GATEWAY_GUILD_MEMBERS_LIMITED = 1 << 15
    VERIFICATION_PENDING_GUILD_LIMIT = 1 << 16
    EMBEDDED = 1 << 17
    GATEWAY_MESSAGE_CONTENT = 1 << 18
    GATEWAY_MESSAGE_CONTENT_LIMITED = 1 << 19
    APPLICATION_COMMAND_BADGE = 1 << 23


class ApplicationEventWebhookStatus(enums.IntEnum):
    """Whether webhook events are delivered."""

    DISABLED = 1
    ENABLED = 2
    DISABLED_BY_DISCORD = 3


class OAuth2Scope(enums.StrEnum):
    """OAuth2 scopes."""

    ACTIVITIES_READ = "activities.read"
    ACTIVITIES_WRITE = "activities.write"
    ACTIVITIES_INVITES_WRITE = "activities.invites.write"
    APPLICATIONS_BUILDS_READ = "applications.builds.read"
    APPLICATIONS_BUILDS_UPLOAD = "applications.builds.upload"
    APPLICATIONS_COMMANDS = "applications.commands"
    APPLICATIONS_COMMANDS_UPDATE = "applications.commands.update"
    APPLICATIONS_COMMANDS_PERMISSION_UPDATE = "applications.commands.permissions.update"
    APPLICATIONS_ENTITLEMENTS = "applications.entitlements"
    APPLICATIONS_STORE_UPDATE = "applications.store.update"
    BOT = "bot"
    CONNECTIONS = "connections"
    DM_CHANNELS_READ = "dm_channels.read"
    EMAIL = "email"
    GROUP_DM_JOIN = "gdm.join"
    GUILDS = "guilds"
    GUILDS_JOIN = "guilds.join"
    GUILDS_MEMBERS_READ = "guilds.members.read"
    IDENTIFY = "identify"
    MESSAGES_READ = "messages.read"
    OPENID = "openid"
    RELATIONSHIPS_READ = "relationships.read"
    ROLE_CONNECTIONS_WRITE = "role_connections.write"
    RPC = "rpc"
    RPC_ACTIVITIES_WRITE = "rpc.activities.write"
    RPC_NOTIFICATIONS_READ = "rpc.notifications.read"
    RPC_VOICE_READ = "rpc.voice.read"
    RPC_VOICE_WRITE = "rpc.voice.write"
    RPC_VIDEO_READ = "rpc.video.read"
    RPC_VIDEO_WRITE = "rpc.video.write"
    RPC_SCREENSHARE_READ = "rpc.screenshare.read"
    RPC_SCREENSHARE_WRITE = "rpc.screenshare.write"
    VOICE = "voice"
    WEBHOOK_INCOMING = "webhook.incoming"


class TeamMembershipState(enums.IntEnum):
    """Whether a team member accepted the invitation."""

    INVITED = 1
    ACCEPTED = 2


class TeamMemberRole(enums.StrEnum):
    """A team member's role (the owner is `Team.owner_id`)."""

    ADMIN = "admin"
    DEVELOPER = "developer"
    READ_ONLY = "read_only"


class ApplicationRoleConnectionMetadataType(enums.IntEnum):
    """How a role connection metadata value is compared."""

    INTEGER_LESS_THAN_OR_EQUAL = 1
    INTEGER_GREATER_THAN_OR_EQUAL = 2
    INTEGER_EQUAL = 3
    INTEGER_NOT_EQUAL = 4
    DATETIME_LESS_THAN_OR_EQUAL = 5
    DATETIME_GREATER_THAN_OR_EQUAL = 6
    BOOLEAN_EQUAL = 7
    BOOLEAN_NOT_EQUAL = 8


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class InstallParameters:
    """The scopes and bot permissions of the default in-app authorization link."""

    scopes: Sequence[OAuth2Scope] = ()
    permissions: Permissions


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class IntegrationTypeConfig:
    """Per-installation-context settings (`integration_types_config` values)."""

    install_parameters: InstallParameters | None = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class TeamMember(UserFields):
    """A member of a developer team."""

    user: User
    team_id: Snowflake
    membership_state: TeamMembershipState
    role: TeamMemberRole
    permissions: Sequence[str] = ("*",)
    """Always `["*"]` (legacy field)."""

    # -- the user's fields and methods (a team member is a user, as in hikari) ---------------

    @property
    def display_name(self) -> str:
        """The global name, else the username."""
        return self.user.display_name

    @property
    def flags(self) -> UserFlag:
        """The user's public flags."""
        return self.user.flags

    @property
    def display_avatar_decoration(self) -> Mapping[str, typing.Any] | None:
        """The user's displayed avatar decoration."""
        return self.user.display_avatar_decoration

    @property
    def display_avatar_url(self) -> str:
        """The user's avatar, else the default avatar."""
        return self.user.display_avatar_url

    @property
    def display_banner_url(self) -> str | None:
        """The user's banner URL, or `None`."""
        return self.user.display_banner_url

    def make_avatar_url(
        self,
        *,
        ext: str | None = None,
        size: int | None = None,
        **fmt: typing.Unpack[cdn.FormatOptions],
    ) -> str:
        """`User.make_avatar_url`."""
        return self.user.make_avatar_url(ext=ext, size=size, **fmt)

    def make_banner_url(
        self,
        *,
        ext: str | None = None,
        size: int | None = None,
        **fmt: typing.Unpack[cdn.FormatOptions],
    ) -> str | None:
        """`User.make_banner_url`."""
        return self.user.make_banner_url(ext=ext, size=size, **fmt)

    async def fetch_self(self) -> User:
        """`User.fetch_self`."""
        return await self.user.fetch_self()

    async def fetch_dm_channel(self) -> DMChannel:
        """`User.fetch_dm_channel`."""
        return await self.user.fetch_dm_channel()

    async def send(
        self,
        content: UndefinedOr[typing.Any] = UNDEFINED,
        **options: typing.Unpack[MessageCreateOptions],
    ) -> Message:
        """`User.send`."""
        return await self.user.send(content, **options)


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class Team(Unique):
    """A developer team that owns applications."""

    app: RESTAware | None = attrs.field(default=None, repr=False)
    name: str
    icon_hash: str | None = None
    owner_id: Snowflake
    members: Mapping[Snowflake, TeamMember] = attrs.field(factory=dict)

    def make_icon_url(
        self,
        *,
        ext: str | None = None,
        size: int | None = None,
        **fmt: typing.Unpack[cdn.FormatOptions],
    ) -> str | None:
        """The team icon's URL in a chosen format and size, or `None` without one."""
        if not self.icon_hash:
            return None
        return cdn.team_icon_url(self.id, self.icon_hash, ext=ext, size=size, **fmt)


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class Application(Unique):
    """An application (GET /applications/@me, OAuth2 info, READY's partial application).

    `public_key` is the hex Ed25519 key that verifies interaction requests.
    """

    app: RESTAware | None = attrs.field(default=None, repr=False)
    name: str = ""
    description: str = ""
    icon_hash: str | None = None
    rpc_origins: Sequence[str] = ()
    is_bot_public: bool = False
    is_bot_code_grant_required: bool = False
    bot: User | None = None
    terms_of_service_url: str | None = None
    privacy_policy_url: str | None = None
    owner: User | None = None
    public_key: str = ""
    team: Team | None = None
    guild_id: Snowflake | None = None
    guild: Mapping[str, typing.Any] | None = None
    """The partial guild of a game's support server, as sent."""
    primary_sku_id: Snowflake | None = None
    slug: str | None = None
    cover_image_hash: str | None = None
    flags: ApplicationFlags = ApplicationFlags.NONE
    approximate_guild_count: int | None = None
    approximate_user_install_count: int | None = None
    approximate_user_authorization_count: int | None = None
    redirect_uris: Sequence[str] = ()
    interactions_endpoint_url: str | None = None
    role_connections_verification_url: str | None = None
    event_webhooks_url: str | None = None
    event_webhooks_status: ApplicationEventWebhookStatus | None = None
    event_webhooks_types: Sequence[str] = ()
    tags: Sequence[str] = ()
    install_parameters: InstallParameters | None = None
    integration_types_config: Mapping[ApplicationIntegrationType, IntegrationTypeConfig] = (
        attrs.field(factory=dict)
    )
    custom_install_url: str | None = None

    def make_icon_url(
        self,
        *,
        ext: str | None = None,
        size: int | None = None,
        **fmt: typing.Unpack[cdn.FormatOptions],
    ) -> str | None:
        """The application icon's URL in a chosen format and size, or `None` without one."""
        if not self.icon_hash:
            return None
        return cdn.application_icon_url(self.id, self.icon_hash, ext=ext, size=size, **fmt)

    def make_cover_image_url(
        self,
        *,
        ext: str | None = None,
        size: int | None = None,
        **fmt: typing.Unpack[cdn.FormatOptions],
    ) -> str | None:
        """The cover image's URL in a chosen format and size, or `None` without one."""
        if not self.cover_image_hash:
            return None
        return cdn.application_cover_url(self.id, self.cover_image_hash, ext=ext, size=size, **fmt)


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ApplicationRoleConnectionMetadata:
    """A metadata field a linked-roles app defines."""

    type: ApplicationRoleConnectionMetadataType
    key: str
    name: str
    description: str
    name_localizations: Mapping[str, str] = attrs.field(factory=dict)
    description_localizations: Mapping[str, str] = attrs.field(factory=dict)


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ActivityLocation:
    """Where an activity instance runs: `kind` is `gc` (guild channel) or `pc` (private channel)."""

    id: str
    kind: str
    channel_id: Snowflake
    guild_id: Snowflake | None = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ActivityInstance:
    """A running instance of an embedded activity."""

    application_id: Snowflake
    instance_id: str
    launch_id: Snowflake
    location: ActivityLocation
    user_ids: Sequence[Snowflake] = ()

    @property
    def users(self) -> Sequence[Snowflake]:
        """`user_ids` (hikari's name)."""
        return self.user_ids


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class AuthorizationInformation:
    """What GET /oauth2/@me says about the current bearer token."""

    application: Application
    scopes: Sequence[OAuth2Scope] = ()
    expires_at: datetime.datetime
    user: User | None = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class PartialOAuth2Token:
    """An access token response (client credentials grant). `access_token` never appears in reprs."""

    access_token: str = attrs.field(repr=False)
    token_type: str
    expires_in: datetime.timedelta
    scopes: Sequence[OAuth2Scope] = ()


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class OAuth2AuthorizationToken(PartialOAuth2Token):
    """An access token response of the authorization code grant (with refresh token, maybe a webhook/guild)."""

    refresh_token: str | None = attrs.field(default=None, repr=False)
    webhook: Mapping[str, typing.Any] | None = None
    guild: Mapping[str, typing.Any] | None = None


ApplicationRoleConnectionMetadataRecordType = ApplicationRoleConnectionMetadataType
"""hikari's name for `ApplicationRoleConnectionMetadataType`."""
ApplicationRoleConnectionMetadataRecord = ApplicationRoleConnectionMetadata
"""hikari's name for `ApplicationRoleConnectionMetadata`."""
