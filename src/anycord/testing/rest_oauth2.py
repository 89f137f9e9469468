"""Route handlers: the OAuth2 token endpoint (client-credentials, authorization-code and
refresh-token grants) and token revocation.

`grant_code` stands in for the user clicking "Authorize" in the browser: it returns the code
Discord would append to the redirect URI. A code works once, for its redirect URI (and its
PKCE verifier when it was issued with an S256 challenge), within ten minutes; a refresh
token works once and rotates the pair; revoking either token ends the whole grant.

The application authenticates with `Authorization: Basic base64(client_id:client_secret)`,
as Discord documents (topics/oauth2.mdx), or, as RFC 6749 §2.3.1 also allows, with
`client_id` and `client_secret` in the form body. The secret is `world.client_secret`. Issued
tokens go into `world.bearer_tokens`, which is what `Bearer` requests are checked against.
Errors use OAuth2's shape (`{"error": "invalid_client"}`), not Discord's JSON error codes.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import secrets
import typing
import urllib.parse

from anycord.testing._http import Reply, Request
from anycord.testing.rest_handlers import router

if typing.TYPE_CHECKING:
    from anycord.testing.rest_handlers import Handler
    from anycord.testing.world import Payload, World

__all__ = ["CODE_LIFETIME", "HANDLERS", "TOKEN_LIFETIME", "grant_code"]

HANDLERS: dict[tuple[str, str], Handler] = {}
route = router(HANDLERS)

TOKEN_LIFETIME: typing.Final = 604800
"""Seconds an issued access token is declared valid (`expires_in`), a week like Discord's."""

CODE_LIFETIME: typing.Final = 600.0
"""Seconds an authorization code can be exchanged (Discord's codes are short-lived)."""


def grant_code(
    world: World,
    user_id: int,
    *,
    scopes: typing.Sequence[str] = ("identify",),
    redirect_uri: str = "http://localhost:8080",
    code_challenge: str | None = None,
    now: float = 0.0,
) -> str:
    """The code Discord would send to `redirect_uri` after `user_id` authorised the app."""
    code = secrets.token_urlsafe(24)
    world.oauth2_codes[code] = {
        "user_id": int(user_id),
        "scopes": list(scopes),
        "redirect_uri": redirect_uri,
        "code_challenge": code_challenge,
        "expires_at": now + CODE_LIFETIME,
    }
    return code


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
    if grant == "authorization_code":
        return _exchange_code(world, req)
    if grant == "refresh_token":
        return _refresh(world, req)
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


def _pkce_ok(challenge: str | None, verifier: str | None) -> bool:
    if challenge is None:
        return True
    if verifier is None:
        return False
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode() == challenge


def _exchange_code(world: World, req: Request) -> Reply:
    code = world.oauth2_codes.pop(req.form.get("code", ""), None)
    if code is None or req.now > code["expires_at"]:
        return _oauth_error(400, "invalid_grant", 'Invalid "code" in request.')
    if req.form.get("redirect_uri") != code["redirect_uri"]:
        return _oauth_error(400, "invalid_grant", 'Invalid "redirect_uri" in request.')
    if not _pkce_ok(code["code_challenge"], req.form.get("code_verifier")):
        return _oauth_error(400, "invalid_grant", 'Invalid "code_verifier" in request.')
    return _issue_pair(world, int(code["user_id"]), code["scopes"])


def _refresh(world: World, req: Request) -> Reply:
    token = req.form.get("refresh_token", "")
    grant = world.oauth2_grants.get(token)
    if grant is None or grant["refresh_token"] != token:
        return _oauth_error(400, "invalid_grant", 'Invalid "refresh_token" in request.')
    _end_grant(world, grant)
    scopes = grant["scopes"]
    if "scope" in req.form:
        wanted = req.form["scope"].split()
        if not set(wanted) <= set(scopes):
            return _oauth_error(400, "invalid_scope", "The requested scope is invalid.")
        scopes = wanted
    return _issue_pair(world, int(grant["user_id"]), scopes)


def _issue_pair(world: World, user_id: int, scopes: list[str]) -> Reply:
    access, refresh = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
    grant = {"user_id": user_id, "scopes": scopes, "access_token": access, "refresh_token": refresh}
    world.oauth2_grants[access] = world.oauth2_grants[refresh] = grant
    world.bearer_tokens.add(access)
    body = {
        "access_token": access,
        "token_type": "Bearer",
        "expires_in": TOKEN_LIFETIME,
        "refresh_token": refresh,
        "scope": " ".join(scopes),
    }
    return Reply(200, body)


def _end_grant(world: World, grant: Payload) -> None:
    for key in ("access_token", "refresh_token"):
        world.oauth2_grants.pop(grant[key], None)
    world.bearer_tokens.discard(grant["access_token"])


@route("POST", "/oauth2/token/revoke")
def revoke_token(world: World, req: Request) -> Reply:
    refused = _client(world, req)
    if refused is not None:
        return refused
    token = req.form.get("token", "")
    grant = world.oauth2_grants.get(token)
    if grant is not None:
        _end_grant(world, grant)
    world.bearer_tokens.discard(token)
    return Reply(200, {})
