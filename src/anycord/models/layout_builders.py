"""hikari's fluent Components V2 layout builders: containers, sections, text displays,
thumbnails, media galleries, files and separators (see `component_builders` for how builders
work: `build()` gives the checked model)."""

from __future__ import annotations

import typing

from anycord.colors import Color
from anycord.models import components as c
from anycord.models.component_builders import (
    Builder,
    MessageActionRowBuilder,
    built,
    media,
    optional,
    snowflake_id,
)
from anycord.undefined import UNDEFINED, UndefinedOr

if typing.TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from anycord.models.message_parts import ComponentOrBuilder, Mediaish

__all__ = [
    "ContainerComponentBuilder",
    "FileComponentBuilder",
    "MediaGalleryComponentBuilder",
    "MediaGalleryItemBuilder",
    "SectionComponentBuilder",
    "SeparatorComponentBuilder",
    "TextDisplayComponentBuilder",
    "ThumbnailComponentBuilder",
]


class TextDisplayComponentBuilder(Builder):
    """Markdown text."""

    __slots__ = ("content",)

    _TYPE = c.ComponentType.TEXT_DISPLAY

    def __init__(self, *, content: str, id: UndefinedOr[int] = UNDEFINED) -> None:
        super().__init__(id)
        self.content = content

    def _model(self) -> c.PartialComponent:
        return c.TextDisplayComponent(id=snowflake_id(self.id), content=self.content)


class ThumbnailComponentBuilder(Builder):
    """A small image, as a section's accessory."""

    __slots__ = ("description", "media", "spoiler")

    _TYPE = c.ComponentType.THUMBNAIL

    def __init__(
        self,
        *,
        media: Mediaish,
        description: UndefinedOr[str] = UNDEFINED,
        spoiler: bool = False,
        id: UndefinedOr[int] = UNDEFINED,
    ) -> None:
        super().__init__(id)
        self.media = media
        self.description = description
        self.spoiler = spoiler

    @property
    def is_spoiler(self) -> bool:
        """hikari's name for `spoiler`."""
        return self.spoiler

    def _model(self) -> c.PartialComponent:
        return c.ThumbnailComponent(
            id=snowflake_id(self.id),
            media=media(self.media),
            description=optional(self.description),
            is_spoiler=self.spoiler,
        )


class MediaGalleryItemBuilder:
    """One item of a media gallery."""

    __slots__ = ("description", "media", "spoiler")

    def __init__(
        self, *, media: Mediaish, description: UndefinedOr[str] = UNDEFINED, spoiler: bool = False
    ) -> None:
        self.media = media
        self.description = description
        self.spoiler = spoiler

    @property
    def is_spoiler(self) -> bool:
        """hikari's name for `spoiler`."""
        return self.spoiler

    def build(self) -> c.MediaGalleryItem:
        """The item model (checked with its gallery)."""
        return c.MediaGalleryItem(
            media=media(self.media), description=optional(self.description), is_spoiler=self.spoiler
        )


class MediaGalleryComponentBuilder(Builder):
    """A gallery of 1-10 images or videos."""

    __slots__ = ("items",)

    _TYPE = c.ComponentType.MEDIA_GALLERY

    def __init__(
        self,
        *,
        items: Iterable[MediaGalleryItemBuilder] = (),
        id: UndefinedOr[int] = UNDEFINED,
    ) -> None:
        super().__init__(id)
        self.items = list(items)

    def add_item(self, item: MediaGalleryItemBuilder) -> typing.Self:
        """Add an item."""
        self.items.append(item)
        return self

    def add_media_gallery_item(
        self, media: Mediaish, *, description: UndefinedOr[str] = UNDEFINED, spoiler: bool = False
    ) -> typing.Self:
        """Add an item from its media."""
        return self.add_item(
            MediaGalleryItemBuilder(media=media, description=description, spoiler=spoiler)
        )

    def _model(self) -> c.PartialComponent:
        return c.MediaGalleryComponent(
            id=snowflake_id(self.id), items=[i.build() for i in self.items]
        )


class SeparatorComponentBuilder(Builder):
    """Vertical space, with or without a line."""

    __slots__ = ("divider", "spacing")

    _TYPE = c.ComponentType.SEPARATOR

    def __init__(
        self,
        *,
        spacing: UndefinedOr[c.SpacingType | int] = UNDEFINED,
        divider: UndefinedOr[bool] = UNDEFINED,
        id: UndefinedOr[int] = UNDEFINED,
    ) -> None:
        super().__init__(id)
        self.spacing = spacing
        self.divider = divider

    def _model(self) -> c.PartialComponent:
        spacing = None if self.spacing is UNDEFINED else c.SpacingType(self.spacing)
        return c.SeparatorComponent(
            id=snowflake_id(self.id), divider=optional(self.divider), spacing=spacing
        )


class FileComponentBuilder(Builder):
    """An uploaded file shown in the message (`attachment://name`)."""

    __slots__ = ("file", "spoiler")

    _TYPE = c.ComponentType.FILE

    def __init__(
        self, *, file: Mediaish, spoiler: bool = False, id: UndefinedOr[int] = UNDEFINED
    ) -> None:
        super().__init__(id)
        self.file = file
        self.spoiler = spoiler

    @property
    def is_spoiler(self) -> bool:
        """hikari's name for `spoiler`."""
        return self.spoiler

    def _model(self) -> c.PartialComponent:
        return c.FileComponent(
            id=snowflake_id(self.id), file=media(self.file), is_spoiler=self.spoiler
        )


class SectionComponentBuilder(Builder):
    """1-3 text displays beside an accessory (a button or a thumbnail)."""

    __slots__ = ("accessory", "components")

    _TYPE = c.ComponentType.SECTION

    def __init__(
        self,
        *,
        accessory: ComponentOrBuilder,
        components: Iterable[ComponentOrBuilder] = (),
        id: UndefinedOr[int] = UNDEFINED,
    ) -> None:
        super().__init__(id)
        self.accessory = accessory
        self.components: list[ComponentOrBuilder] = list(components)

    def add_component(self, component: ComponentOrBuilder) -> typing.Self:
        """Add a component (a text display)."""
        self.components.append(component)
        return self

    def add_text_display(self, content: str, *, id: UndefinedOr[int] = UNDEFINED) -> typing.Self:
        """Add a text display."""
        return self.add_component(TextDisplayComponentBuilder(content=content, id=id))

    def _model(self) -> c.PartialComponent:
        return c.SectionComponent(
            id=snowflake_id(self.id),
            components=[built(x) for x in self.components],
            accessory=built(self.accessory),
        )


class ContainerComponentBuilder(Builder):
    """A box around other components, with an optional accent colour."""

    __slots__ = ("accent_color", "components", "spoiler")

    _TYPE = c.ComponentType.CONTAINER

    def __init__(
        self,
        *,
        accent_color: UndefinedOr[Color | int] = UNDEFINED,
        spoiler: bool = False,
        components: Iterable[ComponentOrBuilder] = (),
        id: UndefinedOr[int] = UNDEFINED,
    ) -> None:
        super().__init__(id)
        self.accent_color = accent_color
        self.spoiler = spoiler
        self.components: list[ComponentOrBuilder] = list(components)

    @property
    def is_spoiler(self) -> bool:
        """hikari's name for `spoiler`."""
        return self.spoiler

    def add_component(self, component: ComponentOrBuilder) -> typing.Self:
        """Add a component."""
        self.components.append(component)
        return self

    def add_action_row(
        self, components: Sequence[ComponentOrBuilder], *, id: UndefinedOr[int] = UNDEFINED
    ) -> typing.Self:
        """Add an action row holding `components`."""
        return self.add_component(MessageActionRowBuilder(components=components, id=id))

    def add_text_display(self, content: str, *, id: UndefinedOr[int] = UNDEFINED) -> typing.Self:
        """Add a text display."""
        return self.add_component(TextDisplayComponentBuilder(content=content, id=id))

    def add_separator(
        self,
        *,
        spacing: UndefinedOr[c.SpacingType | int] = UNDEFINED,
        divider: UndefinedOr[bool] = UNDEFINED,
        id: UndefinedOr[int] = UNDEFINED,
    ) -> typing.Self:
        """Add a separator."""
        return self.add_component(
            SeparatorComponentBuilder(spacing=spacing, divider=divider, id=id)
        )

    def add_media_gallery(
        self, items: Sequence[MediaGalleryItemBuilder], *, id: UndefinedOr[int] = UNDEFINED
    ) -> typing.Self:
        """Add a media gallery."""
        return self.add_component(MediaGalleryComponentBuilder(items=items, id=id))

    def add_file(
        self, file: Mediaish, *, spoiler: bool = False, id: UndefinedOr[int] = UNDEFINED
    ) -> typing.Self:
        """Add a file (`attachment://name` of a file uploaded with the message)."""
        return self.add_component(FileComponentBuilder(file=file, spoiler=spoiler, id=id))

    def _model(self) -> c.PartialComponent:
        color = None if self.accent_color is UNDEFINED else Color(int(self.accent_color))
        return c.ContainerComponent(
            id=snowflake_id(self.id),
            components=[built(x) for x in self.components],
            accent_color=color,
            is_spoiler=self.spoiler,
        )
