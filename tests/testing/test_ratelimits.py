"""The fake's rate limits, seen from a bare httpx client, on virtual time."""

from __future__ import annotations

import time

import anyio
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from anycord.testing.ratelimits import InvalidRequestLimit, ServerRateLimits, bucket_hash
from tests.testing.rest_helpers import bare_client, first_channel, running_fake
from tests.virtual_clock import virtual_time_backends

POST_MESSAGES = "/channels/{channel_id}/messages"
RL_HEADERS = (
    "x-ratelimit-limit",
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
    "x-ratelimit-reset-after",
    "x-ratelimit-bucket",
)


@pytest.fixture(params=virtual_time_backends())
def anyio_backend(request: pytest.FixtureRequest) -> object:
    return request.param


async def test_every_response_carries_the_headers_over_tcp() -> None:
    async with running_fake() as fake, bare_client(fake) as c:
        channel = first_channel(fake, fake.add_guild())
        for _ in range(3):
            r = await c.post(f"/channels/{channel}/messages", json={"content": "x"})
            assert all(h in r.headers for h in RL_HEADERS)
        assert r.headers["x-ratelimit-limit"] == "5"
        assert r.headers["x-ratelimit-remaining"] == "2"
        reset_after = float(r.headers["x-ratelimit-reset-after"])
        assert 0 < reset_after <= 5
        # Reset is wall-clock epoch seconds: now + reset_after, whatever the test clock is.
        assert abs(float(r.headers["x-ratelimit-reset"]) - (time.time() + reset_after)) < 1.0
        assert r.headers["x-ratelimit-bucket"] == bucket_hash(f"POST {POST_MESSAGES}")
        r = await c.get("/users/@me")
        assert all(h in r.headers for h in RL_HEADERS)


async def test_route_429_then_reset() -> None:
    async with running_fake(rest_over_tcp=False) as fake, bare_client(fake, tcp=False) as c:
        channel = first_channel(fake, fake.add_guild())
        url = f"/channels/{channel}/messages"
        statuses = [(await c.post(url, json={"content": "x"})).status_code for _ in range(5)]
        assert statuses == [200] * 5
        assert fake.rest.stats.exhausted_sends == 0
        r = await c.post(url, json={"content": "x"})
        assert r.status_code == 429
        body = r.json()
        assert set(body) == {"message", "retry_after", "global"}
        assert body["global"] is False
        assert 4.9 <= body["retry_after"] <= 5.0
        assert r.headers["x-ratelimit-scope"] == "user"
        assert r.headers["retry-after"] == "5"
        assert r.headers["x-ratelimit-remaining"] == "0"
        assert "x-ratelimit-global" not in r.headers
        stats = fake.rest.stats
        assert (stats.too_many_requests, stats.global_429s, stats.exhausted_sends) == (1, 0, 1)
        assert stats.by_bucket == {r.headers["x-ratelimit-bucket"]: 1}
        await anyio.sleep(body["retry_after"])
        r = await c.post(url, json={"content": "x"})
        assert r.status_code == 200
        assert r.headers["x-ratelimit-remaining"] == "4"
        assert stats.exhausted_sends == 1
        assert len(fake.world.messages[int(channel)]) == 6


async def test_buckets_are_per_major_parameter() -> None:
    async with running_fake(rest_over_tcp=False) as fake, bare_client(fake, tcp=False) as c:
        guild = fake.add_guild(channels=2)
        a, b = (
            ch["id"] for ch in fake.world.channels.values() if ch.get("guild_id") == guild["id"]
        )
        for _ in range(5):
            await c.post(f"/channels/{a}/messages", json={"content": "x"})
        assert (await c.post(f"/channels/{a}/messages", json={"content": "x"})).status_code == 429
        r = await c.post(f"/channels/{b}/messages", json={"content": "x"})
        assert r.status_code == 200
        assert r.headers["x-ratelimit-remaining"] == "4"
        # The bucket hash names the route's bucket, not the channel.
        ra = await c.get(f"/channels/{a}/messages")
        rb = await c.get(f"/channels/{b}/messages")
        assert ra.headers["x-ratelimit-bucket"] == rb.headers["x-ratelimit-bucket"]


async def test_configured_shared_bucket() -> None:
    async with running_fake(rest_over_tcp=False) as fake, bare_client(fake, tcp=False) as c:
        channel = first_channel(fake, fake.add_guild())
        msg = fake.add_message(channel, "react to me")
        base = f"/channels/{channel}/messages/{msg['id']}/reactions"
        fake.rest.limit(
            "PUT",
            "/channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}/@me",
            limit=2,
            per=1.0,
            bucket="reactions",
        )
        fake.rest.limit(
            "DELETE",
            "/channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}/@me",
            limit=2,
            per=1.0,
            bucket="reactions",
        )
        r1 = await c.put(f"{base}/%F0%9F%91%8D/@me")
        r2 = await c.delete(f"{base}/%F0%9F%91%8D/@me")
        r3 = await c.put(f"{base}/%F0%9F%91%8D/@me")
        assert [r1.status_code, r2.status_code, r3.status_code] == [204, 204, 429]
        assert (
            r1.headers["x-ratelimit-bucket"]
            == r2.headers["x-ratelimit-bucket"]
            == bucket_hash("reactions")
        )
        assert (r1.headers["x-ratelimit-remaining"], r2.headers["x-ratelimit-remaining"]) == (
            "1",
            "0",
        )


async def test_global_limit_and_exempt_routes() -> None:
    async with running_fake(rest_over_tcp=False) as fake, bare_client(fake, tcp=False) as c:
        fake.rest.global_limit = 3
        channel = first_channel(fake, fake.add_guild())
        hook = fake.add_webhook(channel)
        statuses = [(await c.get("/users/@me")).status_code for _ in range(3)]
        r = await c.get(f"/channels/{channel}")
        assert statuses == [200, 200, 200]
        assert r.status_code == 429
        assert r.json()["global"] is True
        assert r.headers["x-ratelimit-global"] == "true"
        assert r.headers["x-ratelimit-scope"] == "global"
        assert "x-ratelimit-bucket" not in r.headers
        # Webhook-with-token routes are not bound by the global limit.
        r = await c.post(f"/webhooks/{hook['id']}/{hook['token']}", json={"content": "hi"})
        assert r.status_code == 204
        assert (await c.get("/users/@me")).status_code == 429
        stats = fake.rest.stats
        assert (stats.global_429s, stats.too_many_requests, stats.global_exhausted_sends) == (
            2,
            2,
            1,
        )
        await anyio.sleep(1.0)
        assert (await c.get("/users/@me")).status_code == 200


async def test_default_global_limit_is_50_per_second() -> None:
    async with running_fake(rest_over_tcp=False) as fake, bare_client(fake, tcp=False) as c:
        fake.rest.limit("GET", "/users/@me", limit=1000, per=1.0)
        statuses = [(await c.get("/users/@me")).status_code for _ in range(51)]
        assert statuses.count(200) == 50
        assert statuses[-1] == 429


async def test_injected_shared_429() -> None:
    async with running_fake(rest_over_tcp=False) as fake, bare_client(fake, tcp=False) as c:
        fake.rest.fail_next(1, status=429, retry_after=2.5)
        r = await c.get("/users/@me")
        assert r.status_code == 429
        assert r.headers["x-ratelimit-scope"] == "shared"
        assert r.json() == {
            "message": "The resource is being rate limited.",
            "retry_after": 2.5,
            "global": False,
        }
        assert fake.rest.stats.shared_429s == 1


async def test_a_client_that_honours_the_headers_is_never_counted() -> None:
    async with running_fake(rest_over_tcp=False) as fake, bare_client(fake, tcp=False) as c:
        channel = first_channel(fake, fake.add_guild())
        for _ in range(12):
            r = await c.post(f"/channels/{channel}/messages", json={"content": "x"})
            assert r.status_code == 200
            if r.headers["x-ratelimit-remaining"] == "0":
                await anyio.sleep(float(r.headers["x-ratelimit-reset-after"]))
        assert fake.rest.stats.exhausted_sends == 0
        assert fake.rest.stats.too_many_requests == 0


@settings(max_examples=60, deadline=None)
@given(
    limit=st.integers(1, 6),
    per=st.floats(0.1, 5.0),
    gaps=st.lists(st.floats(0.0, 2.0), min_size=1, max_size=40),
)
def test_no_window_allows_more_than_the_limit(limit: int, per: float, gaps: list[float]) -> None:
    rl = ServerRateLimits(global_limit=0)
    rl.limit("GET", "/users/@me", limit=limit, per=per)
    now, allowed = 0.0, []
    verdict = None
    for gap in gaps:
        now += gap
        verdict = rl.check("GET", "/users/@me", "", "t", now)
        headers = dict(verdict.headers)
        assert 0 <= int(headers["x-ratelimit-remaining"]) < limit or verdict.allowed is False
        assert float(headers["x-ratelimit-reset-after"]) <= per + 0.0005  # 3 decimals
        if verdict.allowed:
            allowed.append(now)
        else:
            assert verdict.body is not None
            assert verdict.body["retry_after"] > 0 or abs(verdict.body["retry_after"]) < 1e-3
    # Fixed windows: any `per`-long span holds at most 2 * limit allowed requests, and the
    # requests of one window never exceed the limit.
    for i, start in enumerate(allowed):
        inside = [t for t in allowed[i:] if t < start + per]
        assert len(inside) <= 2 * limit
    assert rl.stats.too_many_requests == len(gaps) - len(allowed)
    assert verdict is not None
    if not verdict.allowed:
        # Waiting exactly `retry_after` (rounded up to the ms) is always enough.
        assert verdict.body is not None
        later = rl.check("GET", "/users/@me", "", "t", now + verdict.body["retry_after"] + 0.001)
        assert later.allowed


def test_invalid_requests_are_counted_in_a_sliding_window_and_ban_at_the_limit() -> None:
    limit = InvalidRequestLimit(limit=3, window=10.0, ban_duration=30.0)
    assert limit.record(200, None, 0.0) is False
    assert limit.record(404, None, 0.0) is False
    assert limit.record(429, "shared", 0.0) is False  # not counted, per Discord
    assert limit.record(401, None, 1.0)
    assert limit.record(403, None, 2.0)
    assert limit.banned_for(2.0) == 0.0
    # The first one slides out of the window before the third arrives: no ban yet.
    assert limit.record(429, "user", 11.5)
    assert limit.banned_for(11.5) == 0.0
    assert limit.record(429, "global", 11.6)
    assert limit.banned_for(11.6) == 30.0
    assert limit.banned_for(41.6) == 0.0
    limit.limit = 0  # disabled
    for t in range(10):
        limit.record(401, None, 50.0 + t)
    assert limit.banned_for(60.0) == 0.0


async def test_the_fake_refuses_a_banned_caller_like_cloudflare_would() -> None:
    async with running_fake() as fake:
        fake.rest.invalid_request_limit.limit = 2
        fake.rest.invalid_request_limit.ban_duration = 30.0
        async with bare_client(fake, token="nope") as bad:
            for _ in range(2):
                assert (await bad.get("/users/@me")).status_code == 401
        async with bare_client(fake) as c:
            banned = await c.get("/users/@me")
            assert banned.status_code == 429
            assert banned.text == "error code: 1015"
            assert banned.headers["retry-after"] == "30"
            assert banned.headers["content-type"].startswith("text/plain")
            assert not [h for h in banned.headers if h.startswith("x-ratelimit")]
            await anyio.sleep(30.0)  # virtual time
            assert (await c.get("/users/@me")).status_code == 200
        assert fake.rest.stats.invalid_requests == 2
        assert fake.rest.stats.cloudflare_bans == 1
