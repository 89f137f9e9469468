"""Embeds ↔ JSON. Encoding validates Discord's limits and raises `ValueError` naming the one broken."""

from __future__ import annotations

import typing

from anycord.colors import Color
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

__all__ = ["check_embeds_total", "decode_embed", "encode_embed", "encode_embed_unchecked"]


def _decode_image(payload: JSONObject) -> EmbedImage:
    flags = payload.get("flags")
    return EmbedImage(
        url=payload.get("url", ""),
        proxy_url=payload.get("proxy_url"),
        height=payload.get("height"),
        width=payload.get("width"),
        content_type=payload.get("content_type"),
        placeholder=payload.get("placeholder"),
        placeholder_version=payload.get("placeholder_version"),
        description=payload.get("description"),
        flags=None if flags is None else EmbedMediaFlag(flags),
    )


def _decode_video(payload: JSONObject) -> EmbedVideo:
    flags = payload.get("flags")
    return EmbedVideo(
        url=payload.get("url"),
        proxy_url=payload.get("proxy_url"),
        height=payload.get("height"),
        width=payload.get("width"),
        content_type=payload.get("content_type"),
        placeholder=payload.get("placeholder"),
        placeholder_version=payload.get("placeholder_version"),
        description=payload.get("description"),
        flags=None if flags is None else EmbedMediaFlag(flags),
    )


def decode_embed(payload: JSONObject, app: RESTAware | None = None) -> Embed:
    """An embed object (received)."""
    del app
    color = payload.get("color")
    timestamp = payload.get("timestamp")
    footer = payload.get("footer")
    image = payload.get("image")
    thumbnail = payload.get("thumbnail")
    video = payload.get("video")
    provider = payload.get("provider")
    author = payload.get("author")
    return Embed(
        title=payload.get("title"),
        description=payload.get("description"),
        url=payload.get("url"),
        color=None if color is None else Color(color),
        timestamp=None if timestamp is None else from_iso(timestamp),
        type=payload.get("type"),
        footer=None
        if footer is None
        else EmbedFooter(
            text=footer.get("text"),
            icon_url=footer.get("icon_url"),
            proxy_icon_url=footer.get("proxy_icon_url"),
        ),
        image=None if image is None else _decode_image(image),
        thumbnail=None if thumbnail is None else _decode_image(thumbnail),
        video=None if video is None else _decode_video(video),
        provider=None
        if provider is None
        else EmbedProvider(name=provider.get("name"), url=provider.get("url")),
        author=None
        if author is None
        else EmbedAuthor(
            name=author.get("name"),
            url=author.get("url"),
            icon_url=author.get("icon_url"),
            proxy_icon_url=author.get("proxy_icon_url"),
        ),
        fields=[
            EmbedField(name=f["name"], value=f["value"], is_inline=f.get("inline", False))
            for f in payload.get("fields", ())
        ],
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
    total = sum(embed.total_length for embed in embeds)
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
