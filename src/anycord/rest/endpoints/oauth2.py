"""REST endpoints: OAuth2 information and the authorization-code grant (topics/oauth2.mdx).

`fetch_authorization` and `fetch_openid_userinfo` need a Bearer token
(`RESTApp.acquire(token, "Bearer")`); the public keys need none.

`authorize_access_token` exchanges the `code` Discord sent to your redirect URI for an access
and a refresh token, `refresh_access_token` trades a refresh token for a new pair, and
`revoke_access_token` revokes a token (and with it the grant). All three authenticate as the
application (HTTP Basic with the client ID and secret, as Discord documents) and work on a
client acquired without a token (`RESTApp().acquire(None)`). The secret, the code and every
token are registered for redaction before the request, and the returned token's `repr` omits
them.
"""

from __future__ import annotations

import typing

from anycord import logs
from anycord.models.applications import OAuth2AuthorizationToken
from anycord.rest.endpoints._base import EndpointBase
from anycord.rest.endpoints._payloads import sid
from anycord.rest.routes import Route
from anycord.rest.tokens import POST_TOKEN, basic_auth
from anycord.serde.applications import (
    decode_application,
    decode_authorization_information,
    decode_oauth2_token,
)
from anycord.undefined import UNDEFINED, UndefinedOr

if typing.TYPE_CHECKING:
    from collections.abc import Sequence

    from anycord.models.applications import (
        Application,
        AuthorizationInformation,
        PartialOAuth2Token,
    )
    from anycord.snowflakes import SnowflakeishOr

__all__ = ["OAuth2Endpoints"]

GET_AUTHORIZATION = Route("GET", "/oauth2/@me")
GET_OAUTH2_APPLICATION = Route("GET", "/oauth2/applications/@me")
GET_KEYS = Route("GET", "/oauth2/keys")
GET_USERINFO = Route("GET", "/oauth2/userinfo")
POST_REVOKE = Route("POST", "/oauth2/token/revoke")


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

    # -- the client-credentials grant -------------------------------------------------------

    async def authorize_client_credentials_token(
        self, client: SnowflakeishOr, client_secret: str, scopes: Sequence[str]
    ) -> PartialOAuth2Token:
        """A `Bearer` token for the application itself (HTTP Basic with `client` and
        `client_secret`); `ClientCredentialsStrategy` fetches and refreshes one for a client."""
        form = {"grant_type": "client_credentials", "scope": " ".join(str(s) for s in scopes)}
        auth = basic_auth(sid(client), client_secret)
        payload = await self._request(POST_TOKEN.compile(), form=form, auth=auth)
        logs.register_secret(str(payload["access_token"]))
        return decode_oauth2_token(payload, self._app)

    # -- the authorization-code grant ------------------------------------------------------

    async def _token_grant(
        self, client: SnowflakeishOr, client_secret: str, form: dict[str, str]
    ) -> OAuth2AuthorizationToken:
        auth = basic_auth(sid(client), client_secret)
        payload = await self._request(POST_TOKEN.compile(), form=form, auth=auth)
        for key in ("access_token", "refresh_token"):
            if payload.get(key):
                logs.register_secret(str(payload[key]))
        token = decode_oauth2_token(payload, self._app)
        if not isinstance(token, OAuth2AuthorizationToken):
            # Discord always sends a refresh token for these grants; keep the type honest.
            token = OAuth2AuthorizationToken(
                access_token=token.access_token,
                token_type=token.token_type,
                expires_in=token.expires_in,
                scopes=token.scopes,
            )
        return token

    async def authorize_access_token(
        self,
        client: SnowflakeishOr,
        client_secret: str,
        code: str,
        redirect_uri: str,
        *,
        code_verifier: UndefinedOr[str] = UNDEFINED,
    ) -> OAuth2AuthorizationToken:
        """Exchange an authorization `code` for an access token and a refresh token.

        `redirect_uri` must be the one the code was issued for; `code_verifier` is the PKCE
        verifier when the authorization request carried a challenge. Raises
        `BadRequestError` for a used, expired or unknown code.
        """
        logs.register_secret(code)
        form = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri}
        if code_verifier is not UNDEFINED:
            logs.register_secret(code_verifier)
            form["code_verifier"] = code_verifier
        return await self._token_grant(client, client_secret, form)

    async def refresh_access_token(
        self,
        client: SnowflakeishOr,
        client_secret: str,
        refresh_token: str,
        *,
        scopes: UndefinedOr[Sequence[str]] = UNDEFINED,
    ) -> OAuth2AuthorizationToken:
        """A new access token (and refresh token) for `refresh_token`; the old pair stops
        working. `scopes` narrows the grant."""
        logs.register_secret(refresh_token)
        form = {"grant_type": "refresh_token", "refresh_token": refresh_token}
        if scopes is not UNDEFINED:
            form["scope"] = " ".join(str(s) for s in scopes)
        return await self._token_grant(client, client_secret, form)

    async def revoke_access_token(
        self, client: SnowflakeishOr, client_secret: str, token: str | PartialOAuth2Token
    ) -> None:
        """Revoke an access or refresh token (a token object revokes its access token)."""
        value = token if isinstance(token, str) else token.access_token
        logs.register_secret(value)
        auth = basic_auth(sid(client), client_secret)
        await self._request(POST_REVOKE.compile(), form={"token": value}, auth=auth)
