"""Interaction response builders (and `ResponseType`): what a listener returns (or yields) to answer Discord.

Each builder's `build()` returns `(payload, files)`: the JSON interaction response object
(`{"type": ..., "data": {...}}`) and the attachments to upload with it (sent as a multipart
body when there are any). Discord's documented limits are checked when a value is set and
again in `build()`, so a bad response raises `ValueError` in the listener, before anything is
sent (receiving-and-responding.mdx, "Interaction Callback Data Structure"):

* content at most 2,000 characters, at most 10 embeds, at most 10 attachments;
* flags limited to SUPPRESS_EMBEDS, EPHEMERAL, IS_COMPONENTS_V2, IS_VOICE_MESSAGE,
  SUPPRESS_NOTIFICATIONS; a deferred message response may only set EPHEMERAL;
* components v1: at most 5 action rows; components v2: at most 40 components in total, and
  no `content` or `embeds` beside them (the IS_COMPONENTS_V2 flag is added automatically when
  a top-level component is not an action row);
* autocomplete: at most 25 choices, names 1-100 characters, string values at most 100;
* modal: `custom_id` 1-100 characters, `title` 1-45 characters, 1-5 components.

Components, embeds, polls and attachments become JSON through the encoders of
`anycord.models.message_parts`, the same ones REST message bodies use: a dict as it is, a
builder built, a model encoded (an embed or poll checked against Discord's limits), anything
else a `TypeError`; attachments go through `anycord.files.ensure_resource`, existing
`Attachment`s are kept by ID.
"""

from __future__ import annotations

import typing

import attrs

from anycord import enums
from anycord.codecs import encode
from anycord.files import Resource, ensure_resource
from anycord.models.message_parts import (
    encode_attachment_parts,
    encode_component_part,
    encode_embed_part,
    encode_poll_part,
)
from anycord.models.messages import AllowedMentions, Attachment
from anycord.undefined import UNDEFINED, UndefinedNoneOr, UndefinedOr

if typing.TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from anycord.models.message_parts import (
        Componentish,
        Embedish,
        Pollish,
        ResponseAttachmentish,
    )
    from anycord.snowflakes import SnowflakeishOr

__all__ = [
    "ALLOWED_RESPONSE_FLAGS",
    "COMPONENTS_V2_FLAG",
    "EPHEMERAL_FLAG",
    "AutocompleteChoiceBuilder",
    "InteractionAutocompleteBuilder",
    "InteractionDeferredBuilder",
    "InteractionLaunchActivityBuilder",
    "InteractionMessageBuilder",
    "InteractionModalBuilder",
    "InteractionPongBuilder",
    "InteractionResponseBuilder",
    "ResponseType",
    "build_allowed_mentions",
]


class ResponseType(enums.IntEnum):
    """The `type` of an interaction response (hikari's names, Discord's as aliases)."""

    PONG = 1
    MESSAGE_CREATE = 4
    DEFERRED_MESSAGE_CREATE = 5
    DEFERRED_MESSAGE_UPDATE = 6
    MESSAGE_UPDATE = 7
    AUTOCOMPLETE = 8
    MODAL = 9
    PREMIUM_REQUIRED = 10
    """Deprecated by Discord: use a premium button instead."""
    LAUNCH_ACTIVITY = 12

    CHANNEL_MESSAGE_WITH_SOURCE = 4
    DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE = 5
    DEFERRED_UPDATE_MESSAGE = 6
    UPDATE_MESSAGE = 7
    APPLICATION_COMMAND_AUTOCOMPLETE_RESULT = 8


JSONObject = dict[str, typing.Any]


SUPPRESS_EMBEDS_FLAG: typing.Final = 1 << 2
EPHEMERAL_FLAG: typing.Final = 1 << 6
"""`MessageFlag.EPHEMERAL`: only the invoking user sees the response."""
SUPPRESS_NOTIFICATIONS_FLAG: typing.Final = 1 << 12
IS_VOICE_MESSAGE_FLAG: typing.Final = 1 << 13
COMPONENTS_V2_FLAG: typing.Final = 1 << 15
"""`MessageFlag.IS_COMPONENTS_V2`: the message is made of layout components only."""
ALLOWED_RESPONSE_FLAGS: typing.Final = (
    SUPPRESS_EMBEDS_FLAG
    | EPHEMERAL_FLAG
    | SUPPRESS_NOTIFICATIONS_FLAG
    | IS_VOICE_MESSAGE_FLAG
    | COMPONENTS_V2_FLAG
)
"""The only message flags an interaction response may set."""

MAX_CONTENT: typing.Final = 2000
MAX_EMBEDS: typing.Final = 10
MAX_ATTACHMENTS: typing.Final = 10
MAX_ACTION_ROWS: typing.Final = 5
MAX_V2_COMPONENTS: typing.Final = 40
MAX_CHOICES: typing.Final = 25
_ACTION_ROW: typing.Final = 1


def _check_length(what: str, value: str, low: int, high: int) -> str:
    if not isinstance(value, str):
        msg = f"{what} must be a str, not {type(value).__name__}"
        raise TypeError(msg)
    if not low <= len(value) <= high:
        msg = f"{what} must be {low}-{high} characters long, got {len(value)}: {value[:50]!r}"
        raise ValueError(msg)
    return value


def _count_components(components: Iterable[typing.Any]) -> int:
    total = 0
    for component in components:
        total += 1
        if isinstance(component, dict):
            total += _count_components(component.get("components", ()))
            accessory = component.get("accessory")
            if accessory is not None:
                total += 1
            inner = component.get("component")
            if inner is not None:
                total += 1
    return total


def _uses_components_v2(components: Sequence[JSONObject]) -> bool:
    return any(
        isinstance(c, dict) and c.get("type", _ACTION_ROW) != _ACTION_ROW for c in components
    )


def _check_flags(flags: int, allowed: int, what: str) -> int:
    flags = int(flags)
    extra = flags & ~allowed
    if extra:
        msg = f"{what} cannot set message flags {extra:#x} (allowed: {allowed:#x})"
        raise ValueError(msg)
    return flags


def build_allowed_mentions(
    *,
    mentions_everyone: UndefinedOr[bool] = UNDEFINED,
    mentions_reply: UndefinedOr[bool] = UNDEFINED,
    user_mentions: UndefinedOr[Sequence[SnowflakeishOr] | bool] = UNDEFINED,
    role_mentions: UndefinedOr[Sequence[SnowflakeishOr] | bool] = UNDEFINED,
) -> JSONObject | None:
    """An `allowed_mentions` object, or `None` when every argument is `UNDEFINED`.

    hikari's semantics: a `True` mention argument allows that whole category, `False` or an
    empty sequence allows none, a sequence allows those IDs only (each once, at most 100 of a
    kind: `ValueError`). REST message bodies build theirs with this same function.
    """
    if all(
        v is UNDEFINED for v in (mentions_everyone, mentions_reply, user_mentions, role_mentions)
    ):
        return None
    mentions = AllowedMentions(
        everyone=mentions_everyone,
        users=user_mentions,
        roles=role_mentions,
        replied_user=mentions_reply,
    )
    return typing.cast("JSONObject", encode(mentions))


class InteractionResponseBuilder(typing.Protocol):
    """What a listener may return: anything with a `type` and a `build()`."""

    @property
    def type(self) -> ResponseType:
        """The callback type."""
        ...

    def build(self) -> tuple[JSONObject, Sequence[typing.Any]]:
        """The JSON response object and the attachments to upload with it."""
        ...


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class InteractionPongBuilder:
    """PONG: the answer to a PING (the server sends it itself; exposed for completeness)."""

    @property
    def type(self) -> ResponseType:
        """Always `PONG`."""
        return ResponseType.PONG

    def build(self) -> tuple[JSONObject, Sequence[typing.Any]]:
        """`{"type": 1}`."""
        return {"type": ResponseType.PONG.value}, ()


_MESSAGE_TYPES: typing.Final = frozenset({ResponseType.MESSAGE_CREATE, ResponseType.MESSAGE_UPDATE})
_DEFERRED_TYPES: typing.Final = frozenset(
    {ResponseType.DEFERRED_MESSAGE_CREATE, ResponseType.DEFERRED_MESSAGE_UPDATE}
)


@attrs.define(slots=True, kw_only=False, weakref_slot=False)
class InteractionMessageBuilder:
    """A message response: `MESSAGE_CREATE` (4) or, for components, `MESSAGE_UPDATE` (7).

    Setters return the builder, so calls chain:
    `InteractionMessageBuilder(ResponseType.MESSAGE_CREATE).set_content("hi").set_flags(EPHEMERAL_FLAG)`.
    """

    _type: ResponseType = attrs.field(converter=ResponseType)
    _content: UndefinedOr[str] = attrs.field(default=UNDEFINED)
    _flags: UndefinedOr[int] = attrs.field(default=UNDEFINED, kw_only=True)
    _tts: UndefinedOr[bool] = attrs.field(default=UNDEFINED, kw_only=True)
    _embeds: UndefinedOr[list[Embedish]] = attrs.field(default=UNDEFINED, kw_only=True)
    _components: UndefinedOr[list[Componentish]] = attrs.field(default=UNDEFINED, kw_only=True)
    _attachments: UndefinedNoneOr[list[ResponseAttachmentish]] = attrs.field(
        default=UNDEFINED, kw_only=True
    )
    _poll: UndefinedOr[Pollish] = attrs.field(default=UNDEFINED, kw_only=True)
    _mentions_everyone: UndefinedOr[bool] = attrs.field(default=UNDEFINED, kw_only=True)
    _mentions_reply: UndefinedOr[bool] = attrs.field(default=UNDEFINED, kw_only=True)
    _user_mentions: UndefinedOr[Sequence[SnowflakeishOr] | bool] = attrs.field(
        default=UNDEFINED, kw_only=True
    )
    _role_mentions: UndefinedOr[Sequence[SnowflakeishOr] | bool] = attrs.field(
        default=UNDEFINED, kw_only=True
    )

    def __attrs_post_init__(self) -> None:
        if self._type not in _MESSAGE_TYPES:
            msg = f"a message response must be MESSAGE_CREATE or MESSAGE_UPDATE, not {self._type!r}"
            raise ValueError(msg)
        if self._content is not UNDEFINED:
            self.set_content(self._content)
        if self._flags is not UNDEFINED:
            self.set_flags(self._flags)
        self._allowed_mentions()  # a bad mention argument fails here, not at `build()`

    @property
    def type(self) -> ResponseType:
        """The callback type."""
        return self._type

    @property
    def content(self) -> UndefinedOr[str]:
        """The message content."""
        return self._content

    @property
    def flags(self) -> UndefinedOr[int]:
        """The message flags as set (IS_COMPONENTS_V2 is added in `build()` when needed)."""
        return self._flags

    @property
    def embeds(self) -> Sequence[Embedish]:
        """The embeds added so far."""
        return () if self._embeds is UNDEFINED else tuple(self._embeds)

    @property
    def components(self) -> Sequence[Componentish]:
        """The components added so far."""
        return () if self._components is UNDEFINED else tuple(self._components)

    @property
    def attachments(self) -> Sequence[ResponseAttachmentish]:
        """The attachments to upload."""
        return () if not self._attachments else tuple(self._attachments)

    @property
    def is_tts(self) -> UndefinedOr[bool]:
        """Whether the message is text-to-speech."""
        return self._tts

    @property
    def poll(self) -> UndefinedOr[Pollish]:
        """The poll attached."""
        return self._poll

    @property
    def mentions_everyone(self) -> UndefinedOr[bool]:
        """Whether `@everyone`/`@here` ping (`UNDEFINED`: Discord's default)."""
        return self._mentions_everyone

    @property
    def user_mentions(self) -> UndefinedOr[Sequence[SnowflakeishOr] | bool]:
        """Which mentioned users are pinged (`True`: all, `False`: none)."""
        return self._user_mentions

    @property
    def role_mentions(self) -> UndefinedOr[Sequence[SnowflakeishOr] | bool]:
        """Which mentioned roles are pinged (`True`: all, `False`: none)."""
        return self._role_mentions

    def clear_content(self) -> InteractionMessageBuilder:
        """Leave the content out (`UNDEFINED`)."""
        self._content = UNDEFINED
        return self

    def set_content(self, content: UndefinedOr[object]) -> InteractionMessageBuilder:
        """Set the content (`str(content)`; at most 2,000 characters)."""
        if content is not UNDEFINED:
            content = str(content)
            if len(content) > MAX_CONTENT:
                msg = f"content must be at most {MAX_CONTENT} characters, got {len(content)}"
                raise ValueError(msg)
        self._content = content
        return self

    def set_flags(self, flags: UndefinedOr[int]) -> InteractionMessageBuilder:
        """Set the message flags (only those Discord allows on a response)."""
        self._flags = (
            flags
            if flags is UNDEFINED
            else _check_flags(flags, ALLOWED_RESPONSE_FLAGS, "a message response")
        )
        return self

    def set_tts(self, tts: UndefinedOr[bool]) -> InteractionMessageBuilder:
        """Whether the message is text-to-speech."""
        self._tts = tts
        return self

    def add_embed(self, embed: Embedish) -> InteractionMessageBuilder:
        """Add an embed (at most 10)."""
        if self._embeds is UNDEFINED:
            self._embeds = []
        if len(self._embeds) >= MAX_EMBEDS:
            msg = f"a message takes at most {MAX_EMBEDS} embeds"
            raise ValueError(msg)
        self._embeds.append(embed)
        return self

    def clear_embeds(self) -> InteractionMessageBuilder:
        """Send an empty embed list (removes the embeds of an updated message)."""
        self._embeds = []
        return self

    def add_component(self, component: Componentish) -> InteractionMessageBuilder:
        """Add a top-level component (an action row, or a v2 layout component)."""
        if self._components is UNDEFINED:
            self._components = []
        self._components.append(component)
        return self

    def clear_components(self) -> InteractionMessageBuilder:
        """Send an empty component list (removes the components of an updated message)."""
        self._components = []
        return self

    def add_attachment(self, attachment: ResponseAttachmentish) -> InteractionMessageBuilder:
        """Add a file to upload (anything `anycord.files.ensure_resource` takes; bare bytes are
        named `file`), or an existing `Attachment` to keep (an update), at most 10."""
        if not self._attachments:
            self._attachments = []
        if len(self._attachments) >= MAX_ATTACHMENTS:
            msg = f"a message takes at most {MAX_ATTACHMENTS} attachments"
            raise ValueError(msg)
        self._attachments.append(attachment)
        return self

    def clear_attachments(self) -> InteractionMessageBuilder:
        """Remove every existing attachment of an updated message."""
        self._attachments = None
        return self

    def set_poll(self, poll: UndefinedOr[Pollish]) -> InteractionMessageBuilder:
        """Attach a poll (a poll create request object or builder)."""
        self._poll = poll
        return self

    def set_mentions(
        self,
        *,
        mentions_everyone: UndefinedOr[bool] = UNDEFINED,
        mentions_reply: UndefinedOr[bool] = UNDEFINED,
        user_mentions: UndefinedOr[Sequence[SnowflakeishOr] | bool] = UNDEFINED,
        role_mentions: UndefinedOr[Sequence[SnowflakeishOr] | bool] = UNDEFINED,
    ) -> InteractionMessageBuilder:
        """Which mentions ping, all four at once (see `build_allowed_mentions`)."""
        build_allowed_mentions(user_mentions=user_mentions, role_mentions=role_mentions)
        self._mentions_everyone = mentions_everyone
        self._mentions_reply = mentions_reply
        self._user_mentions = user_mentions
        self._role_mentions = role_mentions
        return self

    def set_mentions_everyone(self, state: UndefinedOr[bool] = UNDEFINED, /) -> typing.Self:
        """Whether `@everyone`/`@here` ping."""
        self._mentions_everyone = state
        return self

    def set_user_mentions(
        self, mentions: UndefinedOr[Sequence[SnowflakeishOr] | bool] = UNDEFINED, /
    ) -> typing.Self:
        """Which mentioned users are pinged (`True`: all, `False`: none; at most 100 IDs)."""
        build_allowed_mentions(user_mentions=mentions)
        self._user_mentions = mentions
        return self

    def set_role_mentions(
        self, mentions: UndefinedOr[Sequence[SnowflakeishOr] | bool] = UNDEFINED, /
    ) -> typing.Self:
        """Which mentioned roles are pinged (`True`: all, `False`: none; at most 100 IDs)."""
        build_allowed_mentions(role_mentions=mentions)
        self._role_mentions = mentions
        return self

    def _allowed_mentions(self) -> JSONObject | None:
        return build_allowed_mentions(
            mentions_everyone=self._mentions_everyone,
            mentions_reply=self._mentions_reply,
            user_mentions=self._user_mentions,
            role_mentions=self._role_mentions,
        )

    def build(self) -> tuple[JSONObject, Sequence[Resource | Attachment]]:
        """The interaction response and its attachments (each upload as a `Resource`, each
        existing `Attachment` as it is); `ValueError` when a limit is broken, `TypeError`
        when a part cannot be encoded or uploaded."""
        data: JSONObject = {}
        flags = 0 if self._flags is UNDEFINED else self._flags
        if self._content is not UNDEFINED:
            data["content"] = self._content
        if self._tts is not UNDEFINED:
            data["tts"] = self._tts
        if self._embeds is not UNDEFINED:
            data["embeds"] = [encode_embed_part(e) for e in self._embeds]
        if self._components is not UNDEFINED:
            components = [encode_component_part(c) for c in self._components]
            if _uses_components_v2(components):
                flags |= COMPONENTS_V2_FLAG
            data["components"] = components
            if flags & COMPONENTS_V2_FLAG:
                total = _count_components(components)
                if total > MAX_V2_COMPONENTS:
                    msg = f"components v2 allow at most {MAX_V2_COMPONENTS} components: {total}"
                    raise ValueError(msg)
            elif len(components) > MAX_ACTION_ROWS:
                msg = (
                    f"a message takes at most {MAX_ACTION_ROWS} action rows, got {len(components)}"
                )
                raise ValueError(msg)
        if flags & COMPONENTS_V2_FLAG and (self._content or self._embeds):
            msg = "a components-v2 message cannot have content or embeds (use text displays)"
            raise ValueError(msg)
        files: list[Resource | Attachment] = []
        if self._attachments is None:
            data["attachments"] = []
        elif self._attachments is not UNDEFINED:
            # Resources made once here, so a server (or REST) sending them reads the same ones.
            files = [
                a if isinstance(a, Attachment) else ensure_resource(a) for a in self._attachments
            ]
            data["attachments"], _ = encode_attachment_parts(files)
        if self._poll is not UNDEFINED:
            data["poll"] = encode_poll_part(self._poll)
        allowed_mentions = self._allowed_mentions()
        if allowed_mentions is not None:
            data["allowed_mentions"] = allowed_mentions
        if flags or self._flags is not UNDEFINED:
            data["flags"] = flags
        return {"type": self._type.value, "data": data}, files


@attrs.define(slots=True, kw_only=False, weakref_slot=False)
class InteractionDeferredBuilder:
    """A deferred response: `DEFERRED_MESSAGE_CREATE` (5) or `DEFERRED_MESSAGE_UPDATE` (6).

    A deferred create may only set EPHEMERAL; answer later with `edit_initial_response`.
    """

    _type: ResponseType = attrs.field(converter=ResponseType)
    _flags: UndefinedOr[int] = attrs.field(default=UNDEFINED, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if self._type not in _DEFERRED_TYPES:
            msg = f"a deferred response must be a DEFERRED_* type, not {self._type!r}"
            raise ValueError(msg)
        self.set_flags(self._flags)

    @property
    def type(self) -> ResponseType:
        """The callback type."""
        return self._type

    @property
    def flags(self) -> UndefinedOr[int]:
        """The flags (EPHEMERAL or nothing)."""
        return self._flags

    def set_flags(self, flags: UndefinedOr[int]) -> InteractionDeferredBuilder:
        """Set the flags; only EPHEMERAL is allowed."""
        self._flags = (
            flags
            if flags is UNDEFINED
            else _check_flags(flags, EPHEMERAL_FLAG, "a deferred response")
        )
        return self

    def build(self) -> tuple[JSONObject, Sequence[typing.Any]]:
        """The interaction response (never files)."""
        payload: JSONObject = {"type": self._type.value}
        if self._flags is not UNDEFINED:
            payload["data"] = {"flags": self._flags}
        return payload, ()


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class AutocompleteChoiceBuilder:
    """One autocomplete (or command option) choice: a name and a str/int/float value."""

    name: str = attrs.field(kw_only=False)
    value: str | int | float = attrs.field(kw_only=False)
    name_localizations: Mapping[str, str] = attrs.field(factory=dict)

    @name.validator
    def _check_name(self, _: object, value: str) -> None:
        _check_length("choice name", value, 1, 100)
        for locale, text in self.name_localizations.items():
            _check_length(f"choice name ({locale})", text, 1, 100)

    @value.validator
    def _check_value(self, _: object, value: str | int | float) -> None:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            msg = f"choice value must be str, int or float, not {type(value).__name__}"
            raise TypeError(msg)
        if isinstance(value, str) and len(value) > 100:
            msg = f"choice value must be at most 100 characters, got {len(value)}"
            raise ValueError(msg)

    def set_name(self, name: str, /) -> typing.Self:
        """Set the name (1-100 characters)."""
        self.name = name
        return self

    def set_value(self, value: str | int | float, /) -> typing.Self:
        """Set the value (a str of at most 100 characters, an int or a float)."""
        self.value = value
        return self

    def build(self) -> JSONObject:
        """The choice object."""
        out: JSONObject = {"name": self.name, "value": self.value}
        if self.name_localizations:
            out["name_localizations"] = dict(self.name_localizations)
        return out


def _as_choice(choice: object) -> AutocompleteChoiceBuilder:
    if isinstance(choice, AutocompleteChoiceBuilder):
        return choice
    if isinstance(choice, tuple) and len(choice) == 2:
        return AutocompleteChoiceBuilder(name=choice[0], value=choice[1])
    if isinstance(choice, dict):
        return AutocompleteChoiceBuilder(
            name=choice["name"],
            value=choice["value"],
            name_localizations=choice.get("name_localizations", {}),
        )
    name = getattr(choice, "name", None)
    value = getattr(choice, "value", None)
    if isinstance(name, str) and value is not None:
        # e.g. `anycord.models.commands.CommandChoice`
        localizations = getattr(choice, "name_localizations", None) or {}
        return AutocompleteChoiceBuilder(
            name=name, value=value, name_localizations=dict(localizations)
        )
    msg = f"not a choice: {choice!r} (use AutocompleteChoiceBuilder or a (name, value) tuple)"
    raise TypeError(msg)


@attrs.define(slots=True, weakref_slot=False, init=False)
class InteractionAutocompleteBuilder:
    """The answer to an autocomplete interaction: at most 25 choices."""

    _choices: list[AutocompleteChoiceBuilder]

    def __init__(self, choices: Iterable[typing.Any] = ()) -> None:
        self._choices = []
        self.set_choices(choices)

    @property
    def type(self) -> ResponseType:
        """Always `AUTOCOMPLETE`."""
        return ResponseType.AUTOCOMPLETE

    @property
    def choices(self) -> Sequence[AutocompleteChoiceBuilder]:
        """The choices."""
        return tuple(self._choices)

    def set_choices(self, choices: Iterable[typing.Any]) -> InteractionAutocompleteBuilder:
        """Replace the choices (builders, dicts or `(name, value)` tuples; at most 25)."""
        converted = [_as_choice(c) for c in choices]
        if len(converted) > MAX_CHOICES:
            msg = f"an autocomplete response takes at most {MAX_CHOICES} choices: {len(converted)}"
            raise ValueError(msg)
        self._choices = converted
        return self

    def add_choice(self, name: str, value: str | int | float) -> InteractionAutocompleteBuilder:
        """Add one choice."""
        if len(self._choices) >= MAX_CHOICES:
            msg = f"an autocomplete response takes at most {MAX_CHOICES} choices"
            raise ValueError(msg)
        self._choices.append(AutocompleteChoiceBuilder(name=name, value=value))
        return self

    def build(self) -> tuple[JSONObject, Sequence[typing.Any]]:
        """The interaction response."""
        return {
            "type": ResponseType.AUTOCOMPLETE.value,
            "data": {"choices": [c.build() for c in self._choices]},
        }, ()


@attrs.define(slots=True, weakref_slot=False, init=False)
class InteractionModalBuilder:
    """A modal popup: `custom_id` 1-100 characters, `title` 1-45, 1-5 components."""

    _title: str
    _custom_id: str
    _components: list[Componentish]

    def __init__(self, title: str, custom_id: str, components: Iterable[Componentish] = ()) -> None:
        self._title = _check_length("modal title", title, 1, 45)
        self._custom_id = _check_length("modal custom_id", custom_id, 1, 100)
        self._components = list(components)
        if len(self._components) > 5:
            msg = f"a modal takes 1-5 components, got {len(self._components)}"
            raise ValueError(msg)

    @property
    def type(self) -> ResponseType:
        """Always `MODAL`."""
        return ResponseType.MODAL

    @property
    def title(self) -> str:
        """The title."""
        return self._title

    @property
    def custom_id(self) -> str:
        """The custom ID the submit interaction will carry."""
        return self._custom_id

    @property
    def components(self) -> Sequence[Componentish]:
        """The components."""
        return tuple(self._components)

    def set_title(self, title: str) -> InteractionModalBuilder:
        """Set the title (1-45 characters)."""
        self._title = _check_length("modal title", title, 1, 45)
        return self

    def set_custom_id(self, custom_id: str) -> InteractionModalBuilder:
        """Set the custom ID (1-100 characters)."""
        self._custom_id = _check_length("modal custom_id", custom_id, 1, 100)
        return self

    def add_component(self, component: Componentish) -> InteractionModalBuilder:
        """Add a component (at most 5)."""
        if len(self._components) >= 5:
            msg = "a modal takes at most 5 components"
            raise ValueError(msg)
        self._components.append(component)
        return self

    def build(self) -> tuple[JSONObject, Sequence[typing.Any]]:
        """The interaction response; `ValueError` when there is no component."""
        if not self._components:
            msg = "a modal needs at least one component"
            raise ValueError(msg)
        data = {
            "title": self._title,
            "custom_id": self._custom_id,
            "components": [encode_component_part(c) for c in self._components],
        }
        return {"type": ResponseType.MODAL.value, "data": data}, ()


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class InteractionLaunchActivityBuilder:
    """LAUNCH_ACTIVITY (12): open the app's Activity (apps with Activities enabled only)."""

    @property
    def type(self) -> ResponseType:
        """Always `LAUNCH_ACTIVITY`."""
        return ResponseType.LAUNCH_ACTIVITY

    def build(self) -> tuple[JSONObject, Sequence[typing.Any]]:
        """`{"type": 12}`."""
        return {"type": ResponseType.LAUNCH_ACTIVITY.value}, ()
