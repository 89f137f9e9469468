"""CDN URL builders for avatars, icons, banners, splashes, emojis and stickers.

Paths and formats follow reference.mdx "Image Formatting". Every builder validates its
arguments and raises `ValueError` naming the bad value:

- `ext` is one of `png`, `jpg`, `jpeg`, `webp`, `gif` (and only those the endpoint supports);
  `gif` only for animated hashes (those starting with `a_`). When `ext` is `None` the URL uses
  `gif` for animated hashes on endpoints that support it and `png` otherwise.
- `size` is a power of two from 16 to 4096 (Discord ignores it for default avatars and
  stickers, so those builders take none).
- `file_format` is hikari's spelling of the format, an alternative to `ext` (giving both is a
  `ValueError`): `PNG`, `JPEG`, `JPG`, `WEBP`, `GIF`, or `AWEBP` (animated WebP: `.webp` with
  `?animated=true`, only for animated hashes). For `WEBP`/`AWEBP`, `lossless` picks a
  lossless (`True`, the default) or compressed image (`?lossless=true|false`).
"""

from __future__ import annotations

import typing

from anycord import urls

if typing.TYPE_CHECKING:
    from anycord.snowflakes import Snowflakeish

__all__ = [
    "STICKER_PACK_BANNER_APPLICATION_ID",
    "ImageOptions",
    "application_asset_url",
    "application_cover_url",
    "application_icon_url",
    "avatar_decoration_url",
    "avatar_url",
    "compose_url",
    "default_avatar_index",
    "default_avatar_url",
    "emoji_url",
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
_FILE_FORMATS: typing.Final = {
    "PNG": "png",
    "JPEG": "jpeg",
    "JPG": "jpg",
    "WEBP": "webp",
    "AWEBP": "webp",
    "GIF": "gif",
}


class ImageOptions(typing.TypedDict, total=False):
    """How a builder (and a model's `make_*_url`) picks the image's format and size
    (module doc): `ext` or hikari's `file_format`, `size`, `lossless`."""

    ext: str | None
    size: int | None
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
    file_format: str | None = None,
    lossless: bool = True,
    animatable: bool = True,
    animated: bool | None = None,
) -> str:
    """`https://cdn.discordapp.com/{path}[/{hash}].{ext}[?size=N&…]`, validated.

    `image_hash=None` means the id is the file name (emojis, stickers). `animatable` says
    whether the endpoint serves GIFs at all; `animated` overrides what the hash says.
    """
    if animated is None:
        animated = image_hash is not None and is_animated_hash(image_hash)
    query = {} if size is None else {"size": str(size)}
    if file_format is not None:
        ext = _format_ext(file_format, ext, animated=animated and animatable, query=query)
        if ext == "webp":
            query["lossless"] = "true" if lossless else "false"
    if ext is None:
        ext = "gif" if animated and animatable else "png"
    else:
        ext = ext.lower()
        allowed = _ANIMATABLE if animatable else _STATIC
        if ext not in allowed:
            msg = f"ext must be one of {', '.join(sorted(allowed))} for this image, not {ext!r}"
            raise ValueError(msg)
        if ext == "gif" and not animated:
            what = repr(image_hash) if image_hash is not None else f"the static {path}"
            msg = f"ext 'gif' needs an animated image (hash starting with 'a_'), not {what}"
            raise ValueError(msg)
    _check_size(size)
    name = f"{path}/{image_hash}.{ext}" if image_hash is not None else f"{path}.{ext}"
    url = f"{urls.CDN_URL}/{name}"
    return url if not query else f"{url}?{'&'.join(f'{k}={v}' for k, v in query.items())}"


def _format_ext(file_format: str, ext: str | None, *, animated: bool, query: dict[str, str]) -> str:
    # hikari's `file_format` names map onto an extension; AWEBP adds `animated=true`.
    if ext is not None:
        msg = f"give ext or file_format, not both (ext={ext!r}, file_format={file_format!r})"
        raise ValueError(msg)
    fmt = file_format.upper()
    if fmt not in _FILE_FORMATS:
        msg = f"file_format must be one of {', '.join(_FILE_FORMATS)}, not {file_format!r}"
        raise ValueError(msg)
    if fmt == "AWEBP":
        if not animated:
            msg = "file_format 'AWEBP' needs an animated image"
            raise ValueError(msg)
        query["animated"] = "true"
    return _FILE_FORMATS[fmt]


def avatar_url(
    user_id: Snowflakeish, avatar_hash: str, **options: typing.Unpack[ImageOptions]
) -> str:
    """A user's avatar."""
    return compose_url(f"avatars/{user_id}", avatar_hash, **options)


def default_avatar_index(user_id: Snowflakeish, discriminator: str = "0") -> int:
    """Which of the default avatars a user without one gets (new vs legacy usernames)."""
    if discriminator in ("0", "0000", ""):
        return (int(user_id) >> 22) % 6
    return int(discriminator) % 5


def default_avatar_url(user_id: Snowflakeish, discriminator: str = "0") -> str:
    """The default avatar of a user who has none (always PNG; size is ignored by Discord)."""
    return f"{urls.CDN_URL}/embed/avatars/{default_avatar_index(user_id, discriminator)}.png"


def user_banner_url(
    user_id: Snowflakeish, banner_hash: str, **options: typing.Unpack[ImageOptions]
) -> str:
    """A user's profile banner."""
    return compose_url(f"banners/{user_id}", banner_hash, **options)


def member_avatar_url(
    guild_id: Snowflakeish,
    user_id: Snowflakeish,
    avatar_hash: str,
    **options: typing.Unpack[ImageOptions],
) -> str:
    """A member's guild-specific avatar."""
    return compose_url(f"guilds/{guild_id}/users/{user_id}/avatars", avatar_hash, **options)


def member_banner_url(
    guild_id: Snowflakeish,
    user_id: Snowflakeish,
    banner_hash: str,
    **options: typing.Unpack[ImageOptions],
) -> str:
    """A member's guild-specific banner."""
    return compose_url(f"guilds/{guild_id}/users/{user_id}/banners", banner_hash, **options)


def avatar_decoration_url(asset: str, *, size: int | None = None) -> str:
    """An avatar decoration preset (PNG only)."""
    return compose_url("avatar-decoration-presets", asset, ext="png", size=size, animatable=False)


def guild_icon_url(
    guild_id: Snowflakeish, icon_hash: str, **options: typing.Unpack[ImageOptions]
) -> str:
    """A guild's icon."""
    return compose_url(f"icons/{guild_id}", icon_hash, **options)


def guild_splash_url(
    guild_id: Snowflakeish, splash_hash: str, **options: typing.Unpack[ImageOptions]
) -> str:
    """A guild's invite splash (no GIF)."""
    return compose_url(f"splashes/{guild_id}", splash_hash, **options, animatable=False)


def guild_discovery_splash_url(
    guild_id: Snowflakeish, splash_hash: str, **options: typing.Unpack[ImageOptions]
) -> str:
    """A guild's discovery splash (no GIF)."""
    return compose_url(f"discovery-splashes/{guild_id}", splash_hash, **options, animatable=False)


def guild_banner_url(
    guild_id: Snowflakeish, banner_hash: str, **options: typing.Unpack[ImageOptions]
) -> str:
    """A guild's banner."""
    return compose_url(f"banners/{guild_id}", banner_hash, **options)


def guild_tag_badge_url(
    guild_id: Snowflakeish, badge_hash: str, **options: typing.Unpack[ImageOptions]
) -> str:
    """A guild tag badge (no GIF)."""
    return compose_url(f"guild-tag-badges/{guild_id}", badge_hash, **options, animatable=False)


def role_icon_url(
    role_id: Snowflakeish, icon_hash: str, **options: typing.Unpack[ImageOptions]
) -> str:
    """A role's icon (no GIF)."""
    return compose_url(f"role-icons/{role_id}", icon_hash, **options, animatable=False)


def emoji_url(
    emoji_id: Snowflakeish,
    *,
    animated: bool = False,
    **options: typing.Unpack[ImageOptions],
) -> str:
    """A custom emoji (`gif` only when `animated`; `webp` is Discord's recommendation)."""
    return compose_url(f"emojis/{emoji_id}", None, animated=animated, **options)


def sticker_url(sticker_id: Snowflakeish, format_type: int = 1) -> str:
    """A sticker file: PNG for PNG/APNG (1, 2), Lottie JSON (3), GIF (4, served by the media proxy)."""
    if format_type == 3:
        return f"{urls.CDN_URL}/stickers/{sticker_id}.json"
    if format_type == 4:
        return f"{urls.MEDIA_PROXY_URL}/stickers/{sticker_id}.gif"
    return f"{urls.CDN_URL}/stickers/{sticker_id}.png"


def sticker_pack_banner_url(
    banner_asset_id: Snowflakeish, **options: typing.Unpack[ImageOptions]
) -> str:
    """A sticker pack's banner."""
    return compose_url(
        f"app-assets/{STICKER_PACK_BANNER_APPLICATION_ID}/store",
        str(banner_asset_id),
        **options,
        animatable=False,
    )


def application_icon_url(
    application_id: Snowflakeish, icon_hash: str, **options: typing.Unpack[ImageOptions]
) -> str:
    """An application's icon (no GIF)."""
    return compose_url(f"app-icons/{application_id}", icon_hash, **options, animatable=False)


def application_cover_url(
    application_id: Snowflakeish,
    cover_hash: str,
    **options: typing.Unpack[ImageOptions],
) -> str:
    """An application's cover image (no GIF)."""
    return compose_url(f"app-icons/{application_id}", cover_hash, **options, animatable=False)


def application_asset_url(
    application_id: Snowflakeish, asset_id: str, **options: typing.Unpack[ImageOptions]
) -> str:
    """An application asset (rich presence images; no GIF)."""
    return compose_url(f"app-assets/{application_id}", asset_id, **options, animatable=False)


def team_icon_url(
    team_id: Snowflakeish, icon_hash: str, **options: typing.Unpack[ImageOptions]
) -> str:
    """A team's icon (no GIF)."""
    return compose_url(f"team-icons/{team_id}", icon_hash, **options, animatable=False)


def scheduled_event_cover_url(
    event_id: Snowflakeish, cover_hash: str, **options: typing.Unpack[ImageOptions]
) -> str:
    """A scheduled event's cover image (no GIF)."""
    return compose_url(f"guild-events/{event_id}", cover_hash, **options, animatable=False)
