"""OAuth2's authorization-code grant against FakeDiscord (both backends): exchange, use as
the user, refresh (rotating the pair), revoke; PKCE; and no secret, code or token in a repr
or a log line."""

from __future__ import annotations

import base64
import hashlib
import logging
import typing

import pytest

import anycord
from anycord.models.applications import OAuth2AuthorizationToken
from anycord.testing import FakeDiscord

if typing.TYPE_CHECKING:
    from collections.abc import AsyncIterator

REDIRECT = "http://localhost:8080"


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    async with FakeDiscord() as fake:
        yield fake


async def test_exchange_use_refresh_and_revoke(
    fake: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    user = fake.add_user(username="alice")
    app_id, secret = fake.application_id, fake.world.client_secret
    code = fake.authorize(user["id"], scopes=["identify", "guilds"], redirect_uri=REDIRECT)
    rest_app = anycord.RESTApp(rest_url=fake.rest_url)
    async with rest_app.acquire(None) as rest:
        token = await rest.authorize_access_token(app_id, secret, code, REDIRECT)
    assert isinstance(token, OAuth2AuthorizationToken)
    assert token.token_type == "Bearer"
    assert token.refresh_token
    assert [str(s) for s in token.scopes] == ["identify", "guilds"]
    assert token.expires_in.total_seconds() == 604800
    for secret_text in (token.access_token, token.refresh_token, code, secret):
        assert secret_text not in repr(token)

    async with rest_app.acquire(token.access_token, anycord.TokenType.BEARER) as client:
        me = await client.fetch_my_user()
    assert me.username == "alice"

    async with rest_app.acquire(None) as rest:
        # A code works once.
        with pytest.raises(anycord.BadRequestError):
            await rest.authorize_access_token(app_id, secret, code, REDIRECT)
        fresh = await rest.refresh_access_token(
            app_id, secret, token.refresh_token, scopes=["identify"]
        )
        assert fresh.access_token != token.access_token
        assert [str(s) for s in fresh.scopes] == ["identify"]
        # The old pair stopped working.
        with pytest.raises(anycord.BadRequestError):
            await rest.refresh_access_token(app_id, secret, token.refresh_token)
        await rest.revoke_access_token(app_id, secret, fresh)
    async with rest_app.acquire(fresh.access_token, "Bearer") as client:
        with pytest.raises(anycord.UnauthorizedError):
            await client.fetch_my_user()

    logged = "\n".join(r.getMessage() for r in caplog.records)
    for secret_text in (secret, code, token.access_token, token.refresh_token, fresh.access_token):
        assert secret_text not in logged


async def test_wrong_redirect_secret_or_verifier_is_refused(fake: FakeDiscord) -> None:
    user = fake.add_user()
    app_id, secret = fake.application_id, fake.world.client_secret
    async with anycord.RESTApp(rest_url=fake.rest_url).acquire(None) as rest:
        code = fake.authorize(user["id"], redirect_uri=REDIRECT)
        with pytest.raises(anycord.BadRequestError):
            await rest.authorize_access_token(app_id, secret, code, "http://elsewhere")
        code = fake.authorize(user["id"], redirect_uri=REDIRECT)
        with pytest.raises(anycord.UnauthorizedError):
            await rest.authorize_access_token(app_id, "not-the-secret", code, REDIRECT)

        verifier = "v" * 64
        digest = hashlib.sha256(verifier.encode()).digest()
        challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
        code = fake.authorize(user["id"], redirect_uri=REDIRECT, code_challenge=challenge)
        with pytest.raises(anycord.BadRequestError):
            await rest.authorize_access_token(
                app_id, secret, code, REDIRECT, code_verifier="w" * 64
            )
        code = fake.authorize(user["id"], redirect_uri=REDIRECT, code_challenge=challenge)
        token = await rest.authorize_access_token(
            app_id, secret, code, REDIRECT, code_verifier=verifier
        )
        assert token.access_token


async def test_rest_app_start_keeps_one_pool_until_close(fake: FakeDiscord) -> None:
    rest_app = anycord.RESTApp(rest_url=fake.rest_url)
    await rest_app.start()
    pool = rest_app.http_client
    assert pool is not None
    async with rest_app.acquire(fake.token) as rest:
        await rest.fetch_my_user()
    assert rest_app.http_client is pool
    assert not pool.is_closed
    async with rest_app.acquire(fake.token) as rest:
        assert rest.http_client is pool
    await rest_app.close()
    assert rest_app.http_client is None
    assert pool.is_closed
