"""Interactions: slash/context commands, components, autocomplete, modal submissions, pings.

Shapes from interactions/receiving-and-responding.mdx. `anycord.serde.interactions.
decode_interaction` picks the class by `type`. Convenience methods answer through
`self.app.rest` with the interaction's token (which never appears in reprs). The
response *builders* live in `anycord.interactions.builders`.

`build_response()`, `build_deferred_response()`, `build_modal_response()` (and
`AutocompleteInteraction.build_response(choices)`) return those builders for a listener
to fill in and return (hikari's API). The builders encode embeds and components through
`anycord.serde`, so they sit above serde in the import order and this module (below serde)
cannot import them at load time: each of these methods imports its builder when called.
Moving the builders under `models` would only move that upward import into the builders
(to reach serde), so this keeps every module where its dependencies put it.
"""

from __future__ import annotations

import typing

import attrs

from anycord import enums
from anycord.models.base import Unique, require_app
from anycord.models.response_builders import (
    InteractionAutocompleteBuilder,
    InteractionDeferredBuilder,
    InteractionMessageBuilder,
    InteractionModalBuilder,
    ResponseType,
)
from anycord.traits import model_cache
from anycord.undefined import UNDEFINED, UndefinedNoneOr, UndefinedOr

if typing.TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from anycord.models.applications import ApplicationIntegrationType
    from anycord.models.channels import PartialChannel
    from anycord.models.commands import (
        CommandType,
        InteractionContextType,
        OptionType,
        PartialCommand,
    )
    from anycord.models.components import ComponentType, PartialComponent
    from anycord.models.guilds import GatewayGuild, RESTGuild
    from anycord.models.members import InteractionMember
    from anycord.models.message_options import (
        InteractionResponseOptions,
        WebhookMessageEditOptions,
        WebhookMessageOptions,
    )
    from anycord.models.message_parts import Componentish
    from anycord.models.messages import Attachment, Message
    from anycord.models.monetization import Entitlement
    from anycord.models.roles import Role
    from anycord.models.users import User
    from anycord.permissions import Permissions
    from anycord.snowflakes import Snowflake, SnowflakeishOr
    from anycord.traits import RESTAware

__all__ = [
    "AutocompleteInteraction",
    "CommandInteraction",
    "CommandInteractionOption",
    "ComponentInteraction",
    "InteractionType",
    "MessageResponseMixin",
    "ModalInteraction",
    "ModalResponseMixin",
    "PartialInteraction",
    "PingInteraction",
    "ResolvedOptionData",
    "ResponseType",
]


class InteractionType(enums.IntEnum):
    """The kind of an interaction."""

    PING = 1
    APPLICATION_COMMAND = 2
    MESSAGE_COMPONENT = 3
    AUTOCOMPLETE = 4
    MODAL_SUBMIT = 5

    APPLICATION_COMMAND_AUTOCOMPLETE = 4
    """Discord's name for `AUTOCOMPLETE`."""


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class ResolvedOptionData:
    """The users, members, roles, channels, messages and attachments an interaction refers to, by ID."""

    users: Mapping[Snowflake, User] = attrs.field(factory=dict)
    members: Mapping[Snowflake, InteractionMember] = attrs.field(factory=dict)
    roles: Mapping[Snowflake, Role] = attrs.field(factory=dict)
    channels: Mapping[Snowflake, typing.Any] = attrs.field(factory=dict)
    """Partial channels (`anycord.models.channels` classes)."""
    messages: Mapping[Snowflake, Message] = attrs.field(factory=dict)
    attachments: Mapping[Snowflake, Attachment] = attrs.field(factory=dict)


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class CommandInteractionOption:
    """An option the user filled in (or a sub-command / group holding `options`)."""

    name: str
    type: OptionType
    value: str | int | float | bool | None = None
    options: Sequence[CommandInteractionOption] | None = None
    is_focused: bool = False
    """Set on the option being typed in an autocomplete interaction."""


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class PartialInteraction(Unique):
    """What every interaction has. `token` answers it (valid 15 minutes) and is kept out of reprs."""

    app: RESTAware | None = attrs.field(default=None, repr=False)
    application_id: Snowflake
    type: InteractionType
    token: str = attrs.field(repr=False)
    version: int = 1
    guild_id: Snowflake | None = None
    guild: Mapping[str, typing.Any] | None = None
    """The partial guild (`id`, `locale`, `features`) as sent."""
    channel_id: Snowflake | None = None
    channel: typing.Any | None = None
    """The partial channel (an `anycord.models.channels` class)."""
    member: InteractionMember | None = None
    user: User
    """The invoking user (also inside guilds, where `member.user` is the same user)."""
    locale: str | None = None
    guild_locale: str | None = None
    app_permissions: Permissions | None = None
    entitlements: Sequence[Entitlement] = ()
    authorizing_integration_owners: Mapping[ApplicationIntegrationType, Snowflake] = attrs.field(
        factory=dict
    )
    context: InteractionContextType | None = None
    attachment_size_limit: int | None = None

    @property
    def webhook_id(self) -> Snowflake:
        """The ID that, with `token`, addresses this interaction's messages as a webhook
        (the application's ID)."""
        return self.application_id

    def get_guild(self) -> GatewayGuild | None:
        """The guild the interaction happened in, from the cache (`None` in DMs, when not
        cached, or on an app without a cache)."""
        cache = model_cache(self.app)
        if cache is None or self.guild_id is None:
            return None
        return cache.get_guild(self.guild_id)

    async def fetch_guild(self) -> RESTGuild | None:
        """The guild the interaction happened in, fetched (`None` outside guilds)."""
        rest = require_app(self.app, "fetch_guild").rest
        return None if self.guild_id is None else await rest.fetch_guild(self.guild_id)

    async def execute(
        self,
        content: UndefinedOr[typing.Any] = UNDEFINED,
        **options: typing.Unpack[WebhookMessageOptions],
    ) -> Message:
        """Send a follow-up message (keyword arguments of `RESTClient.execute_webhook`)."""
        rest = require_app(self.app, "execute").rest
        return await rest.execute_webhook(self.application_id, self.token, content, **options)

    async def fetch_message(self, message: SnowflakeishOr | str) -> Message:
        """A response or follow-up of this interaction (`"@original"` for the initial one)."""
        rest = require_app(self.app, "fetch_message").rest
        return await rest.fetch_webhook_message(self.application_id, self.token, message)

    async def edit_message(
        self,
        message: SnowflakeishOr | str,
        content: UndefinedNoneOr[typing.Any] = UNDEFINED,
        **options: typing.Unpack[WebhookMessageEditOptions],
    ) -> Message:
        """Edit a response or follow-up (the arguments of `RESTClient.edit_webhook_message`)."""
        rest = require_app(self.app, "edit_message").rest
        return await rest.edit_webhook_message(
            self.application_id, self.token, message, content, **options
        )

    async def delete_message(self, message: SnowflakeishOr | str) -> None:
        """Delete a response or follow-up of this interaction."""
        rest = require_app(self.app, "delete_message").rest
        await rest.delete_webhook_message(self.application_id, self.token, message)


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class PingInteraction(PartialInteraction):
    """Discord checking the interactions endpoint; the answer is a PONG."""


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class MessageResponseMixin(PartialInteraction):
    """Interactions answerable with a message: create/edit/delete/fetch the initial response, follow-ups."""

    _MESSAGE_TYPES: typing.ClassVar[frozenset[int]] = frozenset(
        {ResponseType.MESSAGE_CREATE, ResponseType.MESSAGE_UPDATE}
    )
    _DEFERRED_TYPES: typing.ClassVar[frozenset[int]] = frozenset(
        {ResponseType.DEFERRED_MESSAGE_CREATE, ResponseType.DEFERRED_MESSAGE_UPDATE}
    )

    def build_response(
        self, type: ResponseType | int = ResponseType.MESSAGE_CREATE, /
    ) -> InteractionMessageBuilder:
        """A message response builder to fill in and return from a listener.

        `MESSAGE_UPDATE` edits the message a component is on (component and modal
        interactions only); `ValueError` for a type this interaction cannot answer with.
        """
        return InteractionMessageBuilder(self._check_type(type, self._MESSAGE_TYPES))

    def build_deferred_response(
        self, type: ResponseType | int = ResponseType.DEFERRED_MESSAGE_CREATE, /
    ) -> InteractionDeferredBuilder:
        """A deferred response builder (answer later with `edit_initial_response`).

        `DEFERRED_MESSAGE_UPDATE` is for component and modal interactions only.
        """
        return InteractionDeferredBuilder(self._check_type(type, self._DEFERRED_TYPES))

    def _check_type(self, type: ResponseType | int, allowed: frozenset[int]) -> ResponseType:
        kind = ResponseType(type)
        if kind not in allowed:
            names = ", ".join(sorted(ResponseType(t).name for t in allowed))
            msg = f"a {self.__class__.__name__} is answered with {names}, not {kind.name}"
            raise ValueError(msg)
        return kind

    async def create_initial_response(
        self,
        response_type: ResponseType,
        content: UndefinedOr[typing.Any] = UNDEFINED,
        **options: typing.Unpack[InteractionResponseOptions],
    ) -> None:
        """Answer the interaction (keyword arguments of `RESTClient.create_interaction_response`)."""
        rest = require_app(self.app, "create_initial_response").rest
        await rest.create_interaction_response(
            self.id, self.token, response_type, content, **options
        )

    async def edit_initial_response(
        self,
        content: UndefinedNoneOr[typing.Any] = UNDEFINED,
        **options: typing.Unpack[WebhookMessageEditOptions],
    ) -> Message:
        """Edit the initial response (keyword arguments of `RESTClient.edit_interaction_response`)."""
        rest = require_app(self.app, "edit_initial_response").rest
        return await rest.edit_interaction_response(
            self.application_id, self.token, content, **options
        )

    async def delete_initial_response(self) -> None:
        """Delete the initial response."""
        rest = require_app(self.app, "delete_initial_response").rest
        await rest.delete_interaction_response(self.application_id, self.token)

    async def fetch_initial_response(self) -> Message:
        """Fetch the initial response."""
        rest = require_app(self.app, "fetch_initial_response").rest
        return await rest.fetch_interaction_response(self.application_id, self.token)

    async def fetch_channel(self) -> PartialChannel:
        """Fetch the channel the interaction happened in."""
        rest = require_app(self.app, "fetch_channel").rest
        if self.channel_id is None:
            msg = "this interaction has no channel_id"
            raise RuntimeError(msg)
        return await rest.fetch_channel(self.channel_id)


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class ModalResponseMixin(MessageResponseMixin):
    """Interactions that may open a modal (commands and components)."""

    def build_modal_response(
        self, title: str, custom_id: str, components: Sequence[typing.Any] = ()
    ) -> InteractionModalBuilder:
        """A modal response builder (`add_component` adds its 1-5 components)."""
        return InteractionModalBuilder(title, custom_id, components)

    async def create_modal_response(
        self,
        title: str,
        custom_id: str,
        component: UndefinedOr[Componentish] = UNDEFINED,
        components: UndefinedOr[Sequence[Componentish]] = UNDEFINED,
    ) -> None:
        """Answer with a modal: one `component` or up to 5 `components` (builders, models or
        dicts; the arguments of `RESTClient.create_modal_response`)."""
        rest = require_app(self.app, "create_modal_response").rest
        await rest.create_modal_response(
            self.id,
            self.token,
            title=title,
            custom_id=custom_id,
            component=component,
            components=components,
        )


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class CommandInteraction(ModalResponseMixin):
    """A slash, user or message command being run."""

    _MESSAGE_TYPES: typing.ClassVar[frozenset[int]] = frozenset({ResponseType.MESSAGE_CREATE})
    _DEFERRED_TYPES: typing.ClassVar[frozenset[int]] = frozenset(
        {ResponseType.DEFERRED_MESSAGE_CREATE}
    )

    command_id: Snowflake
    command_name: str
    command_type: CommandType
    registered_guild_id: Snowflake | None = None
    """The guild the command is registered in (`None` for global commands)."""
    options: Sequence[CommandInteractionOption] = ()
    resolved: ResolvedOptionData | None = None
    target_id: Snowflake | None = None
    """The user or message a context-menu command targets."""

    async def fetch_command(self) -> PartialCommand:
        """The command that was run, fetched."""
        return await fetch_command(self, "fetch_command")


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class AutocompleteInteraction(PartialInteraction):
    """A user typing into an autocomplete option; answer with up to 25 choices."""

    command_id: Snowflake
    command_name: str
    command_type: CommandType
    registered_guild_id: Snowflake | None = None
    options: Sequence[CommandInteractionOption] = ()
    resolved: ResolvedOptionData | None = None

    @property
    def focused_option(self) -> CommandInteractionOption | None:
        """The option being typed (searched through sub-commands)."""
        stack = list(self.options)
        while stack:
            option = stack.pop()
            if option.is_focused:
                return option
            stack.extend(option.options or ())
        return None

    def build_response(self, choices: Sequence[typing.Any] = ()) -> InteractionAutocompleteBuilder:
        """An autocomplete response builder with these choices (at most 25).

        Choices are `CommandChoice`s, `AutocompleteChoiceBuilder`s or `(name, value)` tuples.
        """
        return InteractionAutocompleteBuilder(choices)

    async def fetch_command(self) -> PartialCommand:
        """The command being filled in, fetched."""
        return await fetch_command(self, "AutocompleteInteraction.fetch_command")

    async def create_response(self, choices: Sequence[typing.Any]) -> None:
        """Answer with autocomplete choices (`CommandChoice`s)."""
        rest = require_app(self.app, "AutocompleteInteraction.create_response").rest
        await rest.create_interaction_response(
            self.id, self.token, ResponseType.AUTOCOMPLETE, choices=choices
        )


async def fetch_command(
    interaction: CommandInteraction | AutocompleteInteraction, what: str
) -> PartialCommand:
    """The command an interaction is about, from where it is registered (`what` names the caller)."""
    rest = require_app(interaction.app, what).rest
    guild = interaction.registered_guild_id
    return await rest.fetch_application_command(
        interaction.application_id,
        interaction.command_id,
        UNDEFINED if guild is None else guild,
    )


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class ComponentInteraction(ModalResponseMixin):
    """A button press or select menu choice on a message."""

    custom_id: str
    component_type: ComponentType
    values: Sequence[str] = ()
    resolved: ResolvedOptionData | None = None
    message: Message
    """The message the component is on."""


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class ModalInteraction(MessageResponseMixin):
    """A modal being submitted; `components` carry the answers (`value`/`values`)."""

    custom_id: str
    components: Sequence[PartialComponent] = ()
    resolved: ResolvedOptionData | None = None
    message: Message | None = None
    """The message whose component opened the modal, if any."""
