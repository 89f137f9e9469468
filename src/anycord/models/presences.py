"""Presences and activities (events/gateway-events.mdx "Presence Update", "Activity Object").

`Activity` is what a bot sends (UPDATE_PRESENCE / IDENTIFY: name, type, url, state);
`RichActivity` is what Discord reports about users.
"""

from __future__ import annotations

import enum
import typing

import attrs

from anycord import enums, urls
from anycord.models import cdn
from anycord.models.base import require_app

if typing.TYPE_CHECKING:
    import datetime
    from collections.abc import Sequence

    from anycord.models.emojis import CustomEmoji, UnicodeEmoji
    from anycord.models.members import Member
    from anycord.models.users import User
    from anycord.snowflakes import Snowflake
    from anycord.traits import RESTAware

__all__ = [
    "Activity",
    "ActivityAssets",
    "ActivityFlag",
    "ActivityParty",
    "ActivitySecret",
    "ActivityTimestamps",
    "ActivityType",
    "ClientStatus",
    "MemberPresence",
    "RichActivity",
    "Status",
    "StatusDisplayType",
]


class Status(enums.StrEnum):
    """A user's status. Bots may also send `INVISIBLE`, which others see as `OFFLINE`."""

    ONLINE = "online"
    IDLE = "idle"
    DO_NOT_DISTURB = "dnd"
    OFFLINE = "offline"
    INVISIBLE = "invisible"


class ActivityType(enums.IntEnum):
    """What a user is doing."""

    PLAYING = 0
    STREAMING = 1
    LISTENING = 2
    WATCHING = 3
    CUSTOM = 4
    COMPETING = 5


class StatusDisplayType(enums.IntEnum):
    """Which activity field the member list shows."""

    NAME = 0
    STATE = 1
    DETAILS = 2


class ActivityFlag(enum.IntFlag, boundary=enum.KEEP):
    """Activity flags."""

    NONE = 0
    INSTANCE = 1 << 0
    JOIN = 1 << 1
    SPECTATE = 1 << 2
    JOIN_REQUEST = 1 << 3
    SYNC = 1 << 4
    PLAY = 1 << 5
    PARTY_PRIVACY_FRIENDS = 1 << 6
    PARTY_PRIVACY_VOICE_CHANNEL = 1 << 7
    EMBEDDED = 1 << 8


@attrs.define(slots=True, kw_only=True, eq=True, weakref_slot=False)
class Activity:
    """An activity a bot can set: `Activity(name="chess", type=ActivityType.PLAYING)`.

    `url` is only used with `STREAMING` (Twitch/YouTube); `state` is the custom status text.
    """

    name: str
    type: ActivityType = ActivityType.PLAYING
    url: str | None = None
    state: str | None = None

    def __str__(self) -> str:
        return self.name


@attrs.define(slots=True, kw_only=True, eq=True, weakref_slot=False)
class ActivityTimestamps:
    """When an activity started or ends."""

    start: datetime.datetime | None = None
    end: datetime.datetime | None = None


@attrs.define(slots=True, kw_only=True, eq=True, weakref_slot=False)
class ActivityParty:
    """The player's party."""

    id: str | None = None
    current_size: int | None = None
    max_size: int | None = None


@attrs.define(slots=True, kw_only=True, eq=True, weakref_slot=False)
class ActivityAssets:
    """Images and their hover texts."""

    application_id: Snowflake | None = attrs.field(default=None, repr=False)
    large_image: str | None = None
    large_text: str | None = None
    large_url: str | None = None
    small_image: str | None = None
    small_text: str | None = None
    small_url: str | None = None

    def make_large_image_url(
        self,
        *,
        ext: str | None = None,
        size: int | None = None,
        **fmt: typing.Unpack[cdn.FormatOptions],
    ) -> str | None:
        """The large image's URL (an `mp:` image's media proxy URL, else the application
        asset's CDN URL), or `None` without one."""
        return _asset_url(self.application_id, self.large_image, ext=ext, size=size, **fmt)

    def make_small_image_url(
        self,
        *,
        ext: str | None = None,
        size: int | None = None,
        **fmt: typing.Unpack[cdn.FormatOptions],
    ) -> str | None:
        """The small image's URL (as `make_large_image_url`), or `None` without one."""
        return _asset_url(self.application_id, self.small_image, ext=ext, size=size, **fmt)


def _asset_url(
    application_id: Snowflake | None,
    image: str | None,
    *,
    ext: str | None = None,
    size: int | None = None,
    **fmt: typing.Unpack[cdn.FormatOptions],
) -> str | None:
    """Where an activity asset image is (gateway-events.mdx "Activity Asset Image").

    An `mp:{id}` image is on the media proxy (format and size do not apply); an application
    asset ID is on the CDN under the activity's application. `None` for no image, an unknown
    `prefix:` kind, or an asset ID without an application ID.
    """
    if image is None:
        return None
    kind, sep, rest = image.partition(":")
    if sep:
        return f"{urls.MEDIA_PROXY_URL}/{rest}" if kind == "mp" else None
    if application_id is None:
        return None
    return cdn.application_asset_url(application_id, image, ext=ext, size=size, **fmt)


@attrs.define(slots=True, kw_only=True, eq=True, weakref_slot=False)
class ActivitySecret:
    """Secrets for joining and spectating."""

    join: str | None = None
    spectate: str | None = None
    match: str | None = None


@attrs.define(slots=True, kw_only=True, eq=True, weakref_slot=False)
class RichActivity(Activity):
    """An activity as Discord reports it."""

    created_at: datetime.datetime | None = None
    timestamps: ActivityTimestamps | None = None
    application_id: Snowflake | None = None
    details: str | None = None
    details_url: str | None = None
    state_url: str | None = None
    status_display_type: StatusDisplayType | None = None
    emoji: UnicodeEmoji | CustomEmoji | None = None
    party: ActivityParty | None = None
    assets: ActivityAssets | None = None
    secrets: ActivitySecret | None = None
    is_instance: bool | None = None
    flags: ActivityFlag | None = None
    buttons: Sequence[str] = ()
    """Button labels (URLs are never sent to bots)."""


@attrs.define(slots=True, kw_only=True, eq=True, weakref_slot=False)
class ClientStatus:
    """Status per platform (absent platforms are `OFFLINE`)."""

    desktop: Status = Status.OFFLINE
    mobile: Status = Status.OFFLINE
    web: Status = Status.OFFLINE


@attrs.define(slots=True, kw_only=True, eq=False, weakref_slot=False)
class MemberPresence:
    """A member's presence in a guild. Equal by `(guild_id, user_id)`."""

    app: RESTAware | None = attrs.field(default=None, repr=False)
    user_id: Snowflake
    guild_id: Snowflake
    visible_status: Status = Status.OFFLINE
    activities: Sequence[RichActivity] = ()
    client_status: ClientStatus = attrs.field(factory=ClientStatus)

    async def fetch_user(self) -> User:
        """The user this presence is of, fetched."""
        return await require_app(self.app, "MemberPresence.fetch_user").rest.fetch_user(
            self.user_id
        )

    async def fetch_member(self) -> Member:
        """The member this presence is of, fetched."""
        rest = require_app(self.app, "MemberPresence.fetch_member").rest
        return await rest.fetch_member(self.guild_id, self.user_id)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, MemberPresence):
            return NotImplemented
        return self.guild_id == other.guild_id and self.user_id == other.user_id

    def __hash__(self) -> int:
        return hash((self.guild_id, self.user_id))
