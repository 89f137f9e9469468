"""The request pipeline against FakeDiscord: retries, 429 scopes, errors, tokens, lifecycle."""

from __future__ import annotations

import base64
import functools
import logging
import typing

import anyio
import pytest

from anycord import errors
from anycord.rest.client import RESTClient, encode_query
from anycord.rest.endpoints.messages import POST_MESSAGE
from anycord.rest.endpoints.users import GET_MY_USER
from anycord.rest.ratelimits import RateLimiter
from anycord.rest.tokens import ClientCredentialsStrategy
from anycord.rest.transport import USER_AGENT
from anycord.testing.rest_oauth2 import TOKEN_LIFETIME

if typing.TYPE_CHECKING:
    from tests.rest.conftest import Fake

ME = GET_MY_USER.compile()


def post(fake: Fake, index: int = 0) -> typing.Any:
    return POST_MESSAGE.compile(channel_id=fake.channels[index]["id"])


async def test_headers_user_agent_reason_and_query_encoding(fake: Fake, rest: RESTClient) -> None:
    await rest._request(post(fake), json={"content": "hi"}, reason="tidy up: spam / äö")
    sent = fake.rest.requests[-1]
    assert sent.headers["user-agent"] == USER_AGENT
    assert sent.headers["user-agent"].startswith("DiscordBot (https://")
    assert sent.headers["authorization"] == f"Bot {fake.token}"
    assert sent.headers["x-audit-log-reason"] == "tidy%20up%3A%20spam%20%2F%20%C3%A4%C3%B6".replace(
        "%20", " "
    )
    assert sent.json == {"content": "hi"}
    assert encode_query({"a": True, "b": 3, "ids": [1, 2], "s": "x"}) == [
        ("a", "true"),
        ("b", "3"),
        ("ids", "1"),
        ("ids", "2"),
        ("s", "x"),
    ]


async def test_5xx_is_retried_with_backoff_then_succeeds(fake: Fake, rest: RESTClient) -> None:
    fake.rest.fail_next(2, status=502)
    start = anyio.current_time()
    await rest._request(ME)
    waited = anyio.current_time() - start
    assert [r.status for r in fake.rest.requests] == [502, 502, 200]
    # Backoff: 0.5-1 s, then 1-2 s.
    assert 1.5 <= waited <= 3.0


async def test_5xx_after_the_retries_raises_internal_server_error(fake: Fake) -> None:
    fake.rest.fail_next(3, status=503)
    async with fake.client(max_retries=2) as rest:
        with pytest.raises(errors.InternalServerError) as info:
            await rest._request(ME)
    assert info.value.status == 503
    assert len(fake.rest.requests) == 3


async def test_dropped_connections_are_retried_then_reported(fake: Fake) -> None:
    fake.rest.fail_next(1, status="drop")
    async with fake.client() as rest:
        await rest._request(ME)
        fake.rest.fail_next(5, status="drop")
        with pytest.raises(errors.HTTPError, match="failed after 4 attempts"):
            await rest._request(ME)


async def test_shared_429_waits_retry_after_and_is_not_invalid(
    fake: Fake, rest: RESTClient
) -> None:
    fake.rest.fail_next(1, status=429, retry_after=2.5)
    start = anyio.current_time()
    await rest._request(post(fake), json={"content": "x"})
    assert anyio.current_time() - start == pytest.approx(2.5, abs=0.05)
    assert rest.rate_limiter.invalid.count(anyio.current_time()) == 0


async def test_user_429_from_another_client_on_the_token_is_waited_out(fake: Fake) -> None:
    fake.rest.limit("POST", "/channels/{channel_id}/messages", limit=2, per=4.0)
    async with fake.client() as other, fake.client() as rest:
        for _ in range(2):
            await other._request(post(fake), json={"content": "other"})
        start = anyio.current_time()
        await rest._request(post(fake), json={"content": "mine"})
        assert anyio.current_time() - start == pytest.approx(4.0, abs=0.1)
        assert rest.rate_limiter.invalid.count(anyio.current_time()) == 1
    assert [r.status for r in fake.rest.requests] == [200, 200, 429, 200]
    assert fake.rest.stats.exhausted_sends == 1  # the 429'd attempt; the retry waited


async def test_global_429_blocks_every_route_until_retry_after(fake: Fake) -> None:
    # Our limiter allows far more than the fake: Discord's global 429 must stop everything.
    fake.rest.global_limit = 5
    async with (
        fake.client(rate_limiter=RateLimiter(global_limit=1000)) as rest,
        anyio.create_task_group() as tg,
    ):
        for i in range(8):
            tg.start_soon(functools.partial(rest._request, post(fake, i), json={"content": "x"}))
    stats = fake.rest.stats
    assert stats.global_429s >= 1
    assert stats.global_exhausted_sends == 0
    assert len([r for r in fake.rest.requests if r.status == 200]) == 8


async def test_rate_limit_too_long_is_raised_before_sending(fake: Fake) -> None:
    fake.rest.limit("POST", "/channels/{channel_id}/messages", limit=1, per=1000.0)
    async with fake.client(max_rate_limit=60.0) as rest:
        await rest._request(post(fake), json={"content": "x"})
        with pytest.raises(errors.RateLimitTooLongError) as info:
            await rest._request(post(fake), json={"content": "y"})
    assert info.value.retry_after > 60.0
    assert not info.value.is_global
    assert len(fake.rest.requests) == 1


async def test_429_asking_for_more_than_max_rate_limit_raises(fake: Fake) -> None:
    fake.rest.fail_next(1, status=429, retry_after=900.0)
    async with fake.client(max_rate_limit=300.0) as rest:
        with pytest.raises(errors.RateLimitTooLongError, match=r"900\.00s"):
            await rest._request(ME)


async def test_errors_carry_status_code_message_and_errors_tree(
    fake: Fake, rest: RESTClient
) -> None:
    tree = {"content": {"_errors": [{"code": "BASE_TYPE_MAX_LENGTH", "message": "Too long"}]}}
    fake.rest.stub(
        "POST",
        "/channels/{channel_id}/messages",
        status=400,
        json={"code": 50035, "message": "Invalid Form Body", "errors": tree},
        times=1,
    )
    with pytest.raises(errors.BadRequestError) as bad:
        await rest._request(post(fake), json={"content": "x" * 3000})
    assert (bad.value.status, bad.value.code, bad.value.message) == (
        400,
        50035,
        "Invalid Form Body",
    )
    assert bad.value.flat_errors() == [("content", "Too long")]
    assert "content: Too long" in str(bad.value)
    with pytest.raises(errors.NotFoundError) as missing:
        await rest.fetch_channel(12345)
    assert missing.value.status == 404
    assert fake.token not in str(missing.value)
    assert fake.token not in repr(missing.value.headers)


async def test_unauthorized_with_a_static_token_is_not_retried(fake: Fake) -> None:
    async with fake.client(token="Bot.not.valid.token") as rest:
        with pytest.raises(errors.UnauthorizedError):
            await rest._request(ME)
    assert len(fake.rest.requests) == 1


async def test_client_credentials_fetch_refresh_on_expiry_and_once_on_401(fake: Fake) -> None:
    strategy = ClientCredentialsStrategy(
        fake.world.application_id, fake.world.client_secret, scopes=["identify"]
    )
    async with fake.client(token=strategy) as rest:
        await rest._request(ME)
        await rest._request(ME)
        assert len(fake.rest.requests_to("POST", "/oauth2/token")) == 1
        await anyio.sleep(TOKEN_LIFETIME)  # expired (minus the refresh margin): fetched again
        await rest._request(ME)
        assert len(fake.rest.requests_to("POST", "/oauth2/token")) == 2
        fake.rest.bearer_tokens.clear()  # revoked: one 401, a new token, one retry
        await rest._request(ME)
    token_requests = fake.rest.requests_to("POST", "/oauth2/token")
    assert [r.status for r in token_requests] == [200, 200, 200]
    # Discord's documented form: HTTP Basic with id:secret; the body has no credentials.
    basic = base64.b64encode(f"{fake.world.application_id}:{fake.world.client_secret}".encode())
    for sent in token_requests:
        assert sent.headers["authorization"] == f"Basic {basic.decode()}"
        assert sent.form == {"grant_type": "client_credentials", "scope": "identify"}
    statuses = [r.status for r in fake.rest.requests_to("GET", "/users/@me")]
    assert statuses == [200, 200, 200, 401, 200]
    assert fake.rest.requests[-1].headers["authorization"].startswith("Bearer ")
    assert fake.rest.requests[-1].headers["authorization"].removeprefix("Bearer ") in (
        fake.rest.bearer_tokens
    )
    assert fake.world.client_secret not in repr(strategy)


async def test_client_credentials_with_a_wrong_secret_raise_unauthorized(fake: Fake) -> None:
    strategy = ClientCredentialsStrategy(fake.world.application_id, "not-the-secret-at-all")
    async with fake.client(token=strategy) as rest:
        with pytest.raises(errors.UnauthorizedError):
            await rest._request(ME)
    # No retry loop: the token endpoint's 401 is final, and no API call was made.
    assert [(r.route, r.status) for r in fake.rest.requests] == [("/oauth2/token", 401)]


async def test_close_cancels_waiters_with_a_clear_error(fake: Fake) -> None:
    fake.rest.limit("POST", "/channels/{channel_id}/messages", limit=1, per=100.0)
    outcome: list[BaseException] = []
    async with fake.client() as rest:
        await rest._request(post(fake), json={"content": "x"})

        async def waiter() -> None:
            try:
                await rest._request(post(fake), json={"content": "y"})
            except errors.ComponentClosedError as exc:
                outcome.append(exc)

        async with anyio.create_task_group() as tg:
            tg.start_soon(waiter)
            await anyio.sleep(1)
            await rest.close()
    assert len(outcome) == 1
    assert "closed" in str(outcome[0])
    assert len(fake.rest.requests) == 1


async def test_async_with_cancelled_from_outside_unwinds_cleanly(fake: Fake) -> None:
    # A cancellation arriving while `async with rest:` exits must leave no cancel scope open
    # on the task (asyncio raised RuntimeError, trio "nursery stack corrupted").
    rest = fake.client()
    with anyio.CancelScope() as scope:
        async with rest:
            await rest._request(ME)
            scope.cancel()
            await anyio.sleep(1)
    assert scope.cancelled_caught
    assert not rest.is_alive
    with pytest.raises(errors.ComponentClosedError):
        await rest._request(ME)


async def test_lifecycle_states(fake: Fake) -> None:
    rest = fake.client()
    with pytest.raises(errors.ComponentStateConflictError):
        await rest._request(ME)
    async with anyio.create_task_group() as tg:
        await tg.start(rest.run)
        assert rest.is_alive
        await rest._request(ME)
        await rest.close()
    assert not rest.is_alive
    with pytest.raises(errors.ComponentClosedError):
        await rest._request(ME)
    with pytest.raises(errors.ComponentStateConflictError):
        await rest.run()


async def test_token_is_never_in_repr_or_logs(fake: Fake, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="anycord")
    fake.rest.fail_next(1, status=500)
    async with fake.client() as rest:
        assert fake.token not in repr(rest)
        await rest._request(ME)
    assert fake.token not in caplog.text


def test_bad_arguments_are_rejected() -> None:
    with pytest.raises(ValueError, match="max_retries"):
        RESTClient("t" * 20, max_retries=9)
    with pytest.raises(ValueError, match="token_type"):
        RESTClient("t" * 20, token_type="Basic")


async def test_a_cancelled_call_gives_its_grant_back(fake: Fake, rest: RESTClient) -> None:
    fake.rest.latency = 10.0
    with anyio.move_on_after(1.0):
        await rest._request(post(fake), json={"content": "slow"})
    fake.rest.latency = 0.0
    # The unknown bucket allows one request in flight: a leaked grant would block forever.
    with anyio.fail_after(1.0):
        await rest._request(post(fake), json={"content": "next"})


async def test_invalid_request_budget_is_warned_about(
    fake: Fake, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="anycord.rest")
    limiter = RateLimiter(invalid_limit=8)
    async with fake.client(token="Bot.not.valid.token", rate_limiter=limiter) as rest:
        for _ in range(4):
            with pytest.raises(errors.UnauthorizedError):
                await rest._request(ME)
    assert "25% of Discord's invalid-request budget" in caplog.text
    assert "50% of Discord's invalid-request budget" in caplog.text
    assert limiter.invalid.count(anyio.current_time()) == 4


def _trip_the_ban(fake: Fake, limit: int, ban: float) -> None:
    fake.rest.invalid_request_limit.limit = limit
    fake.rest.invalid_request_limit.ban_duration = ban


async def test_a_cloudflare_ban_longer_than_max_rate_limit_raises_a_clear_error(
    fake: Fake, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR, logger="anycord.rest")
    _trip_the_ban(fake, limit=3, ban=3600.0)
    async with fake.client(token="Bot.not.valid.token") as bad:
        for _ in range(3):
            with pytest.raises(errors.UnauthorizedError):
                await bad._request(ME)
    async with fake.client(max_rate_limit=300.0) as rest:
        with pytest.raises(errors.CloudflareBanError, match="refuses this IP address") as info:
            await rest._request(ME)
    assert isinstance(info.value, errors.RateLimitTooLongError)  # existing handlers still apply
    assert info.value.retry_after == 3600.0
    assert info.value.is_global
    assert fake.rest.stats.invalid_requests == 3
    assert fake.rest.stats.cloudflare_bans == 1
    assert "Cloudflare ban" in caplog.text
    assert fake.token not in caplog.text
    assert fake.token not in str(info.value)


async def test_a_short_cloudflare_ban_holds_every_request_then_lets_them_through(
    fake: Fake,
) -> None:
    _trip_the_ban(fake, limit=2, ban=20.0)
    async with fake.client(token="Bot.not.valid.token") as bad:
        for _ in range(2):
            with pytest.raises(errors.UnauthorizedError):
                await bad._request(ME)
    started = anyio.current_time()
    async with fake.client(max_rate_limit=60.0) as rest, anyio.create_task_group() as tg:
        await rest._request(ME)  # meets the ban, waits it out (virtual time), succeeds
        for i in range(5):
            tg.start_soon(functools.partial(rest._request, post(fake, i), json={"content": "x"}))
    assert anyio.current_time() - started >= 20.0
    # Only the request that met the ban was refused: it held everything else back.
    assert fake.rest.stats.cloudflare_bans == 1
    assert [r.status for r in fake.rest.requests[-6:]] == [200] * 6


def test_transport_builds_proxy_timeouts_and_pool_from_settings() -> None:
    from anycord.config import BasicAuthHeader, HTTPSettings, HTTPTimeoutSettings, ProxySettings
    from anycord.rest.transport import build_http_client

    http = HTTPSettings(timeouts=HTTPTimeoutSettings(connect=3.0, read=7.0), max_redirects=2)
    proxy = ProxySettings(
        url="http://proxy.test:3128", auth=BasicAuthHeader(username="u", password="p")
    )
    client = build_http_client(http, proxy)
    assert client.timeout.connect == 3.0
    assert client.timeout.read == 7.0
    assert client.follow_redirects
    assert client.max_redirects == 2
    assert client.headers["user-agent"] == USER_AGENT
    (mounted,) = client._mounts.values()
    pool = mounted._pool  # type: ignore[union-attr]
    assert pool._proxy_url.host == b"proxy.test"
    assert (b"Proxy-Authorization", b"Basic dTpw") in pool._proxy_headers
    no_redirects = build_http_client(HTTPSettings())
    assert not no_redirects.follow_redirects


async def test_authorize_client_credentials_token_is_hikaris_call(
    fake: Fake, rest: RESTClient
) -> None:
    token = await rest.authorize_client_credentials_token(
        fake.world.application_id, fake.world.client_secret, ["identify"]
    )
    assert token.token_type == "Bearer"
    assert token.access_token in fake.rest.bearer_tokens
    assert token.expires_in.total_seconds() == TOKEN_LIFETIME
    assert token.access_token not in repr(token)
