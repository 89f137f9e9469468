"""Stickers (resources/sticker.mdx): sticker items, standard and guild stickers, packs."""

from __future__ import annotations

import typing

import attrs

from anycord import enums
from anycord.models import cdn
from anycord.models.base import Unique

if typing.TYPE_CHECKING:
    from collections.abc import Sequence

    from anycord.models.users import User
    from anycord.snowflakes import Snowflake
    from anycord.traits import RESTAware

__all__ = [
    "GuildSticker",
    "PartialSticker",
    "StandardSticker",
    "StickerFormatType",
    "StickerPack",
    "StickerType",
]


class StickerType(enums.IntEnum):
    """Who made a sticker."""

    STANDARD = 1
    GUILD = 2


class StickerFormatType(enums.IntEnum):
    """A sticker's file format."""

    PNG = 1
    APNG = 2
    LOTTIE = 3
    GIF = 4


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class PartialSticker(Unique):
    """A sticker as messages carry it (a "sticker item")."""

    name: str
    format_type: StickerFormatType = StickerFormatType.PNG

    @property
    def url(self) -> str:
        """The sticker file's URL (PNG, Lottie JSON or GIF by format)."""
        return cdn.sticker_url(self.id, int(self.format_type))

    def make_url(
        self, *, file_format: str | None = None, size: int | None = None, lossless: bool = True
    ) -> str:
        """The sticker file's URL in a chosen format and size (`anycord.models.cdn.sticker_file_url`;
        `ValueError` for a format the sticker cannot be served as)."""
        return cdn.sticker_file_url(
            self.id, int(self.format_type), file_format=file_format, size=size, lossless=lossless
        )


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class StandardSticker(PartialSticker):
    """A sticker from one of Discord's packs."""

    description: str | None = None
    tags: str = ""
    """Autocomplete keywords, comma separated."""
    pack_id: Snowflake | None = None
    sort_value: int | None = None

    @property
    def type(self) -> StickerType:
        """`StickerType.STANDARD`."""
        return StickerType.STANDARD


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class GuildSticker(PartialSticker):
    """A guild's own sticker."""

    app: RESTAware | None = attrs.field(default=None, repr=False)
    description: str | None = None
    tag: str = ""
    """The related emoji's name."""
    guild_id: Snowflake
    is_available: bool = True
    user: User | None = None
    """Who uploaded it (needs MANAGE_GUILD_EXPRESSIONS)."""

    @property
    def type(self) -> StickerType:
        """`StickerType.GUILD`."""
        return StickerType.GUILD


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class StickerPack(Unique):
    """A pack of standard stickers."""

    name: str
    description: str = ""
    stickers: Sequence[StandardSticker] = ()
    sku_id: Snowflake
    cover_sticker_id: Snowflake | None = None
    banner_asset_id: Snowflake | None = None

    @property
    def banner_url(self) -> str | None:
        """The pack banner's URL, or `None`."""
        if self.banner_asset_id is None:
            return None
        return cdn.sticker_pack_banner_url(self.banner_asset_id)

    def make_banner_url(
        self,
        *,
        ext: str | None = None,
        size: int | None = None,
        **fmt: typing.Unpack[cdn.FormatOptions],
    ) -> str | None:
        """The pack banner's URL in a chosen format and size (no GIF), or `None`."""
        if self.banner_asset_id is None:
            return None
        return cdn.sticker_pack_banner_url(self.banner_asset_id, ext=ext, size=size, **fmt)
