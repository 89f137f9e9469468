"""Settings objects: HTTP, proxy and cache.

All are frozen attrs classes with keyword-only fields; `attrs.evolve(settings, field=...)`
makes a changed copy. Invalid values raise `ValueError` when the object is built, not later
when a request is made.
"""

from __future__ import annotations

import base64
import enum
import typing

import attrs

if typing.TYPE_CHECKING:
    import ssl as ssl_

__all__ = [
    "BasicAuthHeader",
    "CacheComponents",
    "CacheSettings",
    "HTTPSettings",
    "HTTPTimeoutSettings",
    "ProxySettings",
]


def _positive_or_none(
    _: object, attribute: attrs.Attribute[typing.Any], value: float | None
) -> None:
    if value is not None and value <= 0:
        msg = f"{attribute.name} must be None or greater than 0, not {value!r}"
        raise ValueError(msg)


@attrs.frozen(kw_only=True)
class HTTPTimeoutSettings:
    """Timeouts for HTTP requests, in seconds; `None` means no limit.

    `connect`, `read`, `write` and `pool` map onto httpx's timeouts; `total` bounds a whole
    request attempt (connect to last byte). Rate-limit waits are not counted in any of them.
    """

    connect: float | None = attrs.field(default=10.0, validator=_positive_or_none)
    read: float | None = attrs.field(default=30.0, validator=_positive_or_none)
    write: float | None = attrs.field(default=30.0, validator=_positive_or_none)
    pool: float | None = attrs.field(default=10.0, validator=_positive_or_none)
    total: float | None = attrs.field(default=30.0, validator=_positive_or_none)


@attrs.frozen(kw_only=True)
class HTTPSettings:
    """How REST (and the gateway's TLS connection) talk HTTP.

    Keep-alive is on by default: a bot makes many small requests to one host, and a new TLS
    handshake per request costs more than the request (hikari turns keep-alive off by default).
    """

    timeouts: HTTPTimeoutSettings = attrs.field(factory=HTTPTimeoutSettings)
    keep_alive: bool = True
    """Reuse connections between requests."""
    max_connections: int | None = attrs.field(default=100)
    """Upper bound on open connections; `None` for no bound."""
    max_keepalive_connections: int | None = None
    """Idle connections kept for reuse. `None` sizes the pool from the rate limiter: as many
    as `global_rate_limit` (the most requests the limiter starts in a second), at most
    `max_connections`, so a steady load reuses its connections instead of opening new ones."""
    keepalive_expiry: float | None = 4.0
    """Seconds an idle pooled connection is kept. Below hypercorn's (and many proxies') 5 s
    idle timeout on purpose: at equal values the client may reuse a connection in the very
    moment the server closes it, and the request fails with a reset instead of being sent."""
    max_redirects: int | None = attrs.field(default=None)
    """`None` refuses redirects (Discord's API never redirects); a number follows that many."""
    ssl: bool | ssl_.SSLContext = True
    """`True` verifies with the default context, `False` disables verification, or a context."""
    http2: bool = False
    """Use HTTP/2 when the `h2` package is installed."""
    global_rate_limit: int = attrs.field(default=50)
    """Requests per second the client lets start on globally limited routes (a sliding
    one-second window, applied before sending). Discord's default is 50 per bot; Discord
    raises it for some large bots on request: set it to what Discord granted yours."""

    @global_rate_limit.validator
    def _check_global_rate_limit(self, _: object, value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            msg = f"global_rate_limit must be an integer of at least 1, not {value!r}"
            raise ValueError(msg)

    @max_connections.validator
    def _check_max_connections(self, _: object, value: int | None) -> None:
        if value is not None and value < 1:
            msg = f"max_connections must be None or at least 1, not {value}"
            raise ValueError(msg)

    @max_redirects.validator
    def _check_max_redirects(self, _: object, value: int | None) -> None:
        if value is not None and value < 0:
            msg = f"max_redirects must be None or at least 0, not {value}"
            raise ValueError(msg)


@attrs.frozen(kw_only=True, repr=False)
class BasicAuthHeader:
    """A `Basic` proxy credential. Its repr hides the password."""

    username: str
    password: str
    charset: str = "utf-8"

    @property
    def header(self) -> str:
        """The header value: `Basic base64(username:password)`."""
        raw = f"{self.username}:{self.password}".encode(self.charset)
        return "Basic " + base64.b64encode(raw).decode("ascii")

    def __str__(self) -> str:
        return self.header

    def __repr__(self) -> str:
        return f"BasicAuthHeader(username={self.username!r}, password='***')"


@attrs.frozen(kw_only=True)
class ProxySettings:
    """An HTTP(S) proxy for REST and the gateway.

    `auth` is sent as `Proxy-Authorization` (the standard header; hikari sends a misspelt one).
    """

    url: str | None = None
    auth: BasicAuthHeader | str | None = attrs.field(default=None, repr=False)
    headers: typing.Mapping[str, str] | None = attrs.field(default=None, repr=False)
    trust_env: bool = False
    """Read `HTTP(S)_PROXY`, `NO_PROXY` and `.netrc` from the environment."""

    @property
    def all_headers(self) -> dict[str, str]:
        """The headers to send to the proxy, including `Proxy-Authorization`."""
        out = dict(self.headers or {})
        if self.auth is not None:
            out["Proxy-Authorization"] = str(self.auth)
        return out


class CacheComponents(enum.IntFlag, boundary=enum.KEEP):
    """What the cache stores."""

    NONE = 0
    GUILDS = 1 << 0
    GUILD_CHANNELS = 1 << 1
    MEMBERS = 1 << 2
    ROLES = 1 << 3
    INVITES = 1 << 4
    EMOJIS = 1 << 5
    PRESENCES = 1 << 6
    VOICE_STATES = 1 << 7
    MESSAGES = 1 << 8
    ME = 1 << 9
    DM_CHANNEL_IDS = 1 << 10
    GUILD_STICKERS = 1 << 11
    GUILD_THREADS = 1 << 12
    STAGE_INSTANCES = 1 << 13
    SCHEDULED_EVENTS = 1 << 14
    """Scheduled events, with their interested-user counts."""
    THREAD_MEMBERS = 1 << 15
    """Who is in each thread; stored only while `GUILD_THREADS` is on too."""
    SOUNDBOARD_SOUNDS = 1 << 16
    """Guild soundboard sounds."""
    ALL = (1 << 17) - 1


@attrs.frozen(kw_only=True)
class CacheSettings:
    """What the cache keeps and how much of it."""

    components: CacheComponents = CacheComponents.ALL
    max_messages: int = attrs.field(default=300, validator=attrs.validators.ge(0))
    """Messages kept, oldest evicted first; 0 keeps none."""
    max_dm_channel_ids: int = attrs.field(default=50, validator=attrs.validators.ge(0))
    only_my_member: bool = False
    """Cache only the bot's own member in each guild (saves memory when members are not needed)."""
