"""REST endpoints: OAuth2 information (topics/oauth2.mdx).

`fetch_authorization` and `fetch_openid_userinfo` need a Bearer token
(`RESTApp.acquire(token, "Bearer")`); the public keys need none.
"""

from __future__ import annotations

import typing

from anycord.rest.endpoints._base import EndpointBase
from anycord.rest.routes import Route
from anycord.serde.applications import decode_application, decode_authorization_information

if typing.TYPE_CHECKING:
    from anycord.models.applications import Application, AuthorizationInformation

__all__ = ["OAuth2Endpoints"]

GET_AUTHORIZATION = Route("GET", "/oauth2/@me")
GET_OAUTH2_APPLICATION = Route("GET", "/oauth2/applications/@me")
GET_KEYS = Route("GET", "/oauth2/keys")
GET_USERINFO = Route("GET", "/oauth2/userinfo")


class OAuth2Endpoints(EndpointBase):
    """OAuth2 information routes."""

    __slots__ = ()

    async def fetch_authorization(self) -> AuthorizationInformation:
        """What the current Bearer token authorises: application, scopes, expiry, user."""
        payload = await self._request(GET_AUTHORIZATION.compile())
        return decode_authorization_information(payload, self._app)

    async def fetch_oauth2_application(self) -> Application:
        """The bot's application, through the OAuth2 route."""
        return decode_application(await self._request(GET_OAUTH2_APPLICATION.compile()), self._app)

    async def fetch_oauth2_public_keys(self) -> list[dict[str, typing.Any]]:
        """Discord's JSON Web Keys for verifying OpenID Connect ID tokens (no token sent)."""
        payload = await self._request(GET_KEYS.compile(), auth=None)
        return list(payload.get("keys", ()))

    async def fetch_openid_userinfo(self) -> dict[str, typing.Any]:
        """OpenID Connect claims of the current user (Bearer token with `openid`)."""
        return typing.cast("dict[str, typing.Any]", await self._request(GET_USERINFO.compile()))
