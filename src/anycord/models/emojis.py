"""Emojis (resources/emoji.mdx): Unicode emojis, custom emojis, guild and application emojis.

`Emoji.parse` turns a mention (`<:name:id>`, `<a:name:id>`) or a Unicode string into the
right class; `url_name` is the form REST reaction routes take.
"""

from __future__ import annotations

import re
import typing

import attrs

from anycord.files import URL
from anycord.models import cdn
from anycord.models.base import Unique
from anycord.models.downloads import Downloadable
from anycord.snowflakes import Snowflake

if typing.TYPE_CHECKING:
    from collections.abc import Sequence

    from anycord.models.users import User
    from anycord.traits import RESTAware

__all__ = ["ApplicationEmoji", "CustomEmoji", "Emoji", "KnownCustomEmoji", "UnicodeEmoji"]

_MENTION: typing.Final = re.compile(r"<(a?):([A-Za-z0-9_~]{1,32}):(\d{15,21})>")


class Emoji:
    """Any emoji. Subclasses: `UnicodeEmoji`, `CustomEmoji`."""

    __slots__ = ()

    @property
    def url_name(self) -> str:
        """The form reaction routes take (`name:id` for custom emojis, the character otherwise)."""
        raise NotImplementedError

    @property
    def mention(self) -> str:
        """How to write the emoji in a message."""
        raise NotImplementedError

    @staticmethod
    def parse(text: str) -> UnicodeEmoji | CustomEmoji:
        """A custom emoji from its mention (`<:name:id>`, `<a:name:id>`), else a Unicode emoji.

        Raises `ValueError` for an empty string.
        """
        text = text.strip()
        if not text:
            msg = "an emoji cannot be empty"
            raise ValueError(msg)
        match = _MENTION.fullmatch(text)
        if match is not None:
            return CustomEmoji(id=Snowflake(match[3]), name=match[2], is_animated=bool(match[1]))
        return UnicodeEmoji(name=text)


@attrs.define(slots=True, kw_only=True, eq=True, weakref_slot=False)
class UnicodeEmoji(Emoji):
    """A standard Unicode emoji; equal to others with the same characters."""

    name: str

    @property
    def url_name(self) -> str:
        """The characters themselves (the REST layer URL-encodes them)."""
        return self.name

    @property
    def mention(self) -> str:
        """The characters themselves."""
        return self.name

    def __str__(self) -> str:
        return self.name


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class CustomEmoji(Unique, Emoji, Downloadable):
    """A custom emoji (from any guild or application). `name` is `None` for deleted emojis in
    reactions. `read()`, `stream()` and `save()` download its image (`url`)."""

    name: str | None = None
    is_animated: bool = False

    @property
    def url_name(self) -> str:
        """`name:id`."""
        return f"{self.name}:{self.id}"

    @property
    def mention(self) -> str:
        """`<:name:id>` or `<a:name:id>`."""
        return f"<{'a' if self.is_animated else ''}:{self.name}:{self.id}>"

    @property
    def url(self) -> str:
        """The image's CDN URL (GIF when animated, else PNG)."""
        return cdn.emoji_url(self.id, animated=self.is_animated)

    @property
    def resource(self) -> URL:
        """The image at `url`."""
        return URL(self.url)

    @property
    def filename(self) -> str:
        """The image's file name (`<id>.png`, or `.gif` when animated)."""
        return self.resource.filename

    @property
    def extension(self) -> str | None:
        """`png`, or `gif` when animated."""
        return self.resource.extension

    def make_url(self, *, ext: str | None = None, size: int | None = None) -> str:
        """The image's URL in a chosen format and size (`ValueError` for bad ones)."""
        return cdn.emoji_url(self.id, animated=self.is_animated, ext=ext, size=size)

    def __str__(self) -> str:
        return self.mention


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class KnownCustomEmoji(CustomEmoji):
    """A guild's custom emoji, with the details only its guild's members see."""

    app: RESTAware | None = attrs.field(default=None, repr=False)
    guild_id: Snowflake | None = None
    role_ids: Sequence[Snowflake] = ()
    """Roles allowed to use it (empty: everyone)."""
    user: User | None = None
    """Who uploaded it (needs MANAGE_GUILD_EXPRESSIONS)."""
    is_colons_required: bool = True
    is_managed: bool = False
    is_available: bool = True


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class ApplicationEmoji(CustomEmoji):
    """An emoji owned by an application (usable by the app anywhere)."""

    app: RESTAware | None = attrs.field(default=None, repr=False)
    application_id: Snowflake | None = None
    user: User | None = None
    is_colons_required: bool = True
    is_managed: bool = False
    is_available: bool = True
