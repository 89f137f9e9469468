"""Embeds ↔ JSON. Encoding validates Discord's limits and raises `ValueError` naming the one broken."""

from __future__ import annotations

import typing

from anycord.colors import Color
from anycord.models.base import slots_constructor
from anycord.models.embeds import (
    EMBED_LIMITS,
    Embed,
    EmbedAuthor,
    EmbedField,
    EmbedFooter,
    EmbedImage,
    EmbedMediaFlag,
    EmbedProvider,
    EmbedVideo,
)
from anycord.serde._core import JSONObject, from_iso, register, to_iso

if typing.TYPE_CHECKING:
    from collections.abc import Iterable

    from anycord.traits import RESTAware

_Media = typing.TypeVar("_Media", EmbedImage, EmbedVideo)

__all__ = ["check_embeds_total", "decode_embed", "encode_embed", "encode_embed_unchecked"]


_make_embed = slots_constructor(
    Embed,
    "title",
    "description",
    "url",
    "color",
    "timestamp",
    "type",
    "footer",
    "image",
    "thumbnail",
    "video",
    "provider",
    "author",
    "fields",
)
_make_field = slots_constructor(EmbedField, "name", "value", "is_inline")
_make_footer = slots_constructor(EmbedFooter, "text", "icon_url", "proxy_icon_url")
_make_author = slots_constructor(EmbedAuthor, "name", "url", "icon_url", "proxy_icon_url")
_make_provider = slots_constructor(EmbedProvider, "name", "url")
_MEDIA_FIELDS: typing.Final = (
    "url",
    "proxy_url",
    "height",
    "width",
    "content_type",
    "placeholder",
    "placeholder_version",
    "description",
    "flags",
)
_make_image = slots_constructor(EmbedImage, *_MEDIA_FIELDS)
_make_video = slots_constructor(EmbedVideo, *_MEDIA_FIELDS)


def _decode_media(
    make: typing.Callable[..., _Media], payload: JSONObject, url_default: str | None
) -> _Media:
    get = payload.get
    flags = get("flags")
    return make(
        get("url", url_default),
        get("proxy_url"),
        get("height"),
        get("width"),
        get("content_type"),
        get("placeholder"),
        get("placeholder_version"),
        get("description"),
        None if flags is None else EmbedMediaFlag(flags),
    )


def decode_embed(payload: JSONObject, app: RESTAware | None = None) -> Embed:
    """An embed object (received). Built from slots without `__init__` (a hot path: every
    message's embeds)."""
    del app
    get = payload.get
    color = get("color")
    timestamp = get("timestamp")
    footer = get("footer")
    image = get("image")
    thumbnail = get("thumbnail")
    video = get("video")
    provider = get("provider")
    author = get("author")
    raw_fields = get("fields")
    return _make_embed(
        get("title"),
        get("description"),
        get("url"),
        None if color is None else Color(color),
        None if timestamp is None else from_iso(timestamp),
        get("type"),
        None
        if footer is None
        else _make_footer(footer.get("text"), footer.get("icon_url"), footer.get("proxy_icon_url")),
        None if image is None else _decode_media(_make_image, image, ""),
        None if thumbnail is None else _decode_media(_make_image, thumbnail, ""),
        None if video is None else _decode_media(_make_video, video, None),
        None if provider is None else _make_provider(provider.get("name"), provider.get("url")),
        None
        if author is None
        else _make_author(
            author.get("name"),
            author.get("url"),
            author.get("icon_url"),
            author.get("proxy_icon_url"),
        ),
        [_make_field(f["name"], f["value"], f.get("inline", False)) for f in raw_fields]
        if raw_fields
        else [],
    )


def _media(obj: EmbedImage | EmbedVideo) -> JSONObject:
    out: JSONObject = {}
    for key in (
        "url",
        "proxy_url",
        "height",
        "width",
        "content_type",
        "placeholder",
        "placeholder_version",
        "description",
    ):
        value = getattr(obj, key)
        if value is not None:
            out[key] = value
    if obj.flags is not None:
        out["flags"] = int(obj.flags)
    return out


def _check(name: str, value: str | None) -> None:
    limit = EMBED_LIMITS[name]
    if value is not None and len(value.strip()) > limit:
        msg = f"embed {name} is {len(value.strip())} characters long; Discord's limit is {limit}"
        raise ValueError(msg)


def _validate(embed: Embed) -> None:
    _check("title", embed.title)
    _check("description", embed.description)
    if len(embed.fields) > EMBED_LIMITS["fields"]:
        msg = f"embed has {len(embed.fields)} fields; Discord's limit is {EMBED_LIMITS['fields']}"
        raise ValueError(msg)
    for field in embed.fields:
        _check("field.name", field.name)
        _check("field.value", field.value)
    if embed.footer is not None:
        _check("footer.text", embed.footer.text)
    if embed.author is not None:
        _check("author.name", embed.author.name)
    check_embeds_total((embed,))


def check_embeds_total(embeds: Iterable[Embed]) -> None:
    """Raise `ValueError` when the embeds of one message exceed 6000 characters in total."""
    total = sum(embed.total_length() for embed in embeds)
    if total > EMBED_LIMITS["total"]:
        msg = f"embeds total {total} characters; Discord's limit is {EMBED_LIMITS['total']} per message"
        raise ValueError(msg)


def encode_embed_unchecked(embed: Embed) -> JSONObject:
    """An embed as JSON, without checking limits (only fields that are set)."""
    out: JSONObject = {}
    if embed.title is not None:
        out["title"] = embed.title
    if embed.type is not None:
        out["type"] = embed.type
    if embed.description is not None:
        out["description"] = embed.description
    if embed.url is not None:
        out["url"] = embed.url
    if embed.timestamp is not None:
        out["timestamp"] = to_iso(embed.timestamp)
    if embed.color is not None:
        out["color"] = int(embed.color)
    if embed.footer is not None:
        footer: JSONObject = {}
        if embed.footer.text is not None:
            footer["text"] = embed.footer.text
        if embed.footer.icon_url is not None:
            footer["icon_url"] = embed.footer.icon_url
        if embed.footer.proxy_icon_url is not None:
            footer["proxy_icon_url"] = embed.footer.proxy_icon_url
        out["footer"] = footer
    if embed.image is not None:
        out["image"] = _media(embed.image)
    if embed.thumbnail is not None:
        out["thumbnail"] = _media(embed.thumbnail)
    if embed.video is not None:
        out["video"] = _media(embed.video)
    if embed.provider is not None:
        provider: JSONObject = {}
        if embed.provider.name is not None:
            provider["name"] = embed.provider.name
        if embed.provider.url is not None:
            provider["url"] = embed.provider.url
        out["provider"] = provider
    if embed.author is not None:
        author: JSONObject = {}
        for key in ("name", "url", "icon_url", "proxy_icon_url"):
            value = getattr(embed.author, key)
            if value is not None:
                author[key] = value
        out["author"] = author
    if embed.fields:
        out["fields"] = [
            {"name": f.name, "value": f.value, "inline": f.is_inline} for f in embed.fields
        ]
    return out


def encode_embed(embed: Embed) -> JSONObject:
    """An embed as JSON for sending, after checking Discord's limits (`ValueError` names the broken one)."""
    _validate(embed)
    return encode_embed_unchecked(embed)


register(Embed, decode=decode_embed, encode=encode_embed)
