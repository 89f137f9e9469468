"""Stickers ↔ JSON."""

from __future__ import annotations

import typing

from anycord.enums import try_enum
from anycord.models.stickers import (
    GuildSticker,
    PartialSticker,
    StandardSticker,
    StickerFormatType,
    StickerPack,
)
from anycord.serde._core import JSONObject, opt_snowflake, register
from anycord.serde.users import decode_user, encode_user
from anycord.snowflakes import Snowflake

if typing.TYPE_CHECKING:
    from anycord.traits import RESTAware

__all__ = [
    "decode_guild_sticker",
    "decode_partial_sticker",
    "decode_standard_sticker",
    "decode_sticker",
    "decode_sticker_pack",
    "encode_sticker",
    "encode_sticker_pack",
]


def decode_partial_sticker(payload: JSONObject, app: RESTAware | None = None) -> PartialSticker:
    """A sticker item (as messages carry it)."""
    return PartialSticker(
        id=Snowflake(payload["id"]),
        name=payload["name"],
        format_type=try_enum(StickerFormatType, payload.get("format_type") or 1),
    )


def decode_standard_sticker(payload: JSONObject, app: RESTAware | None = None) -> StandardSticker:
    """A sticker of one of Discord's packs."""
    return StandardSticker(
        id=Snowflake(payload["id"]),
        name=payload["name"],
        format_type=try_enum(StickerFormatType, payload.get("format_type") or 1),
        description=payload.get("description"),
        tags=payload.get("tags", ""),
        pack_id=opt_snowflake(payload.get("pack_id")),
        sort_value=payload.get("sort_value"),
    )


def decode_guild_sticker(
    payload: JSONObject, app: RESTAware | None = None, guild_id: Snowflake | None = None
) -> GuildSticker:
    """A guild's sticker."""
    user = payload.get("user")
    return GuildSticker(
        id=Snowflake(payload["id"]),
        app=app,
        name=payload["name"],
        format_type=try_enum(StickerFormatType, payload.get("format_type") or 1),
        description=payload.get("description"),
        tag=payload.get("tags", ""),
        guild_id=guild_id if guild_id is not None else Snowflake(payload["guild_id"]),
        is_available=payload.get("available", True),
        user=decode_user(user, app) if user is not None else None,
    )


def decode_sticker(
    payload: JSONObject, app: RESTAware | None = None
) -> StandardSticker | GuildSticker:
    """A full sticker, by its `type` (guild stickers have a `guild_id`)."""
    if payload.get("type") == 2 or "guild_id" in payload:
        return decode_guild_sticker(payload, app)
    return decode_standard_sticker(payload, app)


def encode_sticker(sticker: PartialSticker) -> JSONObject:
    """A sticker as Discord sends it (item, standard or guild)."""
    out: JSONObject = {
        "id": str(sticker.id),
        "name": sticker.name,
        "format_type": int(sticker.format_type),
    }
    if isinstance(sticker, StandardSticker):
        out["type"] = 1
        out["description"] = sticker.description
        out["tags"] = sticker.tags
        out["pack_id"] = str(sticker.pack_id) if sticker.pack_id is not None else None
        out["sort_value"] = sticker.sort_value
    elif isinstance(sticker, GuildSticker):
        out["type"] = 2
        out["description"] = sticker.description
        out["tags"] = sticker.tag
        out["guild_id"] = str(sticker.guild_id)
        out["available"] = sticker.is_available
        if sticker.user is not None:
            out["user"] = encode_user(sticker.user)
    return out


def decode_sticker_pack(payload: JSONObject, app: RESTAware | None = None) -> StickerPack:
    """A pack of standard stickers."""
    return StickerPack(
        id=Snowflake(payload["id"]),
        name=payload["name"],
        description=payload.get("description", ""),
        stickers=tuple(decode_standard_sticker(s) for s in payload.get("stickers", ())),
        sku_id=Snowflake(payload["sku_id"]),
        cover_sticker_id=opt_snowflake(payload.get("cover_sticker_id")),
        banner_asset_id=opt_snowflake(payload.get("banner_asset_id")),
    )


def encode_sticker_pack(pack: StickerPack) -> JSONObject:
    """A sticker pack as Discord sends it."""
    out: JSONObject = {
        "id": str(pack.id),
        "name": pack.name,
        "description": pack.description,
        "stickers": [encode_sticker(s) for s in pack.stickers],
        "sku_id": str(pack.sku_id),
    }
    if pack.cover_sticker_id is not None:
        out["cover_sticker_id"] = str(pack.cover_sticker_id)
    if pack.banner_asset_id is not None:
        out["banner_asset_id"] = str(pack.banner_asset_id)
    return out


register(PartialSticker, decode=decode_partial_sticker, encode=encode_sticker)
register(StandardSticker, decode=decode_standard_sticker, encode=encode_sticker)
register(GuildSticker, decode=decode_guild_sticker, encode=encode_sticker)
register(StickerPack, decode=decode_sticker_pack, encode=encode_sticker_pack)
