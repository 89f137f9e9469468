"""hikari's fluent builders for modal components: text inputs, labels, file uploads, and the
modal action row (see `anycord.models.component_builders` for how builders work).
"""

from __future__ import annotations

import typing

from anycord.models import components as c
from anycord.models.component_builders import (
    Builder,
    MessageActionRowBuilder,
    built,
    optional,
    snowflake_id,
)
from anycord.undefined import UNDEFINED, UndefinedOr

if typing.TYPE_CHECKING:
    from anycord.models.message_parts import ComponentOrBuilder

__all__ = [
    "FileUploadComponentBuilder",
    "LabelComponentBuilder",
    "ModalActionRowBuilder",
    "TextInputBuilder",
]


class TextInputBuilder(Builder):
    """A text input of a modal."""

    __slots__ = (
        "custom_id",
        "label",
        "max_length",
        "min_length",
        "placeholder",
        "required",
        "style",
        "value",
    )

    _TYPE = c.ComponentType.TEXT_INPUT

    def __init__(
        self,
        *,
        custom_id: str,
        label: UndefinedOr[str] = UNDEFINED,
        style: c.TextInputStyle | int = c.TextInputStyle.SHORT,
        placeholder: UndefinedOr[str] = UNDEFINED,
        value: UndefinedOr[str] = UNDEFINED,
        required: bool = True,
        min_length: int = 0,
        max_length: int = 4000,
        id: UndefinedOr[int] = UNDEFINED,
    ) -> None:
        super().__init__(id)
        self.custom_id = custom_id
        self.label = label
        self.style = c.TextInputStyle(style)
        self.placeholder = placeholder
        self.value = value
        self.required = required
        self.min_length = min_length
        self.max_length = max_length

    @property
    def is_required(self) -> bool:
        """hikari's name for `required`."""
        return self.required

    def set_custom_id(self, custom_id: str, /) -> typing.Self:
        """Set the custom ID."""
        self.custom_id = custom_id
        return self

    def set_label(self, label: str, /) -> typing.Self:
        """Set the label (inside a `LabelComponentBuilder`, give the label there instead)."""
        self.label = label
        return self

    def set_style(self, style: c.TextInputStyle | int, /) -> typing.Self:
        """Set the style (short or paragraph)."""
        self.style = c.TextInputStyle(style)
        return self

    def set_placeholder(self, placeholder: UndefinedOr[str], /) -> typing.Self:
        """Set the placeholder."""
        self.placeholder = placeholder
        return self

    def set_value(self, value: UndefinedOr[str], /) -> typing.Self:
        """Set the pre-filled value."""
        self.value = value
        return self

    def set_required(self, required: bool, /) -> typing.Self:
        """Require an answer or not."""
        self.required = required
        return self

    def set_min_length(self, min_length: int, /) -> typing.Self:
        """Set the shortest answer."""
        self.min_length = min_length
        return self

    def set_max_length(self, max_length: int, /) -> typing.Self:
        """Set the longest answer."""
        self.max_length = max_length
        return self

    def _model(self) -> c.PartialComponent:
        return c.TextInputComponent(
            id=snowflake_id(self.id),
            custom_id=self.custom_id,
            style=self.style,
            label=optional(self.label),
            min_length=self.min_length,
            max_length=self.max_length,
            is_required=self.required,
            value=optional(self.value),
            placeholder=optional(self.placeholder),
        )


class ModalActionRowBuilder(MessageActionRowBuilder):
    """An action row for a modal: one text input (Discord now prefers `LabelComponentBuilder`)."""

    __slots__ = ()

    def add_text_input(
        self,
        custom_id: str,
        label: str,
        /,
        *,
        style: c.TextInputStyle | int = c.TextInputStyle.SHORT,
        placeholder: UndefinedOr[str] = UNDEFINED,
        value: UndefinedOr[str] = UNDEFINED,
        required: bool = True,
        min_length: int = 0,
        max_length: int = 4000,
    ) -> typing.Self:
        """Add a text input."""
        return self.add_component(
            TextInputBuilder(
                custom_id=custom_id,
                label=label,
                style=style,
                placeholder=placeholder,
                value=value,
                required=required,
                min_length=min_length,
                max_length=max_length,
            )
        )


class LabelComponentBuilder(Builder):
    """A modal component with a label and a description around one input."""

    __slots__ = ("component", "description", "label")

    _TYPE = c.ComponentType.LABEL

    def __init__(
        self,
        *,
        label: str,
        component: ComponentOrBuilder,
        description: UndefinedOr[str] = UNDEFINED,
        id: UndefinedOr[int] = UNDEFINED,
    ) -> None:
        super().__init__(id)
        self.label = label
        self.description = description
        self.component = component

    def _model(self) -> c.PartialComponent:
        return c.LabelComponent(
            id=snowflake_id(self.id),
            label=self.label,
            description=optional(self.description),
            component=built(self.component),
        )


class FileUploadComponentBuilder(Builder):
    """A modal input that takes file uploads (0-10 files)."""

    __slots__ = ("custom_id", "is_required", "max_values", "min_values")

    _TYPE = c.ComponentType.FILE_UPLOAD

    def __init__(
        self,
        *,
        custom_id: str,
        min_values: int = 1,
        max_values: int = 1,
        is_required: bool = True,
        id: UndefinedOr[int] = UNDEFINED,
    ) -> None:
        super().__init__(id)
        self.custom_id = custom_id
        self.min_values = min_values
        self.max_values = max_values
        self.is_required = is_required

    def _model(self) -> c.PartialComponent:
        return c.FileUploadComponent(
            id=snowflake_id(self.id),
            custom_id=self.custom_id,
            min_values=self.min_values,
            max_values=self.max_values,
            is_required=self.is_required,
        )
