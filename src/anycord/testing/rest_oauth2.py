"""Route handlers: the OAuth2 token endpoint (client-credentials grant) and token revocation.

The application authenticates with `Authorization: Basic base64(client_id:client_secret)`,
as Discord documents (topics/oauth2.mdx), or, as RFC 6749 §2.3.1 also allows, with
`client_id` and `client_secret` in the form body. The secret is `world.client_secret`. Issued
tokens go into `world.bearer_tokens`, which is what `Bearer` requests are checked against.
Errors use OAuth2's shape (`{"error": "invalid_client"}`), not Discord's JSON error codes.
"""

from __future__ import annotations

import base64
import binascii
import secrets
import typing
import urllib.parse

from anycord.testing._http import Reply, Request
from anycord.testing.rest_handlers import router

if typing.TYPE_CHECKING:
    from anycord.testing.rest_handlers import Handler
    from anycord.testing.world import World

__all__ = ["HANDLERS", "TOKEN_LIFETIME"]

HANDLERS: dict[tuple[str, str], Handler] = {}
route = router(HANDLERS)

TOKEN_LIFETIME: typing.Final = 604800
"""Seconds an issued access token is declared valid (`expires_in`), a week like Discord's."""


def _oauth_error(status: int, error: str, description: str) -> Reply:
    return Reply(status, {"error": error, "error_description": description})


def _client(world: World, req: Request) -> Reply | None:
    """None when the request authenticates as the application, else the OAuth2 error."""
    kind, _, value = req.headers.get("authorization", "").partition(" ")
    if kind == "Basic":
        try:
            pair = base64.b64decode(value, validate=True).decode()
        except (binascii.Error, UnicodeDecodeError):
            return _oauth_error(401, "invalid_client", "Malformed Basic credentials")
        client_id, _, secret = pair.partition(":")
        client_id, secret = urllib.parse.unquote_plus(client_id), urllib.parse.unquote_plus(secret)
    else:
        client_id, secret = req.form.get("client_id", ""), req.form.get("client_secret", "")
    known = client_id == str(world.application_id)
    if not (known and secrets.compare_digest(secret.encode(), world.client_secret.encode())):
        return _oauth_error(401, "invalid_client", "Invalid client credentials")
    return None


@route("POST", "/oauth2/token")
def issue_token(world: World, req: Request) -> Reply:
    refused = _client(world, req)
    if refused is not None:
        return refused
    grant = req.form.get("grant_type")
    if grant != "client_credentials":
        return _oauth_error(400, "unsupported_grant_type", f"Unsupported grant type {grant!r}")
    token = secrets.token_urlsafe(24)
    world.bearer_tokens.add(token)
    return Reply(
        200,
        {
            "access_token": token,
            "token_type": "Bearer",
            "expires_in": TOKEN_LIFETIME,
            "scope": req.form.get("scope", ""),
        },
    )


@route("POST", "/oauth2/token/revoke")
def revoke_token(world: World, req: Request) -> Reply:
    refused = _client(world, req)
    if refused is not None:
        return refused
    world.bearer_tokens.discard(req.form.get("token", ""))
    return Reply(200, {})
