"""hikari's fluent component builders, building anycord's component models.

```python
row = rest.build_message_action_row()
row.add_interactive_button(ButtonStyle.PRIMARY, "yes", label="Yes").add_link_button(url, label="Docs")
menu = row.add_text_menu("flavour", placeholder="Pick one")   # returns the menu; `.parent` is the row
menu.add_option("Vanilla", "vanilla").add_option("Chocolate", "chocolate")
await channel.send(components=[row])

container = ContainerComponentBuilder(accent_color=0x5865F2)     # from layout_builders
container.add_text_display("# Title").add_separator(divider=True).add_component(row)
await channel.send(components=[container], flags=MessageFlag.IS_COMPONENTS_V2)
```

Each builder's `build()` returns the component model (`anycord.models.components`) after
`check_component` checked Discord's limits on it and everything inside it; anything that
takes components (messages, interaction responses, modals) accepts builders and calls
`build()` itself. Media is `anycord.models.message_parts.Mediaish`: a `Bytes`/`File` resource
stands for `attachment://<filename>`, so pass it in the message's `attachments` too (builders
do not upload files).
"""

from __future__ import annotations

import typing

from anycord.models import components as c
from anycord.models.component_checks import check_component
from anycord.models.emojis import CustomEmoji, Emoji
from anycord.snowflakes import Snowflake
from anycord.undefined import UNDEFINED, UndefinedOr

if typing.TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from anycord.models.channels import ChannelType
    from anycord.models.message_parts import ComponentOrBuilder, Mediaish

__all__ = [
    "Builder",
    "ChannelSelectMenuBuilder",
    "InteractiveButtonBuilder",
    "LinkButtonBuilder",
    "MessageActionRowBuilder",
    "PremiumButtonBuilder",
    "SelectMenuBuilder",
    "SelectOptionBuilder",
    "TextSelectMenuBuilder",
    "built",
    "media",
    "optional",
    "snowflake_id",
]

_T = typing.TypeVar("_T")

Emojiish = Emoji | str | int
"""An emoji object, its text (a character or `<:name:id>`), or a custom emoji's ID."""

_SELECT_TYPES: typing.Final[dict[int, type[c.SelectMenuComponent]]] = {
    c.ComponentType.USER_SELECT_MENU: c.UserSelectMenuComponent,
    c.ComponentType.ROLE_SELECT_MENU: c.RoleSelectMenuComponent,
    c.ComponentType.MENTIONABLE_SELECT_MENU: c.MentionableSelectMenuComponent,
    c.ComponentType.CHANNEL_SELECT_MENU: c.ChannelSelectMenuComponent,
    c.ComponentType.TEXT_SELECT_MENU: c.TextSelectMenuComponent,
}


def _emoji(value: UndefinedOr[Emojiish]) -> Emoji | None:
    if value is UNDEFINED:
        return None
    if isinstance(value, Emoji):
        return value
    if isinstance(value, int):
        return CustomEmoji(id=Snowflake(value))
    return Emoji.parse(value)


def optional(value: UndefinedOr[_T]) -> _T | None:
    """`None` for `UNDEFINED`, else the value."""
    return None if value is UNDEFINED else value


def snowflake_id(value: UndefinedOr[int]) -> int | None:
    """`None` for `UNDEFINED`, else the int (a component's numeric `id`)."""
    return None if value is UNDEFINED else int(value)


def media(value: Mediaish) -> c.MediaResource:
    """A media reference from a URL, `attachment://name`, or an object with a `url`."""
    if isinstance(value, c.MediaResource):
        return value
    url = value if isinstance(value, str) else getattr(value, "url", None)
    if not isinstance(url, str):
        msg = (
            f"media is a URL (https://… or attachment://name), not {type(value).__name__}; "
            "upload a file with the message and refer to it as attachment://name"
        )
        raise TypeError(msg)
    return c.MediaResource(url=url)


def built(component: ComponentOrBuilder) -> c.PartialComponent:
    """A model from a builder or a model (raw dicts are not accepted inside builders)."""
    if isinstance(component, c.PartialComponent):
        return component
    build = getattr(component, "build", None)
    if callable(build):
        built = build()
        if isinstance(built, c.PartialComponent):
            return built
    msg = f"not a component or component builder: {component!r}"
    raise TypeError(msg)


def _checked(component: c.PartialComponent) -> c.PartialComponent:
    check_component(component)
    return component


class Builder:
    """What every builder shares: an optional numeric `id`, its `type` and `build()`."""

    __slots__ = ("id",)

    _TYPE: typing.ClassVar[c.ComponentType]

    def __init__(self, id: UndefinedOr[int] = UNDEFINED) -> None:
        self.id = id

    @property
    def type(self) -> c.ComponentType:
        """The type of the component this builds."""
        return self._TYPE

    def _model(self) -> c.PartialComponent:
        raise NotImplementedError

    def build(self) -> c.PartialComponent:
        """The component model, checked against Discord's limits (`ValueError` if broken)."""
        return _checked(self._model())


# -- buttons -------------------------------------------------------------------------------


class _ButtonBuilder(Builder):
    __slots__ = ("emoji", "is_disabled", "label")

    _TYPE = c.ComponentType.BUTTON

    def __init__(
        self,
        *,
        emoji: UndefinedOr[Emojiish] = UNDEFINED,
        label: UndefinedOr[str] = UNDEFINED,
        is_disabled: bool = False,
        id: UndefinedOr[int] = UNDEFINED,
    ) -> None:
        super().__init__(id)
        self.emoji = emoji
        self.label = label
        self.is_disabled = is_disabled

    def set_emoji(self, emoji: UndefinedOr[Emojiish], /) -> typing.Self:
        """Set the emoji."""
        self.emoji = emoji
        return self

    def set_label(self, label: UndefinedOr[str], /) -> typing.Self:
        """Set the label."""
        self.label = label
        return self

    def set_is_disabled(self, state: bool, /) -> typing.Self:
        """Disable or enable the button."""
        self.is_disabled = state
        return self

    def _button(
        self, style: c.ButtonStyle, *, custom_id: str | None = None, url: str | None = None
    ) -> c.ButtonComponent:
        return c.ButtonComponent(
            id=snowflake_id(self.id),
            style=style,
            label=optional(self.label),
            emoji=_emoji(self.emoji),
            is_disabled=self.is_disabled,
            custom_id=custom_id,
            url=url,
        )


class InteractiveButtonBuilder(_ButtonBuilder):
    """A button that sends an interaction (`PRIMARY`, `SECONDARY`, `SUCCESS`, `DANGER`)."""

    __slots__ = ("custom_id", "style")

    def __init__(
        self,
        *,
        style: c.ButtonStyle | int,
        custom_id: str,
        emoji: UndefinedOr[Emojiish] = UNDEFINED,
        label: UndefinedOr[str] = UNDEFINED,
        is_disabled: bool = False,
        id: UndefinedOr[int] = UNDEFINED,
    ) -> None:
        super().__init__(emoji=emoji, label=label, is_disabled=is_disabled, id=id)
        self.style = c.ButtonStyle(style)
        self.custom_id = custom_id

    def set_custom_id(self, custom_id: str, /) -> typing.Self:
        """Set the custom ID."""
        self.custom_id = custom_id
        return self

    def _model(self) -> c.PartialComponent:
        if self.style in (c.ButtonStyle.LINK, c.ButtonStyle.PREMIUM):
            msg = f"an interactive button cannot have style {self.style!r}"
            raise ValueError(msg)
        return self._button(self.style, custom_id=self.custom_id)


class LinkButtonBuilder(_ButtonBuilder):
    """A button that opens a URL."""

    __slots__ = ("url",)

    def __init__(
        self,
        *,
        url: str,
        emoji: UndefinedOr[Emojiish] = UNDEFINED,
        label: UndefinedOr[str] = UNDEFINED,
        is_disabled: bool = False,
        id: UndefinedOr[int] = UNDEFINED,
    ) -> None:
        super().__init__(emoji=emoji, label=label, is_disabled=is_disabled, id=id)
        self.url = url

    @property
    def style(self) -> c.ButtonStyle:
        """Always `ButtonStyle.LINK`."""
        return c.ButtonStyle.LINK

    def _model(self) -> c.PartialComponent:
        return self._button(c.ButtonStyle.LINK, url=self.url)


class PremiumButtonBuilder(Builder):
    """A button that offers a SKU for purchase."""

    __slots__ = ("is_disabled", "sku_id")

    _TYPE = c.ComponentType.BUTTON

    def __init__(
        self, *, sku_id: int, is_disabled: bool = False, id: UndefinedOr[int] = UNDEFINED
    ) -> None:
        super().__init__(id)
        self.sku_id = sku_id
        self.is_disabled = is_disabled

    @property
    def style(self) -> c.ButtonStyle:
        """Always `ButtonStyle.PREMIUM`."""
        return c.ButtonStyle.PREMIUM

    def set_is_disabled(self, state: bool, /) -> typing.Self:
        """Disable or enable the button."""
        self.is_disabled = state
        return self

    def _model(self) -> c.PartialComponent:
        return c.ButtonComponent(
            id=snowflake_id(self.id),
            style=c.ButtonStyle.PREMIUM,
            sku_id=Snowflake(self.sku_id),
            is_disabled=self.is_disabled,
        )


# -- select menus --------------------------------------------------------------------------


class SelectOptionBuilder:
    """One option of a string select menu."""

    __slots__ = ("description", "emoji", "is_default", "label", "value")

    def __init__(
        self,
        label: str,
        value: str,
        *,
        description: UndefinedOr[str] = UNDEFINED,
        emoji: UndefinedOr[Emojiish] = UNDEFINED,
        is_default: bool = False,
    ) -> None:
        self.label = label
        self.value = value
        self.description = description
        self.emoji = emoji
        self.is_default = is_default

    def set_label(self, label: str, /) -> typing.Self:
        """Set the label."""
        self.label = label
        return self

    def set_value(self, value: str, /) -> typing.Self:
        """Set the value."""
        self.value = value
        return self

    def set_description(self, value: UndefinedOr[str], /) -> typing.Self:
        """Set the description."""
        self.description = value
        return self

    def set_emoji(self, emoji: UndefinedOr[Emojiish], /) -> typing.Self:
        """Set the emoji."""
        self.emoji = emoji
        return self

    def set_is_default(self, state: bool, /) -> typing.Self:
        """Select it by default."""
        self.is_default = state
        return self

    def build(self) -> c.SelectMenuOption:
        """The option model (its limits are checked with its menu)."""
        return c.SelectMenuOption(
            label=self.label,
            value=self.value,
            description=optional(self.description),
            emoji=_emoji(self.emoji),
            is_default=self.is_default,
        )


class SelectMenuBuilder(Builder):
    """A user, role, mentionable or channel select menu (`type`), or the base of the others."""

    __slots__ = ("_type", "custom_id", "is_disabled", "max_values", "min_values", "placeholder")

    def __init__(
        self,
        *,
        type: c.ComponentType | int,
        custom_id: str,
        placeholder: UndefinedOr[str] = UNDEFINED,
        min_values: int = 0,
        max_values: int = 1,
        is_disabled: bool = False,
        id: UndefinedOr[int] = UNDEFINED,
    ) -> None:
        super().__init__(id)
        self._type = c.ComponentType(type)
        if self._type not in _SELECT_TYPES:
            msg = f"{self.type!r} is not a select menu type"
            raise ValueError(msg)
        self.custom_id = custom_id
        self.placeholder = placeholder
        self.min_values = min_values
        self.max_values = max_values
        self.is_disabled = is_disabled

    @property
    def type(self) -> c.ComponentType:
        """Which select menu this is."""
        return self._type

    def set_custom_id(self, custom_id: str, /) -> typing.Self:
        """Set the custom ID."""
        self.custom_id = custom_id
        return self

    def set_placeholder(self, value: UndefinedOr[str], /) -> typing.Self:
        """Set the placeholder."""
        self.placeholder = value
        return self

    def set_min_values(self, value: int, /) -> typing.Self:
        """Set how many values must be chosen at least."""
        self.min_values = value
        return self

    def set_max_values(self, value: int, /) -> typing.Self:
        """Set how many values may be chosen at most."""
        self.max_values = value
        return self

    def set_is_disabled(self, state: bool, /) -> typing.Self:
        """Disable or enable the menu."""
        self.is_disabled = state
        return self

    def _fields(self) -> dict[str, typing.Any]:
        return {}

    def _model(self) -> c.PartialComponent:
        return _SELECT_TYPES[self.type](
            id=snowflake_id(self.id),
            custom_id=self.custom_id,
            placeholder=optional(self.placeholder),
            min_values=self.min_values,
            max_values=self.max_values,
            is_disabled=self.is_disabled,
            **self._fields(),
        )


class TextSelectMenuBuilder(SelectMenuBuilder):
    """A string select menu; `add_option` chains, `parent` is the row it was added to."""

    __slots__ = ("options", "parent")

    def __init__(
        self,
        *,
        custom_id: str,
        parent: MessageActionRowBuilder | None = None,
        options: Sequence[SelectOptionBuilder] = (),
        placeholder: UndefinedOr[str] = UNDEFINED,
        min_values: int = 0,
        max_values: int = 1,
        is_disabled: bool = False,
        id: UndefinedOr[int] = UNDEFINED,
    ) -> None:
        super().__init__(
            type=c.ComponentType.TEXT_SELECT_MENU,
            custom_id=custom_id,
            placeholder=placeholder,
            min_values=min_values,
            max_values=max_values,
            is_disabled=is_disabled,
            id=id,
        )
        self.parent = parent
        self.options = list(options)

    def add_option(
        self,
        label: str,
        value: str,
        /,
        *,
        description: UndefinedOr[str] = UNDEFINED,
        emoji: UndefinedOr[Emojiish] = UNDEFINED,
        is_default: bool = False,
    ) -> typing.Self:
        """Add an option."""
        option = SelectOptionBuilder(
            label, value, description=description, emoji=emoji, is_default=is_default
        )
        return self.add_raw_option(option)

    def add_raw_option(self, option: SelectOptionBuilder, /) -> typing.Self:
        """Add a built option."""
        self.options.append(option)
        return self

    def _fields(self) -> dict[str, typing.Any]:
        return {"options": [o.build() for o in self.options]}


class ChannelSelectMenuBuilder(SelectMenuBuilder):
    """A channel select menu, optionally limited to some channel types."""

    __slots__ = ("channel_types",)

    def __init__(
        self,
        *,
        custom_id: str,
        channel_types: Sequence[ChannelType | int] = (),
        placeholder: UndefinedOr[str] = UNDEFINED,
        min_values: int = 0,
        max_values: int = 1,
        is_disabled: bool = False,
        id: UndefinedOr[int] = UNDEFINED,
    ) -> None:
        super().__init__(
            type=c.ComponentType.CHANNEL_SELECT_MENU,
            custom_id=custom_id,
            placeholder=placeholder,
            min_values=min_values,
            max_values=max_values,
            is_disabled=is_disabled,
            id=id,
        )
        self.channel_types = list(channel_types)

    def set_channel_types(self, value: Sequence[ChannelType | int], /) -> typing.Self:
        """Limit the menu to these channel types."""
        self.channel_types = list(value)
        return self

    def _fields(self) -> dict[str, typing.Any]:
        return {"channel_types": list(self.channel_types) or None}


# -- action rows ---------------------------------------------------------------------------


class MessageActionRowBuilder(Builder):
    """An action row for a message: up to 5 buttons or one select menu."""

    __slots__ = ("components",)

    _TYPE = c.ComponentType.ACTION_ROW

    def __init__(
        self, *, components: Iterable[ComponentOrBuilder] = (), id: UndefinedOr[int] = UNDEFINED
    ) -> None:
        super().__init__(id)
        self.components: list[ComponentOrBuilder] = list(components)

    def add_component(self, component: ComponentOrBuilder, /) -> typing.Self:
        """Add a component (a builder or a model)."""
        self.components.append(component)
        return self

    def add_interactive_button(
        self,
        style: c.ButtonStyle | int,
        custom_id: str,
        /,
        *,
        emoji: UndefinedOr[Emojiish] = UNDEFINED,
        label: UndefinedOr[str] = UNDEFINED,
        is_disabled: bool = False,
        id: UndefinedOr[int] = UNDEFINED,
    ) -> typing.Self:
        """Add a button that sends an interaction."""
        return self.add_component(
            InteractiveButtonBuilder(
                style=style,
                custom_id=custom_id,
                emoji=emoji,
                label=label,
                is_disabled=is_disabled,
                id=id,
            )
        )

    def add_link_button(
        self,
        url: str,
        /,
        *,
        emoji: UndefinedOr[Emojiish] = UNDEFINED,
        label: UndefinedOr[str] = UNDEFINED,
        is_disabled: bool = False,
        id: UndefinedOr[int] = UNDEFINED,
    ) -> typing.Self:
        """Add a button that opens `url`."""
        return self.add_component(
            LinkButtonBuilder(url=url, emoji=emoji, label=label, is_disabled=is_disabled, id=id)
        )

    def add_premium_button(
        self, sku_id: int, /, *, id: UndefinedOr[int] = UNDEFINED
    ) -> typing.Self:
        """Add a button that offers a SKU."""
        return self.add_component(PremiumButtonBuilder(sku_id=sku_id, id=id))

    def add_select_menu(
        self,
        type_: c.ComponentType | int,
        custom_id: str,
        /,
        *,
        placeholder: UndefinedOr[str] = UNDEFINED,
        min_values: int = 0,
        max_values: int = 1,
        is_disabled: bool = False,
        id: UndefinedOr[int] = UNDEFINED,
    ) -> typing.Self:
        """Add a user, role, mentionable or channel select menu."""
        return self.add_component(
            SelectMenuBuilder(
                type=type_,
                custom_id=custom_id,
                placeholder=placeholder,
                min_values=min_values,
                max_values=max_values,
                is_disabled=is_disabled,
                id=id,
            )
        )

    def add_channel_menu(
        self,
        custom_id: str,
        /,
        *,
        channel_types: Sequence[ChannelType | int] = (),
        placeholder: UndefinedOr[str] = UNDEFINED,
        min_values: int = 0,
        max_values: int = 1,
        is_disabled: bool = False,
        id: UndefinedOr[int] = UNDEFINED,
    ) -> typing.Self:
        """Add a channel select menu."""
        return self.add_component(
            ChannelSelectMenuBuilder(
                custom_id=custom_id,
                channel_types=channel_types,
                placeholder=placeholder,
                min_values=min_values,
                max_values=max_values,
                is_disabled=is_disabled,
                id=id,
            )
        )

    def add_text_menu(
        self,
        custom_id: str,
        /,
        *,
        placeholder: UndefinedOr[str] = UNDEFINED,
        min_values: int = 0,
        max_values: int = 1,
        is_disabled: bool = False,
        id: UndefinedOr[int] = UNDEFINED,
    ) -> TextSelectMenuBuilder:
        """Add a string select menu and return it (add options to it; `.parent` is this row)."""
        menu = TextSelectMenuBuilder(
            custom_id=custom_id,
            parent=self,
            placeholder=placeholder,
            min_values=min_values,
            max_values=max_values,
            is_disabled=is_disabled,
            id=id,
        )
        self.add_component(menu)
        return menu

    def _model(self) -> c.PartialComponent:
        return c.ActionRowComponent(
            id=snowflake_id(self.id), components=[built(x) for x in self.components]
        )
