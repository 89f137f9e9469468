"""CDN URL builders for avatars, icons, banners, splashes, emojis and stickers.

Paths and formats follow reference.mdx "Image Formatting". Every builder validates its
arguments and raises `ValueError` naming the bad value:

- `ext` is one of `png`, `jpg`, `jpeg`, `webp`, `gif` (and only those the endpoint supports);
  `gif` only for animated hashes (those starting with `a_`). When `ext` is `None` the URL uses
  `gif` for animated hashes on endpoints that support it and `png` otherwise.
- `size` is a power of two from 16 to 4096 (Discord ignores it for default avatars and
  stickers, so those builders take none).
- `file_format` (instead of `ext`, hikari's spelling) is one of `PNG`, `JPEG`, `JPG`, `WEBP`,
  `AWEBP` (animated WebP: `.webp?animated=true`, animated hashes only) or `GIF`, in any case;
  `lossless` (default `True`) picks lossless or compressed WebP and is ignored for other formats.
"""

from __future__ import annotations

import typing

from anycord import urls

if typing.TYPE_CHECKING:
    from anycord.snowflakes import Snowflakeish

__all__ = [
    "STICKER_PACK_BANNER_APPLICATION_ID",
    "FormatOptions",
    "application_asset_url",
    "application_cover_url",
    "application_icon_url",
    "avatar_decoration_url",
    "avatar_url",
    "compose_url",
    "default_avatar_index",
    "default_avatar_url",
    "emoji_url",
    "group_dm_icon_url",
    "guild_banner_url",
    "guild_discovery_splash_url",
    "guild_icon_url",
    "guild_splash_url",
    "guild_tag_badge_url",
    "is_animated_hash",
    "member_avatar_url",
    "member_banner_url",
    "role_icon_url",
    "scheduled_event_cover_url",
    "sticker_file_url",
    "sticker_pack_banner_url",
    "sticker_url",
    "team_icon_url",
    "user_banner_url",
]

STICKER_PACK_BANNER_APPLICATION_ID: typing.Final[int] = 710982414301790216
"""The application whose store assets hold sticker pack banners."""

_STATIC: typing.Final = frozenset({"png", "jpg", "jpeg", "webp"})
_ANIMATABLE: typing.Final = _STATIC | {"gif"}
_VALID_SIZES: typing.Final = frozenset(1 << n for n in range(4, 13))
_FILE_FORMATS: typing.Final = frozenset({"PNG", "JPEG", "JPG", "WEBP", "AWEBP", "GIF"})


class FormatOptions(typing.TypedDict, total=False):
    """hikari's way to pick an image format (see the module doc)."""

    file_format: str | None
    lossless: bool


def is_animated_hash(image_hash: str) -> bool:
    """Whether an image hash names an animated image (`a_` prefix)."""
    return image_hash.startswith("a_")


def _check_size(size: int | None) -> None:
    if size is not None and (isinstance(size, bool) or size not in _VALID_SIZES):
        msg = f"size must be a power of two between 16 and 4096, not {size!r}"
        raise ValueError(msg)


def compose_url(
    path: str,
    image_hash: str | None,
    *,
    ext: str | None = None,
    size: int | None = None,
    animatable: bool = True,
    file_format: str | None = None,
    lossless: bool = True,
) -> str:
    """`https://cdn.discordapp.com/{path}[/{hash}].{ext}[?query]`, validated.

    `image_hash=None` means the id is the file name (emojis, stickers). `animatable` says
    whether the endpoint serves GIFs at all. `file_format` replaces `ext` (module doc).
    """
    animated = image_hash is not None and is_animated_hash(image_hash)
    query: list[str] = []
    if file_format is not None:
        ext = _file_format_ext(file_format, ext, animated=animated and animatable, query=query)
        if ext == "webp":
            query.append(f"lossless={'true' if lossless else 'false'}")
    if ext is None:
        ext = "gif" if animated and animatable else "png"
    else:
        ext = ext.lower()
        allowed = _ANIMATABLE if animatable else _STATIC
        if ext not in allowed:
            msg = f"ext must be one of {', '.join(sorted(allowed))} for this image, not {ext!r}"
            raise ValueError(msg)
        if ext == "gif" and image_hash is not None and not animated:
            msg = f"ext 'gif' needs an animated image (hash starting with 'a_'), not {image_hash!r}"
            raise ValueError(msg)
    _check_size(size)
    if size is not None:
        query.append(f"size={size}")
    name = f"{path}/{image_hash}.{ext}" if image_hash is not None else f"{path}.{ext}"
    url = f"{urls.CDN_URL}/{name}"
    return f"{url}?{'&'.join(query)}" if query else url


def _file_format_ext(file_format: str, ext: str | None, *, animated: bool, query: list[str]) -> str:
    """The extension for hikari's `file_format` (adding `animated=true` for `AWEBP`)."""
    if ext is not None:
        msg = f"give ext or file_format, not both (ext={ext!r}, file_format={file_format!r})"
        raise ValueError(msg)
    name = str(file_format).upper()
    if name not in _FILE_FORMATS:
        msg = f"file_format must be one of {', '.join(sorted(_FILE_FORMATS))}, not {file_format!r}"
        raise ValueError(msg)
    if name == "AWEBP":
        if not animated:
            msg = "file_format 'AWEBP' needs an animated image (hash starting with 'a_')"
            raise ValueError(msg)
        query.append("animated=true")
        return "webp"
    return name.lower()


def avatar_url(
    user_id: Snowflakeish,
    avatar_hash: str,
    *,
    ext: str | None = None,
    size: int | None = None,
    **fmt: typing.Unpack[FormatOptions],
) -> str:
    """A user's avatar."""
    return compose_url(f"avatars/{user_id}", avatar_hash, ext=ext, size=size, **fmt)


def default_avatar_index(user_id: Snowflakeish, discriminator: str = "0") -> int:
    """Which of the default avatars a user without one gets (new vs legacy usernames)."""
    if discriminator in ("0", "0000", ""):
        return (int(user_id) >> 22) % 6
    return int(discriminator) % 5


def default_avatar_url(user_id: Snowflakeish, discriminator: str = "0") -> str:
    """The default avatar of a user who has none (always PNG; size is ignored by Discord)."""
    return f"{urls.CDN_URL}/embed/avatars/{default_avatar_index(user_id, discriminator)}.png"


def user_banner_url(
    user_id: Snowflakeish,
    banner_hash: str,
    *,
    ext: str | None = None,
    size: int | None = None,
    **fmt: typing.Unpack[FormatOptions],
) -> str:
    """A user's profile banner."""
    return compose_url(f"banners/{user_id}", banner_hash, ext=ext, size=size, **fmt)


def member_avatar_url(
    guild_id: Snowflakeish,
    user_id: Snowflakeish,
    avatar_hash: str,
    *,
    ext: str | None = None,
    size: int | None = None,
    **fmt: typing.Unpack[FormatOptions],
) -> str:
    """A member's guild-specific avatar."""
    return compose_url(
        f"guilds/{guild_id}/users/{user_id}/avatars", avatar_hash, ext=ext, size=size, **fmt
    )


def member_banner_url(
    guild_id: Snowflakeish,
    user_id: Snowflakeish,
    banner_hash: str,
    *,
    ext: str | None = None,
    size: int | None = None,
    **fmt: typing.Unpack[FormatOptions],
) -> str:
    """A member's guild-specific banner."""
    return compose_url(
        f"guilds/{guild_id}/users/{user_id}/banners", banner_hash, ext=ext, size=size, **fmt
    )


def avatar_decoration_url(asset: str, *, size: int | None = None) -> str:
    """An avatar decoration preset (PNG only)."""
    return compose_url("avatar-decoration-presets", asset, ext="png", size=size, animatable=False)


def guild_icon_url(
    guild_id: Snowflakeish,
    icon_hash: str,
    *,
    ext: str | None = None,
    size: int | None = None,
    **fmt: typing.Unpack[FormatOptions],
) -> str:
    """A guild's icon."""
    return compose_url(f"icons/{guild_id}", icon_hash, ext=ext, size=size, **fmt)


def guild_splash_url(
    guild_id: Snowflakeish,
    splash_hash: str,
    *,
    ext: str | None = None,
    size: int | None = None,
    **fmt: typing.Unpack[FormatOptions],
) -> str:
    """A guild's invite splash (no GIF)."""
    return compose_url(
        f"splashes/{guild_id}", splash_hash, ext=ext, size=size, animatable=False, **fmt
    )


def guild_discovery_splash_url(
    guild_id: Snowflakeish,
    splash_hash: str,
    *,
    ext: str | None = None,
    size: int | None = None,
    **fmt: typing.Unpack[FormatOptions],
) -> str:
    """A guild's discovery splash (no GIF)."""
    return compose_url(
        f"discovery-splashes/{guild_id}", splash_hash, ext=ext, size=size, animatable=False, **fmt
    )


def guild_banner_url(
    guild_id: Snowflakeish,
    banner_hash: str,
    *,
    ext: str | None = None,
    size: int | None = None,
    **fmt: typing.Unpack[FormatOptions],
) -> str:
    """A guild's banner."""
    return compose_url(f"banners/{guild_id}", banner_hash, ext=ext, size=size, **fmt)


def guild_tag_badge_url(
    guild_id: Snowflakeish,
    badge_hash: str,
    *,
    ext: str | None = None,
    size: int | None = None,
    **fmt: typing.Unpack[FormatOptions],
) -> str:
    """A guild tag badge (no GIF)."""
    return compose_url(
        f"guild-tag-badges/{guild_id}", badge_hash, ext=ext, size=size, animatable=False, **fmt
    )


def role_icon_url(
    role_id: Snowflakeish,
    icon_hash: str,
    *,
    ext: str | None = None,
    size: int | None = None,
    **fmt: typing.Unpack[FormatOptions],
) -> str:
    """A role's icon (no GIF)."""
    return compose_url(
        f"role-icons/{role_id}", icon_hash, ext=ext, size=size, animatable=False, **fmt
    )


def emoji_url(
    emoji_id: Snowflakeish,
    *,
    animated: bool = False,
    ext: str | None = None,
    size: int | None = None,
) -> str:
    """A custom emoji (`gif` only when `animated`; `webp` is Discord's recommendation)."""
    if ext is None:
        ext = "gif" if animated else "png"
    elif ext.lower() == "gif" and not animated:
        msg = f"ext 'gif' needs an animated emoji; emoji {emoji_id} is static"
        raise ValueError(msg)
    return compose_url(f"emojis/{emoji_id}", None, ext=ext, size=size)


def sticker_url(sticker_id: Snowflakeish, format_type: int = 1) -> str:
    """A sticker file: PNG for PNG/APNG (1, 2), Lottie JSON (3), GIF (4, served by the media proxy)."""
    if format_type == 3:
        return f"{urls.CDN_URL}/stickers/{sticker_id}.json"
    if format_type == 4:
        return f"{urls.MEDIA_PROXY_URL}/stickers/{sticker_id}.gif"
    return f"{urls.CDN_URL}/stickers/{sticker_id}.png"


# What each sticker format type (1 PNG, 2 APNG, 3 LOTTIE, 4 GIF) can be served as, and its default.
_STICKER_FORMATS: typing.Final = {
    1: ("PNG", frozenset({"PNG", "JPEG", "JPG", "WEBP"})),
    2: ("APNG", frozenset({"PNG", "APNG", "JPEG", "JPG", "WEBP"})),
    3: ("LOTTIE", frozenset({"LOTTIE"})),
    4: ("GIF", frozenset({"PNG", "JPEG", "JPG", "WEBP", "AWEBP", "GIF"})),
}


def sticker_file_url(
    sticker_id: Snowflakeish,
    format_type: int = 1,
    *,
    file_format: str | None = None,
    size: int | None = None,
    lossless: bool = True,
) -> str:
    """A sticker file in a chosen format (hikari's `file_format`: `PNG`, `APNG`, `JPEG`, `JPG`,
    `WEBP`, `AWEBP`, `GIF`, `LOTTIE`, as far as the sticker's format allows; `ValueError`
    otherwise). Without `file_format` and `size` this is `sticker_url`. Images come from the
    media proxy: `PNG` asks for the still frame of an APNG, `AWEBP` for animated WebP."""
    if file_format is None and size is None:
        return sticker_url(sticker_id, format_type)
    default, allowed = _STICKER_FORMATS.get(format_type, _STICKER_FORMATS[1])
    name = default if file_format is None else str(file_format).upper()
    if name not in allowed:
        msg = f"a sticker of format type {format_type} is served as {', '.join(sorted(allowed))}"
        raise ValueError(f"{msg}, not {file_format!r}")
    _check_size(size)
    query: list[str] = []
    if name == "LOTTIE":
        url = f"{urls.CDN_URL}/stickers/{sticker_id}.json"
    else:
        ext = {"APNG": "png", "AWEBP": "webp"}.get(name, name.lower())
        url = f"{urls.MEDIA_PROXY_URL}/stickers/{sticker_id}.{ext}"
        if name == "AWEBP":
            query.append("animated=true")
        if ext == "webp":
            query.append(f"lossless={'true' if lossless else 'false'}")
        if name == "PNG":
            query.append("passthrough=false")
    if size is not None:
        query.append(f"size={size}")
    return f"{url}?{'&'.join(query)}" if query else url


def sticker_pack_banner_url(
    banner_asset_id: Snowflakeish,
    *,
    ext: str | None = None,
    size: int | None = None,
    **fmt: typing.Unpack[FormatOptions],
) -> str:
    """A sticker pack's banner."""
    return compose_url(
        f"app-assets/{STICKER_PACK_BANNER_APPLICATION_ID}/store",
        str(banner_asset_id),
        ext=ext,
        size=size,
        **fmt,
        animatable=False,
    )


def application_icon_url(
    application_id: Snowflakeish,
    icon_hash: str,
    *,
    ext: str | None = None,
    size: int | None = None,
    **fmt: typing.Unpack[FormatOptions],
) -> str:
    """An application's icon (no GIF)."""
    return compose_url(
        f"app-icons/{application_id}", icon_hash, ext=ext, size=size, animatable=False, **fmt
    )


def application_cover_url(
    application_id: Snowflakeish,
    cover_hash: str,
    *,
    ext: str | None = None,
    size: int | None = None,
    **fmt: typing.Unpack[FormatOptions],
) -> str:
    """An application's cover image (no GIF)."""
    return compose_url(
        f"app-icons/{application_id}", cover_hash, ext=ext, size=size, animatable=False, **fmt
    )


def application_asset_url(
    application_id: Snowflakeish,
    asset_id: str,
    *,
    ext: str | None = None,
    size: int | None = None,
    **fmt: typing.Unpack[FormatOptions],
) -> str:
    """An application asset (rich presence images; no GIF)."""
    return compose_url(
        f"app-assets/{application_id}", asset_id, ext=ext, size=size, animatable=False, **fmt
    )


def group_dm_icon_url(
    channel_id: Snowflakeish,
    icon_hash: str,
    *,
    ext: str | None = None,
    size: int | None = None,
    **fmt: typing.Unpack[FormatOptions],
) -> str:
    """A group DM's icon (no GIF; served under `channel-icons/`, which Discord's docs omit)."""
    return compose_url(
        f"channel-icons/{channel_id}", icon_hash, ext=ext, size=size, animatable=False, **fmt
    )


def team_icon_url(
    team_id: Snowflakeish,
    icon_hash: str,
    *,
    ext: str | None = None,
    size: int | None = None,
    **fmt: typing.Unpack[FormatOptions],
) -> str:
    """A team's icon (no GIF)."""
    return compose_url(
        f"team-icons/{team_id}", icon_hash, ext=ext, size=size, animatable=False, **fmt
    )


def scheduled_event_cover_url(
    event_id: Snowflakeish,
    cover_hash: str,
    *,
    ext: str | None = None,
    size: int | None = None,
    **fmt: typing.Unpack[FormatOptions],
) -> str:
    """A scheduled event's cover image (no GIF)."""
    return compose_url(
        f"guild-events/{event_id}", cover_hash, ext=ext, size=size, animatable=False, **fmt
    )
