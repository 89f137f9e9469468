"""Embeds: rich content attached to a message, received and sent alike.

Shapes from resources/message.mdx ("Embed Object"). `Embed` doubles as a builder: its
`set_*`/`add_field` methods change it in place and return it, so calls chain. Discord's
limits (title 256, description 4096, 25 fields, field name 256 / value 1024, footer 2048,
author 256, 6000 characters in total) are checked when an embed is encoded for sending
(`anycord.serde.embeds.encode_embed`), not when it is built, so a received embed that
Discord itself let through always decodes.
"""

from __future__ import annotations

import enum
import typing

import attrs

from anycord.colors import Color
from anycord.files import URL
from anycord.models.downloads import Downloadable

if typing.TYPE_CHECKING:
    import datetime

__all__ = [
    "EMBED_LIMITS",
    "Embed",
    "EmbedAuthor",
    "EmbedField",
    "EmbedFooter",
    "EmbedImage",
    "EmbedMediaFlag",
    "EmbedProvider",
    "EmbedVideo",
]

EMBED_LIMITS: typing.Final[typing.Mapping[str, int]] = {
    "title": 256,
    "description": 4096,
    "fields": 25,
    "field.name": 256,
    "field.value": 1024,
    "footer.text": 2048,
    "author.name": 256,
    "total": 6000,
}
"""Discord's embed limits (resources/message.mdx, "Embed Limits"); whitespace at the ends is not counted."""


def _to_color(value: typing.SupportsInt | None) -> Color | None:
    return None if value is None else Color(value)


class EmbedMediaFlag(enum.IntFlag, boundary=enum.KEEP):
    """Flags of an embed image or thumbnail."""

    NONE = 0
    IS_ANIMATED = 1 << 5


class _EmbedMedia(Downloadable):
    """`url`/`proxy_url` as hikari's embed resources read them."""

    __slots__ = ()

    url: str | None
    proxy_url: str | None

    @property
    def resource(self) -> URL:
        """The file at `url` (`ValueError` when there is none)."""
        if self.url is None:
            msg = f"this {type(self).__name__} has no url"
            raise ValueError(msg)
        return URL(self.url)

    @property
    def proxy_resource(self) -> URL | None:
        """The file at Discord's cached copy (`proxy_url`), or `None`."""
        return None if self.proxy_url is None else URL(self.proxy_url)

    @property
    def filename(self) -> str:
        """The file's name, from `url`."""
        return self.resource.filename

    @property
    def extension(self) -> str | None:
        """The file name's extension, if it has one."""
        _, dot, ext = self.filename.rpartition(".")
        return ext if dot else None

    @property
    def proxy_filename(self) -> str | None:
        """The proxied file's name, or `None` without `proxy_url`."""
        proxy = self.proxy_resource
        return None if proxy is None else proxy.filename


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class EmbedImage(_EmbedMedia):
    """An embed's image or thumbnail. Only `url` is sent; the rest is filled in by Discord."""

    url: str
    proxy_url: str | None = None
    height: int | None = None
    width: int | None = None
    content_type: str | None = None
    placeholder: str | None = None
    placeholder_version: int | None = None
    description: str | None = None
    flags: EmbedMediaFlag | None = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class EmbedVideo(_EmbedMedia):
    """An embed's video (received only: bots cannot set videos, Discord ignores them)."""

    url: str | None = None
    proxy_url: str | None = None
    height: int | None = None
    width: int | None = None
    content_type: str | None = None
    placeholder: str | None = None
    placeholder_version: int | None = None
    description: str | None = None
    flags: EmbedMediaFlag | None = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class EmbedProvider:
    """The site an embed was unfurled from (received only)."""

    name: str | None = None
    url: str | None = None


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class EmbedAuthor:
    """An embed's author line."""

    name: str | None = None
    url: str | None = None
    icon_url: str | None = None
    proxy_icon_url: str | None = None

    @property
    def icon(self) -> EmbedImage | None:
        """The icon as an image (`url` and `proxy_url`), or `None` without one."""
        return _icon(self.icon_url, self.proxy_icon_url)


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class EmbedFooter:
    """An embed's footer."""

    text: str | None = None
    icon_url: str | None = None
    proxy_icon_url: str | None = None

    @property
    def icon(self) -> EmbedImage | None:
        """The icon as an image (`url` and `proxy_url`), or `None` without one."""
        return _icon(self.icon_url, self.proxy_icon_url)


def _icon(url: str | None, proxy_url: str | None) -> EmbedImage | None:
    return None if url is None else EmbedImage(url=url, proxy_url=proxy_url)


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class EmbedField:
    """A name/value field of an embed."""

    name: str
    value: str
    is_inline: bool = False


@attrs.define(slots=True, kw_only=True, weakref_slot=False)
class Embed:
    """A rich embed. Build one with keyword arguments and chain `set_*`/`add_field` calls.

    ```python
    embed = Embed(title="Status", color=0x00FF00).add_field("CPU", "3 %", inline=True).set_footer("ok")
    ```
    """

    title: str | None = None
    description: str | None = None
    url: str | None = None
    color: Color | None = attrs.field(default=None, converter=_to_color)
    timestamp: datetime.datetime | None = None
    type: str | None = None
    """`rich` for bot embeds; `image`, `video`, `gifv`, `article`, `link`, `poll_result`… for unfurls."""
    footer: EmbedFooter | None = None
    image: EmbedImage | None = None
    thumbnail: EmbedImage | None = None
    video: EmbedVideo | None = None
    provider: EmbedProvider | None = None
    author: EmbedAuthor | None = None
    fields: list[EmbedField] = attrs.field(factory=list)

    @property
    def colour(self) -> Color | None:
        """Alias of `color`."""
        return self.color

    @classmethod
    def from_received_embed(
        cls,
        *,
        title: str | None,
        description: str | None,
        url: str | None,
        color: Color | None,
        timestamp: datetime.datetime | None,
        image: EmbedImage | None,
        thumbnail: EmbedImage | None,
        video: EmbedVideo | None,
        author: EmbedAuthor | None,
        provider: EmbedProvider | None,
        footer: EmbedFooter | None,
        fields: list[EmbedField] | None,
    ) -> Embed:
        """An embed from the parts of a received one (hikari's constructor for decoded embeds)."""
        return cls(
            title=title,
            description=description,
            url=url,
            color=color,
            timestamp=timestamp,
            image=image,
            thumbnail=thumbnail,
            video=video,
            author=author,
            provider=provider,
            footer=footer,
            fields=list(fields or ()),
        )

    def total_length(self) -> int:
        """Characters counted against the 6000 total (title, description, fields, footer, author)."""
        total = len((self.title or "").strip()) + len((self.description or "").strip())
        for field in self.fields:
            total += len(field.name.strip()) + len(field.value.strip())
        if self.footer is not None:
            total += len((self.footer.text or "").strip())
        if self.author is not None:
            total += len((self.author.name or "").strip())
        return total

    def set_author(
        self, *, name: str | None = None, url: str | None = None, icon: str | None = None
    ) -> Embed:
        """Set (or with no arguments, clear) the author line. `icon` is an http(s) or `attachment://` URL."""
        if name is None and url is None and icon is None:
            self.author = None
        else:
            self.author = EmbedAuthor(name=name, url=url, icon_url=icon)
        return self

    def set_footer(self, text: str | None = None, *, icon: str | None = None) -> Embed:
        """Set (or with no arguments, clear) the footer."""
        if text is None and icon is None:
            self.footer = None
        else:
            self.footer = EmbedFooter(text=text, icon_url=icon)
        return self

    def set_image(self, url: str | None = None) -> Embed:
        """Set (or with `None`, clear) the large image."""
        self.image = None if url is None else EmbedImage(url=url)
        return self

    def set_thumbnail(self, url: str | None = None) -> Embed:
        """Set (or with `None`, clear) the thumbnail."""
        self.thumbnail = None if url is None else EmbedImage(url=url)
        return self

    def set_video(self, url: str | None = None) -> Embed:
        """Set (or with `None`, clear) the video. Discord shows videos only on unfurled links."""
        self.video = None if url is None else EmbedVideo(url=url)
        return self

    def set_provider(self, name: str | None = None, url: str | None = None) -> Embed:
        """Set (or with no arguments, clear) the provider."""
        self.provider = None if name is None and url is None else EmbedProvider(name=name, url=url)
        return self

    def add_field(
        self, name: str | None = None, value: str | None = None, *, inline: bool = False
    ) -> Embed:
        """Append a field (a missing name or value is empty; Discord rejects empty ones)."""
        self.fields.append(EmbedField(name=name or "", value=value or "", is_inline=inline))
        return self

    def clear_fields(self) -> Embed:
        """Remove every field."""
        self.fields.clear()
        return self

    def edit_field(
        self,
        index: int,
        name: str | None = None,
        value: str | None = None,
        *,
        inline: bool | None = None,
    ) -> Embed:
        """Change the field at `index` (given parts only)."""
        field = self.fields[index]
        if name is not None:
            field.name = name
        if value is not None:
            field.value = value
        if inline is not None:
            field.is_inline = inline
        return self

    def remove_field(self, index: int) -> Embed:
        """Remove the field at `index`."""
        del self.fields[index]
        return self
