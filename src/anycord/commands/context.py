"""The context of one invocation: the interaction, its options, and how to answer it.

Answering is the same on every bot. The first answer is the interaction's *initial
response*; where it goes depends on how the interaction arrived:

* over the gateway it is posted to the callback endpoint over REST;
* over HTTP it becomes the body of the HTTP response, written the moment it is given (the
  handler keeps running in the request's task after that), or, on a transport that cannot
  answer early, when the handler has answered (later calls wait until it is sent).

After the initial response, `respond` fills a deferred "thinking" message (edit of the
original) once, then sends follow-ups; `edit` edits the original; `followup` always sends a
new message. State changes are synchronous (no await between check and set), so an
automatic defer and a handler's own answer can never both become the initial response.
"""

from __future__ import annotations

import enum
import typing

import anyio

from anycord.interactions.builders import (
    MAX_CONTENT,
    InteractionDeferredBuilder,
    InteractionMessageBuilder,
    InteractionModalBuilder,
    ResponseType,
)
from anycord.models.interactions import ComponentInteraction, ModalInteraction
from anycord.undefined import UNDEFINED, UndefinedOr

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from anycord.cache import Cache
    from anycord.commands.client import CommandClient
    from anycord.commands.declare import ContextMenuCommand, SlashCommand
    from anycord.interactions.builders import InteractionResponseBuilder
    from anycord.interactions.server import Responder
    from anycord.models.interactions import (
        AutocompleteInteraction,
        CommandInteraction,
        PartialInteraction,
    )
    from anycord.models.members import InteractionMember
    from anycord.models.messages import Message
    from anycord.models.users import User
    from anycord.rest.client import RESTClient
    from anycord.snowflakes import Snowflake

__all__ = [
    "AnyContext",
    "AutocompleteContext",
    "CommandContext",
    "ComponentContext",
    "Context",
    "ContextArgs",
    "ModalContext",
]


class ContextArgs(typing.TypedDict):
    """The keywords every context of one interaction is built with."""

    client: CommandClient
    rest: RESTClient
    cache: Cache | None
    http: bool


_EPHEMERAL: typing.Final = 1 << 6
_DELIVERY_WAIT: typing.Final = 5.0
"""Longest wait for the HTTP transport to send the initial response before editing it."""

_I = typing.TypeVar("_I", bound="PartialInteraction")


class _State(enum.Enum):
    NONE = 0
    MESSAGE = 1
    DEFERRED = 2
    """A deferred message create: the next `respond` edits the "thinking" message."""
    DONE = 3


class Context(typing.Generic[_I]):
    """What every handler gets first: the interaction, the bot's REST client and cache, answers.

    `rest` is the bot's REST client; `cache` is the bot's cache (`None` on bots without one,
    such as `RESTBot` and `AsgiBot`).
    """

    __slots__ = (
        "_builder",
        "_decided",
        "_delivered",
        "_finished",
        "_http",
        "_is_delivered",
        "_responder",
        "_state",
        "cache",
        "client",
        "interaction",
        "rest",
    )

    def __init__(
        self,
        interaction: _I,
        *,
        client: CommandClient,
        rest: RESTClient,
        cache: Cache | None,
        http: bool,
    ) -> None:
        self.interaction: _I = interaction
        self.client = client
        """The `CommandClient` that routed this interaction."""
        self.rest = rest
        self.cache = cache
        self._http = http
        self._state = _State.NONE
        self._builder: InteractionResponseBuilder | None = None
        # Events are made only when someone waits: the common handler answers and returns
        # before anything would wait on them.
        self._decided: anyio.Event | None = None
        self._delivered: anyio.Event | None = None
        self._is_delivered = False
        self._finished = False
        self._responder: Responder | None = None

    def _decided_event(self) -> anyio.Event:
        if self._decided is None:
            self._decided = anyio.Event()
            if self._state is not _State.NONE:
                self._decided.set()
        return self._decided

    def _delivery_event(self) -> anyio.Event:
        if self._delivered is None:
            self._delivered = anyio.Event()
            if self._is_delivered:
                self._delivered.set()
        return self._delivered

    def _mark_delivered(self) -> None:
        self._is_delivered = True
        if self._delivered is not None:
            self._delivered.set()

    # -- who and where ----------------------------------------------------------------------

    @property
    def user(self) -> User:
        """The invoking user."""
        return self.interaction.user

    @property
    def member(self) -> InteractionMember | None:
        """The invoking member (with their permissions in the channel), in guilds."""
        return self.interaction.member

    @property
    def guild_id(self) -> Snowflake | None:
        """The guild the interaction happened in (`None` in DMs)."""
        return self.interaction.guild_id

    @property
    def channel_id(self) -> Snowflake | None:
        """The channel the interaction happened in."""
        return self.interaction.channel_id

    @property
    def is_answered(self) -> bool:
        """Whether the initial response (a message, a defer or a modal) was given."""
        return self._state is not _State.NONE

    # -- the initial response ---------------------------------------------------------------

    async def _initial(self, builder: InteractionResponseBuilder, state: _State) -> None:
        payload, files = builder.build()  # Discord's limits checked here, in the handler
        self._state = state
        self._builder = _Built(payload, files)
        if self._decided is not None:
            self._decided.set()
        if self._http:
            responder = self._responder
            if responder is not None:
                # The HTTP response is written now; the handler goes on in this task.
                try:
                    await responder.respond(self._builder)
                finally:
                    self._mark_delivered()
            return
        data = dict(payload.get("data") or {})
        if files:
            data["attachments"] = files
        try:
            await self.rest.create_interaction_response(
                self.interaction.id, self.interaction.token, payload["type"], **data
            )
        finally:
            self._mark_delivered()

    async def _wait_delivered(self) -> None:
        if not self._is_delivered:
            with anyio.move_on_after(_DELIVERY_WAIT):
                await self._delivery_event().wait()

    def _deferred_builder(self, ephemeral: bool, update: bool) -> InteractionDeferredBuilder:
        kind = (
            ResponseType.DEFERRED_MESSAGE_UPDATE if update else ResponseType.DEFERRED_MESSAGE_CREATE
        )
        return InteractionDeferredBuilder(kind).set_flags(_EPHEMERAL if ephemeral else UNDEFINED)

    async def defer(self, *, ephemeral: bool = False, update: bool = False) -> None:
        """Acknowledge now, answer later (no-op once answered).

        `update=True` (components and modals): acknowledge without a "thinking" message; a
        later `edit` changes the message the component is on.
        """
        if self._state is _State.NONE:
            await self._initial(
                self._deferred_builder(ephemeral, update),
                _State.DONE if update else _State.DEFERRED,
            )

    async def auto_defer(self) -> None:
        """What the client does when a handler has not answered in time (see `CommandClient`)."""
        update = isinstance(self.interaction, ComponentInteraction | ModalInteraction)
        await self.defer(update=update)

    async def respond(
        self,
        content: UndefinedOr[typing.Any] = UNDEFINED,
        *,
        embeds: Sequence[typing.Any] = (),
        components: Sequence[typing.Any] = (),
        attachments: Sequence[typing.Any] = (),
        ephemeral: bool = False,
    ) -> None:
        """Answer: the initial response, else fill a deferred response, else a follow-up.

        `components` may be action rows or Components V2 layouts (`anycord.commands.ui`);
        the V2 flag is set for you.
        """
        if self._state is _State.NONE:
            if not (embeds or components or attachments) and isinstance(content, str):
                # The common answer, text only: the payload directly (same limit as the builder).
                await self._initial(_text_response(content, ephemeral), _State.MESSAGE)
                return
            builder = _message(
                ResponseType.MESSAGE_CREATE, content, embeds, components, attachments, ephemeral
            )
            await self._initial(builder, _State.MESSAGE)
            return
        if self._state is _State.DEFERRED:
            self._state = _State.DONE
            await self.edit(content, embeds=embeds, components=components, attachments=attachments)
            return
        await self.followup(
            content,
            embeds=embeds,
            components=components,
            attachments=attachments,
            ephemeral=ephemeral,
        )

    async def edit(
        self,
        content: UndefinedOr[typing.Any] = UNDEFINED,
        *,
        embeds: Sequence[typing.Any] = (),
        components: Sequence[typing.Any] = (),
        attachments: Sequence[typing.Any] = (),
    ) -> None:
        """Edit the original response; on a component or modal not yet answered, update the
        message it is on (response type 7)."""
        if self._state is _State.NONE and isinstance(
            self.interaction, ComponentInteraction | ModalInteraction
        ):
            builder = _message(
                ResponseType.MESSAGE_UPDATE, content, embeds, components, attachments, False
            )
            await self._initial(builder, _State.DONE)
            return
        await self._wait_delivered()
        kwargs = _message_kwargs(embeds, components, attachments)
        interaction = self.interaction
        await self.rest.edit_interaction_response(
            interaction.application_id, interaction.token, content, **kwargs
        )

    async def followup(
        self,
        content: UndefinedOr[typing.Any] = UNDEFINED,
        *,
        embeds: Sequence[typing.Any] = (),
        components: Sequence[typing.Any] = (),
        attachments: Sequence[typing.Any] = (),
        ephemeral: bool = False,
    ) -> Message:
        """Send a follow-up message (after the initial response; waits for it to be sent)."""
        await self._wait_delivered()
        kwargs = _message_kwargs(embeds, components, attachments)
        if ephemeral:
            kwargs["flags"] = _EPHEMERAL
        interaction = self.interaction
        return await self.rest.execute_webhook(
            interaction.application_id, interaction.token, content, **kwargs
        )

    async def respond_with_modal(
        self, title: str, custom_id: str, components: Sequence[typing.Any]
    ) -> None:
        """Answer with a modal (commands and components; it must be the initial response)."""
        if self._state is not _State.NONE:
            msg = "a modal can only be the initial response"
            raise RuntimeError(msg)
        await self._initial(InteractionModalBuilder(title, custom_id, components), _State.DONE)


# -- what the command client and the invoker see of a context (same module: its invariants) --


def decided(ctx: Context[typing.Any]) -> anyio.Event:
    """Set once the handler has answered or deferred (or at once if it already has)."""
    return ctx._decided_event()


def answer_through(ctx: Context[typing.Any], responder: Responder) -> None:
    """Make `responder` write the initial response the moment the handler gives it."""
    ctx._responder = responder


async def delivered(ctx: Context[typing.Any]) -> None:
    """Return once the initial response was written (bounded; see `followup`)."""
    await ctx._wait_delivered()


def finish(ctx: Context[typing.Any]) -> None:
    """Mark the handler done: nothing it sends later waits for the HTTP answer."""
    ctx._finished = True


def settle_http(
    ctx: Context[typing.Any], notify_sent: Callable[[anyio.Event], None]
) -> InteractionResponseBuilder | None:
    """The response for an interaction served over HTTP: delivered at once when the handler
    is done, else `notify_sent(event)` (the server sets `event` once the answer was sent)."""
    if ctx._finished:
        ctx._mark_delivered()
    else:
        notify_sent(ctx._delivery_event())
    return ctx._builder


class _Built:
    """A response built (and checked) once, in the handler; the server reuses the result."""

    __slots__ = ("_files", "_payload")

    def __init__(self, payload: dict[str, typing.Any], files: Sequence[typing.Any]) -> None:
        self._payload = payload
        self._files = files

    @property
    def type(self) -> ResponseType:
        return ResponseType(self._payload["type"])

    def build(self) -> tuple[dict[str, typing.Any], Sequence[typing.Any]]:
        return self._payload, self._files


def _text_response(content: str, ephemeral: bool) -> _Built:
    if len(content) > MAX_CONTENT:
        msg = f"content must be at most {MAX_CONTENT} characters, got {len(content)}"
        raise ValueError(msg)
    data: dict[str, typing.Any] = {"content": content}
    if ephemeral:
        data["flags"] = _EPHEMERAL
    return _Built({"type": int(ResponseType.MESSAGE_CREATE), "data": data}, ())


AnyContext: typing.TypeAlias = Context[typing.Any]
"""Any handler's context: what checks, hooks and error handlers receive."""


def _message_kwargs(
    embeds: Sequence[typing.Any],
    components: Sequence[typing.Any],
    attachments: Sequence[typing.Any],
) -> dict[str, typing.Any]:
    kwargs: dict[str, typing.Any] = {}
    for key, value in (
        ("embeds", embeds),
        ("components", components),
        ("attachments", attachments),
    ):
        if value:
            kwargs[key] = list(value)
    return kwargs


def _message(
    kind: ResponseType,
    content: UndefinedOr[typing.Any],
    embeds: Sequence[typing.Any],
    components: Sequence[typing.Any],
    attachments: Sequence[typing.Any],
    ephemeral: bool,
) -> InteractionMessageBuilder:
    builder = InteractionMessageBuilder(kind)
    if content is not UNDEFINED:
        builder.set_content(content)
    for embed in embeds:
        builder.add_embed(embed)
    for component in components:
        builder.add_component(component)
    for attachment in attachments:
        builder.add_attachment(attachment)
    if ephemeral:
        builder.set_flags(_EPHEMERAL)
    return builder


class CommandContext(Context["CommandInteraction"]):
    """A slash or context-menu command being run; `options` are the converted values."""

    __slots__ = ("command", "options")

    def __init__(
        self,
        interaction: CommandInteraction,
        *,
        client: CommandClient,
        rest: RESTClient,
        cache: Cache | None,
        http: bool,
        command: SlashCommand | ContextMenuCommand,
        options: Mapping[str, typing.Any],
    ) -> None:
        super().__init__(interaction, client=client, rest=rest, cache=cache, http=http)
        self.command = command
        """The `SlashCommand` or `ContextMenuCommand` being run."""
        self.options = options
        """The handler's arguments by parameter name (converted, defaults filled in)."""


class ComponentContext(Context["ComponentInteraction"]):
    """A button press or select-menu choice; `captured` holds the custom_id's typed parts."""

    __slots__ = ("captured",)

    def __init__(
        self,
        interaction: ComponentInteraction,
        *,
        client: CommandClient,
        rest: RESTClient,
        cache: Cache | None,
        http: bool,
        captured: Mapping[str, typing.Any],
    ) -> None:
        super().__init__(interaction, client=client, rest=rest, cache=cache, http=http)
        self.captured = captured

    @property
    def values(self) -> Sequence[str]:
        """The chosen values of a select menu."""
        return self.interaction.values


class ModalContext(Context["ModalInteraction"]):
    """A submitted modal; `fields` maps each input's custom_id to what the user entered."""

    __slots__ = ("captured", "fields")

    def __init__(
        self,
        interaction: ModalInteraction,
        *,
        client: CommandClient,
        rest: RESTClient,
        cache: Cache | None,
        http: bool,
        captured: Mapping[str, typing.Any],
    ) -> None:
        super().__init__(interaction, client=client, rest=rest, cache=cache, http=http)
        self.captured = captured
        self.fields: dict[str, str] = {}
        stack = list(interaction.components)
        while stack:
            component = stack.pop()
            inner = getattr(component, "component", None)
            if inner is not None:
                stack.append(inner)
            stack.extend(getattr(component, "components", None) or ())
            value = getattr(component, "value", None)
            custom_id = getattr(component, "custom_id", None)
            if isinstance(value, str) and isinstance(custom_id, str):
                self.fields[custom_id] = value


class AutocompleteContext:
    """An option being typed: `value` is the text so far; `options` what else is filled in."""

    __slots__ = ("cache", "client", "interaction", "option", "options", "rest", "value")

    def __init__(
        self,
        interaction: AutocompleteInteraction,
        *,
        client: CommandClient,
        rest: RESTClient,
        cache: Cache | None,
        option: str,
        value: str | int | float | bool | None,
        options: Mapping[str, typing.Any],
    ) -> None:
        self.interaction = interaction
        self.client = client
        self.rest = rest
        self.cache = cache
        self.option = option
        """The name of the option being typed."""
        self.value = value
        self.options = options

    @property
    def user(self) -> User:
        """The user typing."""
        return self.interaction.user
