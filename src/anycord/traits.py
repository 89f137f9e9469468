"""Protocols that say what an object can reach: the REST calls models make, and a REST client.

Models hold an `app` typed by `RESTAware`, never by a concrete bot or client class, so the
import graph stays one-way: this module imports nothing above `anycord.models`. `ModelREST`
lists exactly the REST methods the models' convenience methods (`message.respond()`,
`member.kick()`, `interaction.create_initial_response()` …) call, with their signatures;
`anycord.RESTClient` satisfies it structurally (a test checks it, and that `GatewayBot`,
`RESTBot`, `AsgiBot` and the orchestrator's `Bot` are `RESTAware`). Any object with such a
`rest` attribute (a bot, a client, a test double) can back those convenience methods.

Events carry the concrete client: `event.app.rest` is a `RESTClient` (`anycord.EventApp`).

`ModelCache` lists the cache reads models make (`guild.get_member()`, `member.get_roles()`
…); `anycord.Cache` satisfies it. `model_cache(app)` is the app's cache when it has one
(`ModelCacheAware`: a `GatewayBot`, the orchestrator's `Bot`), else `None`, so those methods
answer `None` (or nothing) on a REST-only app instead of failing.
"""

from __future__ import annotations

import typing

from anycord.undefined import UNDEFINED

if typing.TYPE_CHECKING:
    import datetime
    from collections.abc import AsyncIterable, Awaitable, Mapping, Sequence

    from anycord.files import Resourceish
    from anycord.models.channels import (
        ChannelEditOptions,
        DMChannel,
        GuildChannel,
        PartialChannel,
        PermissionOverwrite,
    )
    from anycord.models.command_edits import CommandEditFields
    from anycord.models.commands import (
        CommandBuilder,
        CommandPermission,
        GuildCommandPermissions,
        PartialCommand,
    )
    from anycord.models.component_builders import MessageActionRowBuilder
    from anycord.models.emojis import Emoji, KnownCustomEmoji
    from anycord.models.guild_edits import GuildEditFields
    from anycord.models.guilds import GatewayGuild, RESTGuild
    from anycord.models.members import Member
    from anycord.models.message_options import (
        InteractionResponseOptions,
        MessageCreateOptions,
        MessageEditOptions,
        WebhookMessageEditOptions,
        WebhookMessageOptions,
    )
    from anycord.models.message_parts import Componentish
    from anycord.models.messages import Message
    from anycord.models.presences import MemberPresence
    from anycord.models.roles import Role
    from anycord.models.stickers import GuildSticker
    from anycord.models.templates import Template
    from anycord.models.users import OwnUser, User
    from anycord.models.voices import VoiceState
    from anycord.models.webhooks import PartialWebhook
    from anycord.snowflakes import SearchableSnowflakeish, Snowflake, SnowflakeishOr
    from anycord.undefined import UndefinedNoneOr, UndefinedOr

__all__ = ["ModelCache", "ModelCacheAware", "ModelREST", "RESTAware", "model_cache"]


class ModelREST(typing.Protocol):
    """The REST methods models call (module doc); `anycord.RESTClient` has them all."""

    async def add_reaction(
        self,
        channel: SnowflakeishOr,
        message: SnowflakeishOr,
        emoji: typing.Any,  # noqa: ANN401 (a str, a custom emoji, anything with name and id)
        emoji_id: UndefinedOr[SnowflakeishOr] = UNDEFINED,
    ) -> None:
        """React with `emoji` as the bot."""
        ...

    async def add_role_to_member(
        self,
        guild: SnowflakeishOr,
        user: SnowflakeishOr,
        role: SnowflakeishOr,
        *,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> None:
        """Give a member a role."""
        ...

    async def ban_user(
        self,
        guild: SnowflakeishOr,
        user: SnowflakeishOr,
        *,
        delete_message_seconds: UndefinedOr[int] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> None:
        """Ban a user, optionally deleting up to 7 days (604800 s) of their messages."""
        ...

    def build_message_action_row(self) -> MessageActionRowBuilder:
        """An empty action row for a message."""
        ...

    async def create_application_command(
        self,
        application: SnowflakeishOr,
        command: CommandBuilder | dict[str, typing.Any],
        guild: UndefinedOr[SnowflakeishOr] = UNDEFINED,
    ) -> PartialCommand:
        """Create (or overwrite by name) one command from a `CommandBuilder` or a dict."""
        ...

    async def create_dm_channel(self, user: SnowflakeishOr) -> DMChannel:
        """The DM channel with a user (created if needed)."""
        ...

    async def create_guild_channel(
        self,
        guild: SnowflakeishOr,
        name: str,
        type: int = 0,
        *,
        position: UndefinedOr[int] = UNDEFINED,
        topic: UndefinedNoneOr[str] = UNDEFINED,
        nsfw: UndefinedOr[bool] = UNDEFINED,
        bitrate: UndefinedOr[int] = UNDEFINED,
        user_limit: UndefinedOr[int] = UNDEFINED,
        rate_limit_per_user: UndefinedOr[int] = UNDEFINED,
        permission_overwrites: UndefinedOr[
            Sequence[PermissionOverwrite | dict[str, typing.Any]]
        ] = UNDEFINED,
        category: UndefinedNoneOr[SnowflakeishOr] = UNDEFINED,
        region: UndefinedNoneOr[str] = UNDEFINED,
        video_quality_mode: UndefinedOr[int] = UNDEFINED,
        default_auto_archive_duration: UndefinedOr[int] = UNDEFINED,
        default_reaction_emoji: UndefinedNoneOr[Mapping[str, typing.Any]] = UNDEFINED,
        available_tags: UndefinedOr[Sequence[Mapping[str, typing.Any]]] = UNDEFINED,
        default_sort_order: UndefinedNoneOr[int] = UNDEFINED,
        default_forum_layout: UndefinedOr[int] = UNDEFINED,
        default_thread_rate_limit_per_user: UndefinedOr[int] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> PartialChannel:
        """Create a channel of any guild type."""
        ...

    async def create_interaction_response(
        self,
        interaction: SnowflakeishOr,
        token: str,
        response_type: int,
        content: UndefinedOr[typing.Any] = UNDEFINED,
        **options: typing.Unpack[InteractionResponseOptions],
    ) -> None:
        """The initial response to an interaction (`response_type` as Discord numbers it)."""
        ...

    async def create_message(
        self,
        channel: SnowflakeishOr,
        content: UndefinedOr[typing.Any] = UNDEFINED,
        **options: typing.Unpack[MessageCreateOptions],
    ) -> Message:
        """Send a message."""
        ...

    async def create_modal_response(
        self,
        interaction: SnowflakeishOr,
        token: str,
        *,
        title: str,
        custom_id: str,
        component: UndefinedOr[Componentish] = UNDEFINED,
        components: UndefinedOr[Sequence[Componentish]] = UNDEFINED,
    ) -> None:
        """Answer an interaction with a modal."""
        ...

    async def create_sticker(
        self,
        guild: SnowflakeishOr,
        name: str,
        tag: str,
        image: Resourceish,
        *,
        description: str = "",
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> GuildSticker:
        """Upload a guild sticker."""
        ...

    async def crosspost_message(self, channel: SnowflakeishOr, message: SnowflakeishOr) -> Message:
        """Publish a message of an announcement channel to its followers."""
        ...

    async def delete_all_reactions(self, channel: SnowflakeishOr, message: SnowflakeishOr) -> None:
        """Remove every reaction from a message."""
        ...

    async def delete_all_reactions_for_emoji(
        self,
        channel: SnowflakeishOr,
        message: SnowflakeishOr,
        emoji: str | Emoji,
        emoji_id: UndefinedOr[SnowflakeishOr] = UNDEFINED,
    ) -> None:
        """Remove every reaction of one emoji."""
        ...

    async def delete_application_command(
        self,
        application: SnowflakeishOr,
        command: SnowflakeishOr,
        guild: UndefinedOr[SnowflakeishOr] = UNDEFINED,
    ) -> None:
        """Delete a command."""
        ...

    async def delete_channel(
        self, channel: SnowflakeishOr, reason: UndefinedOr[str] = UNDEFINED
    ) -> PartialChannel:
        """Delete a channel (or close a DM); returns what it was."""
        ...

    async def delete_interaction_response(self, application: SnowflakeishOr, token: str) -> None:
        """Delete the original response."""
        ...

    async def delete_message(
        self,
        channel: SnowflakeishOr,
        message: SnowflakeishOr,
        *,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> None:
        """Delete a message."""
        ...

    async def delete_messages(
        self,
        channel: SnowflakeishOr,
        messages: Sequence[SnowflakeishOr],
        *,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> None:
        """Delete many messages (bulk deletes of up to 100)."""
        ...

    async def delete_my_reaction(
        self,
        channel: SnowflakeishOr,
        message: SnowflakeishOr,
        emoji: typing.Any,  # noqa: ANN401 (a str, a custom emoji, anything with name and id)
        emoji_id: UndefinedOr[SnowflakeishOr] = UNDEFINED,
    ) -> None:
        """Remove the bot's own reaction."""
        ...

    async def delete_permission_overwrite(
        self,
        channel: SnowflakeishOr,
        target: SnowflakeishOr,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> None:
        """Remove a role's or member's overwrite."""
        ...

    async def delete_reaction(
        self,
        channel: SnowflakeishOr,
        message: SnowflakeishOr,
        user: SnowflakeishOr,
        emoji: typing.Any,  # noqa: ANN401 (a str, a custom emoji, anything with name and id)
        emoji_id: UndefinedOr[SnowflakeishOr] = UNDEFINED,
    ) -> None:
        """Remove a user's reaction (needs MANAGE_MESSAGES)."""
        ...

    async def delete_role(
        self, guild: SnowflakeishOr, role: SnowflakeishOr, reason: UndefinedOr[str] = UNDEFINED
    ) -> None:
        """Delete a role."""
        ...

    async def delete_sticker(
        self,
        guild: SnowflakeishOr,
        sticker: SnowflakeishOr,
        *,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> None:
        """Delete a guild sticker."""
        ...

    async def delete_template(self, guild: SnowflakeishOr, template: str | Template) -> Template:
        """Delete a guild template."""
        ...

    async def delete_webhook(
        self, webhook: SnowflakeishOr, *, reason: UndefinedOr[str] = UNDEFINED
    ) -> None:
        """Delete a webhook."""
        ...

    async def delete_webhook_message(
        self,
        webhook: SnowflakeishOr,
        token: str,
        message: SnowflakeishOr | str,
        *,
        thread: UndefinedOr[SnowflakeishOr] = UNDEFINED,
    ) -> None:
        """Delete a message sent by the webhook."""
        ...

    async def delete_webhook_with_token(
        self, webhook: SnowflakeishOr, token: str, *, reason: UndefinedOr[str] = UNDEFINED
    ) -> None:
        """Delete a webhook with its token."""
        ...

    async def edit_application_command(
        self,
        application: SnowflakeishOr,
        command: SnowflakeishOr,
        guild: UndefinedOr[SnowflakeishOr] = UNDEFINED,
        **fields: typing.Unpack[CommandEditFields],
    ) -> PartialCommand:
        """Change fields of a command (by their JSON names)."""
        ...

    async def edit_channel(
        self,
        channel: SnowflakeishOr,
        *,
        reason: UndefinedOr[str] = UNDEFINED,
        **options: typing.Unpack[ChannelEditOptions],
    ) -> PartialChannel:
        """Edit a channel."""
        ...

    async def edit_guild(
        self,
        guild: SnowflakeishOr,
        *,
        name: UndefinedOr[str] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
        **fields: typing.Unpack[GuildEditFields],
    ) -> RESTGuild:
        """Change a guild's settings."""
        ...

    async def edit_interaction_response(
        self,
        application: SnowflakeishOr,
        token: str,
        content: UndefinedNoneOr[typing.Any] = UNDEFINED,
        **options: typing.Unpack[WebhookMessageEditOptions],
    ) -> Message:
        """Edit the original response (the arguments of `edit_webhook_message`)."""
        ...

    async def edit_member(
        self,
        guild: SnowflakeishOr,
        user: SnowflakeishOr,
        *,
        nickname: UndefinedNoneOr[str] = UNDEFINED,
        nick: UndefinedNoneOr[str] = UNDEFINED,
        roles: UndefinedOr[Sequence[SnowflakeishOr]] = UNDEFINED,
        mute: UndefinedOr[bool] = UNDEFINED,
        deaf: UndefinedOr[bool] = UNDEFINED,
        voice_channel: UndefinedNoneOr[SnowflakeishOr] = UNDEFINED,
        communication_disabled_until: UndefinedNoneOr[datetime.datetime] = UNDEFINED,
        flags: UndefinedOr[int] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> Member:
        """Change a member; `None` clears nickname, voice channel or timeout."""
        ...

    async def edit_message(
        self,
        channel: SnowflakeishOr,
        message: SnowflakeishOr,
        content: UndefinedOr[typing.Any] = UNDEFINED,
        **options: typing.Unpack[MessageEditOptions],
    ) -> Message:
        """Edit a message."""
        ...

    async def edit_permission_overwrite(
        self,
        channel: SnowflakeishOr,
        target: SnowflakeishOr,
        *,
        target_type: int,
        allow: UndefinedOr[int] = UNDEFINED,
        deny: UndefinedOr[int] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> None:
        """Set a role's (`target_type` 0) or member's (1) overwrite on a channel."""
        ...

    async def edit_role(
        self,
        guild: SnowflakeishOr,
        role: SnowflakeishOr,
        *,
        name: UndefinedNoneOr[str] = UNDEFINED,
        permissions: UndefinedOr[int] = UNDEFINED,
        color: UndefinedNoneOr[int] = UNDEFINED,
        colour: UndefinedNoneOr[int] = UNDEFINED,
        hoist: UndefinedOr[bool] = UNDEFINED,
        icon: UndefinedNoneOr[Resourceish] = UNDEFINED,
        unicode_emoji: UndefinedNoneOr[str] = UNDEFINED,
        mentionable: UndefinedOr[bool] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> Role:
        """Change a role; only given fields are sent."""
        ...

    async def edit_sticker(
        self,
        guild: SnowflakeishOr,
        sticker: SnowflakeishOr,
        *,
        name: UndefinedOr[str] = UNDEFINED,
        description: UndefinedNoneOr[str] = UNDEFINED,
        tag: UndefinedOr[str] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> GuildSticker:
        """Change a guild sticker."""
        ...

    async def edit_template(
        self,
        guild: SnowflakeishOr,
        template: str | Template,
        *,
        name: UndefinedOr[str] = UNDEFINED,
        description: UndefinedNoneOr[str] = UNDEFINED,
    ) -> Template:
        """Rename a guild template or change its description."""
        ...

    async def edit_webhook(
        self,
        webhook: SnowflakeishOr,
        *,
        name: UndefinedOr[str] = UNDEFINED,
        avatar: UndefinedNoneOr[Resourceish] = UNDEFINED,
        channel: UndefinedOr[SnowflakeishOr] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> PartialWebhook:
        """Rename a webhook, change its avatar or move it."""
        ...

    async def edit_webhook_message(
        self,
        webhook: SnowflakeishOr,
        token: str,
        message: SnowflakeishOr | str,
        content: UndefinedOr[typing.Any] = UNDEFINED,
        **options: typing.Unpack[WebhookMessageEditOptions],
    ) -> Message:
        """Edit a message a webhook sent."""
        ...

    async def edit_webhook_with_token(
        self,
        webhook: SnowflakeishOr,
        token: str,
        *,
        name: UndefinedOr[str] = UNDEFINED,
        avatar: UndefinedNoneOr[Resourceish] = UNDEFINED,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> PartialWebhook:
        """Rename a webhook or change its avatar, by token."""
        ...

    async def execute_followup(
        self,
        application: SnowflakeishOr,
        token: str,
        content: UndefinedOr[typing.Any] = UNDEFINED,
        **options: typing.Unpack[WebhookMessageOptions],
    ) -> Message:
        """Send a follow-up message (the arguments of `execute_webhook`)."""
        ...

    async def execute_webhook(
        self,
        webhook: SnowflakeishOr,
        token: str,
        content: UndefinedOr[typing.Any] = UNDEFINED,
        **options: typing.Unpack[WebhookMessageOptions],
    ) -> Message:
        """Send a message through a webhook."""
        ...

    async def fetch_application_command(
        self,
        application: SnowflakeishOr,
        command: SnowflakeishOr,
        guild: UndefinedOr[SnowflakeishOr] = UNDEFINED,
    ) -> PartialCommand:
        """One command."""
        ...

    async def fetch_application_command_permissions(
        self, application: SnowflakeishOr, guild: SnowflakeishOr, command: SnowflakeishOr
    ) -> GuildCommandPermissions:
        """A command's permission overwrites in a guild."""
        ...

    async def fetch_channel(self, channel: SnowflakeishOr) -> PartialChannel:
        """A channel or thread of any type."""
        ...

    async def fetch_emoji(self, guild: SnowflakeishOr, emoji: SnowflakeishOr) -> KnownCustomEmoji:
        """One custom emoji of a guild."""
        ...

    async def fetch_guild(self, guild: SnowflakeishOr, *, with_counts: bool = True) -> RESTGuild:
        """A guild with its roles, emojis and stickers (and approximate counts)."""
        ...

    async def fetch_guild_emojis(self, guild: SnowflakeishOr) -> list[KnownCustomEmoji]:
        """A guild's custom emojis."""
        ...

    async def fetch_guild_sticker(
        self, guild: SnowflakeishOr, sticker: SnowflakeishOr
    ) -> GuildSticker:
        """One sticker of a guild."""
        ...

    async def fetch_guild_stickers(self, guild: SnowflakeishOr) -> list[GuildSticker]:
        """A guild's stickers."""
        ...

    async def fetch_interaction_response(self, application: SnowflakeishOr, token: str) -> Message:
        """The original response message."""
        ...

    async def fetch_member(self, guild: SnowflakeishOr, user: SnowflakeishOr) -> Member:
        """One member."""
        ...

    async def fetch_message(self, channel: SnowflakeishOr, message: SnowflakeishOr) -> Message:
        """One message."""
        ...

    def fetch_messages(
        self,
        channel: SnowflakeishOr,
        *,
        before: UndefinedOr[SearchableSnowflakeish] = UNDEFINED,
        after: UndefinedOr[SearchableSnowflakeish] = UNDEFINED,
        around: UndefinedOr[SearchableSnowflakeish] = UNDEFINED,
    ) -> AsyncIterable[Message]:
        """A channel's history (`RESTClient`'s is a `LazyIterator`)."""
        ...

    async def fetch_my_user(self) -> OwnUser:
        """The bot's own user."""
        ...

    async def fetch_pins(self, channel: SnowflakeishOr, *, limit: int = 50) -> list[Message]:
        """The most recently pinned messages."""
        ...

    async def fetch_roles(self, guild: SnowflakeishOr) -> list[Role]:
        """A guild's roles."""
        ...

    async def fetch_template(self, template: str | Template) -> Template:
        """A guild template by code."""
        ...

    async def fetch_user(self, user: SnowflakeishOr) -> User:
        """One user."""
        ...

    async def fetch_webhook(self, webhook: SnowflakeishOr) -> PartialWebhook:
        """A webhook (needs MANAGE_WEBHOOKS)."""
        ...

    async def fetch_webhook_message(
        self,
        webhook: SnowflakeishOr,
        token: str,
        message: SnowflakeishOr | str,
        *,
        thread: UndefinedOr[SnowflakeishOr] = UNDEFINED,
    ) -> Message:
        """A message a webhook sent."""
        ...

    async def fetch_webhook_with_token(self, webhook: SnowflakeishOr, token: str) -> PartialWebhook:
        """A webhook, by its token."""
        ...

    async def kick_user(
        self, guild: SnowflakeishOr, user: SnowflakeishOr, *, reason: UndefinedOr[str] = UNDEFINED
    ) -> None:
        """Remove a member from the guild."""
        ...

    async def pin_message(
        self,
        channel: SnowflakeishOr,
        message: SnowflakeishOr,
        *,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> None:
        """Pin a message."""
        ...

    async def remove_role_from_member(
        self,
        guild: SnowflakeishOr,
        user: SnowflakeishOr,
        role: SnowflakeishOr,
        *,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> None:
        """Take a role from a member."""
        ...

    async def set_application_command_permissions(
        self,
        application: SnowflakeishOr,
        guild: SnowflakeishOr,
        command: SnowflakeishOr,
        permissions: Sequence[CommandPermission],
    ) -> GuildCommandPermissions:
        """Replace a command's permission overwrites in a guild."""
        ...

    async def set_guild_incident_actions(
        self,
        guild: SnowflakeishOr,
        *,
        invites_disabled_until: UndefinedNoneOr[datetime.datetime] = UNDEFINED,
        dms_disabled_until: UndefinedNoneOr[datetime.datetime] = UNDEFINED,
    ) -> dict[str, typing.Any]:
        """Pause or resume invites and DMs."""
        ...

    async def sync_guild_template(
        self, guild: SnowflakeishOr, template: str | Template
    ) -> Template:
        """Update a template to its guild's current state."""
        ...

    def trigger_typing(self, channel: SnowflakeishOr) -> Awaitable[None]:
        """The typing indicator (`RESTClient`'s is a `TypingIndicator`, also `async with`-able)."""
        ...

    async def unban_user(
        self, guild: SnowflakeishOr, user: SnowflakeishOr, *, reason: UndefinedOr[str] = UNDEFINED
    ) -> None:
        """Lift a ban."""
        ...

    async def unpin_message(
        self,
        channel: SnowflakeishOr,
        message: SnowflakeishOr,
        *,
        reason: UndefinedOr[str] = UNDEFINED,
    ) -> None:
        """Unpin a message."""
        ...


@typing.runtime_checkable
class RESTAware(typing.Protocol):
    """Has a REST client that can serve the models' convenience methods."""

    @property
    def rest(self) -> ModelREST:
        """The REST client."""
        ...


class ModelCache(typing.Protocol):
    """The cache reads models make (module doc); `anycord.Cache` has them all."""

    def get_emoji(self, emoji: SnowflakeishOr) -> KnownCustomEmoji | None:
        """A cached custom emoji."""
        ...

    def get_emojis_view_for_guild(
        self, guild: SnowflakeishOr
    ) -> Mapping[Snowflake, KnownCustomEmoji]:
        """The cached emojis of `guild`."""
        ...

    def get_guild(self, guild: SnowflakeishOr) -> GatewayGuild | None:
        """A cached, available guild."""
        ...

    def get_guild_channel(self, channel: SnowflakeishOr) -> GuildChannel | None:
        """A cached guild channel."""
        ...

    def get_guild_channels_view_for_guild(
        self, guild: SnowflakeishOr
    ) -> Mapping[Snowflake, GuildChannel]:
        """The cached channels of `guild`."""
        ...

    def get_me(self) -> OwnUser | None:
        """The bot's own user."""
        ...

    def get_member(self, guild: SnowflakeishOr, user: SnowflakeishOr) -> Member | None:
        """A cached member."""
        ...

    def get_members_view_for_guild(self, guild: SnowflakeishOr) -> Mapping[Snowflake, Member]:
        """The cached members of `guild`, by user ID."""
        ...

    def get_presence(self, guild: SnowflakeishOr, user: SnowflakeishOr) -> MemberPresence | None:
        """A cached presence."""
        ...

    def get_presences_view_for_guild(
        self, guild: SnowflakeishOr
    ) -> Mapping[Snowflake, MemberPresence]:
        """The cached presences of `guild`, by user ID."""
        ...

    def get_role(self, role: SnowflakeishOr) -> Role | None:
        """A cached role."""
        ...

    def get_roles_view_for_guild(self, guild: SnowflakeishOr) -> Mapping[Snowflake, Role]:
        """The cached roles of `guild`."""
        ...

    def get_sticker(self, sticker: SnowflakeishOr) -> GuildSticker | None:
        """A cached guild sticker."""
        ...

    def get_stickers_view_for_guild(
        self, guild: SnowflakeishOr
    ) -> Mapping[Snowflake, GuildSticker]:
        """The cached stickers of `guild`."""
        ...

    def get_user(self, user: SnowflakeishOr) -> User | None:
        """A cached user."""
        ...

    def get_voice_state(self, guild: SnowflakeishOr, user: SnowflakeishOr) -> VoiceState | None:
        """A cached voice state."""
        ...

    def get_voice_states_view_for_guild(
        self, guild: SnowflakeishOr
    ) -> Mapping[Snowflake, VoiceState]:
        """The cached voice states of `guild`, by user ID."""
        ...


@typing.runtime_checkable
class ModelCacheAware(typing.Protocol):
    """Has a cache that can serve the models' `get_*` methods."""

    @property
    def cache(self) -> ModelCache:
        """The cache."""
        ...


def model_cache(app: object) -> ModelCache | None:
    """`app`'s cache when it has one (`ModelCacheAware`), else `None`."""
    return app.cache if isinstance(app, ModelCacheAware) else None
