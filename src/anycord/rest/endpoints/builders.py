"""hikari's builder factories on the REST client, and its command/response shortcuts.

`rest.slash_command_builder("ping", "Pong?")`, `rest.context_menu_command_builder(...)`,
`rest.interaction_message_builder(ResponseType.MESSAGE_CREATE)` and the other factories
return anycord's own builders (the ones that check Discord's limits), so a hikari bot that
builds through its REST client ports unchanged. `create_slash_command`,
`create_context_menu_command`, `create_modal_response` and `create_autocomplete_response`
are hikari's shortcuts over `create_application_command` and `create_interaction_response`.
"""

from __future__ import annotations

import typing

from anycord.interactions.builders import (
    InteractionAutocompleteBuilder,
    InteractionDeferredBuilder,
    InteractionMessageBuilder,
    InteractionModalBuilder,
)
from anycord.models.commands import (
    CommandType,
    ContextMenuCommandBuilder,
    PartialCommand,
    SlashCommandBuilder,
)
from anycord.models.component_builders import MessageActionRowBuilder
from anycord.models.interactions import ResponseType
from anycord.models.modal_builders import ModalActionRowBuilder
from anycord.rest.endpoints.commands import CommandEndpoints
from anycord.rest.endpoints.interactions import InteractionEndpoints
from anycord.undefined import UNDEFINED, UndefinedNoneOr, UndefinedOr

if typing.TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from anycord.models.commands import CommandOption
    from anycord.models.message_parts import Componentish
    from anycord.permissions import Permissions
    from anycord.snowflakes import SnowflakeishOr

__all__ = ["BuilderEndpoints"]


class BuilderEndpoints(InteractionEndpoints, CommandEndpoints):
    """Builder factories (sync) and hikari's command and response shortcuts."""

    __slots__ = ()

    # -- factories -------------------------------------------------------------------------

    def slash_command_builder(self, name: str, description: str) -> SlashCommandBuilder:
        """A slash command builder (`.add_option(...)`, `.set_…`, `await .create(rest, app)`)."""
        return SlashCommandBuilder(name, description)

    def context_menu_command_builder(
        self, type: CommandType | int, name: str
    ) -> ContextMenuCommandBuilder:
        """A user or message command builder."""
        return ContextMenuCommandBuilder(name, type=type)

    def build_message_action_row(self) -> MessageActionRowBuilder:
        """An empty action row for a message (`.add_interactive_button(...)`, `.add_text_menu`…)."""
        return MessageActionRowBuilder()

    def build_modal_action_row(self) -> ModalActionRowBuilder:
        """An empty action row for a modal (`.add_text_input(...)`)."""
        return ModalActionRowBuilder()

    def interaction_message_builder(
        self, type_: ResponseType | int, /
    ) -> InteractionMessageBuilder:
        """A message response builder (`MESSAGE_CREATE` or `MESSAGE_UPDATE`)."""
        return InteractionMessageBuilder(ResponseType(type_))

    def interaction_deferred_builder(
        self, type_: ResponseType | int, /
    ) -> InteractionDeferredBuilder:
        """A deferred response builder (`DEFERRED_MESSAGE_CREATE` or `..._UPDATE`)."""
        return InteractionDeferredBuilder(ResponseType(type_))

    def interaction_autocomplete_builder(
        self, choices: Sequence[typing.Any]
    ) -> InteractionAutocompleteBuilder:
        """An autocomplete response builder with these choices."""
        return InteractionAutocompleteBuilder(choices)

    def interaction_modal_builder(self, title: str, custom_id: str) -> InteractionModalBuilder:
        """A modal response builder (add its components with `add_component`)."""
        return InteractionModalBuilder(title, custom_id)

    # -- shortcuts -------------------------------------------------------------------------

    async def create_slash_command(
        self,
        application: SnowflakeishOr,
        name: str,
        description: str,
        *,
        guild: UndefinedOr[SnowflakeishOr] = UNDEFINED,
        options: UndefinedOr[Sequence[CommandOption]] = UNDEFINED,
        name_localizations: UndefinedOr[Mapping[str, str]] = UNDEFINED,
        description_localizations: UndefinedOr[Mapping[str, str]] = UNDEFINED,
        default_member_permissions: UndefinedNoneOr[Permissions | int] = UNDEFINED,
        nsfw: UndefinedOr[bool] = UNDEFINED,
    ) -> PartialCommand:
        """Create one slash command (checked against Discord's limits before the request)."""
        builder = SlashCommandBuilder(
            name,
            description,
            options=list(options or ()),
            name_localizations=name_localizations,
            description_localizations=description_localizations,
            default_member_permissions=default_member_permissions,
            is_nsfw=nsfw,
        )
        return await builder.create(self, application, guild=guild)

    async def create_context_menu_command(
        self,
        application: SnowflakeishOr,
        type: CommandType | int,
        name: str,
        *,
        guild: UndefinedOr[SnowflakeishOr] = UNDEFINED,
        name_localizations: UndefinedOr[Mapping[str, str]] = UNDEFINED,
        default_member_permissions: UndefinedNoneOr[Permissions | int] = UNDEFINED,
        nsfw: UndefinedOr[bool] = UNDEFINED,
    ) -> PartialCommand:
        """Create one user or message command."""
        builder = ContextMenuCommandBuilder(
            name,
            type=type,
            name_localizations=name_localizations,
            default_member_permissions=default_member_permissions,
            is_nsfw=nsfw,
        )
        return await builder.create(self, application, guild=guild)

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
        """Answer with a modal (its limits are checked by `InteractionModalBuilder`)."""
        parts = [component] if component is not UNDEFINED else list(components or ())
        payload, _ = InteractionModalBuilder(title, custom_id, parts).build()
        await self.create_interaction_response(
            interaction,
            token,
            ResponseType.MODAL,
            title=title,
            custom_id=custom_id,
            components=payload["data"]["components"],
        )

    async def create_autocomplete_response(
        self, interaction: SnowflakeishOr, token: str, choices: Sequence[typing.Any]
    ) -> None:
        """Answer an autocomplete interaction (at most 25 choices, checked first)."""
        payload, _ = InteractionAutocompleteBuilder(choices).build()
        await self.create_interaction_response(
            interaction, token, ResponseType.AUTOCOMPLETE, choices=payload["data"]["choices"]
        )
