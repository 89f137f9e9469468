"""How a REST client authenticates: a static `Bot`/`Bearer` token, or OAuth2 client credentials.

A `TokenStrategy` yields the `Authorization` header value for each request. The client asks
it before every attempt and calls `invalidate()` after a 401, then retries once, so a
strategy that can refresh (client credentials) recovers from a revoked or expired token.
Tokens are registered with `anycord.logs.register_secret` and never appear in reprs.
"""

from __future__ import annotations

import abc
import base64
import enum
import typing
import urllib.parse

import anyio

from anycord import logs
from anycord.rest.routes import Route

if typing.TYPE_CHECKING:
    from collections.abc import Sequence

    from anycord.rest.client import RESTClient

__all__ = [
    "POST_TOKEN",
    "ClientCredentialsStrategy",
    "StaticToken",
    "TokenStrategy",
    "TokenType",
    "basic_auth",
]


class TokenType(enum.StrEnum):
    """The kind of a string token (the `Authorization` header's scheme); equal to its string."""

    BOT = "Bot"
    BASIC = "Basic"
    BEARER = "Bearer"


POST_TOKEN: typing.Final = Route("POST", "/oauth2/token")


class TokenStrategy(abc.ABC):
    """Supplies the `Authorization` header; may refresh after `invalidate()`."""

    __slots__ = ()

    @property
    @abc.abstractmethod
    def token_type(self) -> str:
        """`Bot` or `Bearer`."""

    @property
    def can_refresh(self) -> bool:
        """Whether `invalidate()` followed by `acquire()` may give a different, working token."""
        return False

    @abc.abstractmethod
    async def acquire(self, client: RESTClient) -> str:
        """The header value (`Bot <token>` / `Bearer <token>`), fetching one if needed."""

    def invalidate(self, token: str | None) -> None:  # noqa: B027 - optional hook
        """Drop `token` (the header value) if it is the current one (it was refused with a
        401)."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}(token_type={self.token_type!r})"


class StaticToken(TokenStrategy):
    """A fixed token of the given type."""

    __slots__ = ("_header", "_token_type")

    def __init__(self, token: str, token_type: str = "Bot") -> None:
        token = token.strip()
        if not token:
            msg = "the token is empty"
            raise ValueError(msg)
        if token_type not in ("Bot", "Bearer"):
            msg = f"token_type must be 'Bot' or 'Bearer', not {token_type!r}"
            raise ValueError(msg)
        for prefix in ("Bot ", "Bearer "):
            token = token.removeprefix(prefix)
        logs.register_secret(token)
        self._token_type = str(token_type)
        self._header = f"{token_type} {token}"

    @property
    def token_type(self) -> str:
        return self._token_type

    async def acquire(self, client: RESTClient) -> str:
        return self._header


def basic_auth(client_id: int | str, client_secret: str) -> str:
    """The `Authorization` value an application sends to the OAuth2 token routes.

    RFC 6749 §2.3.1: both halves form-urlencoded, then the base64 of `id:secret`. The secret
    and the encoded pair are registered for redaction from every log line.
    """
    logs.register_secret(client_secret)
    pair = f"{int(client_id)}:{urllib.parse.quote_plus(client_secret)}"
    encoded = base64.b64encode(pair.encode()).decode("ascii")
    logs.register_secret(encoded)
    return f"Basic {encoded}"


class ClientCredentialsStrategy(TokenStrategy):
    """OAuth2 client-credentials grant: a `Bearer` token fetched from `/oauth2/token`.

    The application authenticates with HTTP Basic (`client_id:client_secret`), as Discord's
    OAuth2 page documents for this grant; the body carries only `grant_type` and `scope`.

    The token is fetched on first use, reused until `expires_in` minus `refresh_margin`
    seconds have passed (on the client's clock), and fetched again after a 401. Concurrent
    callers share one fetch.
    """

    __slots__ = (
        "_client_id",
        "_client_secret",
        "_expires_at",
        "_header",
        "_lock",
        "refresh_margin",
        "scopes",
    )

    def __init__(
        self,
        client_id: int | str,
        client_secret: str,
        *,
        scopes: Sequence[str] = ("applications.commands.update",),
        refresh_margin: float = 60.0,
    ) -> None:
        self._client_id = str(int(client_id))
        self._client_secret = client_secret
        self.scopes = tuple(scopes)
        self.refresh_margin = refresh_margin
        self._header: str | None = None
        self._expires_at = 0.0
        self._lock: anyio.Lock | None = None

    @property
    def token_type(self) -> str:
        return "Bearer"

    @property
    def can_refresh(self) -> bool:
        return True

    @property
    def client_id(self) -> str:
        """The application's ID."""
        return self._client_id

    async def acquire(self, client: RESTClient) -> str:
        if self._lock is None:
            self._lock = anyio.Lock()
        async with self._lock:
            if self._header is not None and anyio.current_time() < self._expires_at:
                return self._header
            grant = await client.authorize_client_credentials_token(
                self._client_id, self._client_secret, self.scopes
            )
            token = grant.access_token
            expires_in = grant.expires_in.total_seconds()
            self._expires_at = anyio.current_time() + max(0.0, expires_in - self.refresh_margin)
            self._header = f"Bearer {token}"
            return self._header

    def invalidate(self, token: str | None) -> None:
        if token is None or token == self._header:
            self._header = None
            self._expires_at = 0.0
